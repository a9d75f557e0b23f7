"""``newsline ingest`` options for the user's own corpus: metadata, manifests, walk filters."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsline.cli import app

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
runner = CliRunner()


def _ingest(db, *args):
    return runner.invoke(app, ["--db", str(db), "ingest", "--no-language", "--format", "json", *args],
                         catch_exceptions=False)


def test_run_metadata_options(tmp_path, stored):
    db = tmp_path / "c.db"
    result = _ingest(db, str(CORPUS / "named" / "extra" / "undated-notes.txt"), "--published", "2016-10-09",
                     "--outlet", "River Gazette", "--byline", "Ana Silva", "--language", "en",
                     "--title", "Volunteers Clean Up the River Banks", "--url", "https://example.org/river")
    assert result.exit_code == 0, result.output
    (article,) = stored(db)
    assert (article.published, article.outlet, article.byline, article.language, article.url) == (
        "2016-10-09", "River Gazette", "Ana Silva", "en", "https://example.org/river")
    assert article.title == "Volunteers Clean Up the River Banks" and not article.body.startswith("Volunteers Clean")
    assert article.meta["from"]["title"] == "given with --title"


def test_manifest_include_exclude(tmp_path, stored):
    db = tmp_path / "c.db"
    result = _ingest(db, str(CORPUS / "named"), "--manifest", str(CORPUS / "manifest.csv"),
                     "--exclude", "2016", "--exclude", "*breitbart*", "--include", "*.txt")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["new"] == 4
    outlets = {Path(a.source).name: a.outlet for a in stored(db)}
    assert outlets == {"nyt_2016-10-02_debate-prep.txt": "The New York Times",
                       "thehill-2016-10-04-senate-vote.txt": "The Hill",
                       "article_20161006.txt": "Local Wire", "undated-notes.txt": "Local Wire"}


def test_bad_value_is_a_usage_error_before_reading(tmp_path, stored):
    result = runner.invoke(app, ["--db", str(tmp_path / "c.db"), "ingest", str(CORPUS / "named"),
                                 "--published", "last week"])
    assert result.exit_code == 2
    assert "published date 'last week' is not a full day" in result.output
    assert stored(tmp_path / "c.db") == []


def test_data_file_in_a_folder_is_rejected_with_its_reason(tmp_path):
    result = _ingest(tmp_path / "c.db", str(CORPUS / "datafiles"))
    assert result.exit_code == 1
    payload = json.loads(result.output)
    reasons = {Path(r["source"]).name: r["reason"] for r in payload["rejects"]}
    assert payload["new"] == 1 and set(reasons) == {"tokens.txt", "table.txt"}
    assert all(r.startswith("data file, not an article") for r in reasons.values())


def test_show_and_export_say_what_was_given_and_what_disagreed(tmp_path):
    db = tmp_path / "c.db"
    _ingest(db, str(CORPUS / "sidecar" / "nyt_2016-10-08_port-strike.txt"))
    exported = json.loads(runner.invoke(app, ["--db", str(db), "export"]).output)
    (item,) = exported["articles"]
    assert item["given"]["published"]["reason"] == "given in sidecar nyt_2016-10-08_port-strike.meta.json"
    assert item["published_conflicts"] == [{"value": "2016-10-08", "reason": "file name 'nyt_2016-10-08_port-strike.txt'"}]
    shown = runner.invoke(app, ["--db", str(db), "show", item["id"]]).output
    assert "≠ published" in shown and "2016-10-08 (file name" in shown
