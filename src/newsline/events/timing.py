"""The event's own time: which time expression of its sentence belongs to a trigger.

Never the publication date by default, never a time after "since" (it opens a period) nor the
base of a comparison ("up 12 percent from a year earlier", "higher than in 2022"). For each
trigger the candidates are the sentence's time expressions (DATE/TIME); each is scored by the
length of the dependency path between the trigger and the expression's head, plus a penalty when
the path passes through another trigger (the expression is more likely that event's) or the verb
that reports the event (the time is the report's; so is a time between that verb and the clause it
reports, "said on Monday it would cut", wherever the parser hung it), and a penalty for coarse values (a week, a month) so that
"on Thursday" beats "this week" at the same distance. The best candidate within ``max_distance``
wins. Otherwise the sentence's only time expression is used, unless another trigger is closer to
it. A report's time never dates an event the report does not state as having happened (planned,
hypothetical, agreed, negated: "said on Monday she would run in 2028" is 2028, "said on Monday it
would cut jobs" has no day). A trigger without either can borrow the time of the event it is linked to by "during/at"
("a deal reached during last week's talks"). A time inside a to-infinitive the trigger governs
("voted to hold a referendum next year") is the complement's, never the trigger's; the time of
an earlier event in the clause never dates one said to follow it ("detained on Friday and later
released on bail"). Weights are data (``cues.json``, ``time``).
"""
from __future__ import annotations

import re
from typing import Any

from ..records import TimeExpr
from .ontology import REAL_CONTEXTS, load_cues
from .triggers import Trigger, support_verb

__all__ = ["attach_times", "granularity", "during_link", "reports_time", "timex_root"]


def granularity(timex: TimeExpr) -> str:
    value = timex.value or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    rel = timex.relative or {}
    if "weekday" in rel or "days" in rel or "day" in rel:
        return "day"
    if "weeks" in rel or "week" in rel:
        return "week"
    return "other"


def _path(a: Any, b: Any) -> list[Any]:
    """Tokens on the dependency path from a to b (both ends excluded)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return [None] * 50
    left = up_a[1:up_a.index(common) + 1]
    right = up_b[1:up_b.index(common)]
    return [t for t in left + right if t is not a and t is not b]


def timex_root(doc: Any, timex: TimeExpr) -> Any | None:
    """The syntactic root token of a time expression in ``doc`` (None if its span does not align)."""
    span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def _is_framing_participle(token: Any, trigger: Trigger, cues: dict) -> bool:
    """A reduced relative of agreeing or planning on the trigger ("a swap agreed at the talks on
    June 2", "an exchange planned for Friday"): a time under it dates the agreement or the plan,
    never the event itself."""
    return (token.dep_ == "acl" and token.tag_ in ("VBN", "VBD") and token.head in trigger.tokens
            and token.lemma_.lower() in {*cues["agreed"], *cues["planned"]})


def _in_complement(trigger: Trigger, root: Any, cues: dict) -> bool:
    """A time inside the to-infinitive the trigger governs, after its verb ("lawmakers voted to
    hold a referendum next year", "agreed to meet on Friday"): it dates what the complement says,
    not the vote or the agreement. An act the decision itself performs ("voted to approve the
    budget on Tuesday": ``decided`` ``acts`` in cues.json) happens when the vote does."""
    acts = set(cues.get("decided", {}).get("acts", ()))
    return any(c.dep_ == "xcomp" and root in c.subtree and root.left_edge.i > c.i and c.lemma_.lower() not in acts
               for t in trigger.tokens for c in t.children if c not in trigger.tokens)


def _sequel(token: Any, cues: dict) -> bool:
    """A trigger said to come after another ("later released", "then fled": ``sequel_adverbs``)."""
    words = set(cues.get("sequel_adverbs", {}).get("words", ()))
    return any(c.dep_ == "advmod" and c.lower_ in words for c in token.children)


def _reporting(token: Any, cues: dict) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in {*cues["claim"], *cues["confirm"]}


def _modified(root: Any) -> Any:
    """The word a time expression modifies: the head of its preposition ("on Monday") or its own head."""
    head = root.head
    return head.head if head.dep_ == "prep" and head != root else head


def _reported_clause_time(trigger: Trigger, root: Any, cues: dict) -> bool:
    """"Nokia said on Monday it would cut jobs", parsed with "on Monday" under "cut": a time
    between a reporting verb and the start of the clause it reports (that clause's "that" or its
    subject) is the report's, wherever the parser hung it. An event noun carried by a light verb
    ("said on Monday the carmaker could file for bankruptcy") is reported through that verb."""
    node, steps = support_verb(trigger.token) or trigger.token, 0
    while node.head is not node and steps < 6:
        head = node.head
        if node.dep_ == "ccomp" and _reporting(head, cues) and head.i < node.i:
            openers = [c.i for c in node.children
                       if c.dep_ in ("mark", "nsubj", "nsubjpass", "expl") and head.i < c.i < node.i]
            return bool(openers) and root in node.subtree and _modified(root) == node \
                and head.i < root.left_edge.i and root.right_edge.i < min(openers)
        if node.dep_ not in ("ccomp", "xcomp", "conj"):
            return False
        node, steps = head, steps + 1
    return False


def reports_time(trigger: Trigger, root: Any, cues: dict | None = None) -> int:
    """How many verbs that report the event the time belongs to: the path from the trigger to the
    time climbs through them ("inflation rose in April, the office said on Friday"), or the time
    sits between the verb and the clause it reports ("said on Monday it would cut")."""
    cues = cues or load_cues()
    own = {t.i for t in trigger.tokens}
    path = _path(trigger.token, root)
    reported = sum(1 for t in path if t is not None and _reporting(t, cues) and t.i not in own
                   and t in trigger.token.ancestors)
    return reported or int(_reported_clause_time(trigger, root, cues))


def _score(trigger: Trigger, root: Any, timex: TimeExpr, others: set[int], weights: dict,
           cues: dict | None = None, context: str | None = None) -> float:
    path = _path(trigger.token, root)
    own = {t.i for t in trigger.tokens}
    cues = cues or load_cues()
    if any(t is not None and _is_framing_participle(t, trigger, cues) for t in path) or _in_complement(trigger, root, cues):
        return float("inf")
    crossed = sum(1 for t in path if t is not None and t.i in others and t.i not in own)
    if crossed and (_sequel(trigger.token, cues) or any(
            t is not None and t.i in others and t.i not in own and _sequel(t, cues) for t in path)):
        # "detained on Friday and later released": Friday is the detention's, and in "arrested
        # and later released on Wednesday" Wednesday is the release's
        return float("inf")
    # "inflation rose in April, the office said on Friday": a time of the verb that reports the
    # event is the report's; it dates the event only when the event is reported as having
    # happened ("said on Monday it had cut jobs") and nothing nearer does. A planned or
    # hypothetical event ("said on Monday it would cut jobs") never takes it.
    reported = reports_time(trigger, root, cues)
    if reported and context is not None and context not in REAL_CONTEXTS:
        return float("inf")
    distance = len(path) + 1 - (1 if root in trigger.token.subtree and root.head in trigger.tokens else 0)
    return (distance + crossed * weights["cross_trigger_penalty"] + reported * weights["reporting_verb_penalty"]
            + weights["granularity_penalty"][granularity(timex)])


_COMPARED_HEADS = {"up", "down", "high", "low", "higher", "lower", "more", "less", "compare", "compared"}


def _opens_a_period(root: Any) -> bool:
    """"its largest deal since 2022", "the first rise since March": a time after "since" starts a
    period the sentence compares against; so does the base of a comparison ("up 15 percent from a
    year earlier", "compared with the same quarter last year", "higher than in 2022"). It is not
    when the event happened."""
    node, steps = root, 0
    while node.head is not node and steps < 3:
        node, steps = node.head, steps + 1
        if node.dep_ != "prep":
            continue
        word = node.lower_
        if word in ("since", "than"):
            return True
        if word in ("from", "with", "to") and node.head.lemma_.lower() in _COMPARED_HEADS:
            return True
        if word in ("compared", "versus", "vs"):
            return True
        return False
    return False


def attach_times(doc: Any, triggers: list[Trigger], timexes: list[TimeExpr],
                 contexts: dict[int, str] | None = None) -> dict[int, TimeExpr]:
    """Map each trigger (by its token index) to the time expression that dates it, if any.
    ``contexts`` (trigger token index -> context) bars the time of a reporting verb from an event
    not reported as having happened."""
    contexts = contexts or {}
    cues = load_cues()
    weights = cues["time"]
    dated = [t for t in timexes if t.kind in ("DATE", "TIME")]
    roots = [(t, timex_root(doc, t)) for t in dated]
    roots = [(t, r) for t, r in roots if r is not None and not _opens_a_period(r)]
    trigger_tokens = {tok.i for trig in triggers for tok in trig.tokens}
    best: dict[int, tuple[float, TimeExpr]] = {}
    owner: dict[int, tuple[float, int]] = {}
    barred: set[tuple[int, int]] = set()
    for trig in triggers:
        for timex, root in roots:
            if root.sent != trig.token.sent:
                continue
            score = _score(trig, root, timex, trigger_tokens, weights, cues, contexts.get(trig.token.i))
            if score == float("inf"):
                barred.add((trig.token.i, id(timex)))
            if score <= weights["max_distance"] and score < best.get(trig.token.i, (99, None))[0]:
                best[trig.token.i] = (score, timex)
            if score < owner.get(id(timex), (99, -1))[0]:
                owner[id(timex)] = (score, trig.token.i)
    out = {i: timex for i, (_, timex) in best.items()}
    for trig in triggers:   # the sentence's only time expression, when no other trigger owns it
        in_sent = [(t, r) for t, r in roots if r.sent == trig.token.sent]
        if trig.token.i not in out and len(in_sent) == 1 and (trig.token.i, id(in_sent[0][0])) not in barred:
            timex = in_sent[0][0]
            if owner.get(id(timex), (0, trig.token.i))[1] == trig.token.i:
                out[trig.token.i] = timex
    return out


def during_link(trigger: Trigger, by_token: dict[int, Trigger], preps: set[str] | None = None) -> Trigger | None:
    """The event a trigger is said to happen during/at ("a deal reached during the talks")."""
    cues = load_cues()
    preps = preps or set(cues["during_preps"])
    heads = [trigger.token, *(c for c in trigger.token.children if c.dep_ in ("acl", "relcl")
                              and not _is_framing_participle(c, trigger, cues))]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lemma_.lower() in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in by_token and by_token[obj.i] is not trigger:
                        return by_token[obj.i]
    return None


def own_subtree_has(trigger: Trigger, timex: TimeExpr, doc: Any) -> bool:
    root = timex_root(doc, timex)
    return root is not None and any(root in t.subtree for t in trigger.tokens)
