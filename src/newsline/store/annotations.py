"""Store methods for language-layer annotations (tables of ``0004_annotations.sql``).

An article's annotations are written whole: ``put_annotations`` replaces whatever was stored for
that article in one transaction, so re-annotating is idempotent. ``get_annotations`` gives the
same records back (without the spaCy ``Doc``, which is never stored).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

from ..errors import StoreError
from ..records import Annotations, Entity, Quantity, Quote, Span, TimeExpr


_TABLES = ("ann_entities", "ann_timexes", "ann_quantities", "ann_quotes", "ann_articles")


class AnnotationStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""

    def put_annotations(self, ann: Annotations) -> None:
        """Replace the stored annotations of ``ann.article_id`` (the article must be stored)."""
        aid = ann.article_id
        try:
            with self.transaction() as db:
                for table in _TABLES:
                    db.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
                db.execute("INSERT INTO ann_articles VALUES (?, ?, ?, ?)", (
                    aid, json.dumps([[s.start, s.end] for s in ann.sentences]),
                    json.dumps(ann.counts()), datetime.now(timezone.utc).isoformat(timespec="seconds")))
                db.executemany("INSERT INTO ann_entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(aid, *_span(e.span), e.label, e.canonical, e.kind) for e in ann.entities])
                db.executemany("INSERT INTO ann_timexes (article_id, start_char, end_char, span_label, kind, "
                               "value, earliest, latest, relative, anchor, invalid) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [_timex_row(aid, t) for t in ann.timexes])
                db.executemany("INSERT INTO ann_quantities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [(aid, *_span(q.span), q.value, q.noun, q.qualifier, q.scope, q.kind)
                                for q in ann.quantities])
                db.executemany("INSERT INTO ann_quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [_quote_row(aid, q) for q in ann.quotes])
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"cannot store annotations of article {aid}: store the article first ({exc})") from exc

    def has_annotations(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM ann_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row is not None

    def get_annotations(self, article_id: str) -> Annotations | None:
        """The stored annotations of one article (``doc`` is None), or None if it was never annotated."""
        row = self.db.execute("SELECT sentences FROM ann_articles WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        q = "SELECT * FROM {} WHERE article_id = ? ORDER BY start_char, end_char DESC, rowid"
        rows = {t: self.db.execute(q.format(t), (article_id,)).fetchall() for t in _TABLES[:4]}
        return Annotations(
            article_id=article_id,
            sentences=[Span(article_id, s, e, "SENT") for s, e in json.loads(row[0])],
            entities=[Entity(_row_span(r), r["label"], r["canonical"], r["kind"]) for r in rows["ann_entities"]],
            timexes=[_row_timex(r) for r in rows["ann_timexes"]],
            quantities=[Quantity(_row_span(r), r["value"], r["noun"], r["qualifier"], r["scope"], r["kind"])
                        for r in rows["ann_quantities"]],
            quotes=[_row_quote(r) for r in rows["ann_quotes"]],
        )

    def iter_annotations(self, ids: Iterable[str] | None = None) -> Iterator[Annotations]:
        """Stored annotations of the given articles (default: every annotated article, ingest order)."""
        if ids is None:
            ids = [r[0] for r in self.db.execute(
                "SELECT n.article_id FROM ann_articles n JOIN articles a ON a.id = n.article_id "
                "ORDER BY a.seq")]
        for article_id in ids:
            ann = self.get_annotations(article_id)
            if ann is not None:
                yield ann

    def entity_names(self, label: str | None = None) -> list[dict[str, Any]]:
        """Canonical entity names of the corpus with their label, mention and article counts."""
        sql = ("SELECT canonical, label, COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles "
               "FROM ann_entities {} GROUP BY canonical, label ORDER BY mentions DESC, canonical")
        where, args = ("WHERE label = ?", (label,)) if label else ("", ())
        return [dict(r) for r in self.db.execute(sql.format(where), args)]


def _span(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _row_span(row: sqlite3.Row) -> Span:
    return Span(row["article_id"], row["start_char"], row["end_char"], row["span_label"])


def _timex_row(aid: str, t: TimeExpr) -> tuple:
    relative = json.dumps(t.relative, ensure_ascii=False) if t.relative is not None else None
    return (aid, *_span(t.span), t.kind, t.value, t.earliest, t.latest, relative, t.anchor, t.invalid)


def _row_timex(row: sqlite3.Row) -> TimeExpr:
    relative = json.loads(row["relative"]) if row["relative"] is not None else None
    return TimeExpr(_row_span(row), row["kind"], row["value"], row["earliest"], row["latest"], relative,
                    row["anchor"], row["invalid"])


def _quote_row(aid: str, q: Quote) -> tuple:
    sp = q.speaker_span
    cue = q.cue_span
    return (aid, *_span(q.span), q.kind, q.speaker, sp.start if sp else None, sp.end if sp else None,
            sp.label if sp else None, q.cue, cue.start if cue else None, cue.end if cue else None, q.speaker_note)


def _row_quote(row: sqlite3.Row) -> Quote:
    speaker_span = cue_span = None
    if row["speaker_start"] is not None:
        speaker_span = Span(row["article_id"], row["speaker_start"], row["speaker_end"], row["speaker_label"])
    if row["cue_start"] is not None:
        cue_span = Span(row["article_id"], row["cue_start"], row["cue_end"], "CUE")
    return Quote(_row_span(row), row["speaker"], speaker_span, row["cue"], row["kind"], cue_span, row["speaker_note"])
