"""Scoring time expressions against gold annotations (TempEval-3 task A definitions).

Definitions, as in the TempEval-3 entity scorer (UzZaman et al. 2013):

* strict span match: same start and end; relaxed match: the spans overlap;
* span precision = matched system timexes / system timexes, recall = matched gold / gold;
* attribute accuracy (type, value) = correct attributes / relaxed matches;
  attribute F1 = accuracy × relaxed F1. With one-to-one matching this equals the F1 of
  "timexes whose span overlaps a gold timex *and* whose value equals it exactly".

Pairs are formed greedily, one system timex per gold timex (largest overlap first), so a long
system span covering two gold timexes is credited once.
:func:`evaluate_tempeval` runs :func:`~newsline.nlp.timex.extract_timexes` on every ``.tml`` file
of a folder, anchored at each document's creation time, and scores it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .timeml import iter_timeml, read_timeml

__all__ = ["Gold", "Tally", "score_doc", "evaluate_tempeval"]


@dataclass(slots=True)
class Gold:
    """One gold (or system) time expression reduced to what is scored."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(slots=True)
class Tally:
    """Counts summed over documents; :meth:`metrics` turns them into P/R/F1 and accuracies."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int]:
        def prf(hit: int) -> tuple[float, float, float]:
            p = hit / self.system if self.system else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        vacc = self.value_ok / self.relaxed if self.relaxed else 0.0
        tacc = self.type_ok / self.relaxed if self.relaxed else 0.0
        vp, vr, vf = prf(self.value_ok)
        return {
            "gold": self.gold, "system": self.system,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_accuracy": vacc, "value_p": vp, "value_r": vr, "value_f1": vf,
            "type_accuracy": tacc, "type_f1": tacc * rf,
        }


def _overlap(a: Gold, b: Gold) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score_doc(gold: list[Gold], system: list[Gold], tally: Tally, doc_id: str = "") -> None:
    """Add one document's counts to ``tally`` (and its misses/errors to ``tally.errors``)."""
    tally.gold += len(gold)
    tally.system += len(system)
    pairs = sorted(((_overlap(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)
                    if _overlap(g, s) > 0), reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, s = gold[gi], system[si]
        tally.relaxed += 1
        tally.strict += (g.start, g.end) == (s.start, s.end)
        tally.value_ok += g.value == s.value
        tally.type_ok += g.type == s.type
        if g.value != s.value:
            tally.errors.append({"doc": doc_id, "error": "value", "gold": g.text, "gold_value": g.value,
                                 "system": s.text, "system_value": s.value})
    for gi, g in enumerate(gold):
        if gi not in used_g:
            tally.errors.append({"doc": doc_id, "error": "missed", "gold": g.text, "gold_value": g.value})
    for si, s in enumerate(system):
        if si not in used_s:
            tally.errors.append({"doc": doc_id, "error": "spurious", "system": s.text, "system_value": s.value})


def system_timexes(text: str, anchor: str | None, doc_id: str = "doc", *, doc: Any = None) -> list[Gold]:
    """Our extraction on ``text`` reduced to scored fields (value ``""`` when unresolved)."""
    from ..nlp.timex import extract_timexes

    return [Gold(t.span.start, t.span.end, t.kind, t.value or "", text[t.span.start:t.span.end])
            for t in extract_timexes(text, doc_id, anchor, doc=doc)]


def evaluate_tempeval(path: str | Path, *, keep_errors: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Score newsline's time expressions on a TimeML folder (or file) against its gold TIMEX3s.

    Each document is anchored at its creation time. Returns the metrics of :meth:`Tally.metrics`
    plus ``documents``, ``words``, ``seconds`` (timex step alone, parse excluded),
    ``words_per_second``; with ``keep_errors`` also ``errors`` (every miss, spurious and wrong value).
    ``limit`` scores only the first N files (sorted by path).
    """
    from ..nlp.timex import _nlp

    files = iter_timeml(path)[:limit]
    if not files:
        from ..errors import ConfigError

        raise ConfigError(f"no .tml files under {path}: give a TempEval-3 style TimeML folder")
    tally = Tally()
    words = 0
    spent = 0.0
    nlp = _nlp()
    for doc in (read_timeml(p) for p in files):
        parsed = nlp(doc.text)
        started = time.perf_counter()
        system = system_timexes(doc.text, doc.anchor, doc.doc_id, doc=parsed)
        spent += time.perf_counter() - started
        words += len(doc.text.split())
        gold = [Gold(t.start, t.end, t.type, t.value, t.text) for t in doc.timexes]
        score_doc(gold, system, tally, doc.doc_id)
    counts = {"strict": tally.strict, "relaxed": tally.relaxed, "value_ok": tally.value_ok, "type_ok": tally.type_ok}
    result: dict[str, Any] = {"documents": len(files), **tally.metrics(), "counts": counts, "words": words,
                              "seconds": round(spent, 3),
                              "words_per_second": round(words / spent) if spent else None}
    if keep_errors:
        result["errors"] = tally.errors
    return result
