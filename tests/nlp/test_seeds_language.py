"""The reference articles, ingested for real: quotes go to the right speakers, the gold quantities
are found with their qualifiers, name variants merge. Expectations: tests/data/nlp/seed_expectations.json."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "corpora" / "seeds").resolve()
EXPECT = json.loads((REPO / "tests" / "data" / "nlp" / "seed_expectations.json").read_text(encoding="utf-8"))
KEYS = sorted(k for k in EXPECT if not k.startswith("_"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """{seed key: (body, Annotations)} from a real ingest of the seed texts into a fresh store."""
    if not SEEDS.is_dir():
        pytest.skip(f"reference articles not found at {SEEDS}")
    from newsline.api import ingest
    from newsline.store import SQLiteStore

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))], db=str(db), events=False)
    store = SQLiteStore(db)
    out = {}
    for article in store.iter_articles():
        key = Path(article.source).stem
        out[key] = (article.body, store.get_annotations(article.id))
    store.close()
    return out


@pytest.mark.parametrize("key", KEYS)
def test_direct_quotes_go_to_the_right_speakers(seeds, key):
    _, ann = seeds[key]
    got = Counter(q.speaker for q in ann.quotes if q.kind in ("direct", "partial"))
    assert got == Counter(EXPECT[key]["direct"])


@pytest.mark.parametrize("key", KEYS)
def test_reported_speech_speakers(seeds, key):
    _, ann = seeds[key]
    got = Counter(q.speaker for q in ann.quotes if q.kind == "indirect")
    for speaker, n in EXPECT[key]["reported"].items():
        assert got[speaker] >= n, (speaker, got)


@pytest.mark.parametrize("key", KEYS)
def test_gold_quantities_with_qualifiers(seeds, key):
    _, ann = seeds[key]
    for want in EXPECT[key]["quantities"]:
        hits = [q for q in ann.quantities if q.value == want["value"] and q.qualifier in want["qualifier"]
                and q.kind == want["kind"] and all(getattr(q, f) == want[f] for f in ("noun", "scope") if f in want)]
        assert hits, (want, [(q.value, q.noun, q.qualifier, q.scope, q.kind) for q in ann.quantities])


@pytest.mark.parametrize("key", KEYS)
def test_undisclosed_counts_are_facts(seeds, key):
    _, ann = seeds[key]
    nouns = {q.noun for q in ann.quantities if q.kind == "undisclosed"}
    assert set(EXPECT[key]["undisclosed"]) <= nouns
    assert all(q.value is None and q.qualifier == "undisclosed" for q in ann.quantities if q.kind == "undisclosed")


def test_years_and_dates_are_not_quantities(seeds):
    for body, ann in seeds.values():
        for q in ann.quantities:
            assert not (q.value and 1900 <= q.value <= 2100 and q.noun is None), body[q.span.start:q.span.end]


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_name_variants_merge_across_articles(seeds, label):
    for fragment, canonical in EXPECT["_merged"][label].items():
        names = {e.canonical for _, ann in seeds.values() for e in ann.entities
                 if e.label == label and fragment in e.canonical}
        assert names == {canonical}
