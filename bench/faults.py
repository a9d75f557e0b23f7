"""Kill -9 during ingest: does a re-run give exactly the export of an uninterrupted run?

A mixed corpus (the reference seeds of ``../shared``, ``examples/corpus`` and the hand-written
files of ``tests/data/pipeline``: a copy, a dateless follow-up, an HTML page, a JSONL feed with a
broken line, an empty file) is ingested once without interruption (the reference export). Then,
per trial, a fresh store is ingested by a real ``python -m newsline ingest`` subprocess that is
killed with SIGKILL at a seeded random moment, ``kills`` times in a row, and ingested once more to
the end; its export must equal the reference byte for byte (ids included) and
``PRAGMA integrity_check`` must say ok.

    python -m bench.faults 20          # 20 trials, prints the JSON result
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def build_corpus(folder: Path) -> Path:
    """Copy the mixed corpus into ``folder`` (file names kept, so sources are the same each time)."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = [REPO / "examples" / "corpus", REPO / "tests" / "data" / "pipeline", SHARED / "corpora" / "seeds"]
    for part in parts:
        if not part.is_dir():
            continue
        for path in sorted(part.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".md", ".html", ".jsonl", ".json") \
                    and path.name not in ("gold.json", "README.md"):
                shutil.copy(path, folder / f"{part.name}__{path.name}")
    return folder


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("NEWSLINE_COREF_MODEL", "base")
    return env


def _cmd(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsline", "--db", str(db), *args]


def ingest(db: Path, corpus: Path, *, workers: int = 1, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(_cmd(db, "ingest", "-q", "--workers", str(workers), str(corpus)), cwd=cwd,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def export(db: Path, out: Path, cwd: Path) -> bytes:
    subprocess.run(_cmd(db, "export", "-o", str(out)), cwd=cwd, env=_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return out.read_bytes()


def finish(db: Path, corpus: Path, cwd: Path, workers: int = 1) -> int:
    proc = ingest(db, corpus, workers=workers, cwd=cwd)
    _, err = proc.communicate(timeout=1800)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed with exit {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    return proc.returncode


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def trial(work: Path, corpus: Path, reference: bytes, clean_seconds: float, rng: random.Random, *,
          kills: int, workers: int = 1) -> dict:
    """One store: ``kills`` SIGKILLs at random moments of successive runs, then a run to the end."""
    db = work / f"t{rng.random():.8f}.db"
    points = []
    for _ in range(kills):
        proc = ingest(db, corpus, workers=workers, cwd=work)
        at = rng.uniform(0.15, 1.0) * clean_seconds
        try:
            proc.wait(timeout=at)
            points.append({"at": round(at, 2), "killed": False})     # it finished first
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            points.append({"at": round(at, 2), "killed": True})
    finish(db, corpus, work, workers)
    got = export(db, work / "got.json", work)
    ok = integrity(db)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return {"kills": points, "identical": got == reference, "integrity": ok}


def reference_run(work: Path, corpus: Path, workers: int = 1) -> tuple[bytes, float]:
    db = work / "clean.db"
    start = time.perf_counter()
    finish(db, corpus, work, workers)
    seconds = time.perf_counter() - start
    return export(db, work / "clean.json", work), seconds


def measure(trials: int = 20, *, kills: int = 3, seed: int = 14, workers: int = 1) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = build_corpus(work / "corpus")
        files = len(list(corpus.iterdir()))
        reference, seconds = reference_run(work, corpus, workers)
        results = [trial(work, corpus, reference, seconds, rng, kills=kills, workers=workers)
                   for _ in range(trials)]
    killed = sum(p["killed"] for r in results for p in r["kills"])
    return {"trials": trials, "kills_per_trial": kills, "kills_landed": killed, "seed": seed,
            "workers": workers, "files": files,
            "clean_run_seconds": round(seconds, 1),
            "identical_exports": sum(r["identical"] for r in results),
            "integrity_ok": sum(r["integrity"] == "ok" for r in results),
            "failures": [r for r in results if not r["identical"] or r["integrity"] != "ok"]}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(json.dumps(measure(n), indent=2))
