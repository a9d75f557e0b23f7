"""The Python API on a real store of the bundled sample: each command prints what its API
function returns (the CLI is a thin wrapper), and bad options are ConfigErrors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline import api
from newsline.cli import app
from newsline.config import Format
from newsline.errors import ConfigError
from newsline.records import to_dict

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "sample.db")
    report = api.ingest([str(EXAMPLES)], db=path)
    assert report.exit_code == 0
    return path


def _cli_json(db: str, *args: str):
    out = runner.invoke(app, ["--db", db, *args], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def _first_event(db: str) -> str:
    return api.timeline(db=db, context="all")[0]["id"]


CASES = [
    (["status", "-f", "json"], lambda db: api.status(db=db)),
    (["articles", "--format", "json"], lambda db: api.articles(db=db)),
    (["rejects", "--format", "json"], lambda db: to_dict(api.rejects(db=db))),
    (["duplicates", "-f", "json"], lambda db: api.duplicates(db=db)),
    (["timeline", "--format", "json", "--context", "all"], lambda db: api.timeline(db=db, context="all")),
    (["timeline", "--format", "json", "--since", "2025-06", "--type", "EXCHANGE_PRISONERS"],
     lambda db: api.timeline(db=db, since="2025-06", types=["EXCHANGE_PRISONERS"])),
    (["report", "--format", "json", "--context", "asserted"],
     lambda db: json.loads(api.report(db=db, format="json", context="asserted"))),
    (["export", "--format", "json"], lambda db: json.loads(api.export(db=db))),
]


@pytest.mark.parametrize("args, call", CASES, ids=[" ".join(a[:2]) for a, _ in CASES])
def test_each_command_prints_what_its_api_function_returns(db, args, call):
    assert _cli_json(db, *args) == call(db)


def test_show_event_and_show_pair_with_the_api(db):
    event_id = _first_event(db)
    assert _cli_json(db, "show-event", event_id, "-f", "json") == api.show_event(event_id, db=db)
    shown = api.show(event_id, db=db)
    assert shown.pop("kind") == "event" and shown == api.show_event(event_id, db=db)
    article_id = api.articles(db=db)[0]["id"]
    item = api.show(article_id[:10], db=db)
    assert item["kind"] == "article" and item["id"] == article_id
    assert isinstance(item["removed"], list) and {"signal", "reason", "text"} <= set(item["removed"][0])
    cli = _cli_json(db, "show", article_id, "--format", "json")
    assert cli == {k: v for k, v in item.items() if k != "kind"}


def test_export_formats_and_the_document(db):
    doc = api.export_document(db=db)
    assert json.loads(api.export(db=db, format=Format.JSON)) == doc
    lines = api.export(db=db, format="jsonl").splitlines()
    assert json.loads(lines[0])["kind"] == "header" and len(lines) == 1 + len(doc["articles"]) + len(doc["events"])
    assert api.export(db=db, format="csv", table="events").startswith("id,")


def test_one_article_origin(db):
    article_id = api.articles(db=db)[0]["id"]
    origin = api.duplicates(db=db, article=article_id[:8])
    assert origin["id"] == article_id and {"origin", "canonical", "copies"} <= set(origin)
    assert api.duplicates(db=db, article="no-such-article") is None


@pytest.mark.parametrize("call, message", [
    (lambda db: api.export(db=db, format="xml"), "unknown format 'xml': use json, jsonl, csv"),
    (lambda db: api.export(db=db, format="csv", table="people"), "unknown table 'people'"),
    (lambda db: api.report(db=db, format="pdf"), "use md, html, json"),
    (lambda db: api.timeline(db=db, since="last week"), "is not a year, month or day"),
    (lambda db: api.report(db=db, until="2008-13"), "is not a year, month or day"),
    (lambda db: api.annotate("text", published="12/06/2025"), "is not a date like 2025-06-12"),
])
def test_bad_options_are_config_errors(db, call, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        call(db)


@pytest.mark.parametrize("value, allowed, expected", [
    ("text", (Format.TEXT, Format.JSON), Format.TEXT),
    ("table", (Format.TEXT, Format.JSON), Format.TEXT),
    ("JSON", (Format.TEXT, Format.JSON), Format.JSON),
    ("markdown", (Format.MD, Format.HTML), Format.MD),
    (Format.HTML, (Format.MD, Format.HTML), Format.HTML),
])
def test_format_parse(value, allowed, expected):
    assert Format.parse(value, allowed) is expected


@pytest.mark.parametrize("value, allowed", [("xml", (Format.TEXT, Format.JSON)), ("html", (Format.TEXT, Format.JSON))])
def test_format_parse_names_the_choices(value, allowed):
    with pytest.raises(ConfigError, match="use text, json"):
        Format.parse(value, allowed)


@pytest.mark.parametrize("command", ["articles", "rejects", "timeline", "duplicates", "status", "annotate -"])
def test_every_format_option_refuses_an_unknown_value_with_exit_2(db, command):
    out = runner.invoke(app, ["--db", db, *command.split(), "--format", "xml"], input="text")
    assert out.exit_code == 2 and "unknown --format 'xml': use text or json" in " ".join(out.output.split())
