"""The JSON API against a real uvicorn server on 127.0.0.1: every endpoint, the filters (checked
against the timeline's own Python filter), cursor paging to the end, the error shape, the token
and the size limits."""
from __future__ import annotations

import json
import time

import pytest

from newsline.browse import event_filter
from newsline.store import SQLiteStore
from newsline.timeline import timeline_items

from .conftest import DATA, TOKEN


@pytest.fixture(scope="module")
def store(built_db):
    s = SQLiteStore(built_db, readonly=True)
    yield s
    s.close()


def _all_pages(client, path, params, limit):
    items, cursor, pages = [], None, 0
    while True:
        r = client.get(path, params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return items, body["total"], pages


# Each filter as the API takes it; the expected ids come from TimelineFilter.keep in Python.
FILTERS = [
    {},
    {"context": "all"},
    {"context": "asserted,claimed"},
    {"since": "2025"},
    {"since": "2025-06", "until": "2025-06"},
    {"since": "2025-06-09", "until": "2025-06-11"},
    {"until": "2024"},
    {"type": "EXCHANGE_PRISONERS"},
    {"type": "consult"},
    {"actor": "russia"},
    {"place": "istanbul"},
    {"actor": "Ukraine", "since": "2025-06-10", "context": "all"},
]


@pytest.mark.parametrize("params", FILTERS, ids=[json.dumps(f) for f in FILTERS])
def test_events_filters_match_the_timeline_and_page_to_the_end(client, store, params):
    flt = event_filter(since=params.get("since"), until=params.get("until"),
                       types=[params["type"]] if "type" in params else [], actor=params.get("actor"),
                       place=params.get("place"), context=params.get("context", "default"))
    expected = [i["id"] for i in timeline_items(list(store.iter_events()), flt)]
    items, total, pages = _all_pages(client, "/api/v1/events", params, limit=4)
    assert [i["id"] for i in items] == expected
    assert total == len(expected)
    assert pages == max(1, -(-len(expected) // 4))


def test_filters_that_narrow_do_narrow(client):
    everything = client.get("/api/v1/events", params={"context": "all"}).json()["total"]
    assert everything > 10
    for params in ({"type": "EXCHANGE_PRISONERS"}, {"since": "2025-06-10"}, {"actor": "Russia"}):
        total = client.get("/api/v1/events", params={"context": "all", **params}).json()["total"]
        assert 0 < total < everything, params


def test_type_label_is_the_same_as_its_code(client):
    by_code = client.get("/api/v1/events", params={"type": "EXCHANGE_PRISONERS", "limit": 500}).json()
    by_label = client.get("/api/v1/events", params={"type": "prisoner exchange", "limit": 500}).json()
    assert by_code["total"] > 0 and by_code["items"] == by_label["items"]


def test_events_of_one_article_and_text_in_evidence(client, store):
    article = store.iter_mentions().__next__().article_id
    items = client.get("/api/v1/events", params={"article": article, "context": "all", "limit": 500}).json()["items"]
    assert items and all(article in i["sources"] for i in items)
    hits = client.get("/api/v1/events", params={"q": "swap*", "context": "all", "limit": 500}).json()
    assert hits["total"] > 0
    for item in hits["items"]:
        evidence = client.get(f"/api/v1/events/{item['id']}").json()["evidence"]
        assert any("swap" in ev["sentence"].lower() for ev in evidence), item["id"]


def test_event_detail_carries_evidence_offsets_citations_and_origins(client, store):
    page = client.get("/api/v1/events", params={"limit": 500}).json()
    item = max(page["items"], key=lambda i: len(i["sources"]))
    event = client.get(f"/api/v1/events/{item['id']}").json()
    assert event["id"] == item["id"] and event["evidence"]
    for ev in event["evidence"]:
        body = store.get_article(ev["article"]).body
        assert " ".join(body[ev["start"]:ev["end"]].split()) == ev["sentence"]
        for arg in ev["arguments"]:
            assert body[arg["start"]:arg["end"]] == arg["evidence"]
    assert set(event["sources"]) <= set(event["articles"])
    for cite in event["articles"].values():
        assert {"title", "outlet", "published"} <= set(cite)
    grouped = [a for o in event["origins"] for a in o["articles"]]
    assert sorted(grouped) == sorted(event["sources"])
    assert len(event["origins"]) == event["independent_origins"]
    assert {r["article"] for r in event["readings"]} == set(event["sources"])


def test_articles_page_to_the_end_and_one_article(client, store):
    items, total, _ = _all_pages(client, "/api/v1/articles", {}, limit=5)
    assert [i["id"] for i in items] == store.article_ids() and total == store.count_articles()
    assert all("body" not in i for i in items)
    cleaned = next(a for a in store.iter_articles() if a.removed)
    got = client.get(f"/api/v1/articles/{cleaned.id[:10]}").json()
    assert got["id"] == cleaned.id and got["body"] == cleaned.body
    assert got["removed"] and all(r["reason"] for r in got["removed"])
    assert got["metadata"]["published"]["value"] == cleaned.published
    assert got["annotations"]["sentences"]
    for ent in got["annotations"]["entities"]:
        assert cleaned.body[ent["span"]["start"]:ent["span"]["end"]]
    assert "origin" in got["duplicates"]


def test_article_filters(client, store):
    outlet = next(a.outlet for a in store.iter_articles() if a.outlet)
    got = client.get("/api/v1/articles", params={"outlet": outlet.upper(), "limit": 500}).json()
    assert got["total"] == sum(1 for a in store.iter_articles() if (a.outlet or "").lower() == outlet.lower())
    june = client.get("/api/v1/articles", params={"since": "2025-06-10", "until": "2025-06-10"}).json()
    assert all(i["published"].startswith("2025-06-10") for i in june["items"]) and june["total"] > 0


def _marked(hit):
    return [s["text"].lower() for s in hit["snippet"] if s["match"]]


def test_search_a_phrase_ranks_articles_and_events_with_marked_snippets(client):
    got = client.get("/api/v1/search", params={"q": '"prisoner swap"'}).json()
    assert got["total"]["articles"] > 0 and got["total"]["events"] > 0
    for hit in got["articles"] + got["events"]:
        assert _marked(hit) and all(m.startswith("prisoner swap") for m in _marked(hit))
    for hit in got["articles"]:
        assert {"title", "outlet", "published"} <= set(hit)
    assert [h["score"] for h in got["articles"]] == sorted(h["score"] for h in got["articles"])


def test_search_prefix_or_and_paging(client):
    prefix = client.get("/api/v1/search", params={"q": "exchang*", "kind": "articles"}).json()
    assert prefix["articles"] and all(m.startswith("exchang") for h in prefix["articles"] for m in _marked(h))
    either = client.get("/api/v1/search", params={"q": "Istanbul OR Strasbourg", "kind": "articles"}).json()
    alone = client.get("/api/v1/search", params={"q": "Istanbul", "kind": "articles"}).json()
    assert either["total"]["articles"] >= alone["total"]["articles"] > 0
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/search", params={"q": "swap*", "kind": "articles", "limit": 3,
                                                    **({"cursor": cursor} if cursor else {})}).json()
        seen += [h["id"] for h in page["articles"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == page["total"]["articles"]


def test_search_takes_the_event_filters(client):
    narrowed = client.get("/api/v1/search", params={"q": "swap*", "type": "EXCHANGE_PRISONERS",
                                                    "kind": "events", "limit": 100}).json()
    assert narrowed["events"] and all(h["type"] == "EXCHANGE_PRISONERS" for h in narrowed["events"])


def test_hostile_query_text_is_no_fts_syntax(client):
    for q in ('"unbalanced', "title:swap", "NEAR(a b)", "a AND", "-swap", "swap*)*"):
        r = client.get("/api/v1/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)


@pytest.mark.parametrize("field", ["type", "actor", "place", "outlet", "month"])
def test_facets_count_under_the_filters(client, field):
    everything = client.get("/api/v1/facets", params={"field": field, "context": "all", "limit": 500}).json()
    assert everything["values"] and everything["total"] > 0
    counts = [v["count"] for v in everything["values"]]
    assert counts == sorted(counts, reverse=True)
    if field in ("type", "place", "month"):
        assert sum(counts) == everything["total"]       # each event has one value
    value = everything["values"][0]["value"]
    if value is not None and field in ("type", "month"):
        narrowed = client.get("/api/v1/facets", params={"field": field, "context": "all", "since": "2025-06-10"}).json()
        assert narrowed["total"] <= everything["total"]


def test_duplicates_rejects_and_status(client, store):
    dup = client.get("/api/v1/duplicates").json()
    assert dup["articles"] == store.count_articles() and dup["clusters"]
    rejects = client.get("/api/v1/rejects").json()
    assert rejects["total"] >= 1 and any(r["source"].endswith("gold.json") for r in rejects["items"])
    status = client.get("/api/v1/status").json()
    assert "0006_serve_fts" in status["migrations"] and status["events"] == store.count_events()


def test_export_streams_every_match_in_each_format(client, store):
    doc = client.get("/api/v1/export", params={"format": "json"}).json()
    assert len(doc["articles"]) == store.count_articles() and len(doc["events"]) == store.count_events()
    from newsline.export import build_export

    assert doc == json.loads(json.dumps(build_export(store)))
    lines = client.get("/api/v1/export", params={"format": "jsonl"}).text.splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds.count("article") == store.count_articles() and kinds[0] == "header"
    csv_text = client.get("/api/v1/export", params={"format": "csv", "table": "events"}).text
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["id"] for r in rows] == [e.id for e in store.iter_events()]


ERRORS = [
    ("/api/v1/events/ev-nope", 404),
    ("/api/v1/articles/0000000000000000", 404),
    ("/api/v1/nothing-here", 404),
    ("/api/v1/events?since=June", 400),
    ("/api/v1/events?until=2025-02-30", 400),
    ("/api/v1/events?since=2025-07&until=2025-06", 400),
    ("/api/v1/events?limit=0", 400),
    ("/api/v1/events?limit=many", 400),
    ("/api/v1/events?cursor=not-a-cursor", 400),
    ("/api/v1/articles?cursor=WyJ4Il0", 400),
    ("/api/v1/search", 400),
    ("/api/v1/search?q=%22%22", 400),
    ("/api/v1/search?q=swap&kind=people", 400),
    ("/api/v1/facets?field=colour", 400),
    ("/api/v1/export?format=xml", 400),
    ("/api/v1/export?format=csv&table=people", 400),
]


@pytest.mark.parametrize("path,status", ERRORS)
def test_one_error_shape(client, path, status):
    r = client.get(path)
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/search", "/api/v1/facets",
                 "/api/v1/articles", "/api/v1/ingest", "/api/v1/jobs/{job_id}", "/api/v1/export"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/v1/events" in docs.text


def test_every_response_carries_the_content_security_policy(client):
    for path in ("/api/v1/events", "/api/v1/events/nope", "/openapi.json"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp


# -- ingest: the token, the limits, the job ------------------------------------------------------
def test_ingest_refuses_without_the_right_token(writable_live):
    import httpx

    with httpx.Client(base_url=writable_live.url) as c:
        files = {"file": ("a.txt", b"Some text.", "text/plain")}
        none = c.post("/api/v1/ingest", files=files)
        assert none.status_code == 401 and none.json()["error"]["code"] == "unauthorized"
        assert none.headers["www-authenticate"] == "Bearer"
        wrong = c.post("/api/v1/ingest", files=files, headers={"Authorization": "Bearer wrong-token-000000"})
        assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
        assert c.get("/api/v1/jobs/job-123").status_code == 401


def test_ingest_size_limits_and_invalid_bodies(writable_live):
    import httpx

    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=writable_live.url, headers=auth) as c:
        big_file = c.post("/api/v1/ingest", files={"file": ("big.txt", b"x" * 5000, "text/plain")})
        assert big_file.status_code == 413 and "per file" in big_file.json()["error"]["message"]
        big_request = c.post("/api/v1/ingest", files={f"f{k}": (f"{k}.txt", b"y" * 3000, "text/plain")
                                                      for k in range(8)})
        assert big_request.status_code == 413 and "per request" in big_request.json()["error"]["message"]
        for kwargs in ({"content": b"{not json", "headers": {"content-type": "application/json"}},
                       {"json": {"records": []}}, {"json": {"records": ["text"]}},
                       {"content": b"plain", "headers": {"content-type": "text/plain"}},
                       {"data": {"field": "no file"}}):
            r = c.post("/api/v1/ingest", **kwargs)
            assert r.status_code == 422, (kwargs, r.text)
            assert set(r.json()["error"]) == {"code", "message"}
        assert c.get("/api/v1/jobs/job-unknown").status_code == 404


def _wait(c, job_id):
    deadline = time.monotonic() + 240
    while True:
        job = c.get(f"/api/v1/jobs/{job_id}").json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def test_ingest_files_and_records_as_background_jobs(writable_live):
    import httpx

    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=writable_live.url, headers=auth, timeout=30) as c:
        before = c.get("/api/v1/status").json()["articles"]
        up = c.post("/api/v1/ingest", files={"file": ("../../upload.txt", (DATA / "upload.txt").read_bytes(), "text/plain")})
        assert up.status_code == 202, up.text
        assert up.json()["files"] == ["upload.txt"]          # no path from the client reaches the disk
        job = _wait(c, up.json()["id"])
        assert job["status"] == "done", job
        assert job["report"]["new"] == 1 and job["progress"]
        records = c.post("/api/v1/ingest", json={"records": [
            {"text": "Port Ellery's mayor resigned on Friday, June 13, 2025, after the strike.", "title": "Mayor quits",
             "published": "2025-06-13"}, {"title": "no text here"}]})
        assert records.status_code == 202
        job = _wait(c, records.json()["id"])
        assert job["status"] == "done" and job["report"]["new"] == 1 and job["report"]["rejected"] == 1
        assert c.get("/api/v1/status").json()["articles"] == before + 2
        found = c.get("/api/v1/search", params={"q": '"container terminal"', "kind": "articles"}).json()
        assert found["total"]["articles"] == 1
