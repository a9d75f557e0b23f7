"""The ingest pipeline reads each body with spaCy once: event mentions come from the language
layer's parse, and match what extraction from the stored annotations gives."""
from __future__ import annotations

from newsline import api
from newsline.events import extract
from newsline.events import language as events_language
from newsline.events.language import article_layer
from newsline.store import SQLiteStore

TEXTS = {
    "a.txt": "Police arrested 40 protesters in Nairobi on Monday, officials said.\n\nThe protest was peaceful.",
    "b.txt": "Thousands of farmers protested in Paris on Tuesday against new tariffs.",
}


def test_ingest_parses_each_body_once_and_mentions_match_a_fresh_extraction(tmp_path, monkeypatch):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
    calls = []
    real_parse = events_language.parse
    monkeypatch.setattr(events_language, "parse", lambda text: calls.append(text) or real_parse(text))
    store = SQLiteStore(tmp_path / "x.db")
    report = api.ingest([str(tmp_path / n) for n in TEXTS], db=store)
    assert report.mentions > 0 and calls == []          # no second parse during ingest
    for article in store.iter_articles():
        stored = [(m.type, m.date, m.context) for m in store.iter_mentions() if m.article_id == article.id]
        again = [(m.type, m.date, m.context) for m in extract.extract_mentions(article_layer(store, article))]
        assert stored == again
    store.close()
