"""``newsline duplicates``: a Rich table and its JSON twin, for all clusters or one article."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.dedup.report import member_match
from newsline.dedup import update_duplicates


def _seed(store, add, stories):
    ids = add(("orig", stories["base"]), ("copy", stories["variants"]["headline"], {"byline": "AFP"}),
              ("other", stories["negatives"][0]))
    update_duplicates(store, ids)


def _invoke(store, *args):
    result = CliRunner().invoke(app, ["--db", store.path, "duplicates", *args])
    return result


def test_json_lists_clusters_pairs_and_origins(store, add, stories):
    _seed(store, add, stories)
    result = _invoke(store, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 3 and report["origins"] == 2
    (cluster,) = report["clusters"]
    assert cluster["id"] == "orig" and cluster["origin"] == "wire:AFP:orig" and cluster["wire"] == "AFP"
    assert [m["id"] for m in cluster["members"]] == ["orig", "copy"]
    assert report["pairs"][0]["kind"] == "near"


def test_each_member_says_which_pair_put_it_there(store, add, stories):
    _seed(store, add, stories)
    (cluster,) = json.loads(_invoke(store, "-f", "json").output)["clusters"]
    canonical = cluster["canonical"]
    for member in cluster["members"]:
        if member["id"] == canonical:
            assert member["canonical"] and member["match"] is None
        else:
            assert member["match"]["with"] == canonical and member["match"]["kind"] == "near"


@pytest.mark.parametrize("member,canonical,expected", [
    ("c", "a", "b"),        # no pair with the canonical: its closest copy
    ("b", "a", "a"),        # a pair with the canonical wins over a closer one
    ("a", "a", None),       # the canonical itself
    ("d", "a", None),       # no judged pair at all
])
def test_member_match(member, canonical, expected):
    pairs = [{"a": "a", "b": "b", "kind": "near", "jaccard": 0.6, "containment": 0.7},
             {"a": "b", "b": "c", "kind": "exact", "jaccard": 1.0, "containment": 1.0}]
    match = member_match(member, canonical, pairs)
    assert (match["with"] if match else None) == expected


def test_table_shows_each_member(store, add, stories):
    _seed(store, add, stories)
    result = _invoke(store)
    assert result.exit_code == 0, result.output
    assert "wire:AFP" in result.output and "copy.txt" in result.output and "canonical" in result.output


@pytest.mark.parametrize("article,origin,copies", [("orig", "wire:AFP:orig", ["copy"]), ("other", "other", []),
                                                   ("oth", "other", [])])  # a unique prefix
def test_one_article_origin_and_copies(store, add, stories, article, origin, copies):
    _seed(store, add, stories)
    result = _invoke(store, "--article", article, "--format", "json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert (info["origin"], info["copies"]) == (origin, copies)
    assert origin in _invoke(store, "-a", article).output


@pytest.mark.parametrize("args", [["--format", "xml"], ["--article", "missing"], ["--article", "o"]])
def test_usage_errors(store, args):
    assert _invoke(store, *args).exit_code == 2
