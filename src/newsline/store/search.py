"""Store methods for the queries behind ``newsline serve`` and ``newsline.api.search``/``facets``.

Everything here is one indexed SQL query per call, so a page costs what it shows, not what the
store holds: events filtered and paged by keyset (``COALESCE(sort_date, '~'), id``, migration
``0006_serve_fts``), full-text search over the FTS5 indexes that the same migration keeps up to
date with triggers, and facet counts under the same filters.

The event filter is the timeline's (:class:`~newsline.timeline.build.TimelineFilter`), evaluated
in SQL with the same meaning as ``TimelineFilter.keep``; ``since``/``until`` must already be full
ISO days here (``newsline.api`` expands years and months).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..records import Event
from .events import _row_event

#: a :class:`newsline.timeline.build.TimelineFilter` (not imported: the store sits below the stages)
TimelineFilter = Any

__all__ = ["SearchStoreMixin", "MARK_START", "MARK_END", "FACET_FIELDS"]

#: snippet delimiters around a match (private-use characters: never in cleaned text we show)
MARK_START, MARK_END = "\ue000", "\ue001"
#: the key an event sorts by: its day or window start, undated last
_ORDER_KEY = "COALESCE(e.sort_date, '~')"
FACET_FIELDS = ("type", "actor", "place", "outlet", "month")
_SNIPPET_TOKENS = 14


def _event_where(flt: TimelineFilter | None, article: str | None, q: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions (on ``events e``) equivalent to ``TimelineFilter.keep`` plus article and text."""
    where: list[str] = []
    args: list[Any] = []
    if flt is not None:
        if flt.contexts:
            where.append(f"e.context IN ({','.join('?' * len(flt.contexts))})")
            args += list(flt.contexts)
        if flt.types:
            # codes: browse.event_filter has already added each root type's extensions and
            # turned labels into codes, so the events_type index serves the filter
            marks = ",".join("?" * len(flt.types))
            where.append(f"e.type IN ({marks})")
            args += [t.upper() for t in flt.types]
        if flt.actor:
            where.append("e.id IN (SELECT event_id FROM event_actors WHERE instr(actor, ?) > 0)")
            args.append(flt.actor.lower())
        if flt.place:
            where.append("instr(lower(COALESCE(e.place, '')), ?) > 0")
            args.append(flt.place.lower())
        if flt.since or flt.until:
            hi = "COALESCE(e.date, json_extract(e.date_window, '$.latest'))"
            where.append(f"(e.sort_date IS NOT NULL OR {hi} IS NOT NULL)")
            if flt.since:
                where.append(f"NOT ({hi} IS NOT NULL AND {hi} < ?)")
                args.append(flt.since)
            if flt.until:
                where.append("NOT (e.sort_date IS NOT NULL AND e.sort_date > ?)")
                args.append(flt.until)
    if article:
        where.append("e.id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)")
        args.append(article)
    if q:
        where.append("e.id IN (SELECT m.event_id FROM fts_mentions f JOIN event_mentions m ON m.rowid = f.rowid"
                     " WHERE fts_mentions MATCH ?)")
        args.append(q)
    return where, args


def _clause(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


def _article_where(since: str | None, until: str | None, outlet: str | None) -> tuple[list[str], list[Any]]:
    """Conditions on ``articles a``: publication day in range (undated articles only without a
    range), outlet (case-insensitive, exact)."""
    where: list[str] = []
    args: list[Any] = []
    if since:
        where.append("substr(a.published, 1, 10) >= ?")
        args.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        args.append(until)
    if outlet:
        where.append("lower(a.outlet) = ?")
        args.append(outlet.lower())
    return where, args


class SearchStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db``."""

    # -- events --------------------------------------------------------------------------------
    def page_events(self, flt: TimelineFilter | None = None, *, article: str | None = None,
                     q: str | None = None, limit: int = 50,
                     after: tuple[str, str] | None = None) -> list[tuple[tuple[str, str], Event]]:
        """Up to ``limit`` events passing the filter, in time order (undated last), after the
        keyset position ``after``; each with its own position (to continue from)."""
        where, args = _event_where(flt, article, q)
        if after is not None:
            where.append(f"({_ORDER_KEY}, e.id) > (?, ?)")
            args += list(after)
        rows = self.db.execute(f"SELECT e.*, {_ORDER_KEY} AS order_key FROM events e{_clause(where)}"
                               f" ORDER BY {_ORDER_KEY}, e.id LIMIT ?", (*args, limit)).fetchall()
        return [((r["order_key"], r["id"]), _row_event(r)) for r in rows]

    def count_events_where(self, flt: TimelineFilter | None = None, *, article: str | None = None,
                           q: str | None = None) -> int:
        where, args = _event_where(flt, article, q)
        return self.db.execute(f"SELECT COUNT(*) FROM events e{_clause(where)}", args).fetchone()[0]

    def iter_events_where(self, flt: TimelineFilter | None = None, *, article: str | None = None,
                          q: str | None = None, batch: int = 500) -> Iterator[Event]:
        """Every event passing the filter, in time order, read in keyset batches."""
        after = None
        while True:
            page = self.page_events(flt, article=article, q=q, limit=batch, after=after)
            for _, event in page:
                yield event
            if len(page) < batch:
                return
            after = page[-1][0]

    # -- articles ------------------------------------------------------------------------------
    def query_articles(self, *, since: str | None = None, until: str | None = None,
                       outlet: str | None = None, q: str | None = None, limit: int = 50,
                       after: int | None = None) -> tuple[list[tuple[int, str]], int]:
        """``([(seq, article id)], total)``: a page of articles in ingest order after ``after``."""
        where, args = _article_where(since, until, outlet)
        if q:
            where.append("a.rowid IN (SELECT rowid FROM fts_articles WHERE fts_articles MATCH ?)")
            args.append(q)
        total = self.db.execute(f"SELECT COUNT(*) FROM articles a{_clause(where)}", args).fetchone()[0]
        if after is not None:
            where.append("a.seq > ?")
            args.append(after)
        rows = self.db.execute(f"SELECT a.seq, a.id FROM articles a{_clause(where)} ORDER BY a.seq LIMIT ?",
                               (*args, limit)).fetchall()
        return [(r[0], r[1]) for r in rows], total

    def article_mention_events(self, article_id: str) -> dict[str, str]:
        """mention id -> event id for the mentions of one article (merged ones only)."""
        return dict(self.db.execute("SELECT id, event_id FROM event_mentions WHERE article_id = ? "
                                    "AND event_id IS NOT NULL", (article_id,)).fetchall())

    def citations_of(self, article_ids: list[str]) -> dict[str, dict[str, Any]]:
        """What a reader needs to cite each article (outlet, title, date, url), without bodies."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, dict[str, Any]] = {}
        for k in range(0, len(ids), 500):     # stay under SQLite's bound-parameter limit
            chunk = ids[k:k + 500]
            rows = self.db.execute(
                f"SELECT id, title, outlet, published, published_window, url, source FROM articles "
                f"WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for r in rows:
                window = json.loads(r["published_window"]) if r["published_window"] else None
                out[r["id"]] = {"id": r["id"], "title": r["title"], "outlet": r["outlet"],
                                "published": r["published"], "published_window": window,
                                "url": r["url"], "source": r["source"]}
        return out

    # -- full-text search ----------------------------------------------------------------------
    def search_articles(self, match: str, *, since: str | None = None, until: str | None = None,
                        outlet: str | None = None, limit: int = 20) -> tuple[list[dict[str, Any]], int]:
        """Best ``limit`` articles matching the FTS5 expression (titles weigh 5x), with a snippet
        of the best column, and how many match in all."""
        where, args = _article_where(since, until, outlet)
        where.insert(0, "fts_articles MATCH ?")
        args.insert(0, match)
        base = f"FROM fts_articles JOIN articles a ON a.rowid = fts_articles.rowid{_clause(where)}"
        total = self.db.execute(f"SELECT COUNT(*) {base}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT a.id, bm25(fts_articles, 5.0, 1.0) AS score, "
            f"snippet(fts_articles, -1, ?, ?, '…', {_SNIPPET_TOKENS}) AS snip {base} ORDER BY score LIMIT ?",
            (MARK_START, MARK_END, *args, limit)).fetchall()
        return [{"id": r["id"], "score": r["score"], "snippet": r["snip"]} for r in rows], total

    def search_events(self, match: str, flt: TimelineFilter | None = None, *, article: str | None = None,
                      limit: int = 20) -> tuple[list[dict[str, Any]], int]:
        """Best ``limit`` events whose evidence sentences match, each with its best sentence's
        snippet and article, and how many events match in all."""
        where, args = _event_where(flt, article, None)
        where.insert(0, "fts_mentions MATCH ?")
        args.insert(0, match)
        base = (f"FROM fts_mentions JOIN event_mentions m ON m.rowid = fts_mentions.rowid "
                f"JOIN events e ON e.id = m.event_id{_clause(where)}")
        total = self.db.execute(f"SELECT COUNT(DISTINCT e.id) {base}", args).fetchone()[0]
        best: dict[str, dict[str, Any]] = {}
        fetch = limit * 4
        while True:
            rows = self.db.execute(
                f"SELECT e.id, m.article_id, bm25(fts_mentions) AS score, "
                f"snippet(fts_mentions, 0, ?, ?, '…', {_SNIPPET_TOKENS}) AS snip {base} ORDER BY score LIMIT ?",
                (MARK_START, MARK_END, *args, fetch)).fetchall()
            for r in rows:
                best.setdefault(r["id"], {"id": r["id"], "article": r["article_id"], "score": r["score"],
                                          "snippet": r["snip"]})
            if len(best) >= min(limit, total) or len(rows) < fetch:
                break
            fetch *= 4
        return sorted(best.values(), key=lambda h: h["score"])[:limit], total

    # -- facets --------------------------------------------------------------------------------
    def facet_counts(self, field: str, flt: TimelineFilter | None = None, *, article: str | None = None,
                     q: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """``[{"value", "count"}]``: events per value of ``field`` under the filter, most first
        (an unknown place, outlet or month is ``None``)."""
        where, args = _event_where(flt, article, q)
        value, source = {
            "type": ("e.type", "events e"),
            "actor": ("j.value", "events e, json_each(e.actors) j"),
            "place": ("e.place", "events e"),
            "month": ("substr(e.sort_date, 1, 7)", "events e"),
            "outlet": ("a.outlet", "events e JOIN event_mentions m ON m.event_id = e.id "
                                   "JOIN articles a ON a.id = m.article_id"),
        }[field]
        rows = self.db.execute(
            f"SELECT {value} AS value, COUNT(DISTINCT e.id) AS n, MAX(json_extract(e.details, '$.label')) AS label "
            f"FROM {source}{_clause(where)} GROUP BY {value} ORDER BY n DESC, value LIMIT ?",
            (*args, limit)).fetchall()
        out = []
        for r in rows:
            item = {"value": r["value"], "count": r["n"]}
            if field == "type":
                item["label"] = r["label"] or r["value"].lower()
            out.append(item)
        return out
