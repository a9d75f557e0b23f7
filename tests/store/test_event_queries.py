"""Timeline queries on indexes (migration 0006_merge_indexes): the same events as the in-memory
filter, pages that follow each other by cursor, and query plans that use the indexes."""
from __future__ import annotations

import pytest

from newsline.records import DateWindow, Event
from newsline.timeline.build import TimelineFilter, timeline_items, timeline_page


def _events():
    out = []
    for i in range(30):
        day = f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}"
        window = DateWindow("2025-03-01", "2025-03-31", "march") if i % 7 == 0 else None
        out.append(Event(id=f"ev-{i:03d}", type=("ASSAULT", "CONSULT", "EXCHANGE_PRISONERS")[i % 3],
                         date=None if (window or i % 11 == 0) else day, date_window=window,
                         context=("asserted", "claimed", "planned", "negated")[i % 4],
                         place=("Kyiv", "Paris", None)[i % 3], actors=[("Russia", "Ukraine", "France_1")[i % 3]],
                         details={"crosswalk": {"plover": "ASSAULT" if i % 3 == 0 else "CONSULT"}}))
    return out


FILTERS = [TimelineFilter(), TimelineFilter(contexts=()), TimelineFilter(types=("consult",)),
           TimelineFilter(actor="russ"), TimelineFilter(actor="france_"), TimelineFilter(place="PAR"),
           TimelineFilter(since="2025-03-10", until="2025-06-30"), TimelineFilter(since="2025-11-01"),
           TimelineFilter(until="2025-02-15", contexts=())]


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_indexed_query_gives_what_the_filter_keeps_in_timeline_order(store, flt):
    events = _events()
    store.replace_events(events)
    expected = timeline_items([e for e in store.iter_events()], flt)
    assert timeline_page(store, flt)["items"] == expected
    pages, cursor = [], None
    while True:
        page = timeline_page(store, flt, limit=4, cursor=cursor)
        pages += page["items"]
        cursor = page["next"]
        if cursor is None:
            break
    assert pages == expected


def test_timeline_order_puts_undated_events_last(store):
    store.replace_events(_events())
    items = timeline_page(store, TimelineFilter(contexts=()))["items"]
    dated = [i for i in items if i["date"] or i["date_window"]]
    assert items[:len(dated)] == dated and len(dated) < len(items)


@pytest.mark.parametrize("flt,index", [
    (TimelineFilter(), "events_"), (TimelineFilter(types=("CONSULT",)), "events_"),
    (TimelineFilter(place="kyiv"), "events_")])
def test_query_plans_use_an_index(store, flt, index):
    store.replace_events(_events())
    captured = []
    store.db.set_trace_callback(captured.append)
    store.query_events(**flt.query(), limit=5)
    store.db.set_trace_callback(None)
    sql = next(s for s in captured if s.startswith("SELECT * FROM events"))
    plan = " ".join(str(tuple(r)) for r in store.db.execute("EXPLAIN QUERY PLAN " + sql.split(" LIMIT")[0]))
    assert "SCAN events" not in plan or "USING INDEX" in plan, plan
