"""Stored text cannot hijack the terminal or a spreadsheet (issue 14, part 5)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.cli._terminal import plain, visible
from newsline.export import dumps_csv, neutralise_formula

runner = CliRunner()
BODY = ("The council approved the new budget on Tuesday after a long debate, the mayor said. "
        "Officials expect work to start in the spring and to finish within two years.")

VISIBLE = [
    ("title \x1b]0;pwned\x07 end", "title \\x1b]0;pwned\\x07 end"),
    ("\x1b[2Jclear", "\\x1b[2Jclear"),
    ("over\rwrite", "over\\x0dwrite"),
    ("c1 \x9b31m", "c1 \\x9b31m"),
    ("bidi \u202eevil", "bidi \\u202eevil"),
    ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
    ("plain café", "plain café"),
]


@pytest.mark.parametrize("raw,shown", VISIBLE)
def test_visible_shows_controls_as_escapes(raw, shown):
    assert visible(raw) == shown


def test_plain_escapes_rich_markup():
    assert plain("[/x] [bold]b[/bold]") == "\\[/x] \\[bold]b\\[/bold]"


def _hostile_corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"title": "Budget \x1b]0;pwned\x07 vote \x1b[2J", "outlet": "Daily \x1b[31mRed", "text": BODY},
        {"[/x][bold]": "a record with markup in its only key"},
        {"title": "=HYPERLINK(\"http://x\",\"click\")", "outlet": "+cmd|' /C calc'!A0", "text": BODY + " Two."},
    ]), encoding="utf-8")
    (folder / "name \x1b[2J.txt").write_text(BODY + " Three.", encoding="utf-8")
    return folder


def test_no_escape_reaches_the_terminal_and_markup_never_crashes(tmp_path):
    db = tmp_path / "n.db"
    folder = _hostile_corpus(tmp_path)
    outputs = []
    result = runner.invoke(app, ["--db", str(db), "ingest", "--no-language", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1                     # the markup-only record is rejected, the rest stored
    outputs.append(result.output)
    for args in (["articles"], ["rejects"], ["export", "--format", "json"]):
        done = runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        outputs.append(done.output)
    text = "".join(outputs)
    assert "\x1b" not in text and "\x07" not in text
    assert "[/x]" in "".join(outputs[:2]) or "\\[/x]" in text        # shown, not interpreted
    assert "\\x1b" in outputs[1] or "\\u001b" in outputs[1]          # visible in the article list


def test_csv_cells_that_start_like_formulas_are_text_by_default(tmp_path):
    db = tmp_path / "n.db"
    runner.invoke(app, ["--db", str(db), "ingest", "--no-language", str(_hostile_corpus(tmp_path))])
    safe = runner.invoke(app, ["--db", str(db), "export", "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(safe)))
    titles = {r["title"] for r in rows} | {r["outlet"] for r in rows}
    assert "'=HYPERLINK(\"http://x\",\"click\")" in titles and "'+cmd|' /C calc'!A0" in titles
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values() if v)
    raw = runner.invoke(app, ["--db", str(db), "export", "--format", "csv", "--csv-formulas"]).output
    assert "=HYPERLINK" in {r["title"][:10] for r in csv.DictReader(io.StringIO(raw))}


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("\r=x", "'\r=x"), ("fine", "fine"), (-5, -5), (None, None), ("a=b", "a=b"),
])
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_csv_header_and_json_text_cells_are_neutralised():
    doc = {"articles": [{"=cmd": "x", "links": ["@a"]}]}
    assert dumps_csv(doc).splitlines() == ["'=cmd,links", 'x,"[""@a""]"']


def test_export_to_a_terminal_shows_escapes_visibly(tmp_path):
    """Text written to a TTY (not piped) goes through the same neutralising as Rich output."""
    import os
    import pty
    import subprocess
    import sys as _sys

    db = tmp_path / "n.db"
    runner.invoke(app, ["--db", str(db), "ingest", "--no-language", str(_hostile_corpus(tmp_path))])
    main, follower = pty.openpty()
    code = "import sys; from newsline.cli import main; sys.argv[0] = 'newsline'; main()"
    proc = subprocess.Popen([_sys.executable, "-c", code, "--db", str(db), "export", "--format", "csv"],
                            stdout=follower, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": os.pathsep.join(_sys.path)})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main)
    shown = b"".join(chunks)
    assert proc.returncode == 0 and b"Budget" in shown
    assert b"\x1b" not in shown and b"\\x1b" in shown
