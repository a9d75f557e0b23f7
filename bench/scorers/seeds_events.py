"""Events on the five reference articles against ``seeds/gold.json`` (per-event hits).

Runs the whole pipeline (``newsline.api.ingest``) on the seed ``*.txt`` files into a temporary
store, then matches each gold event to the best merged event of the mapped type and scores:
type, date (exact day or same window; "compatible" when they overlap; *invented* when we give a
day where gold only allows a window), actors, quantities (each gold value found), sources (same
article set) and independent origins. Also the dates given to the undated articles.

    .venv/bin/python -m bench.run seeds_events
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "seeds"

# gold's plain type names -> (our type, required mode prefix or None)
TYPE_MAP = {
    "talks": ("CONSULT", None), "agreement": ("AGREE", None), "accusation": ("ACCUSE", None),
    "prisoner_exchange": ("EXCHANGE_PRISONERS", None), "remains_repatriation": ("RETURN_REMAINS", None),
    "air_strike": ("ASSAULT", "aerial"), "territorial_capture": ("CAPTURE_TERRITORY", None),
    "accord_signed": ("SIGN_ACCORD", None),
}


def _bounds(date: str | None, window: dict | None) -> tuple[str, str] | None:
    if date:
        return date, date
    if window and (window.get("earliest") or window.get("latest")):
        # an open window ("before 2025-06-26", JSON null bound) is a window, not a missing date
        return window.get("earliest") or "0000-01-01", window.get("latest") or "9999-12-31"
    return None


def _date_result(gold: dict[str, Any], event: Any) -> str:
    g = _bounds(gold.get("date"), gold.get("date_window"))
    ours = _bounds(event.date, {"earliest": event.date_window.earliest, "latest": event.date_window.latest}
                   if event.date_window else None)
    if ours is None:
        return "missing"
    if ours == g:
        return "exact"
    if g[0] != g[1] and ours[0] == ours[1]:
        return "invented"
    return "compatible" if ours[0] <= g[1] and g[0] <= ours[1] else "wrong"


def _actors_ok(gold: dict[str, Any], event: Any) -> bool:
    names = set(event.actors) | set((event.details.get("affiliations") or {}).values())
    return all(any(g.split(",")[0].lower() in n.lower() or n.lower() in g.lower() for n in names)
               for g in gold.get("actors", []))


def _quantities_ok(gold: dict[str, Any], event: Any) -> bool:
    values = {q.get("value") for q in event.quantities}
    return all(q["value"] in values for q in gold.get("quantities", []))


def _type_ok(gold_type: str, event: Any) -> bool:
    our, mode = TYPE_MAP[gold_type]
    return event.type == our and (mode is None or (event.mode or "").startswith(mode))


def _match(gold: dict[str, Any], events: list[Any], ids: dict[str, str]) -> Any | None:
    rank = {"exact": 3, "compatible": 2, "invented": 1, "wrong": 0, "missing": 1}
    candidates = [e for e in events if _type_ok(gold["type"], e)]
    gold_sources = set(gold["sources"])

    def score(e: Any) -> tuple:
        ours = {ids.get(s, s) for s in e.sources}
        return rank[_date_result(gold, e)], len(ours & gold_sources) / len(ours | gold_sources)
    best = max(candidates, key=score, default=None)
    return best if best is not None and score(best)[1] > 0 else None


def _origins(gold: dict[str, Any], groups: list[list[str]]) -> int:
    if "independent_sources" in gold:
        return gold["independent_sources"]
    seen = set()
    for s in gold["sources"]:
        group = next((tuple(g) for g in groups if s in g), (s,))
        seen.add(group)
    return len(seen)


def _score_events(store: Any, gold: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    events = list(store.iter_events())
    per_event, totals = {}, {"found": 0, "date_exact": 0, "date_ok": 0, "invented_dates": 0, "actors": 0,
                             "quantities": 0, "sources": 0, "origins": 0}
    for g in gold["events"]:
        e = _match(g, events, ids)
        if e is None:
            per_event[g["id"]] = {"found": False}
            continue
        date = _date_result(g, e)
        row = {"found": True, "event": e.id, "date": date, "actors": _actors_ok(g, e),
               "quantities": _quantities_ok(g, e),
               "sources": {ids.get(s, s) for s in e.sources} == set(g["sources"]),
               "origins": e.independent_origins == _origins(g, gold["duplicate_groups"])}
        per_event[g["id"]] = row
        totals["found"] += 1
        totals["date_exact"] += date == "exact"
        totals["date_ok"] += date in ("exact", "compatible")
        totals["invented_dates"] += date == "invented"
        for key in ("actors", "quantities", "sources", "origins"):
            totals[key] += row[key]
    real = [e for e in events if e.context in ("asserted", "claimed")]
    matched = {r["event"] for r in per_event.values() if r.get("found")}
    return {"gold_events": len(gold["events"]), **totals, "events_total": len(events),
            "events_asserted_or_claimed": len(real), "unmatched_asserted_or_claimed": len([e for e in real if e.id not in matched]),
            "per_event": per_event}


def _score_dating(store: Any, gold: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    out = {}
    for article in store.iter_articles():
        gid = ids.get(article.id)
        g = gold["documents"].get(gid, {})
        if g.get("published") and article.published == g["published"]:
            out[gid] = "exact"
        elif g.get("published_window"):
            w = article.published_window
            ours = (article.published, article.published) if article.published else ((w.earliest, w.latest) if w else None)
            gw = (g["published_window"]["earliest"], g["published_window"]["latest"])
            out[gid] = "missing" if ours is None else ("exact" if ours == gw else
                        ("overlaps" if ours[0] <= gw[1] and gw[0] <= ours[1] else "wrong"))
        else:
            out[gid] = "wrong" if article.published else "missing"
    return out


def document_key(source: str, record: str = "") -> str:
    """The gold key of an article: the file stem, plus ``#record`` inside a container
    ("corpus/07_feed.jsonl", "line 1" -> "07_feed#line 1")."""
    stem = Path(source).name.split(".")[0]
    return f"{stem}#{record}" if record else stem


def score_corpus(paths: list[str], gold: dict[str, Any]) -> dict[str, Any]:
    """Ingest ``paths`` into a fresh store with the whole pipeline and score events and the dates
    of articles against ``gold`` (the shape of ``seeds/gold.json``)."""
    from newsline import api
    from newsline.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "corpus.db")
        api.ingest(paths, db=store)
        ids = {a.id: document_key(a.source, a.record) for a in store.iter_articles()}
        result = _score_events(store, gold, ids)
        result["article_dates"] = _score_dating(store, gold, ids)
        store.close()
    return result


def run(quick: bool = False) -> dict[str, Any]:
    if not SEEDS.is_dir():
        return {"skipped": f"no seeds at {SEEDS}"}
    gold = json.loads((SEEDS / "gold.json").read_text())
    return score_corpus(sorted(str(p) for p in SEEDS.glob("*.txt")), gold)
