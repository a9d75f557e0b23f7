"""Indirect attribution: what someone said, claimed or criticised, with no quote marks.

A speech verb outside quotes attributes content to its subject when it has:

* a clausal complement: "X said (that) …", "X told reporters …", "X said in a statement …",
  also inverted or parenthetical ("The plan is flawed, X said." / "The plan, X said, is flawed");
* an infinitive of commitment: "X vowed to …", "X urged Congress to …";
* for stance verbs, an object or a prepositional phrase: "X criticized the plan", "X called for …",
  "X warned of …"; for report verbs, an object that is the report: "X denied the allegations".

"according to X" attributes the rest of its clause. Withheld speech ("did not say how many",
"declined to comment") reports nothing, passive subjects ("was told") are not speakers, and content
that is (almost all) a direct quote already recorded is not repeated.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

from ..records import Quote, Span
from .quote_speakers import SpeakerFinder
from .quote_vocab import is_speech_verb, lemma_of, vocab

__all__ = ["extract_indirect"]

_STANCE_SUBJECT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def extract_indirect(doc: Any, article_id: str, finder: SpeakerFinder,
                     quoted: list[tuple[int, int]]) -> list[Quote]:
    """Indirect attributions of one article (kind ``indirect``), in text order."""
    from .quotes import cue_text

    out = []
    headline = _headline_end(finder.text)
    for token in finder.tokens:
        if finder.in_quote[token.i] or token.idx < headline:
            continue
        if (is_speech_verb(token) or _belief(token)) and not _participle(token) and not _nested(token):
            content = _verb_content(token, finder)
            if content is None or _straddles(content, token):
                continue
            speaker = finder.of_verb(token, passive_ok=False)
            if not _source_like(speaker, finder, unresolved_ok=not _belief(token)):
                continue                          # "it was reported that …", "the fact indicates …"
            if lemma_of(token) in vocab().person_only and not _person_against(token, speaker, finder):
                continue                          # "rebels attacked the town"
            cue = cue_text(token, finder.mentions)
        elif token.lower_ in vocab().according and token.dep_ == "prep":
            found = _according(token, finder)
            if found is None:
                continue
            content, speaker = found
            cue = "according to"
        else:
            continue
        start, end = _extent(content, finder)
        if end > start and not _mostly_quoted(start, end, quoted):
            out.append(Quote(Span(article_id, start, end, "INDIRECT"), speaker.name, speaker.span, cue,
                             "indirect", Span(article_id, token.idx, token.idx + len(token.text), "CUE"),
                             speaker.note))
    return out


def _headline_end(text: str) -> int:
    """End of a headline line opening the body (short, no closing punctuation), else 0: a headline
    restates an attribution of the body in telegraphic form ("Mayor says rival's plan …")."""
    first = text.lstrip().split("\n", 1)[0].rstrip()
    if first and len(first.split()) <= 15 and first[-1] not in ".?!:”\"" and "\n" in text.strip():
        return text.find(first) + len(first)
    return 0


def _person_against(verb: Any, speaker: Any, finder: SpeakerFinder) -> bool:
    """A person attacking or defending someone or something that is not a place."""
    m = finder.mentions.at_token(speaker.token) if speaker.token >= 0 else None
    person = (m is not None and m.label == "PERSON") or (m is None and speaker.name is not None
                                                         and finder.bare_name(finder.doc[speaker.token]) is not None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    target = finder.mentions.at_token(obj.i) if obj is not None else None
    return person and obj is not None and (target is None or target.label not in ("GPE", "LOC", "FAC"))


def _nested(verb: Any) -> bool:
    """"urged voters to reject Trump": the infinitive is the urging's content, not a stance of its own."""
    return verb.dep_ == "xcomp" and is_speech_verb(verb.head)


def _straddles(content: list[Any], verb: Any) -> bool:
    """A clause misparsed around its own verb ("Asked if …, Trump said, “…”")."""
    idx = [t.i for t in content if not t.is_punct]
    return bool(idx) and min(idx) < verb.i < max(idx) and verb.dep_ != "parataxis"


def _participle(token: Any) -> bool:
    """"Ryan, asked whether he would …, said": a bare past participle is said *to* its subject."""
    if any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    if token.tag_ == "VBN":
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None    # the tagger often calls it VBD
    return token.lower_ in ("asked", "told", "questioned", "pressed") and (
        before is None or token.is_sent_start or before.lower_ in (",", "when", "if", "once", "after"))


def _belief(token: Any) -> bool:
    """A belief verb that is not itself inside reported content ("he said he hoped …" is one
    attribution, not two)."""
    if token.lower_ not in vocab().belief or token.pos_ != "VERB":
        return False
    return not any(a.dep_ == "ccomp" or is_speech_verb(a) for a in token.ancestors)


def _verb_content(verb: Any, finder: SpeakerFinder) -> list[Any] | None:
    """The tokens a speech (or belief) verb attributes, or None."""
    if _withheld(verb):
        return None
    v = vocab()
    lemma = lemma_of(verb)
    kids = list(verb.children)
    clause = next((c for c in kids if c.dep_ == "ccomp"), None)
    if clause is not None and lemma not in ("call",):
        quoted = finder.in_quote[clause.i] and finder.in_quote[clause.left_edge.i]
        return None if quoted else list(clause.subtree)     # the clause is a quote, attributed already
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and not finder.in_quote[verb.head.i]:
        skip = {t.i for t in verb.subtree}          # "The plan, he said, is flawed."
        return [t for t in verb.head.subtree if t.i not in skip]
    if _belief(verb):
        return None                                 # a belief attributes a clause only
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if xcomp is not None and lemma in v.commitment:       # "urged residents to stay home"
        return ([*obj.subtree] if obj is not None and obj.i < xcomp.i else []) + _from(verb, kids, xcomp)
    if obj is not None and (lemma in v.object_stance or lemma in v.object_report):
        return _from(verb, kids, obj)
    preps = v.stance_preps.get(lemma)
    if preps:
        prep = next((c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > verb.i), None)
        if prep is not None and any(True for _ in prep.children):
            return _from(verb, kids, prep)
    return None


_CONTENT_PREPS = frozenset({"for", "as", "of", "over", "about", "against", "on"})


def _from(verb: Any, kids: list[Any], first: Any) -> list[Any]:
    """``first`` (an object, an infinitive, a preposition) with what completes the stance after
    it — "criticized the plan *as a giveaway*", "accused him *of lying*" — not the addressee, the
    medium or the time ("confirmed her death *to the AP on Thursday*")."""
    out = list(first.subtree)
    for child in kids:
        if child.i > first.i and child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS:
            out.extend(child.subtree)
    return out


def _source_like(speaker: Any, finder: SpeakerFinder, unresolved_ok: bool = True) -> bool:
    """Someone who can hold an attribution: a named person, organisation or country, a resolved
    pronoun, or a noun phrase headed by a source noun ("officials", "the report", "a spokesman")
    — not an unnamed thing ("the fact indicates", "the storm warned of"). An unresolved pronoun
    subject is a source the text has, so speech is still attributed (with no speaker)."""
    if speaker.name is None:                      # "they said …": a source the text has, unnamed
        return unresolved_ok and speaker.token >= 0 and finder.doc[speaker.token].lower_ in vocab().pronouns
    if speaker.token < 0:
        return False
    m = finder.mentions.at_token(speaker.token)
    if m is not None:
        return m.label in _STANCE_SUBJECT_LABELS
    doc = finder.doc
    end = speaker.span.end if speaker.span else doc[speaker.token].idx + 1
    stop = bisect.bisect_left(finder.starts, end, lo=speaker.token)
    phrase = list(doc[speaker.token:max(stop, speaker.token + 1)])
    inside = {t.i for t in phrase}
    head = next((t for t in phrase if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return False
    if head.pos_ == "PROPN":
        return True
    word = head.lower_
    return word in vocab().source_nouns or word in _titles() or word.rstrip("s") in _titles()


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from .resources import data_json

    return frozenset(data_json("titles.json")["titles"])


def _withheld(verb: Any) -> bool:
    """"did not say", "declined to say", "refused to confirm": speech that was not given."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in vocab().refusals


def _according(token: Any, finder: SpeakerFinder):
    """"…, according to the regional mayor": (content tokens, speaker)."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None or not finder.usable(source):
        return None
    skip = {t.i for t in token.subtree}
    head = token.head
    content = [t for t in head.subtree if t.i not in skip] if head.i != token.i else []
    return content, finder.named(source)


def _extent(tokens: list[Any], finder: SpeakerFinder) -> tuple[int, int]:
    tokens = [t for t in tokens if not t.is_punct and not t.is_space and not finder.in_dateline(t)]
    if not tokens:
        return 0, 0
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    if first.dep_ == "mark" and first.lower_ in ("that", "whether", "if"):
        rest = [t for t in tokens if t.i > first.i]     # "that …": the content starts after "that"
        first = min(rest, key=lambda t: t.i) if rest else first
    return first.idx, last.idx + len(last.text)


def _mostly_quoted(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """The content is (almost all) a direct or partial quote already recorded."""
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted)
    return covered > 0.8 * (end - start)
