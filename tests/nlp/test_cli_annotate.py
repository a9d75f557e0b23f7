"""newsline annotate FILE: every span with its label and value, as JSON or tables."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsline.cli import app

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "nlp"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_annotate_json_lists_every_kind_with_offsets(runner, nlp):
    path = DATA / "reported_speech.txt"
    body = path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(path), "--published", "2025-04-29", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"article", "sentences", "entities", "timexes", "quantities", "quotes"}
    assert report["sentences"] >= 5
    for kind in ("entities", "timexes", "quantities", "quotes"):
        assert report[kind], kind
        for item in report[kind]:
            assert body[item["start"]:item["end"]] == item["text"]
            assert "value" in item
    assert {"text": "Tuesday", "value": "2025-04-29"}.items() <= next(
        t for t in report["timexes"] if t["text"] == "Tuesday").items()
    assert any(q["value"] == 12000 and q["qualifier"] == "more than" for q in report["quantities"])


def test_annotate_reads_stdin_and_prints_tables(runner, nlp):
    result = runner.invoke(app, ["annotate", "-"], input="Mayor Anna Berg said 40 homes were flooded.\n")
    assert result.exit_code == 0, result.output
    for title in ("entities", "timexes", "quantities", "quotes"):
        assert title in result.output
    assert "Anna Berg" in result.output


@pytest.mark.parametrize("args, message", [
    (["annotate", "no-such-file.txt"], "no such file"),
    (["annotate", "-", "--published", "12/06/2025"], "not a date"),
    (["annotate", "-", "--published", "2025-02-30"], "not a date"),
    (["annotate", "-", "--format", "xml"], "unknown --format"),
])
def test_annotate_usage_errors_exit_2(runner, args, message):
    result = runner.invoke(app, args, input="text")
    assert result.exit_code == 2
    assert message in result.output
