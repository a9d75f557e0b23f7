"""Worker processes: the language layer and event extraction in two processes give exactly the
output of one process (same export, same ids)."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from newsline import api, runner

REPO = Path(__file__).resolve().parents[2]
FOLDERS = [REPO / "examples" / "corpus", REPO / "tests" / "data" / "pipeline"]


def test_two_workers_give_the_one_process_export(tmp_path, monkeypatch):
    files = sorted(str(p) for f in FOLDERS for p in f.iterdir() if p.is_file() and p.stat().st_size)
    monkeypatch.setattr(runner, "PARALLEL_MIN", 2)      # a small corpus, still sent to the workers
    one = api.ingest(files, db=tmp_path / "one.db", workers=1)
    two = api.ingest(files, db=tmp_path / "two.db", workers=2)
    # the workers started while the writer was still cleaning, wound down during the barriers,
    # and none is left once the run has returned
    assert multiprocessing.active_children() == []
    assert two.workers == 2 and two.annotated == one.annotated > 10
    assert two.summary() == one.summary()
    first = json.dumps(api.export_document(db=tmp_path / "one.db"), sort_keys=True)
    second = json.dumps(api.export_document(db=tmp_path / "two.db"), sort_keys=True)
    assert first == second
