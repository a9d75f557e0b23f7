"""The reader interface and the helpers every reader shares.

A reader is a small class with a ``fmt`` name and ``read(source, data)``: it takes the raw bytes
of one input and yields :class:`~newsline.records.RawDocument` records. Bad input as a whole is
refused by raising an :class:`~newsline.errors.InputError` subclass (the caller turns it into a
:class:`~newsline.records.Reject`); a container format (JSONL, WARC, feeds, JSON arrays) yields a
``Reject`` for one broken record and goes on with the rest.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from ..records import RawDocument, Reject
from .decode import repair_surrogates

__all__ = ["Reader", "Item", "sha256_hex", "MetaBuilder"]

Item = RawDocument | Reject


class Reader:
    """One input format. Subclasses set ``fmt`` and implement :meth:`read`."""

    #: the ``RawDocument.fmt`` this reader produces
    fmt: str = ""

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        """Yield the documents (and per-record rejects) held in ``data`` read from ``source``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(fmt={self.fmt!r})"


def sha256_hex(data: bytes | str) -> str:
    """Hex SHA-256 of bytes (str is hashed as UTF-8): the ``raw_sha`` of a record."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


class MetaBuilder:
    """Collects ``meta`` values with the reason each was set (``meta_from``).

    Empty values (None, "", [], {}) are not stored, and the first value set for a key wins, so a
    reader can offer values from its best source first and fall back to weaker ones.
    """

    def __init__(self) -> None:
        self.meta: dict[str, Any] = {}
        self.meta_from: dict[str, str] = {}

    def set(self, key: str, value: Any, origin: str, *, override: bool = False) -> None:
        value = self._repaired(value)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", [], {}) or (key in self.meta and not override):
            return
        self.meta[key] = value
        self.meta_from[key] = origin

    def note(self, key: str, value: Any) -> None:
        """Record reader facts that are not article metadata (decoding, warnings): no origin."""
        if value not in (None, "", [], {}):
            self.meta[key] = value

    def _repaired(self, value: Any) -> Any:
        """``value`` with lone surrogates replaced (strings, and strings in lists and dicts)."""
        if isinstance(value, str):
            value, count = repair_surrogates(value)
            if count:
                self.meta["surrogates_replaced"] = self.meta.get("surrogates_replaced", 0) + count
            return value
        if isinstance(value, list):
            return [self._repaired(v) for v in value]
        if isinstance(value, dict):
            return {self._repaired(k): self._repaired(v) for k, v in value.items()}
        return value

    def document(self, source: str, text: str, fmt: str, *, raw: bytes | str, record: str = "",
                 html: str | None = None) -> RawDocument:
        text, html = self._repaired(text), self._repaired(html)
        self.meta = self._repaired(self.meta)
        return RawDocument(source=source, text=text, fmt=fmt, record=record, raw_sha=sha256_hex(raw),
                           meta=self.meta, meta_from=self.meta_from, html=html)
