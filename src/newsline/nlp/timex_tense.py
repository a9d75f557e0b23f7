"""The tense of the clause a time expression sits in, read from a spaCy parse.

Returns -1 (past), 0 (present or unknown) or +1 (future). The rule: climb from the expression's
head token to the first verb that governs it and read that verb's tense from its tag and its
auxiliaries ("will meet" → future, "has exchanged" → past, "is meeting" → future, "had been due"
→ past). An infinitive under an intent verb ("plans to meet on Monday"), a planning verb ("scheduled a news
conference Thursday") or a present-tense verb that is not a reporting verb ("the talks resume
Monday") looks ahead. A possessive ("Tuesday's announcement") names a day already talked about,
so it gets no tense. Without a verb the sentence root decides. Word lists are in
``data/timex/tense.json``; they are word forms, not lemmas, because the caller's pipeline may
run without a lemmatizer.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..datafiles import load_json

__all__ = ["tense_at"]


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load_json("timex", "tense.json").items()}


def tense_at(doc: Any, start: int, end: int) -> int:
    """Tense of the clause governing the character span ``start..end`` of ``doc``'s text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0
    token = span.root
    if token.dep_ == "poss":
        return 0
    via_noun = False  # "accusations over the weekend": the time belongs to the noun, not the verb
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            tense = _verb_tense(token)
            return 0 if via_noun and tense > 0 and token.tag_ in ("VBZ", "VBP") else tense
        if token.head is token:
            break
        token = token.head
        via_noun = via_noun or token.pos_ in ("NOUN", "PROPN")
    root = span.sent.root
    return _verb_tense(root) if root.pos_ in ("VERB", "AUX") else 0


def _verb_tense(verb: Any) -> int:
    w = _words()
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    form = verb.lower_
    if auxes & w["past_perfect_aux"]:
        return -1
    if auxes & w["future_aux"] or (verb.tag_ == "MD" and form in w["future_aux"]):
        return 1
    if "to" in auxes:  # "plans to meet Monday" looks ahead; "was able to restore … by Saturday" does not
        head = verb.head
        return 1 if head.lower_ in w["intent_verbs"] or head.lower_ in w["future_aux"] else 0
    if form in w["planning_verbs"]:
        return 1
    if verb.tag_ == "VBG" and auxes & w["be_present"]:
        return 1  # "is meeting on Monday"
    if verb.tag_ == "VBD" or auxes & w["past_aux"]:
        return -1
    if verb.tag_ == "VBN":
        return 0 if auxes & w["be_present"] else -1  # "is held" present; "the deal reached" past
    if verb.tag_ in ("VBZ", "VBP"):
        return 0 if form in w["reporting_verbs"] or form in w["be_present"] else 1
    return 0
