"""Store methods for boilerplate statistics (lines repeated across an outlet's articles).

Tables (migration ``0002_cleaning``): ``clean_docs`` (scope, story and lead of each cleaned
article, plus what re-cleaning needs), ``clean_leads`` (lead fingerprint -> articles, to find
copies of a story), ``clean_blocks`` / ``clean_block_stories`` (block fingerprint -> articles /
stories) and ``clean_dirty`` (blocks whose story count crossed a threshold since the last
``finish``). Every query is by key: recording an article costs what its blocks cost, whatever the
size of the corpus.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


class CleaningStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""

    def cleaning_doc(self, article_id: str) -> dict[str, Any] | None:
        """``{"scope", "story", "lead", "doc"}`` recorded for an article, or None."""
        row = self.db.execute(
            "SELECT scope, story, lead, doc FROM clean_docs WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        return {"scope": row[0], "story": row[1], "lead": json.loads(row[2]), "doc": json.loads(row[3])}

    def update_cleaning_meta(self, article_id: str, meta: dict[str, Any], meta_from: dict[str, str]) -> None:
        """Replace the container metadata recorded for an article (the user gave new values)."""
        with self.transaction() as db:
            row = db.execute("SELECT doc FROM clean_docs WHERE article_id = ?", (article_id,)).fetchone()
            if row is None:
                return
            doc = {**json.loads(row[0]), "meta": meta, "meta_from": meta_from}
            db.execute("UPDATE clean_docs SET doc = ? WHERE article_id = ?", (json.dumps(doc, default=str), article_id))

    def find_story(self, scope: str, lead: list[str], min_shared: int) -> str | None:
        """The story of the earliest article in ``scope`` sharing enough of ``lead`` (copies of one report).

        Two leads match when they share ``min(min_shared, len(a), len(b))`` fingerprints.
        """
        if not lead:
            return None
        marks = ", ".join("?" * len(lead))
        rows = self.db.execute(
            f"SELECT d.story, d.lead, COUNT(*) AS shared, MIN(d.seq) AS seq FROM clean_leads l "
            f"JOIN clean_docs d ON d.article_id = l.article_id "
            f"WHERE l.scope = ? AND l.fp IN ({marks}) GROUP BY l.article_id ORDER BY seq",
            (scope, *lead),
        )
        for story, other, shared, _ in rows:
            if shared >= min(min_shared, len(lead), len(json.loads(other))):
                return story
        return None

    def copy_candidates(self, scope: str, fps: list[str], min_shared: int, limit: int = 50) -> list[dict[str, Any]]:
        """Articles of ``scope`` holding at least ``min_shared`` of ``fps``, earliest first.

        Returns ``[{"article_id", "story", "prose"}]`` (``prose``: the article's recorded prose
        fingerprints). Callers pass only blocks that are not yet boilerplate, so every fingerprint
        is held by few stories and the lookup stays by key.
        """
        fps = list(dict.fromkeys(fps))[:500]      # stay under SQLite's bound-parameter limit
        if len(fps) < min_shared or min_shared < 1:
            return []
        rows = self.db.execute(
            f"SELECT d.article_id, d.story, d.doc FROM clean_blocks b "
            f"JOIN clean_docs d ON d.article_id = b.article_id "
            f"WHERE b.scope = ? AND b.fp IN ({', '.join('?' * len(fps))}) "
            f"GROUP BY b.article_id HAVING COUNT(*) >= ? ORDER BY MIN(d.seq) LIMIT ?",
            (scope, *fps, min_shared, limit))
        return [{"article_id": a, "story": s, "prose": json.loads(d).get("prose", [])} for a, s, d in rows]

    def record_blocks(self, article_id: str, scope: str, story: str, lead: list[str],
                      fps: Iterable[str], doc: dict[str, Any], thresholds: Iterable[int]) -> bool:
        """Record an article's blocks once; mark blocks whose story count reaches a threshold dirty.

        Returns False (and changes nothing) when the article was already recorded.
        """
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM clean_docs WHERE article_id = ?", (article_id,)).fetchone():
                return False
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM clean_docs").fetchone()[0]
            db.execute("INSERT INTO clean_docs VALUES (?, ?, ?, ?, ?, ?)",
                       (article_id, scope, story, json.dumps(lead), json.dumps(doc, default=str), seq))
            db.executemany("INSERT OR IGNORE INTO clean_leads VALUES (?, ?, ?)",
                           [(scope, fp, article_id) for fp in dict.fromkeys(lead)])
            unique = list(dict.fromkeys(fps))
            db.executemany("INSERT OR IGNORE INTO clean_blocks VALUES (?, ?, ?)",
                           [(scope, fp, article_id) for fp in unique])
            new_story = [fp for fp in unique if db.execute(
                "INSERT OR IGNORE INTO clean_block_stories VALUES (?, ?, ?)", (scope, fp, story)).rowcount]
            counts = self.block_story_counts(scope, new_story)
            marks = set(thresholds)
            db.executemany("INSERT OR IGNORE INTO clean_dirty VALUES (?, ?)",
                           [(scope, fp) for fp, n in counts.items() if n in marks])
        return True

    def block_story_counts(self, scope: str, fps: Iterable[str]) -> dict[str, int]:
        """How many stories of ``scope`` hold each block fingerprint."""
        fps = list(dict.fromkeys(fps))
        counts: dict[str, int] = {}
        for k in range(0, len(fps), 500):     # stay under SQLite's bound-parameter limit
            chunk = fps[k:k + 500]
            rows = self.db.execute(
                f"SELECT fp, COUNT(*) FROM clean_block_stories WHERE scope = ? AND fp IN "
                f"({', '.join('?' * len(chunk))}) GROUP BY fp", (scope, *chunk))
            counts.update({fp: n for fp, n in rows})
        return counts

    def dirty_block_articles(self) -> list[str]:
        """Articles holding a dirty block, in the order they were cleaned."""
        rows = self.db.execute(
            "SELECT DISTINCT b.article_id, d.seq FROM clean_dirty x "
            "JOIN clean_blocks b ON b.scope = x.scope AND b.fp = x.fp "
            "JOIN clean_docs d ON d.article_id = b.article_id ORDER BY d.seq")
        return [r[0] for r in rows]

    def clear_dirty_blocks(self) -> int:
        with self.transaction() as db:
            return db.execute("DELETE FROM clean_dirty").rowcount
