"""The sense model: which event, if any, a trigger word denotes *in its context*.

A multinomial logistic regression over sparse features of a token in its parse (its lemma and
part of speech, its dependency and head, the lemmas and entity labels of its subject, object and
prepositional arguments, its neighbours, and the lexicon's own candidate types as a prior). It is
trained on MAVEN's 168 FrameNet-based types plus "no event" (``newsline train events``, code in
``newsline.eval.sense_training``) and ships in ``data/events/sense_model.npz`` (version, labels,
pruned weights). ``data/events/maven_map.json`` maps each MAVEN type to an ontology type or to
nothing, so the model's distribution over MAVEN types becomes one over the ontology's types.

The model needs only numpy and the spaCy parse the pipeline already made: the default install
types by sense without the semantic extra. It is a judge beside the lexicon (``triggers.py``):
among the lexicon entries that fit a token it picks the sense the context supports, it vetoes a
lexicon hit the context reads as no event of the ontology ("the deal had been killed"), and it
proposes a trigger the lexicon lacks when it is confident. Thresholds are data (``cues.json``,
``sense``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from ..datafiles import data_file, load_json

__all__ = ["SenseModel", "load_sense_model", "token_features", "maven_map", "NONE"]

NONE = "NONE"
RAW_NONE = "NONE:raw"   # the model's own "no event" label, without the MAVEN types the ontology lacks
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "agent", "compound", "amod", "prt", "poss", "nummod"}
CANDIDATE_POS = {"VERB", "NOUN", "ADJ", "PROPN", "AUX"}


def _arg_words(tok: Any) -> list[str]:
    out = []
    for c in tok.children:
        dep = c.dep_
        if dep == "prep":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            out.append(f"p={c.lemma_.lower()}")
            if obj is not None:
                out.append(f"p:{c.lemma_.lower()}={obj.lemma_.lower()}")
                if obj.ent_type_:
                    out.append(f"p:{c.lemma_.lower()}=E:{obj.ent_type_}")
        elif dep in _ARG_DEPS:
            out.append(f"{dep}={c.lemma_.lower()}")
            if c.ent_type_:
                out.append(f"{dep}=E:{c.ent_type_}")
            elif c.like_num:
                out.append(f"{dep}=NUM")
        elif dep in ("aux", "auxpass", "neg"):
            out.append(f"{dep}={c.lower_}")
    return out


def token_features(tok: Any, lexicon_types: tuple[str, ...] = ()) -> list[str]:
    """The sparse features of one token (strings; unknown ones are ignored by the model)."""
    lemma, pos = tok.lemma_.lower(), tok.pos_
    head = tok.head
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    feats = ["bias", f"l={lemma}", f"w={tok.lower_}", f"pos={pos}", f"tag={tok.tag_}", f"dep={tok.dep_}",
             f"lp={lemma}|{pos}", f"suf={tok.lower_[-3:]}", f"h={head.lemma_.lower()}",
             f"dh={tok.dep_}|{head.lemma_.lower()}", f"lh={lemma}|{head.lemma_.lower()}",
             f"prev={prev}", f"next={nxt}", f"lprev={lemma}|{prev}", f"ent={tok.ent_type_ or '-'}"]
    for a in _arg_words(tok):
        feats.append(a)
        feats.append(f"{lemma}|{a}")
    if not lexicon_types:
        feats.append("lex=-")
    for t in lexicon_types:
        feats.append(f"lex={t}")
        feats.append(f"lex={t}|{pos}")
    return feats


@lru_cache(maxsize=1)
def maven_map() -> dict[str, tuple[str, str | None] | None]:
    """MAVEN type -> (ontology type, mode or None), or None where the ontology has no such event."""
    return {k: (tuple(v) if v else None) for k, v in load_json("events", "maven_map.json")["map"].items()}


@dataclass(slots=True)
class SenseModel:
    """Labels, the feature index and dense weights (features x labels) with a bias per label."""

    version: str
    labels: list[str]
    index: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    arrays: dict[str, Any] | None = None    # the stored form (what ``newsline train events`` writes)
    prior: dict[str, str] | None = None     # lemma -> its most frequent MAVEN label in training
    lemma_labels: dict[str, dict[str, int]] | None = None   # lemma -> event label -> count in training
    blend: float = 0.0                      # weight of the lemma's own label distribution in typing
    columns: dict[str, int] = field(init=False, repr=False)   # label -> its column (derived)

    def __post_init__(self) -> None:
        self.columns = {label: i for i, label in enumerate(self.labels)}

    def with_prior(self, feats: list[str], lemma: str) -> list[str]:
        """Add the lemma prior: the label the lemma most often had in training (a baseline the
        model learns when to trust and when context overrules)."""
        label = (self.prior or {}).get(lemma, "-")
        return [*feats, f"prior={label}", f"prior={label}|{feats[3] if len(feats) > 3 else ''}"]

    def scores(self, feats_per_token: list[list[str]]) -> np.ndarray:
        """Log-linear scores, one row per token (labels in ``self.labels`` order)."""
        out = np.tile(self.bias, (len(feats_per_token), 1))
        for row, feats in enumerate(feats_per_token):
            idx = [self.index[f] for f in feats if f in self.index]
            if idx:
                out[row] += self.weights[idx].sum(axis=0)
        return out

    def probabilities(self, feats_per_token: list[list[str]], lemmas: list[str] | None = None) -> np.ndarray:
        """One distribution over ``labels`` per token. With the tokens' ``lemmas``, the type part
        (everything but "no event") is blended with each lemma's label distribution in training:
        the context decides *whether* a word is an event, and the type is read from the context
        and from what the word usually denotes (``blend``, chosen by cross-validation; a lemma
        never seen as a trigger keeps the context's reading)."""
        s = self.scores(feats_per_token)
        s -= s.max(axis=1, keepdims=True)
        e = np.exp(s)
        probs = e / e.sum(axis=1, keepdims=True)
        if lemmas is not None and self.blend > 0 and self.lemma_labels:
            self._blend(probs, lemmas)
        return probs

    def _blend(self, probs: np.ndarray, lemmas: list[str]) -> None:
        none, column = self.columns[NONE], self.columns
        for row, lemma in zip(probs, lemmas):
            counts = self.lemma_labels.get(lemma)
            if not counts:
                continue
            mass = 1.0 - row[none]
            if mass <= 0:
                continue
            seen = np.zeros_like(row)
            for label, n in counts.items():
                seen[column[label]] = n
            seen *= mass / seen.sum()
            own = row.copy()
            own[none] = 0.0
            row[:] = (1.0 - self.blend) * own + self.blend * seen
            row[none] = 1.0 - mass

    def ontology_distribution(self, probs: np.ndarray) -> list[dict[str, float]]:
        """Per token: ontology type -> probability; ``NONE`` holds "no event of the ontology"."""
        keys, projection = _projection(self)
        none = self.labels.index(NONE)
        summed = probs @ projection          # tokens x ontology types: each label's mass to its type
        return [{RAW_NONE: float(row[none]), **dict(zip(keys, map(float, total)))}
                for row, total in zip(probs, summed)]


_PROJECTIONS: dict[tuple[str, ...], tuple[list[str], np.ndarray]] = {}


def _projection(model: SenseModel) -> tuple[list[str], np.ndarray]:
    """The ontology types the model's labels map to, and the labels x types 0/1 matrix (built
    once per label set: summing a token's label probabilities per type is then one product)."""
    labels = tuple(model.labels)
    if labels not in _PROJECTIONS:
        mapping = maven_map()
        targets = [(mapping.get(label) or [NONE])[0] if label != NONE else NONE for label in model.labels]
        keys = list(dict.fromkeys(targets))
        projection = np.zeros((len(model.labels), len(keys)), dtype=np.float64)
        for i, key in enumerate(targets):
            projection[i, keys.index(key)] = 1.0
        _PROJECTIONS[labels] = (keys, projection)
    return _PROJECTIONS[labels]


def model_from_arrays(arrays: Any) -> SenseModel:
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    features = meta["features"]
    labels = meta["labels"]
    weights = np.zeros((len(features), len(labels)), dtype=np.float32)
    weights[arrays["rows"], arrays["cols"]] = arrays["values"].astype(np.float32)
    return SenseModel(meta["version"], labels, {f: i for i, f in enumerate(features)}, weights,
                      arrays["bias"].astype(np.float32), dict(arrays) if isinstance(arrays, dict) else None,
                      meta.get("prior", {}), meta.get("lemma_labels", {}), float(meta.get("blend", 0.0)))


@lru_cache(maxsize=1)
def load_sense_model() -> SenseModel | None:
    """The packaged sense model, or None when the package ships none (the lexicon alone decides)."""
    ref = data_file("events", "sense_model.npz")
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path, np.load(path) as arrays:
        return model_from_arrays(arrays)
