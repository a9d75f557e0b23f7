"""Boilerplate removal on trafilatura's evaluation set (990 pages, mostly German).

    .venv/bin/python -m bench.scorers.trafilatura_eval [--quick] [--variants]

Scoring follows trafilatura's ``tests/eval_common.py``: per page, each ``with`` snippet found in
the whitespace-normalised output is a true positive (else a false negative) and each ``without``
snippet found is a false positive (else a true negative). Reported: the share of ``with`` snippets
kept (recall), the share of ``without`` snippets removed, precision, accuracy and F1 over all
snippets, for our HTML path and for ``trafilatura.extract`` with the settings of trafilatura's
own benchmark (comments off, tables on: published F1 0.924 for 2.2.0).

``dates``: the set has no gold dates, but 130 of its pages have a full date in their URL path
(``/2012/05/31/``); on those, the date ingest stores (``htmldate_eval.ingest_date``, the page
read from a file, its URL unknown) is scored against the URL's date beside htmldate alone and
trafilatura alone on the same pages, as ``bench.scorers.htmldate_eval`` scores them.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bench.scorers.html_extraction import NEUTRAL, VARIANTS, newsline_text

ROOT = Path(__file__).resolve().parents[2]
BENCH = (ROOT / ".." / "shared" / "benchmarks" / "trafilatura-eval").resolve()
QUICK_PAGES = 200


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def count_page(item: dict, output: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page by whitespace-normalised substring matching."""
    text = _norm(output)
    tp = sum(1 for s in item["with"] if _norm(s) in text)
    fp = sum(1 for s in item["without"] if _norm(s) in text)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def summarize(tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "with_kept": round(recall, 4),
        "without_removed": round(tn / (tn + fp), 4) if tn + fp else 0.0,
        "precision": round(precision, 4),
        "accuracy": round((tp + tn) / (tp + fp + fn + tn), 4) if tp + fp + fn + tn else 0.0,
        "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0,
    }


def load_items(quick: bool = False) -> list[tuple[dict, Path]]:
    data = json.loads((BENCH / "evaldata.json").read_text(encoding="utf-8"))
    index = dict(line.split("\t") for line in (BENCH / "index.tsv").read_text().splitlines() if "\t" in line)
    items = [(item, BENCH / index[item["file"]]) for _, item in sorted(data.items())
             if item.get("file") in index]
    return items[:QUICK_PAGES] if quick else items


def evaluate(items: list[tuple[dict, Path]], fn: Callable[[bytes], str]) -> dict[str, float]:
    totals = [0, 0, 0, 0]
    for item, path in items:
        counts = count_page(item, fn(gzip.decompress(path.read_bytes())))
        totals = [a + b for a, b in zip(totals, counts)]
    return {**summarize(*totals), "pages": len(items)}


def trafilatura_benchmark_settings(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False, include_tables=True, include_formatting=False) or ""


_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/")


def url_dated_items(quick: bool = False) -> list[tuple[str, Path]]:
    """(the date in the page's URL, html path) for pages whose URL path names a full day."""
    from datetime import date

    data = json.loads((BENCH / "evaldata.json").read_text(encoding="utf-8"))
    index = dict(line.split("\t") for line in (BENCH / "index.tsv").read_text().splitlines() if "\t" in line)
    items = []
    for url, item in sorted(data.items()):
        m = _URL_DAY.search(url)
        if not m or item.get("file") not in index:
            continue
        try:
            items.append((date(*map(int, m.groups())).isoformat(), BENCH / index[item["file"]]))
        except ValueError:
            continue
    return items[:QUICK_PAGES // 4] if quick else items


def evaluate_dates(quick: bool = False) -> dict:
    from newsline.clean import Cleaner

    from bench.scorers.htmldate_eval import htmldate_alone, ingest_date, score, trafilatura_alone

    cleaner = Cleaner()
    rows = []
    for gold, path in url_dated_items(quick):
        data = gzip.decompress(path.read_bytes())
        rows.append((gold, ingest_date(data, cleaner), htmldate_alone(data), trafilatura_alone(data)))
    result = {name: score([(r[0], r[i + 1]) for r in rows])
              for i, name in enumerate(("newsline", "htmldate", "trafilatura"))}
    result["newsline_worse_than_htmldate"] = sum(r[2] == r[0] != r[1] for r in rows)
    return {"gold": "the date in the page's URL", **result}


def run(quick: bool = False, variants: bool = False) -> dict:
    if not BENCH.is_dir():
        return {"skipped": f"benchmark not found at {BENCH}"}
    items = load_items(quick)
    result = {
        "newsline": evaluate(items, newsline_text),
        "trafilatura": evaluate(items, trafilatura_benchmark_settings),
        "dates": evaluate_dates(quick),
    }
    if variants:
        for name, opts in VARIANTS.items():
            result[f"variant_{name}"] = evaluate(items, lambda d, o=opts: newsline_text(d, {**NEUTRAL, **o}))
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv, variants="--variants" in sys.argv), indent=2))
