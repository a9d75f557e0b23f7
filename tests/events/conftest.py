"""The spaCy pipeline is loaded once per session (through the events layer's own loader)."""
from __future__ import annotations

import pytest

from newsline.dating.publication import date_given
from newsline.records import Article


@pytest.fixture(scope="session")
def layer_of():
    from newsline.events.language import layer_from_text

    def make(text: str, published: str | None = None, article_id: str = "t1"):
        article = Article(id=article_id, source="test", body=text)
        date_given(article, published)
        return layer_from_text(article)
    return make
