"""Syndication benchmark: real ECB+ news texts, programmatic copies, same-event hard negatives.

    .venv/bin/python -m bench.dedup_syndication            # sweep + chosen settings, prints JSON
    .venv/bin/python -m bench.dedup_syndication --quick    # 200 originals, smaller sweep
    .venv/bin/python -m bench.dedup_syndication --shingles 3,4,5,6,7 --perms 64,128,256 \
        --candidate-thresholds 0.3                         # the grid in the README (duplicates section)

Originals are the ECB+ documents in ``../shared/benchmarks/ecbplus/ECB+`` (text rebuilt from the
token XML, headline = first sentence, paragraphs of two or three sentences). For a sample of them
one copy is made per kind of change an outlet makes when it republishes a wire story (see
``CHANGES``), plus a ``combined`` copy with all of them. Hard negatives come for free: every ECB+
sub-topic holds several independent reports of the same event (``1_1ecb`` vs ``1_2ecb``), and the
boilerplate copies of different stories share the same outlet boilerplate.

Gold: a copy belongs with its original and its sibling copies; nothing else belongs together.
Scored pairwise over predicted clusters (precision, recall, F1): once on the whole corpus, and once
per kind of change on the originals plus only that kind's copies (see :func:`run_chosen`).
No text is written anywhere: everything is rebuilt from ../shared at run time.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations, product
from pathlib import Path

from newsline.dedup.cluster import connected_components, elect_canonical
from newsline.dedup.memory import Candidate, candidate_pairs, cluster_texts, decide
from newsline.dedup.minhash import DedupParams, Fingerprinter
from newsline.dedup.shingles import normal_words
from newsline.dedup.update import fingerprint_many

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
ECB = SHARED / "benchmarks" / "ecbplus" / "ECB+"

# Blocks an outlet wraps around a syndicated story (written for this benchmark). Three outlets,
# so copies of different stories share boilerplate: a hard negative for containment.
OUTLET_BOILERPLATE = [
    ["Sign up for our morning briefing and get the stories that matter delivered to your inbox "
     "every weekday. You can unsubscribe at any time. Read our privacy policy.",
     "Support independent journalism. Our reporting is free to read because readers like you "
     "chip in. Every contribution, however big or small, keeps our newsroom going. Donate today."],
    ["Follow us on Facebook, Twitter and Instagram for the latest updates.",
     "This article was originally published by a partner agency and is republished with "
     "permission. Copyright belongs to its owner; all rights reserved. Terms of use apply."],
    ["Advertisement", "Related coverage: more stories from our world desk, updated around the clock.",
     "Comments are closed for this story. Have a news tip? Contact our newsroom by email or "
     "through our secure form."],
]
EDIT_SENTENCES = ["The agency did not immediately respond to a request for comment.",
                  "More details were expected later in the day.",
                  "Officials said the situation was being monitored closely."]
QUOTE_STYLES = [("“", "”", "’"), ('"', '"', "'"), ("«", "»", "'")]


@dataclass(slots=True)
class Doc:
    name: str
    subtopic: str
    headline: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join([self.headline, *self.paragraphs])


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = text.replace("``", "“").replace("''", "”")
    text = re.sub(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|”)", r"\1", text)
    text = re.sub(r"([(\[{$“]) ", r"\1", text)
    return text


def load_ecb(limit: int | None = None) -> list[Doc]:
    """ECB+ documents as headline + paragraphs (URL-only sentences dropped)."""
    docs = []
    for path in sorted(ECB.glob("*/*.xml")):
        sentences: dict[int, list[str]] = defaultdict(list)
        for tok in ET.parse(path).getroot().iter("token"):
            sentences[int(tok.get("sentence"))].append(tok.text or "")
        lines = [_detokenize(t) for _, t in sorted(sentences.items())]
        lines = [s for s in lines if s and not re.match(r"^https?\s*:", s)]
        if len(lines) < 3:
            continue
        rng = random.Random(path.name)
        paragraphs, rest = [], lines[1:]
        while rest:
            step = rng.choice((2, 3))
            paragraphs.append(" ".join(rest[:step]))
            rest = rest[step:]
        topic, rest_name = path.stem.split("_", 1)
        sub = f"{topic}_{'ecbplus' if rest_name.endswith('ecbplus') else 'ecb'}"
        docs.append(Doc(path.stem, sub, lines[0], paragraphs))
    return docs[:limit] if limit else docs


# -- the kinds of change -------------------------------------------------------------------
def add_boilerplate(doc: Doc, rng: random.Random) -> Doc:
    blocks = OUTLET_BOILERPLATE[rng.randrange(len(OUTLET_BOILERPLATE))]
    return Doc(doc.name, doc.subtopic, doc.headline, [blocks[0], *doc.paragraphs, *blocks[1:]])


def restyle_quotes(doc: Doc, rng: random.Random) -> Doc:
    left, right, apos = QUOTE_STYLES[rng.randrange(1, len(QUOTE_STYLES))]

    def restyle(text: str) -> str:
        text = text.replace("“", left).replace("”", right).replace("'", apos).replace("’", apos)
        return text.replace(" - ", " — ").replace("--", "—")
    return Doc(doc.name, doc.subtopic, restyle(doc.headline), [restyle(p) for p in doc.paragraphs])


def rewrap(doc: Doc, rng: random.Random) -> Doc:
    width = rng.randrange(55, 80)
    merged = [" ".join(doc.paragraphs[i:i + 2]) for i in range(0, len(doc.paragraphs), 2)]
    wrapped = ["\n".join(re.findall(rf".{{1,{width}}}(?:\s|$)", p)) for p in merged]
    return Doc(doc.name, doc.subtopic, doc.headline, [w.strip() for w in wrapped])


def trim_lead(doc: Doc, rng: random.Random) -> Doc:
    cut = 1 if len(doc.paragraphs) > 3 else 0
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", doc.paragraphs[0]) if not cut else []
    paragraphs = doc.paragraphs[cut:] if cut else [" ".join(first[1:]) or first[0], *doc.paragraphs[1:]]
    return Doc(doc.name, doc.subtopic, doc.headline, paragraphs)


def edit_sentences(doc: Doc, rng: random.Random) -> Doc:
    paragraphs = list(doc.paragraphs)
    for _ in range(min(3, len(paragraphs))):
        i = rng.randrange(len(paragraphs))
        words = paragraphs[i].split()
        if len(words) > 6:
            j = rng.randrange(len(words))
            words[j] = rng.choice(["reportedly", "officials", "on Monday", "several"])
        paragraphs[i] = " ".join(words)
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), rng.choice(EDIT_SENTENCES))
    return Doc(doc.name, doc.subtopic, doc.headline, paragraphs)


def change_headline(doc: Doc, rng: random.Random) -> Doc:
    words = [w for w in re.findall(r"\w+", doc.headline) if len(w) > 3]
    rng.shuffle(words)
    return Doc(doc.name, doc.subtopic, "UPDATE: " + " ".join(words[:6]).title(), doc.paragraphs)


CHANGES = {
    "boilerplate": [add_boilerplate], "quotes": [restyle_quotes], "rewrap": [rewrap],
    "lead_trimmed": [trim_lead], "sentence_edit": [edit_sentences], "headline": [change_headline],
    "combined": [trim_lead, edit_sentences, change_headline, restyle_quotes, add_boilerplate, rewrap],
}


def build_corpus(docs: list[Doc], n_copied: int, seed: int = 7) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(texts by id, gold origin by id, kind by id) for originals and their copies."""
    rng = random.Random(seed)
    texts, origin, kind = {}, {}, {}
    for doc in docs:
        texts[doc.name], origin[doc.name], kind[doc.name] = doc.text, doc.name, "original"
    for doc in rng.sample(docs, min(n_copied, len(docs))):
        for name, steps in CHANGES.items():
            copy = doc
            for step in steps:
                copy = step(copy, rng)
            cid = f"{doc.name}~{name}"
            texts[cid], origin[cid], kind[cid] = copy.text, doc.name, name
    return texts, origin, kind


# -- scoring -------------------------------------------------------------------------------
def _f1(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(pair)) for g in groups for pair in combinations(g, 2)}


def score(groups: list[list[str]], origin: dict[str, str], kind: dict[str, str],
          subtopic: dict[str, str]) -> dict:
    """Pairwise P/R/F1 of predicted clusters over the documents in ``origin``, and the false
    merges, among them those of same-event reports (same ECB+ sub-topic)."""
    by_origin: dict[str, list[str]] = defaultdict(list)
    for aid, o in origin.items():
        by_origin[o].append(aid)
    gold, pred = _pairs(list(by_origin.values())), _pairs(groups)
    false = pred - gold
    return {"overall": _f1(len(gold & pred), len(pred), len(gold)), "false_pairs": len(false),
            "false_same_event": sum(1 for a, b in false if subtopic[origin[a]] == subtopic[origin[b]]),
            "false_among_originals": sorted(f"{a}={b}" for a, b in false
                                            if kind[a] == kind[b] == "original")}


@dataclass(slots=True)
class Setup:
    texts: dict[str, str]
    origin: dict[str, str]
    kind: dict[str, str]
    subtopic: dict[str, str]


def sentence_overlap(a: Doc, b: Doc) -> float:
    """Share of the shorter document's sentences (5+ words, normal form) found in the other.

    Independent of shingling on purpose: it decides which ECB+ originals are themselves
    republished versions of one wire text, and so cannot serve as independent hard negatives.
    """
    def sentences(d: Doc) -> set[str]:
        parts = (s for p in [d.headline, *d.paragraphs] for s in re.split(r"(?<=[.!?])\s+", p))
        return {w for w in (" ".join(normal_words(s)) for s in parts) if len(w.split()) >= 5}
    x, y = sentences(a), sentences(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def independent_originals(docs: list[Doc], max_overlap: float = 0.2) -> tuple[list[Doc], list[tuple]]:
    """Keep, per sub-topic, only documents sharing < ``max_overlap`` of sentences with a kept one.

    Returns (kept documents, the overlapping same-sub-topic pairs with their overlap).
    """
    kept, overlapping = [], []
    by_sub: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_sub[doc.subtopic].append(doc)
    for group in by_sub.values():
        for a, b in combinations(group, 2):
            v = sentence_overlap(a, b)
            if v >= max_overlap:
                overlapping.append((a.name, b.name, round(v, 2)))
        dropped = {b for a, b, _ in overlapping if a in {d.name for d in group}}
        kept.extend(d for d in group if d.name not in dropped)
    return kept, overlapping


def make_setup(quick: bool) -> Setup:
    docs, _ = independent_originals(load_ecb())
    texts, origin, kind = build_corpus(docs, 200 if quick else len(docs))
    return Setup(texts, origin, kind, {d.name: d.subtopic for d in docs})


def evaluate(setup: Setup, cands: list[Candidate], params: DedupParams, exact: bool) -> dict:
    edges = [(c.a, c.b) for c in cands if decide(c, params, exact)]
    groups = [g for g in connected_components(setup.texts, edges) if len(g) > 1]
    return score(groups, setup.origin, setup.kind, setup.subtopic)


def sweep(setup: Setup, shingles=(3, 4, 5, 6, 7), perms=(64, 128, 256), jaccards=(0.3, 0.4, 0.5, 0.6, 0.7),
          containments=(0.5, 0.6, 0.7, 0.8, 0.9, 1.01), candidate_thresholds=(0.2, 0.3)) -> list[dict]:
    """Every combination, scored; ``containment`` 1.01 means the containment rule is off."""
    rows = []
    items = list(setup.texts.items())
    gold = _pairs([[a for a in setup.origin if setup.origin[a] == o] for o in set(setup.origin.values())])
    for k, p, candidate_threshold in product(shingles, perms, candidate_thresholds):
        base = DedupParams(shingle=k, num_perm=p, candidate_threshold=candidate_threshold)
        fpr = Fingerprinter(base)
        start = time.perf_counter()
        cands = candidate_pairs(fpr, fingerprint_many(fpr, items), setup.texts)
        seconds = time.perf_counter() - start
        print(f"shingle {k}, num_perm {p}, candidates at {candidate_threshold}: {len(cands)} "
              f"candidates in {seconds:.1f}s", file=sys.stderr, flush=True)
        lsh_recall = len(gold & {tuple(sorted((c.a, c.b))) for c in cands}) / len(gold)
        for j, c, exact in product(jaccards, containments, (False, True)):
            params = DedupParams(shingle=k, num_perm=p, candidate_threshold=candidate_threshold,
                                 jaccard=j, containment=c)
            result = evaluate(setup, cands, params, exact)
            rows.append({"shingle": k, "num_perm": p, "candidate_threshold": candidate_threshold,
                         "bands": list(fpr.bands), "jaccard": j,
                         "containment": c, "verify": "exact" if exact else "minhash",
                         "candidates": len(cands), "lsh_recall": round(lsh_recall, 4),
                         "seconds": round(seconds, 2), **result["overall"],
                         "false_same_event": result["false_same_event"]})
    return rows


def subset(setup: Setup, kinds: set[str]) -> Setup:
    """The originals plus only the copies of the given kinds of change."""
    ids = [i for i, k in setup.kind.items() if k in kinds]
    return Setup({i: setup.texts[i] for i in ids}, {i: setup.origin[i] for i in ids},
                 {i: setup.kind[i] for i in ids}, setup.subtopic)


# Copies that lack part of the story or carry another outlet's text: never the canonical copy.
INCOMPLETE = {"lead_trimmed", "boilerplate", "combined"}


def canonical_choices(groups: list[list[str]], setup: Setup, params: DedupParams) -> dict:
    """How often the canonical copy the product elects is a complete one: the original or a copy
    that only restyled, rewrapped, retitled or edited it, never one in ``INCOMPLETE``."""
    order = {aid: i for i, aid in enumerate(setup.texts)}
    judged = complete = 0
    for group in groups:
        if not any(setup.kind[m] == "original" for m in group):
            continue
        canonical = elect_canonical(group, setup.texts, params, lambda m: 0, order)
        judged += 1
        complete += setup.kind[canonical] not in INCOMPLETE
    return {"clusters": judged, "canonical_complete": round(complete / judged, 4) if judged else None}


def score_texts(setup: Setup, params: DedupParams) -> dict:
    """The product's own clustering (:func:`newsline.dedup.memory.cluster_texts`), scored, with
    the canonical copy it elects per cluster."""
    _, groups = cluster_texts(list(setup.texts.items()), params)
    result = score(groups, setup.origin, setup.kind, setup.subtopic)
    result["canonical_complete"] = canonical_choices(groups, setup, params)["canonical_complete"]
    return result


def run_chosen(setup: Setup, params: DedupParams | None = None) -> dict:
    """The shipped settings (data/dedup/params.json) on the whole corpus, and per kind of change.

    ``overall``: every original and all its copies at once (copy-to-copy pairs count too).
    ``by_change``: one run per kind, on the originals plus only the copies of that kind, so a
    kind's figure is not mixed with how the other kinds fare; each run still holds every
    original, so every same-event report is a chance for a false merge.
    """
    params = params or DedupParams.load()
    start = time.perf_counter()
    result = score_texts(setup, params)
    result["seconds"] = round(time.perf_counter() - start, 2)
    result["by_change"] = {}
    for name in CHANGES:
        part = score_texts(subset(setup, {"original", name}), params)
        result["by_change"][name] = {**part["overall"], "false_same_event": part["false_same_event"],
                                     "canonical_complete": part["canonical_complete"]}
    result["settings"] = {"shingle": params.shingle, "num_perm": params.num_perm,
                          "bands": list(Fingerprinter(params).bands), "jaccard": params.jaccard,
                          "containment": params.containment, "min_shingles": params.min_shingles,
                          "verify": params.verify}
    result["documents"] = len(setup.texts)
    result["originals"] = sum(1 for k in setup.kind.values() if k == "original")
    result["copies"] = result["documents"] - result["originals"]
    return result


def natural_check(params: DedupParams | None = None, copy_at: float = 0.7, distinct_below: float = 0.1) -> dict:
    """How the shipped settings treat the versions ECB+ itself holds of one wire text.

    Same-sub-topic pairs of ECB+ originals: sharing >= ``copy_at`` of their sentences counts as
    a republished copy, < ``distinct_below`` as independent reporting; in between is not scored.
    """
    docs = load_ecb()
    _, groups = cluster_texts([(d.name, d.text) for d in docs], params)
    joined = _pairs(groups)
    by_name = {d.name: d for d in docs}
    copies, distinct = set(), set()
    for a, b in combinations(sorted(by_name), 2):
        if by_name[a].subtopic != by_name[b].subtopic:
            continue
        v = sentence_overlap(by_name[a], by_name[b])
        (copies if v >= copy_at else distinct if v < distinct_below else set()).add((a, b))
    return {"copy_pairs": len(copies), "copies_joined": len(copies & joined),
            "distinct_pairs": len(distinct), "distinct_joined": len(distinct & joined),
            "missed": sorted(f"{a}={b}" for a, b in copies - joined)}


def _numbers(text: str, kind=float) -> tuple:
    return tuple(kind(x) for x in text.split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 copied originals, smaller grid")
    parser.add_argument("--shingles", type=lambda t: _numbers(t, int), help="e.g. 3,4,5,6,7")
    parser.add_argument("--perms", type=lambda t: _numbers(t, int), help="e.g. 64,128,256")
    parser.add_argument("--candidate-thresholds", type=_numbers, default=(0.2, 0.3), help="e.g. 0.2,0.3")
    parser.add_argument("--out", default="bench/results/dedup_sweep.json")
    args = parser.parse_args()
    setup = make_setup(args.quick)
    rows = sweep(setup, shingles=args.shingles or ((3, 5, 7) if args.quick else (3, 4, 5, 6, 7)),
                 perms=args.perms or ((64, 128) if args.quick else (64, 128, 256)),
                 candidate_thresholds=args.candidate_thresholds)
    rows.sort(key=lambda r: (-r["f1"], r["num_perm"], r["verify"] != "minhash"))
    chosen = run_chosen(setup)
    chosen["ecb_natural_copies"] = natural_check()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"chosen": chosen, "sweep": rows}, indent=1))
    print(json.dumps({"chosen": chosen, "top": rows[:15]}, indent=1))


if __name__ == "__main__":
    main()
