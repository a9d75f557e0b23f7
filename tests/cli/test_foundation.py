"""End to end through the real CLI entry point and a real SQLite file (issue 2's 'done when')."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def run(db: Path, *args: str, input: str | None = None):
    return runner.invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)


def dump(db: Path) -> list:
    """Everything stored that an ingest may change (timestamps excluded)."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT a.id, a.source, a.body, p.day, p.reason, a.outlet, a.removed FROM articles a "
                       "JOIN publication_dates p ON p.article_id = a.id ORDER BY a.id").fetchall()
    rows += con.execute("SELECT article_id, source, record FROM article_sources ORDER BY 1, 2, 3").fetchall()
    rows += con.execute("SELECT source, step, reason FROM rejects ORDER BY 1, 2, 3").fetchall()
    return rows


def test_seeds_ingest_export_and_reingest_changes_nothing(tmp_path, seeds_dir):
    db = tmp_path / "n.db"
    first = run(db, "ingest", "--no-language", "--format", "json", str(seeds_dir))
    summary = json.loads(first.output)
    # the folder's README.md is skipped as folder documentation; its gold.json is refused, with why
    assert (summary["new"], summary["unchanged"], summary["rejected"]) == (5, 0, 1)
    assert first.exit_code == 1
    [gold] = summary["rejects"]
    assert gold["source"].endswith("gold.json") and "is an article" in gold["reason"]
    before = dump(db)

    doc = json.loads(run(db, "export", "--format", "json").output)
    assert doc["schema"].startswith("1.")
    sources = sorted(Path(a["source"]).name for a in doc["articles"])
    assert sources == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert all(a["body"] for a in doc["articles"])

    again = json.loads(run(db, "ingest", "--no-language", "--format", "json", str(seeds_dir)).output)
    assert (again["new"], again["unchanged"], again["rejected"]) == (0, 5, 1)
    assert dump(db) == before


def test_binary_file_is_rejected_with_its_reason_and_the_rest_is_stored(tmp_path, seeds_dir):
    corpus = tmp_path / "in"
    shutil.copytree(seeds_dir, corpus, ignore=shutil.ignore_patterns("*.json", "*.md"))
    (corpus / "photo.txt").write_bytes(PNG)
    db = tmp_path / "n.db"
    result = run(db, "ingest", "--no-language", "--format", "json", str(corpus))
    assert result.exit_code == 1                      # something was rejected
    doc = json.loads(run(db, "export").output)
    assert len(doc["articles"]) == 5
    [reject] = doc["rejects"]
    assert reject["source"].endswith("photo.txt") and "binary" in reject["reason"].lower()


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t\n", "empty"),
    ("garbage.txt", bytes(range(128, 256)) * 40, ""),
])
def test_bad_input_gets_a_specific_reason_and_does_not_stop_the_run(tmp_path, name, data, words):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / name).write_bytes(data)
    (corpus / "good.txt").write_text("Officials said on Monday that the bridge had reopened to traffic.\n")
    db = tmp_path / "n.db"
    result = run(db, "ingest", "--no-language", "--format", "json", str(corpus))
    assert result.exit_code == 1
    summary = json.loads(result.output)
    assert summary["new"] == 1 and summary["rejected"] == 1
    [reject] = summary["rejects"]
    assert reject["source"].endswith(name) and words in reject["reason"].lower() and len(reject["reason"]) > 10


def test_missing_path_and_empty_folder_are_rejected_and_exit_3(tmp_path):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "n.db"
    result = run(db, "ingest", "--no-language", "--format", "json", str(tmp_path / "nope"), str(tmp_path / "empty"))
    assert result.exit_code == 3                      # nothing usable at all
    reasons = [r["reason"].lower() for r in json.loads(result.output)["rejects"]]
    assert len(reasons) == 2 and any("no such file" in r for r in reasons)


def test_stdin_ingest(tmp_path):
    db = tmp_path / "n.db"
    text = "Dock workers in Rotterdam walked out on Friday over pay, the union said.\n"
    result = run(db, "ingest", "--no-language", "--format", "json", "-", input=text)
    assert result.exit_code == 0, result.output
    [article] = json.loads(run(db, "export").output)["articles"]
    assert article["source"] == "-" and "Rotterdam" in article["body"]


def test_export_formats_and_atomic_file_output(tmp_path, seeds_dir):
    db = tmp_path / "n.db"
    run(db, "ingest", "--no-language", str(seeds_dir))
    lines = run(db, "export", "--format", "jsonl").output.splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds[0] == "header" and kinds.count("article") == 5
    csv_text = run(db, "export", "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("id,source") and len(csv_text.splitlines()) >= 6
    out = tmp_path / "out.json"
    assert run(db, "export", "-o", str(out)).exit_code == 0
    assert len(json.loads(out.read_text())["articles"]) == 5
    assert run(db, "export", "--format", "xml").exit_code == 2


def test_articles_and_show_commands(tmp_path, seeds_dir):
    db = tmp_path / "n.db"
    run(db, "ingest", "--no-language", str(seeds_dir))
    listing = json.loads(run(db, "articles", "--format", "json").output)
    assert len(listing) == 5
    some = listing[0]["id"]
    shown = run(db, "show", some[:8], "--removed")
    assert shown.exit_code == 0 and some in shown.output
    assert run(db, "show", "no-such-id").exit_code == 2


def test_console_script_and_env_var_db(tmp_path):
    """The installed `newsline` entry point runs, honours NEWSLINE_DB and prints --help."""
    exe = Path(sys.executable).with_name("newsline")
    if not exe.exists():
        pytest.skip("newsline console script not installed in this environment")
    env = {**os.environ, "NEWSLINE_DB": str(tmp_path / "env.db")}
    text = tmp_path / "a.txt"
    text.write_text("The council voted on Tuesday to close the old library, the mayor said.\n")
    done = subprocess.run([str(exe), "ingest", "-q", "--no-language", str(text)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.db").exists()
    helped = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert "ingest" in helped.stdout and "export" in helped.stdout


def test_rejects_on_a_clean_store_says_so(tmp_path):
    from newsline.cli import app

    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "rejects"])
    assert result.exit_code == 0 and "No rejects" in result.output


def test_a_run_that_redoes_stored_work_says_so_before_it_starts(tmp_path):
    """A store whose articles went through a stage with another version of its rules (an older
    release) is told at the start that the run does that work again, with the count; JSON says
    it in ``rerun``."""
    db = tmp_path / "n.db"
    text = "Dock workers in Rotterdam walked out on Friday over pay, the union said.\n"
    assert run(db, "ingest", "-q", "--no-language", "-", input=text).exit_code == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE article_stages SET version = 'older' WHERE stage = 'duplicates'")
    con.commit()
    con.close()
    said = run(db, "resume", "-q", "--no-language")
    assert said.exit_code == 0
    assert "duplicates changed since 1 stored article(s)" in " ".join(said.output.split())
    assert json.loads(run(db, "resume", "--no-language", "--format", "json").output)["rerun"] == {}
