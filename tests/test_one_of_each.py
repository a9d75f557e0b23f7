"""One data-file loader, one spaCy loader, one gzip inflater: each job is done in one place."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from newsline import datafiles
from newsline.read.inflate import inflate_gzip

SRC = Path(__file__).resolve().parents[1] / "src" / "newsline"
#: The ECB+ reader/trainer (events/ecbplus.py) is on its way to newsline.eval, which may load what
#: it evaluates its own way; everything else goes through the one loader.
EVAL = ("eval/", "events/ecbplus.py")

ONE_PLACE = [
    ("data files", re.compile(r"resources\.files\(|/ \"data\" /|parents\[\d\] / \"data\""), "datafiles.py"),
    ("spaCy models", re.compile(r"\bspacy\.load\("), "nlp/model.py"),
    ("gzip streams", re.compile(r"zlib\.decompressobj|gzip\.(open|decompress|GzipFile)"), "read/inflate.py"),
]


def offenders(pattern: re.Pattern[str], home: str) -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel == home or rel.startswith(EVAL):
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            found.append(rel)
    return found


@pytest.mark.parametrize("what, pattern, home", ONE_PLACE, ids=[w for w, _, _ in ONE_PLACE])
def test_one_place_does_it(what, pattern, home):
    assert pattern.search((SRC / home).read_text(encoding="utf-8")), f"{home} no longer loads {what}"
    store_migrations = [] if what != "data files" else ["store/sqlite.py"]  # SQL migrations, not data
    assert [o for o in offenders(pattern, home) if o not in store_migrations] == []


@pytest.mark.parametrize("source, found", [
    ('text = (resources.files("newsline.data") / "x").read_text()', True),
    ('_DIR = Path(__file__).resolve().parents[1] / "data" / "read"', True),
    ('nlp = spacy.load("en_core_web_sm")', True),
    ("out = zlib.decompressobj(16 + zlib.MAX_WBITS)", True),
    ("from ..datafiles import load_json", False),
])
def test_the_checks_see_a_second_loader(source, found):
    assert any(p.search(source) for _, p, _ in ONE_PLACE) is found


# -- the data-file loader -------------------------------------------------------------------------
DATA = SRC / "data"


@pytest.mark.parametrize("path", sorted(p for p in DATA.rglob("*") if p.suffix in (".json", ".jsonl", ".txt", ".tsv")),
                         ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_data_file_loads_through_the_loader(path):
    area, name = path.parent.name, path.name
    assert datafiles.read_text(area, name) == path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = datafiles.load_json(area, name)
        if isinstance(data, dict):
            assert not any(k.startswith("_") for k in data)
    elif path.suffix == ".jsonl":
        assert datafiles.load_jsonl(area, name)
    else:
        assert all(line and not line.startswith("#") for line in datafiles.load_lines(area, name))


def test_comment_keys_are_dropped_and_lines_keep_their_order():
    raw = (DATA / "clean" / "cues.json").read_text(encoding="utf-8")
    assert '"_doc"' in raw and "_doc" not in datafiles.load_json("clean", "cues.json")
    lines = datafiles.load_lines("coref", "reporting_lemmas.txt")
    text = (DATA / "coref" / "reporting_lemmas.txt").read_text(encoding="utf-8")
    assert list(lines) == [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]


# -- the gzip inflater ----------------------------------------------------------------------------
ONE = gzip.compress(b"first member. " * 10)
TWO = gzip.compress(b"second member.")


@pytest.mark.parametrize("data, limit, out, over, members, problems", [
    (ONE, 10_000, b"first member. " * 10, False, 1, []),
    (ONE + TWO, 10_000, b"first member. " * 10 + b"second member.", False, 2, []),
    (ONE, 20, (b"first member. " * 10)[:21], True, 0, []),
    (ONE[:-12], 10_000, None, False, 0, ["truncated gzip member"]),
    (b"\x1f\x8b\x08garbage", 10_000, b"", False, 0, ["corrupt gzip member"]),
    (ONE + b"\x1f\x8b\x08garbage" + TWO, 10_000, b"first member. " * 10 + b"second member.", False, 2,
     ["corrupt gzip member"]),
])
def test_inflate_gzip(data, limit, out, over, members, problems):
    got = inflate_gzip(data, limit)
    if out is not None:
        assert got.data == out
    assert (got.over_limit, got.members) == (over, members)
    assert [reason.split(":")[0] for _, reason in got.problems] == problems


def test_only_a_stream_with_nothing_readable_is_corrupt():
    assert inflate_gzip(b"\x1f\x8b\x08garbage", 100).corrupt
    assert not inflate_gzip(ONE + b"\x1f\x8b\x08garbage", 10_000).corrupt
    assert not inflate_gzip(ONE[:-12], 10_000).corrupt     # a cut-short member still gives its text


def test_a_multi_member_text_gz_is_read_whole(tmp_path):
    from newsline.read import iter_documents

    path = tmp_path / "story.txt.gz"
    body = "Officials said the bridge reopened on Monday after repairs that took three months."
    path.write_bytes(gzip.compress(body[:40].encode()) + gzip.compress(body[40:].encode()))
    docs = list(iter_documents([str(path)]))
    assert len(docs) == 1 and getattr(docs[0], "text", "").strip() == body
