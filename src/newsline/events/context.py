"""The context of an event mention: asserted, claimed, agreed, planned, negated, hypothetical, generic.

"Russia and Ukraine agreed to exchange 1,000 prisoners" reports an agreement (asserted) and an
exchange that has not happened (agreed). The context is read from the trigger's own auxiliaries,
negation and modifiers, then from the words that govern it walking up the clause: the nearest
decisive cue wins (``cues.json``). An event noun carried by a light verb ("could file for
bankruptcy", "may go on strike") takes that verb's auxiliaries and negation as its own. A
one-sided report ("X said", "according to X") is *claimed*, with the speaker as ``reported_by``;
a confirmation ("confirmed", "both sides said") is *asserted*.
"""
from __future__ import annotations

from typing import Any

from .ontology import load_cues
from .triggers import support_verb

__all__ = ["detect_context", "reporter_token", "decided_clause"]

_CLIMB = {"xcomp", "ccomp", "advcl", "conj", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "acl",
          "relcl", "appos", "attr", "pcomp", "compound", "npadvmod", "oprd"}
_COMPLEMENT_PREPS = {"of", "for", "on", "about", "to", "over"}
_PLANNED_AMODS = {"future", "upcoming", "planned", "scheduled", "expected", "next"}
_HYPOTHETICAL_AMODS = {"proposed", "possible", "potential", "hypothetical", "unconditional"}


def _own_context(token: Any, cues: dict[str, Any]) -> str | None:
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word in ("no", "neither")):
            return "negated"
        if child.dep_ == "aux" and word in cues["future_aux"]:
            return "planned"
        if child.dep_ == "aux" and word == "would" and _future_in_past(token, cues):
            return "planned"      # "Nokia said it would cut 1,700 jobs": reported intention
        if child.dep_ == "aux" and word in cues["modal_aux"] and word not in ("must", "should", "can"):
            return "hypothetical"
        if child.dep_ == "mark" and word in ("if", "unless", "whether"):
            return "hypothetical"
        if child.dep_ == "amod" and word in _PLANNED_AMODS:
            return "planned"
        if child.dep_ == "amod" and word in _HYPOTHETICAL_AMODS and token.head.lemma_ in cues["hypothetical"]:
            return "hypothetical"
    return None


def _future_in_past(token: Any, cues: dict[str, Any]) -> bool:
    """"would" under a past reporting or planning verb, with no condition in the clause, is the
    reported future ("said it would cut"), not a hypothesis ("it would cut jobs if …")."""
    if any(c.dep_ in ("mark", "advcl") and c.lower_ in ("if", "unless") for c in token.subtree):
        return False
    head = token.head
    return (token.dep_ in ("ccomp", "xcomp") and head.tag_ in ("VBD", "VBN")
            and head.lemma_.lower() in {*cues["claim"], *cues["confirm"], *cues["planned"]})


def decided_clause(head: Any, child: Any, cues: dict[str, Any]) -> bool:
    """Whether ``child`` is the to-infinitive of a verb of deciding that states what was decided
    ("voted to hold a referendum", "decided to close the plant"; ``decided`` in cues.json), not
    an act the decision itself performs ("voted to approve the budget")."""
    rule = cues.get("decided", {})
    return (child.dep_ == "xcomp" and head.pos_ == "VERB" and head.lemma_.lower() in rule.get("verbs", ())
            and child.lemma_.lower() not in rule.get("acts", ()))


def _governor_context(head: Any, dep: str, cues: dict[str, Any], child: Any = None) -> str | None:
    lemma = head.lemma_.lower()
    if lemma in cues["agreed"] and head.pos_ in ("VERB", "NOUN"):
        return "agreed"
    if lemma in cues["planned"] and head.pos_ == "VERB":
        return "planned"
    if child is not None and decided_clause(head, child, cues):
        return "planned"
    if lemma in cues["hypothetical"]:
        return "hypothetical"
    if lemma in cues["negated_heads"] and head.pos_ == "VERB":
        return "negated"
    if dep == "xcomp" and any(c.dep_ == "neg" for c in head.children):
        return "negated"      # "did not agree to release" is caught above; "refused to" too
    if lemma in cues["confirm"]:
        return "asserted"
    if lemma in cues["claim"]:
        return "claimed"
    return None


def detect_context(token: Any, *, generic: bool = False) -> str:
    """The context of the event whose trigger is ``token`` (see module docstring)."""
    if generic:
        return "generic"
    cues = load_cues()
    own = _own_context(token, cues)
    if own:
        return own
    # "the carmaker could file for bankruptcy", "the union may go on strike": the auxiliaries and
    # negation of the verb that only carries the event noun are the event's own
    carrier = support_verb(token)
    own = _own_context(carrier, cues) if carrier is not None else None
    if own:
        return own
    node, steps, fact = token, 0, False
    while node.head is not node and node.dep_ in _CLIMB and steps < 8:
        if node.dep_ == "prep" and node.lemma_.lower() not in _COMPLEMENT_PREPS:
            break     # "during the talks, both sides agreed": a circumstance, not the content
        # "rioters set fire to the station after a student was killed": a past clause that gives
        # the circumstance of another event happened, whatever is planned or denied above it
        fact = fact or (node.dep_ == "advcl" and _past_clause(node))
        dep, child, node, steps = node.dep_, node, node.head, steps + 1
        if carrier is not None and node.i == carrier.i:
            continue  # the verb that carries the event noun: its own context was read above
        found = _governor_context(node, dep, cues, child)
        if fact and found in ("planned", "agreed", "hypothetical", "negated"):
            continue
        if found == "claimed" and _reciprocal_speaker(node, cues):
            return "asserted"
        if found:
            return found
        # "the visit will be rescheduled", "OPEC will hold an emergency meeting": an event that is
        # the subject or object of a future, modal or negated verb shares that verb's context
        inherited = _own_context(node, cues) if dep in ("xcomp", "ccomp", "conj", "nsubj", "nsubjpass", "dobj") else None
        if inherited in ("negated", "planned", "hypothetical") and not fact:
            return inherited
    return "asserted"


def _past_clause(verb: Any) -> bool:
    """A clause in the past: its verb or an auxiliary of it in a past tense ("was killed", "had
    fled", "protested"), and no future or modal auxiliary ("would leave")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in aux):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux)


def _reciprocal_speaker(verb: Any, cues: dict[str, Any]) -> bool:
    """"both sides said": a statement by both parties is a confirmation, not one side's claim."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            phrase = " ".join(t.lower_ for t in child.subtree)
            if any(r in phrase for r in cues["reciprocal"]) or any(c.dep_ == "conj" for c in child.children):
                return True
    return False


def reporter_token(token: Any) -> Any | None:
    """The subject of the nearest governing reporting verb ("X said …", "according to X"). A
    subject that holds the event itself is what is reported, not who reports it ("A storm swept
    across the coast, killing three, officials said", parsed with "storm" as a subject of "said")."""
    cues = load_cues()
    node, steps = token, 0
    while node.head is not node and steps < 8:
        below, node, steps = node, node.head, steps + 1
        if node.lemma_.lower() in cues["claim"] or node.lemma_.lower() in cues["confirm"]:
            for child in node.children:
                if child.dep_ == "nsubj" and child != below:
                    return child
                if child.dep_ == "prep" and child.lemma_ == "to":   # "according to the mayor"
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in token.sent.root.children:   # "…, according to the regional mayor."
        if child.lemma_ == "accord":
            to = next((c for c in child.children if c.lemma_ == "to"), None)
            return next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
        if child.dep_ in ("parataxis", "ccomp") and child.lemma_ in cues["claim"]:
            return next((g for g in child.children if g.dep_ == "nsubj"), None)
    return None
