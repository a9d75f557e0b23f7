"""Arguments of an event mention, each with its evidence span: actors, place, quantities.

* **source / target / mediator**: the named entities (canonical names from the language layer) in
  the trigger's subject (or "by" agent, possessor, demonym modifier) / object ("on", "against",
  "with", "to") / "mediated by", "brokered by". A capital used as an actor stands for its country
  ("Moscow and Kyiv agreed"). "Both sides", "mutual", "the two countries" name the article's two
  most frequent actors, with the reciprocal phrase as evidence.
* **place**: a GPE/LOC/FAC entity under "in/at/near/outside" of the trigger ("talks in Istanbul",
  "in the southern region of Kherson" -> "Kherson region").
* **quantity**: the language layer's quantities inside the trigger's arguments, with qualifier,
  scope and the role the lexicon gives ("killed", "released").
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import Entity, EventArgument, Quantity, Span, to_dict
from .language import ArticleLayer, country_for, is_country
from .ontology import load_cues
from .triggers import Trigger, object_tokens

__all__ = ["ArgumentFinder"]

_ACTOR_LABELS = {"GPE", "ORG", "PERSON", "NORP"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_PREPS = {"in", "at", "near", "outside", "around", "across", "inside"}
_TARGET_PREPS = {"on", "against", "with", "to", "into", "at"}
_MEDIATOR_VERBS = {"mediate", "broker", "facilitate", "host"}
# preposition of a trigger -> what a money or percentage under it states
_MEASURE_PREPS = {"for": "value", "at": "value", "worth": "value", "of": "value", "by": "change", "to": "level",
                  "from": "previous"}
_REGION_NOUNS = {"region", "province", "oblast", "district", "area", "city", "town", "village", "state"}


class ArgumentFinder:
    """Argument extraction over one article (its entity index and principal actors)."""

    def __init__(self, layer: ArticleLayer):
        self.layer = layer
        self.doc = layer.doc
        self.by_char: dict[int, Entity] = {}
        for ent in layer.entities:
            for c in range(ent.span.start, ent.span.end):
                self.by_char.setdefault(c, ent)
        self.cues = load_cues()
        self.sentence_triggers: list[Trigger] = []
        counts = Counter(self.actor_name(e) for e in layer.entities if e.label in ("GPE", "NORP", "ORG"))
        self.principal = [name for name, _ in counts.most_common(2) if name]
        self.affiliation = self._affiliations()
        self.first_span = {}
        for e in layer.entities:
            self.first_span.setdefault(self.actor_name(e), e.span)

    def _affiliations(self) -> dict[str, tuple[str, Span]]:
        """Person -> the country named just before one of its mentions ("Ukrainian President X")."""
        out: dict[str, tuple[str, Span]] = {}
        for ent in self.layer.entities:
            if ent.label != "PERSON" or ent.canonical in out:
                continue
            span = self.doc.char_span(ent.span.start, ent.span.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in self.doc[max(span.start - 4, span.sent.start):span.start]:
                other = self.entity_at(tok)
                if other is not None and other.label in ("NORP", "GPE") and tok.dep_ in ("amod", "compound", "poss", "nmod"):
                    out[ent.canonical] = (self.actor_name(other) or other.canonical, other.span)
        return out

    def parties(self) -> list[EventArgument]:
        """The article's two principal actors, each with its first mention as evidence."""
        return [EventArgument("party", name, self.first_span[name]) for name in self.principal
                if name in self.first_span]

    # -- names -----------------------------------------------------------------------------------
    def actor_name(self, ent: Entity) -> str | None:
        if ent.label == "NORP" or ent.label == "GPE":
            return country_for(ent.canonical) or ent.canonical
        return ent.canonical

    def entity_at(self, token: Any) -> Entity | None:
        return self.by_char.get(token.idx)

    def _span(self, token_or_span: Any, label: str) -> Span:
        start = token_or_span.idx if hasattr(token_or_span, "idx") else token_or_span.start_char
        end = start + len(token_or_span.text)
        return Span(self.layer.article.id, start, end, label)

    def _phrase_entities(self, head: Any, labels: set[str]) -> list[Entity]:
        """Entities in a noun phrase (the head, its modifiers and conjuncts, not its clauses)."""
        out, stack = [], [head]
        while stack:
            tok = stack.pop()
            ent = self.entity_at(tok)
            if ent is not None and ent.label in labels and ent not in out:
                out.append(ent)
            stack.extend(c for c in tok.children if c.dep_ in ("compound", "amod", "poss", "conj", "nmod", "appos", "pobj")
                         or (c.dep_ == "prep" and c.lemma_ == "of"))
        return out

    # -- roles -------------------------------------------------------------------------------------
    def actors(self, trigger: Trigger) -> list[EventArgument]:
        args: list[EventArgument] = []
        tok = trigger.token
        for head in trigger.tokens:
            for child in head.children:
                role = self._role_of(head, child)
                if role is None:
                    continue
                node = next((g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ in ("prep", "agent") else child
                if node is None or node in trigger.tokens:
                    continue
                args += self._names(node, role)
        if any(c.dep_ == "amod" and c.lower_ in self.cues["reciprocal"] for c in tok.children):
            mutual = next(c for c in tok.children if c.dep_ == "amod" and c.lower_ in self.cues["reciprocal"])
            args += [EventArgument("source", name, self._span(mutual, "reciprocal")) for name in self.principal]
        if not any(a.role == "source" for a in args) and tok.dep_ in ("xcomp", "conj") and tok.head.pos_ == "VERB":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)   # "agreed to release"
            if subj is not None:
                args += self._names(subj, "source")
        if not any(a.role == "source" for a in args):
            args += self._speaker_as_subject(tok)
        args = _dedupe(args)
        if not any(a.role in ("source", "target") for a in args):
            args.append(EventArgument("no_actor", self._why_no_actor(tok), self._span(tok, "trigger")))
        return args

    def _speaker_as_subject(self, tok: Any) -> list[EventArgument]:
        """"Nokia said it would cut 1,700 jobs": the pronoun subject of a reported clause is the
        speaker when the speaker is a named organisation or person (evidence: the speaker's name)."""
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "PRON" or subj.lower_ not in ("it", "they", "he", "she", "we"):
            return []
        node = tok
        while node.dep_ in ("ccomp", "xcomp", "conj") and node.head is not node:
            node = node.head
            if node.lemma_.lower() in self.cues["claim"] or node.lemma_.lower() in self.cues["confirm"]:
                speaker = next((c for c in node.children if c.dep_ == "nsubj"), None)
                if speaker is not None:
                    return [a for a in self._names(speaker, "source") if a.role == "source"]
                break
        return []

    def _why_no_actor(self, tok: Any) -> str:
        """Why an event has no actor: the reason is part of the output, not a silent gap."""
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if passive and not any(c.dep_ == "agent" for c in tok.children):
            return "passive with no agent: the text does not say who did it"
        if subj is not None and self.entity_at(subj) is None:
            phrase = " ".join(t.text for t in subj.subtree)[:60]
            return f"the doer is not named ('{phrase}' is no named person, organisation or place)"
        if tok.pos_ == "NOUN":
            return "the event is named by a noun with no party attached ('the crash', 'a strike')"
        return "the text names no party to this event in its sentence"

    def _role_of(self, head: Any, child: Any) -> str | None:
        dep, lemma = child.dep_, child.lemma_.lower()
        if dep in ("nsubj", "poss") or (dep == "agent") or (dep == "amod" and child.ent_type_ == "NORP"):
            return "source"
        if dep == "compound" and child.ent_type_ in ("NORP", "ORG"):
            return "source"
        if dep == "compound" and child.ent_type_ == "GPE":
            # "Russian-Ukrainian talks", "the Kyiv government": a country (or its capital) acts;
            # "the Istanbul talks", "Kherson shelling": a city or region is where it happened
            ent = self.entity_at(child)
            return "source" if ent is not None and (is_country(ent.canonical) or country_for(ent.canonical)) else None
        if dep == "dobj" or (dep == "prep" and lemma in _TARGET_PREPS and head.pos_ in ("VERB", "NOUN")):
            return "target"
        if dep == "prep" and lemma == "by" and head.lemma_ in _MEDIATOR_VERBS:
            return "mediator"
        return None

    def _names(self, node: Any, role: str) -> list[EventArgument]:
        phrase = " ".join(t.lower_ for t in node.subtree)
        if any(r in phrase.split(" ") or r in phrase for r in self.cues["reciprocal"]) and len(phrase) < 60:
            span = self._span(self.doc[node.left_edge.i:node.right_edge.i + 1], "reciprocal")
            return [EventArgument("source", name, span) for name in self.principal]
        labels = _ACTOR_LABELS if role != "target" else _ACTOR_LABELS | {"LOC"}
        out = []
        for ent in self._phrase_entities(node, labels):
            name = self.actor_name(ent)
            if name:
                out.append(EventArgument(role, name, ent.span))
            if ent.label == "PERSON" and ent.canonical in self.affiliation:
                country, span = self.affiliation[ent.canonical]
                out.append(EventArgument("affiliation", {"actor": name, "country": country}, span))
        return out

    def place(self, trigger: Trigger) -> EventArgument | None:
        # a place phrase may hang off the trigger, its participle ("reached in …") or its time
        # modifier ("talks earlier this month in Istanbul")
        heads = [*trigger.tokens, *(c for t in trigger.tokens for c in t.children if c.dep_ in ("npadvmod", "acl"))]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lemma_.lower() not in _PLACE_PREPS:
                    continue
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    found = self._place_from(obj)
                    if found:
                        return found
        for tok in trigger.tokens:   # "the Istanbul talks", "Kherson shelling"
            for child in tok.children:
                ent = self.entity_at(child)
                if child.dep_ == "compound" and ent is not None and ent.label in _PLACE_LABELS:
                    return EventArgument("place", ent.canonical, ent.span)
        return None

    def _place_from(self, obj: Any) -> EventArgument | None:
        ent = self.entity_at(obj)
        if ent is not None and ent.label in _PLACE_LABELS:
            return EventArgument("place", ent.canonical, ent.span)
        if obj.lemma_.lower() in _REGION_NOUNS:   # "the southern region of Kherson"
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lemma_ == "of"):
                for g in (g for g in prep.children if g.dep_ == "pobj"):
                    named = self.entity_at(g)
                    name = named.canonical if named is not None else (g.text if g.pos_ == "PROPN" else None)
                    if name:
                        span = self._span(self.doc[obj.i:g.i + 1], "place")
                        return EventArgument("place", f"{name} {obj.lemma_.lower()}", span)
            compound = [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if compound:
                span = self._span(self.doc[compound[0].i:obj.i + 1], "place")
                return EventArgument("place", f"{compound[0].text} {obj.lemma_.lower()}", span)
        return None

    def quantities(self, trigger: Trigger) -> list[EventArgument]:
        """Quantities inside the trigger's object phrases (or its own phrase for nouns)."""
        out, taken = [], set()
        for tok in trigger.tokens:
            heads = list(object_tokens(tok))
            if tok.pos_ == "VERB":   # "release … — more than 1,000 on each side —"
                heads += [c for c in tok.children if c.dep_ in ("dobj", "npadvmod")]
            else:
                heads += [c for c in tok.children if c.dep_ in ("nummod", "quantmod")]
            # "the two sides agreed": a definite active subject names the parties, it counts nothing
            heads = [h for h in heads if not (h.dep_ == "nsubj" and any(
                c.dep_ == "det" and c.lower_ in ("the", "these", "those", "both") for c in h.children))]
            ranges = [(h.left_edge.idx, h.right_edge.idx + len(h.right_edge.text)) for h in heads]
            for q in self.layer.quantities:
                if q.span.start not in taken and any(lo <= q.span.start and q.span.end <= hi for lo, hi in ranges):
                    taken.add(q.span.start)
                    out.append(EventArgument("quantity", self._quantity_value(q, trigger.roles.get(tok.i)), q.span))
            for q, role in self._measures(tok, taken):   # "for $7.4 billion", "rose 5.8 percent to 7,200"
                taken.add(q.span.start)
                out.append(EventArgument("quantity", self._quantity_value(q, role), q.span))
        return out

    def _measures(self, tok: Any, taken: set[int]) -> list[tuple[Quantity, str]]:
        """Money and percentages the trigger's prepositions or measure phrases state: the price
        ("bought X for $7.4 billion"), the change ("rose 5.8 percent", "by a quarter point"), the
        level reached ("to 7,200"). Each keeps its qualifier ("more than", "about")."""
        out = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lemma_.lower() in _MEASURE_PREPS:
                role = _MEASURE_PREPS[child.lemma_.lower()]
            elif child.dep_ in ("npadvmod", "dobj", "advmod", "attr") and tok.pos_ == "VERB":
                role = "change"
            else:
                continue
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            for q in self.layer.quantities:
                if q.span.start in taken or not (lo <= q.span.start and q.span.end <= hi):
                    continue
                if q.kind in ("money", "percent"):
                    out.append((q, "price" if role == "value" and q.kind == "money" else role))
                elif role == "level" and q.kind == "count":
                    out.append((q, role))
        return out

    def _quantity_value(self, q: Quantity, role: str | None) -> dict[str, Any]:
        value = to_dict(q)
        value.pop("span", None)
        value["role"] = role
        return value

    def undisclosed(self, sent: Any, trigger: Trigger) -> list[Quantity]:
        """Undisclosed counts of the sentence ("did not disclose the number") that belong to this
        trigger: the one of the sentence's triggers nearest to the phrase."""
        out = []
        for q in self.layer.quantities:
            if q.kind != "undisclosed" or not sent.start_char <= q.span.start < sent.end_char:
                continue
            nearest = min(self.sentence_triggers, key=lambda t: abs(t.token.idx - q.span.start), default=None)
            if nearest is trigger:
                out.append(q)
        return out


def _dedupe(args: list[EventArgument]) -> list[EventArgument]:
    seen, out = set(), []
    for a in args:
        key = (a.role, str(a.value))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
