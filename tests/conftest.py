"""Shared fixtures: a fresh store per test, paths to ../shared (skipping when it is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = SHARED / "corpora" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture
def store(tmp_path):
    from newsline.store import SQLiteStore

    s = SQLiteStore(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"reference seeds not found at {SEEDS} (../shared is not beside the checkout)")
    return SEEDS


@pytest.fixture
def stored():
    """``stored(db)``: the Article records a store file holds, in ingest order."""
    from newsline.store import SQLiteStore

    def read(db) -> list:
        s = SQLiteStore(db)
        try:
            return list(s.iter_articles())
        finally:
            s.close()

    return read
