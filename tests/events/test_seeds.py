"""The reference articles end to end (skipped when ../shared is absent): all 12 gold events,
no invented dates, the undated articles dated from shared events."""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_seed_events(seeds_dir):
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bench.scorers.seeds_events import run

    result = run()
    assert result["found"] == result["gold_events"] == 12
    assert result["invented_dates"] == 0
    assert result["date_ok"] == 12
    assert result["article_dates"]["003_a1c9f6ae12d1a423"] == "exact"


def test_seed_export_evidence_points_into_the_bodies(seeds_dir, tmp_path):
    """Every exported event cites {article, start, end, text} spans that are the article's own
    text, and every argument's evidence is a span of that article (usually of the sentence; a
    "party" named earlier in the article is cited where it was named)."""
    from newsline import api
    from newsline.store import SQLiteStore

    store = SQLiteStore(tmp_path / "s.db")
    api.ingest(sorted(str(p) for p in Path(seeds_dir).glob("*.txt")), db=store)
    doc = api.export_document(db=store)
    bodies = {a["id"]: a["body"] for a in doc["articles"]}
    assert doc["events"]
    for event in doc["events"]:
        assert event["evidence"] and set(event["sources"]) <= set(bodies)
        for ev in event["evidence"]:
            assert bodies[ev["article"]][ev["start"]:ev["end"]].strip() == ev["text"].strip() != ""
            for arg in ev["arguments"]:
                body = bodies[ev["article"]]
                assert 0 <= arg["start"] < arg["end"] <= len(body)
                assert body[arg["start"]:arg["end"]] == arg["evidence"]
    store.close()
