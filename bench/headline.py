"""The README's headline figures, written from ``bench/results/scorecard.json``.

``python -m bench.headline`` prints the table; ``python -m bench.headline --write`` replaces the
table between the ``headline-figures`` markers in README.md. Every number comes from the
scorecard: a figure whose scorer has not run (or whose key moved) is left out, never filled in.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCORECARD = ROOT / "bench" / "results" / "scorecard.json"
README = ROOT / "README.md"
BEGIN, END = "<!-- headline-figures:begin -->", "<!-- headline-figures:end -->"


def _pct(x: float) -> str:
    """0.7985 -> "79.9" (half up on the figure as recorded, not on its binary approximation)."""
    return str((Decimal(str(x)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _events(m: dict[str, Any]) -> str:
    return (f"{m['found']} / {m['gold_events']} events found, {m['date_ok']} / {m['gold_events']} dates "
            f"or windows, **{m['invented_dates']} invented dates**")


def _coref(m: dict[str, Any]) -> str:
    gold = m["gold"]
    text = f"CoNLL F1 **{_pct(gold['model']['conll_f1'])}**"
    extra = [f"{_pct(m['semantic_gold']['model']['conll_f1'])} with the `semantic` extra"] if "semantic_gold" in m else []
    extra.append(f"lemma baseline {_pct(gold['lemma_baseline']['conll_f1'])}")
    return f"{text} ({'; '.join(extra)})"


#: (scorer, capability, measured on, figure from the scorer's metrics)
ROWS: list[tuple[str, str, str, Callable[[dict[str, Any]], str]]] = [
    ("seeds_events", "events", "the reference articles vs their gold reading", _events),
    ("sample_events", "events", "the bundled sample vs `examples/expected.json`", _events),
    ("html_extraction", "HTML main text", "article-extraction benchmark ({docs} pages)",
     lambda m: f"token F1 **{m['newsline']['f1']:.3f}** (trafilatura 2.0.0: "
               f"{m['reference_trafilatura_2_0_0']['f1']:.3f})"),
    ("htmldate_eval", "HTML dates", "htmldate evaluation set ({newsline[pages]} pages)",
     lambda m: f"accuracy {m['newsline']['accuracy']:.3f}, {m['newsline']['wrong']} wrong, "
               f"{m['newsline']['none']} none"
               + (f" (htmldate alone: {m['htmldate']['accuracy']:.3f})" if "htmldate" in m else "")),
    ("dedup_syndication", "syndication", "{originals:,} originals + {copies:,} edited copies",
     lambda m: f"pairwise F1 **{m['overall']['f1']:.3f}** (P {m['overall']['precision']:.4f}, "
               f"R {m['overall']['recall']:.3f})"),
    ("tempeval", "time expressions", "TempEval-3 training folders ({all[gold]:,} TIMEX3)",
     lambda m: f"strict F1 {_pct(m['all']['strict_f1'])}, relaxed {_pct(m['all']['relaxed_f1'])}, "
               f"**value F1 {_pct(m['all']['value_f1'])}**"),
    ("ecbplus", "event coreference", "ECB+ dev topics, gold mentions", _coref),
    ("throughput_workers", "ingest throughput", "{texts} ECB+ texts, whole pipeline, 2 cores",
     lambda m: f"**{m['newsline_x2']['articles_per_s']:.1f} articles/s** with 2 workers "
               f"({m['wall_ratio_to_nlp_pipe_x2']:.2f}x spaCy `nlp.pipe`'s wall time on 2 processes; "
               f"{m['newsline_x1']['articles_per_s']:.1f} with 1)"),
    ("throughput", "throughput", "{full[articles]} mixed articles, whole pipeline",
     lambda m: f"{m['full']['articles_per_s']:.1f} articles/s, {m['full']['peak_rss_mb']:.0f} MB peak"),
]


def headline_table(scorecard: dict[str, Any]) -> str:
    lines = ["| capability | measured on | figure |", "|---|---|---|"]
    for scorer, capability, where, figure in ROWS:
        entry = scorecard.get("scorers", {}).get(scorer, {})
        if entry.get("status") != "ok":
            continue
        metrics = entry.get("metrics", {})
        try:
            lines.append(f"| {capability} | {where.format(**metrics)} | {figure(metrics)} |")
        except (KeyError, TypeError, ValueError):
            continue  # the scorer's figures moved: leave the row out rather than guess
    return "\n".join(lines)


def write_readme(table: str, readme: Path = README) -> bool:
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    new = pattern.sub(lambda _: f"{BEGIN}\n{table}\n{END}", text)
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    table = headline_table(json.loads(SCORECARD.read_text(encoding="utf-8")))
    if "--write" in sys.argv[1:]:
        print("README.md updated" if write_readme(table) else "README.md already up to date")
    else:
        print(table)
