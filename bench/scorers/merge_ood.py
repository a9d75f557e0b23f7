"""Cross-document event merging out of domain (``tests/data/events/merge_ood.json``): mini-stories
across beats (an order reported by three outlets, a state visit beside a possible summit and a
campaign rally, an acquisition announced and later completed, two resignations in one week ...).

Runs the product as a user would: every article of every story is ingested together into one
temporary SQLite store (``newsline.api.ingest``: extraction, dating, merging), then each gold
mention is found among the stored mentions (the mention whose trigger covers the annotated word)
and the stored events are scored against the gold events on those mentions: CoNLL F1 (MUC, B3,
CEAF-e; ``newsline.eval.coref_metrics``) and exact-event accuracy (a gold event whose found
mentions form exactly one stored event, with nothing else of the gold set in it). The baseline
clusters the same found mentions by trigger lemma inside each story (the story is given to the
baseline, not to the product, which also has to keep the stories apart).

    .venv/bin/python -m bench.run merge_ood
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "events" / "merge_ood.json"
URL = "https://news.example/{}"


def load_stories(path: Path = DATA) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["stories"]


def _write_corpus(stories: list[dict[str, Any]], folder: Path) -> Path:
    path = folder / "stories.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for story in stories:
            for a in story["articles"]:
                out.write(json.dumps({"text": a["text"], "published": a["published"], "outlet": a["outlet"],
                                      "url": URL.format(a["key"])}) + "\n")
    return path


def _offset(body: str, word: str, n: int) -> int | None:
    hits = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", body)]
    return hits[n - 1] if len(hits) >= n else None


def found_mentions(stories: list[dict[str, Any]], store: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """Gold mention id -> the stored mention on its word, or on one of its words when the gold
    gives the words of a predicate ("signed an order", "found guilty"); None when not extracted.
    Also gold mention id -> its gold event id. Gold mention ids are ``story/event#i``."""
    articles = {a.url: a for a in store.iter_articles()}
    by_article: dict[str, list[Any]] = {}
    for m in store.iter_mentions():
        by_article.setdefault(m.article_id, []).append(m)
    found, gold = {}, {}
    for story in stories:
        for event in story["events"]:
            for i, (key, word, *rest) in enumerate(event["mentions"]):
                gid = f"{story['id']}/{event['id']}#{i}"
                gold[gid] = f"{story['id']}/{event['id']}"
                article = articles.get(URL.format(key))
                words = [word] if isinstance(word, str) else word   # the words of one predicate
                spots = [_offset(article.body, w, rest[0] if rest else 1) for w in words] if article else []
                found[gid] = next((m for at in spots if at is not None for m in by_article.get(article.id, [])
                                   if m.trigger.start <= at < m.trigger.end), None)
    return found, gold


def _lemma(m: Any, body: str) -> str:
    lemma = next((a.value for a in m.arguments if a.role == "lemma"), None)
    return str(lemma or body[m.trigger.start:m.trigger.end]).lower()


def score_clusters(gold: dict[str, str], response: dict[str, str]) -> dict[str, Any]:
    """CoNLL F1 and exact-event accuracy of ``response`` (mention -> cluster label) against
    ``gold`` (mention -> gold event), both over the same mentions."""
    from newsline.eval.coref_metrics import evaluate

    def clusters(labels: dict[str, str]) -> list[frozenset]:
        out: dict[str, set] = {}
        for mention, label in labels.items():
            out.setdefault(label, set()).add(mention)
        return [frozenset(c) for c in out.values()]
    key, resp = clusters(gold), clusters(response)
    scores = evaluate(key, resp)
    exact = sum(1 for c in key if c in resp)
    return {"conll_f1": round(100 * scores["conll_f1"], 1),
            **{f"{m}_f1": round(100 * scores[m]["f1"], 1) for m in ("muc", "b3", "ceaf_e")},
            "exact_events": exact, "gold_events": len(key), "exact_event_accuracy": round(exact / len(key), 3) if key else 0.0}


def score_store(stories: list[dict[str, Any]], store: Any) -> dict[str, Any]:
    found, gold = found_mentions(stories, store)
    event_of = {mid: e.id for e in store.iter_events() for mid in e.mentions}
    bodies = {a.id: a.body for a in store.iter_articles()}
    matched = {gid: m for gid, m in found.items() if m is not None}
    gold_matched = {gid: gold[gid] for gid in matched}
    product = {gid: event_of.get(m.id, "unmerged:" + m.id) for gid, m in matched.items()}
    baseline = {gid: gold[gid].split("/")[0] + "|" + _lemma(m, bodies[m.article_id]) for gid, m in matched.items()}
    missing = sorted(gid for gid, m in found.items() if m is None)
    wrong = sorted({gold[gid] for gid in matched} - {gold[g] for g in matched
                                                      if _exact(g, gold_matched, product)})
    return {"stories": len(stories), "gold_mentions": len(found), "found_mentions": len(matched),
            "product": score_clusters(gold_matched, product), "lemma_baseline": score_clusters(gold_matched, baseline),
            "not_extracted": missing, "events_not_exact": wrong}


def _exact(gid: str, gold: dict[str, str], response: dict[str, str]) -> bool:
    mine = {g for g in gold if gold[g] == gold[gid]}
    theirs = {g for g in response if response[g] == response[gid]}
    return mine == theirs


def run(quick: bool = False) -> dict[str, Any]:
    from newsline import api
    from newsline.store.sqlite import open_store

    stories = load_stories()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _write_corpus(stories, Path(tmp))
        db = Path(tmp) / "merge.db"
        api.ingest([str(corpus)], db=str(db), workers=1)
        store = open_store(db)
        try:
            return score_store(stories, store)
        finally:
            store.close()


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
