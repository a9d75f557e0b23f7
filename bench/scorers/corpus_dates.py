"""Publication dates on the small corpora written for the tests (``tests/data/corpus``).

    .venv/bin/python -m bench.scorers.corpus_dates

Layouts a researcher's own corpus comes in: dates only in file names and folders
(``<publisher>_<YYYY-MM-DD>_<slug>.txt``, ``…/2016/10/05/…``), news-please/Wikinews JSON with the
date fused into a one-line text, sidecar files, a manifest, HTML whose date htmldate finds only
on the raw page or that carries a text dateline, wire stories with no date at all. Each run
ingests (language layer off: dates come from reading and cleaning) and compares every stored
article's ``published`` with ``gold_dates.json``: ``right``, ``wrong``, ``missing`` (gold has a
date, none stored) and ``invented`` (a date where the input gives none).
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"


def _key(article) -> str:
    rel = Path(article.source).resolve().relative_to(CORPUS.resolve()).as_posix()
    return f"{rel}#{article.record}" if article.record else rel


def run(quick: bool = False) -> dict:
    from newsline import api
    from newsline.store import SQLiteStore

    spec = json.loads((CORPUS / "gold_dates.json").read_text(encoding="utf-8"))
    totals = {"articles": 0, "right": 0, "wrong": 0, "missing": 0, "invented": 0, "undated_right": 0}
    errors = []
    for run_spec in spec["runs"]:
        options = {k: str(CORPUS / v) for k, v in run_spec["with"].items()}
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "c.db"
            api.ingest([str(CORPUS / p) for p in run_spec["paths"]], db=db, language=False, **options)
            store = SQLiteStore(db)
            try:
                got = {_key(a): a.published for a in store.iter_articles()}
            finally:
                store.close()
        for key, gold in run_spec["gold"].items():
            value = got.get(key)
            totals["articles"] += 1
            if gold is None:
                totals["invented" if value else "undated_right"] += 1
            elif value == gold:
                totals["right"] += 1
            else:
                totals["missing" if value is None else "wrong"] += 1
            if value != gold:
                errors.append({"article": key, "gold": gold, "got": value})
    dated = sum(1 for r in spec["runs"] for g in r["gold"].values() if g)
    return {**totals, "dated_gold": dated, "accuracy": round((totals["right"] + totals["undated_right"])
                                                             / totals["articles"], 4), "errors": errors}


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
