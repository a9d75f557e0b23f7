"""Find event triggers in a parsed sentence with the lexicon (lemma + dependency constraints).

A token is a trigger when a lexicon entry for its lemma fits: the part of speech, a required
particle or preposition, the class of its object, a required modifier. Tokens that only describe
a participant ("captured soldiers", "the returned soldiers") or only name the content of another
trigger ("a prisoner swap agreement") are not triggers of their own; two triggers of one event in
one clause ("air strikes ... killed ... and wounded") are fused into one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ontology import Ontology, TriggerEntry

__all__ = ["Trigger", "find_triggers", "object_tokens"]

_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_DESCRIPTOR_DEPS = {"amod", "acl", "compound", "nmod"}
_PERSON_PRONOUNS = {"him", "her", "them", "me", "us", "he", "she", "they", "himself", "herself", "themselves"}


@dataclass(slots=True)
class Trigger:
    """A trigger token with its lexicon entry, the mode it fired with and fused tokens."""

    token: Any
    entry: TriggerEntry
    mode: str | None
    fused: list[Any] = field(default_factory=list)
    term_of: "Trigger | None" = None      # the agreement whose terms this trigger states
    roles: dict[int, str | None] = field(default_factory=dict)   # token -> quantity role

    @property
    def tokens(self) -> list[Any]:
        return [self.token, *self.fused]

    @property
    def type(self) -> str:
        return self.entry.type


def object_tokens(token: Any) -> list[Any]:
    """The tokens that say what a trigger acts on: objects, 'of' objects, compounds, conjuncts."""
    out = []
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS or (child.dep_ == "compound" and token.pos_ == "NOUN"):
            out.append(child)
        elif child.dep_ == "prep" and child.lemma_ in ("of", "from") and token.pos_ == "NOUN":
            out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "nsubj" and token.pos_ == "VERB" and not any(
                c.dep_ in ("dobj", "nsubjpass") for c in token.children):
            out.append(child)   # intransitive: "soldiers returned", "a group ... was returned"
    for obj in list(out):
        out.extend(c for c in obj.children if c.dep_ == "conj")
        # "a group of soldiers", "the bodies of 6,000 soldiers": look through the measure noun
        out.extend(g for p in obj.children if p.dep_ == "prep" and p.lemma_ == "of"
                   for g in p.children if g.dep_ == "pobj")
    return out


def _subject_fits(token: Any, entry: TriggerEntry, ontology: Ontology) -> bool:
    """"Missiles struck the city", "was struck by a drone": the doer belongs to the class."""
    words = ontology.classes.get(entry.subjects or "", frozenset())
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    doers += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(d.lemma_.lower() in words or d.text.lower() in words for d in doers)


def _object_fits(token: Any, entry: TriggerEntry, ontology: Ontology) -> bool:
    if entry.subjects is not None and _subject_fits(token, entry, ontology):
        return True
    if entry.objects is None:
        return entry.subjects is None
    words = ontology.classes.get(entry.objects, frozenset())
    for obj in object_tokens(token):
        if obj.lemma_.lower() in words or obj.text.lower() in words:
            return True
        if entry.place_objects and obj.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if entry.person_objects and (obj.ent_type_ == "PERSON" or (obj.pos_ == "PRON" and obj.lower_ in _PERSON_PRONOUNS)):
            return True
    return False


def _modifier_mode(token: Any, entry: TriggerEntry) -> tuple[bool, str | None]:
    if not entry.modifiers:
        return True, entry.mode
    table = dict(entry.modifiers)
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() in table:
            return True, table[child.lemma_.lower()]
    return not entry.modifiers_required, entry.mode


def _constraints_fit(token: Any, entry: TriggerEntry) -> bool:
    if entry.particle and not any(c.dep_ == "prt" and c.lemma_.lower() == entry.particle for c in token.children):
        return False
    if entry.prep and not any(c.dep_ == "prep" and c.lemma_.lower() == entry.prep for c in token.children):
        return False
    return True


def match_token(token: Any, ontology: Ontology, seen_types: set[str]) -> tuple[TriggerEntry, str | None] | None:
    """The first lexicon entry that fits ``token``; ``seen_types`` holds the types found or announced
    (``discourse_cues``) earlier in the same article (a bare "the swap" after "exchanged prisoners"
    or "the prisoner deal" is a prisoner swap)."""
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    for entry in ontology.by_lemma.get(token.lemma_.lower(), ()):
        if pos not in entry.pos or not _constraints_fit(token, entry):
            continue
        ok, mode = _modifier_mode(token, entry)
        if not ok:
            continue
        if _object_fits(token, entry, ontology):
            return entry, mode
        if entry.discourse and entry.type in seen_types and not object_tokens(token):
            return entry, mode
    return None


def _is_descriptor(token: Any) -> bool:
    """A participle or noun that describes a participant rather than reporting an event."""
    if token.dep_ == "amod":
        return True
    if token.dep_ == "acl" and token.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in token.children):
        return True   # "soldiers killed in the war", "a deal reached …" (the noun is the trigger)
    if token.tag_ == "VBN" and token.dep_ in ("acomp", "oprd", "conj", "appos", "attr", "advcl") and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj", "agent") for c in token.children):
        return True   # "all either wounded or under 25", "described as severely wounded" (the
        # parser often hangs such a bare participle as an adverbial clause: it states a condition)
    if token.tag_ == "VBN" and (any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in token.children)
                                or (token.dep_ == "conj" and token.head.pos_ == "ADJ")):
        return True   # "were wounded or seriously ill": a state beside an adjective, not an attack
    return token.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "LAW", "EVENT") and token.pos_ == "PROPN"


def find_triggers(sent: Any, ontology: Ontology, seen_types: set[str]) -> list[Trigger]:
    """Triggers of one sentence, in text order, with compound terms and same-event fusion applied."""
    found: dict[int, Trigger] = {}
    for token in sent:
        # "the prisoner agreement ... three exchanges": a cue word announces what a bare
        # "exchange" / "swap" later in the article refers to, as an earlier typed trigger would
        seen_types.update(ontology.discourse_cues.get(token.lemma_.lower(), ()))
        if token.pos_ not in ("VERB", "NOUN", "AUX") or _is_descriptor(token):
            continue
        hit = match_token(token, ontology, seen_types)
        if hit:
            found[token.i] = Trigger(token, hit[0], hit[1], roles={token.i: hit[0].quantity_role})
            seen_types.add(hit[0].type)
    for i in [i for i, t in found.items() if t.token.dep_ == "compound" and t.token.head.i not in found]:
        del found[i]   # "riot police", "attack helicopter": the noun names a kind of thing, not an event
    _mark_compound_terms(found)
    return _fuse(found, ontology)


def _mark_compound_terms(found: dict[int, Trigger]) -> None:
    """"a prisoner swap agreement": the compound names the agreement's term, not an event of its own."""
    for i, trig in found.items():
        head = found.get(trig.token.head.i)
        if trig.token.dep_ == "compound" and head is not None:
            trig.term_of = head if head.entry.governs_terms else None


def _fuse(found: dict[int, Trigger], ontology: Ontology) -> list[Trigger]:
    """Merge same-type triggers linked as subject/object/conjunct ("strikes killed … and wounded")."""
    kept = dict(found)
    for i in sorted(found):
        trig = found[i]
        if trig.token.dep_ == "compound" and trig.term_of is None and trig.token.head.i in kept:
            kept[trig.token.head.i].fused.append(trig.token)
            kept.pop(i, None)
            continue
        head = kept.get(trig.token.head.i)
        if head is None or head is trig or not ontology.compatible(
                (head.entry.type, head.mode), (trig.entry.type, trig.mode)):
            continue
        if trig.token.dep_ in ("nsubj", "dobj", "conj", "nsubjpass", "pobj", "acl"):
            target, other = (head, trig)
            if other.mode and ":" in other.mode and not (target.mode and ":" in target.mode):
                target.mode = other.mode   # keep the more specific mode ("aerial:airstrike")
            target.fused.extend(other.tokens)
            target.roles.update(other.roles)
            kept.pop(i, None)
    return [kept[i] for i in sorted(kept)]
