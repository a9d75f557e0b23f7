"""``newsline duplicates``: a Rich table and its JSON twin."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from newsline.cli import app
from newsline.dedup import update_duplicates


def _seed(store, add, stories):
    ids = add(("orig", stories["base"]), ("copy", stories["variants"]["headline"], {"byline": "AFP"}),
              ("other", stories["negatives"][0]))
    update_duplicates(store, ids)


def test_json_lists_clusters_pairs_and_origins(store, add, stories):
    _seed(store, add, stories)
    result = CliRunner().invoke(app, ["--db", store.path, "duplicates", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 3 and report["origins"] == 2
    (cluster,) = report["clusters"]
    assert cluster["id"] == "orig" and cluster["origin"] == "wire:AFP"
    assert [m["id"] for m in cluster["members"]] == ["orig", "copy"]
    assert report["pairs"][0]["kind"] == "near"


def test_table_shows_each_member(store, add, stories):
    _seed(store, add, stories)
    result = CliRunner().invoke(app, ["--db", store.path, "duplicates"])
    assert result.exit_code == 0, result.output
    assert "wire:AFP" in result.output and "copy.txt" in result.output


def test_unknown_format_is_a_usage_error(store):
    result = CliRunner().invoke(app, ["--db", store.path, "duplicates", "--format", "xml"])
    assert result.exit_code == 2
