"""Light rule-based coreference for nominals and pronouns.

A full coreference model is out of reach for the small English model and far too slow for the
layer's budget, so two rules cover what quote attribution and event actors need (vocabularies in
``coref.json`` and ``titles.json``):

* a definite nominal ``the <noun>`` refers to the nearest preceding entity whose head noun is that
  noun ("the ministry" -> "Russian Ministry of Defence"), whose title it is ("the ombudsman" ->
  "Dmytro Lubinets"), or, for category nouns ("the country"), whose label fits;
* a personal pronoun (he/she/him/her/his) refers to the nearest preceding PERSON mention in the
  same or the previous ``window`` sentences whose gender, when known, agrees. Binding a pronoun
  records the person's gender, so a later "she" will not pick a man.

A mention with no fitting antecedent is not produced (no value without evidence).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .entities import Mention, MentionSet
from .resources import data_json

__all__ = ["resolve_coreference"]


@lru_cache(maxsize=1)
def _vocab() -> tuple[dict[str, str], dict[str, list[str]], frozenset[str], int, int]:
    raw = data_json("coref.json")
    titles = frozenset(data_json("titles.json")["titles"])
    return raw["pronouns"], raw["categories"], titles, raw["window"], raw["nominal_window"]


def resolve_coreference(doc: Any, found: MentionSet) -> None:
    """Add nominal and pronoun mentions (kind ``nominal``/``pronoun``) to ``found`` in place."""
    pronouns, _, _, _, _ = _vocab()
    covered = _covered(found)
    names = sorted(found.mentions, key=lambda m: m.start)
    added: list[Mention] = []
    for token in doc:
        if token.i in covered:
            continue
        if token.lower_ in pronouns and token.pos_ == "PRON":
            m = _pronoun(token, _merge_prior(names, added, token.i), found)
        elif token.pos_ == "NOUN" and _definite_det(token) is not None:
            m = _nominal(token, _merge_prior(names, added, token.i), found)
        else:
            m = None
        if m is not None:
            added.append(m)
    found.mentions.extend(added)


def _covered(found: MentionSet) -> set[int]:
    return {i for m in found.mentions for i in range(m.start, m.end)}


def _merge_prior(names: list[Mention], added: list[Mention], i: int) -> list[Mention]:
    """Mentions that end before token ``i``, nearest first."""
    prior = [m for m in names if m.end <= i] + [m for m in added if m.end <= i]
    prior.sort(key=lambda m: m.end, reverse=True)
    return prior


def _pronoun(token: Any, prior: list[Mention], found: MentionSet) -> Mention | None:
    """Nearest fitting PERSON in the pronoun's own sentence; else, in the sentences before, the
    nearest one that was a subject (salience), else the nearest. An object pronoun never takes the
    subject of its own clause ("Zelensky thanked him")."""
    pronouns, _, _, window, _ = _vocab()
    gender = pronouns[token.lower_]
    sent = found.sent_of[token.i]
    banned = _own_subject(token, prior)
    fits = [m for m in prior if sent - m.sent <= window and m.label == "PERSON" and m.canonical not in banned
            and found.gender.get(m.canonical, gender) == gender]
    same = [m for m in fits if m.sent == sent]
    pick = same[0] if same else next((m for m in fits if m.subject), fits[0] if fits else None)
    if pick is None:
        return None
    found.gender.setdefault(pick.canonical, gender)
    return Mention(token.i, token.i + 1, "PERSON", pick.canonical, "pronoun", sent, pick.title, pick.head,
                   subject=token.dep_ in ("nsubj", "nsubjpass"))


def _own_subject(token: Any, prior: list[Mention]) -> set[str]:
    """Names of the subject of the clause an object pronoun sits in."""
    if token.dep_ not in ("dobj", "dative", "iobj", "pobj") or token.lower_ not in ("him", "her"):
        return set()
    verb = token.head.head if token.dep_ == "pobj" else token.head
    subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    return {m.canonical for m in prior if any(m.start <= i < m.end for i in subjects)}


def _nominal(token: Any, prior: list[Mention], found: MentionSet) -> Mention | None:
    """``the <noun>`` (adjectives allowed between) resolved to the nearest fitting entity."""
    _, categories, titles, _, window = _vocab()
    det = _definite_det(token)
    if det is None:
        return None
    word = token.lower_
    sent = found.sent_of[token.i]
    for m in prior:
        if sent - m.sent > window:
            break
        if m.kind == "pronoun":
            continue
        fits = (m.head and m.head == word) or (m.title == word) or (m.label in categories.get(word, ()))
        if word in titles and m.label != "PERSON":
            fits = False
        if fits:
            return Mention(det.i, token.i + 1, m.label, m.canonical, "nominal", sent, m.title, m.head)
    return None


def _definite_det(token: Any) -> Any | None:
    """The ``the`` opening a noun phrase headed by ``token``, if the phrase is just det + modifiers
    + noun (no "the number of …" style phrase whose head is a different thing)."""
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "the" and child.i < token.i:
            between = token.doc[child.i + 1:token.i]
            if all(t.dep_ in ("amod", "compound", "nmod") and t.ent_type_ == "" for t in between):
                return child
    return None
