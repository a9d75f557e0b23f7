"""Store methods for event mentions (per article) and merged events (corpus-wide).

Mentions of an article are replaced as a whole when the article is re-extracted (idempotent).
Events are written by the merge barrier: as a whole by a full merge (``replace_events``), or
only the events an incremental merge rebuilt (``write_events``), with the tables it reads to find
them (``event_articles``, ``event_keys``). Ids are stable because the merger reuses the id of the
existing event its mentions belonged to.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

from ..records import Event, EventArgument, EventMention, Span
from ._sql import chunks as _chunks
from ._sql import window_json, window_of

__all__ = ["EventStoreMixin"]


def _args_json(args: list[EventArgument]) -> str:
    return json.dumps([{"role": a.role, "value": a.value, "span": [a.span.start, a.span.end, a.span.label]}
                       for a in args], ensure_ascii=False, default=str)


def _args(text: str, article_id: str) -> list[EventArgument]:
    return [EventArgument(a["role"], a["value"], Span(article_id, a["span"][0], a["span"][1], a["span"][2]))
            for a in json.loads(text)]


class EventStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""

    # -- mentions ----------------------------------------------------------------------------------
    def replace_mentions(self, article_id: str, mentions: Iterable[EventMention]) -> int:
        """Replace every mention of one article; return how many were written."""
        rows = [(m.id, m.article_id, m.type, m.mode, m.context, m.trigger.start, m.trigger.end,
                 m.sentence.start, m.sentence.end, m.date, window_json(m.date_window),
                 _args_json(m.arguments)) for m in mentions]
        with self.transaction() as db:
            db.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT INTO event_mentions (id, article_id, type, mode, context, trigger_start, trigger_end,"
                " sent_start, sent_end, date, date_window, arguments) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def iter_mentions(self, article_ids: Iterable[str] | None = None) -> Iterator[EventMention]:
        """Mentions in article ingest order, then text order."""
        if article_ids is None:
            yield from self._mentions_where("", [])
        else:
            yield from self._mentions_where("m.article_id IN ({marks})", list(dict.fromkeys(article_ids)))

    def _mentions_where(self, condition: str, values: list[Any], extra: str = "") -> list[EventMention]:
        """Mentions whose ``condition`` (with ``{marks}`` for ``values``, asked in chunks) and
        ``extra`` hold, in article ingest order, then text order."""
        sql = "SELECT m.*, a.seq AS _seq FROM event_mentions m JOIN articles a ON a.id = m.article_id"
        if not condition:
            return [_row_mention(r) for r in self.db.execute(sql + " ORDER BY a.seq, m.trigger_start")]
        rows = []
        for chunk in _chunks(values):
            rows += self.db.execute(f"{sql} WHERE {condition.format(marks=_marks(len(chunk)))}{extra}", chunk).fetchall()
        return [_row_mention(r) for r in sorted(rows, key=lambda r: (r["_seq"], r["trigger_start"]))]

    def get_mention(self, mention_id: str) -> EventMention | None:
        row = self.db.execute("SELECT * FROM event_mentions WHERE id = ?", (mention_id,)).fetchone()
        return _row_mention(row) if row else None

    def count_mentions(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]

    def mention_events(self) -> dict[str, str]:
        """mention id -> the event id it was merged into (from the last merge)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, event_id FROM event_mentions WHERE event_id IS NOT NULL")}

    def get_mentions(self, mention_ids: Iterable[str]) -> list[EventMention]:
        """The stored mentions with these ids (unknown ids are left out)."""
        rows = []
        for chunk in _chunks(sorted(set(mention_ids))):
            rows += self.db.execute(f"SELECT * FROM event_mentions WHERE id IN ({_marks(len(chunk))})", chunk).fetchall()
        return [_row_mention(r) for r in rows]

    def dated_mentions_of_types(self, types: Iterable[str]) -> list[EventMention]:
        """Mentions dated to a day whose type is one of ``types`` (article ingest order, text order)."""
        return self._mentions_where("m.type IN ({marks})", sorted(set(types)), " AND m.date IS NOT NULL")

    # -- publication dates (the dating stage's decisions) -------------------------------------------
    # -- events ------------------------------------------------------------------------------------
    def replace_events(self, events: list[Event], keys: dict[str, list[str]] | None = None) -> None:
        """Write the merged events (replacing all) and point each mention at its event;
        ``keys``: each event's blocking keys, for a later incremental merge."""
        with self.transaction() as db:
            for table in ("events", "event_actors", "event_articles", "event_keys"):
                db.execute(f"DELETE FROM {table}")
            db.execute("UPDATE event_mentions SET event_id = NULL")
            self._insert_events(db, events, keys or {})

    def write_events(self, events: list[Event], *, delete: Iterable[str] = (),
                     keys: dict[str, list[str]] | None = None) -> None:
        """An incremental merge's result: drop the events in ``delete``, and write ``events``
        (new ones, or stored ones that changed: their rows are replaced), with their keys."""
        gone = sorted(set(delete) | {e.id for e in events})
        with self.transaction() as db:
            for chunk in _chunks(gone):
                marks = _marks(len(chunk))
                for table in ("event_actors", "event_articles", "event_keys"):
                    db.execute(f"DELETE FROM {table} WHERE event_id IN ({marks})", chunk)
                db.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
                db.execute(f"UPDATE event_mentions SET event_id = NULL WHERE event_id IN ({marks})", chunk)
            self._insert_events(db, events, keys or {})

    def _insert_events(self, db: Any, events: list[Event], keys: dict[str, list[str]]) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        insert = f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({_marks(len(_EVENT_COLUMNS))})"
        db.executemany(insert, [_event_row(e, now) for e in events])
        db.executemany("INSERT OR IGNORE INTO event_actors (actor, event_id) VALUES (?, ?)",
                       [(a.lower(), e.id) for e in events for a in e.actors])
        db.executemany("INSERT OR IGNORE INTO event_articles (article_id, event_id) VALUES (?, ?)",
                       [(a, e.id) for e in events for a in e.sources])
        seqs = dict(self.article_seqs({a for e in events for a in e.sources}))
        db.executemany("INSERT OR IGNORE INTO event_keys (key, event_id, at) VALUES (?, ?, ?)",
                       [(k, e.id, max((seqs.get(a, 0) for a in e.sources), default=0))
                        for e in events for k in keys.get(e.id, ())])
        db.executemany("UPDATE event_mentions SET event_id = ? WHERE id = ?",
                       [(e.id, m) for e in events for m in e.mentions])

    # -- the matcher's document frequencies --------------------------------------------------------
    def replace_merge_docs(self, docs: dict[str, Iterable[str]]) -> None:
        """A full merge's documents (article id -> its terms): the frequencies are counted anew."""
        with self.transaction() as db:
            db.execute("DELETE FROM merge_docs")
            db.execute("DELETE FROM merge_df")
            self._add_merge_docs(db, docs)

    def update_merge_docs(self, docs: dict[str, Iterable[str] | None]) -> None:
        """An incremental merge's documents: each article's old terms are taken out of the
        counts and its new ones (None: it is no document any more) put in."""
        ids = list(docs)
        with self.transaction() as db:
            old: Counter = Counter()
            for chunk in _chunks(ids):
                marks = _marks(len(chunk))
                for (terms,) in db.execute(f"SELECT terms FROM merge_docs WHERE article_id IN ({marks})", chunk):
                    old.update(terms.split())
                db.execute(f"DELETE FROM merge_docs WHERE article_id IN ({marks})", chunk)
            db.executemany("UPDATE merge_df SET df = df - ? WHERE term = ?", [(n, t) for t, n in old.items()])
            db.execute("DELETE FROM merge_df WHERE df <= 0")
            self._add_merge_docs(db, {a: t for a, t in docs.items() if t is not None})

    @staticmethod
    def _add_merge_docs(db: Any, docs: dict[str, Iterable[str]]) -> None:
        rows = {aid: sorted(set(terms)) for aid, terms in docs.items()}
        db.executemany("INSERT INTO merge_docs (article_id, terms) VALUES (?, ?)",
                       [(aid, " ".join(t)) for aid, t in rows.items()])
        df = Counter(t for terms in rows.values() for t in terms)
        db.executemany("INSERT INTO merge_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                       sorted(df.items()))

    def merge_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """Document frequencies of ``terms`` (absent: 0) and the number of documents."""
        df: dict[str, int] = {}
        for chunk in _chunks(sorted(set(terms))):
            df.update(self.db.execute(f"SELECT term, df FROM merge_df WHERE term IN ({_marks(len(chunk))})", chunk).fetchall())
        return df, self.db.execute("SELECT COUNT(*) FROM merge_docs").fetchone()[0]

    # -- the semantic extra's vectors (opaque bytes: the matcher encodes and decodes them) -------
    def get_embeddings(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored vectors of those ``keys`` that have them."""
        out: dict[str, bytes] = {}
        for chunk in _chunks(sorted(set(keys))):
            out.update(self.db.execute(f"SELECT key, vectors FROM embeddings WHERE key IN ({_marks(len(chunk))})",
                                       chunk).fetchall())
        return out

    def put_embeddings(self, vectors: dict[str, bytes]) -> None:
        if vectors:
            with self.transaction() as db:
                db.executemany("INSERT OR IGNORE INTO embeddings (key, vectors) VALUES (?, ?)", vectors.items())

    def has_event_keys(self) -> bool:
        """True when the stored events carry blocking keys (or there are none): an incremental
        merge can read just the events a new report may join."""
        if self.db.execute("SELECT 1 FROM events LIMIT 1").fetchone() is None:
            return True
        return self.db.execute("SELECT 1 FROM event_keys LIMIT 1").fetchone() is not None

    def events_of_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Ids of the stored events these articles report."""
        return self._ids_where("event_id", "event_articles", "article_id", article_ids)

    def events_under_keys(self, keys: Iterable[str], *, cap: int | None = None) -> set[str]:
        """Ids of the stored events filed under any of these blocking keys; with ``cap``, an
        attribute key (any but a month's, ``|m:``) gives only its ``cap`` most recent events."""
        keys = set(keys)
        if cap is None:
            return self._ids_where("event_id", "event_keys", "key", keys)
        out = self._ids_where("event_id", "event_keys", "key", {k for k in keys if "|m:" in k})
        for key in sorted(k for k in keys if "|m:" not in k):
            out.update(r[0] for r in self.db.execute(
                "SELECT event_id FROM event_keys WHERE key = ? ORDER BY at DESC, event_id LIMIT ?", (key, cap)))
        return out

    def _ids_where(self, column: str, table: str, key: str, values: Iterable[str]) -> set[str]:
        """``column`` of the rows of ``table`` whose ``key`` is one of ``values`` (indexed)."""
        out: set[str] = set()
        for chunk in _chunks(sorted(set(values))):
            out.update(r[0] for r in self.db.execute(
                f"SELECT {column} FROM {table} WHERE {key} IN ({_marks(len(chunk))})", chunk))
        return out

    def get_events(self, event_ids: Iterable[str]) -> list[Event]:
        """The stored events with these ids (unknown ids are left out), in timeline order."""
        rows = []
        for chunk in _chunks(sorted(set(event_ids))):
            rows += self.db.execute(f"SELECT * FROM events WHERE id IN ({_marks(len(chunk))})", chunk).fetchall()
        return [_row_event(r) for r in sorted(rows, key=lambda r: r["sort_key"])]

    def existing_event_ids(self, event_ids: Iterable[str]) -> set[str]:
        """Which of these ids a stored event holds."""
        return self._ids_where("id", "events", "id", event_ids)

    def events_of_types(self, types: Iterable[str]) -> set[str]:
        """Ids of the stored events of these types (indexed)."""
        return self._ids_where("id", "events", "type", types)

    def iter_events(self) -> Iterator[Event]:
        """Merged events in time order (undated last), then by id."""
        rows = self.db.execute("SELECT * FROM events ORDER BY sort_key")
        for row in rows.fetchall():
            yield _row_event(row)

    def get_event(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            rows = self.db.execute("SELECT * FROM events WHERE id LIKE ? LIMIT 2", (event_id + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _row_event(row) if row else None

    def count_events(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]


_EVENT_COLUMNS = ("id", "type", "mode", "context", "date", "date_window", "sort_date", "place", "actors",
                  "quantities", "sources", "independent_origins", "mentions", "disagreements", "summary",
                  "details", "updated_at", "date_lo", "date_hi", "plover", "place_key", "sort_key")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _event_row(e: Event, now: str) -> tuple:
    window = e.date_window
    lo = e.date or (window.earliest if window else None)
    hi = e.date or (window.latest if window else None)
    sort_date = lo
    return (e.id, e.type, e.mode, e.context, e.date, window_json(window), sort_date, e.place,
            json.dumps(e.actors, ensure_ascii=False), json.dumps(e.quantities, ensure_ascii=False),
            json.dumps(e.sources), e.independent_origins, json.dumps(e.mentions),
            json.dumps(e.disagreements, ensure_ascii=False), e.summary,
            json.dumps(e.details, ensure_ascii=False, default=str), now, lo, hi,
            e.details.get("crosswalk", {}).get("plover"), (e.place or "").lower() or None,
            f"{sort_date or '~'}|{e.id}")


def _row_mention(row: Any) -> EventMention:
    aid = row["article_id"]
    return EventMention(
        id=row["id"], article_id=aid, type=row["type"], mode=row["mode"], context=row["context"],
        trigger=Span(aid, row["trigger_start"], row["trigger_end"], "trigger"),
        sentence=Span(aid, row["sent_start"], row["sent_end"], "sentence"),
        date=row["date"], date_window=window_of(row["date_window"]), arguments=_args(row["arguments"], aid))


def _row_event(row: Any) -> Event:
    return Event(
        id=row["id"], type=row["type"], mode=row["mode"], context=row["context"], date=row["date"],
        date_window=window_of(row["date_window"]), place=row["place"], actors=json.loads(row["actors"]),
        quantities=json.loads(row["quantities"]), sources=json.loads(row["sources"]),
        independent_origins=row["independent_origins"], mentions=json.loads(row["mentions"]),
        disagreements=json.loads(row["disagreements"]), summary=row["summary"],
        details=json.loads(row["details"]))
