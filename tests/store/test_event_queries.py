"""The one event query (store/queries.py, migration 0010_query_covering_indexes): the same events
as the timeline's Python filter (TimelineFilter.keep over every event), in timeline order, pages
that follow each other by cursor, bounded totals, and query plans that walk a covering index."""
from __future__ import annotations

import pytest

from newsline.records import Article, DateWindow, Event, EventMention, Span
from newsline.store.queries import event_conditions
from newsline.timeline.build import TimelineFilter, timeline_items, timeline_page

WORDS = ("ceasefire talks", "prisoner swap", "port strike")


def _events():
    out = []
    for i in range(40):
        day = f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}"
        window = None
        if i % 7 == 0:
            window = DateWindow("2025-03-01", "2025-03-31", "march")
        elif i % 13 == 5:
            window = DateWindow(None, f"2025-{1 + i % 12:02d}-20", "reported as past")    # an upper bound only
        elif i % 17 == 3:
            window = DateWindow("2024-01-01", "2025-12-31", "'in the past two years'")    # a long window
        out.append(Event(id=f"ev-{i:03d}", type=("ASSAULT", "CONSULT", "EXCHANGE_PRISONERS", "RELEASE")[i % 4],
                         date=None if (window or i % 11 == 0) else day, date_window=window,
                         context=("asserted", "claimed", "planned", "negated")[i % 4],
                         place=("Kyiv", "Paris", None, "Île-de-France")[i % 4],
                         actors=[("Russia", "Ukraine", "France_1", "ÉLYSÉE")[i % 4]],
                         sources=[f"a{i:015d}"], mentions=[f"a{i:015d}:0"],
                         details={"crosswalk": {"plover": "ASSAULT" if i % 4 == 0 else "CONSULT"}}))
    return out


@pytest.fixture
def filled(store):
    """A store with one article and one mention behind each event (for the article and text filters)."""
    with store.transaction():
        for i, event in enumerate(_events()):
            aid = event.sources[0]
            body = f"Officials said the {WORDS[i % 3]} went ahead. Nothing else happened."
            store.put_article(Article(id=aid, source=f"t/{i}.txt", body=body))
            sentence = Span(aid, 0, body.index(".") + 1, "sentence")
            store.replace_mentions(aid, [EventMention(id=f"{aid}:0", article_id=aid, type=event.type,
                                                      trigger=Span(aid, 4, 13, "trigger"), sentence=sentence)])
        store.replace_events(_events())
    return store


FILTERS = [TimelineFilter(), TimelineFilter(contexts=()), TimelineFilter(types=("consult",)),
           TimelineFilter(types=("release", "ASSAULT"), contexts=()), TimelineFilter(types=("no such type",)),
           TimelineFilter(actor="russ"), TimelineFilter(actor="france_"), TimelineFilter(actor="élysée", contexts=()),
           TimelineFilter(place="PAR"), TimelineFilter(place="de-fr", contexts=()),
           TimelineFilter(since="2025-03-10", until="2025-06-30"), TimelineFilter(since="2025-11-01"),
           TimelineFilter(until="2025-02-15", contexts=()), TimelineFilter(since="2025-08-01", contexts=()),
           TimelineFilter(since="2025-05-01", until="2025-05-31", types=("consult",), contexts=())]


def _all_pages(store, flt, **extra):
    items, cursor = [], None
    while True:
        events, cursor = store.query_events(**flt.query(), **extra, limit=3, cursor=cursor)
        items += [e.id for e in events]
        if cursor is None:
            return items


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_indexed_query_gives_what_the_filter_keeps_in_timeline_order(filled, flt):
    expected = timeline_items(list(filled.iter_events()), flt)
    assert timeline_page(filled, flt)["items"] == expected
    assert _all_pages(filled, flt) == [i["id"] for i in expected]
    assert filled.count_events_where(**flt.query()) == (len(expected), True)


def test_article_and_text_filters_keep_the_events_they_name(filled):
    flt = TimelineFilter(contexts=())
    swap = [e.id for e in filled.iter_events() if int(e.id[3:]) % 3 == 1]
    assert sorted(_all_pages(filled, flt, text='"prisoner swap"')) == sorted(swap)
    assert _all_pages(filled, flt, article="a000000000000007") == ["ev-007"]
    assert _all_pages(filled, TimelineFilter(), article="a000000000000007") == []     # negated: not by default


def test_a_date_range_reaches_events_known_by_an_upper_bound_or_a_long_window(filled):
    ids = [e.id for e in filled.query_events(since="2025-05-01", until="2025-05-31")[0]]
    assert "ev-020" in ids                       # 2024-01-01..2025-12-31 overlaps May 2025
    assert "ev-018" in ids                       # no start, latest 2025-07-20: after May 1st
    assert ids.index("ev-020") < ids.index("ev-018")     # an event with no start sorts last


def test_timeline_order_puts_undated_events_last(filled):
    items = timeline_page(filled, TimelineFilter(contexts=()))["items"]
    started = [i for i in items if i["date"] or (i["date_window"] or {}).get("earliest")]
    assert items[:len(started)] == started and len(started) < len(items)


def test_count_stops_at_the_cap_and_says_so(filled):
    assert filled.count_events_where(cap=5) == (5, False)
    assert filled.count_events_where(cap=40) == (40, True)
    assert filled.count_events_where(types=("CONSULT",), cap=None) == (10, True)


def test_unknown_type_matches_nothing_and_no_type_matches_all():
    assert event_conditions("e", types=())[0] == ["0"]
    assert event_conditions("e", types=None)[0] == []


@pytest.mark.parametrize("flt,index,walks", [
    (TimelineFilter(), "events_timeline", True), (TimelineFilter(types=("CONSULT",)), "events_type_timeline", True),
    (TimelineFilter(since="2025-03-01", until="2025-03-31"), "events_timeline", True),
    (TimelineFilter(place="kyiv"), "events_place_timeline", False)])
def test_a_page_reads_a_covering_index(filled, flt, index, walks):
    """A page walks an index in timeline order and stops after it (no sort of every match), or,
    for a place, reads the events of the matching names from their own index."""
    captured = []
    filled.db.set_trace_callback(captured.append)
    filled.query_events(**flt.query(), limit=5)
    filled.db.set_trace_callback(None)
    sql = next(s for s in captured if s.startswith("SELECT e.rowid, e.sort_key FROM events"))
    plan = " ".join(str(r[3]) for r in filled.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert f"COVERING INDEX {index}" in plan and (not walks or "TEMP B-TREE" not in plan), plan


def test_actor_and_place_names_follow_every_write(filled):
    """The name tables the actor and place filters read are kept by triggers on any write."""
    filled.db.execute("UPDATE events SET place = 'Odesa', place_key = 'odesa' WHERE id = 'ev-001'")
    filled.db.execute("INSERT INTO event_actors (actor, event_id) VALUES ('hamas', 'ev-001')")
    assert [e.id for e in filled.query_events(place="odes", contexts=())[0]] == ["ev-001"]
    assert [e.id for e in filled.query_events(actor="HAMA", contexts=())[0]] == ["ev-001"]
