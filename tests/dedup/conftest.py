"""Fixtures for the duplicates tests: the invented stories and an article factory."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.records import Article

DATA = Path(__file__).resolve().parents[1] / "data" / "dedup"


@pytest.fixture(scope="session")
def stories() -> dict:
    return json.loads((DATA / "stories.json").read_text(encoding="utf-8"))


def make_article(article_id: str, body: str, **fields) -> Article:
    """An article as the cleaning stage would store it (source named after the id)."""
    return Article(id=article_id, source=f"feed/{article_id}.txt", body=body, raw=body, **fields)


@pytest.fixture
def make():
    return make_article


@pytest.fixture
def add(store):
    """Store articles and return their ids: ``add(("a", text), ("b", text, {"byline": ...}))``."""
    def _add(*items) -> list[str]:
        ids = []
        for item in items:
            aid, body, fields = (*item, {})[:3]
            store.put_article(make_article(aid, body, **fields))
            ids.append(aid)
        return ids
    return _add
