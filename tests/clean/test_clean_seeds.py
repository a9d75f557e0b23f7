"""The reference seeds (../shared) cleaned as a corpus, checked against gold.json.

Runs the same comparison as ``bench/scorers/seeds_cleaning.py`` and pins the targets reached:
every gold boilerplate line removed, nothing else removed, every body line kept, paragraph counts
exact, and the metadata fields right (002's date comes from its copy: null at this stage).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[2] / "bench" / "scorers" / "seeds_cleaning.py"


@pytest.fixture(scope="module")
def scored():
    seeds = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "seeds"
    if not (seeds / "gold.json").is_file():
        pytest.skip(f"reference seeds not found at {seeds.resolve()} (../shared is not beside the checkout)")
    spec = importlib.util.spec_from_file_location("seeds_cleaning_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_seeds(seeds.resolve())


def test_all_seeds_scored(scored):
    assert scored["documents_scored"] == 5


def test_every_boilerplate_line_removed(scored):
    missed = {stem: d["boilerplate_missed"] for stem, d in scored["documents"].items() if d["boilerplate_missed"]}
    assert missed == {}
    assert scored["boilerplate_recall"] == 1.0


def test_nothing_but_boilerplate_removed(scored):
    assert {stem: d["false_removals"] for stem, d in scored["documents"].items() if d["false_removals"]} == {}


def test_every_body_line_kept_and_paragraph_counts_exact(scored):
    for stem, d in scored["documents"].items():
        assert d["body_lines_lost"] == [], stem
        assert d["paragraphs"] == d["paragraphs_gold"], stem


def test_metadata_lines_removed_as_metadata(scored):
    assert scored["metadata_recall"] == 1.0


@pytest.mark.parametrize("field", ["outlet", "published", "title", "byline", "url", "standfirst"])
def test_metadata_fields(scored, field):
    wrong = {stem: d["fields"][field] for stem, d in scored["documents"].items() if not d["fields"][field]["ok"]}
    assert wrong == {}
