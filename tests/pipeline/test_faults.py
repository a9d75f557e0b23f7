"""Fault injection: a real ``newsline ingest`` subprocess killed with SIGKILL at seeded random
moments, then run again, gives exactly the export of an uninterrupted run (bench/faults.py runs
the same with 20 trials)."""
from __future__ import annotations

import random

import pytest

from bench import faults


def test_sigkill_during_ingest_then_a_rerun_gives_the_clean_export(tmp_path):
    if not (faults.SHARED / "corpora" / "seeds").is_dir():
        pytest.skip(f"reference seeds not found under {faults.SHARED}")
    corpus = faults.build_corpus(tmp_path / "corpus")
    reference, seconds = faults.reference_run(tmp_path, corpus)
    assert b'"events"' in reference
    result = faults.trial(tmp_path, corpus, reference, seconds, random.Random(7), kills=3)
    assert any(point["killed"] for point in result["kills"]), f"no kill landed: {result['kills']}"
    assert result["integrity"] == "ok"
    assert result["identical"], result["kills"]


def test_the_export_does_not_depend_on_the_process_hash_seed(tmp_path, monkeypatch):
    """Workers and resumed runs are new processes with new string-hash seeds: nothing that reaches
    the store may depend on set or dict-of-set iteration order (a term's type once did)."""
    if not (faults.SHARED / "corpora" / "seeds").is_dir():
        pytest.skip(f"reference seeds not found under {faults.SHARED}")
    corpus = faults.build_corpus(tmp_path / "corpus")
    exports = []
    for seed in ("1", "2", "3"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        db = tmp_path / f"seed{seed}.db"
        faults.finish(db, corpus, tmp_path)
        exports.append(faults.export(db, tmp_path / f"seed{seed}.json", tmp_path))
    assert exports[0] == exports[1] == exports[2]
