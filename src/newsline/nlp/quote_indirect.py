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
    for token in doc:
        if finder.in_quote[token.i]:
            continue
        if is_speech_verb(token):
            found = _verb_content(token, finder)
            if found is None:
                continue
            content, strict = found
            speaker = finder.of_verb(token, passive_ok=False)
            if speaker.name is None and speaker.note and "no subject" in speaker.note:
                continue                          # "it was reported that …": nobody is named
            if strict and not _agentive(speaker, finder):
                continue
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


def _verb_content(verb: Any, finder: SpeakerFinder) -> tuple[list[Any], bool] | None:
    """The tokens a speech verb attributes and whether the attribution needs an agentive subject
    (stance and object readings do: "the storm warned of nothing")."""
    if _withheld(verb):
        return None
    v = vocab()
    lemma = lemma_of(verb)
    kids = list(verb.children)
    clause = next((c for c in kids if c.dep_ == "ccomp"), None)
    if clause is not None and lemma not in ("call",):
        return list(clause.subtree), False
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        skip = {t.i for t in verb.subtree}          # "The plan, he said, is flawed."
        return [t for t in verb.head.subtree if t.i not in skip], False
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if xcomp is not None and lemma in v.commitment:
        return _from(verb, kids, xcomp), True
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is not None and (lemma in v.object_stance or lemma in v.object_report):
        return _from(verb, kids, obj), True
    preps = v.stance_preps.get(lemma)
    if preps:
        prep = next((c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > verb.i), None)
        if prep is not None and any(True for _ in prep.children):
            return _from(verb, kids, prep), True
    return None


def _from(verb: Any, kids: list[Any], first: Any) -> list[Any]:
    """The verb's right-hand dependents from ``first`` on (object plus "as …", "for …", "over …")."""
    out = []
    for child in kids:
        if child.i >= first.i and child.dep_ not in ("punct", "cc", "conj", "nsubj", "advcl") \
                and not (child.dep_ == "prep" and child.lower_ in vocab().preps and child.i > first.i
                         and any(g.lower_ in vocab().media for g in child.children)):
            out.extend(child.subtree)
    return out


def _agentive(speaker: Any, finder: SpeakerFinder) -> bool:
    """A stance needs someone to hold it: a person, an organisation, a country, or a resolved
    pronoun — not an unnamed thing ("the storm warned of")."""
    if speaker.name is None or speaker.token < 0:
        return False
    m = finder.mentions.at_token(speaker.token)
    if m is not None:
        return m.label in _STANCE_SUBJECT_LABELS
    head = finder.doc[speaker.token]
    span_end = speaker.span.end if speaker.span else head.idx
    phrase = [t for t in finder.doc[head.i:] if t.idx < span_end]
    from .resources import data_json

    titles = set(data_json("titles.json")["titles"]) | {"officials", "lawmakers", "critics", "experts",
                                                         "analysts", "residents", "witnesses", "police",
                                                         "prosecutors", "democrats", "republicans"}
    return any(t.lower_ in titles or t.lower_.rstrip("s") in titles for t in phrase)


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
