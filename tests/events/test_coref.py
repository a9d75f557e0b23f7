"""The coreference core: features, the lemma-pair table, clustering, learning, the shipped model."""
from __future__ import annotations

import json

import numpy as np
import pytest

from newsline.events import coref
from newsline.events.coref import CorefModel, LemmaPairs, MentionFeatures

QUAKE_A = "A strong earthquake struck Aceh on Monday, killing 12 people."
QUAKE_B = "The earthquake that struck Aceh on Monday killed twelve people."
VOTE = "Parliament voted on the budget in Oslo on Thursday."


def mention(doc: str, lemma: str, sentence: str, **kw) -> MentionFeatures:
    return MentionFeatures(doc_id=doc, trigger=kw.pop("trigger", lemma), lemma=lemma, sentence=sentence,
                           context=kw.pop("context", sentence), **kw)


def weights(**named: float) -> np.ndarray:
    """A weight vector with the named features set and every other weight 0."""
    w = np.zeros(len(coref.FEATURE_NAMES))
    for name, value in named.items():
        w[coref.FEATURE_NAMES.index(name)] = value
    return w


LEMMA_MODEL = CorefModel(weights(bias=-2.0, lemma_equal=3.0, synonym=3.0), threshold=0.5, doc_threshold=0.0)


def feature(a: MentionFeatures, b: MentionFeatures, name: str, pairs: LemmaPairs | None = None) -> float:
    x = coref.pair_features(a, b, coref.ContextIndex.from_mentions([a, b]), pairs)
    return float(x[coref.FEATURE_NAMES.index(name)])


FEATURE_CASES = [
    # (a, b, feature, expected)
    (mention("d1", "strike", QUAKE_A), mention("d2", "strike", QUAKE_B), "lemma_equal", 1.0),
    (mention("d1", "strike", QUAKE_A), mention("d2", "vote", VOTE), "lemma_equal", 0.0),
    (mention("d1", "elect", "x"), mention("d2", "election", "y"), "stem_equal", 1.0),
    (mention("d1", "quake", "x"), mention("d2", "earthquake", "y"), "synonym", 1.0),
    (mention("d1", "say", "x"), mention("d2", "tell", "y"), "both_reporting", 1.0),
    (mention("d1", "strike", QUAKE_A), mention("d1", "kill", QUAKE_A), "same_sentence", 1.0),
    (mention("d1", "strike", QUAKE_A), mention("d2", "kill", QUAKE_A), "same_sentence", 0.0),
    (mention("d1", "strike", ""), mention("d1", "kill", ""), "same_sentence", 0.0),   # no sentence given
    (mention("d1", "x", "s", actors=("Hugh Jackman",)), mention("d2", "x", "t", actors=("Jackman",)),
     "actor_overlap", pytest.approx(2 / 3)),
    (mention("d1", "x", "s", places=("Aceh",)), mention("d2", "x", "t", places=("Chile",)), "place_conflict", 1.0),
    (mention("d1", "x", "s", date="2025-06"), mention("d2", "x", "t", date="2025-06-10"), "date_match", 1.0),
    (mention("d1", "x", "s", date="2025-06-11"), mention("d2", "x", "t", date="2025-06-10"), "date_conflict", 1.0),
    (mention("d1", "x", "s", arguments=("aceh",)), mention("d2", "x", "t", arguments=("aceh", "people")),
     "argument_overlap", pytest.approx(2 / 3)),
    (mention("d1", "it", "s", pos="PRON"), mention("d2", "strike", "t", pos="VERB"), "pronoun", 1.0),
]


@pytest.mark.parametrize("a,b,name,expected", FEATURE_CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(FEATURE_CASES)])
def test_pair_feature(a, b, name, expected):
    assert feature(a, b, name) == expected


def test_similar_sentences_are_closer_than_unrelated_ones():
    a, b, c = mention("d1", "strike", QUAKE_A), mention("d2", "strike", QUAKE_B), mention("d3", "vote", VOTE)
    index = coref.ContextIndex.from_mentions([a, b, c])
    cos = coref.FEATURE_NAMES.index("sentence_cos")
    assert coref.pair_features(a, b, index)[cos] > 0.3 > coref.pair_features(a, c, index)[cos]


def test_lemma_pairs_rate_leaves_unseen_pairs_at_zero():
    table = LemmaPairs({("arrest", "capture"): (8, 10), ("say", "say"): (0, 20), ("rare", "word"): (1, 1)},
                       base_rate=0.1)
    assert table.rate("capture", "arrest") == (1.0, pytest.approx((8 + 0.2) / 12 - 0.1))
    assert table.rate("say", "say")[1] < 0
    assert table.rate("rare", "word") == (0.0, 0.0)        # below min_seen: dropped
    again = LemmaPairs.from_json(json.loads(json.dumps(table.to_json())))
    assert again.counts == table.counts and again.base_rate == table.base_rate
    a, b = mention("d1", "arrest", "s"), mention("d2", "capture", "t")
    assert feature(a, b, "pair_known", table) == 1.0
    assert feature(a, b, "pair_known") == 0.0              # no table given: the features read 0


def test_document_terms_count_names_and_numbers_twice():
    terms = coref.document_terms("The quake in Aceh killed 1,200 people.")
    assert terms.count("aceh") == 2 and terms.count("quake") == 1 and "1200" in terms


def test_product_clusterer_groups_by_lemma_and_synonym():
    from newsline.eval.coref_eval import lemma_baseline, product_clusters

    feats = [mention("d1", "quake", QUAKE_A), mention("d2", "earthquake", QUAKE_B),
             mention("d3", "vote", VOTE), mention("d4", "vote", VOTE)]
    assert product_clusters(feats, LEMMA_MODEL, [[0, 1, 2, 3]]) == [[0, 1], [2, 3]]
    assert lemma_baseline(feats) == [[0], [1], [2, 3]]


def test_document_blocks_keep_different_stories_apart():
    from newsline.eval.coref_eval import document_blocks, product_clusters

    feats = [mention("d1", "strike", QUAKE_A), mention("d2", "strike", QUAKE_B), mention("d3", "strike", VOTE)]
    blocks = document_blocks(feats, threshold=0.2)
    assert sorted(blocks) == [[0, 1], [2]]
    assert product_clusters(feats, LEMMA_MODEL, blocks) == [[0, 1], [2]]


def test_fit_logistic_learns_the_informative_feature():
    from newsline.eval.coref_train import fit_logistic

    rng = np.random.default_rng(0)
    signal = rng.integers(0, 2, 400).astype(float)
    noise = rng.random(400)
    x = np.column_stack([np.ones(400), signal, noise])
    y = (signal + 0.1 * rng.standard_normal(400) > 0.5).astype(float)
    w = fit_logistic(x, y, l2=1.0)
    assert w[1] > 3.0 and abs(w[2]) < 1.0


def test_model_json_round_trip_and_feature_check():
    model = CorefModel(weights(bias=-1.0), 0.4, 0.1, {"note": "t"}, LemmaPairs({("a", "b"): (3, 4)}, 0.2))
    again = CorefModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.threshold == 0.4 and again.pairs.counts == {("a", "b"): (3, 4)}
    broken = model.to_json() | {"features": ["bias"]}
    with pytest.raises(ValueError, match="retrain"):
        CorefModel.from_json(broken)


def test_shipped_model_loads_and_scores():
    model = coref.load_model(semantic=False)
    assert model.weights.shape == (len(coref.FEATURE_NAMES),) and model.name == "base"
    assert 0.0 < model.threshold < 1.0 and model.pairs.counts
    same = coref.pair_score(mention("d1", "strike", QUAKE_A), mention("d2", "strike", QUAKE_B), model=model)
    other = coref.pair_score(mention("d1", "strike", QUAKE_A), mention("d3", "vote", VOTE), model=model)
    assert same > model.threshold > other
