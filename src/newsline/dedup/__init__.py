"""Exact and near-duplicate detection: one origin, many publications.

Per article (a stream step): a MinHash signature of its clean body's word shingles
(:mod:`.shingles`, :mod:`.minhash`). Corpus-wide (a barrier, :func:`update_duplicates`): LSH
candidates from SQLite band buckets, pairs judged on Jaccard and containment, clusters with stable
ids and a canonical copy (:mod:`.cluster`), origins from copies and wire credits (:mod:`.origins`),
and dates copied between copies with their reason (:mod:`.metadata`).
"""
from __future__ import annotations

from .minhash import DedupParams, Fingerprint, Fingerprinter
from .update import update_duplicates

__all__ = ["update_duplicates", "DedupParams", "Fingerprint", "Fingerprinter"]
