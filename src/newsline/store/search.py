"""Store methods for the queries behind ``newsline serve`` and ``newsline.api.search``/``facets``.

Each call costs what it shows, not what the store holds: articles paged by ``seq``; full-text
search over the FTS5 indexes that migration ``0006_serve_fts`` keeps up to date with triggers,
ranked within a bounded window of matches and with snippets made for the page alone; facet counts
under the event filters of :mod:`newsline.store.queries` (the one event query).
"""
from __future__ import annotations

import json
from typing import Any

from ._sql import marks
from .queries import TOTAL_CAP, event_conditions

__all__ = ["SearchStoreMixin", "MARK_START", "MARK_END", "FACET_FIELDS", "RANK_WINDOW"]

#: snippet delimiters around a match (private-use characters: never in cleaned text we show)
MARK_START, MARK_END = "\ue000", "\ue001"
FACET_FIELDS = ("type", "actor", "place", "outlet", "month")
_SNIPPET_TOKENS = 14
#: a search ranks (BM25) at most this many matches: the most recently stored ones that pass the
#: filters. A frequent word then costs this many, not every article that holds it.
RANK_WINDOW = 1_000


def _clause(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


def _article_where(since: str | None, until: str | None, outlet: str | None) -> tuple[list[str], list[Any]]:
    """Conditions on ``articles a``: publication day in range (undated articles only without a
    range), outlet (case-insensitive, exact)."""
    where: list[str] = []
    args: list[Any] = []
    days = [(op, day) for op, day in ((">=", since), ("<=", until)) if day]
    if days:        # the day is the dating stage's record, in its own table
        where.append("EXISTS (SELECT 1 FROM publication_dates p WHERE p.article_id = a.id AND "
                     + " AND ".join(f"substr(p.day, 1, 10) {op} ?" for op, _ in days) + ")")
        args += [day for _, day in days]
    if outlet:
        where.append("lower(a.outlet) = ?")
        args.append(outlet.lower())
    return where, args


class SearchStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db``."""

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
                f"SELECT a.id, a.title, a.outlet, p.day, p.date_window, a.url, a.source FROM articles a "
                f"LEFT JOIN publication_dates p ON p.article_id = a.id "
                f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for r in rows:
                window = json.loads(r["date_window"]) if r["date_window"] else None
                out[r["id"]] = {"id": r["id"], "title": r["title"], "outlet": r["outlet"],
                                "published": r["day"], "published_window": window,
                                "url": r["url"], "source": r["source"]}
        return out

    # -- full-text search ----------------------------------------------------------------------
    def search_articles(self, match: str, *, since: str | None = None, until: str | None = None,
                        outlet: str | None = None, limit: int = 20) -> tuple[list[dict[str, Any]], int, bool]:
        """``(hits, total, exact)``: the best ``limit`` articles matching the FTS5 expression
        (titles weigh 5x) among the ``RANK_WINDOW`` most recently stored matches, each with a
        snippet of its best column, and how many match (exact up to ``TOTAL_CAP``)."""
        where, args = _article_where(since, until, outlet)
        join = " JOIN articles a ON a.rowid = f.rowid" if where else ""
        base = f"FROM fts_articles f{join} WHERE fts_articles MATCH ?" + "".join(f" AND {w}" for w in where)
        ranked = self.db.execute(
            f"SELECT r, score FROM (SELECT f.rowid AS r, bm25(fts_articles, 5.0, 1.0) AS score {base}"
            f" ORDER BY f.rowid DESC LIMIT ?) ORDER BY score LIMIT ?", (match, *args, RANK_WINDOW, limit)).fetchall()
        total = self.db.execute(f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT ?)",
                                (match, *args, TOTAL_CAP + 1)).fetchone()[0]
        snips = self._snippets("fts_articles", -1, match, [r[0] for r in ranked])
        ids = dict(self.db.execute(f"SELECT rowid, id FROM articles WHERE rowid IN ({marks(len(ranked))})",
                                   [r[0] for r in ranked]).fetchall()) if ranked else {}
        hits = [{"id": ids[r], "score": score, "snippet": snips.get(r, "")} for r, score in ranked]
        return hits, min(total, TOTAL_CAP), total <= TOTAL_CAP

    def search_events(self, match: str, query: dict[str, Any] | None = None, *,
                      limit: int = 20) -> tuple[list[dict[str, Any]], int, bool]:
        """``(hits, total, exact)``: the best ``limit`` events passing the event filters
        (``query``: the arguments of ``query_events``) whose evidence sentences match, ranked by
        their best sentence among the ``RANK_WINDOW`` most recent matching sentences, each with
        that sentence's snippet and article; and how many events match (a lower bound, not
        exact, when more sentences match than the window holds)."""
        where, args = event_conditions("e", **(query or {}))
        window = self.db.execute(
            "SELECT f.rowid, bm25(fts_mentions) AS score, m.event_id, m.article_id FROM fts_mentions f"
            " JOIN event_mentions m ON m.rowid = f.rowid JOIN events e ON e.id = m.event_id"
            " WHERE fts_mentions MATCH ?" + "".join(f" AND {w}" for w in where) + " ORDER BY f.rowid DESC LIMIT ?",
            (match, *args, RANK_WINDOW)).fetchall()
        best: dict[str, tuple] = {}
        for row in sorted(window, key=lambda r: r[1]):
            best.setdefault(row[2], row)
        page = list(best.values())[:limit]
        snips = self._snippets("fts_mentions", 0, match, [r[0] for r in page])
        hits = [{"id": ev, "article": aid, "score": score, "snippet": snips.get(rowid, "")}
                for rowid, score, ev, aid in page]
        return hits, len(best), len(window) < RANK_WINDOW

    def _snippets(self, table: str, column: int, match: str, rowids: list[int]) -> dict[int, str]:
        """rowid -> snippet of the match, made for these rows only."""
        if not rowids:
            return {}
        rows = self.db.execute(
            f"SELECT rowid, snippet({table}, {column}, ?, ?, '…', {_SNIPPET_TOKENS}) FROM {table}"
            f" WHERE {table} MATCH ? AND rowid IN ({marks(len(rowids))})",
            (MARK_START, MARK_END, match, *rowids)).fetchall()
        return dict(rows)

    # -- facets --------------------------------------------------------------------------------
    def facet_counts(self, field: str, query: dict[str, Any] | None = None, *,
                     limit: int = 50) -> list[dict[str, Any]]:
        """``[{"value", "count"}]``: events per value of ``field`` under the event filters
        (``query``: the arguments of ``query_events``), most first (an unknown place, outlet or
        month is ``None``); a type also has its label."""
        where, args = event_conditions("e", **(query or {}))
        value, source = {
            "type": ("e.type", "events e"),
            "actor": ("j.value", "events e, json_each(e.actors) j"),
            "place": ("e.place", "events e"),
            "month": ("substr(e.sort_date, 1, 7)", "events e"),
            "outlet": ("a.outlet", "events e JOIN event_mentions m ON m.event_id = e.id "
                                   "JOIN articles a ON a.id = m.article_id"),
        }[field]
        count = "COUNT(*)" if field in ("type", "place", "month") else "COUNT(DISTINCT e.id)"
        rows = self.db.execute(f"SELECT {value} AS value, {count} AS n FROM {source}{_clause(where)}"
                               f" GROUP BY {value} ORDER BY n DESC, value LIMIT ?", (*args, limit)).fetchall()
        out = [{"value": r["value"], "count": r["n"]} for r in rows]
        if field == "type":
            for item in out:
                label = self.db.execute("SELECT json_extract(details, '$.label') FROM events WHERE type = ?"
                                        " AND json_extract(details, '$.label') IS NOT NULL LIMIT 1",
                                        (item["value"],)).fetchone()
                item["label"] = label[0] if label else item["value"].lower()
        return out
