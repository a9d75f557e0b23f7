"""SemEval-2015 Task 4 (TimeLine) trial data, Track A style (raw text in, entity timelines out).

For each trial document we rebuild the text from its CAT tokens (so every trigger maps back to
``docid-sentence-token``), take the creation time from the TimeML DCT as publication date, run
newsline's event extraction (language layer + trigger lexicon) and, per target entity, keep the
mentions whose sentence names the entity (last word of the entity name, case-insensitive). Each
kept mention becomes a timeline entry anchored to its own date (or ``XXXX-XX-XX``).

The official scorer (temporal-awareness F1 over the ordering graph) is not redistributed; this
module computes the parts of it that do not need the graph closure: **mention P/R/F1** (entries
matched on ``docid-sentence-token``) and, over matched entries, **anchoring accuracy** (same
ISO date, or both unanchored). Published Track A systems reached F1 ≈ 7 with the official metric;
these figures are not directly comparable to that (stated in the README, events section).

    .venv/bin/python -m bench.run semeval_timeline
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks" / "semeval2015-task4-timeline"


def _doc_text(cat: Path) -> tuple[str, str, list[tuple[int, int, str]]]:
    """(doc id, text, [(char offset, sentence, token)]) from a CAT file."""
    root = ET.parse(cat).getroot()
    parts, index, pos = [], [], 0
    for tok in root.iter("token"):
        word = tok.text or ""
        index.append((pos, int(tok.get("sentence")), word))
        parts.append(word)
        pos += len(word) + 1
    return root.get("doc_id"), " ".join(parts), index


def _dct(docid: str) -> str | None:
    for path in (ROOT / "Corpus-trial-data_task4_TimeML").glob(f"{docid}*"):
        match = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([\d-]+)"', path.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return None


def _gold() -> dict[str, dict[str, str]]:
    out = {}
    for path in (ROOT / "TimeLines_trial_data_task4_v1.2").glob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = {}
        for line in lines[1:]:
            cols = line.split("\t")
            for mention in cols[2:]:
                entries[mention.strip()] = cols[1]
        out[lines[0].strip()] = entries
    return out


def _system(entities: list[str]) -> tuple[dict[str, dict[str, str]], list[str]]:
    from newsline.events.extract import extract_mentions
    from newsline.events.language import layer_from_text
    from newsline.dating.publication import date_given
    from newsline.records import Article

    out: dict[str, dict[str, str]] = {e: {} for e in entities}
    failed = []
    for cat in sorted((ROOT / "Corpus-trial-data_task4").glob("*.xml")):
        docid, text, index = _doc_text(cat)
        try:
            article = Article(id=docid, source=str(cat), body=text)
            date_given(article, _dct(docid), "document creation time")
            layer = layer_from_text(article)
            mentions = extract_mentions(layer)
        except Exception as exc:  # one broken document is reported, the others still count
            failed.append(f"{docid}: {type(exc).__name__}: {exc}")
            continue
        for m in mentions:
            if m.context == "generic":
                continue
            tok = next((t for t in index if t[0] == m.trigger.start), None)
            if tok is None:
                continue
            sentence = text[m.sentence.start:m.sentence.end].lower()
            for entity in entities:
                if entity.split()[-1].lower() in sentence:
                    out[entity][f"{docid}-{tok[1]}-{tok[2]}"] = m.date or "XXXX-XX-XX"
    return out, failed


def run(quick: bool = False) -> dict[str, Any]:
    if not ROOT.is_dir():
        return {"skipped": f"no SemEval-2015 Task 4 data at {ROOT}"}
    gold = _gold()
    system, failed = _system(list(gold))
    tp = fp = fn = anchored = 0
    per_entity = {}
    for entity, entries in gold.items():
        ours = system.get(entity, {})
        hit = set(entries) & set(ours)
        tp, fp, fn = tp + len(hit), fp + len(set(ours) - hit), fn + len(set(entries) - hit)
        anchored += sum(1 for k in hit if entries[k] == ours[k])
        per_entity[entity] = {"gold": len(entries), "system": len(ours), "matched": len(hit)}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"mention_precision": round(p, 4), "mention_recall": round(r, 4),
            "mention_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "anchoring_accuracy_on_matched": round(anchored / tp, 4) if tp else 0.0,
            "timelines": len(gold), "per_entity": per_entity, "docs_failed": failed,
            "note": "simplified Track A scoring (mentions + anchors), not the official graph metric"}
