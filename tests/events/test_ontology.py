"""The general-news ontology: families, crosswalks at the mode level, --type resolution, open windows."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsline import api
from newsline.cli import app
from newsline.events.ontology import context_rank, load_ontology, real_contexts, timeline_contexts
from newsline.events.view import when_text
from newsline.records import DateWindow, Event

ACLED_SUB_TYPES = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration", "Mob violence", "Agreement", "Arrests", "Change to group/activity",
    "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other"}


def test_every_acled_sub_type_is_producible_from_some_mode():
    onto = load_ontology()
    produced = {onto.crosswalk(code, mode)["acled_sub_event_type"]
                for code, spec in onto.types.items() for mode in [None, *spec.get("modes", [])]}
    assert ACLED_SUB_TYPES <= produced, ACLED_SUB_TYPES - produced


@pytest.mark.parametrize("type_, mode, event_type, sub_type", [
    ("ASSAULT", "explosives:grenade", "Explosions/Remote violence", "Grenade"),
    ("ASSAULT", "explosives", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ASSAULT", "mob", "Riots", "Mob violence"),
    ("ASSAULT", "aerial:drone", "Explosions/Remote violence", "Air/drone strike"),
    ("PROTEST", "riot", "Riots", "Violent demonstration"),
    ("PROTEST", "demo", "Protests", "Peaceful protest"),
    ("COERCE", "arrest", "Strategic developments", "Arrests"),
])
def test_acled_crosswalk_is_decided_by_the_mode(type_, mode, event_type, sub_type):
    cw = load_ontology().crosswalk(type_, mode)
    assert (cw["acled_event_type"], cw["acled_sub_event_type"]) == (event_type, sub_type)


def test_every_type_has_definition_family_modes_roles_and_crosswalk_names():
    onto = load_ontology()
    families = set(json.loads(__import__("importlib.resources").resources.files("newsline.data")
                              .joinpath("events/ontology.json").read_text())["families"])
    for code, spec in onto.types.items():
        assert spec["definition"] and spec["family"] in families and spec["modes"] and spec["roles"], code
        assert "maven" in spec, code
    for family in ("business", "personnel", "politics", "justice", "life", "disaster", "economy", "science"):
        assert any(s["family"] == family for s in onto.types.values()), family


@pytest.mark.parametrize("query, expected", [
    ("ASSAULT", "ASSAULT"), ("attack", "ASSAULT"), ("acquisition / merger", "ACQUIRE"), ("merger", "ACQUIRE"),
    ("labour strike", "LABOUR_STRIKE"), ("transport_accident", "TRANSPORT_ACCIDENT"), ("business", "LAYOFFS"),
])
def test_type_queries_take_a_code_a_label_or_a_family(query, expected):
    assert expected in load_ontology().resolve_types(query)


def test_a_plover_code_keeps_its_extensions():
    assert "LABOUR_STRIKE" in load_ontology().resolve_types("protest")


def test_context_vocabulary_comes_from_the_data_file():
    assert list(context_rank())[:2] == list(real_contexts()) == ["asserted", "claimed"]
    assert set(timeline_contexts()) <= set(context_rank())


@pytest.mark.parametrize("window, text", [
    (DateWindow(None, "2007-03-13", "r"), "before 2007-03-13"),
    (DateWindow("2009-05-01", None, "r"), "after 2009-05-01"),
    (DateWindow("2009-05-01", "2009-05-03", "r"), "2009-05-01..2009-05-03"),
])
def test_open_windows_print_as_before_or_after(window, text):
    assert when_text(Event(id="e", type="AGREE", date_window=window)) == text


def test_types_command_lists_the_ontology_with_crosswalks():
    rows = api.types(family="justice")
    assert {r["code"] for r in rows} >= {"CHARGE", "TRIAL", "VERDICT", "SENTENCE", "LAWSUIT"}
    result = CliRunner().invoke(app, ["types", "--type", "attack", "--format", "json"])
    assert result.exit_code == 0
    modes = json.loads(result.stdout)[0]["modes"]
    assert modes["explosives:suicide"]["acled_sub_event_type"] == "Suicide bomb"


def test_unknown_type_or_family_is_a_clear_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["types", "--family", "astrology"])
    assert result.exit_code != 0 and "families are" in result.output
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "timeline", "--type", "nonsense"])
    assert result.exit_code != 0 and "matches no event type" in result.output


def test_a_summary_names_the_mode_where_it_changes_the_reading():
    from newsline.events.ontology import load_ontology

    ontology = load_ontology()
    assert ontology.reading("LAUNCH_PRODUCT", "recall") == "product launch / release (recall)"
    assert ontology.reading("MARKET_MOVE", "fall") == "market move (fall)"
    assert ontology.reading("ASSAULT", "aerial:drone") == "attack (drone)"
    assert ontology.reading("LAUNCH_PRODUCT", "launch") == "product launch / release"   # the label says it
    assert ontology.reading("DEATH", "unknown") == "death"
    assert ontology.reading("CONSULT", "phone") == "talks"                 # a type whose modes are detail
    assert ontology.reading("LABOUR_STRIKE", None) == "labour strike"


def test_every_kept_hyphen_prefix_says_what_it_does_to_a_trigger():
    """A prefix the tokenizer keeps whole ("counter-attack", "ex-chief") is either typed by its base
    word or never an event by itself; none is left to chance, and none is both."""
    from newsline.nlp.resources import hyphen_prefixes

    ontology = load_ontology()
    for prefix in hyphen_prefixes():
        assert (prefix in ontology.base_prefixes) != (prefix in ontology.no_event_prefixes), prefix
    assert ontology.entries("counter-attack") == ontology.entries("attack")
    assert ontology.entries("ex-convict") == [] and ontology.names_no_event("non-arrest")
