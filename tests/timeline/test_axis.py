"""The time axis shared by the web UI and the HTML report: real positions, windows as bars,
ticks that follow the span, zoom links, everything escaped."""
from __future__ import annotations

import re

import pytest

from newsline.timeline.axis import axis_svg, item_range
from newsline.timeline.report import citation_text, render_html


def _item(i, date=None, window=None, context="asserted", summary="s", type_="PROTEST"):
    return {"id": f"ev-{i}", "date": date, "date_window": window, "context": context, "summary": summary,
            "type": type_, "label": type_.lower(), "when": date or "window"}


@pytest.mark.parametrize("days,kind", [
    (("2019-05-01", "2025-06-01"), "year"),
    (("2025-01-10", "2025-09-20"), "month"),
    (("2025-06-01", "2025-07-20"), "week"),
    (("2025-06-01", "2025-06-12"), "day"),
])
def test_ticks_follow_the_span(days, kind):
    svg = axis_svg([_item(1, days[0]), _item(2, days[1])])
    assert f"ticks per {kind}" in svg


def test_positions_are_proportional_to_time_and_windows_are_bars():
    items = [_item(1, "2025-06-01"), _item(2, "2025-06-11"), _item(3, "2025-06-21"),
             _item(4, window={"earliest": "2025-06-05", "latest": "2025-06-15"})]
    svg = axis_svg(items, lo="2025-06-01", hi="2025-06-21")
    xs = [float(x) for x in re.findall(r'data-id="ev-[123]".*?(?:cx|points|x)="([\d.]+)', svg)]
    assert len(xs) == 3
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 12        # equal gaps in time, equal gaps on the axis
    bar = re.search(r'data-id="ev-4".*?<rect class="window" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert bar and float(bar[2]) > (xs[2] - xs[0]) / 2 - 12      # 11 days of 21 drawn as one bar


def test_undated_items_are_not_drawn_and_overlaps_get_lanes():
    assert item_range(_item(1)) is None
    svg = axis_svg([_item(1, "2025-06-01"), _item(2, "2025-06-01"), _item(3)])
    assert 'data-id="ev-3"' not in svg
    ys = re.findall(r'data-id="ev-[12]"><title>.*?</title><\w+ c?x="[\d.]+" c?y="([\d.]+)"', svg)
    assert len(set(ys)) == 2


def test_everything_from_articles_is_escaped_and_zoom_links_are_built():
    hostile = '<script>alert(1)</script>" onmouseover="x'
    svg = axis_svg([_item(1, "2025-06-01", summary=hostile, context='asserted"><script>')],
                   zoom_href=lambda lo, hi: f"/?since={lo}&until={hi}")
    assert "<script>" not in svg and 'onmouseover="x' not in svg
    assert 'href="/?since=2025-06-01&amp;until=2025-06-01"' in svg


def test_html_report_cites_by_outlet_title_and_date():
    report = {"events": [{**_item(1, "2025-06-01"), "sources": ["abc123"], "independent_origins": 1,
                          "disagreements": [], "citations": [{"article": "abc123", "sentence": "It <b>happened</b>.",
                                                              "start": 0, "end": 12}]}],
              "articles": {"abc123": {"title": "Port strike", "outlet": "Ellery Gazette", "published": "2025-06-02"}},
              "chart": []}
    page = render_html(report)
    assert "Ellery Gazette — Port strike — 2025-06-02" in page and "<svg" in page
    assert "<b>happened</b>" not in page and "<script" not in page
    assert citation_text(None, "abc") == "unknown outlet — untitled — date unknown"
