"""Fixtures for the duplicates tests: the invented stories and an article factory."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.dating.publication import COPY_REASON, DERIVED_REASON
from newsline.records import Article, PublicationDate

DATA = Path(__file__).resolve().parents[1] / "data" / "dedup"


@pytest.fixture(scope="session")
def stories() -> dict:
    return json.loads((DATA / "stories.json").read_text(encoding="utf-8"))


def make_article(article_id: str, body: str, **fields) -> Article:
    """An article as the cleaning stage would store it (source named after the id); a date is
    given as ``published``, ``published_from`` and ``published_window`` (the dating stage's record,
    its basis read from the reason as the dating stage writes it)."""
    day, reason = fields.pop("published", None), fields.pop("published_from", None)
    window = fields.pop("published_window", None)
    basis = None if not day else "copy" if (reason or "").startswith(COPY_REASON) else \
        "corpus" if (reason or "").startswith(DERIVED_REASON) else "stated"
    return Article(id=article_id, source=f"feed/{article_id}.txt", body=body, raw=body,
                   dated=PublicationDate(day, reason, window, basis), **fields)


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
