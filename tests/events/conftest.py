"""The spaCy pipeline is loaded once per session (through the events layer's own loader)."""
from __future__ import annotations

import pytest

from newsline.records import Article


@pytest.fixture(scope="session")
def layer_of():
    from newsline.events.language import layer_from_text

    def make(text: str, published: str | None = None, article_id: str = "t1"):
        return layer_from_text(Article(id=article_id, source="test", body=text, published=published))
    return make


@pytest.fixture
def two_topic_ecb(tmp_path):
    """An ECB+ folder with two copies of the tiny hand-written topic (tests/data/events/ecbplus),
    standing in for the training topics of the training command."""
    from pathlib import Path

    from newsline.events import ecbplus

    tiny = Path(__file__).resolve().parents[1] / "data" / "events" / "ecbplus"
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
