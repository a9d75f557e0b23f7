"""Main-text extraction on the article-extraction benchmark (Zyte, 181 news/blog pages).

    .venv/bin/python -m bench.scorers.html_extraction [--quick]

Scoring follows the benchmark's ``evaluate.py``: word tokens (``\\w+``), 4-token shingles counted
as a multiset, per-document TP/FP/FN normalised to sum 1, then precision and recall averaged over
documents and F1 taken from those two means. The scorer is checked against the bundled
trafilatura 2.0.0 predictions (``output/trafilatura.json``, published F1 0.958).

Reported: our HTML path (``newsline.read.html.HtmlReader``: decoding + ``extract_page`` with our
settings) next to ``trafilatura.extract`` with its defaults, the bundled reference, and the
trafilatura option variants we compared when choosing ``EXTRACT_OPTIONS``.
"""
from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = (ROOT / ".." / "shared" / "benchmarks" / "article-extraction-benchmark").resolve()
_TOKEN = re.compile(r"\w+", re.UNICODE)
QUICK_DOCS = 60


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    grams = [tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle TP/FP/FN of one document, normalised so long texts do not weigh more."""
    gold, got = shingles(true), shingles(pred)
    tp = sum(min(gold[k], got[k]) for k in gold.keys() | got.keys())
    fp = sum(max(0, got[k] - gold[k]) for k in got)
    fn = sum(max(0, gold[k] - got[k]) for k in gold)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Mean per-document precision and recall, F1 of the two means (as the benchmark computes it)."""
    counts = [tp_fp_fn(gold[k], predicted.get(k, "")) for k in gold]
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4)}


def load_gold(quick: bool = False) -> dict[str, str]:
    data = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(data)[:QUICK_DOCS] if quick else sorted(data)
    return {k: data[k].get("articleBody", "") for k in keys}


def load_page(key: str) -> bytes:
    return gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())


def newsline_text(data: bytes, options: dict | None = None) -> str:
    """The text ingest would store for this page ("" when the reader rejects it)."""
    from newsline.errors import InputError
    from newsline.read import html

    saved = dict(html.EXTRACT_OPTIONS)
    html.EXTRACT_OPTIONS.update(options or {})
    try:
        return next(html.HtmlReader().read("benchmark", data)).text
    except InputError:
        return ""
    finally:
        html.EXTRACT_OPTIONS.clear()
        html.EXTRACT_OPTIONS.update(saved)


def trafilatura_default(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data) or ""


def predict(keys: list[str], fn: Callable[[bytes], str]) -> dict[str, str]:
    return {k: fn(load_page(k)) for k in keys}


#: option sets compared when choosing EXTRACT_OPTIONS, each applied on top of NEUTRAL
NEUTRAL = {"favor_precision": False, "favor_recall": False, "fast": False, "include_tables": True}
VARIANTS = {
    "default": {},
    "favor_precision": {"favor_precision": True},
    "favor_precision_fast": {"favor_precision": True, "fast": True},
    "favor_recall": {"favor_recall": True},
    "no_tables": {"include_tables": False},
    "fast": {"fast": True},
}


def run(quick: bool = False, variants: bool = False) -> dict:
    """Score our HTML path, trafilatura's defaults and the bundled reference (and variants on request)."""
    if not BENCH.is_dir():
        return {"skipped": f"benchmark not found at {BENCH}"}
    gold = load_gold(quick)
    keys = list(gold)
    reference = json.loads((BENCH / "output" / "trafilatura.json").read_text(encoding="utf-8"))["output"]
    result = {
        "docs": len(keys),
        "newsline": score(gold, predict(keys, newsline_text)),
        "trafilatura_default": score(gold, predict(keys, trafilatura_default)),
        "reference_trafilatura_2_0_0": score(gold, {k: reference[k].get("articleBody", "") for k in keys}),
    }
    if variants:
        for name, opts in VARIANTS.items():
            result[f"variant_{name}"] = score(gold, predict(keys, lambda d, o=opts: newsline_text(d, {**NEUTRAL, **o})))
    result["not_worse_than_trafilatura"] = result["newsline"]["f1"] >= result["trafilatura_default"]["f1"]
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv, variants="--variants" in sys.argv), indent=2))
