"""Per-article event extraction: triggers -> mentions with type, mode, context, time and arguments.

``extract_mentions(layer)`` reads one article's language layer (its parse and annotations: the
ingest pipeline's ``events`` step, :mod:`newsline.pipeline`), finds the
triggers sentence by sentence (:mod:`.triggers`), and builds one :class:`EventMention` per trigger
with its context (:mod:`.context`), its own time (:mod:`.timing`), its arguments with evidence
spans (:mod:`.arguments`) and, for an agreement, links to the mentions that state its terms.
An article's mentions are replaced as a whole, so re-running is idempotent.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from typing import Any

from ..dating.mentions import date_mention
from ..records import Article, DateWindow, EventArgument, EventMention, Span, TimeExpr, to_dict
from .arguments import ArgumentFinder
from .context import detect_context, reporter_token
from ..nlp.timex import resolve_timex
from .language import ArticleLayer, layer_from_text
from .ontology import REAL_CONTEXTS, Ontology, load_cues, load_ontology
from .timing import attach_times, during_link, granularity, own_subtree_has, timex_root
from .triggers import Trigger, find_triggers, lexicon_lemma
from .ports import EventStore

__all__ = ["extract_events", "extract_mentions"]


def extract_events(store: EventStore, article_ids: Iterable[str]) -> int:
    """Extract and store the event mentions of the given articles; return how many were stored
    (the ``language`` and ``events`` steps of the pipeline for these articles, without workers)."""
    total = 0
    for article in store.iter_articles(list(article_ids)):
        mentions = extract_mentions(layer_from_text(article))
        total += store.replace_mentions(article.id, mentions)
    return total


def extract_mentions(layer: ArticleLayer, ontology: Ontology | None = None, *, use_model: bool = True) -> list[EventMention]:
    """Every event mention of one article, in text order (``use_model``: let the packaged sense
    model judge the lexicon's proposals; off, the lexicon alone decides)."""
    ontology = ontology or load_ontology()
    finder = ArgumentFinder(layer)
    seen: set[str] = set()
    mentions: list[EventMention] = []
    for i, sent in enumerate(layer.doc.sents):
        triggers = find_triggers(sent, ontology, seen, use_model=use_model)
        if triggers:
            found = _sentence_mentions(layer, sent, triggers, finder)
            mentions.extend(found)
            last = next((m for m in reversed(found) if m.context in REAL_CONTEXTS), None)
            if last is not None:
                last_at = (i, last)
        elif mentions and "last_at" in locals() and i - last_at[0] <= _CARRY_SENTENCES:
            _carry_details(last_at[1], sent, layer)
    return mentions


_CARRY_SENTENCES = 4


def _carry_details(mention: EventMention, sent: Any, layer: ArticleLayer) -> None:
    """Counts and ages in a following sentence with no event of its own ("The oldest was 59 and
    the youngest 22") describe the event just reported: attach them as its details. A sentence
    about what will or may happen ("they would also hand back 6,000 bodies") describes no past
    event and gives nothing."""
    cues = load_cues()
    if any(t.dep_ == "aux" and t.head.dep_ == "ROOT" and t.lemma_.lower() in {*cues["future_aux"], *cues["modal_aux"]}
           for t in sent):
        return
    if _names_another_time(mention, sent, layer):
        return
    for q in layer.quantities:
        persons = load_ontology().classes.get("persons", frozenset())
        counted = q.kind == "age" or (q.kind == "count" and (q.noun or "").lower().rstrip("s") in persons)
        if sent.start_char <= q.span.start < sent.end_char and q.value is not None and counted:
            mention.arguments.append(EventArgument("quantity", {**_q(q), "role": "detail"}, q.span))


def _names_another_time(mention: EventMention, sent: Any, layer: ArticleLayer) -> bool:
    """"As with Monday's first stage, which involved soldiers younger than 25" after a report of
    Tuesday's swap: a sentence that names a time other than the event's own is about another
    moment, and its counts are not this event's details."""
    own = {str(a.value.get("text", "")).lower() for a in mention.arguments
           if a.role == "time" and isinstance(a.value, dict)}
    body = layer.article.body
    times = [body[t.span.start:t.span.end].lower() for t in layer.timexes
             if t.kind in ("DATE", "TIME") and sent.start_char <= t.span.start < sent.end_char]
    return any(t not in own for t in times)


def _mention_id(article_id: str, trigger: Trigger) -> str:
    return f"{article_id}:{trigger.token.idx}"


def _sentence_mentions(layer: ArticleLayer, sent: Any, triggers: list[Trigger],
                       finder: ArgumentFinder) -> list[EventMention]:
    doc, aid = layer.doc, layer.article.id
    by_token = {tok.i: trig for trig in triggers for tok in trig.tokens}
    terms = _terms(triggers, by_token)
    # the context first: the time of the verb that reports an event dates it only when the event
    # is reported as having happened ("said on Monday it would cut jobs" is no Monday cut)
    contexts = {trig.token.i: "agreed" if trig.token.i in terms else detect_context(trig.token) for trig in triggers}
    times = attach_times(doc, triggers, layer.timexes, contexts)
    finder.sentence_triggers = [t for t in triggers if t.entry.quantity_role or t.entry.objects]
    out: dict[int, EventMention] = {}
    extra: list[EventMention] = []
    for trig in triggers:
        timex, via = times.get(trig.token.i), "trigger"
        if timex is not None and _names_the_event(trig, timex, doc, layer.article.body):
            timex = None   # "the September 11 attacks": a name, not the day of this report's event
        link = during_link(trig, by_token)
        if link is not None and (timex is None or not own_subtree_has(trig, timex, doc)):
            timex, via = times.get(link.token.i), f"during '{link.token.text}'"
        generic = _is_generic(trig, timex, doc)
        parent = terms.get(trig.token.i)
        context = "generic" if generic and parent is None else contexts[trig.token.i]
        out[trig.token.i] = _mention(layer, sent, trig, finder, timex, via, context, parent)
        if timex is not None and via == "trigger" and trig.token.tag_ == "NNS":
            # "earlier exchanges took place on Monday and Tuesday": one event per conjoined day
            for k, other in enumerate(_conjoined_times(doc, timex, layer.timexes), start=1):
                twin = _mention(layer, sent, trig, finder, other, via, context, parent)
                twin.id = f"{twin.id}+{k}"
                extra.append(twin)
    for trig in triggers:   # an event that happens during another shares its place and parties
        link = during_link(trig, by_token, {"during", "at"})   # not "amid": overlap in time only
        if link is not None and trig.token.i in out and link.token.i in out:
            _share(out[trig.token.i], out[link.token.i])
    stated: dict[int, list[EventMention]] = {}
    for child_i, parent in terms.items():   # the agreement lists the mentions that state its terms
        if parent.token.i in out and child_i in out:
            out[parent.token.i].arguments.append(
                EventArgument("term", out[child_i].id, out[child_i].trigger))
            stated.setdefault(parent.token.i, []).append(out[child_i])
    _agreed_deals(out, stated)
    return sorted([*out.values(), *extra], key=lambda m: (m.trigger.start, m.id))


_DEAL_FAMILIES = {"business"}
_DEAL_ROLES = ("target", "described_target")


def _agreed_deals(out: dict[int, EventMention], stated: dict[int, list[EventMention]]) -> None:
    """"Microsoft agreed to acquire Nordlys", "agreed to buy 40 jets": when everything an agreement
    states is a business deal, the agreement *is* that deal (an acquisition agreed, not a
    diplomatic accord): it takes the deal's type and mode, and the deal's other side when it names
    none. The term keeps its own mention, so a later report that the deal closed can carry it out.
    ``stated``: an agreement's token -> the mentions of its terms."""
    ontology = load_ontology()
    for parent_i, terms in stated.items():
        agreement = out[parent_i]
        if agreement.type != "AGREE" or not all(
                ontology.types.get(m.type, {}).get("family") in _DEAL_FAMILIES for m in terms):
            continue
        deal = terms[0]
        agreement.type, agreement.mode = deal.type, deal.mode
        if not any(a.role in _DEAL_ROLES for a in agreement.arguments):
            agreement.arguments += [a for a in deal.arguments if a.role in _DEAL_ROLES]


def _mention(layer: ArticleLayer, sent: Any, trig: Trigger, finder: ArgumentFinder, timex: TimeExpr | None,
             via: str, context: str, parent: Trigger | None) -> EventMention:
    aid, tok = layer.article.id, trig.token
    mention = EventMention(
        id=_mention_id(aid, trig), article_id=aid, type=trig.type, mode=trig.mode,
        trigger=Span(aid, tok.idx, tok.idx + len(tok.text), "trigger"),
        sentence=Span(aid, sent.start_char, sent.end_char, "sentence"), context=context)
    mention.arguments = _arguments(trig, finder, timex, via, layer)
    mention.arguments.append(EventArgument("lemma", lexicon_lemma(tok, load_ontology()), mention.trigger))
    if parent is not None:
        mention.arguments.append(EventArgument("agreement", _mention_id(aid, parent), _tok_span(aid, parent.token)))
    date_mention(mention, layer.article, past=_is_past(tok))
    return mention


_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b|'\d\d\b")


def _names_the_event(trig: Trigger, timex: TimeExpr, doc: Any, body: str) -> bool:
    """A day without a year that modifies the trigger noun ("the September 11 attacks", "the
    July 7 bombings") names a known event: resolving it against the publication date would re-date
    it to the latest calendar match. With its year ("the 2008 financial crisis") it dates it."""
    root = timex_root(doc, timex)
    if root is None or trig.token.pos_ != "NOUN" or root.head not in trig.tokens:
        return False
    return root.dep_ in ("nmod", "compound", "amod", "poss") and not _YEAR.search(timex.span.text(body))


def _conjoined_times(doc: Any, timex: TimeExpr, timexes: list[TimeExpr]) -> list[TimeExpr]:
    """The time expressions coordinated with ``timex`` ("on Monday and Tuesday"), in text order."""
    root = timex_root(doc, timex)
    if root is None:
        return []
    conj = {t.i for t in root.conjuncts}
    out = []
    for other in timexes:
        if other is timex or other.kind not in ("DATE", "TIME"):
            continue
        other_root = timex_root(doc, other)
        if other_root is not None and other_root.i in conj:
            out.append(other)
    return out


def _share(a: EventMention, b: EventMention) -> None:
    for role_set in (("place",), ("source", "target")):
        for x, y in ((a, b), (b, a)):
            if not any(arg.role in role_set for arg in y.arguments):
                y.arguments.extend(arg for arg in x.arguments if arg.role in role_set)


def _tok_span(aid: str, tok: Any) -> Span:
    return Span(aid, tok.idx, tok.idx + len(tok.text), "trigger")


def _terms(triggers: list[Trigger], by_token: dict[int, Trigger]) -> dict[int, Trigger]:
    """Trigger token -> the agreement trigger whose terms it states ("agreed to release …")."""
    out: dict[int, Trigger] = {}
    for trig in triggers:
        if trig.term_of is not None:
            out[trig.token.i] = trig.term_of
            continue
        node, steps = trig.token, 0
        while node.head is not node and steps < 5 and _is_complement(node):
            dep, node, steps = node.dep_, node.head, steps + 1
            owner = by_token.get(node.i)
            if owner is None or owner is trig:
                continue
            if owner.entry.governs_terms and owner.type != trig.type:
                out[trig.token.i] = owner
                break
            if dep != "conj":      # a coordinated term shares its sibling's agreement
                break
    return out


def _is_complement(node: Any) -> bool:
    """Whether ``node`` states the content of its head ("agreed to release", "deal on swaps")."""
    if node.dep_ in ("xcomp", "ccomp", "compound"):
        return True
    if node.dep_ == "conj":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    if node.dep_ == "pobj":
        return node.head.lemma_.lower() in ("of", "on", "for", "about")
    return node.dep_ == "prep" and node.lemma_.lower() in ("of", "on", "for", "about")


def _is_generic(trig: Trigger, timex: TimeExpr | None, doc: Any) -> bool:
    tok = trig.token
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or trig.entry.plural_ok or not trig.entry.plural_generic:
        return False
    if any(t.pos_ == "VERB" for t in trig.fused):
        return False
    has_number = any(c.dep_ == "nummod" for c in tok.children)
    return not has_number and (timex is None or not (own_subtree_has(trig, timex, doc)
                                                     or _occurs_at(trig, timex, doc)))


def _occurs_at(trig: Trigger, timex: TimeExpr, doc: Any) -> bool:
    """"Earlier exchanges took place on Monday": the trigger is the subject of a verb that only
    says it happened (``occurrence_verbs`` in cues.json), so that verb's time is the event's own."""
    tok = trig.token
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_.lower() not in load_cues()["occurrence_verbs"]:
        return False
    root = timex_root(doc, timex)
    return root is not None and root in tok.head.subtree and root not in tok.subtree


def _is_past(tok: Any) -> bool:
    """Past tense or perfect, on the trigger or on the verb that reports it; not a stance held up
    to now ("has so far rejected", "has repeatedly refused": ``ongoing_adverbs`` in cues.json),
    which dates nothing."""
    ongoing = set(load_cues()["ongoing_adverbs"])
    if any(c.dep_ == "advmod" and " ".join(t.lower_ for t in c.subtree) in ongoing for c in tok.children):
        return False
    for node in (tok, tok.head):
        if node.tag_ == "VBD" or (node.tag_ == "VBN" and any(c.lemma_ == "have" for c in node.children)):
            return True
        if node.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in node.children):
            return True
    return False


def _arguments(trig: Trigger, finder: ArgumentFinder, timex: TimeExpr | None, via: str,
               layer: ArticleLayer) -> list[EventArgument]:
    args = finder.actors(trig)
    spec = load_ontology().types.get(trig.type, {})
    if spec.get("per_side_counts"):
        args.extend(finder.parties())
    place = finder.place(trig)
    if place is not None:
        args.append(place)
    args.extend(finder.quantities(trig))
    for q in finder.undisclosed(trig.token.sent, trig):
        args.append(EventArgument("quantity", {**_q(q), "role": trig.entry.quantity_role}, q.span))
    if timex is not None:
        value = to_dict(timex)
        value.pop("span")
        value.update(text=timex.span.text(layer.article.body), via=via, granularity=granularity(timex))
        args.append(EventArgument("time", value, timex.span))
    reporter = reporter_token(trig.token)
    if reporter is not None:
        described = finder.possessed_reporter(reporter)
        names = finder._names(reporter, "reported_by") if described is None else []
        span = Span(layer.article.id, reporter.left_edge.idx, reporter.right_edge.idx + len(reporter.right_edge.text), "reporter")
        if described is not None:     # "his lawyer said", "the airline's spokesman said"
            args.append(described)
        elif names:
            args.extend(EventArgument("reported_by", a.value, a.span) for a in names)
        else:
            args.append(EventArgument("reported_by", span.text(layer.article.body), span))
        if names and spec.get("reporter_is_doer") and not any(a.role == "source" for a in args):
            # "Feldtek reported a drop in quarterly profit": whose results they are
            args = [a for a in args if a.role not in ("no_actor", "described_source")]
            args[:0] = [EventArgument("source", a.value, a.span) for a in names]
    return args


def _q(q: Any) -> dict[str, Any]:
    d = to_dict(q)
    d.pop("span", None)
    return d


