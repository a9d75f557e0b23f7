"""A command line that fits habits: ids whole at any width, a sane width off a terminal,
--since/--until as a year, a month or a day."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from newsline import api
from newsline.cli import _app, app
from newsline.errors import ConfigError
from newsline.records import DateWindow, Event
from newsline.timeline.bounds import parse_bound

runner = CliRunner()

EVENTS = [
    Event(id="ev-5f0c1d2e3a", type="PROTEST", date="2008-03-14", place="Lhasa", actors=["Tibetan monks"],
          sources=["a1", "a2"], independent_origins=2,
          summary="Tibetan monks: protest in Lhasa spreading to three other provinces of western China",
          details={"label": "protest"}),
    Event(id="ev-9a8b7c6d5e", type="ASSAULT", date_window=DateWindow("2008-02-28", "2008-03-02", "a weekday"),
          actors=["Police"], sources=["a1"], independent_origins=1, summary="Police: attack",
          details={"label": "attack"}),
    Event(id="ev-0123456789", type="CONSULT", date="2009-01-05", sources=["a2"], independent_origins=1,
          summary="talks", details={"label": "talks"}),
    Event(id="ev-aaaaabbbbb", type="CONSULT", date="2007-12-31", sources=["a2"], independent_origins=1,
          summary="talks at the year's end", details={"label": "talks"}),
]


@pytest.fixture
def db(store):
    store.replace_events(EVENTS)
    return store.path


@pytest.mark.parametrize("value, end, expected", [
    ("2008", False, "2008-01-01"),
    ("2008", True, "2008-12-31"),
    ("2008-03", False, "2008-03-01"),
    ("2008-03", True, "2008-03-31"),
    ("2008-02", True, "2008-02-29"),       # a leap year
    ("2009-2", True, "2009-02-28"),
    ("2008-03-14", False, "2008-03-14"),
    ("2008-03-14", True, "2008-03-14"),
    (" 2008-03 ", False, "2008-03-01"),
    (None, False, None),
])
def test_parse_bound(value, end, expected):
    assert parse_bound(value, end=end) == expected


@pytest.mark.parametrize("value", ["March 2008", "2008-13", "2008-02-30", "08", "2008/03", "20080314", "yesterday"])
def test_parse_bound_refuses_other_shapes(value):
    with pytest.raises(ConfigError, match="is not a year, month or day"):
        parse_bound(value, end=False)


@pytest.mark.parametrize("args, expected", [
    (["--since", "2008"], ["ev-9a8b7c6d5e", "ev-5f0c1d2e3a", "ev-0123456789"]),
    (["--since", "2008", "--until", "2008"], ["ev-9a8b7c6d5e", "ev-5f0c1d2e3a"]),
    (["--since", "2008-03", "--until", "2008-03"], ["ev-9a8b7c6d5e", "ev-5f0c1d2e3a"]),  # the window reaches March
    (["--since", "2008-03-03", "--until", "2008-03"], ["ev-5f0c1d2e3a"]),
    (["--until", "2007"], ["ev-aaaaabbbbb"]),
    (["--since", "2010"], []),
])
def test_timeline_since_until_take_a_year_month_or_day(db, args, expected):
    out = runner.invoke(app, ["--db", db, "timeline", "--format", "json", *args])
    assert out.exit_code == 0, out.output
    assert sorted(i["id"] for i in json.loads(out.output)) == sorted(expected)
    assert sorted(i["id"] for i in api.timeline(db=db, **_kwargs(args))) == sorted(expected)


def _kwargs(args: list[str]) -> dict[str, str]:
    return {args[i].lstrip("-"): args[i + 1] for i in range(0, len(args), 2)}


@pytest.mark.parametrize("command", ["timeline", "report"])
@pytest.mark.parametrize("bound", ["--since", "--until"])
def test_a_bad_bound_is_a_usage_error_naming_the_shapes(db, command, bound):
    out = runner.invoke(app, ["--db", db, command, bound, "March 2008"])
    assert out.exit_code == 2
    said = " ".join(out.output.split())
    assert "is not a year, month or day" in said and "2008-03" in said


@pytest.mark.parametrize("width", [30, 50, 80, 120, 200])
def test_timeline_keeps_every_event_id_whole_at_any_width(db, monkeypatch, width):
    monkeypatch.setattr(_app.console, "width", width)
    out = runner.invoke(app, ["--db", db, "timeline", "--context", "all"])
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert all(len(line) <= width for line in lines)
    for event in EVENTS:
        assert any(event.id in line for line in lines), (event.id, out.output)


# the duplicates table holds two ids of 16 characters per row: 60 columns is its least width
@pytest.mark.parametrize("width", [60, 80, 120])
def test_duplicates_and_articles_keep_ids_whole(tmp_path, monkeypatch, width):
    folder = tmp_path / "in"
    folder.mkdir()
    text = ("The city council approved the new budget on Monday after a long debate about schools, "
            "roads and the harbour. The mayor said the vote was a turning point for the town. ") * 4
    (folder / "a.txt").write_text("Budget approved\n\n" + text, encoding="utf-8")
    (folder / "b.txt").write_text("Budget approved\n\n" + text + "\nSubscribe to our newsletter.", encoding="utf-8")
    db = str(tmp_path / "n.db")
    api.ingest([str(folder)], db=db, language=False)
    monkeypatch.setattr(_app.console, "width", width)
    ids = [a["id"] for a in api.articles(db=db)]
    listing = runner.invoke(app, ["--db", db, "articles"]).output
    assert all(any(i[:12] in line for line in listing.splitlines()) for i in ids), listing
    report = api.duplicates(db=db)
    shown = runner.invoke(app, ["--db", db, "duplicates"]).output
    for cluster in report["clusters"]:
        assert re.search(re.escape(cluster["id"]), shown), shown
        assert all(any(m["id"] in line for line in shown.splitlines()) for m in cluster["members"])


@pytest.mark.parametrize("tty, columns, expected", [
    (False, None, _app.PIPE_WIDTH),    # piped or under make: no 80-column fallback
    (False, "95", 95),                 # COLUMNS wins when set
    (True, "70", 70),                  # a terminal: its own width (here given by COLUMNS)
])
def test_console_width_off_a_terminal(monkeypatch, tty, columns, expected):
    class Stream:
        def isatty(self):
            return tty

        def write(self, text):
            return len(text)

        def flush(self):
            pass

    monkeypatch.setattr(_app.sys, "stdout", Stream())
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _app.make_console().width == expected


def test_status_counts_what_the_store_holds(db):
    out = runner.invoke(app, ["--db", db, "status", "--format", "json"])
    counts = json.loads(out.output)
    assert (counts["events"], counts["articles"], counts["rejects"]) == (4, 0, 0)
    assert "4 events" in " ".join(runner.invoke(app, ["--db", db, "status"]).output.split())


def test_timeline_says_when_filters_match_nothing(db):
    out = runner.invoke(app, ["--db", db, "timeline", "--since", "2030"])
    said = " ".join(out.output.split())  # the message wraps wherever the store's path ends
    assert out.exit_code == 0 and "match these filters" in said and "4 events stored" in said


def test_make_demo_ends_by_saying_how_to_run_newsline():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    closing = [line for line in demo.splitlines() if "@echo" in line]
    assert any("$(BIN)/activate" in line for line in closing)
    assert any("$(BIN)/newsline" in line for line in closing)
