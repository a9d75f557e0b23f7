"""Running the language layer over articles: one spaCy pass per article, then the extractors.

``annotate_articles`` streams: it feeds the article bodies to ``nlp.pipe`` in batches (several
processes if asked), and for each parsed body yields an :class:`Annotations` with sentences,
entities (names, nominals, pronouns, canonicalised across the whole stream), time expressions
(:mod:`newsline.nlp.timex`), quantities and quotes. Every annotation is a span into
``Article.body``. The parsed ``Doc`` rides along for the events layer and is not stored.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..dating.publication import date_given
from ..records import Annotations, Article, Span, TimeExpr
from . import bounds
from .bounds import check_body, parse_text, split_chunks
from .coref import resolve_coreference
from .entities import extract_entities
from .model import load_nlp
from .names import AliasIndex
from .quantities import extract_quantities
from .quotes import extract_quotes

__all__ = ["Annotations", "annotate_articles", "annotate_text", "annotate_doc", "parse_body"]



def annotate_articles(articles: Iterable[Article], *, nlp: Any = None, batch_size: int = 32,
                      n_process: int = 1, aliases: AliasIndex | None = None) -> Iterator[Annotations]:
    """Annotate articles in order, parsing their bodies with ``nlp.pipe`` in batches.

    ``aliases`` carries names across articles (a surname in one article expands to the full name
    seen in another); one index is kept for the whole stream when none is given.
    ``n_process > 1`` parses in worker processes (it pays only for long streams: each worker
    loads the model).
    """
    nlp = nlp or load_nlp()
    aliases = aliases if aliases is not None else AliasIndex()
    pieces: list[Any] = []
    for doc, (article, last) in nlp.pipe(_pieces(articles), as_tuples=True, batch_size=batch_size,
                                         n_process=n_process):
        pieces.append(doc)
        if last:
            doc = _joined(pieces, article.body)
            pieces = []
            yield annotate_doc(doc, article.id, article.published, aliases=aliases)


def _pieces(articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, bool]]]:
    """(text, (article, is its last piece)) for ``nlp.pipe``: a body above the limit raises
    TooLargeError before anything is parsed; a long one comes in chunks (:mod:`.bounds`)."""
    for article in articles:
        chunks = _chunks(article.body)
        for i, chunk in enumerate(chunks):
            yield chunk, (article, i == len(chunks) - 1)


def _chunks(body: str) -> list[str]:
    check_body(body)
    return split_chunks(parse_text(body), bounds.CHUNK_CHARS)


def parse_body(text: str, *, nlp: Any = None) -> Any:
    """The spaCy Doc of one body, parsed the way :func:`annotate_articles` parses it: refused
    above the length limit, punctuation runs and datelines masked, long texts in chunks (offsets
    kept)."""
    nlp = nlp or load_nlp()
    return _joined(list(nlp.pipe(_chunks(text))), text)


def _joined(docs: list[Any], body: str) -> Any:
    """One Doc from the parsed chunks of ``body`` (their texts concatenate to the body's length)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert len(doc.text) == len(body), "chunks must concatenate to the body"
    return doc


def annotate_text(text: str, *, published: str | None = None, article_id: str = "text",
                  nlp: Any = None) -> Annotations:
    """Annotate one text as if it were an article body (``published`` anchors relative dates)."""
    article = Article(id=article_id, source=article_id, body=text)
    date_given(article, published)
    return next(annotate_articles([article], nlp=nlp))


def annotate_doc(doc: Any, article_id: str, published: str | None, *,
                 aliases: AliasIndex | None = None) -> Annotations:
    """Run every extractor on an already parsed body."""
    mentions = extract_entities(doc, article_id, aliases)
    resolve_coreference(doc, mentions)
    return Annotations(
        article_id=article_id,
        sentences=_sentences(doc, article_id),
        entities=mentions.to_entities(doc, article_id),
        timexes=_timexes(doc, article_id, published),
        quantities=extract_quantities(doc, article_id),
        quotes=extract_quotes(doc, article_id, mentions),
        doc=doc,
    )


def _sentences(doc: Any, article_id: str) -> list[Span]:
    out = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end > start:
            out.append(Span(article_id, start, end, "SENT"))
    return out


def _timexes(doc: Any, article_id: str, published: str | None) -> list[TimeExpr]:
    from .timex import extract_timexes  # helper module of the same layer (time expressions)

    return extract_timexes(doc.text, article_id, published, doc=doc)
