"""Paths: folders, globs, stdin, duplicates, order, format sniffing and the public signature."""
from __future__ import annotations

import gzip
import inspect
import io
import sys

import pytest

from newsline.records import RawDocument, Reject

TEXT = "Voters in the northern district elected a new mayor on Sunday, officials said.\n"


def _tree(tmp_path, data_dir):
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main")
    (root / ".notes.txt").write_text(TEXT)
    (root / "index.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "README.md").write_text("# Corpus notes\n\nArticles collected in **May**.\n")
    (root / "notes.md").write_text("# Protest notes\n\nMarchers gathered in **May**.\n")
    (root / "b" / "one.txt").write_text(TEXT)
    (root / "a.html").write_bytes((data_dir / "article.html").read_bytes())
    return root


def test_folder_is_walked_sorted_skipping_hidden_junk_and_folder_docs(tmp_path, data_dir, read_all):
    root = _tree(tmp_path, data_dir)
    items = read_all(root)
    assert [i.source for i in items] == [str(root / "a.html"), str(root / "notes.md"), str(root / "b" / "one.txt")]
    assert [i.fmt for i in items] == ["html", "markdown", "text"]


def test_glob_recursive_and_duplicates_read_once(tmp_path, data_dir, read_all):
    root = _tree(tmp_path, data_dir)
    items = read_all(f"{root}/**/*.txt", root / "b" / "one.txt", root / "b")
    assert [i.source for i in items] == [str(root / "b" / "one.txt")]


def test_stable_order_across_runs(tmp_path, data_dir, read_all):
    root = _tree(tmp_path, data_dir)
    assert [i.raw_sha for i in read_all(root)] == [i.raw_sha for i in read_all(root)]


@pytest.mark.parametrize("payload,fmt", [
    (TEXT.encode(), "text"),
    (b"<html><body><article><p>" + TEXT.encode() * 3 + b"</p></article></body></html>", "html"),
    (b'{"title": "Mayor elected", "body": "' + TEXT.strip().encode() + b'"}', "json"),
    (b'{"body": "one two three four"}\n{"body": "five six seven eight"}\n', "json"),
    (b"# Mayor elected\n\n" + TEXT.encode(), "markdown"),
])
def test_stdin(monkeypatch, read_all, payload, fmt):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    items = read_all("-")
    assert items and all(isinstance(i, RawDocument) for i in items)
    assert {i.source for i in items} == {"-"} and {i.fmt for i in items} == {fmt}


def test_stdin_too_large(monkeypatch, read_all):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode() * 50)))
    (reject,) = read_all("-", max_bytes=100)
    assert reject.source == "-" and "stdin holds more than the 100 bytes input limit" in reject.reason


@pytest.mark.parametrize("name,payload,fmt", [
    ("story.dat", b"<!DOCTYPE html><html><body><p>" + TEXT.encode() * 3 + b"</p></body></html>", "html"),
    ("items.data", b'{"content": "' + TEXT.strip().encode() + b'"}', "json"),
    ("noext", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title>'
              b"<description>" + TEXT.strip().encode() + b"</description></item></channel></rss>", "feed"),
    ("page.html.gz", gzip.compress(b"<html><body><article><p>" + TEXT.encode() * 3 + b"</p></article></body></html>"), "html"),
    ("notes.txt.gz", gzip.compress(TEXT.encode()), "text"),
    ("saved-page.txt", b"<!DOCTYPE html><html><body><article><p>" + TEXT.encode() * 3 + b"</p></article></body></html>", "html"),
    ("saved-page.rss", b"<!DOCTYPE html><html><body><article><p>" + TEXT.encode() * 3 + b"</p></article></body></html>", "html"),
    ("saved-page.json", b"<html lang='en'><body><article><p>" + TEXT.encode() * 3 + b"</p></article></body></html>", "html"),
])
def test_format_sniffed_or_unwrapped(tmp_path, read_all, name, payload, fmt):
    path = tmp_path / name
    path.write_bytes(payload)
    (doc,) = read_all(path)
    assert isinstance(doc, RawDocument) and doc.fmt == fmt and "northern district" in doc.text


def test_glob_without_matches_and_only_junk(tmp_path, read_all):
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    none, junk = read_all(f"{tmp_path}/*.txt", f"{tmp_path}/*")
    assert isinstance(none, Reject) and "no path matches the pattern" in none.reason
    assert isinstance(junk, Reject) and "no article files match" in junk.reason


def test_explicit_file_with_skipped_extension_is_still_tried(tmp_path, read_all):
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (reject,) = read_all(path)
    assert reject.reason == "binary file (looks like PNG image), not an article"


def test_public_signature_is_pinned():
    from newsline import config
    from newsline.read import iter_documents

    params = inspect.signature(iter_documents).parameters
    assert list(params)[:3] == ["paths", "json_fields", "max_bytes"]
    assert params["json_fields"].kind is inspect.Parameter.KEYWORD_ONLY and params["json_fields"].default is None
    assert params["max_bytes"].default == config.MAX_INPUT_BYTES


def test_skip_names_in_folders_is_data(tmp_path, data_dir, read_all, monkeypatch):
    from newsline.read import sources

    root = _tree(tmp_path, data_dir)
    formats = {**sources.load_formats(), "skip_names_in_folders": ["readme*"]}
    monkeypatch.setattr(sources, "load_formats", lambda: formats)
    assert [i.source for i in read_all(root)] == [str(root / "a.html"), str(root / "notes.md"), str(root / "b" / "one.txt")]
    assert [i.source for i in read_all(root / "README.md")] == [str(root / "README.md")]   # named: still read
