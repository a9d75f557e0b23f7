"""Run every scorer in ``bench/scorers`` and write the scorecard.

    python -m bench.run                 # all scorers, full runs
    python -m bench.run --quick         # smaller samples where a scorer supports it
    python -m bench.run tempeval dedup  # only scorers whose module name contains one of these

Each scorer module exposes ``run(quick: bool = False) -> dict``. Results are merged into
``bench/results/scorecard.json`` (one entry per scorer, with the time it took and when it ran), so
running one scorer updates its entry and keeps the others.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.table import Table

import bench.scorers as scorers_pkg

SCORECARD = Path(__file__).parent / "results" / "scorecard.json"


def discover(patterns: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(scorers_pkg.__path__) if not m.name.startswith("_"))
    return [n for n in names if not patterns or any(p in n for p in patterns)]


def run_one(name: str, quick: bool) -> dict:
    module = importlib.import_module(f"bench.scorers.{name}")
    start = time.perf_counter()
    try:
        metrics = module.run(quick=quick)
        status = "ok"
    except Exception as exc:  # a broken scorer is reported, the others still run
        metrics = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=3)}
        status = "error"
    return {"status": status, "seconds": round(time.perf_counter() - start, 2), "quick": quick,
            "ran_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "metrics": metrics}


def flatten(metrics: dict, prefix: str = "") -> list[tuple[str, object]]:
    rows = []
    for key, value in metrics.items():
        if key == "traceback":
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, name + "."))
        elif not isinstance(value, list):
            rows.append((name, value))
    return rows


def print_table(card: dict, names: list[str]) -> None:
    table = Table(title="newsline scorecard", header_style="bold")
    for col in ("scorer", "metric", "value"):
        table.add_column(col, overflow="fold")
    for name in names:
        entry = card["scorers"][name]
        for metric, value in flatten(entry["metrics"]):
            shown = f"{value:.4g}" if isinstance(value, float) else str(value)
            table.add_row(name, metric, shown)
        table.add_section()
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="substrings of scorer names to run")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    names = discover(args.only)
    card = json.loads(SCORECARD.read_text()) if SCORECARD.exists() else {"scorers": {}}
    card["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                       "cpus": __import__("os").cpu_count()}
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        entry = run_one(name, args.quick)
        # re-read before writing: another run may have written its entries in the meantime
        fresh = json.loads(SCORECARD.read_text()) if SCORECARD.exists() else {"scorers": {}}
        card = {**fresh, "machine": card["machine"], "scorers": {**fresh.get("scorers", {}), name: entry}}
        SCORECARD.parent.mkdir(parents=True, exist_ok=True)
        tmp = SCORECARD.with_suffix(f".{__import__('os').getpid()}.tmp")
        tmp.write_text(json.dumps(card, indent=2, ensure_ascii=False, default=str) + "\n")
        tmp.replace(SCORECARD)                    # atomic: a reader never sees half a file
    print_table(card, names)
    return 1 if any(card["scorers"][n]["status"] != "ok" for n in names) else 0


if __name__ == "__main__":
    sys.exit(main())
