"""Named entities with fixed types and canonical names.

``extract_entities(doc, article_id, corpus)`` turns the model's (and the entity ruler's)
``doc.ents`` into :class:`~newsline.records.Entity` records:

1. *trim*: leading determiners / prepositions (``on X`` -> ``X``) and trailing possessives go;
2. *type fixes*: a name right after a person title ("army chief, Oleksandr Syrskii") is a PERSON;
3. *owners*: an institution with a possessive or demonym owner ("Russia's Defense Ministry",
   "Russian Defense Ministry") spans the owner too and is named ``Russian Ministry of Defence``;
4. *datelines*: a name inside a dateline ("WASHINGTON (AP) —") is no mention (:mod:`.datelines`);
5. *canonical names* (:mod:`.names`): spelling variants folded; a surname alone becomes the full
   name seen earlier in the article, else in the corpus; an unqualified institution becomes the one
   owner-qualified institution of that name seen.

Nominal ("the ministry") and pronoun ("he") mentions are added by :mod:`.coref`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..records import Entity, Span
from .datelines import dateline_ranges, in_ranges
from .names import AliasIndex, canonical_name, qualified_name
from .resources import countries, data_json

__all__ = ["Mention", "MentionSet", "extract_entities", "NAME_LABELS"]

#: entity labels this module keeps; numbers and dates belong to quantities and time expressions
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT",
                         "WORK_OF_ART", "LANGUAGE", "PLATFORM"})
_TRIM_POS = frozenset({"DET", "ADP", "PUNCT", "PART", "CCONJ"})


@dataclass(slots=True)
class Mention:
    """One mention in token offsets, with what coreference needs to know about it."""

    start: int                  # token index, inclusive
    end: int                    # token index, exclusive
    label: str
    canonical: str
    kind: str = "name"
    sent: int = 0
    title: str | None = None    # "president", "ombudsman" …
    head: str = ""              # head noun of the name, lower case ("ministry")
    owner: str | None = None    # owner country of an institution ("Russia")
    gender: str | None = None   # "m"/"f" when a title or honorific fixes it
    subject: bool = False       # the mention is the subject of its clause (salience for pronouns)


@dataclass(slots=True)
class MentionSet:
    """An article's mentions in text order, plus per-name facts (gender) found on the way."""

    mentions: list[Mention] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    sent_of: list[int] = field(default_factory=list)

    def to_entities(self, doc: Any, article_id: str) -> list[Entity]:
        out = []
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
            out.append(Entity(Span(article_id, start, end, m.label), m.label, m.canonical, m.kind))
        return out

    def at_token(self, i: int) -> Mention | None:
        """The smallest mention covering token ``i`` (the ORG, not the owner GPE inside it)."""
        best = None
        for m in self.mentions:
            if m.start <= i < m.end and (best is None or m.end - m.start < best.end - best.start):
                best = m
        return best


@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset[str], dict[str, str], tuple[str, ...]]:
    titles = data_json("titles.json")
    heads = tuple(data_json("variants.json")["owned_heads"])
    return frozenset(titles["titles"]), titles["gender"], heads


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(data_json("type_fixes.json")["place_nouns"])


@lru_cache(maxsize=1)
def _place_preps() -> frozenset[str]:
    return frozenset(data_json("type_fixes.json")["place_preps"])


def sentence_ids(doc: Any) -> list[int]:
    """Sentence number of every token."""
    ids = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = n
    return ids


def extract_entities(doc: Any, article_id: str, corpus: AliasIndex | None = None) -> MentionSet:
    """Name mentions of one parsed article, canonicalised; ``corpus`` learns this article's names."""
    corpus = corpus if corpus is not None else AliasIndex()
    local = AliasIndex()
    found = MentionSet(sent_of=sentence_ids(doc))
    datelines = dateline_ranges(doc.text)        # "WASHINGTON (AP) —" names no party to the story
    spans = [s for s in (_trim(e) for e in doc.ents if e.label_ in NAME_LABELS) if s is not None
             and not in_ranges(s.start_char, s.end_char, datelines)]
    spans = sorted(spans + _unlabelled_places(doc), key=lambda s: s.start)
    raw = [_typed(doc, s, found) for s in spans]
    for m in raw:                     # first pass: full names and owned institutions of the article
        _learn(m, local)
    raw += _untagged_surnames(doc, raw, local, corpus, found)
    for m in raw:
        if m.end - m.start == 1 and local.full_person(canonical_name(m.canonical, "PERSON")):
            m.label, m.owner = "PERSON", None          # a lone surname the model took for an ORG
        m.canonical = _resolve(m, local, corpus)
        found.mentions.append(m)
        if m.gender:
            found.gender[m.canonical] = m.gender
    corpus.update(local)
    return found


def _untagged_surnames(doc: Any, raw: list[Mention], local: AliasIndex, corpus: AliasIndex,
                       found: MentionSet) -> list[Mention]:
    """Proper nouns the model left untagged that are the surname of a person of the article or,
    failing that, of the corpus."""
    if not local.persons and not corpus.persons:
        return []
    taken = {i for m in raw for i in range(m.start, m.end)}
    out = []
    for token in doc:
        # the tagger often calls a sentence-initial unknown surname a NOUN
        if token.pos_ in ("PROPN", "NOUN") and token.i not in taken and token.is_title and not token.ent_type_:
            name = canonical_name(token.text, "PERSON")
            if local.full_person(name) or corpus.full_person(name):
                out.append(Mention(token.i, token.i + 1, "PERSON", token.text, sent=found.sent_of[token.i]))
    return out


def _unlabelled_places(doc: Any) -> list[Any]:
    """Proper nouns naming a place the model left untagged: "the Donetsk region"."""
    places, out = _place_nouns(), []
    for token in doc:
        if (token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ == "compound"
                and token.head.lower_ in places and token.head.i == token.i + 1 and token.is_title):
            out.append(_relabel(doc[token.i:token.i + 1], "GPE"))
    return out


def _trim(ent: Any) -> Any | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].pos_ in _TRIM_POS or doc[start].lower_ == "the"):
        start += 1
    # "Carmaker Vantor filed …": a descriptor the model took into the name, before a name word
    if end - start >= 2 and doc[start + 1].is_title and _descriptor(doc[start].lower_):
        start += 1
    while end > start and (doc[end - 1].pos_ in ("PART", "PUNCT") or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    if start >= end:
        return None
    return ent if (start, end) == (ent.start, ent.end) else _relabel(doc[start:end], ent.label_)


def _descriptor(word: str) -> bool:
    return word in _name_descriptors() or (word.endswith("maker") and len(word) > 5)


@lru_cache(maxsize=1)
def _name_descriptors() -> frozenset[str]:
    return frozenset(data_json("type_fixes.json").get("name_descriptors", ()))


def _relabel(span: Any, label: str) -> Any:
    from spacy.tokens import Span as SpacySpan

    return SpacySpan(span.doc, span.start, span.end, label=label)


def _typed(doc: Any, span: Any, found: MentionSet) -> Mention:
    """A mention with its label fixed and its title, owner and head noun found."""
    titles, genders, _ = _vocab()
    label, text = span.label_, span.text
    table = countries()
    if text in table.country_of:
        label = "NORP"
    elif text in table.capital_of or text in table.alias or text in table.demonym:
        label = "GPE"
    title = _title_of(span, titles) or _leading_title(span, titles)
    if title and label in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART") and _looks_like_name(span):
        label = "PERSON"
    elif label in ("PERSON", "ORG", "NORP", "FAC") and _names_a_place(span):
        label, title = "GPE", None
    elif label == "PERSON" and len(span) == 1 and not title and span.root.head.lower_ in _place_preps() \
            and span.root.dep_ == "pobj":
        label = "GPE"                                  # "workers in Rotterdam"
    m = Mention(span.start, span.end, label, text, sent=found.sent_of[span.start], title=title,
                subject=span.root.dep_ in ("nsubj", "nsubjpass"))
    if label == "PERSON":
        m.gender = genders.get(title or "") or genders.get(doc[span.start - 1].lower_ if span.start else "")
    if label in ("ORG", "GPE", "FAC"):
        _attach_owner(doc, span, m)
    return m


def _leading_title(span: Any, titles: frozenset[str]) -> str | None:
    """A role word the model took into the name ("Mayor Elena Ruiz"): the title, when a first and
    a last name follow it."""
    words = [t.lower_ for t in span]
    for n in (2, 1):
        if len(words) >= n + 2 and " ".join(words[:n]) in titles and all(t.is_title for t in span[n:]):
            return " ".join(words[:n])
    return None


def _names_a_place(span: Any) -> bool:
    """"the southern region of Kherson", "the Donetsk region": the name of a place."""
    root, places = span.root, _place_nouns()
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in places:
        return True
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i == span.end and root.head.lower_ in places


def _looks_like_name(span: Any) -> bool:
    return all(t.is_title or not t.is_alpha for t in span) and any(t.pos_ == "PROPN" for t in span)


def _title_of(span: Any, titles: frozenset[str]) -> str | None:
    """The role word before a name: a compound modifier ("President X") or the noun the name is in
    apposition to ("army chief, X")."""
    root = span.root
    words = [c.lower_ for c in root.children if c.i < span.start and c.dep_ in ("compound", "amod", "nmod")]
    if root.dep_ == "appos" and root.head.i < span.start:
        words.append(root.head.lower_)
    for n in (2, 1):                  # "prime minister" before "minister"
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            if phrase in titles:
                return phrase
    return None


def _attach_owner(doc: Any, span: Any, m: Mention) -> None:
    """Record the owner country of an institution and widen the mention over a possessive owner."""
    _, _, heads = _vocab()
    table = countries()
    words = span.text.split(" ")
    owner, base = None, span.text
    if words[0] in table.country_of and len(words) > 1:            # "Russian Defense Ministry"
        owner, base = table.country_of[words[0]], " ".join(words[1:])
    else:
        owner_tok = _possessor(doc, span)
        if owner_tok is not None:
            ent_text = _ent_text_at(doc, owner_tok)
            owner = table.alias.get(ent_text, table.country_of.get(ent_text, ent_text))
            m.start = min(m.start, _ent_start_at(doc, owner_tok))
    lowered = base.lower()
    m.head = _head_noun(canonical_name(base, "ORG"))
    m.canonical = base
    if owner and any(f" {h} " in f" {lowered} " for h in heads):
        m.owner = owner


def _possessor(doc: Any, span: Any) -> Any | None:
    """A GPE/NORP token owning the span: "Russia's Defense Ministry" / "Russian Defense Ministry"."""
    for child in span.root.children:
        if child.i >= span.start:
            continue
        if child.dep_ == "poss" and child.ent_type_ in ("GPE", "NORP"):
            return child
        if child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP" and child.i == span.start - 1:
            return child
    return None


def _ent_text_at(doc: Any, token: Any) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _ent_start_at(doc: Any, token: Any) -> int:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.start
    return token.i


def _head_noun(name: str) -> str:
    """``Ministry of Defence`` -> ``ministry``; ``State Border Guard Service`` -> ``service``."""
    before_of = name.split(" of ")[0]
    return before_of.split(" ")[-1].lower()


def _learn(m: Mention, local: AliasIndex) -> None:
    if m.label == "PERSON":
        name = canonical_name(m.canonical, "PERSON")
        if " " in name:
            local.add_person(name)
    elif m.owner:
        base_name = canonical_name(m.canonical, m.label)
        local.add_owned(base_name, qualified_name(base_name, m.owner), m.label)


def _resolve(m: Mention, local: AliasIndex, corpus: AliasIndex) -> str:
    if m.owner:
        return qualified_name(canonical_name(m.canonical, m.label), m.owner)
    name = canonical_name(m.canonical, m.label)
    if m.label == "PERSON" and " " not in name:
        return local.full_person(name) or corpus.full_person(name) or name
    if m.label == "ORG":
        return local.owner_qualified(name) or corpus.owner_qualified(name) or name
    return name
