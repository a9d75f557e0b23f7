"""WARC archives: HTML responses become documents; garbage records are rejected alone."""
from __future__ import annotations

import gzip

import pytest

from newsline.records import RawDocument, Reject

URL1, URL2 = "https://courier.example/a", "https://courier.example/b"


def _kinds(items):
    return [(type(i).__name__, i.record) for i in items]


@pytest.mark.parametrize("gzip_members", [False, True], ids=["warc", "warc.gz"])
def test_html_responses_become_documents(tmp_path, read_all, make_warc, article_html, gzip_members):
    path = tmp_path / ("crawl.warc.gz" if gzip_members else "crawl.warc")
    path.write_bytes(make_warc(
        (URL1, article_html),
        (URL2 + ".png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        (URL2, article_html.replace(b"Rail workers", b"Tram drivers")),
        gzip_members=gzip_members))
    items = read_all(path)
    assert _kinds(items) == [("RawDocument", "record 1"), ("RawDocument", "record 3")]
    first, second = items
    assert first.fmt == "warc" and first.html and "Rail workers across the valley" in first.text
    assert "Tram drivers across the valley" in second.text
    assert first.meta["title"] == "Rail workers end strike after pay deal"
    assert first.meta["published"] == "2024-03-14"
    payload_sha = __import__("hashlib").sha256(article_html).hexdigest()
    assert first.raw_sha == payload_sha            # the record's payload, not the whole archive


def test_garbage_record_among_good_ones(tmp_path, read_all, make_warc, article_html):
    garbage = b"WARC/1.0\r\nthis header line has no colon\x00\x01\r\n\r\nrubbish\r\n\r\n"
    path = tmp_path / "mixed.warc"
    path.write_bytes(make_warc((URL1, article_html), garbage, (URL2, article_html)))
    items = read_all(path)
    assert _kinds(items) == [("RawDocument", "record 1"), ("Reject", "record 2"), ("RawDocument", "record 3")]
    assert "malformed WARC record" in items[1].reason
    assert items[2].meta["url"] == URL2 and items[2].meta_from["url"] == "WARC-Target-URI"
    assert items[2].meta["canonical_url"] == "https://courier.example/2024/03/14/rail-strike-ends"


def test_junk_between_records_and_a_corrupt_gzip_member(tmp_path, read_all, make_warc, warc_record, article_html):
    junk = tmp_path / "junk.warc"
    junk.write_bytes(make_warc((URL1, article_html), b"lorem ipsum, not a record\r\n\r\n", (URL2, article_html)))
    assert _kinds(read_all(junk)) == [("RawDocument", "record 1"), ("Reject", "record 2"), ("RawDocument", "record 3")]
    corrupt = tmp_path / "corrupt.warc.gz"
    good = gzip.compress(warc_record(URL1, article_html))
    corrupt.write_bytes(good + b"\x1f\x8b\x08\x00garbage-not-deflate" + gzip.compress(warc_record(URL2, article_html)))
    items = read_all(corrupt)
    assert [type(i) for i in items] == [Reject, RawDocument, RawDocument]
    assert "corrupt gzip member" in items[0].reason


def test_unextractable_page_is_rejected_naming_the_url(tmp_path, read_all, make_warc, article_html):
    path = tmp_path / "crawl.warc"
    path.write_bytes(make_warc((URL1, b"<html><body><nav>Home</nav></body></html>"), (URL2, article_html)))
    reject, doc = read_all(path)
    assert reject.record == "record 1" and reject.reason.startswith(URL1 + ": HTML page")
    assert isinstance(doc, RawDocument)


def test_warc_without_html_is_rejected_with_counts(tmp_path, read_all, make_warc):
    path = tmp_path / "images.warc"
    path.write_bytes(make_warc((URL1, b"\x89PNG....", "image/png"), (URL2, b"<html>gone</html>", "text/html", "404 Not Found")))
    (reject,) = read_all(path)
    assert reject.reason == "the WARC holds no HTML page (2 non-HTML or non-2xx)"


def test_warc_detected_by_content_without_extension(tmp_path, read_all, make_warc, article_html):
    path = tmp_path / "download"
    path.write_bytes(make_warc((URL1, article_html), gzip_members=True))
    (doc,) = read_all(path)
    assert doc.fmt == "warc" and doc.record == "record 1"
