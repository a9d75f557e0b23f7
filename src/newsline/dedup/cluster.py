"""Pairs of copies → clusters with stable ids and a canonical member.

Pure functions over ids and texts, so the store-backed barrier (:mod:`newsline.dedup.update`)
and the in-memory benchmarks share them. The canonical copy reads boilerplate with the cleaning
stage's cues (:mod:`newsline.clean.cues`), so both stages agree on what an appeal looks like.

Cluster ids are stable: a cluster is named after its first member (lowest ingest ``seq``); when
clusters merge, the oldest name survives; when an article leaves (its body was re-cleaned into
another text) the part that still holds the namesake keeps the name.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..clean.blocks import split_blocks
from ..clean.cues import has_weak_cue, is_menu_like, match_cue
from ..records import CopyPair, Fingerprint
from .minhash import DedupParams, estimate_containment, estimate_jaccard
from .shingles import normal_words, positional_shingles, word_shingles


def judge_pair(x: Fingerprint, y: Fingerprint, params: DedupParams,
               exact: tuple[np.ndarray, np.ndarray] | None = None) -> CopyPair | None:
    """A :class:`CopyPair` when ``x`` and ``y`` are copies of one text under ``params``, else None.

    Exact: equal normal forms. Near: Jaccard >= ``params.jaccard``. Contained: the smaller text (at
    least ``min_shingles`` shingles, so a two-line brief cannot match everything) lies
    ``params.containment`` inside the larger one, which is what an added boilerplate block or a
    trimmed lead does to an otherwise identical copy. Jaccard and containment are the MinHash
    estimates, or exact when the two shingle sets are given in ``exact``.
    """
    if not x.size or not y.size:
        return None
    a, b = sorted((x.article_id, y.article_id))
    if x.key == y.key:
        return CopyPair(a, b, "exact", 1.0, 1.0)
    if exact is not None:
        jaccard, containment = exact_similarity(*exact)
    else:
        jaccard = estimate_jaccard(x.hashvalues, y.hashvalues)
        containment = estimate_containment(jaccard, x.size, y.size)
    if jaccard >= params.jaccard:
        return CopyPair(a, b, "near", round(jaccard, 4), round(containment, 4))
    if containment >= params.containment and min(x.size, y.size) >= params.min_shingles:
        return CopyPair(a, b, "contained", round(jaccard, 4), round(containment, 4))
    return None


def exact_similarity(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sorted unique hash arrays."""
    if not len(x) or not len(y):
        return 0.0, 0.0
    inter = len(np.intersect1d(x, y, assume_unique=True))
    return inter / (len(x) + len(y) - inter), inter / min(len(x), len(y))


def connected_components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find with path halving); singletons included."""
    parent: dict[str, str] = {n: n for n in nodes}

    def root(n: str) -> str:
        parent.setdefault(n, n)
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for n in list(parent):
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())


def name_cluster(members: list[str], previous_names: set[str], seq: Mapping[str, int]) -> str:
    """The stable id of a cluster: the oldest previous cluster name among its members, else the
    id of its first member (lowest ``seq``)."""
    named = [m for m in members if m in previous_names]
    return min(named or members, key=lambda m: (seq.get(m, 0), m))


def elect_canonical(members: list[str], texts: Mapping[str, str], params: DedupParams,
                    completeness: Callable[[str], int], seq: Mapping[str, int], *,
                    shingled: Mapping[str, np.ndarray] | None = None) -> str:
    """The most complete copy of a cluster, given its members' clean bodies (and, in
    ``shingled``, the shingle sets of those already made: :func:`~.shingles.shingle_hashes`).

    Ranked by: the story shingles it shares with at least half of the other members (a copy with
    a trimmed lead shares less; boilerplate two copies have in common does not count); then the
    words of boilerplate it carries (fewer first); then the words of its own story paragraphs,
    those no other copy has (more first: of two copies where one has an extra paragraph that
    reads as story, that one is complete and the other trimmed); then the metadata fields it has,
    then the earliest ingest.
    """
    k = params.shingle
    shingled = shingled or {}
    shingles = {m: shingled[m] if shingled.get(m) is not None else word_shingles(normal_words(texts.get(m, "")), k)
                for m in members}
    values, counts = np.unique(np.concatenate(list(shingles.values())), return_counts=True)
    # Shared means backed by at least half of the other copies, ceil((n - 1) / 2): boilerplate
    # that two copies from one outlet have in common does not outweigh the story all carry.
    need = max(1, len(members) // 2)

    def score(m: str) -> tuple:
        # a shingle's support among the *other* copies is its count less one where m has it;
        # looked up for m's own shingles only (by bisection), never over the whole pool, so a
        # member costs its own length and not the cluster's, and electing is linear in the size
        mine = shingles[m]
        backed = counts[np.searchsorted(values, mine)] - 1 >= need if len(values) else np.zeros(0, bool)

        def pooled(xs: np.ndarray) -> np.ndarray:
            found, at = _lookup(values, xs)
            return found & (counts[at] - _lookup(mine, xs)[0] >= 1)

        reading = read_copy(texts.get(m, ""), mine, pooled, backed, k, params.cue_max_words)
        return (-reading.shared_story, reading.boilerplate, -reading.own_story,
                -completeness(m), seq.get(m, 0), m)

    return min(members, key=score)


def _lookup(sorted_values: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(which of ``xs`` are in ``sorted_values``, where each is or would go, clipped to an index)."""
    if not len(sorted_values):
        return np.zeros(len(xs), bool), np.zeros(len(xs), np.intp)
    at = np.minimum(np.searchsorted(sorted_values, xs), len(sorted_values) - 1)
    return sorted_values[at] == xs, at


@dataclass(frozen=True, slots=True)
class CopyReading:
    """What one copy holds, measured against the other copies of its cluster."""

    shared_story: int   # its shingles most other copies have, outside boilerplate blocks
    boilerplate: int    # words in its blocks that look like boilerplate
    own_story: int      # words in its other blocks that the other copies lack


def read_copy(body: str, shingles: np.ndarray, pooled: Callable[[np.ndarray], np.ndarray], backed: np.ndarray,
              k: int, cue_max_words: int) -> CopyReading:
    """Measure ``body`` (whose sorted distinct shingles are ``shingles``) against the other
    copies: ``pooled(xs)`` says which of the hashes ``xs`` another copy has, ``backed`` which of
    ``shingles`` at least half of them have.

    A block (of ``k`` to ``cue_max_words`` words) is boilerplate when the cleaning stage's cues
    recognise it, weak cues included: the cleaner needs more evidence to *remove* a block than a
    ranking needs, so leftover boilerplate usually still carries a cue. Longer blocks are story
    (an appeal is a few sentences; "newsletter" inside a long paragraph is reporting). A block is
    the copy's own when fewer than half of its shingles occur in the other copies.
    """
    boilerplate = own_story = 0
    boiler_shingles = []
    for block in split_blocks(body):
        words = normal_words(block.text)
        if len(words) < k:  # too short to find in the other copies' shingles
            continue
        mine = np.unique(positional_shingles(words, k))
        if len(words) <= cue_max_words and (match_cue(block) is not None or has_weak_cue(block)
                                            or is_menu_like(block)):
            boilerplate += len(words)
            boiler_shingles.append(mine)
        elif 2 * np.count_nonzero(pooled(mine)) < len(mine):
            own_story += len(words)
    shared = backed.copy()
    if boiler_shingles:
        shared &= ~np.isin(shingles, np.concatenate(boiler_shingles))
    return CopyReading(int(np.count_nonzero(shared)), boilerplate, own_story)
