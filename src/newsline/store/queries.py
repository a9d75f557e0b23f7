"""The one event query: which merged events pass the timeline's filters, in timeline order, a page
at a time. ``timeline``, ``newsline.api.events``, the server's pages, search and facets all run it.

The conditions are those of :meth:`newsline.timeline.build.TimelineFilter.keep`, written on the
indexed columns of migrations ``0006_merge_indexes`` and ``0010_query_covering_indexes``:

* ``contexts`` — the event's context is one of them (none given: every context);
* ``types`` — exact codes (``TimelineFilter.query`` has already expanded labels, families and a
  PLOVER root's extensions; ``None``: no type filter, an empty tuple: nothing matches);
* ``actor``/``place`` — a part of a name, case-insensitively: the part is looked for in the
  distinct lower-cased names (``actor_names``, ``place_names``), and the events of the names
  found are read through ``event_actors`` and the ``events_place_timeline`` index;
* ``since``/``until`` (ISO days) — the event's day or window overlaps the range; an undated
  event only without a range;
* ``article`` — a mention in that article; ``text`` — an FTS5 expression over the evidence
  sentences.

A page is read in two steps: the positions (``rowid``, ``sort_key``) of the next ``limit`` events
from a covering index — in timeline order, so the walk stops after the page — then those rows
alone. A date range becomes a ``sort_key`` interval: an event that overlaps ``since..until``
starts no later than ``until`` and no earlier than ``since`` minus the longest window in the
store (read from the ``events_span`` index); events with only an upper bound sort with the
undated ones, last, and are read as a second interval. Counting is bounded: ``count_events_where``
stops after ``cap`` events and says whether its figure is exact.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ..records import Event
from ._sql import marks
from .events import _row_event

__all__ = ["EventQueryMixin", "event_conditions", "TOTAL_CAP"]

#: totals are counted exactly up to this many events; above it they are a lower bound
TOTAL_CAP = 10_000
#: a window this many days long or more (or an unreadable bound) leaves ``since`` no lower key
_UNBOUNDED_SPAN = 1e9
#: sort keys are "<YYYY-MM-DD>|<id>" for events with a start, "~|<id>" after them
_UNDATED = "~"


def event_conditions(alias: str = "events", *, contexts: Sequence[str] = (), types: Sequence[str] | None = None,
                     actor: str | None = None, place: str | None = None, since: str | None = None,
                     until: str | None = None, article: str | None = None,
                     text: str | None = None) -> tuple[list[str], list[Any]]:
    """SQL conditions on the events table named ``alias`` that keep exactly the events passing
    the filters (see the module docstring), and their arguments."""
    e = alias
    where: list[str] = []
    args: list[Any] = []
    if contexts:
        where.append(f"{e}.context IN ({marks(len(contexts))})")
        args += list(contexts)
    if types is not None:
        where.append(f"{e}.type IN ({marks(len(types))})" if types else "0")
        args += list(types)
    if actor:
        where.append(f"{e}.id IN (SELECT event_id FROM event_actors WHERE actor IN"
                     " (SELECT actor FROM actor_names WHERE instr(actor, ?) > 0))")
        args.append(actor.lower())
    if place:
        where.append(f"{e}.place_key IN (SELECT place FROM place_names WHERE instr(place, ?) > 0)")
        args.append(place.lower())
    if since or until:
        where.append(f"({e}.date_lo IS NOT NULL OR {e}.date_hi IS NOT NULL)")
        if since:
            where.append(f"({e}.date_hi IS NULL OR {e}.date_hi >= ?)")
            args.append(since)
        if until:
            where.append(f"({e}.date_lo IS NULL OR {e}.date_lo <= ?)")
            args.append(until)
    if article:
        where.append(f"{e}.id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)")
        args.append(article)
    if text:
        where.append(f"{e}.id IN (SELECT m.event_id FROM fts_mentions f JOIN event_mentions m ON m.rowid = f.rowid"
                     " WHERE fts_mentions MATCH ?)")
        args.append(text)
    return where, args


class EventQueryMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db``."""

    def query_events(self, *, contexts: Sequence[str] = (), types: Sequence[str] | None = None,
                     actor: str | None = None, place: str | None = None, since: str | None = None,
                     until: str | None = None, article: str | None = None, text: str | None = None,
                     limit: int | None = None, cursor: str | None = None) -> tuple[list[Event], str | None]:
        """Events in timeline order (undated last) that pass the filters, ``limit`` of them after
        ``cursor`` (the ``next`` of the previous page), and the cursor of the following page
        (None on the last). Only the rows returned are read."""
        where, args = event_conditions("e", contexts=contexts, types=types, actor=actor, place=place,
                                       since=since, until=until, article=article, text=text)
        if cursor:
            where.append("e.sort_key > ?")
            args.append(cursor)
        want = None if limit is None else int(limit) + 1
        found: list[tuple[int, str]] = []
        for lo, hi in self._key_ranges(since, until):
            bounds, bound_args = _range_conditions(lo, hi)
            sql = (f"SELECT e.rowid, e.sort_key FROM events e WHERE {' AND '.join(where + bounds) or '1'}"
                   " ORDER BY e.sort_key" + ("" if want is None else " LIMIT ?"))
            rest = [] if want is None else [want - len(found)]
            found += self.db.execute(sql, [*args, *bound_args, *rest]).fetchall()
            if want is not None and len(found) >= want:
                break
        more = want is not None and len(found) > int(limit)
        found = found[:limit] if more else found
        return self._events_at([r[0] for r in found]), (found[-1][1] if more else None)

    def count_events_where(self, *, contexts: Sequence[str] = (), types: Sequence[str] | None = None,
                           actor: str | None = None, place: str | None = None, since: str | None = None,
                           until: str | None = None, article: str | None = None, text: str | None = None,
                           cap: int | None = TOTAL_CAP) -> tuple[int, bool]:
        """``(count, exact)``: how many events pass the filters, counted up to ``cap`` (None: all);
        above it the count is ``cap`` and ``exact`` is False."""
        where, args = event_conditions("e", contexts=contexts, types=types, actor=actor, place=place,
                                       since=since, until=until, article=article, text=text)
        total = 0
        for lo, hi in self._key_ranges(since, until):
            bounds, bound_args = _range_conditions(lo, hi)
            inner = f"SELECT 1 FROM events e WHERE {' AND '.join(where + bounds) or '1'}"
            if cap is None:
                total += self.db.execute(f"SELECT COUNT(*) FROM ({inner})", [*args, *bound_args]).fetchone()[0]
                continue
            total += self.db.execute(f"SELECT COUNT(*) FROM ({inner} LIMIT ?)",
                                     [*args, *bound_args, cap + 1 - total]).fetchone()[0]
            if total > cap:
                return cap, False
        return total, True

    # -- plumbing ------------------------------------------------------------------------------
    def _events_at(self, rowids: list[int]) -> list[Event]:
        """The events at these rowids, in the order given."""
        if not rowids:
            return []
        rows = {r["rowid"]: r for r in self.db.execute(
            f"SELECT rowid, * FROM events WHERE rowid IN ({marks(len(rowids))})", rowids)}
        return [_row_event(rows[k]) for k in rowids]

    def _key_ranges(self, since: str | None, until: str | None) -> list[tuple[str | None, str | None]]:
        """The ``sort_key`` intervals ``[lo, hi)`` that hold every event a date range can keep, in
        timeline order; the whole timeline without a range."""
        if not since and not until:
            return [(None, None)]
        lower = None
        if since:
            span = self.db.execute("SELECT MAX(COALESCE(julianday(date_hi) - julianday(date_lo), 1e9))"
                                   " FROM events WHERE date_lo IS NOT NULL").fetchone()[0]
            lower = _days_before(since, span)
        upper = until + "}" if until else _UNDATED       # "}" sorts after "|": every key of that day
        return [(lower, min(upper, _UNDATED)), (_UNDATED, None)]


def _range_conditions(lo: str | None, hi: str | None) -> tuple[list[str], list[str]]:
    conds, args = [], []
    if lo is not None:
        conds.append("e.sort_key >= ?")
        args.append(lo)
    if hi is not None:
        conds.append("e.sort_key < ?")
        args.append(hi)
    return conds, args


def _days_before(day: str, span: float | None) -> str | None:
    """The first day an event overlapping ``day`` can start on, when no window is longer than
    ``span`` days (None: no window at all); None when that bound is unknown or unbounded."""
    if span is None:
        return day
    if span >= _UNBOUNDED_SPAN:
        return None
    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=max(int(span), 0) + 1)).isoformat()
    except ValueError:
        return None
