"""Table-driven extraction on sentences written for these tests (several topics)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.events.extract import extract_mentions

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "events" / "sentences.json").read_text())


def _main(mentions, type_):
    found = [m for m in mentions if m.type == type_]
    assert found, f"no {type_} mention in {[(m.type, m.context) for m in mentions]}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extraction_table(case, layer_of):
    mentions = extract_mentions(layer_of(case["text"], case["published"]))
    want = case["expect"]
    m = _main(mentions, want["type"])
    if "mode" in want:
        assert m.mode == want["mode"]
    if "context" in want:
        assert m.context == want["context"]
    if "date" in want:
        assert m.date == want["date"]
    if "place" in want:
        assert want["place"] in {a.value for a in m.arguments if a.role == "place"}
    if "actors" in want:
        actors = {a.value for a in m.arguments if a.role in ("source", "target")}
        assert set(want["actors"]) <= actors
    quantities = [a.value for a in m.arguments if a.role == "quantity"]
    if "quantity" in want:
        assert any(q["value"] == want["quantity"] for q in quantities), quantities
    if "qualifier" in want:
        assert any(q["qualifier"] == want["qualifier"] for q in quantities)


def test_every_argument_has_evidence_inside_the_text(layer_of):
    text = "Israeli air strikes killed at least 12 people in Gaza on Sunday, health officials said."
    for m in extract_mentions(layer_of(text, "2025-03-10")):
        for a in m.arguments:
            assert 0 <= a.span.start < a.span.end <= len(text)
        assert text[m.trigger.start:m.trigger.end].strip()


def test_publication_date_is_not_the_event_date_by_default(layer_of):
    """No time in the text and no past tense: no date at all (never the publication date)."""
    mentions = extract_mentions(layer_of("Talks between the two sides are continuing.", "2025-03-10"))
    assert all(m.date is None for m in mentions)


def test_agreement_lists_its_terms(layer_of):
    text = "Both sides agreed to release 500 prisoners each and to return the bodies of 2,000 soldiers."
    mentions = extract_mentions(layer_of(text, "2025-03-10"))
    agree = _main(mentions, "AGREE")
    terms = {a.value for a in agree.arguments if a.role == "term"}
    assert {m.id for m in mentions if m.context == "agreed"} == terms
    assert {m.type for m in mentions if m.id in terms} >= {"RETREAT", "RETURN_REMAINS"}


@pytest.mark.parametrize("text", [
    "The released soldiers thanked the captured villagers.",
    "The hospital admitted the patients, all either injured or older than 70.",
    '"They need care," the doctor said, describing the miners as "badly wounded and exhausted."',
    "The freed detainees were wounded or seriously ill, officials said.",
])
def test_descriptors_are_not_events(layer_of, text):
    mentions = extract_mentions(layer_of(text, "2025-03-10"))
    assert mentions == []


def test_a_participle_with_its_own_agent_is_still_an_event(layer_of):
    mentions = extract_mentions(layer_of("Two guards were wounded by gunmen in Lagos on Monday.", "2025-03-10"))
    assert any(m.type == "ASSAULT" for m in mentions)


def test_a_cue_word_types_a_later_bare_swap(layer_of):
    text = ("The prisoner deal reached last month is being carried out. "
            "The second exchange took place on Monday near the border.")
    mentions = extract_mentions(layer_of(text, "2025-03-12"))
    swaps = [m for m in mentions if m.type == "EXCHANGE_PRISONERS" and m.context == "asserted"]
    assert [m.date for m in swaps] == ["2025-03-10"]


def test_a_bare_exchange_without_cue_is_no_prisoner_swap(layer_of):
    text = "The second exchange took place on Monday near the border."
    assert [m for m in extract_mentions(layer_of(text, "2025-03-12")) if m.type == "EXCHANGE_PRISONERS"] == []


def test_a_city_before_the_trigger_is_the_place_not_an_actor(layer_of):
    mentions = extract_mentions(layer_of("The Geneva talks ended on Friday without a deal.", "2025-03-10"))
    talks = _main(mentions, "CONSULT")
    assert "Geneva" in {a.value for a in talks.arguments if a.role == "place"}
    assert "Geneva" not in {a.value for a in talks.arguments if a.role in ("source", "target")}


def test_a_time_under_an_agreeing_participle_dates_the_agreement_not_the_event(layer_of):
    text = ("Russia and Ukraine exchanged prisoners of war on Tuesday, a day after the first stage "
            "of a swap agreed at talks in Istanbul on June 2.")
    mentions = extract_mentions(layer_of(text, "2025-06-11"))
    swaps = [m for m in mentions if m.type == "EXCHANGE_PRISONERS"]
    assert swaps and "2025-06-02" not in {m.date for m in swaps}
    assert "2025-06-10" in {m.date for m in swaps}


def test_plural_events_that_took_place_on_two_days_are_two_dated_events(layer_of):
    text = "Earlier air strikes took place on Monday and Tuesday, officials in Kharkiv said."
    mentions = [m for m in extract_mentions(layer_of(text, "2025-06-12")) if m.type == "ASSAULT"]
    assert sorted(m.date for m in mentions) == ["2025-06-09", "2025-06-10"]
    assert {m.context for m in mentions} <= {"asserted", "claimed"}


def test_plural_events_without_their_own_time_stay_general(layer_of):
    text = "Prisoner exchanges have been one of the few areas of cooperation since talks began in May."
    mentions = [m for m in extract_mentions(layer_of(text, "2025-06-12")) if m.type == "EXCHANGE_PRISONERS"]
    assert mentions and all(m.context == "generic" for m in mentions)


def test_counts_of_a_following_plan_are_not_details_of_the_event(layer_of):
    text = ("The delegations met in Geneva on Monday. "
            "The two sides would also hand each other the bodies of 2,000 fallen soldiers.")
    mentions = extract_mentions(layer_of(text, "2025-06-12"))
    meeting = _main(mentions, "CONSULT")
    assert not [a for a in meeting.arguments if a.role == "quantity"]


def test_counts_in_a_following_sentence_are_details_of_the_event(layer_of):
    text = "Russia and Ukraine exchanged prisoners on Monday. The oldest was 61 and the youngest 20."
    swap = _main(extract_mentions(layer_of(text, "2025-06-12")), "EXCHANGE_PRISONERS")
    assert {a.value["value"] for a in swap.arguments if a.role == "quantity"} >= {61, 20}


@pytest.mark.parametrize("text, expected", [
    ("She was struck by a vehicle heading north, police said.", []),
    ("The two companies struck a deal on Monday.", ["AGREE"]),
    ("The union said a Screen Actors Guild strike would start on Monday.", ["LABOUR_STRIKE"]),
    ("Russian missiles struck Kharkiv on Monday.", ["ASSAULT"]),
])
def test_strike_is_an_attack_only_on_a_place(layer_of, text, expected):
    assert [m.type for m in extract_mentions(layer_of(text, "2025-06-12"))] == expected


def test_the_two_sides_are_parties_not_a_count(layer_of):
    mentions = extract_mentions(layer_of("The two sides agreed on Monday to free 300 prisoners each.", "2025-06-12"))
    values = {a.value["value"] for m in mentions for a in m.arguments if a.role == "quantity"}
    assert 2 not in values and 300 in values


@pytest.mark.parametrize("text, type_, target, source", [
    ("Tom Lind was appointed chief executive by Orbita on Monday.", "APPOINT", "Tom Lind", "Orbita"),
    ("Apple was sued by Samsung on Friday.", "LAWSUIT", "Apple", "Samsung"),
    ("Sun Microsystems was acquired by Oracle on Monday.", "ACQUIRE", "Sun Microsystems", "Oracle"),
    ("Tom Lind said he was arrested on Monday.", "COERCE", "Tom Lind", None),
])
def test_a_passive_subject_is_the_patient_and_the_by_phrase_the_doer(layer_of, text, type_, target, source):
    mention = next(m for m in extract_mentions(layer_of(text, "2024-05-08")) if m.type == type_)
    by_role = {role: {str(a.value) for a in mention.arguments if a.role == role} for role in ("source", "target")}
    assert target in by_role["target"] and target not in by_role["source"], by_role
    assert by_role["source"] == ({source} if source else set()), by_role


def test_a_definite_passive_subject_is_still_counted(layer_of):
    mentions = extract_mentions(layer_of("The 40 protesters were arrested in Nairobi on Monday.", "2025-06-12"))
    assert 40 in {a.value["value"] for m in mentions for a in m.arguments if a.role == "quantity"}


@pytest.mark.parametrize("text, expected", [
    ("The actress, who shot to fame in 1999, checked in last week.", []),
    ("The project was shooting for a 2011 release.", []),
    ("They shot a music video in Paris.", []),
    ("Police shot him in the leg on Monday.", ["ASSAULT"]),
    ("A man was shot outside a bar on Friday.", ["ASSAULT"]),
    ("Gunmen shot dead two guards in Lagos.", ["ASSAULT"]),
])
def test_shoot_is_an_attack_only_on_a_person_or_by_a_shooter(layer_of, text, expected):
    assert [m.type for m in extract_mentions(layer_of(text, "2025-06-12"))] == expected


def test_a_trigger_noun_naming_a_kind_of_thing_is_no_event(layer_of):
    text = "Riot police and an attack helicopter were deployed to the stadium on Monday."
    assert [m.type for m in extract_mentions(layer_of(text, "2025-06-12")) if m.type in ("PROTEST", "ASSAULT")] == []


def test_a_stance_held_so_far_gets_no_recency_window(layer_of):
    held = _main(extract_mentions(layer_of("The government has so far rejected calls for a ceasefire.", "2025-06-12")), "REJECT")
    assert held.date is None and held.date_window is None
    done = _main(extract_mentions(layer_of("The government rejected calls for a ceasefire.", "2025-06-12")), "REJECT")
    assert done.date_window is not None and done.date_window.latest == "2025-06-12"


def test_counts_of_a_sentence_about_another_day_are_not_details(layer_of):
    text = ("Russia and Ukraine exchanged prisoners on Tuesday. "
            "As with Monday's first stage, which involved soldiers younger than 25, no figure was given.")
    swap = _main(extract_mentions(layer_of(text, "2025-06-11")), "EXCHANGE_PRISONERS")
    assert not [a for a in swap.arguments if a.role == "quantity"]


@pytest.mark.parametrize("text, word, dep", [
    ("Counter-protesters rallied outside parliament on Sunday.", "outside", "prep"),   # a place: a preposition
    ("The club hired outside lawyers on Monday.", "outside", "amod"),                  # no place: an adjective
])
def test_preposition_read_as_adjective_before_a_place(text, word, dep, layer_of):
    doc = layer_of(text, "2024-05-08").doc
    tok = next(t for t in doc if t.lower_ == word)
    assert tok.dep_ == dep
    if dep == "prep":
        assert tok.head.lemma_ == "rally" and [c.dep_ for c in tok.children] == ["pobj"]


def test_a_person_nouns_organisation_is_an_affiliation(layer_of):
    """"the ex-chief of Tarvik Shipping" is the person; the company is kept as the affiliation."""
    from newsline.events.groups import Group
    from newsline.events.ontology import load_ontology
    from newsline.events.values import build_details

    text = "The ex-chief of Tarvik Shipping was sentenced to six years in prison on Friday."
    m = _main(extract_mentions(layer_of(text, "2024-05-08")), "SENTENCE")
    details = build_details(Group(mentions=[m]), load_ontology(), m.type, m.mode)
    assert details["affiliations"] == {"ex-chief of Tarvik Shipping": "Tarvik Shipping"}
    assert not any(a.role in ("source", "target") for a in m.arguments)


def test_a_date_after_publication_is_planned_and_redating_undoes_it(layer_of):
    from newsline.dating.mentions import date_mention
    from newsline.dating.publication import date_given

    layer = layer_of("Lena Horvat faces ten years in prison when she is sentenced in June.", "2024-03-16")
    m = _main(extract_mentions(layer), "SENTENCE")
    assert m.context == "planned"
    reason = next(a.value for a in m.arguments if a.role == "after_publication")
    assert reason["was"] == "asserted" and "after publication (2024-03-16)" in reason["reason"]
    date_given(layer.article, "2024-07-02")      # the same report, dated in July after all
    date_mention(m, layer.article)
    assert m.context == "asserted" and not any(a.role == "after_publication" for a in m.arguments)
