"""What the timeline and its reports need from a store, typed as a Protocol;
``tests/test_store_ports.py`` keeps it in step with their calls and with the SQLite store."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..records import Article, Event

__all__ = ["TimelineStore"]


class TimelineStore(Protocol):
    """Indexed, paged event queries and the articles events cite."""

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]: ...
    def iter_events(self) -> Iterator[Event]: ...
    def query_events(self, *, contexts: Sequence[str] = (), types: Sequence[str] | None = None,
                     actor: str | None = None, place: str | None = None, since: str | None = None,
                     until: str | None = None, article: str | None = None, text: str | None = None,
                     limit: int | None = None, cursor: str | None = None) -> tuple[list[Event], str | None]: ...
