"""Quantities: value, counted noun, qualifier, scope and kind, table-driven from quantities.jsonl."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "nlp"

CASES = [json.loads(line) for line in (DATA / "quantities.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_quantities(nlp, case):
    from newsline.nlp.quantities import extract_quantities

    found = extract_quantities(nlp(case["text"]), "t")
    for want in case["expect"]:
        matches = [q for q in found if all(_same(getattr(q, k), v) for k, v in want.items())]
        assert matches, f"missing {want} in {[(q.value, q.noun, q.qualifier, q.scope, q.kind) for q in found]}"
    for value in case.get("absent", []):
        assert all(q.value != value for q in found), f"{value} is a date, not a quantity"


def _same(got, want) -> bool:
    if isinstance(want, (int, float)) and got is not None:
        return got == pytest.approx(want)
    return got == want


def test_quantity_spans_cover_the_number_and_its_qualifier(nlp):
    from newsline.nlp.quantities import extract_quantities

    text = "Russia said at least 40 drones were shot down."
    (q,) = extract_quantities(nlp(text), "t")
    assert text[q.span.start:q.span.end] == "at least 40 drones"


def test_anaphoric_others_count_what_the_previous_number_counted(nlp):
    from newsline.nlp.quantities import extract_quantities

    found = extract_quantities(nlp("The shelling killed three civilians and wounded five others."), "t")
    assert [(q.value, q.noun) for q in found] == [(3, "civilians"), (5, "civilians")]


def test_version_number_crash(nlp):
    """Regression: "Software 1.1.1" (a SemEval trial document) raised ValueError in the extractor."""
    from newsline.nlp.quantities import extract_quantities

    text = "The update, Player Software 1.1.1, limits the volume to 100 decibels on 2 models."
    found = extract_quantities(nlp(text), "t")
    assert [(q.value, q.noun) for q in found] == [(100, "decibels"), (2, "models")]


def test_currency_sign_is_part_of_the_amount_span(nlp):
    from newsline.nlp.quantities import extract_quantities

    text = "Shares fell to $12.40 on the news."
    (q,) = extract_quantities(nlp(text), "t")
    assert text[q.span.start:q.span.end] == "$12.40"
