"""Timeline filters, reports (escaping, chart) and the CLI on a store with hand-made events."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from newsline.records import DateWindow, Event
from newsline.timeline import TimelineFilter, build_report, render_html, render_markdown, timeline_items

EVENTS = [
    Event(id="ev-a", type="PROTEST", mode="demo", date="2025-03-04", place="Paris", actors=["France"],
          sources=["a1"], independent_origins=1, summary="France: protest in Paris <b>x</b>",
          details={"label": "protest"}),
    Event(id="ev-b", type="ASSAULT", mode="aerial:airstrike", date_window=DateWindow("2025-03-08", "2025-03-09", "why"),
          actors=["Israel"], sources=["a1", "a2"], independent_origins=1, summary="Israel: attack",
          quantities=[{"key": "killed", "text": "at least 12 people", "value": 12, "sources": ["a1"]},
                      {"key": "killed", "text": "15 people", "value": 15, "sources": ["a2"]}],
          disagreements=[{"field": "quantity: killed", "values": [{"value": "at least 12 people", "sources": ["a1"]},
                                                                {"value": "15 people", "sources": ["a2"]}]}],
          details={"label": "attack"}),
    Event(id="ev-c", type="CONSULT", context="hypothetical", sources=["a2"], independent_origins=1, summary="talks"),
]


def test_filters():
    assert [i["id"] for i in timeline_items(EVENTS)] == ["ev-a", "ev-b"]
    assert [i["id"] for i in timeline_items(EVENTS, TimelineFilter(since="2025-03-09"))] == ["ev-b"]
    assert [i["id"] for i in timeline_items(EVENTS, TimelineFilter(types=("protest",)))] == ["ev-a"]
    assert [i["id"] for i in timeline_items(EVENTS, TimelineFilter(actor="isr"))] == ["ev-b"]
    assert [i["id"] for i in timeline_items(EVENTS, TimelineFilter(place="paris"))] == ["ev-a"]
    assert [i["id"] for i in timeline_items(EVENTS, TimelineFilter(contexts=()))] == ["ev-a", "ev-b", "ev-c"]


def test_reports_escape_and_chart(store):
    store.replace_events(EVENTS)
    report = build_report(store)
    assert [c["day"] for c in report["chart"]] == ["2025-03-04", "2025-03-08"]
    page = render_html(report)
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "<svg" in page
    md = render_markdown(report)
    assert "at least 12 people (a1); 15 people (a2)" in md and "█" in md


def test_cli_timeline_empty_store_says_so(tmp_path):
    from newsline.cli import app

    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "timeline"])
    assert result.exit_code == 0 and "No events yet" in result.output


def test_cli_timeline_json_and_show_event(store):
    from newsline.cli import app

    store.replace_events(EVENTS)
    runner = CliRunner()
    out = runner.invoke(app, ["--db", store.path, "timeline", "--format", "json"])
    assert out.exit_code == 0 and [i["id"] for i in json.loads(out.output)] == ["ev-a", "ev-b"]
    shown = runner.invoke(app, ["--db", store.path, "show-event", "ev-b"])
    assert shown.exit_code == 0 and "15 people" in shown.output


def test_report_cites_each_sentence_once():
    from newsline.timeline.report import _citations

    sentence = {"article": "a1", "context": "asserted", "sentence": "They pledged and agreed.",
                "sentence_start": 0, "sentence_end": 24}
    evidence = [{**sentence, "trigger": "pledged"}, {**sentence, "trigger": "agreed"},
                {**sentence, "article": "a2", "trigger": "agreed"}]
    cited = _citations(evidence)
    assert [(c["article"], c["triggers"]) for c in cited] == [("a1", ["pledged", "agreed"]), ("a2", ["agreed"])]


def test_cli_report_takes_the_timeline_filters_and_refuses_a_bad_date(store):
    from newsline.cli import app

    store.replace_events(EVENTS)
    runner = CliRunner()
    out = runner.invoke(app, ["--db", store.path, "report", "--format", "json", "--place", "paris"])
    assert out.exit_code == 0 and [e["id"] for e in json.loads(out.output)["events"]] == ["ev-a"]
    out = runner.invoke(app, ["--db", store.path, "report", "--format", "json", "--actor", "israel"])
    assert [e["id"] for e in json.loads(out.output)["events"]] == ["ev-b"]
    bad = runner.invoke(app, ["--db", store.path, "timeline", "--since", "2025-13-01"])
    assert bad.exit_code == 2 and "is not a year, month or day" in bad.output
