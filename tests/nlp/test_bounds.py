"""The language layer never raises on legitimate or hostile text: invalid dates, empty quotes,
long bodies (parsed in chunks, offsets kept), punctuation runs (masked, offsets kept)."""
from __future__ import annotations

import pytest

from newsline.errors import TooLargeError
from newsline.nlp import bounds

INVALID = [
    ("The summit was held on February 29, 2023 in Vienna.", None, "February 29, 2023", "February 29 is not a day of 2023"),
    ("The summit was held on February 29 in Vienna.", "2023-05-01", "February 29", "not a day of the year"),
    ("It happened on June 31, 2024, officials said.", None, "June 31, 2024", "June has no day 31"),
    ("It happened on June 31, officials said.", "2024-07-02", "June 31", "June has no day 31"),
]


@pytest.mark.parametrize("text,published,words,reason", INVALID)
def test_invalid_date_is_an_invalid_expression_with_a_reason(nlp, text, published, words, reason):
    from newsline.nlp import annotate_text

    ann = annotate_text(text, published=published, nlp=nlp)
    found = [t for t in ann.timexes if text[t.span.start:t.span.end] == words]
    assert found and found[0].value is None and reason in found[0].invalid


def test_valid_leap_day_is_not_invalid(nlp):
    from newsline.nlp import annotate_text

    ann = annotate_text("The vote was on February 29, 2024.", nlp=nlp)
    assert [(t.value, t.invalid) for t in ann.timexes] == [("2024-02-29", None)]


def test_invalid_reason_survives_the_store(nlp, store):
    from newsline.nlp import annotate_text
    from newsline.records import Article

    body = "The summit was held on February 29, 2023 in Vienna."
    store.put_article(Article(id="a" * 16, source="a.txt", body=body, raw=body))
    ann = annotate_text(body, article_id="a" * 16, nlp=nlp)
    store.put_annotations(ann)
    assert [t.invalid for t in store.get_annotations("a" * 16).timexes] == ["February 29 is not a day of 2023"]


@pytest.mark.parametrize("text", ['He said ":" and left.', 'She wrote "" and ":" then ": ".', '":"'])
def test_empty_quote_does_not_fail_the_article(nlp, text):
    from newsline.nlp import annotate_text

    annotate_text(text, nlp=nlp)


def test_punctuation_run_is_masked_with_offsets_kept(nlp):
    from newsline.nlp import annotate_text

    text = "Officials in Vienna said " + "[" * 20_000 + " the mayor of Paris resigned."
    ann = annotate_text(text, nlp=nlp)
    assert len(ann.doc) < 200                                    # the run is not 20,000 tokens
    assert len(ann.doc.text) == len(text)
    assert {text[e.span.start:e.span.end] for e in ann.entities} >= {"Vienna", "Paris"}


def test_mask_keeps_length_and_short_runs():
    assert bounds.mask_punctuation_runs("a -- b ... c") == "a -- b ... c"
    masked = bounds.mask_punctuation_runs("x" + "(" * 100 + "y")
    assert len(masked) == 102 and masked.count("(") == bounds.MAX_PUNCT_RUN


@pytest.mark.parametrize("text,size", [
    ("one.\n\ntwo two.\n\nthree three three.\n\n" * 50, 120),
    ("no paragraph breaks, only sentences. " * 200, 300),
    ("x" * 1000, 64),                                            # no space at all: cut mid-word
])
def test_split_chunks_concatenate_to_the_text(text, size):
    pieces = bounds.split_chunks(text, size)
    assert "".join(pieces) == text and all(len(p) <= size for p in pieces) and len(pieces) > 1


def test_long_body_is_parsed_in_chunks_with_offsets_kept(nlp, monkeypatch):
    from newsline.nlp import annotate_text

    para = "The minister said on Tuesday that Vienna reported 12 new cases."
    body = "\n\n".join(f"{para} Item {i}." for i in range(40))
    whole = annotate_text(body, published="2025-06-12", nlp=nlp)
    monkeypatch.setattr(bounds, "CHUNK_CHARS", 500)
    chunked = annotate_text(body, published="2025-06-12", nlp=nlp)
    assert chunked.doc.text == body
    assert [(e.span.start, e.span.end) for e in chunked.entities] == [(e.span.start, e.span.end) for e in whole.entities]
    assert [t.value for t in chunked.timexes] == [t.value for t in whole.timexes]


def test_body_above_the_limit_is_refused_with_the_limit_named(nlp, monkeypatch):
    from newsline.nlp import annotate_text

    monkeypatch.setattr(bounds, "MAX_BODY_CHARS", 1000)
    with pytest.raises(TooLargeError, match="limit of 1,000") as err:
        annotate_text("word " * 300, nlp=nlp)
    assert err.value.step == "language"


def test_a_dateline_is_blanked_for_the_parser_with_offsets_kept():
    body = "Ferry operator fined\n\nHALVIK, May 2 (Nordwire) - Skarnes Ferries was fined on Thursday."
    text = bounds.parse_text(body)
    assert len(text) == len(body)
    start = body.index("Skarnes")
    assert text[start:] == body[start:]
    assert text[:body.index("HALVIK")] == body[:body.index("HALVIK")]
    assert text[body.index("HALVIK"):start].strip() == ""
    assert bounds.parse_text("Skarnes Ferries was fined on Thursday.") == "Skarnes Ferries was fined on Thursday."
