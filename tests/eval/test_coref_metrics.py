"""MUC, B3, CEAF-e and CoNLL F1 against small examples computed by hand.

Each case gives key and response clusterings and the expected (recall, precision) per metric,
worked out on paper with the definitions of the reference scorer (Pradhan et al. 2014), including
its handling of predicted mentions: a key mention missing from the response (or the other way
round) counts as a part of its own in MUC and adds nothing to the B3/CEAF overlaps.
"""
from __future__ import annotations

import pytest

from newsline.eval.coref_metrics import b_cubed, ceaf_e, conll, drop_singletons, evaluate, muc

# key {a b c} {d e}; response {a b} {c d} {e}
SPLIT_KEY = [["a", "b", "c"], ["d", "e"]]
SPLIT_RESPONSE = [["a", "b"], ["c", "d"], ["e"]]
# CEAF-e: phi4 = 2|K&R|/(|K|+|R|); best alignment {abc}-{ab} 4/5 + {de}-{e} 2/3 = 22/15
CEAF_SPLIT = 22 / 15

CASES = [
    # name, key, response, {metric: (recall, precision)}
    ("split", SPLIT_KEY, SPLIT_RESPONSE,
     {"muc": (1 / 3, 1 / 2), "b3": (8 / 15, 4 / 5), "ceaf_e": (CEAF_SPLIT / 2, CEAF_SPLIT / 3)}),
    ("identical", SPLIT_KEY, SPLIT_KEY, {"muc": (1, 1), "b3": (1, 1), "ceaf_e": (1, 1)}),
    # one spurious response mention (x) and one key mention the system missed (c)
    ("predicted mentions", [["a", "b", "c"]], [["a", "b", "x"]],
     {"muc": (1 / 2, 1 / 2), "b3": (4 / 9, 4 / 9), "ceaf_e": (2 / 3, 2 / 3)}),
    # everything merged: MUC recall is perfect, B3 precision is (9/5 + 4/5) / 5
    ("all in one", SPLIT_KEY, [["a", "b", "c", "d", "e"]],
     {"muc": (1, 3 / 4), "b3": (1, 13 / 25), "ceaf_e": (6 / 8 / 2, 6 / 8)}),
    # all singletons: MUC finds no link (its precision is 0/0, read as 0); B3 recall (3 * 1/3 + 2 * 1/2) / 5
    ("all singletons", SPLIT_KEY, [["a"], ["b"], ["c"], ["d"], ["e"]],
     {"muc": (0, 0), "b3": (2 / 5, 1),
      "ceaf_e": ((1 / 2 + 2 / 3) / 2, (1 / 2 + 2 / 3) / 5)}),
]
SCORERS = {"muc": muc, "b3": b_cubed, "ceaf_e": ceaf_e}


@pytest.mark.parametrize("name,key,response,expected", CASES, ids=[c[0] for c in CASES])
def test_metric_matches_hand_computation(name, key, response, expected):
    for metric, (recall, precision) in expected.items():
        score = SCORERS[metric](key, response)
        assert score.recall == pytest.approx(recall), (name, metric, "recall")
        assert score.precision == pytest.approx(precision), (name, metric, "precision")


def test_split_f1_values_and_conll_mean():
    result = evaluate(SPLIT_KEY, SPLIT_RESPONSE)
    ceaf_f1 = 2 * (CEAF_SPLIT / 2) * (CEAF_SPLIT / 3) / (CEAF_SPLIT / 2 + CEAF_SPLIT / 3)
    assert result["muc"]["f1"] == pytest.approx(0.4, abs=1e-6)
    assert result["b3"]["f1"] == pytest.approx(0.64, abs=1e-6)
    assert result["ceaf_e"]["f1"] == pytest.approx(ceaf_f1, abs=1e-6)
    assert conll(SPLIT_KEY, SPLIT_RESPONSE) == pytest.approx((0.4 + 0.64 + ceaf_f1) / 3, abs=1e-6)


def test_repeated_mention_counts_once():
    assert evaluate([["a", "b"]], [["a", "b", "a"], ["a"]]) == evaluate([["a", "b"]], [["a", "b"]])


def test_empty_response_scores_zero_without_error():
    result = evaluate(SPLIT_KEY, [])
    assert result["conll_f1"] == 0.0
    assert result["muc"]["recall"] == 0.0


def test_drop_singletons():
    assert drop_singletons(SPLIT_RESPONSE) == [frozenset({"a", "b"}), frozenset({"c", "d"})]
