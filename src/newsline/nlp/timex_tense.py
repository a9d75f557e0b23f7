"""The tense of the clause a time expression sits in, read from a spaCy parse.

Returns -1 (past), 0 (present or unknown) or +1 (future). The rule: climb from the expression's
head token to the first verb that governs it and read that verb's tense, looking at its
auxiliaries ("will meet" → future, "has exchanged" → past, "is meeting" → future). A verb in an
infinitive clause ("plans to meet on Monday") or after a future cue word ("scheduled", "due")
counts as future. Without any verb (headlines, fragments) the sentence root decides.
"""
from __future__ import annotations

from typing import Any

__all__ = ["tense_at"]

_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo"}
# word forms, not lemmas: the caller's pipeline may run without a lemmatizer
_FUTURE_CUES = {"scheduled", "plans", "plan", "planned", "planning", "expected", "expects", "expect", "due", "set",
                "slated", "intends", "intend", "aims", "hopes", "prepares", "preparing", "going", "ready"}
_BE = {"is", "are", "'s", "’s", "'re", "’re", "am", "be", "been", "was", "were"}
_PAST_AUX = {"had", "did", "was", "were"}


def tense_at(doc: Any, start: int, end: int) -> int:
    """Tense of the clause governing the character span ``start..end`` of ``doc``'s text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            return _verb_tense(token)
        if token.head is token:
            break
        token = token.head
    return _verb_tense(span.sent.root) if span.sent.root.pos_ in ("VERB", "AUX") else 0


def _verb_tense(verb: Any) -> int:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return 1
    if any(a.lower_ == "to" and a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb)
    if verb.tag_ == "VBG" and any(a.lower_ in _BE for a in auxes):
        return -1 if words & _PAST_AUX else 1  # "is meeting on Monday" plans a future event
    if verb.tag_ in ("VBD",) or words & {"had", "did", "has", "have", "'ve", "was", "were"}:
        return -1
    if verb.tag_ == "VBN":
        return 1 if verb.lower_ in _FUTURE_CUES and words & _BE else -1
    if verb.tag_ == "MD":
        return 1 if verb.lower_ in _FUTURE_AUX else 0
    if verb.tag_ in ("VBZ", "VBP"):
        return 1 if verb.lower_ in _FUTURE_CUES else 0
    return 0


def _infinitive_tense(verb: Any) -> int:
    """'plans to meet Monday' looks ahead of its governing verb; 'agreed to meet' too."""
    head = verb.head
    if head is verb:
        return 1
    if head.lower_ in _FUTURE_CUES or head.tag_ in ("VBZ", "VBP", "MD", "VB"):
        return 1
    return 1 if head.tag_ != "VBD" else 0
