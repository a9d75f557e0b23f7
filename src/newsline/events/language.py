"""What event extraction reads from the language layer: one article, its parse, its annotations.

Extraction is a component over the language layer (``newsline.nlp``): the ingest pipeline's
``events`` step reads the ``Doc`` and :class:`~newsline.nlp.Annotations` the ``language`` step
just produced (:func:`layer_of`), so each body is parsed once; :func:`layer_from_text` does both
steps for one article outside the pipeline (tests, tools), through the same two functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..nlp.annotate import annotate_doc
from ..nlp.model import load_nlp
from ..nlp.resources import countries
from ..nlp.timex import resolve_timex
from ..records import Article, DateWindow, Entity, Quantity, TimeExpr

__all__ = ["ArticleLayer", "layer_of", "layer_from_text", "parse", "repair_parse", "resolve_in_window",
           "country_for", "country_names", "is_country", "timex_days"]


@dataclass(slots=True)
class ArticleLayer:
    """One article with its parse and the language layer's annotations (spans into ``body``)."""

    article: Article
    doc: Any
    entities: list[Entity] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)


def parse(text: str) -> Any:
    """The dependency parse of ``text`` with the shared pipeline (long texts in chunks)."""
    from ..nlp.annotate import parse_body

    return parse_body(text, nlp=load_nlp())


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every country's own name and alias in the countries table."""
    table = countries()
    return frozenset(table.names) | frozenset(table.alias)


def is_country(name: str) -> bool:
    """Whether ``name`` is a country's own name (or one of its aliases)."""
    return name in country_names()


def country_for(name: str) -> str | None:
    """The country a demonym or a capital stands for ("Ukrainian", "Kyiv" -> "Ukraine"), if known."""
    table = countries()
    for key in (name, name.rstrip("s")):
        if key in table.country_of:
            return table.country_of[key]
    return table.capital_of.get(name) or table.alias.get(name)


def layer_of(article: Article, doc: Any, ann: Any) -> ArticleLayer:
    """The layer extraction reads: the article, its parse (with ``repair_parse``'s corrections)
    and the language layer's annotations."""
    repair_parse(doc)
    return ArticleLayer(article, doc, list(ann.entities), list(ann.timexes), list(ann.quantities))


_PLACE_ENTS = {"GPE", "LOC", "FAC", "ORG"}


def repair_parse(doc: Any) -> None:
    """Correct the small parser's misreadings that hide an event's structure, in place (idempotent).

    A preposition the tagger read as an adjective on a bare place noun that the parser then took
    for the verb's object ("counter-protesters rallied outside parliament": "outside" an
    adjective, "parliament" the object of "rallied") becomes the preposition it is, with the noun
    its object: the verb keeps no object it does not have ("rallied" stays intransitive, a rally),
    and the phrase says where. Only before a place (``misread_prepositions`` in cues.json): "sought
    outside help" keeps its adjective."""
    from .ontology import load_cues, load_ontology

    rule = load_cues().get("misread_prepositions", {})
    words = frozenset(rule.get("words", ()))
    classes = load_ontology().classes
    places = frozenset(w for name in rule.get("places", ()) for w in classes.get(name, ()))
    for tok in doc:
        noun = tok.head
        if tok.lower_ not in words or tok.dep_ != "amod" or noun.dep_ != "dobj" or noun.left_edge.i != tok.i \
                or noun.head.pos_ not in ("VERB", "AUX"):
            continue
        if not (noun.ent_type_ in _PLACE_ENTS or noun.pos_ == "PROPN" or noun.lemma_.lower() in places):
            continue
        verb = noun.head
        tok.head, tok.dep_, tok.pos_, tok.tag_ = verb, "prep", "ADP", "IN"
        noun.head, noun.dep_ = tok, "pobj"


def layer_from_text(article: Article, doc: Any = None) -> ArticleLayer:
    """Parse and annotate one article as the pipeline's ``language`` step does, then its layer."""
    doc = doc if doc is not None else parse(article.body)
    return layer_of(article, doc, annotate_doc(doc, article.id, article.published))


