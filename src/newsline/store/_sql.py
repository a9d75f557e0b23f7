"""SQL helpers shared by the store's modules: bound-parameter chunks and placeholders, and the
one JSON form of a :class:`DateWindow` in a column."""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..records import DateWindow

#: SQLite's default bound-parameter limit is 32766; bulk reads go in chunks well below it.
CHUNK = 900


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def marks(n: int) -> str:
    return ", ".join("?" * n)


def window_json(window: DateWindow | None) -> str | None:
    """A window as its column holds it (JSON), None for none."""
    if window is None:
        return None
    return json.dumps({"earliest": window.earliest, "latest": window.latest,
                       "reason": window.reason, "weekday": window.weekday}, ensure_ascii=False)


def window_of(text: str | None) -> DateWindow | None:
    """The window a column holds (None for an empty one)."""
    return DateWindow(**json.loads(text)) if text else None
