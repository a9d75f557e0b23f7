"""Time expressions on sentences written for these tests (tests/data/timex/cases.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.nlp.timex import extract_timexes, resolve_timex

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "timex" / "cases.json").read_text())["cases"]


def _found(text, timexes):
    return {text[t.span.start:t.span.end]: t for t in timexes}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case, nlp):
    text = case["text"]
    found = _found(text, extract_timexes(text, case["id"], case["published"], doc=nlp(text)))
    for span, value, *rest in case["expect"]:
        assert span in found, f"{span!r} not found; found {sorted(found)}"
        t = found[span]
        assert t.value == value, f"{span!r}: {t.value} != {value}"
        earliest, latest, kind = (rest + [None, None, None])[:3]
        if earliest:
            assert t.earliest == earliest
        if latest:
            assert t.latest == latest
        if kind:
            assert t.kind == kind
    for span in case.get("absent", []):
        assert span not in found, f"{span!r} should not be a time expression"


def test_spans_index_the_text(nlp):
    text = "Russia and Ukraine on Tuesday exchanged prisoners under a deal reached during last week’s talks."
    timexes = extract_timexes(text, "a1", "2025-06-12", doc=nlp(text))
    assert [(t.span.article_id, text[t.span.start:t.span.end]) for t in timexes] == \
        [("a1", "Tuesday"), ("a1", "last week")]
    assert all(t.span.label == t.kind for t in timexes)


def test_unknown_anchor_keeps_relative_meaning_then_resolves(nlp):
    text = "The swap took place on Tuesday, a week after talks in June 2025."
    timexes = extract_timexes(text, "a2", None, doc=nlp(text))
    by_text = _found(text, timexes)
    tuesday = by_text["Tuesday"]
    assert tuesday.value is None and tuesday.relative["type"] == "weekday"
    assert by_text["June 2025"].value == "2025-06"  # fixed by the text itself
    resolved = resolve_timex(tuesday, "2025-06-12")
    assert (resolved.value, resolved.anchor) == ("2025-06-10", "2025-06-12")
    assert tuesday.value is None  # resolve_timex returns a copy
    assert resolve_timex(by_text["June 2025"], "2030-01-01").value == "2025-06"


def test_tense_hints_off_reads_weekdays_as_past(nlp):
    text = "The ministers will meet on Monday."
    on = _found(text, extract_timexes(text, "a", "2025-06-12", doc=nlp(text)))["Monday"]
    off = _found(text, extract_timexes(text, "a", "2025-06-12", doc=nlp(text), tense_hints=False))["Monday"]
    assert (on.value, off.value) == ("2025-06-16", "2025-06-09")


def test_without_doc_runs_its_own_pipeline():
    text = "Officials confirmed the swap on Thursday."
    timexes = extract_timexes(text, "a", "2025-06-26")
    assert [(text[t.span.start:t.span.end], t.value) for t in timexes] == [("Thursday", "2025-06-26")]


def test_bad_anchor_is_treated_as_unknown(nlp):
    text = "They met on Monday."
    (t,) = extract_timexes(text, "a", "not a date", doc=nlp(text))
    assert t.value is None and t.relative is not None
