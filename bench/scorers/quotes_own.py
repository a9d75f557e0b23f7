"""Quote attribution on a small hand-checked set, beside a quote-mark baseline in the same run.

    .venv/bin/python -m bench.scorers.quotes_own            # JSON figures
    .venv/bin/python -m bench.scorers.quotes_own --errors   # also every miss and wrong speaker

The set (``tests/data/nlp/quotes/``) is 24 short news articles written for it by the quotes helper —
not third-party text, and written by the same hand as the code, so it is a regression check, not a
held-out measure. Six of them (``*_fresh_*``) were written, with their gold, after the rules were
fixed and were scored before any further change; ``fresh`` reports them alone. ``gold.json`` gives every attribution: direct and partial quotes, indirect
attributions (the reported content), scare quotes and titles/slogans (which are not quotes).

* **direct quotes**: gold direct + partial quotes against predicted direct + partial quotes; a match
  overlaps the shorter of the two spans by half or more (one to one, in text order).
* **speaker accuracy**: matched quotes whose predicted speaker is one of the gold wordings
  (case-folded, a leading article dropped); a gold null speaker (a transcript's "Q") wants none.
* **indirect**: gold indirect attributions against predicted ``indirect`` ones, same matching.
* **baseline**: every quoted span of four or more words is a direct quote; its speaker is the
  PERSON name nearest to it outside the quote; it finds no indirect attribution.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "data" / "nlp" / "quotes"
QUOTED = ("direct", "partial")


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    name = " ".join(name.replace("’", "'").split()).casefold()
    for article in ("the ", "a ", "an "):
        if name.startswith(article):
            name = name[len(article):]
    return name


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def match(gold: list[dict], got: list[tuple[int, int, str | None]]) -> list[tuple[dict, tuple | None]]:
    """Each gold item with the predicted (start, end, speaker) it matches, one to one."""
    used: set[int] = set()
    out = []
    for g in gold:
        hit = next((i for i, p in enumerate(got) if i not in used and _overlaps((g["start"], g["end"]), p[:2])), None)
        if hit is not None:
            used.add(hit)
        out.append((g, got[hit] if hit is not None else None))
    return out


def _speaker_ok(g: dict, speaker: str | None) -> bool:
    if g["speaker"] is None:
        return speaker is None
    return _norm(speaker) in {_norm(s) for s in g["speaker"]}


class Tally:
    def __init__(self) -> None:
        self.tp = self.got = self.want = self.speaker_ok = 0
        self.errors: list[str] = []

    def add(self, name: str, body: str, gold: list[dict], got: list[tuple[int, int, str | None]]) -> None:
        pairs = match(gold, got)
        self.want += len(gold)
        self.got += len(got)
        for g, p in pairs:
            if p is None:
                self.errors.append(f"{name}: missed {g['kind']} {g['text'][:60]!r}")
                continue
            self.tp += 1
            if _speaker_ok(g, p[2]):
                self.speaker_ok += 1
            else:
                self.errors.append(f"{name}: speaker {p[2]!r} for {g['text'][:50]!r}, want {g['speaker']}")
        matched = {p[:2] for _, p in pairs if p is not None}
        for p in got:
            if p[:2] not in matched:
                self.errors.append(f"{name}: spurious {body[p[0]:p[1]][:60]!r} ({p[2]})")

    def figures(self) -> dict[str, Any]:
        p = self.tp / self.got if self.got else 1.0
        r = self.tp / self.want if self.want else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold": self.want,
                "predicted": self.got, "speaker_accuracy": round(self.speaker_ok / self.tp, 3) if self.tp else None}


def _baseline(body: str, ann: Any) -> list[tuple[int, int, str | None]]:
    from newsline.nlp.quotes import find_quoted_spans

    persons = [e for e in ann.entities if e.label == "PERSON" and e.kind == "name"]
    out = []
    for s, e in find_quoted_spans(body):
        if len(body[s:e].split()) < 4:
            continue
        outside = [p for p in persons if p.span.end <= s or p.span.start >= e]
        near = min(outside, key=lambda p: s - p.span.end if p.span.end <= s else p.span.start - e, default=None)
        out.append((s, e, near.canonical if near else None))
    return out


def run(quick: bool = False, errors: bool = False) -> dict[str, Any]:
    gold = json.loads((SET / "gold.json").read_text(encoding="utf-8"))["articles"]
    out = score(gold, errors)
    fresh = {k: v for k, v in gold.items() if "_fresh_" in k}
    out["fresh"] = {"note": "the articles named *_fresh_*: written, with their gold, after the rules were fixed, "
                            "and scored before any change",
                    **{k: v for k, v in score(fresh).items() if k not in ("note", "errors")}}
    return out


def score(gold: dict[str, list[dict]], errors: bool = False) -> dict[str, Any]:
    from newsline.nlp import annotate_text, load_nlp

    nlp = load_nlp()
    tallies = {k: Tally() for k in ("direct", "indirect", "scare", "baseline_direct")}
    titles_taken = titles = 0
    for name, items in sorted(gold.items()):
        body = (SET / "articles" / name).read_text(encoding="utf-8")
        ann = annotate_text(body, nlp=nlp, article_id=name)
        pred = {k: [(q.span.start, q.span.end, q.speaker) for q in ann.quotes if q.kind in ks]
                for k, ks in (("direct", QUOTED), ("indirect", ("indirect",)), ("scare", ("scare",)))}
        want = {k: [g for g in items if g["kind"] in ks]
                for k, ks in (("direct", QUOTED), ("indirect", ("indirect",)), ("scare", ("scare",)))}
        for kind in ("direct", "indirect", "scare"):
            tallies[kind].add(name, body, want[kind], pred[kind])
        tallies["baseline_direct"].add(name, body, want["direct"], _baseline(body, ann))
        for g in (g for g in items if g["kind"] == "title"):
            titles += 1
            titles_taken += any(_overlaps((g["start"], g["end"]), p[:2]) for p in pred["direct"])
    out: dict[str, Any] = {
        "articles": len(gold),
        "note": "a set written by the same helper as the code: a regression check, not a held-out figure",
        "direct_quotes": tallies["direct"].figures(),
        "indirect": tallies["indirect"].figures(),
        "scare": tallies["scare"].figures(),
        "titles_taken_as_quotes": f"{titles_taken}/{titles}",
        "baseline": {"rule": "every quoted span of 4+ words; speaker = nearest PERSON name",
                     "direct_quotes": tallies["baseline_direct"].figures(), "indirect_recall": 0.0},
    }
    if errors:
        out["errors"] = {k: t.errors for k, t in tallies.items() if k != "baseline_direct"}
    return out


if __name__ == "__main__":
    json.dump(run(errors="--errors" in sys.argv), sys.stdout, indent=2, ensure_ascii=False)
    print()
