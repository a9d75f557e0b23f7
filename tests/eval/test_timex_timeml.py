"""Reading TimeML and scoring it (TempEval-3 definitions), on a file written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.errors import MalformedInputError
from newsline.eval.timeml import iter_timeml, read_timeml
from newsline.eval.timex import Gold, Tally, evaluate_tempeval, score_doc

TML = Path(__file__).resolve().parents[1] / "data" / "timex" / "tml"


def test_read_timeml_offsets_and_dct():
    doc = read_timeml(TML / "sample_a.tml")
    assert (doc.doc_id, doc.dct, doc.anchor) == ("sample_a", "2025-06-12", "2025-06-12")
    assert [(t.text, t.type, t.value) for t in doc.timexes][:2] == [
        ("Tuesday", "DATE", "2025-06-10"), ("next week", "DATE", "2025-W25")]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert "<" not in doc.text and "said" in doc.text


def test_read_timeml_rejects_non_timeml(tmp_path):
    bad = tmp_path / "x.tml"
    bad.write_text("<TimeML><DOCID>x</DOCID></TimeML>")
    with pytest.raises(MalformedInputError, match="no <TEXT>"):
        read_timeml(bad)
    broken = tmp_path / "y.tml"
    broken.write_text("<TimeML><TEXT>unclosed")
    with pytest.raises(MalformedInputError, match="well-formed"):
        read_timeml(broken)
    assert iter_timeml(tmp_path) == [bad, broken]


def test_score_doc_counts():
    gold = [Gold(0, 7, "DATE", "2025-06-10"), Gold(10, 20, "DATE", "2025-W25"), Gold(30, 35, "DATE", "X")]
    system = [Gold(0, 7, "DATE", "2025-06-10"), Gold(12, 25, "DATE", "2025-W24"), Gold(40, 45, "SET", "P1W")]
    tally = Tally()
    score_doc(gold, system, tally, "d")
    m = tally.metrics()
    assert (tally.strict, tally.relaxed, tally.value_ok) == (1, 2, 1)
    assert m["relaxed_f1"] == pytest.approx(2 / 3) and m["value_f1"] == pytest.approx(1 / 3)
    assert {e["error"] for e in tally.errors} == {"value", "missed", "spurious"}


def test_evaluate_tempeval_on_sample():
    # gold 5: Tuesday, next week, three months (all found exactly), "this crucial moment" (missed),
    # Wednesday (found as "Wednesday evening": relaxed match, wrong value and type); "now" is spurious.
    result = evaluate_tempeval(TML, keep_errors=True)
    assert (result["documents"], result["gold"], result["system"]) == (1, 5, 5)
    assert result["strict_f1"] == pytest.approx(0.6)
    assert result["relaxed_f1"] == pytest.approx(0.8)
    assert result["value_accuracy"] == pytest.approx(0.75)
    assert result["value_f1"] == pytest.approx(0.6)
    errors = {(e["error"], e.get("gold") or e.get("system")) for e in result["errors"]}
    assert errors == {("missed", "this crucial moment"), ("spurious", "now"), ("value", "Wednesday")}


def test_cli_eval_tempeval_json():
    from typer.testing import CliRunner

    from newsline.cli import app

    out = CliRunner().invoke(app, ["eval", "tempeval", str(TML), "--format", "json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["value_f1"] == pytest.approx(0.6) and payload["gold"] == 5


def test_cli_eval_tempeval_text_and_bad_folder(tmp_path):
    from typer.testing import CliRunner

    from newsline.cli import app

    out = CliRunner().invoke(app, ["eval", "tempeval", str(TML)])
    assert out.exit_code == 0 and "relaxed span" in out.output
    missing = CliRunner().invoke(app, ["eval", "tempeval", str(tmp_path / "nope")])
    assert missing.exit_code == 2
