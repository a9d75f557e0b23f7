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
def two_topic_ecb(tmp_path):
    """An ECB+ folder with two copies of the tiny hand-written topic (tests/data/events/ecbplus),
    standing in for the training topics of the training command."""
    from pathlib import Path

    from newsline.eval import ecb as ecbplus

    tiny = Path(__file__).resolve().parent / "data" / "events" / "ecbplus"
    root = tmp_path / "ecb"
    for topic in ("1", "2"):
        folder = root / "ECB+" / topic
        folder.mkdir(parents=True)
        for path in (tiny / "ECB+" / "1").glob("*.xml"):
            (folder / path.name.replace("1_", f"{topic}_", 1)).write_text(path.read_text())
    rows = (tiny / ecbplus.SENTENCES_CSV).read_text().splitlines()
    copy = [rows[0]] + [r.replace("1,", f"{t},", 1) for t in ("1", "2") for r in rows[1:]]
    (root / ecbplus.SENTENCES_CSV).write_text("\n".join(copy) + "\n")
    return root


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
