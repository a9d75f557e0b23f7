"""Quotes: quote marks over paragraphs, attribution to canonical speakers, reported speech."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "nlp"

CASES = [json.loads(line) for line in (DATA / "quotes.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("text, quoted", [
    ('He said "we will win" and left.', ["we will win"]),
    ("“One. Two,” she said. “Three.”", ["One. Two", "Three."]),
    ("«Bonjour tout le monde», dit-il.", ["Bonjour tout le monde"]),
    # a quote running into the next paragraph: the first is left open, the next opens again
    ("“First part.\n\n“Second part,” he said.", ["First part.\n\n“Second part"]),
    # an unclosed quote ends with its paragraph when the next one does not continue it
    ("“Never closed\n\nPlain paragraph.", ["Never closed"]),
    ("No quotes here.", []),
])
def test_find_quoted_spans(text, quoted):
    from newsline.nlp.quotes import find_quoted_spans

    assert [text[s:e] for s, e in find_quoted_spans(text)] == quoted


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_quote_attribution(read_data, case):
    from newsline.nlp import annotate_text

    body = read_data(case["file"])
    quotes = annotate_text(body).quotes
    for want in case["expect"]:
        hits = [q for q in quotes if body[q.span.start:q.span.end].startswith(want["starts"])]
        assert hits, f"no quote starting {want['starts']!r}"
        q = hits[0]
        assert (q.kind, q.speaker) == (want["kind"], want["speaker"])
        if "cue" in want:
            assert q.cue == want["cue"]
        if "contains" in want:
            assert want["contains"] in body[q.span.start:q.span.end]
        assert q.speaker_span is not None
    for text in case.get("absent", []):          # absent as speech: a scare quote is no utterance
        assert not any(text in body[q.span.start:q.span.end] for q in quotes if q.kind != "scare")


def test_scare_quotes_are_their_own_kind():
    from newsline.nlp import annotate_text

    text = "Crowds chanted “Russia” as the so-called “heroes” arrived."
    ann = annotate_text(text)
    # a chanted word is a slogan (no quote at all); "heroes" is a quoted term
    assert [(text[q.span.start:q.span.end], q.kind, q.speaker) for q in ann.quotes] == [("heroes", "scare", None)]


def test_unresolved_pronoun_claims_no_speaker():
    from newsline.nlp import annotate_text

    ann = annotate_text("“We will not stop until every hostage is home,” they said.")
    (q,) = ann.quotes
    assert q.speaker is None and q.kind == "direct"


@pytest.mark.parametrize("text, direct", [
    ('“No,” she replied.', ["No"]),
    ('The minister said: "Never again."', ["Never again."]),
    ('The president responded, "Everything, everything." Then he left.', ["Everything, everything."]),
    # a quoted term keeps its comma or full stop inside the marks (American style): not speech
    ('Her rival said the count had been "rigged." She left.', []),
    ('Speaking on the show "Face the Nation," the senator said little.', []),
])
def test_short_quotes_only_when_they_stand_alone(text, direct):
    from newsline.nlp import annotate_text

    quotes = annotate_text(text).quotes
    assert [text[q.span.start:q.span.end] for q in quotes if q.kind == "direct"] == direct
