"""The web UI in a real headless chromium: the timeline renders and filters, an event page shows
its evidence highlighted and links to the sentence in the article, hostile article text stays
text (no script runs), search finds a phrase."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from .conftest import HOSTILE_ID


def _an_event(client, article_id):
    items = client.get("/api/v1/events", params={"article": article_id, "context": "all"}).json()["items"]
    return items[0]["id"] if items else "none"


def test_timeline_renders_on_a_time_axis_and_filters(page):
    page.goto(page.base + "/")
    markers = page.locator("svg.timeline-axis a.ev").count()
    assert markers > 5
    rows = page.locator("table.events tbody tr")
    before = rows.count()
    assert before > 5
    option = page.locator("select[name=type] option", has_text="prisoner exchange").first
    page.select_option("select[name=type]", value=option.get_attribute("value"))   # app.js submits
    page.wait_for_url("**type=*")
    assert parse_qs(urlparse(page.url).query)["type"] == ["EXCHANGE_PRISONERS"]
    after = page.locator("table.events tbody tr")
    assert 0 < after.count() < before
    assert all(t == "prisoner exchange" for t in after.locator("td:nth-child(2) a").all_inner_texts())
    assert 0 < page.locator("svg.timeline-axis a.ev").count() < markers
    assert not [p for p in page.problems if "favicon" not in p], page.problems


def test_zooming_in_from_the_axis_narrows_the_range(page):
    page.goto(page.base + "/?since=2025&until=2025")
    zoom = page.locator("svg.timeline-axis a.zoom").first
    zoom.click()
    page.wait_for_url("**since=*")
    query = parse_qs(urlparse(page.url).query)
    assert query["since"][0].startswith("2025-") and len(query["since"][0]) >= 7


def test_event_page_highlights_the_evidence_and_links_to_the_sentence(page):
    page.goto(page.base + "/")
    page.locator("table.events tbody tr a").first.click()
    page.wait_for_url("**/events/*")
    trigger = page.locator(".evidence blockquote mark.trigger").first
    assert trigger.is_visible() and trigger.inner_text().strip()
    sentence = page.locator(".evidence blockquote").first.inner_text()
    page.locator(".evidence .cite a").first.click()
    page.wait_for_url("**/articles/*")
    cited = page.locator(".body .ann-sentence")
    assert cited.count() >= 1
    assert " ".join("".join(cited.all_inner_texts()).split()) == " ".join(sentence.split())
    assert page.locator(".cite .outlet").count() + page.locator("table.fields").count() > 0


def test_hostile_article_renders_as_text_and_no_script_runs(page, client):
    hits = client.get("/api/v1/search", params={"q": '"Harbour board fires director"', "kind": "articles"}).json()
    article_id = hits["articles"][0]["id"]
    for path in (f"/articles/{article_id}", f"/articles/{HOSTILE_ID}", "/articles", "/search?q=harbour+board",
                 "/search?q=council+statement", f"/?article={article_id}&context=all", f"/events/{_an_event(client, article_id)}"):
        page.goto(page.base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("img[src=x]").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
        assert page.locator("[onerror], [onmouseover]").count() == 0, path
    page.goto(page.base + f"/articles/{article_id}")
    title = page.locator("h1").inner_text()
    assert "<script>window.__pwned=1</script>" in title and 'onerror="window.__pwned=3"' in title
    page.goto(page.base + f"/articles/{HOSTILE_ID}")
    assert "<script>window.__pwned=10</script>" in page.locator("h1").inner_text()
    body = page.locator(".body").inner_text()
    assert "<script>window.__pwned=7</script>" in body and 'onerror="window.__pwned=8"' in body
    assert '<b onmouseover="window.__pwned=12">Outlet</b>' in page.locator("p.cite").inner_text()
    assert "<script>window.__pwned=14</script>" in page.locator("td.removed").inner_text()
    assert "javascript:window.__pwned=13" in page.locator("table.fields").inner_text()   # shown, not linked
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not [p for p in page.problems if "favicon" not in p], page.problems


def test_search_box_finds_a_phrase(page):
    page.goto(page.base + "/")
    box = page.locator("header form.search input[name=q]")
    box.fill('"prisoner swap"')
    box.press("Enter")
    page.wait_for_url("**/search?*")
    marks = page.locator("ul.hits mark").all_inner_texts()
    assert marks and all(m.lower().startswith("prisoner swap") for m in marks)
    assert page.locator("ul.hits .cite .outlet").count() > 0
