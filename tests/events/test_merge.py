"""Merging across articles: same-type events on different days stay apart; ids are stable;
disagreements are kept side by side; copies count as one origin."""
from __future__ import annotations

from newsline.dating.corpus import date_articles
from newsline.events import extract_events, merge_events
from newsline.records import Article, PublicationDate

def stated(day):
    """The date an article states itself, as the dating stage records it (none without a day)."""
    return PublicationDate(day, "dateline", basis="stated") if day else PublicationDate()


A = ("Ukraine and Russia exchanged prisoners of war on Monday. The swap involved 90 soldiers "
     "from each side.")
B = ("Russia and Ukraine exchanged prisoners of war on Wednesday, officials said. "
     "At least 150 soldiers were freed.")
C = "Russia and Ukraine swapped prisoners of war on Monday. More than 90 soldiers were freed."


def _merged(store, items, type_):
    """Store (id, body, published) articles, run extraction, dating and merging; events of type_."""
    for aid, body, published in items:
        store.put_article(Article(id=aid, source=f"{aid}.txt", body=body, dated=stated(published)))
    extract_events(store, [aid for aid, _, _ in items])
    date_articles(store)
    merge_events(store)
    return [e for e in store.iter_events() if e.type == type_]


def _ingest(store, items):
    return _merged(store, items, "EXCHANGE_PRISONERS")


def test_same_type_different_days_stay_apart(store):
    events = _ingest(store, [("a1", A, "2025-06-11"), ("b1", B, "2025-06-12")])
    assert sorted(e.date for e in events) == ["2025-06-09", "2025-06-11"]


def test_same_event_merges_and_disagreement_is_shown(store):
    events = _ingest(store, [("a1", A, "2025-06-11"), ("c1", C, "2025-06-11")])
    monday = [e for e in events if e.date == "2025-06-09"]
    assert len(monday) == 1 and set(monday[0].sources) == {"a1", "c1"}
    assert monday[0].independent_origins == 2


def test_event_ids_are_stable_across_incremental_ingests(store):
    first = {e.date: e.id for e in _ingest(store, [("a1", A, "2025-06-11")])}
    second = {e.date: e.id for e in _ingest(store, [("c1", C, "2025-06-11"), ("b1", B, "2025-06-12")])}
    assert second["2025-06-09"] == first["2025-06-09"]
    assert second["2025-06-11"] != first["2025-06-09"]


def test_quantity_disagreement_keeps_both_readings():
    from newsline.events.values import quantity_disagreements

    qs = [{"key": "persons", "qualifier": "at least", "value": 1000, "scope": None, "text": "at least 1,000", "sources": ["a"]},
          {"key": "persons", "qualifier": "more than", "value": 1000, "scope": None, "text": "more than 1,000", "sources": ["b", "c"]}]
    (d,) = quantity_disagreements(qs)
    assert [v["value"] for v in d["values"]] == ["at least 1,000", "more than 1,000"]
    assert d["values"][1]["sources"] == ["b", "c"]


SUMMIT = "Leaders of France and Germany held talks in Lisbon on June 3, officials said."
RECAP = "The talks in Lisbon early in June produced no agreement, the statement said."
RECAP_TWO = "The talks in Lisbon early in June produced no agreement."


def _talks(store, items):
    return [e for e in _merged(store, items, "CONSULT") if e.context in ("asserted", "claimed")]


def test_a_wide_window_joins_the_only_event_of_its_type_inside_it(store):
    events = _talks(store, [("s1", SUMMIT, "2025-06-04"), ("r1", RECAP, "2025-06-30")])
    assert [sorted(e.sources) for e in events] == [["r1", "s1"]]


def test_a_wide_window_holding_two_such_events_joins_neither(store):
    other = "Leaders of France and Germany held talks in Lisbon on June 8."
    events = _talks(store, [("s1", SUMMIT, "2025-06-04"), ("s2", other, "2025-06-09"),
                            ("r1", RECAP_TWO, "2025-06-30")])
    assert sorted(sorted(e.sources) for e in events) == [["r1"], ["s1"], ["s2"]]


def test_the_acting_side_is_named_first_even_when_the_target_is_named_more():
    from newsline.events.groups import Group
    from newsline.events.merge import _actors
    from newsline.events.ontology import load_ontology
    from newsline.records import EventArgument, EventMention, Span

    def mention(i, *args):
        m = EventMention(id=f"m{i}", article_id=f"a{i}", type="CAPTURE_TERRITORY", mode=None,
                         trigger=Span(f"a{i}", 0, 1), sentence=Span(f"a{i}", 0, 1), context="claimed")
        m.arguments = [EventArgument(role, value, Span(f"a{i}", 0, 1)) for role, value in args]
        return m
    g = Group()
    for m in (mention(1, ("target", "Ukraine")), mention(2, ("target", "Ukraine"), ("source", "Russia"))):
        g.add(m)
    assert _actors(g, load_ontology(), "CAPTURE_TERRITORY") == ["Russia", "Ukraine"]


def test_ages_are_shown_as_ages_and_never_disagree():
    from newsline.events.values import quantity_disagreements, quantity_text

    oldest = {"key": "age", "kind": "age", "qualifier": "exactly", "value": 59, "scope": None,
              "text": "aged 59", "sources": ["a"]}
    youngest = {**oldest, "value": 22, "text": "aged 22"}
    assert quantity_disagreements([oldest, youngest]) == []
    assert quantity_text({"kind": "age", "value": 25, "qualifier": "fewer than"}) == "aged under 25"
    assert quantity_text({"kind": "count", "value": 25, "qualifier": "fewer than", "noun": "people"}) == "fewer than 25 people"


def test_a_report_without_named_actors_joins_by_the_articles_parties(store):
    lead = ("Russia and Ukraine exchanged prisoners of war on Monday, officials in Moscow and Kyiv said. "
            "Ukraine said its soldiers were home.")
    recap = ("Russia and Ukraine exchanged prisoners again on Thursday. "
             "An earlier exchange took place on Monday.")
    events = _ingest(store, [("a1", lead, "2025-06-10"), ("r1", recap, "2025-06-13")])
    monday = [e for e in events if e.date == "2025-06-09" and e.context in ("asserted", "claimed")]
    assert [sorted(e.sources) for e in monday] == [["a1", "r1"]]


def test_a_missing_or_stale_coreference_model_is_a_config_error_naming_the_fix(store, monkeypatch):
    """Merging never goes on silently without its model (it used to swallow the error)."""
    import pytest

    from newsline.errors import ConfigError
    from newsline.events import coref

    store.put_article(Article(id="a1", source="a1.txt", body=A, dated=PublicationDate("2025-06-11", "test", basis="stated")))
    extract_events(store, ["a1"])

    def stale(name):
        raise ValueError("coref model features do not match this code's FEATURE_NAMES: retrain it")
    monkeypatch.setattr(coref, "_read_model", stale)
    with pytest.raises(ConfigError, match="newsline.eval.coref_train train"):
        merge_events(store)

    def missing(name):
        raise FileNotFoundError(name)
    monkeypatch.setattr(coref, "_read_model", missing)
    with pytest.raises(ConfigError, match="reinstall"):
        merge_events(store)


def test_regression_model_switch_never_hands_an_event_an_id_another_holds():
    """Issue 14: re-merging with another coreference model split an event so that the smaller
    part's fresh id (the hash of its first mention) was the id the larger part kept:
    ``UNIQUE constraint failed: events.id``."""
    from newsline.events.merge import _event_id, fresh_id, keep_ids_unique
    from newsline.records import Event

    old = fresh_id("m1")                                  # the event [m1, m2] had m1's hash
    previous = {"m1": old, "m2": old, "m3": "ev-other"}
    larger = Event(id=_event_id(["m2", "m3", "m4"], previous | {"m4": old}), type="X",
                   mentions=["m2", "m3", "m4"])
    smaller = Event(id=_event_id(["m1"], previous), type="X", mentions=["m1"])
    third = Event(id=fresh_id("m5"), type="X", mentions=["m5"])
    events = [smaller, larger, third]
    keep_ids_unique(events)
    ids = [e.id for e in events]
    assert len(set(ids)) == 3 and larger.id == old and smaller.id != old
    keep_ids_unique(events, taken={smaller.id})          # an id a stored, untouched event holds
    assert smaller.id not in {larger.id, third.id} and len({e.id for e in events}) == 3


def test_switching_the_coreference_model_on_a_store_keeps_ids_unique(store, monkeypatch):
    """Merge with one model, add an article and merge with the other, and back: no error,
    every event id unique, an event that gains a report keeps its id."""
    import pytest

    from newsline.events import coref

    if not coref.semantic_available():
        pytest.skip("the optional `semantic` extra is not installed")
    monkeypatch.setenv(coref.MODEL_ENV, "semantic")
    first = {e.date: e.id for e in _ingest(store, [("a1", A, "2025-06-11"), ("b1", B, "2025-06-12")])}
    monkeypatch.setenv(coref.MODEL_ENV, "base")
    second = _ingest(store, [("c1", C, "2025-06-11")])
    monkeypatch.setenv(coref.MODEL_ENV, "semantic")
    third = _ingest(store, [])
    for events in (second, third):
        assert len({e.id for e in events}) == len(events)
    monday = next(e for e in second if e.date == "2025-06-09")
    assert monday.id == first["2025-06-09"] and set(monday.sources) == {"a1", "c1"}


def test_released_on_bail_is_one_release_event(store):
    """"detained on Friday and later released on bail": one arrest and one release on bail (the
    noun "bail" completes "released on", it is no second release), in each report and after the
    merge of two reports; the release is not dated by the detention's Friday."""
    items = [("r1", "The union organiser was detained on Friday and later released on bail.", "2024-05-08"),
             ("r2", "Police detained the union organiser on Friday. She was later released on bail.", "2024-05-08")]
    _merged(store, items, "RELEASE_CUSTODY")
    releases = [e for e in store.iter_events() if e.type in ("RELEASE_CUSTODY", "RETREAT")]
    assert [(e.type, e.mode) for e in releases] == [("RELEASE_CUSTODY", "bail")]
    assert set(releases[0].sources) == {"r1", "r2"} and releases[0].date is None
    arrests = [e for e in store.iter_events() if e.type == "COERCE"]
    assert len(arrests) == 1 and arrests[0].date == "2024-05-03"


def test_an_undisclosed_number_is_the_headline_rather_than_an_age():
    from newsline.events.ontology import load_ontology
    from newsline.events.values import summarize
    from newsline.records import Event

    age = {"key": "age", "kind": "age", "qualifier": "exactly", "value": 59, "text": "aged 59"}
    undisclosed = {"key": "released", "kind": "undisclosed", "value": None, "text": "undisclosed people"}
    event = Event(id="e", type="EXCHANGE_PRISONERS", actors=["Russia", "Ukraine"], quantities=[undisclosed, age])
    assert summarize(event, load_ontology()).endswith("— number undisclosed")
    event.quantities = [age]           # an age alone is no headline count either
    assert "aged 59" not in summarize(event, load_ontology())


def test_a_vote_tally_reads_as_one_figure_in_the_summary():
    from newsline.events.ontology import load_ontology
    from newsline.events.values import summarize
    from newsline.records import Event

    tally = [{"key": "votes_for", "kind": "count", "value": 212.0, "text": "212 votes"},
             {"key": "votes_against", "kind": "count", "value": 198.0, "text": "198 votes"}]
    event = Event(id="e", type="LEGISLATE", mode="passed", actors=["House"], quantities=tally)
    assert summarize(event, load_ontology()).endswith("— 212 votes to 198")
