"""ECB+ cross-document event coreference on the dev topics (2, 5, 12, 18, 21, 23, 34, 35).

Scores newsline's clustering (``events/coref.py`` with the shipped ``data/coref/model.json``,
trained on the ECB+ training topics only) with gold mentions and end to end with newsline's own
mention detection, beside the lemma-match baseline. The test topics (36-45) are never read.
Published CoNLL F1 with gold mentions (ECB+ test, GPU transformers unless noted): Barhom et al.
2019 79.5, Held et al. 2021 85.7; lemma baselines 62-76 depending on the setup.

    .venv/bin/python -m bench.run ecbplus           # or: newsline eval ecbplus DIR --format json
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ECBPLUS = (REPO / ".." / "shared" / "benchmarks" / "ecbplus").resolve()
DEV = ["2", "5", "12", "18", "21", "23", "34", "35"]
QUICK = ["2", "12"]


def _flat(result: dict) -> dict:
    out: dict = {}
    for system in ("model", "lemma_baseline", "lemma_baseline_gold_subtopics"):
        scores = result[system]
        out[system] = {"conll_f1": scores["conll_f1"],
                       **{f"{m}_f1": scores[m]["f1"] for m in ("muc", "b3", "ceaf_e")}}
    for key in ("gold_mentions", "response_mentions", "matched_mentions", "document_clusters", "gold_subtopics",
                "threshold"):
        out[key] = result[key]
    return out


def run(quick: bool = False) -> dict:
    from newsline.events.ecbplus import evaluate_ecbplus

    if not ECBPLUS.is_dir():
        return {"skipped": f"ECB+ not found at {ECBPLUS}"}
    topics = QUICK if quick else DEV
    out: dict = {"topics": ",".join(topics)}
    for mentions in ("gold", "predicted"):
        out[mentions] = _flat(evaluate_ecbplus(ECBPLUS, topics, mentions=mentions))
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
