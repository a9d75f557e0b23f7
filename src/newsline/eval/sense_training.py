"""Readers, trainer and scorer for the event sense model (``newsline train events``).

Data: MAVEN (``maven-ed``: ``dev.json`` and ``train-extra.json``, annotated exhaustively, so a
token with no label is a real "no event") and GENEVA (``train-lr-union.json``; only some frames
are annotated per sentence, so only its labelled tokens are used). Sentences come pre-tokenised;
they are parsed with the product's own spaCy pipeline on those tokens, so features at training
and at run time are computed by the same code (``newsline.events.sense.token_features``).

Model: softmax regression over sparse features, L2-regularised, fitted by mini-batch AdaGrad;
features seen fewer than ``min_count`` times are dropped and small weights pruned before saving,
and the pruned model is the one scored. Scoring follows the benchmarks' convention: micro P/R/F1
over (token span, type) pairs, plus identification without type; at MAVEN's 168 types and at the
ontology's types (both sides mapped with ``maven_map.json``; gold types the ontology has no
equivalent for are left out). A lemma baseline (each lemma's most frequent label in training)
runs in the same split. Imports the product; the product never imports this module.
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ..events.ontology import load_ontology
from ..events.sense import CANDIDATE_POS, NONE, SenseModel, maven_map, model_from_arrays, token_features
from ..events.triggers import candidates

__all__ = ["Sentence", "read_maven", "read_geneva", "parse_sentences", "examples", "train_model",
           "save_model", "evaluate", "cross_validate", "train_events"]

MODEL_VERSION = "2"
# Chosen by 5-fold cross-validation on MAVEN dev (typed F1 at both levels; GENEVA val is the check
# no choice was tuned on): the weight of a lemma's own label distribution in the type, and the
# "no event" probability under which the model alone calls a token a trigger.
BLEND = 0.5
NONE_BELOW = 0.7


@dataclass(slots=True)
class Sentence:
    id: str
    tokens: list[str]
    events: list[tuple[int, int, str]]        # token start, end (exclusive), MAVEN type
    exhaustive: bool = True                   # unlabelled tokens are real negatives
    doc: Any = None
    feats: list[tuple[int, list[str]]] = field(default_factory=list)   # candidate token -> features
    lemmas: list[str] = field(default_factory=list)


def read_maven(path: Path) -> list[Sentence]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [Sentence(f"maven:{r['id']}", r["tokens"], [(e["start"], e["end"], e["event_type"]) for e in r["events"]])
            for r in rows]


def read_geneva(path: Path) -> list[Sentence]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        events = [(e["trigger"]["start"], e["trigger"]["end"], e["event_type"]) for e in r["event_mentions"]]
        out.append(Sentence(f"geneva:{r['wnd_id']}", r["tokens"], events, exhaustive=False))
    return out


def parse_sentences(sentences: list[Sentence], nlp: Any = None) -> None:
    """Parse each sentence on its own tokens and compute the features of its candidate tokens."""
    from spacy.tokens import Doc

    if nlp is None:
        from ..nlp.model import load_nlp
        nlp = load_nlp()
    ontology = load_ontology()
    docs = (Doc(nlp.vocab, words=[t if t.strip() else "_" for t in s.tokens]) for s in sentences)
    for s, doc in zip(sentences, nlp.pipe(docs, batch_size=64)):
        s.doc = doc
        s.lemmas = [t.lemma_.lower() for t in doc]
        s.feats = []
        for tok in doc:
            if tok.pos_ not in CANDIDATE_POS:
                continue
            lex = tuple(e.type for e, _ in candidates(tok, ontology, set()))
            s.feats.append((tok.i, token_features(tok, lex)))


def _gold_at(s: Sentence) -> dict[int, str]:
    return {start: label for start, _end, label in s.events}


def _lemma_counts(sentences: Iterable[Sentence]) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        gold = _gold_at(s)
        for i, lemma in enumerate(s.lemmas):
            label = gold.get(i, NONE)
            if label == NONE and not s.exhaustive:
                continue
            counts[lemma][label] += 1
    return counts


def _prior_of(counts: Counter | None, leave_out: str | None = None) -> str:
    """The most frequent label, with one occurrence of ``leave_out`` removed (leave-one-out, so a
    training token's own label does not vote for itself); "-" for an unseen lemma."""
    if not counts:
        return "-"
    c = Counter(counts)
    if leave_out is not None:
        c[leave_out] -= 1
    best = max(c.items(), key=lambda kv: (kv[1], kv[0] == NONE), default=("-", 0))
    return best[0] if best[1] > 0 else "-"


def _with_prior(feats: list[str], label: str) -> list[str]:
    return [*feats, f"prior={label}", f"prior={label}|{feats[3] if len(feats) > 3 else ''}"]


def examples(sentences: Iterable[Sentence], counts: dict[str, Counter] | None = None
             ) -> tuple[list[list[str]], list[str]]:
    sentences = list(sentences)
    counts = counts if counts is not None else _lemma_counts(sentences)
    X, y = [], []
    for s in sentences:
        gold = _gold_at(s)
        for i, feats in s.feats:
            label = gold.get(i, NONE)
            if label == NONE and not s.exhaustive:
                continue
            X.append(_with_prior(feats, _prior_of(counts.get(s.lemmas[i]), label)))
            y.append(label)
    return X, y


def _fit_adagrad(X: Any, y: np.ndarray, classes: int, *, epochs: int, lr: float, l2: float, h0: float = 1e-4,
                 batch: int = 256, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by mini-batch AdaGrad on a sparse design matrix, touching only the
    feature rows a batch uses (memory: one weight matrix and one accumulator). Deterministic."""
    n, F = X.shape
    W = np.zeros((F, classes), dtype=np.float32)
    H = np.full((F, classes), h0, dtype=np.float32)   # a damped start: a tiny gradient moves a weight little
    b = np.zeros(classes, dtype=np.float32)
    hb = np.full(classes, h0, dtype=np.float32)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            rows = order[start:start + batch]
            Xb = X[rows]
            cols = np.unique(Xb.indices)
            Xs = Xb[:, cols]
            S = Xs @ W[cols] + b
            S -= S.max(axis=1, keepdims=True)
            P = np.exp(S)
            P /= P.sum(axis=1, keepdims=True)
            P[np.arange(len(rows)), y[rows]] -= 1.0
            P /= len(rows)
            G = np.asarray(Xs.T @ P, dtype=np.float32) + l2 * W[cols]
            H[cols] += G * G
            W[cols] -= lr * G / np.sqrt(H[cols])
            gb = P.sum(axis=0).astype(np.float32)
            hb += gb * gb
            b -= lr * gb / np.sqrt(hb)
    return W, b


def train_model(sentences: list[Sentence], labels: list[str], *, min_count: int = 2, l2: float = 1e-5,
                epochs: int = 6, lr: float = 0.5, prune: float = 0.05, h0: float = 0.01,
                blend: float = BLEND) -> SenseModel:
    """Fit the softmax model on the sentences' candidate tokens and return the pruned model, with
    each lemma's event-label counts for the blend (``SenseModel.probabilities``)."""
    from scipy.sparse import csr_matrix

    counts = _lemma_counts(sentences)
    prior = {lemma: p for lemma, c in counts.items() if (p := _prior_of(c)) not in ("-", NONE)}
    lemma_labels = {lemma: dict(sorted(events.items())) for lemma, c in sorted(counts.items())
                    if (events := {label: n for label, n in c.items() if label != NONE})}
    X_feats, y = examples(sentences, counts)
    seen = Counter(f for feats in X_feats for f in set(feats))
    features = sorted(f for f, n in seen.items() if n >= min_count)
    index = {f: i for i, f in enumerate(features)}
    rows, cols = [], []
    for r, feats in enumerate(X_feats):
        for f in set(feats):
            j = index.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    X = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(X_feats), len(features)))
    lab = {label: k for k, label in enumerate(labels)}
    W, bias = _fit_adagrad(X, np.array([lab[v] for v in y]), len(labels), epochs=epochs, lr=lr, l2=l2, h0=h0)
    W[np.abs(W) < prune] = 0.0
    keep = np.flatnonzero(np.abs(W).sum(axis=1) > 0)
    W = W[keep]
    kept = [features[i] for i in keep]
    r, c = np.nonzero(W)
    arrays = {"meta": np.frombuffer(json.dumps({"version": MODEL_VERSION, "labels": labels, "features": kept,
                                                "prior": prior, "lemma_labels": lemma_labels,
                                                "blend": blend})
                                    .encode("utf-8"), dtype=np.uint8),
              "rows": r.astype(np.int32), "cols": c.astype(np.int16), "values": W[r, c].astype(np.float16),
              "bias": bias.astype(np.float32)}
    return model_from_arrays(arrays)


def save_model(model: SenseModel, path: Path) -> int:
    """Write the model as a compressed .npz; return its size in bytes."""
    arrays = model.arrays
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    return path.stat().st_size


# -- scoring ---------------------------------------------------------------------------------------
def _prf(pred: set, gold: set) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(200 * p * r / (p + r), 1) if p + r else 0.0,
            "gold": len(gold), "predicted": len(pred)}


def _to_ontology(label: str) -> str | None:
    target = maven_map().get(label)
    return target[0] if target else None


def _score(pred: dict[str, set], gold: dict[str, set], ontology_level: bool, exhaustive: bool) -> dict[str, Any]:
    P, G = set(), set()
    for sid, spans in gold.items():
        for start, end, label in spans:
            key = _to_ontology(label) if ontology_level else label
            if key:
                G.add((sid, start, end, key))
    for sid, spans in pred.items():
        for start, end, label in spans:
            key = label if (ontology_level and label.isupper()) else (_to_ontology(label) if ontology_level else label)
            if key:
                P.add((sid, start, end, key))
    if not exhaustive:   # GENEVA annotates some frames per sentence: score only annotated tokens
        at = {(s, a, b) for s, a, b, _ in G}
        P = {x for x in P if x[:3] in at}
    ident_p = {x[:3] for x in P}
    ident_g = {x[:3] for x in G}
    return {"typed": _prf(P, G), "identification": _prf(ident_p, ident_g)}


def model_predictions(model: SenseModel, sentences: list[Sentence], none_below: float = NONE_BELOW) -> dict[str, set]:
    """A token is a trigger when "no event" has less than ``none_below`` of the probability; its
    type is the most probable event label."""
    out: dict[str, set] = {}
    none = model.labels.index(NONE)
    for s in sentences:
        spans = set()
        if s.feats:
            probs = model.probabilities([model.with_prior(f, s.lemmas[i]) for i, f in s.feats],
                                        [s.lemmas[i] for i, _ in s.feats])
            for (i, _), row in zip(s.feats, probs):
                if row[none] < none_below:
                    events = row.copy()
                    events[none] = -1.0
                    spans.add((i, i + 1, model.labels[int(events.argmax())]))
        out[s.id] = spans
    return out


def lemma_baseline(train: list[Sentence]) -> dict[str, str]:
    """Lemma -> its most frequent label in training (NONE included), for lemmas seen as triggers."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for s in train:
        gold = _gold_at(s)
        for i, lemma in enumerate(s.lemmas):
            label = gold.get(i, NONE)
            if label == NONE and not s.exhaustive:
                continue
            counts[lemma][label] += 1
    return {lemma: c.most_common(1)[0][0] for lemma, c in counts.items() if c.most_common(1)[0][0] != NONE}


def baseline_predictions(table: dict[str, str], sentences: list[Sentence]) -> dict[str, set]:
    return {s.id: {(i, i + 1, table[lemma]) for i, lemma in enumerate(s.lemmas) if lemma in table}
            for s in sentences}


def product_predictions(sentences: list[Sentence], use_model: bool) -> dict[str, set]:
    """The product's own trigger finder (lexicon, with or without the sense model) on each
    sentence: ontology types at the trigger token."""
    from ..events import triggers

    ontology = load_ontology()
    out = {}
    for s in sentences:
        found = triggers.find_triggers(s.doc[:], ontology, set(), use_model=use_model)
        out[s.id] = {(t.token.i, t.token.i + 1, t.type) for t in found}
    return out


def evaluate(systems: dict[str, dict[str, set]], test: list[Sentence], *, exhaustive: bool = True) -> dict[str, Any]:
    gold = {s.id: set(s.events) for s in test}
    out: dict[str, Any] = {}
    for name, pred in systems.items():
        ontology_only = name.startswith("product")
        entry = {"ontology": _score(pred, gold, True, exhaustive)}
        if not ontology_only:
            entry["maven"] = _score(pred, gold, False, exhaustive)
        out[name] = entry
    return out


def _merge_preds(parts: list[dict[str, set]]) -> dict[str, set]:
    merged: dict[str, set] = {}
    for p in parts:
        merged.update(p)
    return merged


def cross_validate(dev: list[Sentence], extra: list[Sentence], labels: list[str], *, folds: int = 5,
                   **train_kw: Any) -> dict[str, Any]:
    """k-fold cross-validation on MAVEN dev (by sentence id), each fold trained on the other folds
    plus ``extra``; predictions of all folds scored together."""
    systems: dict[str, list[dict[str, set]]] = {"model": [], "lemma_baseline": []}
    for k in range(folds):
        test = [s for n, s in enumerate(dev) if n % folds == k]
        train = [s for n, s in enumerate(dev) if n % folds != k] + extra
        model = train_model(train, labels, **train_kw)
        systems["model"].append(model_predictions(model, test))
        systems["lemma_baseline"].append(baseline_predictions(lemma_baseline(train), test))
    return evaluate({name: _merge_preds(p) for name, p in systems.items()}, dev)


def train_events(*, maven: Path, geneva: Path | None, out: Path, folds: int = 5,
                 measure: bool = True, **train_kw: Any) -> dict[str, Any]:
    """Train the shipped model on MAVEN dev + train-extra (+ GENEVA train) and write it to
    ``out``; with ``measure``, also cross-validate on MAVEN dev and score GENEVA val. Returns the
    figures and the model card facts (sizes, counts, seconds)."""
    started = time.perf_counter()
    labels = [NONE] + [line.strip() for line in (maven / "event_types.txt").read_text().splitlines() if line.strip()]
    dev = read_maven(maven / "dev.json")
    extra = read_maven(maven / "train-extra.json") if (maven / "train-extra.json").is_file() else []
    gen_train = read_geneva(geneva / "train-lr-union.json") if geneva else []
    gen_val = read_geneva(geneva / "val.json") if geneva and (geneva / "val.json").is_file() else []
    parse_sentences(dev + extra + gen_train + gen_val)
    report: dict[str, Any] = {"version": MODEL_VERSION, "sentences": {
        "maven_dev": len(dev), "maven_train_extra": len(extra), "geneva_train": len(gen_train), "geneva_val": len(gen_val)}}
    if measure:
        report["maven_dev_cv"] = cross_validate(dev, extra + gen_train, labels, folds=folds, **train_kw)
        # the product's lexicon alone (no model, nothing learned from MAVEN) at the ontology's types
        report["maven_dev_lexicon"] = evaluate({"product_lexicon": product_predictions(dev, use_model=False)}, dev)
    model = train_model(dev + extra + gen_train, labels, **train_kw)
    report["bytes"] = save_model(model, out)
    report["features"] = len(model.index)
    report["nonzero_weights"] = int(np.count_nonzero(model.weights))
    if measure and gen_val:
        base = lemma_baseline(dev + extra + gen_train)
        report["geneva_val"] = evaluate({"model": model_predictions(model, gen_val),
                                         "lemma_baseline": baseline_predictions(base, gen_val)}, gen_val, exhaustive=False)
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report
