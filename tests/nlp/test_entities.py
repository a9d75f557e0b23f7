"""Entities: type fixes, canonical names across variants, nominal and pronoun references."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def variants(read_data):
    from newsline.nlp import annotate_text

    body = read_data("entities_variants.txt")
    return body, annotate_text(body).entities


@pytest.mark.parametrize("surface, label, canonical, kind", [
    ("Oleksandr Syrskyi", "PERSON", "Oleksandr Syrsky", "name"),     # title apposition fixes the type
    ("Syrskii", "PERSON", "Oleksandr Syrsky", "name"),               # surname + spelling variant
    ("Russian Defense Ministry", "ORG", "Russian Ministry of Defence", "name"),
    ("Russia's Ministry of Defence", "ORG", "Russian Ministry of Defence", "name"),
    ("The ministry", "ORG", "Russian Ministry of Defence", "nominal"),
    ("Kharkov", "GPE", "Kharkiv", "name"),
    ("Kiev", "GPE", "Kyiv", "name"),
    ("Volodymyr Zelenskiy", "PERSON", "Volodymyr Zelensky", "name"),
    ("Zelensky", "PERSON", "Volodymyr Zelensky", "name"),
    ("him", "PERSON", "Volodymyr Zelensky", "pronoun"),
    ("Poles", "NORP", "Polish", "name"),
    ("Telegram", "PLATFORM", "Telegram", "name"),
])
def test_entities_are_typed_and_canonical(variants, surface, label, canonical, kind):
    body, entities = variants
    hits = [e for e in entities if body[e.span.start:e.span.end] == surface]
    assert hits, f"{surface!r} not found"
    assert (hits[0].label, hits[0].canonical, hits[0].kind) == (label, canonical, kind)


@pytest.mark.parametrize("text, surface, label", [
    ("Officials in Kyiv said the talks would resume.", "Kyiv", "GPE"),
    ("He wrote on X that the deal was done.", "X", "PLATFORM"),
    ("He posted the video on Telegram.", "Telegram", "PLATFORM"),
    ("Ukrainian officials welcomed the move.", "Ukrainian", "NORP"),
    ("Shelling hit the southern region of Kherson overnight.", "Kherson", "GPE"),
    ("Troops advanced in the Donetsk region.", "Donetsk", "GPE"),
])
def test_type_fixes(text, surface, label):
    from newsline.nlp import annotate_text

    entities = annotate_text(text).entities
    assert any(text[e.span.start:e.span.end] == surface and e.label == label for e in entities), \
        [(text[e.span.start:e.span.end], e.label) for e in entities]


def test_pronoun_gender_agreement():
    from newsline.nlp import annotate_text

    text = "Queen Margrethe met Prime Minister Mette Frederiksen. She thanked the king."
    ann = annotate_text(text)
    pronouns = [e for e in ann.entities if e.kind == "pronoun"]
    assert pronouns and pronouns[0].canonical == "Mette Frederiksen"


def test_no_antecedent_no_mention():
    from newsline.nlp import annotate_text

    ann = annotate_text("He said the ministry would answer later.")
    assert [e for e in ann.entities if e.kind != "name"] == []


def test_entity_spans_point_into_the_text(variants):
    body, entities = variants
    for e in entities:
        assert 0 <= e.span.start < e.span.end <= len(body)
        assert body[e.span.start:e.span.end].strip() == body[e.span.start:e.span.end]
