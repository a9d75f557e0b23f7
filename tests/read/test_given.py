"""Metadata the user gives: run options, manifests (CSV, JSON Lines), sidecar files."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsline import api
from newsline.errors import ConfigError
from newsline.meta.given import normalise_given

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _by_name(db, stored):
    return {(Path(a.source).name, a.record): a for a in stored(db)}


@pytest.mark.parametrize("field, value, expected", [
    ("published", "2016-10-02", "2016-10-02"), ("published", "October 2, 2016", "2016-10-02"),
    ("published", "2016-10-02T13:00:00Z", "2016-10-02"), ("language", "EN", "en"), ("language", "pt_BR", "pt-br"),
    ("outlet", "  The   Hill ", "The Hill"), ("published", "", None), ("topic", ["a", "b"], ["a", "b"]),
])
def test_given_values_are_checked(field, value, expected):
    assert normalise_given(field, value, "test") == expected


@pytest.mark.parametrize("field, value", [
    ("published", "next tuesday"), ("published", "2016-10"), ("published", "2016-02-30"),
    ("language", "English"), ("outlet", {"name": "x"}), ("Bad Field", "x"),
])
def test_bad_given_values_are_config_errors(field, value):
    with pytest.raises(ConfigError):
        normalise_given(field, value, "test")


def test_run_options_beat_inference_and_record_the_conflict(tmp_path, stored):
    db = tmp_path / "n.db"
    path = CORPUS / "named" / "nyt_2016-10-02_debate-prep.txt"
    api.ingest([str(path)], db=db, language=False, published="2016-10-01", outlet="Example Daily",
               language_code="fr", byline="Sam Writer")
    (article,) = stored(db)
    assert (article.published, article.published_from) == ("2016-10-01", "given with --published")
    assert article.dated.set_aside == [
        {"value": "2016-10-02", "reason": "file name 'nyt_2016-10-02_debate-prep.txt'"}]
    assert (article.outlet, article.outlet_from) == ("Example Daily", "given with --outlet")
    assert (article.language, article.byline) == ("fr", "Sam Writer")
    conflicts = {c["field"]: c for c in article.meta["conflicts"]}
    assert conflicts["outlet"]["value"] == "The New York Times" and "file name" in conflicts["outlet"]["reason"]
    assert conflicts["language"]["value"] == "en" and conflicts["language"]["kept"] == "fr"
    assert article.meta["from"]["language"] == "given with --language"
    assert article.meta["given"]["published"] == {"value": "2016-10-01", "reason": "given with --published"}


def test_names_date_a_folder_of_publisher_date_slug_files(tmp_path, stored):
    """Regression: 84 articles dated only in their file names got no date at all."""
    db = tmp_path / "n.db"
    api.ingest([str(CORPUS / "named")], db=db, language=False)
    got = {name: (a.published, a.outlet) for (name, _), a in _by_name(db, stored).items()}
    assert got == {
        "nyt_2016-10-02_debate-prep.txt": ("2016-10-02", "The New York Times"),
        "breitbart_2016-10-03_rally-crowd.txt": ("2016-10-03", "Breitbart News"),
        "thehill-2016-10-04-senate-vote.txt": ("2016-10-04", "The Hill"),
        "governor-debate.txt": ("2016-10-05", None),
        "article_20161006.txt": ("2016-10-06", None),
        "undated-notes.txt": (None, None),
    }


def test_csv_manifest_by_path_and_glob(tmp_path, stored):
    db = tmp_path / "n.db"
    api.ingest([str(CORPUS / "named")], db=db, language=False, manifest=CORPUS / "manifest.csv")
    got = _by_name(db, stored)
    hill = got[("thehill-2016-10-04-senate-vote.txt", "")]
    assert (hill.published, hill.outlet) == ("2016-10-05", "The Hill")
    assert hill.published_from == "given in manifest manifest.csv row 2"
    assert hill.dated.set_aside[0]["value"] == "2016-10-04"
    assert hill.meta["given"]["topic"]["value"] == "budget"          # any field is kept
    for name in ("article_20161006.txt", "undated-notes.txt"):         # the glob row
        assert got[(name, "")].outlet == "Local Wire"
        assert got[(name, "")].outlet_from == "given in manifest manifest.csv row 3"
    assert got[("article_20161006.txt", "")].published == "2016-10-06"  # the glob row gives no date
    assert got[("nyt_2016-10-02_debate-prep.txt", "")].outlet == "The New York Times"


def test_jsonl_manifest_by_record_id_and_path(tmp_path, stored):
    db = tmp_path / "n.db"
    api.ingest([str(CORPUS / "fused" / "wikinews.jsonl"), str(CORPUS / "named" / "2016")], db=db,
               language=False, manifest=CORPUS / "manifest.jsonl")
    got = _by_name(db, stored)
    flood = got[("wikinews.jsonl", "line 2")]          # "id": "wn-0002"
    assert (flood.published, flood.outlet) == ("2008-03-02", "Wikinews")
    assert flood.published_from.startswith("given in manifest manifest.jsonl line 1; date 'Sunday, March 2, 2008'")
    assert got[("wikinews.jsonl", "line 1")].byline == "Wikinews contributors"     # "id": "line 1"
    gov = got[("governor-debate.txt", "")]
    assert (gov.published, gov.title) == ("2016-10-05", "Governors Debate Water Rights")
    assert gov.meta["conflicts"][0]["value"] == "Governors Debate Water Rights in Televised Forum"
    assert "Governors Debate" not in gov.body


def test_sidecars(tmp_path, stored):
    db = tmp_path / "n.db"
    report = api.ingest([str(CORPUS / "sidecar")], db=db, language=False, published="2001-01-01")
    got = _by_name(db, stored)
    assert set(got) == {("hearing.txt", ""), ("nyt_2016-10-08_port-strike.txt", "")}   # sidecars are not articles
    hearing = got[("hearing.txt", "")]
    assert (hearing.published, hearing.outlet, hearing.byline) == ("2016-10-07", "The Courier", "Dana Reyes")
    assert hearing.published_from == "given in sidecar hearing.meta.json"
    # the sidecar overrides the run option, which is kept as overridden
    assert hearing.meta["given"]["published"]["overrides"] == [{"value": "2001-01-01", "reason": "given with --published"}]
    port = got[("nyt_2016-10-08_port-strike.txt", "")]
    assert port.published == "2016-10-09" and port.outlet == "The New York Times"
    assert {"value": "2016-10-08", "reason": "file name 'nyt_2016-10-08_port-strike.txt'"} in port.dated.set_aside
    (reject,) = report.rejects
    assert Path(reject.source).name == "broken.txt" and "sidecar broken.meta.json is not readable JSON" in reject.reason


@pytest.mark.parametrize("manifest, message", [
    ("bad_manifest.csv", "published date 'next tuesday' is not a full day"),
    ("missing.csv", "cannot read the manifest"),
])
def test_bad_manifest_is_a_config_error(tmp_path, manifest, message):
    with pytest.raises(ConfigError, match=message):
        api.ingest([str(CORPUS / "named")], db=tmp_path / "n.db", manifest=CORPUS / manifest)


def test_manifest_row_without_key(tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("outlet,published\nX,2016-01-01\n")
    with pytest.raises(ConfigError, match="names no document"):
        api.ingest([str(CORPUS / "named")], db=tmp_path / "n.db", manifest=bad)


def test_metadata_given_on_a_later_run_is_applied(tmp_path, stored):
    """Re-ingesting a folder with a manifest after a first run without one is not a silent no-op."""
    db = tmp_path / "n.db"
    api.ingest([str(CORPUS / "named")], db=db, language=False)
    before = {Path(a.source).name: a for a in stored(db)}
    assert before["thehill-2016-10-04-senate-vote.txt"].published == "2016-10-04"
    report = api.ingest([str(CORPUS / "named")], db=db, language=False, manifest=CORPUS / "manifest.csv")
    assert (report.new, report.unchanged, report.recleaned) == (0, 6, 3)
    after = {Path(a.source).name: a for a in stored(db)}
    hill = after["thehill-2016-10-04-senate-vote.txt"]
    assert (hill.published, hill.published_from) == ("2016-10-05", "given in manifest manifest.csv row 2")
    assert hill.dated.set_aside[0]["value"] == "2016-10-04"
    assert after["undated-notes.txt"].outlet == "Local Wire"
    assert after["nyt_2016-10-02_debate-prep.txt"].meta == before["nyt_2016-10-02_debate-prep.txt"].meta
    # a third run without the manifest keeps what was given
    again = api.ingest([str(CORPUS / "named")], db=db, language=False)
    assert again.recleaned == 0 and stored(db)[0].meta == list(after.values())[0].meta
    assert {Path(a.source).name: a.published for a in stored(db)}["thehill-2016-10-04-senate-vote.txt"] == "2016-10-05"
