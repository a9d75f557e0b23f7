"""ECB+ cross-document event coreference scored through the product's own matcher and clusterer.

Every annotated (or detected) mention becomes one group; :class:`~newsline.events.cluster.
EventClusterer` clusters them with :class:`~newsline.events.matcher.EventMatcher` - the objects
the merge barrier of ``newsline ingest`` runs - so the figure measures the product's decision.
What differs from news is only what ECB+ gives and news does not: mentions carry no event type
(the type constraint is off, ``typed=False``), one document's mentions may corefer (ECB+ scores
within-document links too: ``within_article=True``) and the blocking key is the story (documents
grouped by TF-IDF similarity, :func:`document_blocks`), the usual ECB+ recipe, where news blocks
by type family and time. The lemma-match baselines are scored beside it.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..events import coref
from ..events.cluster import BlockingIndex, EventClusterer
from ..events.coref import ContextIndex, CorefModel, MentionFeatures
from ..events.groups import Group
from ..events.matcher import EventMatcher, load_model
from ..records import EventMention, Span
from .coref_metrics import drop_singletons, evaluate
from .ecb import TopicData, prepare_topic, read_ecbplus

__all__ = ["cluster_documents", "document_blocks", "lemma_baseline", "product_clusters", "score_topics",
           "evaluate_ecbplus", "average_link"]


def average_link(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering, merging while the average similarity >= threshold
    (the document step of the ECB+ recipe)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = similarity.shape[0]
    if n == 1:
        return [[0]]
    distance = np.clip(1.0 - similarity, 0.0, None)
    condensed = distance[np.triu_indices(n, k=1)]
    labels = fcluster(linkage(condensed, method="average"), t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values())


def cluster_documents(doc_terms: dict[str, Sequence[str]], *, threshold: float,
                      index: ContextIndex | None = None) -> list[list[str]]:
    """Group documents that tell the same story: average-link over TF-IDF cosine."""
    ids = list(doc_terms)
    if not ids:
        return []
    index = index or ContextIndex(doc_terms.values())
    vectors = [index.vector(doc_terms[d]) for d in ids]
    sim = np.array([[ContextIndex.cosine(a, b) for b in vectors] for a in vectors])
    return [[ids[i] for i in group] for group in average_link(sim, threshold)]


def document_blocks(features: Sequence[MentionFeatures], *, threshold: float,
                    index: ContextIndex | None = None) -> list[list[int]]:
    """Mention indices grouped by :func:`cluster_documents` over the mentions' documents.

    Mentions whose documents carry no context terms all fall in one block."""
    docs: dict[str, tuple[str, ...]] = {}
    for f in features:
        docs.setdefault(f.doc_id, f.terms("context"))
    if not any(docs.values()):
        return [list(range(len(features)))] if features else []
    index = index or ContextIndex.from_mentions(features)
    where = {d: i for i, group in enumerate(cluster_documents(docs, threshold=threshold, index=index))
             for d in group}
    blocks: dict[int, list[int]] = {}
    for i, f in enumerate(features):
        blocks.setdefault(where[f.doc_id], []).append(i)
    return list(blocks.values())


def lemma_baseline(features: Sequence[MentionFeatures],
                   blocks: Sequence[Sequence[int]] | None = None) -> list[list[int]]:
    """The lemma-match baseline: mentions with the same lemma within one block corefer."""
    blocks = blocks if blocks is not None else [list(range(len(features)))]
    clusters = []
    for block in blocks:
        by_lemma: dict[str, list[int]] = {}
        for i in block:
            by_lemma.setdefault(features[i].lemma.lower(), []).append(i)
        clusters.extend(sorted(g) for g in by_lemma.values())
    return sorted(clusters)


def _mention(i: int, f: MentionFeatures) -> EventMention:
    """A stand-in record for one ECB+ mention: no type, no time (ECB+ annotates neither)."""
    return EventMention(id=str(i), article_id=f.doc_id, type="EVENT", trigger=Span(f.doc_id, 0, 0),
                        sentence=Span(f.doc_id, 0, 0))


def product_clusters(features: Sequence[MentionFeatures], model: CorefModel, blocks: Sequence[Sequence[int]],
                     *, threshold: float | None = None, index: ContextIndex | None = None,
                     matcher: EventMatcher | None = None) -> list[list[int]]:
    """Cluster ``features`` with the product's matcher and clusterer; lists of indices."""
    records = {str(i): f for i, f in enumerate(features)}
    matcher = matcher or EventMatcher(model, features=records,
                                      index=index or ContextIndex.from_mentions(features), typed=False)
    if threshold is not None:
        matcher.threshold = threshold
    block_of = {i: b for b, block in enumerate(blocks) for i in block}
    blocking = BlockingIndex(lambda g: {"EVENT"}, keys=lambda g: {f"story:{block_of[int(g.mentions[0].id)]}"})
    if model.semantic:
        coref.embed_mentions([f for f in features if coref.EMBEDDING_KEY not in f._cache])
    groups = []
    for i, f in enumerate(features):
        g = Group()
        g.add(_mention(i, f))
        groups.append(g)
    events = EventClusterer(matcher, blocking, within_article=True).cluster(groups)
    return sorted(sorted(int(m.id) for m in e.mentions) for e in events)


def document_text(doc) -> tuple[str, dict[int, tuple[int, int]]]:
    """An ECB+ document as plain text (one sentence a line, tokens joined by spaces) and each
    token's character span in it."""
    parts, spans, at = [], {}, 0
    for number, tokens in sorted(doc.sentences().items()):
        for k, tok in enumerate(tokens):
            if k:
                parts.append(" ")
                at += 1
            spans[tok.t_id] = (at, at + len(tok.text))
            parts.append(tok.text)
            at += len(tok.text)
        parts.append("\n")
        at += 1
    return "".join(parts), spans


def run_product(docs) -> tuple[dict[str, list[tuple[int, ...]]], list[list[tuple]]]:
    """Run the product on one topic's documents: each is stored as an article (its text as
    given: ECB+ is already clean), then the language layer and event extraction, dating and the
    merge barrier run as ``newsline ingest`` runs them. Returns each document's mention token
    spans (in the annotated sentences) and the merged events as lists of (document, tokens)."""
    import tempfile

    from ..dating.corpus import date_articles
    from ..events import extract_events, merge_events
    from ..records import Article
    from ..store import SQLiteStore

    spans: dict[str, list[tuple[int, ...]]] = {}
    where: dict[str, tuple[str, tuple[int, ...]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "ecbplus.db")
        texts = {}
        for doc in docs:
            texts[doc.name] = document_text(doc)
            store.put_article(Article(id=doc.name, source=f"{doc.name}.xml", body=texts[doc.name][0]))
        extract_events(store, [d.name for d in docs])
        date_articles(store)
        merge_events(store)
        selected = {d.name: d for d in docs}
        for m in store.iter_mentions():
            doc = selected[m.article_id]
            tokens = tuple(t for t, (a, b) in texts[doc.name][1].items()
                           if a < m.trigger.end and b > m.trigger.start)
            if tokens and all(_sentence_of(doc, t) in doc.selected for t in tokens):
                spans.setdefault(doc.name, []).append(tokens)
                where[m.id] = (doc.name, tokens)
        events = [[where[mid] for mid in e.mentions if mid in where] for e in store.iter_events()]
        store.close()
    return spans, [e for e in events if e]


def _sentence_of(doc, t_id: int) -> int:
    return next(t.sentence for t in doc.tokens if t.t_id == t_id)


def _as_keys(data: TopicData, clusters: list[list[int]]) -> list[list[tuple]]:
    return [[data.keys[i] for i in c] for c in clusters]


def gold_clusters(data: TopicData) -> list[list[tuple]]:
    chains: dict[str, list[tuple]] = {}
    for key, chain in data.gold.items():
        chains.setdefault(chain, []).append(key)
    return list(chains.values())


def score_topics(topics: list[TopicData], model: CorefModel, *, threshold: float | None = None,
                 singletons: bool = True) -> dict:
    """Cluster every topic with the product's clusterer and score the pooled clusters; also the
    lemma baselines (by story block and by gold sub-topic)."""
    key, response, lemma_pred, lemma_gold = [], [], [], []
    found = gold_sub = 0
    for data in topics:
        index = ContextIndex.from_mentions(data.features)
        blocks = document_blocks(data.features, threshold=model.doc_threshold, index=index)
        clusters = data.clusters if data.clusters is not None else \
            product_clusters(data.features, model, blocks, threshold=threshold, index=index)
        by_sub: dict[str, list[int]] = {}
        for i, f in enumerate(data.features):
            by_sub.setdefault(data.subtopic[f.doc_id], []).append(i)
        key += gold_clusters(data)
        response += _as_keys(data, clusters)
        lemma_pred += _as_keys(data, lemma_baseline(data.features, blocks))
        lemma_gold += _as_keys(data, lemma_baseline(data.features, list(by_sub.values())))
        found += len(blocks)
        gold_sub += len({data.subtopic[f.doc_id] for f in data.features})
    if not singletons:
        key, response = drop_singletons(key), drop_singletons(response)
        lemma_pred, lemma_gold = drop_singletons(lemma_pred), drop_singletons(lemma_gold)
    return {"model": evaluate(key, response),
            "lemma_baseline": evaluate(key, lemma_pred),
            "lemma_baseline_gold_subtopics": evaluate(key, lemma_gold),
            "document_clusters": found, "gold_subtopics": gold_sub,
            "gold_mentions": sum(len(c) for c in key),
            "response_mentions": sum(len(c) for c in response),
            "matched_mentions": len({m for c in key for m in c} & {m for c in response for m in c})}


def evaluate_ecbplus(root: str | Path, topics: list[str], *, mentions: str = "gold",
                     model: CorefModel | None = None, singletons: bool = True) -> dict:
    """Score cross-document event coreference on ``topics`` of the ECB+ folder ``root``."""
    import os

    model = model or load_model()
    corpus = read_ecbplus(root, topics)
    before = os.environ.get(coref.MODEL_ENV)
    os.environ[coref.MODEL_ENV] = model.name      # the product pipeline ("predicted") merges with it
    try:
        prepared = [prepare_topic(t, docs, mentions) for t, docs in corpus.items()]
    finally:
        if before is None:
            os.environ.pop(coref.MODEL_ENV, None)
        else:
            os.environ[coref.MODEL_ENV] = before
    result = score_topics(prepared, model, singletons=singletons)
    result.update({"coref_model": model.name, "topics": list(corpus), "mentions": mentions,
                   "singletons": singletons, "clusterer": "newsline.events.cluster.EventClusterer",
                   "threshold": model.threshold, "doc_threshold": model.doc_threshold})
    return result
