"""Who an event's sides are when the sentence names no one, and what a type with no agent takes
its subject for (events/arguments.py). Sentences written for these tests, one beat each."""
from __future__ import annotations

import pytest

from newsline.events.extract import extract_mentions

PUBLISHED = "2024-03-05"


def _mention(layer_of, text: str, type_: str):
    mentions = [m for m in extract_mentions(layer_of(text, PUBLISHED)) if m.type == type_]
    assert mentions, f"no {type_} in {text!r}"
    return mentions[0]


def _values(m, role: str) -> list[str]:
    return [str(a.value) for a in m.arguments if a.role == role]


@pytest.mark.parametrize("text, type_, role, value", [
    ("Workers at the plant went on strike on Monday.", "LABOUR_STRIKE", "described_source", "workers"),
    ("Lawmakers approved the budget bill on Monday.", "LEGISLATE", "described_source", "lawmakers"),
    ("The central bank raised interest rates on Monday.", "RATE_DECISION", "described_source", "central bank"),
    ("Police arrested three suspects in Chicago on Monday.", "COERCE", "described_source", "police"),
    ("The airline ordered 20 aircraft from Boeing last month.", "CONTRACT", "described_source", "airline"),
])
def test_a_side_no_one_names_is_described_by_its_noun(layer_of, text, type_, role, value):
    m = _mention(layer_of, text, type_)
    assert value in _values(m, role), m.arguments
    # the noun's span is its evidence
    arg = next(a for a in m.arguments if a.role == role and a.value == value)
    assert text[arg.span.start:arg.span.end].lower().endswith(value.split()[-1])
    # no one is named: the reason stays
    assert _values(m, "no_actor") or _values(m, "target")


def test_a_named_side_is_not_also_described(layer_of):
    m = _mention(layer_of, "Airbus workers went on strike on Monday.", "LABOUR_STRIKE")
    assert "Airbus" in _values(m, "source"), m.arguments
    assert not _values(m, "described_source")


@pytest.mark.parametrize("text", [
    "The airline ordered 20 aircraft from Boeing last month.",
    "The airline placed an order for 40 jets from Airbus last month.",      # "from" under the goods noun
])
def test_the_type_s_own_preposition_gives_the_seller(layer_of, text):
    m = _mention(layer_of, text, "CONTRACT")
    seller = "Boeing" if "Boeing" in text else "Airbus"
    assert seller in _values(m, "target"), m.arguments


@pytest.mark.parametrize("text, type_, target", [
    ("European stocks fell 2 percent on Monday.", "MARKET_MOVE", "European stocks"),
    ("Shares of Tesla rose 5 percent on Tuesday.", "MARKET_MOVE", "Tesla"),   # the shares' issuer
])
def test_a_market_move_s_subject_is_the_market_not_an_actor(layer_of, text, type_, target):
    m = _mention(layer_of, text, type_)
    assert not _values(m, "source"), m.arguments          # "European" does not act
    assert target in _values(m, "described_target") + _values(m, "target")


def test_the_one_who_died_is_the_target(layer_of):
    m = _mention(layer_of, "Former chief executive John Smith died on Sunday.", "DEATH")
    assert "John Smith" in _values(m, "target") and not _values(m, "source")


def test_a_blocked_merger_is_not_a_merger(layer_of):
    m = _mention(layer_of, "Regulators blocked the merger of Acme Corp and Beta Inc on Friday.", "ACQUIRE")
    assert m.context == "negated"


def test_described_actors_are_shown_but_never_match_reports(tmp_path):
    """Two arrests by "police" in one month, in two articles: shown with their doer, and not
    merged on it (the role noun singles out no party)."""
    from newsline import api
    from newsline.store import SQLiteStore

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_2024-03-05_x.txt").write_text(
        "Arrests in the north\n\nPolice arrested two men in Leeds on Monday after a break-in at a bakery.\n")
    (folder / "b_2024-03-12_y.txt").write_text(
        "Fraud case\n\nPolice arrested a bank clerk in Bristol on Monday over a missing payroll.\n")
    db = tmp_path / "n.db"
    api.ingest([str(folder)], db=db, workers=1)
    with SQLiteStore(db) as store:
        arrests = [e for e in store.iter_events() if e.type == "COERCE"]
    assert len(arrests) == 2, [(e.type, e.sources) for e in arrests]
    assert all(e.actors and e.actors[0] == "police" for e in arrests), [e.actors for e in arrests]
