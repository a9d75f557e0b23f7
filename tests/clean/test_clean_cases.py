"""Table-driven cleaning cases on inputs written for these tests (tests/data/clean/cases.json)."""
from __future__ import annotations

import json

import pytest

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"

CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_case(case, cleaner, store, make_doc):
    article = cleaner.clean(make_doc(DATA / case["file"]))
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == case["body_paragraphs"], article.body
    removed = {r.text: r.signal for r in article.removed}
    for line, signal in case["removed"].items():
        assert removed.get(line) == signal, (line, removed)
        assert line not in paragraphs
    flat = " ".join(article.body.split())
    for text in case["kept"]:
        assert text in flat, text
    for name, value in case["fields"].items():
        assert getattr(article, name) == value, name
    assert article.meta.get("wire") == case["wire"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_removed_blocks_are_only_the_expected_ones(case, cleaner, make_doc):
    """Nothing but the listed lines leaves the body (no body sentence is ever dropped)."""
    article = cleaner.clean(make_doc(DATA / case["file"]))
    assert {r.text for r in article.removed} == set(case["removed"])


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_every_removed_block_has_reason_signal_and_offsets(case, cleaner, make_doc):
    doc = make_doc(DATA / case["file"])
    article = cleaner.clean(doc)
    for r in article.removed:
        assert r.reason and r.signal in {"metadata", "label", "cue", "menu", "repeat"}
        assert doc.text[r.start:r.end].strip() == r.text


def test_clean_is_deterministic_given_the_store(cleaner, make_doc):
    doc = make_doc(DATA / "harbour.txt")
    first, second = cleaner.clean(doc), cleaner.clean(doc)
    assert (first.body, first.removed, first.title) == (second.body, second.removed, second.title)


def test_article_id_is_the_raw_hash_prefix(cleaner, make_doc):
    doc = make_doc(DATA / "plain.txt")
    assert cleaner.clean(doc).id == doc.raw_sha[:16]


def test_container_metadata_is_used_with_its_origin(cleaner):
    """HTML/feed metadata in doc.meta gives title, date, outlet and url, each with its origin."""
    from newsline.records import RawDocument

    text = (DATA / "plain.txt").read_text(encoding="utf-8")
    doc = RawDocument(source="page.html", text="Night Buses Extended North\n" + text, fmt="html", raw_sha="ab" * 32,
                      meta={"title": "Night Buses Extended North | Northtown Post", "published": "2024-02-06T09:00:00Z",
                            "sitename": "Northtown Post", "url": "https://northtown.example/buses"},
                      meta_from={"title": "html <title>", "published": "html meta article:published_time",
                                 "sitename": "html og:site_name", "url": "html link rel=canonical"})
    article = cleaner.clean(doc)
    assert article.title == "Night Buses Extended North"
    assert article.published == "2024-02-06" and "article:published_time" in article.published_from
    assert article.outlet == "Northtown Post" and article.outlet_from == "html og:site_name"
    assert article.url == "https://northtown.example/buses"
    assert not article.body.startswith("Night Buses")
