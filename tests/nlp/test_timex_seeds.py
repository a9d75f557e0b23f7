"""The reference articles (../shared/corpora/seeds): every date the text can fix resolves right
once the publication date (or the date gold.json infers) is known."""
from __future__ import annotations

import json

import pytest

from newsline.nlp.timex import extract_timexes, resolve_timex

# (seed prefix, anchor, [(expression, occurrence, value, earliest, latest)], [not time expressions])
SEEDS = [
    ("000", "2025-06-26", [
        ("Thursday", 0, "2025-06-26", None, None),
        ("June 2", 0, "2025-06-02", None, None),
        ("2022", 0, "2022", "2022-01-01", "2022-12-31"),
        ("2022", 1, "2022", None, None),
        ("Thursday", 1, "2025-06-26", None, None),
    ], ["1,000"]),
    ("001", "2025-06-26", [
        ("earlier this month", 0, "2025-06", "2025-06-01", "2025-06-26"),
        ("the early months of Russia’s 2022", 0, "2022", "2022-01-01", "2022-05-02"),
    ], ["monthly"]),
    ("002", "2025-06-12", [
        ("Thursday", 0, "2025-06-12", None, None),
        ("last week", 0, "2025-W23", "2025-06-02", "2025-06-08"),
        ("Wednesday", 0, "2025-06-11", None, None),
    ], ["25", "59", "1,000", "1,212", "monthly", "Monthly"]),
    ("003", "2025-06-12", [
        ("Tuesday", 0, "2025-06-10", None, None),
        ("last week", 0, "2025-W23", "2025-06-02", "2025-06-08"),
        ("Monday", 0, "2025-06-09", None, None),
        ("the weekend", 0, "2025-W23-WE", "2025-06-07", "2025-06-08"),
    ], ["25", "1,000", "6,000", "monthly"]),
    ("003", "2025-06-10", [  # its earliest possible date: the swap day itself
        ("Tuesday", 0, "2025-06-10", None, None),
        ("Monday", 0, "2025-06-09", None, None),
        ("the weekend", 0, "2025-W23-WE", "2025-06-07", "2025-06-08"),
    ], []),
]


def _seed(seeds_dir, prefix):
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return path.stem, path.read_text(encoding="utf-8")


def _nth(text, timexes, expression, n):
    hits = [t for t in timexes if text[t.span.start:t.span.end] == expression]
    assert len(hits) > n, f"{expression!r} #{n} not found in {[text[t.span.start:t.span.end] for t in timexes]}"
    return hits[n]


@pytest.mark.parametrize("prefix,anchor,expected,absent", SEEDS, ids=[f"{s[0]}@{s[1]}" for s in SEEDS])
def test_seed_dates(seeds_dir, nlp, prefix, anchor, expected, absent):
    doc_id, text = _seed(seeds_dir, prefix)
    timexes = extract_timexes(text, doc_id, anchor, doc=nlp(text))
    for expression, n, value, earliest, latest in expected:
        t = _nth(text, timexes, expression, n)
        assert t.value == value, f"{expression!r}: {t.value} != {value}"
        assert earliest is None or t.earliest == earliest
        assert latest is None or t.latest == latest
    spans = {text[t.span.start:t.span.end] for t in timexes}
    assert not spans & set(absent)


def test_seed_published_dates_from_gold(seeds_dir, nlp):
    """Undated at extraction, then resolved with the date gold.json gives: same values."""
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))["documents"]
    for doc_id, meta in gold.items():
        if not meta.get("published"):
            continue
        text = (seeds_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        doc = nlp(text)
        direct = extract_timexes(text, doc_id, meta["published"], doc=doc)
        late = [resolve_timex(t, meta["published"]) for t in extract_timexes(text, doc_id, None, doc=doc)]
        assert [(t.span, t.value) for t in direct] == [(t.span, t.value) for t in late]
        assert all(t.value for t in direct if t.kind in ("DATE", "TIME"))
