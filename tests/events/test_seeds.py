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
