"""The publication-date tables (``0012_publication_dates.sql``): the dating stage's record of
each article's date and the duplicates stage's proposals to it, with the queries the dating stage
runs over them (which articles have no day, which were dated from a copy or have a proposal).
The stage owns what the values mean; the store holds no dating rule."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from ..records import PublicationDate
from ._sql import chunks, marks, window_json, window_of

__all__ = ["DatingStoreMixin", "row_date"]

Proposal = tuple[dict[str, Any] | None, list[dict[str, Any]] | None]


def row_date(row: sqlite3.Row) -> PublicationDate:
    """The :class:`PublicationDate` of a row read with the table's columns joined in."""
    return PublicationDate(row["day"], row["reason"], window_of(row["date_window"]),
                           row["basis"], json.loads(row["set_aside"]) if row["set_aside"] else [])


class DatingStoreMixin:
    """Publication dates and date proposals (mixed into :class:`SQLiteStore`)."""

    db: sqlite3.Connection

    # -- the dating stage's record --------------------------------------------------------------
    def put_publication_date(self, article_id: str, dated: PublicationDate) -> None:
        """Store (replace) the dating stage's record of one article's publication date."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO publication_dates (article_id, day, reason, date_window, basis, set_aside) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, dated.day, dated.reason, window_json(dated.window), dated.basis,
                 json.dumps(dated.set_aside, ensure_ascii=False)))

    def undated_article_ids(self, *, windowed: bool = False) -> list[str]:
        """Articles (ingest order) with no publication day; ``windowed``: only those the dating
        stage has given a window."""
        extra = " AND p.date_window IS NOT NULL" if windowed else ""
        return [r[0] for r in self.db.execute(
            f"SELECT p.article_id FROM publication_dates p JOIN articles a ON a.id = p.article_id "
            f"WHERE p.day IS NULL{extra} ORDER BY a.seq")]

    def copy_dates_to_decide(self) -> list[str]:
        """Articles (ingest order) whose copy-date decision may have changed since it was last
        taken: their proposal was written, replaced or withdrawn, or their date changed while
        they have a proposal or a copied date (kept by triggers, ``0014_pending_work.sql``)."""
        return [r[0] for r in self.db.execute(
            "SELECT u.article_id FROM copy_dates_undecided u CROSS JOIN articles a ON a.id = u.article_id "
            "ORDER BY a.seq")]

    def copy_dates_decided(self, ids: Iterable[str]) -> None:
        """The copy-date decision of ``ids`` is taken."""
        with self.transaction() as db:
            for chunk in chunks(list(ids)):
                db.execute(f"DELETE FROM copy_dates_undecided WHERE article_id IN ({marks(len(chunk))})", chunk)

    # -- the duplicates stage's proposals --------------------------------------------------------
    def put_date_proposals(self, proposals: Mapping[str, Proposal]) -> None:
        """Store what the duplicates stage offers each article: ``{id: (proposal, conflict)}``;
        an article with neither loses its row."""
        with self.transaction() as db:
            for article_id, (proposal, conflict) in proposals.items():
                if proposal is None and conflict is None:
                    db.execute("DELETE FROM date_proposals WHERE article_id = ?", (article_id,))
                    continue
                db.execute("INSERT OR REPLACE INTO date_proposals (article_id, proposal, conflict) VALUES (?, ?, ?)",
                           (article_id, json.dumps(proposal, ensure_ascii=False) if proposal else None,
                            json.dumps(conflict, ensure_ascii=False) if conflict else None))

    def date_proposals(self, ids: Iterable[str] | None = None) -> dict[str, Proposal]:
        """``{id: (proposal, conflict)}`` of the given articles (all with a row when None)."""
        def decode(rows: Iterable[sqlite3.Row]) -> dict[str, Proposal]:
            return {r[0]: (json.loads(r[1]) if r[1] else None, json.loads(r[2]) if r[2] else None) for r in rows}

        if ids is None:
            return decode(self.db.execute(
                "SELECT d.article_id, d.proposal, d.conflict FROM date_proposals d "
                "JOIN articles a ON a.id = d.article_id ORDER BY a.seq"))
        out: dict[str, Proposal] = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            out.update(decode(self.db.execute(
                f"SELECT article_id, proposal, conflict FROM date_proposals WHERE article_id IN ({marks(len(chunk))})",
                chunk)))
        return out
