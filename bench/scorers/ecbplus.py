"""ECB+ cross-document event coreference on the dev topics (2, 5, 12, 18, 21, 23, 34, 35).

Scores the product's own matcher and clusterer (``events/matcher.py``, ``events/cluster.py``
with the shipped ``data/coref/model.json``, trained on the ECB+ training topics only) with gold
mentions, end to end with the product's pipeline (``predicted``: its own extraction, dating and
merging) and on a verb/eventive-noun detector's mentions (``detector``, a detection baseline),
beside the lemma-match baseline. When the optional ``semantic`` extra is
installed, the semantic model (``data/coref/model_semantic.json``, sentence-embedding features)
is scored too, under ``semantic_gold`` / ``semantic_predicted``; ``coref_model`` says which model
the unprefixed figures come from (always ``base``). The test topics (36-45) are never read.
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
    out: dict = {"coref_model": result["coref_model"]}
    for system in ("model", "lemma_baseline", "lemma_baseline_gold_subtopics"):
        scores = result[system]
        out[system] = {"conll_f1": scores["conll_f1"],
                       **{f"{m}_f1": scores[m]["f1"] for m in ("muc", "b3", "ceaf_e")}}
    for key in ("gold_mentions", "response_mentions", "matched_mentions", "document_clusters", "gold_subtopics",
                "threshold"):
        out[key] = result[key]
    return out


def run(quick: bool = False) -> dict:
    from newsline.events.coref import load_model, semantic_available
    from newsline.eval.coref_eval import evaluate_ecbplus

    if not ECBPLUS.is_dir():
        return {"skipped": f"ECB+ not found at {ECBPLUS}"}
    topics = QUICK if quick else DEV
    out: dict = {"topics": ",".join(topics), "semantic_extra": semantic_available()}
    models = {"": load_model(semantic=False)}
    if semantic_available():
        models["semantic_"] = load_model(semantic=True)
    for prefix, model in models.items():
        for mentions in ("gold", "predicted", "detector"):
            out[prefix + mentions] = _flat(evaluate_ecbplus(ECBPLUS, topics, mentions=mentions, model=model))
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
