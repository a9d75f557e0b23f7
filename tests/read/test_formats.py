"""Every format from small inputs: what each reader yields (text, record, meta, hashes)."""
from __future__ import annotations

import hashlib

import pytest

from newsline.records import RawDocument, Reject

# file, fmt of the documents, records (None for a single-record file), text snippets, meta subset
CASES = [
    ("article.txt", "text", [""], ["Harbour town opens new ferry terminal", "4,000 passengers"], {}),
    ("article.md", "markdown", [""],
     ["Storm closes mountain pass", "By Northern Ledger staff", "details at https://roads.example/alerts.",
      "See the full forecast for the week."],
     {"links": ["https://ledger.example/staff", "https://roads.example/alerts", "https://weather.example/forecast"]}),
    ("article.html", "html", [""],
     ["Rail workers across the valley returned to work on Thursday", "Commuters had faced long queues"],
     {"title": "Rail workers end strike after pay deal", "byline": "Martin Holloway",
      "outlet": "The Valley Courier", "published": "2024-03-14", "language": "en",
      "url": "https://courier.example/2024/03/14/rail-strike-ends"}),
    ("feed.atom", "feed", ["entry 1"], ["flood barrier at the river mouth"],
     {"title": "Flood barrier completed", "published": "2024-07-01", "byline": "Tomas Veld",
      "outlet": "Delta Observer", "url": "https://observer.example/flood-barrier"}),
]


@pytest.mark.parametrize("name,fmt,records,snippets,meta", CASES, ids=[c[0] for c in CASES])
def test_reader_yields_documents(read_all, data_dir, name, fmt, records, snippets, meta):
    items = read_all(data_dir / name)
    assert [type(i) for i in items] == [RawDocument] * len(records)
    doc = items[0]
    assert (doc.fmt, doc.record, doc.source) == (fmt, records[0], str(data_dir / name))
    for snippet in snippets:
        assert snippet in doc.text
    for key, value in meta.items():
        assert doc.meta[key] == value
        assert doc.meta_from[key]


def test_markdown_loses_its_markup(read_all, data_dir):
    text = read_all(data_dir / "article.md")[0].text
    for marker in ("#", "**", "*mountain*", "](", "<https", "> \""):
        assert marker not in text
    # paragraph structure and line order are kept
    assert text.index("Storm closes") < text.index("Heavy snow") < text.index("Detours") < text.index("Safety")
    assert "the regional\nroad agency" in text
    assert "Buses will run on the coastal route.\nFreight trucks must wait at the depot." in text


def test_html_keeps_markup_and_drops_boilerplate(read_all, data_dir, article_html):
    doc = read_all(data_dir / "article.html")[0]
    assert doc.html.startswith("<!DOCTYPE html>")
    for boilerplate in ("All rights reserved", "Privacy policy", "Sport"):
        assert boilerplate not in doc.text
    assert doc.raw_sha == hashlib.sha256(article_html).hexdigest()
    assert doc.meta_from["published"].startswith("html meta via htmldate")


def test_jsonl_one_record_per_line_and_broken_line_rejected_alone(read_all, data_dir):
    items = read_all(data_dir / "articles.jsonl")
    assert [(type(i).__name__, i.record) for i in items] == [
        ("RawDocument", "line 1"), ("RawDocument", "line 2"), ("Reject", "line 3"), ("RawDocument", "line 4")]
    first, second, broken, fourth = items
    assert "not valid JSON" in broken.reason
    assert first.meta == {**first.meta, "title": "Library extends opening hours", "published": "2024-05-03",
                          "byline": "Priya Nair", "outlet": "Metro Bulletin", "url": "https://news.example/library-hours"}
    assert second.meta["byline"] == "Jonas Berg, Lea Kim" and second.meta["outlet"] == "Rural Times"
    assert second.meta["published"] == "2024-05-04" and second.meta_from["published"] == "json field 'published_at'"
    assert fourth.meta["published"] == "2024-05-04"       # RFC 822 date kept as written, not shifted to UTC
    line = (data_dir / "articles.jsonl").read_bytes().split(b"\n")[0]
    assert first.raw_sha == hashlib.sha256(line).hexdigest()


def test_json_field_mapping(read_all, data_dir):
    fields = {"text": "story_text", "title": "story_title", "published": "meta.published", "url": "link"}
    items = read_all(data_dir / "articles.json", json_fields=fields)
    assert [i.record for i in items] == ["record 1", "record 2"]
    assert items[0].meta["title"] == "Bridge inspection finds cracks"
    assert items[0].meta["published"] == "2024-02-20"
    assert items[1].text == ("More than 12,000 runners started the spring marathon on Sunday.\n\n"
                             "Organisers said it was the largest field in the race's history.")


def test_json_without_mapping_names_the_missing_field(read_all, data_dir):
    (reject,) = read_all(data_dir / "articles.json")
    assert isinstance(reject, Reject)
    assert "no article text" in reject.reason and "story_text" in reject.reason and "--json-field" in reject.reason


def test_unknown_json_field_is_a_config_error(data_dir):
    from newsline.errors import ConfigError
    from newsline.read import iter_documents

    with pytest.raises(ConfigError, match="unknown JSON field name"):
        list(iter_documents([str(data_dir / "articles.json")], json_fields={"bodytext": "x"}))


def test_wrapped_json_array_with_html_body_and_empty_record(read_all, data_dir):
    doc, empty = read_all(data_dir / "wrapped.json")
    assert doc.text == "The airport will allow four extra night flights a week from June.\n\nResidents' groups said they would appeal."
    assert doc.html.startswith("<p>") and doc.meta["published"] == "2024-06-01"   # epoch seconds
    assert isinstance(empty, Reject) and empty.record == "record 2" and "'body' is empty" in empty.reason


def test_rss_entries_content_summary_and_missing_body(read_all, data_dir):
    first, second, third = read_all(data_dir / "feed.rss")
    assert first.text == ("Pupils from Hill Street School won the national science prize on Tuesday for a project "
                          "on river pollution.\n\nThe team of six will present their work in the capital next month.")
    assert first.meta["published"] == "2024-06-11"        # local date as written (23:30 -0500)
    assert first.meta["byline"] == "Rosa Lind" and first.meta["categories"] == ["Education"]
    assert second.meta["body_from"] == "summary" and second.text.startswith("Main Street will be closed")
    assert isinstance(third, Reject) and third.record == "entry 3" and "neither content nor a summary" in third.reason
    assert first.raw_sha != second.raw_sha


def test_raw_sha_is_stable_across_runs(read_all, data_dir):
    first = [getattr(i, "raw_sha", None) for i in read_all(data_dir)]
    assert first == [getattr(i, "raw_sha", None) for i in read_all(data_dir)]
