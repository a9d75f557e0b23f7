"""The language layer on the five reference articles (quotes, quantities, name merging).

    .venv/bin/python -m bench.scorers.seeds_language

The seeds are ingested for real (``newsline.api.ingest`` into a temporary store, events off) and
their stored annotations are scored against:

* ``tests/data/nlp/seed_expectations.json`` — the speaker of every direct quote (precision and
  recall over (speaker, count) pairs), reported-speech speakers that must be found (recall), the
  quantities with their qualifiers, kinds, nouns and scopes (recall), undisclosed counts (recall),
  and which canonical name each family of spelling variants must merge into;
* ``gold.json`` events — every quantity the gold gives an event is looked for in the articles
  that report the event, with a compatible qualifier ("at least" accepts "more than": the gold
  note says those are compatible wordings of one term);
* ``gold.json`` event dates — the stored time expressions of the articles reporting an event are
  resolved against the article's gold publication date (for an undated article: against both ends
  of its gold window, and both must agree); the event's day must be the value of one of them, or
  its window must be one's earliest..latest, or, for a window
  that names a weekday, one must be that weekday inside the window. An event no expression dates (it is dated by the
  publication date alone) is listed under ``not_dated_by_text``.
"""
from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEEDS = (ROOT / ".." / "shared" / "corpora" / "seeds").resolve()
EXPECT = ROOT / "tests" / "data" / "nlp" / "seed_expectations.json"
COMPATIBLE = {"at least": {"at least", "more than"}, "exactly": {"exactly"}, None: None}


def annotate_seeds() -> dict[str, tuple[str, Any]]:
    """{seed key: (body, Annotations)} from a fresh ingest of the seed texts."""
    from newsline.api import ingest
    from newsline.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))], db=str(db), events=False)
        store = SQLiteStore(db)
        out = {Path(a.source).stem: (a.body, store.get_annotations(a.id)) for a in store.iter_articles()}
        store.close()
    return out


def _pr(tp: int, got: int, want: int) -> dict[str, float]:
    p = tp / got if got else 1.0
    r = tp / want if want else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score_quotes(seeds: dict, expect: dict) -> dict[str, Any]:
    direct_tp = direct_got = direct_want = reported_tp = reported_want = 0
    for key, (_, ann) in seeds.items():
        want = expect.get(key)
        if want is None:
            continue
        got = Counter(q.speaker for q in ann.quotes if q.kind in ("direct", "partial"))
        need = Counter(want["direct"])
        direct_tp += sum(min(got[s], n) for s, n in need.items())
        direct_got += sum(got.values())
        direct_want += sum(need.values())
        rep = Counter(q.speaker for q in ann.quotes if q.kind == "indirect")
        reported_tp += sum(min(rep[s], n) for s, n in want["reported"].items())
        reported_want += sum(want["reported"].values())
    return {"direct_attribution": _pr(direct_tp, direct_got, direct_want),
            "reported_speakers_recall": round(reported_tp / reported_want, 3) if reported_want else 1.0,
            "direct_quotes": direct_got}


def score_quantities(seeds: dict, expect: dict) -> dict[str, Any]:
    found = total = und_found = und_total = 0
    missing = []
    for key, (_, ann) in seeds.items():
        want = expect.get(key)
        if want is None:
            continue
        for q in want["quantities"]:
            total += 1
            if any(_matches(got, q) for got in ann.quantities):
                found += 1
            else:
                missing.append(f"{key[:3]}:{q['value']}")
        nouns = {x.noun for x in ann.quantities if x.kind == "undisclosed"}
        und_total += len(want["undisclosed"])
        und_found += len(set(want["undisclosed"]) & nouns)
    return {"expected_recall": round(found / total, 3) if total else 1.0, "expected": total,
            "undisclosed_recall": round(und_found / und_total, 3) if und_total else 1.0,
            "missing": ", ".join(missing)}


def _matches(got: Any, want: dict) -> bool:
    return (got.value == want["value"] and got.qualifier in want["qualifier"] and got.kind == want["kind"]
            and all(getattr(got, f) == want[f] for f in ("noun", "scope") if f in want))


def score_gold_events(seeds: dict) -> dict[str, Any]:
    """Recall of gold event quantities in the articles reporting the event."""
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    found = total = 0
    for event in gold["events"]:
        for q in event.get("quantities", []):
            total += 1
            ok = COMPATIBLE.get(q.get("qualifier"), {q.get("qualifier")})
            for source in event["sources"]:
                anns = seeds.get(source, (None, None))[1]
                if anns and any(x.value == q["value"] and (ok is None or x.qualifier in ok) for x in anns.quantities):
                    found += 1
                    break
    return {"recall": round(found / total, 3) if total else 1.0, "quantities": total}


def score_dates(seeds: dict) -> dict[str, Any]:
    """Gold event dates found among the resolved time expressions of the articles reporting them."""
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    found, missed = [], []
    for event in gold["events"]:
        if not (event.get("date") or event.get("date_window")):
            continue
        dated = any(_dates_event(event, seeds.get(source, (None, None))[1], gold["documents"].get(source, {}))
                    for source in event["sources"])
        (found if dated else missed).append(event["id"])
    total = len(found) + len(missed)
    return {"events_with_date": total, "dated_by_text": len(found),
            "recall": round(len(found) / total, 3) if total else 1.0, "not_dated_by_text": ", ".join(missed)}


def _dates_event(event: dict, ann: Any, meta: dict) -> bool:
    """Whether, at every gold anchor of the article, one of its time expressions dates the event."""
    from newsline.nlp.timex import resolve_timex

    window = meta.get("published_window") or {}
    anchors = [meta["published"]] if meta.get("published") else [a for a in (window.get("earliest"),
                                                                                window.get("latest")) if a]
    if ann is None or not anchors:
        return False
    for anchor in anchors:
        timexes = [resolve_timex(t, anchor) for t in ann.timexes]
        if not any(_fits(event, t) for t in timexes):
            return False
    return True


def _fits(event: dict, t: Any) -> bool:
    if event.get("date"):
        return (t.value or "")[:10] == event["date"]
    w = event["date_window"]
    if (t.earliest, t.latest) == (w["earliest"], w["latest"]):
        return True                               # "the weekend" is exactly the window
    if not w.get("weekday") or not t.earliest or t.earliest != t.latest:
        return False                              # any day inside a window would date nothing
    day = date.fromisoformat(t.earliest)          # "Thursday" in an undated article: any Thursday
    return w["earliest"] <= t.earliest <= w["latest"] and day.strftime("%A") == w["weekday"]


def score_merging(seeds: dict, expect: dict) -> dict[str, Any]:
    ok = total = 0
    for label, families in expect["_merged"].items():
        for fragment, canonical in families.items():
            total += 1
            names = {e.canonical for _, ann in seeds.values() for e in ann.entities
                     if e.label == label and fragment in e.canonical}
            ok += names == {canonical}
    return {"families_merged": ok, "families": total}


def run(quick: bool = False) -> dict[str, Any]:
    if not SEEDS.is_dir():
        return {"skipped": f"reference articles not found at {SEEDS}"}
    expect = json.loads(EXPECT.read_text(encoding="utf-8"))
    seeds = annotate_seeds()
    return {
        "articles": len(seeds),
        "quotes": score_quotes(seeds, expect),
        "quantities": score_quantities(seeds, expect),
        "gold_event_quantities": score_gold_events(seeds),
        "gold_event_dates": score_dates(seeds),
        "name_variants": score_merging(seeds, expect),
    }


if __name__ == "__main__":
    json.dump(run(quick="--quick" in sys.argv), sys.stdout, indent=2, ensure_ascii=False)
    print()
