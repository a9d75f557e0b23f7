"""Coreference metrics as the reference CoNLL scorer (v8.01, Pradhan et al. 2014) defines them.

A clustering is a list of clusters, each an iterable of hashable mention keys. ``key`` is the gold
clustering, ``response`` the system's. Mentions of the response that are not in the key (and the
other way round) are handled the reference scorer's way for predicted mentions:

- **MUC** (Vilain et al. 1995): recall = sum over key clusters K of (|K| - |p(K)|) / sum (|K| - 1),
  where p(K) partitions K by the response clusters and every mention of K missing from the response
  is a part of its own. Precision swaps key and response. Singletons add nothing.
- **B3** (Bagga & Baldwin 1998): recall = sum over K, R of |K & R|^2 / |K|, over the number of key
  mentions; precision = sum of |K & R|^2 / |R| over the number of response mentions.
- **CEAF-e** (Luo 2005): the best one-to-one alignment of key and response clusters (Kuhn-Munkres)
  under phi4(K, R) = 2 |K & R| / (|K| + |R|); recall = total similarity / number of key clusters,
  precision = total similarity / number of response clusters.
- **CoNLL F1** is the mean of the three F1 values.

Counts are kept as numerator/denominator so corpora can be scored as one pool (the usual ECB+
practice: every topic's clusters in one "document"). A mention listed twice within a clustering is
counted once (the reference scorer's de-duplication). Checked against the reference scorer's own
test cases (``tests/events/test_coref_metrics.py``).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["Score", "muc", "b_cubed", "ceaf_e", "conll", "evaluate", "drop_singletons"]

Clustering = Iterable[Iterable[Hashable]]


@dataclass(slots=True, frozen=True)
class Score:
    """Recall and precision as fractions, with the F1 they give."""

    recall_num: float
    recall_den: float
    precision_num: float
    precision_den: float

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"recall": round(self.recall, 6), "precision": round(self.precision, 6),
                "f1": round(self.f1, 6)}


def _clean(clusters: Clustering) -> list[frozenset]:
    """Drop empty clusters and repeated mentions (a mention keeps its first cluster)."""
    seen: set = set()
    out = []
    for cluster in clusters:
        members = frozenset(m for m in cluster if m not in seen)
        seen.update(members)
        if members:
            out.append(members)
    return out


def _index(clusters: list[frozenset]) -> dict[Hashable, int]:
    return {m: i for i, cluster in enumerate(clusters) for m in cluster}


def _muc_side(gold: list[frozenset], other: list[frozenset]) -> tuple[int, int]:
    where = _index(other)
    num = den = 0
    for cluster in gold:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: Clustering, response: Clustering) -> Score:
    """MUC link-based score."""
    k, r = _clean(key), _clean(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return Score(rn, rd, pn, pd)


def _b3_side(gold: list[frozenset], other: list[frozenset]) -> tuple[float, int]:
    where = _index(other)
    num = 0.0
    for cluster in gold:
        overlaps: dict[int, int] = {}
        for m in cluster:
            if m in where:
                overlaps[where[m]] = overlaps.get(where[m], 0) + 1
        num += sum(n * n for n in overlaps.values()) / len(cluster)
    return num, sum(len(c) for c in gold)


def b_cubed(key: Clustering, response: Clustering) -> Score:
    """B-cubed mention-based score."""
    k, r = _clean(key), _clean(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    return Score(rn, rd, pn, pd)


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """Entity-based CEAF (phi4) with the optimal one-to-one cluster alignment."""
    k, r = _clean(key), _clean(response)
    if not k or not r:
        return Score(0.0, len(k), 0.0, len(r))
    where = _index(r)
    sim = np.zeros((len(k), len(r)))
    for i, cluster in enumerate(k):
        for m in cluster:
            if m in where:
                sim[i, where[m]] += 1
    sizes_k = np.array([len(c) for c in k], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in r], dtype=float)[None, :]
    sim = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    return Score(total, len(k), total, len(r))


def conll(key: Clustering, response: Clustering) -> float:
    """CoNLL F1: the mean of the MUC, B3 and CEAF-e F1 values."""
    return evaluate(key, response)["conll_f1"]


def evaluate(key: Clustering, response: Clustering) -> dict:
    """All three metrics and their CoNLL mean as a JSON-ready dict."""
    key, response = _clean(key), _clean(response)
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response)}
    out: dict = {name: s.as_dict() for name, s in scores.items()}
    out["conll_f1"] = round(sum(s.f1 for s in scores.values()) / 3, 6)
    return out


def drop_singletons(clusters: Clustering) -> list[frozenset]:
    """The clusters with more than one mention (for the 'no singletons' evaluation variant)."""
    return [c for c in _clean(clusters) if len(c) > 1]
