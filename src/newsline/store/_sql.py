"""SQL helpers shared by the store's modules: bound-parameter chunks and placeholders."""
from __future__ import annotations

from collections.abc import Iterator

#: SQLite's default bound-parameter limit is 32766; bulk reads go in chunks well below it.
CHUNK = 900


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def marks(n: int) -> str:
    return ", ".join("?" * n)
