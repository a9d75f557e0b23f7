"""Store methods for event mentions (per article) and merged events (corpus-wide).

Mentions of an article are replaced as a whole when the article is re-extracted (idempotent).
Events are replaced as a whole by each merge (a barrier over the corpus); their ids are stable
because the merger reuses the id of the existing event its mentions belonged to.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

from ..records import DateWindow, Event, EventArgument, EventMention, Span

__all__ = ["EventStoreMixin"]


def _window_json(window: DateWindow | None) -> str | None:
    if window is None:
        return None
    return json.dumps({"earliest": window.earliest, "latest": window.latest,
                       "reason": window.reason, "weekday": window.weekday}, ensure_ascii=False)


def _window(text: str | None) -> DateWindow | None:
    return DateWindow(**json.loads(text)) if text else None


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
                 m.sentence.start, m.sentence.end, m.date, _window_json(m.date_window),
                 _args_json(m.arguments)) for m in mentions]
        with self.transaction() as db:
            db.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT INTO event_mentions (id, article_id, type, mode, context, trigger_start, trigger_end,"
                " sent_start, sent_end, date, date_window, arguments) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def iter_mentions(self, article_ids: Iterable[str] | None = None) -> Iterator[EventMention]:
        """Mentions in article ingest order, then text order."""
        sql = ("SELECT m.* FROM event_mentions m JOIN articles a ON a.id = m.article_id"
               " {where} ORDER BY a.seq, m.trigger_start")
        if article_ids is None:
            rows = self.db.execute(sql.format(where="")).fetchall()
        else:
            ids = list(article_ids)
            marks = ",".join("?" * len(ids)) or "''"
            rows = self.db.execute(sql.format(where=f"WHERE m.article_id IN ({marks})"), ids).fetchall()
        for row in rows:
            yield _row_mention(row)

    def get_mention(self, mention_id: str) -> EventMention | None:
        row = self.db.execute("SELECT * FROM event_mentions WHERE id = ?", (mention_id,)).fetchone()
        return _row_mention(row) if row else None

    def count_mentions(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]

    def mention_events(self) -> dict[str, str]:
        """mention id -> the event id it was merged into (from the last merge)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, event_id FROM event_mentions WHERE event_id IS NOT NULL")}

    # -- publication dates (the dating stage's decisions) -------------------------------------------
    def copy_date_candidates(self) -> list[str]:
        """Articles the dating stage has a copied-date decision to make for: a proposal or a
        conflict from the duplicates stage, or a date copied before (it may have to go)."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE published_from LIKE 'from its copy %'"
            " OR meta LIKE '%\"published_proposal\"%' OR meta LIKE '%\"published_conflict\"%' ORDER BY seq")
        return [r[0] for r in rows]

    # -- events ------------------------------------------------------------------------------------
    def replace_events(self, events: list[Event]) -> None:
        """Write the merged events (replacing all) and point each mention at its event."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as db:
            db.execute("DELETE FROM events")
            db.execute("UPDATE event_mentions SET event_id = NULL")
            for e in events:
                db.execute(
                    "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (e.id, e.type, e.mode, e.context, e.date, _window_json(e.date_window),
                     e.date or (e.date_window.earliest if e.date_window else None), e.place,
                     json.dumps(e.actors, ensure_ascii=False), json.dumps(e.quantities, ensure_ascii=False),
                     json.dumps(e.sources), e.independent_origins, json.dumps(e.mentions),
                     json.dumps(e.disagreements, ensure_ascii=False), e.summary,
                     json.dumps(e.details, ensure_ascii=False, default=str), now))
                db.executemany("UPDATE event_mentions SET event_id = ? WHERE id = ?",
                               [(e.id, m) for m in e.mentions])

    def iter_events(self) -> Iterator[Event]:
        """Merged events in time order (undated last), then by id."""
        rows = self.db.execute("SELECT * FROM events ORDER BY sort_date IS NULL, sort_date, id")
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


def _row_mention(row: Any) -> EventMention:
    aid = row["article_id"]
    return EventMention(
        id=row["id"], article_id=aid, type=row["type"], mode=row["mode"], context=row["context"],
        trigger=Span(aid, row["trigger_start"], row["trigger_end"], "trigger"),
        sentence=Span(aid, row["sent_start"], row["sent_end"], "sentence"),
        date=row["date"], date_window=_window(row["date_window"]), arguments=_args(row["arguments"], aid))


def _row_event(row: Any) -> Event:
    return Event(
        id=row["id"], type=row["type"], mode=row["mode"], context=row["context"], date=row["date"],
        date_window=_window(row["date_window"]), place=row["place"], actors=json.loads(row["actors"]),
        quantities=json.loads(row["quantities"]), sources=json.loads(row["sources"]),
        independent_origins=row["independent_origins"], mentions=json.loads(row["mentions"]),
        disagreements=json.loads(row["disagreements"]), summary=row["summary"],
        details=json.loads(row["details"]))
