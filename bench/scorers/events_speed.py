"""Cost of event extraction beside spaCy's ``nlp.pipe`` on the same texts, with and without the
sense model, and the trigger detection/typing figures of ``newsline train events``.

    .venv/bin/python -m bench.run events_speed [--quick]

Texts: TempEval-3 news articles (as in ``nlp_speed``). Per interleaved round, CPU seconds of:

* ``parse``: our pipeline's ``nlp.pipe`` over the texts (what extraction needs anyway);
* ``extract_lexicon``: ``extract_mentions`` on the parsed articles with the sense model off;
* ``extract_model``: the same with the packaged sense model (the default).

``overhead_*`` is the extraction's extra CPU time over the parse (median over rounds): the sense
model's own cost is ``overhead_model - overhead_lexicon``. The machine is shared: CPU time of this
process keeps the ratios meaningful.
"""
from __future__ import annotations

import statistics
import time
from typing import Any

from bench.scorers.nlp_speed import _articles, load_texts

QUICK_DOCS, FULL_DOCS, ROUNDS = 20, 60, 3


def _extract(layers: list[Any], use_model: bool) -> int:
    from newsline.events.extract import extract_mentions

    return sum(len(extract_mentions(layer, use_model=use_model)) for layer in layers)


def run(quick: bool = False) -> dict[str, Any]:
    from newsline.events.language import layer_from_text
    from newsline.nlp.model import load_nlp

    texts = load_texts(QUICK_DOCS if quick else FULL_DOCS)
    articles = _articles(texts)
    nlp = load_nlp()
    docs = list(nlp.pipe(texts))
    layers = [layer_from_text(a, d) for a, d in zip(articles, docs)]
    rounds = []
    counts = {}
    for _ in range(ROUNDS):
        r = {}
        start = time.process_time()
        list(nlp.pipe(texts))
        r["parse"] = time.process_time() - start
        for name, flag in (("extract_lexicon", False), ("extract_model", True)):
            start = time.process_time()
            counts[name] = _extract(layers, flag)
            r[name] = time.process_time() - start
        rounds.append(r)
    words = sum(len(t.split()) for t in texts)

    def med(key: str) -> float:
        return round(statistics.median(r[key] / r["parse"] for r in rounds), 3)
    return {"articles": len(texts), "words": words,
            "parse_words_per_cpu_s": round(words / min(r["parse"] for r in rounds)),
            "overhead_lexicon": med("extract_lexicon"), "overhead_model": med("extract_model"),
            "mentions_lexicon": counts["extract_lexicon"], "mentions_model": counts["extract_model"]}
