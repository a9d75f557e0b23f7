"""Store methods for fingerprints, duplicate clusters and origins (tables of ``0003_dedup.sql``)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

import numpy as np

from ..records import CopyPair, DuplicateCluster, Fingerprint, origin_name

from ._sql import CHUNK as _CHUNK
from ._sql import chunks as _chunks
from ._sql import marks as _marks


class DedupStoreMixin:
    """Mixed into :class:`~newsline.store.sqlite.SQLiteStore`; uses ``self.db`` and ``self.transaction()``."""

    # -- signatures and LSH buckets ----------------------------------------------------------
    def put_fingerprints(self, items: Iterable[tuple[Fingerprint, list[int]]], tag: str) -> int:
        """Store (or replace) signatures with their band keys; return how many were written."""
        written = 0
        with self.transaction() as db:
            for fp, keys in items:
                db.execute("DELETE FROM dedup_signatures WHERE article_id = ?", (fp.article_id,))
                cur = db.execute(
                    "INSERT INTO dedup_signatures (article_id, tag, size, body_key, hashvalues) "
                    "VALUES (?, ?, ?, ?, ?)", (fp.article_id, tag, fp.size, fp.key, fp.to_bytes()))
                num = cur.lastrowid
                if fp.shingles is not None:
                    db.execute("INSERT INTO dedup_shingles (num, hashes) VALUES (?, ?)", (num, _shingle_bytes(fp.shingles)))
                db.executemany("INSERT OR IGNORE INTO dedup_bands (key, num) VALUES (?, ?)",
                               [(k, num) for k in keys])
                written += 1
        return written

    def get_fingerprints(self, ids: Iterable[str]) -> dict[str, Fingerprint]:

        out = {}
        for chunk in _chunks(list(ids)):
            rows = self.db.execute(
                f"SELECT article_id, size, body_key, hashvalues FROM dedup_signatures "
                f"WHERE article_id IN ({_marks(len(chunk))})", chunk)
            for aid, size, key, blob in rows:
                out[aid] = Fingerprint(aid, Fingerprint.values_from_bytes(blob), size, key)
        return out

    def stale_fingerprints(self, tag: str) -> set[str]:
        """Ids of the articles fingerprinted with another tag than ``tag`` (a range read of the
        tag index: the rows of the stale ones only, whatever the store's size)."""
        rows = self.db.execute("SELECT article_id FROM dedup_signatures WHERE tag < ? OR tag > ?", (tag, tag))
        return {r[0] for r in rows}

    def stored_shingles(self, ids: Iterable[str], tag: str) -> dict[str, np.ndarray]:
        """The shingle sets kept with the signatures of ``ids`` made with ``tag`` (ids with
        none, or with another tag, are left out)."""
        out = {}
        for chunk in _chunks(list(ids)):
            # "+s.tag": the tag index must not be used here (it would read every signature of
            # today's tag); the ids' unique index finds the rows
            rows = self.db.execute(
                f"SELECT s.article_id, h.hashes FROM dedup_signatures s JOIN dedup_shingles h ON h.num = s.num "
                f"WHERE s.article_id IN ({_marks(len(chunk))}) AND +s.tag = ?", (*chunk, tag))
            out.update((aid, np.frombuffer(blob, dtype="<u4").astype(np.uint32)) for aid, blob in rows)
        return out

    def keep_shingles(self, sets: dict[str, np.ndarray], tag: str) -> None:
        """Keep these shingle sets with the articles' signatures made with ``tag`` (a signature
        made before sets were kept gets its set the first time it is verified)."""
        if sets:
            with self.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO dedup_shingles (num, hashes) "
                               "SELECT num, ? FROM dedup_signatures WHERE article_id = ? AND +tag = ?",
                               [(_shingle_bytes(v), aid, tag) for aid, v in sets.items()])

    def band_candidates(self, keys: list[int], body_key: str) -> set[str]:
        """Articles sharing at least one LSH band key, or the exact-copy key, with a signature."""
        rows = self.db.execute(
            f"SELECT DISTINCT s.article_id FROM dedup_bands b JOIN dedup_signatures s ON s.num = b.num "
            f"WHERE b.key IN ({_marks(len(keys))}) "
            f"UNION SELECT article_id FROM dedup_signatures WHERE body_key = ?", (*keys, body_key))
        return {r[0] for r in rows}

    def bodies_of(self, ids: list[str]) -> dict[str, str]:
        """Clean bodies by id (for exact verification of candidate pairs)."""
        out = {}
        for chunk in _chunks(list(ids)):
            out.update(self.db.execute(
                f"SELECT id, body FROM articles WHERE id IN ({_marks(len(chunk))})", chunk).fetchall())
        return out

    # -- judged pairs ---------------------------------------------------------------------------
    def replace_pairs(self, article_ids: list[str], pairs: list[CopyPair]) -> None:
        """Forget every pair touching ``article_ids``, then store ``pairs``."""
        with self.transaction() as db:
            for chunk in _chunks(article_ids, _CHUNK // 2):
                marks = _marks(len(chunk))
                db.execute(f"DELETE FROM dedup_pairs WHERE a IN ({marks}) OR b IN ({marks})", (*chunk, *chunk))
            db.executemany(
                "INSERT OR REPLACE INTO dedup_pairs (a, b, kind, jaccard, containment) VALUES (?, ?, ?, ?, ?)",
                [(p.a, p.b, p.kind, p.jaccard, p.containment) for p in pairs])

    def pairs_touching(self, ids: Iterable[str]) -> list[CopyPair]:

        seen: dict[tuple[str, str], CopyPair] = {}
        for chunk in _chunks(list(ids), _CHUNK // 2):
            marks = _marks(len(chunk))
            for row in self.db.execute(
                    f"SELECT a, b, kind, jaccard, containment FROM dedup_pairs "
                    f"WHERE a IN ({marks}) OR b IN ({marks})", (*chunk, *chunk)):
                seen[(row[0], row[1])] = CopyPair(*row)
        return list(seen.values())

    # -- clusters -------------------------------------------------------------------------------
    def cluster_ids_of(self, ids: Iterable[str]) -> dict[str, str]:
        out = {}
        for chunk in _chunks(list(ids)):
            out.update(self.db.execute(
                f"SELECT article_id, cluster_id FROM dedup_members WHERE article_id IN ({_marks(len(chunk))})",
                chunk).fetchall())
        return out

    def cluster_members(self, cluster_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for chunk in _chunks(list(cluster_ids)):
            for aid, cid in self.db.execute(
                    f"SELECT m.article_id, m.cluster_id FROM dedup_members m JOIN articles a ON a.id = m.article_id "
                    f"WHERE m.cluster_id IN ({_marks(len(chunk))}) ORDER BY a.seq", chunk):
                out.setdefault(cid, []).append(aid)
        return out

    def article_seqs(self, ids: Iterable[str]) -> dict[str, int]:
        out = {}
        for chunk in _chunks(list(ids)):
            out.update(self.db.execute(
                f"SELECT id, seq FROM articles WHERE id IN ({_marks(len(chunk))})", chunk).fetchall())
        return out

    def write_clusters(self, dissolved: Iterable[str], clusters: list[DuplicateCluster],
                       wire: dict[str, str | None]) -> None:
        """Drop the clusters named in ``dissolved``, then write ``clusters`` and their members."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as db:
            for chunk in _chunks(list(dissolved)):
                db.execute(f"DELETE FROM dedup_clusters WHERE id IN ({_marks(len(chunk))})", chunk)
            for c in clusters:
                db.execute(
                    "INSERT OR REPLACE INTO dedup_clusters (id, canonical, origin, wire, size, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (c.id, c.canonical, c.origin, wire.get(c.id), len(c.members), now))
                db.executemany("INSERT OR REPLACE INTO dedup_members (article_id, cluster_id) VALUES (?, ?)",
                               [(m, c.id) for m in c.members])

    def put_wires(self, wires: dict[str, str | None]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM dedup_wires WHERE article_id = ?", [(a,) for a in wires])
            db.executemany("INSERT INTO dedup_wires (article_id, wire) VALUES (?, ?)",
                           [(a, w) for a, w in wires.items() if w])

    def wires_of(self, ids: Iterable[str]) -> dict[str, str]:
        out = {}
        for chunk in _chunks(list(ids)):
            out.update(self.db.execute(
                f"SELECT article_id, wire FROM dedup_wires WHERE article_id IN ({_marks(len(chunk))})",
                chunk).fetchall())
        return out

    # -- the read API the pipeline, export and CLI use ------------------------------------------
    def origin_of(self, article_id: str) -> dict[str, Any] | None:
        """``{"origin", "cluster", "canonical", "copies", "wire"}`` for one article (None if unknown).

        ``copies`` lists the other members of its cluster in ingest order; an article with no copy
        is its own canonical and, unless it carries a wire credit, its own origin.
        """
        if not self.has_article(article_id):
            return None
        row = self.db.execute(
            "SELECT c.id, c.canonical, c.origin, c.wire FROM dedup_members m "
            "JOIN dedup_clusters c ON c.id = m.cluster_id WHERE m.article_id = ?", (article_id,)).fetchone()
        wire = self.wires_of([article_id]).get(article_id)
        if row is None:
            return {"origin": origin_name(None, article_id, wire), "cluster": None, "canonical": article_id, "copies": [], "wire": wire}
        members = self.cluster_members([row[0]]).get(row[0], [])
        return {"origin": row[2], "cluster": row[0], "canonical": row[1],
                "copies": [m for m in members if m != article_id], "wire": row[3]}

    def iter_clusters(self) -> Iterator[DuplicateCluster]:
        """Every cluster of two or more copies, oldest first."""
        rows = self.db.execute(
            "SELECT c.id, c.canonical, c.origin FROM dedup_clusters c JOIN articles a ON a.id = c.id "
            "ORDER BY a.seq").fetchall()
        for cid, canonical, origin in rows:
            members = self.cluster_members([cid]).get(cid, [])
            yield DuplicateCluster(id=cid, canonical=canonical, members=members, origin=origin)

    def origins_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The origin of each given article (unknown ids are left out), in a few queries: what
        :meth:`origin_of` says, for many articles at once."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, str] = {}
        for chunk in _chunks(ids):
            marks = _marks(len(chunk))
            clustered = dict(self.db.execute(
                f"SELECT m.article_id, c.origin FROM dedup_members m JOIN dedup_clusters c ON c.id = m.cluster_id "
                f"WHERE m.article_id IN ({marks})", chunk).fetchall())
            known = [r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)]
            wires = self.wires_of([a for a in known if a not in clustered])
            for aid in known:
                out[aid] = clustered.get(aid) or origin_name(None, aid, wires.get(aid))
        return out

    def count_origins(self, article_ids: Iterable[str]) -> int:
        """How many independent origins the given articles come from (unknown ids are ignored)."""
        return len(set(self.origins_of(article_ids).values()))

    def duplicate_pairs(self) -> list[CopyPair]:

        return [CopyPair(*r) for r in self.db.execute(
            "SELECT a, b, kind, jaccard, containment FROM dedup_pairs ORDER BY a, b")]


def _shingle_bytes(shingles: np.ndarray | None) -> bytes | None:
    return None if shingles is None else np.asarray(shingles, dtype="<u4").tobytes()
