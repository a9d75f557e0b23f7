"""Every kind of bad input becomes a Reject with a specific reason; good input next to it goes on."""
from __future__ import annotations

import random
import zlib

import pytest

from newsline.records import RawDocument, Reject

_TEXT = "The river ferry resumed service on Monday after a week of repairs.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(64))


def _garbage() -> bytes:
    """High bytes that read as nothing in any encoding (seeded: the test is deterministic)."""
    rng = random.Random(7)
    return bytes(rng.randrange(128, 256) for _ in range(3000))


# file name, bytes, step, reason snippet
BAD = [
    ("empty.txt", b"", "read", "empty input: the file holds no text"),
    ("blank.md", b"  \n\t\n  ", "read", "only whitespace"),
    ("picture.txt", PNG, "read", "binary file (looks like PNG image), not an article"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "read", "binary file (looks like PDF document)"),
    ("bundle.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "read", "looks like ZIP archive"),
    ("soup.txt", random.Random(3).randbytes(4000), "read", "control bytes"),
    ("garbage.txt", _garbage(), "decode", "not valid UTF-8 and no reliable encoding found"),
    ("truncated.html", b'<!DOCTYPE html><html><head><title>Budget vote</title></head><body><div class="nav">'
                       b'<a href="/">Home</a></div><div id="app" data-x="{&quot;a', "read", "truncated HTML"),
    ("nav-only.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "read", "has no main text"),
    ("broken.json", b'{"title": "x", "body": "never closed', "read", "not valid JSON"),
    ("empty-array.json", b"[]", "read", "holds no records"),
    ("notes.xml", b"plain words <unclosed & stray\n", "read", "not a valid RSS/Atom feed"),
    ("empty-feed.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
     "read", "feed holds no entries"),
    ("cut-off.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title>'
                    b"<description>The ferry res", "read", "(the feed is not well-formed: "),
    ("not-a-warc.warc", b"hello, this is not an archive\n", "read", "not a WARC file"),
    ("broken.html.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"not deflate data", "read", "gzip archive, but it is corrupt"),
]


@pytest.mark.parametrize("name,data,step,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_rejected_with_a_reason(tmp_path, read_all, name, data, step, reason):
    path = tmp_path / name
    path.write_bytes(data)
    good = tmp_path / "zz-good.txt"
    good.write_text(_TEXT, encoding="utf-8")
    items = read_all(path, good)
    assert isinstance(items[0], Reject), items[0]
    assert (items[0].source, items[0].step) == (str(path), step)
    assert reason in items[0].reason
    assert isinstance(items[-1], RawDocument) and items[-1].text == _TEXT   # the run goes on


def test_truncated_html_with_enough_text_is_kept_and_flagged(read_all, tmp_path, article_html):
    path = tmp_path / "cut.html"
    path.write_bytes(article_html[: article_html.index(b"Commuters")])
    (doc,) = read_all(path)
    assert doc.meta["truncated"] is True and "pay agreement" in doc.text


def test_too_large_is_refused_before_reading(tmp_path, read_all):
    path = tmp_path / "big.txt"
    path.write_bytes(_TEXT.encode() * 100)
    (reject,) = read_all(path, max_bytes=1024)
    assert reject.reason.startswith("file is 6.5 KB, larger than the 1.0 KB input limit")


def test_200_mb_file_is_refused_unread(tmp_path, read_all, monkeypatch):
    """A real 200 MB file (sparse: no disk used) under the default limit is refused from its size alone."""
    from newsline.read import sources

    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)

    def never(*args, **kwargs):
        raise AssertionError("the file was opened for reading")

    monkeypatch.setattr(sources, "_read_limited", never)
    (reject,) = read_all(path)
    assert reject.reason.startswith("file is 200.0 MB, larger than the 50.0 MB input limit")


def test_limit_is_set_by_the_environment(tmp_path):
    """NEWSLINE_MAX_BYTES lowers the default limit (read once, at import)."""
    import os
    import subprocess
    import sys

    path = tmp_path / "story.txt"
    path.write_text(_TEXT * 30, encoding="utf-8")
    code = ("import sys; from newsline.read import iter_documents; "
            "print([getattr(i, 'reason', 'ok') for i in iter_documents([sys.argv[1]])][0])")
    env = {**os.environ, "NEWSLINE_MAX_BYTES": "1000"}
    out = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith("file is 2.0 KB, larger than the 1000 bytes input limit"), out


def test_gzip_bomb_is_refused(tmp_path, read_all):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(zlib.compress(b"a" * 200_000, wbits=31))
    (reject,) = read_all(path, max_bytes=10_000)
    assert reject.reason.startswith("gzip file expands to more than the 9.8 KB input limit")


def test_missing_path_and_empty_folder(tmp_path, read_all):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.txt").write_text(_TEXT)
    (empty / "cache.db").write_bytes(b"SQLite format 3\x00")
    missing, folder = read_all(tmp_path / "nope.txt", empty)
    assert missing.reason == f"no such file or directory: {tmp_path / 'nope.txt'}"
    assert (folder.source, folder.reason) == (str(empty), "folder holds no article files")


def test_url_is_refused_offline(read_all):
    (reject,) = read_all("https://news.example/story")
    assert reject.reason.startswith("fetching URLs is not enabled offline")


def test_trailing_comment_after_html_is_not_truncation(read_all, tmp_path, article_html):
    path = tmp_path / "cached.html"
    path.write_bytes(article_html + b"\n<!-- served from cache in 0.02s -->\n")
    (doc,) = read_all(path)
    assert "truncated" not in doc.meta
