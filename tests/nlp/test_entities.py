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


def test_an_object_pronoun_never_takes_the_subject_of_its_clause(variants):
    body, entities = variants
    # "Zelensky thanked him": "him" is the (unnamed) Polish prime minister, not Zelensky
    assert not [e for e in entities if body[e.span.start:e.span.end] == "him"]


def test_pronouns_prefer_the_subject_of_an_earlier_sentence():
    from newsline.nlp import annotate_text

    text = ("Police chief Anna Berg said officers had questioned the suspect, Tom Hale, on Friday.\n\n"
            "\"We are making progress,\" she said. He said he was not involved.")
    ann = annotate_text(text)
    she = next(e for e in ann.entities if text[e.span.start:e.span.end] == "she")
    assert she.canonical == "Anna Berg"
    quote = next(q for q in ann.quotes if q.kind == "direct")
    assert quote.speaker == "Anna Berg"
    text = "Minister Jan Kowal met opposition leader Piotr Nowak on Monday. He said the talks went well."
    he = next(e for e in annotate_text(text).entities if e.kind == "pronoun")
    assert he.canonical == "Jan Kowal"           # the subject, not the nearest name


def test_no_antecedent_no_mention():
    from newsline.nlp import annotate_text

    ann = annotate_text("He said the ministry would answer later.")
    assert [e for e in ann.entities if e.kind != "name"] == []


def test_entity_spans_point_into_the_text(variants):
    body, entities = variants
    for e in entities:
        assert 0 <= e.span.start < e.span.end <= len(body)
        assert body[e.span.start:e.span.end].strip() == body[e.span.start:e.span.end]


@pytest.mark.parametrize("text, name", [
    ("Carmaker Vantor Motors filed for bankruptcy on Tuesday.", "Vantor Motors"),
    ("Chipmaker Lumetra Semiconductor said on Thursday it would cut jobs.", "Lumetra Semiconductor"),
])
def test_a_descriptor_noun_before_a_company_name_is_no_part_of_it(text, name):
    from newsline.nlp import annotate_text

    names = {text[e.span.start:e.span.end] for e in annotate_text(text).entities}
    assert name in names and not any(n.lower().startswith(("carmaker", "chipmaker")) for n in names)
