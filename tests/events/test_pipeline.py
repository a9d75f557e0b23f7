"""The ingest pipeline reads each body with spaCy once: the events step reads the language step's
parse (one path), and what it stores is what extraction over that layer gives."""
from __future__ import annotations

from newsline import api, pipeline
from newsline.events import extract
from newsline.events.language import layer_from_text
from newsline.nlp.model import load_nlp
from newsline.store import SQLiteStore

TEXTS = {
    "a.txt": "Police arrested 40 protesters in Nairobi on Monday, officials said.\n\nThe protest was peaceful.",
    "b.txt": "Thousands of farmers protested in Paris on Tuesday against new tariffs.",
}


class _Counting:
    """The shared pipeline, counting the texts it parses."""

    def __init__(self, nlp, seen):
        self.nlp, self.seen = nlp, seen

    def __call__(self, text):
        self.seen.append(text)
        return self.nlp(text)

    def pipe(self, texts, **kw):
        texts = list(texts)
        self.seen.extend(texts)
        return self.nlp.pipe(texts, **kw)


def test_ingest_parses_each_body_once_and_mentions_match_the_layer(tmp_path, monkeypatch):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
    seen: list[str] = []
    counting = _Counting(load_nlp(), seen)
    monkeypatch.setattr(pipeline, "load_nlp", lambda: counting)
    store = SQLiteStore(tmp_path / "x.db")
    report = api.ingest([str(tmp_path / n) for n in TEXTS], db=store, workers=1)
    bodies = [a.body for a in store.iter_articles()]
    assert report.mentions > 0 and sorted(seen) == sorted(bodies)     # one parse per body
    for article in store.iter_articles():
        stored = [(m.type, m.date, m.context) for m in store.iter_mentions() if m.article_id == article.id]
        again = [(m.type, m.date, m.context) for m in extract.extract_mentions(layer_from_text(article))]
        assert stored == again
    store.close()
