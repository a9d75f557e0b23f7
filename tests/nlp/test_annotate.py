"""The orchestration: batching, names carried across articles, the store round trip, the API shape."""
from __future__ import annotations

import pytest

from newsline.dating.publication import date_given
from newsline.records import Article


def _article(aid: str, body: str, published: str | None = None) -> Article:
    article = Article(id=aid, source=f"{aid}.txt", body=body, raw=body)
    date_given(article, published)
    return article


@pytest.fixture(scope="module")
def articles(read_data):
    return [_article("a" * 16, read_data("quotes_paragraphs.txt"), "2025-05-02"),
            _article("b" * 16, read_data("reported_speech.txt"), "2025-04-29"),
            _article("c" * 16, read_data("entities_variants.txt"))]


def test_public_api_names():
    import newsline.nlp as nlp_pkg

    for name in ("Annotations", "annotate_articles", "annotate_text", "load_nlp"):
        assert hasattr(nlp_pkg, name)


def test_batched_stream_equals_one_by_one(nlp, articles):
    from newsline.nlp import annotate_articles, annotate_text

    batched = list(annotate_articles(articles, nlp=nlp, batch_size=2))
    assert [a.article_id for a in batched] == [a.id for a in articles]
    for ann, article in zip(batched, articles):
        single = annotate_text(article.body, published=article.published, article_id=article.id, nlp=nlp)
        for kind in ("sentences", "entities", "timexes", "quantities", "quotes"):
            assert getattr(ann, kind) == getattr(single, kind), kind
        assert ann.doc is not None and ann.doc.text == article.body


def test_yielded_doc_carries_what_a_later_step_reads(nlp, articles):
    """A later step (events) can take ``ann.doc`` instead of parsing the body again: it is the
    shared pipeline's parse, with lemmas, dependencies, sentences and the fixed entity types."""
    from newsline.nlp import annotate_articles, load_nlp

    assert load_nlp() is load_nlp()               # one cached pipeline per process
    ann = next(annotate_articles(articles[:1], nlp=load_nlp()))
    for attr in ("LEMMA", "DEP", "SENT_START", "ENT_IOB"):
        assert ann.doc.has_annotation(attr), attr
    assert any(e.label_ == "PLATFORM" for e in load_nlp()("She wrote on Telegram.").ents)


def test_every_span_indexes_its_article_body(nlp, articles):
    from newsline.nlp import annotate_articles

    for ann, article in zip(annotate_articles(articles, nlp=nlp), articles):
        spans = [*ann.sentences, *(e.span for e in ann.entities), *(t.span for t in ann.timexes),
                 *(q.span for q in ann.quantities), *(q.span for q in ann.quotes)]
        assert spans
        for span in spans:
            assert span.article_id == article.id
            assert 0 <= span.start < span.end <= len(article.body)


def test_timexes_are_resolved_against_the_publication_date(nlp, articles):
    from newsline.nlp import annotate_articles

    ann = next(annotate_articles(articles[:1], nlp=nlp))
    values = {articles[0].body[t.span.start:t.span.end]: t.value for t in ann.timexes}
    assert values.get("Friday") == "2025-05-02"


def test_a_surname_alone_takes_the_full_name_from_an_earlier_article(nlp):
    from newsline.nlp import annotate_articles

    first = _article("d" * 16, "Interior Minister Kipchumba Murkomen visited Nairobi.")
    second = _article("e" * 16, "Murkomen said the roads would reopen.")
    anns = list(annotate_articles([first, second], nlp=nlp))
    names = {second.body[e.span.start:e.span.end]: e.canonical for e in anns[1].entities}
    assert names["Murkomen"] == "Kipchumba Murkomen"
    assert anns[1].quotes[0].speaker == "Kipchumba Murkomen"


def test_store_round_trip_is_idempotent(store, nlp, articles):
    from newsline.nlp import annotate_articles

    for article in articles:
        store.put_article(article)
    anns = list(annotate_articles(articles, nlp=nlp))
    for ann in anns:
        store.put_annotations(ann)
        store.put_annotations(ann)                 # writing twice changes nothing
    for ann in anns:
        back = store.get_annotations(ann.article_id)
        assert back.doc is None
        for kind in ("sentences", "entities", "timexes", "quantities", "quotes"):
            assert getattr(back, kind) == getattr(ann, kind), kind
    assert store.get_annotations("f" * 16) is None
    assert [a.article_id for a in store.iter_annotations()] == [a.id for a in articles]
    people = {r["canonical"]: r for r in store.entity_names("PERSON")}
    assert (people["Volodymyr Zelensky"]["mentions"], people["Volodymyr Zelensky"]["articles"]) == (2, 1)


def test_annotations_of_an_unknown_article_are_refused(store, nlp):
    from newsline.errors import StoreError
    from newsline.nlp import annotate_text

    with pytest.raises(StoreError, match="store the article first"):
        store.put_annotations(annotate_text("Nothing here.", article_id="0" * 16, nlp=nlp))


def test_a_prefixed_hyphen_word_is_one_token_but_a_prefixed_name_is_not(nlp):
    """"counter-attacked", "ex-minister", "non-binding" are one word each, lemmatized as prefix +
    base lemma; "ex-Soviet" is a prefix before a name, kept apart so the name stays visible."""
    doc = nlp("The ex-minister said troops counter-attacked after a non-binding vote in ex-Soviet states.")
    words = [t.text for t in doc]
    assert {"ex-minister", "counter-attacked", "non-binding"} <= set(words)
    assert "ex-Soviet" not in words and "Soviet" in words
    assert next(t.lemma_ for t in doc if t.text == "counter-attacked") == "counter-attack"
