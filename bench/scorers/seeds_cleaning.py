"""Cleaning + metadata on the five reference seeds, against their gold reading.

    python -m bench.run seeds_cleaning

Reads every seed ``.txt`` (with ``newsline.read.iter_documents`` when it is there, else the files
as plain text), cleans them in order in a fresh temporary store (so the repeat signal sees the
whole corpus, and ``Cleaner.finish`` runs once at the end), and compares with ``gold.json``:

- boilerplate: every gold boilerplate line must be removed (recall), and every block removed as
  boilerplate should be a gold boilerplate line (``false_removals`` lists the others);
- metadata lines: gold metadata lines removed with signal ``metadata``;
- body: the paragraph count equals gold ``body_paragraphs``, and every gold body line (the lines
  that are neither boilerplate nor metadata) is still in the body — whole, or with at most three
  leading header words taken off as metadata (``date 2025-06-26 <standfirst>``);
- fields: outlet, published, title, byline, url, standfirst. Gold 002's date comes from its copy
  004, which is the duplicates stage's job: at this stage 002 ``published`` is expected to be null
  and is scored so (``published_002_note``).

``only_repeats`` / ``only_cues`` repeat the boilerplate figures with one signal switched off.

``cues_on_unseen_gold_bodies`` runs the cue lists alone over the gold body paragraphs of those
181 pages: each hit is a body line a cue would remove on its own.

``unseen_html`` checks on pages newsline has never seen (the Zyte article-extraction benchmark,
181 news pages with their gold article text) that cleaning does not eat body text: the share of
gold word tokens present before cleaning (the reader's extracted text) and after (the clean body),
and precision the other way round. ``quick`` uses the first 40 pages.
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "corpora" / "seeds").resolve()
EXTRACTION = (REPO / ".." / "shared" / "benchmarks" / "article-extraction-benchmark").resolve()
FIELDS = ("outlet", "published", "title", "byline", "url", "standfirst")
#: gold values that other stages produce; scored as None here, with the reason
LATER_STAGE = {("002_f3eb3fcea81c4cc7", "published"): "from its syndicated copy 004: the duplicates stage"}


def _norm(text: str) -> str:
    from newsline.clean.blocks import normalise, unwrap_markup

    return normalise(unwrap_markup(text)[0])


def _documents(seeds: Path) -> list[tuple[str, Any]]:
    """``[(stem, RawDocument)]`` for the seed files, in name order."""
    from newsline.records import RawDocument

    paths = sorted(seeds.glob("*.txt"))
    try:
        from newsline.read import iter_documents
    except ImportError:
        iter_documents = None
    if iter_documents is None:
        docs = []
        for p in paths:
            raw = p.read_bytes()
            docs.append(RawDocument(source=str(p), text=raw.decode("utf-8"), fmt="text",
                                    raw_sha=hashlib.sha256(raw).hexdigest()))
    else:
        docs = [d for d in iter_documents([str(p) for p in paths]) if hasattr(d, "text")]
    return [(Path(d.source).stem, d) for d in docs]


def clean_seeds(seeds: Path = SEEDS) -> dict[str, Any]:
    """Clean the seeds in a fresh store; ``{stem: Article}`` after ``finish``."""
    from newsline.clean import Cleaner
    from newsline.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "seeds.db")
        cleaner = Cleaner(store)
        ids = {}
        for stem, doc in _documents(seeds):
            article = cleaner.clean(doc)
            store.put_article(article)
            ids[stem] = article.id
        cleaner.finish()
        articles = {stem: store.get_article(i) for stem, i in ids.items()}
        store.close()
    return articles


def _body_lines(raw: str, gold: dict[str, Any]) -> list[str]:
    excluded = {_norm(x) for x in gold["boilerplate_lines"] + gold["metadata_lines"]}
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    return [line for line in lines if _norm(line) not in excluded]


def _kept(line: str, body: str) -> bool:
    """The line is in the body whole, or with at most three leading header words taken off."""
    words = _norm(line).split()
    return any(" ".join(words[k:]) in body for k in range(min(4, len(words))))


def _in_body(line: str, body: str, paragraphs: set[str]) -> bool:
    """A short line ("Continue") is in the body only as a paragraph of its own; a long one anywhere."""
    return line in paragraphs or (len(line.split()) >= 5 and line in body)


def score_document(stem: str, article: Any, gold: dict[str, Any]) -> dict[str, Any]:
    """Per-document comparison (see module docstring)."""
    removed = {_norm(r.text): r for r in article.removed}
    body = _norm(article.body)
    boiler = [line for line in gold["boilerplate_lines"]]
    paragraphs = {_norm(p) for p in article.body.split("\n\n")}
    missed = [line for line in boiler if _norm(line) not in removed or _in_body(_norm(line), body, paragraphs)]
    gold_lines = {_norm(x) for x in gold["boilerplate_lines"] + gold["metadata_lines"]}
    false_removals = [r.text for r in article.removed if r.signal != "metadata" and _norm(r.text) not in gold_lines]
    meta_missed = [line for line in gold["metadata_lines"]
                   if _norm(line) not in removed or removed[_norm(line)].signal != "metadata"]
    lost = [line for line in _body_lines(article.raw, gold) if not _kept(line, body)]
    fields = {}
    for name in FIELDS:
        expected = None if (stem, name) in LATER_STAGE else gold.get(name)
        fields[name] = {"expected": expected, "got": getattr(article, name), "ok": getattr(article, name) == expected}
    return {"boilerplate_total": len(boiler), "boilerplate_missed": missed, "false_removals": false_removals,
            "metadata_total": len(gold["metadata_lines"]), "metadata_missed": meta_missed,
            "paragraphs": len([p for p in article.body.split("\n\n") if p.strip()]),
            "paragraphs_gold": gold["body_paragraphs"], "body_lines_lost": lost, "fields": fields}


def score_seeds(seeds: Path = SEEDS) -> dict[str, Any]:
    """All documents scored plus the totals the scorecard shows."""
    import json

    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))["documents"]
    articles = clean_seeds(seeds)
    docs = {stem: score_document(stem, articles[stem], g) for stem, g in gold.items() if stem in articles}
    totals = _totals(docs)
    totals["documents"] = docs
    return totals


def _totals(docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    boiler = sum(d["boilerplate_total"] for d in docs.values())
    missed = sum(len(d["boilerplate_missed"]) for d in docs.values())
    meta = sum(d["metadata_total"] for d in docs.values())
    meta_missed = sum(len(d["metadata_missed"]) for d in docs.values())
    out: dict[str, Any] = {
        "documents_scored": len(docs),
        "boilerplate_lines": boiler,
        "boilerplate_recall": round((boiler - missed) / boiler, 4) if boiler else 1.0,
        "false_removals": sum(len(d["false_removals"]) for d in docs.values()),
        "metadata_lines": meta,
        "metadata_recall": round((meta - meta_missed) / meta, 4) if meta else 1.0,
        "paragraph_counts_exact": sum(d["paragraphs"] == d["paragraphs_gold"] for d in docs.values()),
        "body_lines_lost": sum(len(d["body_lines_lost"]) for d in docs.values()),
    }
    for name in FIELDS:
        out[f"field_{name}_correct"] = sum(d["fields"][name]["ok"] for d in docs.values())
    out["fields_correct"] = sum(out[f"field_{n}_correct"] for n in FIELDS)
    out["fields_total"] = len(FIELDS) * len(docs)
    out["published_002_note"] = "gold 002 published comes from its copy 004 (duplicates stage); expected null here"
    return out


def ablation(signal: str, seeds: Path = SEEDS) -> dict[str, Any]:
    """Boilerplate recall and false removals with only one signal on: ``"repeat"`` or ``"cue"``.

    ``"repeat"`` switches the cue lists off; ``"cue"`` makes the store report no repeats.
    """
    from unittest import mock

    import newsline.clean.boilerplate as boilerplate
    import newsline.clean.cleaner as cleaner
    from newsline.store import SQLiteStore

    if signal == "repeat":
        patches = [mock.patch.object(cleaner, "match_cue", lambda block: None),
                   mock.patch.object(boilerplate, "has_weak_cue", lambda block: False)]
    else:
        patches = [mock.patch.object(SQLiteStore, "block_story_counts", lambda self, scope, fps: {})]
    for p in patches:
        p.start()
    try:
        result = score_seeds(seeds)
    finally:
        for p in patches:
            p.stop()
    return {"boilerplate_recall": result["boilerplate_recall"], "false_removals": result["false_removals"],
            "body_lines_lost": result["body_lines_lost"]}


def _tokens(text: str) -> "Counter[str]":
    from collections import Counter

    return Counter(re.findall(r"\w+", text.lower()))


def unseen_html(limit: int | None = None, folder: Path = EXTRACTION) -> dict[str, Any]:
    """Gold-token recall/precision of the reader's text vs the clean body (see module docstring)."""
    import json

    from newsline.clean import Cleaner
    from newsline.read import iter_documents
    from newsline.store import SQLiteStore

    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    paths = [str(folder / "html" / f"{key}.html.gz") for key in list(gold)[:limit]]
    sums = {"recall_before": 0.0, "recall_after": 0.0, "precision_before": 0.0, "precision_after": 0.0}
    pages = losing = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "unseen.db")
        cleaner = Cleaner(store)
        for doc in iter_documents(paths):
            if not hasattr(doc, "text"):
                continue
            article = cleaner.clean(doc)
            store.put_article(article)
            want = _tokens(gold[Path(doc.source).name.split(".")[0]]["articleBody"])
            before, after = _tokens(doc.text), _tokens(article.body)
            total = max(1, sum(want.values()))
            r_before, r_after = sum((want & before).values()) / total, sum((want & after).values()) / total
            sums["recall_before"] += r_before
            sums["recall_after"] += r_after
            sums["precision_before"] += sum((want & before).values()) / max(1, sum(before.values()))
            sums["precision_after"] += sum((want & after).values()) / max(1, sum(after.values()))
            losing += r_before - r_after > 0.02
            pages += 1
        cleaner.finish()
        store.close()
    out = {k: round(v / max(1, pages), 4) for k, v in sums.items()}
    out.update(pages=pages, pages_losing_over_2pct=losing)
    return out


def cue_hits_on_gold_bodies(folder: Path = EXTRACTION) -> dict[str, Any]:
    """How many gold body paragraphs of unseen pages a cue or credit label would remove on its own.

    The paragraphs are the benchmark's hand-extracted article bodies, so every hit is a body line a
    cue takes for boilerplate (or a credit the benchmark counts as body); ``examples`` shows them.
    """
    import json

    from newsline.clean.blocks import split_blocks
    from newsline.clean.cues import is_credit_label, match_cue

    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    blocks = hits = 0
    examples = []
    for item in gold.values():
        for block in split_blocks(item.get("articleBody") or ""):
            blocks += 1
            cue = match_cue(block)
            if cue is not None or is_credit_label(block):
                hits += 1
                examples.append(f"{cue.name if cue else 'credit label'}: {block.text[:60]}")
    return {"blocks": blocks, "hits": hits, "examples": " | ".join(examples)}


def run(quick: bool = False) -> dict[str, Any]:
    if not (SEEDS / "gold.json").is_file():
        return {"skipped": f"seeds not found at {SEEDS}"}
    result = score_seeds(SEEDS)
    result["only_repeats"] = ablation("repeat")
    result["only_cues"] = ablation("cue")
    if (EXTRACTION / "ground-truth.json").is_file():
        result["unseen_html"] = unseen_html(40 if quick else None)
        result["cues_on_unseen_gold_bodies"] = cue_hits_on_gold_bodies()
    # per-document details are lists/dicts: keep only the failures so the scorecard stays readable
    result["failures"] = {stem: {k: v for k, v in d.items() if k in ("boilerplate_missed", "false_removals",
                                 "metadata_missed", "body_lines_lost") and v}
                          | {f: x for f, x in d["fields"].items() if not x["ok"]}
                          for stem, d in result.pop("documents").items()}
    result["failures"] = {k: v for k, v in result["failures"].items() if v}
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
