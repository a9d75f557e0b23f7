"""Every documented exit code holds (docs/cli.md): 0 all used, 1 some input rejected, 2 usage
error, 3 nothing usable, 4 store error — the last with a message saying what to do, never a
traceback. Run through the console-script entry point ``newsline.cli.main``."""
from __future__ import annotations

import os
import shutil
import sqlite3
import sys

import pytest

from newsline.cli import main

BODY = ("The council approved the new budget on Tuesday after a long debate, the mayor said. "
        "Officials expect work to start in the spring and to finish within two years.")


def run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["newsline", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    code = done.value.code
    text = " ".join((out.out + out.err).split())        # Rich wraps long messages
    return (code if isinstance(code, int) else (0 if code is None else 1)), text


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    return folder


@pytest.fixture
def good_store(tmp_path, corpus, monkeypatch, capsys):
    db = tmp_path / "good.db"
    assert run(monkeypatch, capsys, "--db", str(db), "ingest", "--no-language", "-q", str(corpus))[0] == 0
    return db


def test_exit_0_everything_used(good_store, monkeypatch, capsys):
    assert run(monkeypatch, capsys, "--db", str(good_store), "articles")[0] == 0


def test_exit_1_some_input_rejected(tmp_path, corpus, monkeypatch, capsys):
    (corpus / "empty.txt").write_text("")
    code, out = run(monkeypatch, capsys, "--db", str(tmp_path / "n.db"), "ingest", "--no-language", "-q", str(corpus))
    assert code == 1 and "empty" in out


@pytest.mark.parametrize("args", [
    ["ingest", "--no-such-option", "x"],
    ["export", "--format", "xml"],
    ["timeline", "--since", "last tuesday"],
    ["annotate", "no-such-file.txt"],
])
def test_exit_2_usage_error(good_store, monkeypatch, capsys, args):
    code, out = run(monkeypatch, capsys, "--db", str(good_store), *args)
    assert code == 2 and "Traceback" not in out


def test_exit_3_nothing_usable(tmp_path, monkeypatch, capsys):
    code, out = run(monkeypatch, capsys, "--db", str(tmp_path / "n.db"), "ingest", "-q", str(tmp_path / "missing"))
    assert code == 3 and "no such file" in out


def _not_sqlite(tmp_path, good):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    return path


def _corrupt(tmp_path, good):
    data = good.read_bytes()
    path = tmp_path / "corrupt.db"
    path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])
    return path


def _newer(tmp_path, good):
    path = tmp_path / "newer.db"
    shutil.copy(good, path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO migrations VALUES ('9999_from_the_future', 'x')")
    con.commit()
    con.close()
    return path


STORES = [
    (_not_sqlite, "not a newsline store"),
    (_corrupt, "is corrupt"),
    (_newer, "written by a newer newsline"),
    (lambda tmp, good: tmp / "folder.db", "is a folder"),
    (lambda tmp, good: tmp / "no-such-folder" / "n.db", "does not exist"),
]


@pytest.mark.parametrize("make,message", STORES, ids=["not-sqlite", "corrupt", "newer-schema", "folder", "missing-folder"])
@pytest.mark.parametrize("command", [["articles"], ["ingest", "--no-language", "-q"]])
def test_exit_4_unusable_store_is_refused_with_what_to_do(tmp_path, good_store, corpus, monkeypatch, capsys,
                                                          make, message, command):
    (tmp_path / "folder.db").mkdir()
    db = make(tmp_path, good_store)
    before = db.read_bytes() if db.is_file() else None
    args = [*command, str(corpus)] if command[0] == "ingest" else command
    code, out = run(monkeypatch, capsys, "--db", str(db), *args)
    assert code == 4 and message in out and "Traceback" not in out
    if before is not None:
        assert db.read_bytes() == before                 # refused before anything was written


def test_exit_4_read_only_store(tmp_path, good_store, corpus, monkeypatch, capsys):
    os.chmod(good_store, 0o444)
    if os.geteuid() == 0:                                # root writes anyway: make access() say no
        import newsline.store.checks as checks

        real = os.access
        monkeypatch.setattr(checks.os, "access", lambda p, mode: False if str(p) == str(good_store)
                            and mode == os.W_OK else real(p, mode))
    code, out = run(monkeypatch, capsys, "--db", str(good_store), "ingest", "--no-language", "-q", str(corpus))
    assert code == 4 and "read-only" in out and "chmod" in out


@pytest.mark.parametrize("target", ["no-such-folder/out.json", "."])
def test_exit_4_output_file_cannot_be_written(tmp_path, good_store, monkeypatch, capsys, target):
    code, out = run(monkeypatch, capsys, "--db", str(good_store), "export", "-o", str(tmp_path / target))
    assert code == 4 and "cannot write" in out and "Traceback" not in out


def test_output_file_is_replaced_atomically(tmp_path, good_store, monkeypatch, capsys):
    out_file = tmp_path / "out.json"
    out_file.write_text("old")
    assert run(monkeypatch, capsys, "--db", str(good_store), "export", "-o", str(out_file))[0] == 0
    assert out_file.read_text().startswith("{") and [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
