"""Canonical names: spelling variants folded, owners attached, surnames expanded.

``canonical_name(text, label)`` is a pure function of the surface form and the rules in
``variants.json`` and ``countries.tsv`` (so the same spelling always gives the same name, whatever
order articles arrive in): ``Zelenskyy`` -> ``Zelensky``, ``Defense Ministry`` -> ``Ministry of
Defence``, ``Kiev`` -> ``Kyiv``, ``Türkiye`` -> ``Turkey``, ``Ukrainians`` -> ``Ukrainian``.

What depends on context — a surname standing for a full name seen earlier, an unqualified
"Defense Ministry" standing for the one owner-qualified ministry seen — is kept in an
:class:`AliasIndex`: one per article, and one for the corpus that outlives the articles of a run
(and can be seeded from the store).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import countries, data_json

__all__ = ["canonical_name", "name_key", "qualified_name", "AliasIndex", "strip_honorifics"]

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")


@dataclass(slots=True)
class _Rules:
    phrases: dict[str, str]
    words: dict[str, str]
    suffixes: list[tuple[re.Pattern[str], str]]
    reorder: list[tuple[re.Pattern[str], str]]
    drop_prefixes: tuple[str, ...]
    honorifics: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = data_json("variants.json")
    return _Rules(
        phrases={k.lower(): v for k, v in raw["phrases"].items()},
        words=raw["words"],
        suffixes=[(re.compile(r["pattern"]), r["repl"]) for r in raw["suffixes"]],
        reorder=[(re.compile(r["pattern"]), r["repl"]) for r in raw["reorder"]],
        drop_prefixes=tuple(p + " " for p in raw["drop_prefixes"]),
        honorifics=frozenset(raw["honorifics"]),
    )


def _clean(text: str) -> str:
    text = _SPACES.sub(" ", text).strip(" \t\n,;:\"“”«»()[]")
    if text.endswith(".") and not _INITIAL_END.search(text):  # keep the dot of "U.S."
        text = text[:-1]
    text = _POSSESSIVE.sub("", text).strip()
    for prefix in _rules().drop_prefixes:
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def strip_honorifics(text: str) -> str:
    """``Mr. John Smith`` -> ``John Smith`` (honorifics from ``variants.json``); a role word the
    model took into a person's name goes too: ``Mayor Elena Ruiz``, ``County Judge Ana Fuentes``,
    ``Assistant U.S. Attorney Mark Delgado`` -> the name (role words from ``titles.json`` and the
    ``title_modifiers`` of ``variants.json``; a first and a last name always stay)."""
    words = text.split(" ")
    while len(words) > 1 and words[0] in _rules().honorifics:
        words = words[1:]
    roles = _roles()
    cut = max((i for i, w in enumerate(words[:-2]) if w.islower() and w.rstrip(".") in roles), default=-1)
    words = words[cut + 1:]                  # "Rovers manager Sean Gallagher"
    while len(words) > 2 and words[0][:1].isupper() and words[0].lower().rstrip(".") in roles:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    titles = {w for t in data_json("titles.json")["titles"] for w in t.split()}
    return frozenset(titles | set(data_json("variants.json")["title_modifiers"]))


def _respell(text: str) -> str:
    rules = _rules()
    phrase = rules.phrases.get(text.lower())
    if phrase:
        return phrase
    words = [rules.words.get(w, w) for w in text.split(" ")]
    text = " ".join(words)
    for pattern, repl in rules.suffixes:
        text = pattern.sub(repl, text)
    phrase = rules.phrases.get(text.lower())
    if phrase:
        return phrase
    for pattern, repl in rules.reorder:
        m = pattern.match(text)
        if m:
            return repl.format(**m.groupdict())
    return text


def canonical_name(text: str, label: str) -> str:
    """The canonical spelling of one mention's text for its entity label (context-free)."""
    text = _clean(text)
    if not text:
        return text
    table = countries()
    if label == "PERSON":
        return _respell(strip_honorifics(text))
    if label == "NORP":
        country = table.country_of.get(text)
        return table.demonym.get(country, text) if country else _respell(text)
    if label in ("GPE", "LOC"):
        text = table.alias.get(text, text)
        return _respell(text)
    return _respell(text)


def qualified_name(base: str, owner: str) -> str:
    """An institution named with its owner country: (``Ministry of Defence``, ``Russia``) ->
    ``Russian Ministry of Defence``; without a known demonym: ``Ministry of Defence (Freedonia)``."""
    demonym = countries().demonym.get(owner)
    return f"{demonym} {base}" if demonym else f"{base} ({owner})"


def name_key(text: str) -> str:
    """A matching key: lower case, accents and punctuation dropped (``Lubinéts`` ~ ``Lubinets``)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return _SPACES.sub(" ", text).strip()


@dataclass(slots=True)
class AliasIndex:
    """Names seen so far, to expand mentions that are shorter than the name they stand for.

    ``persons``: surname key -> full canonical names; ``owned``: institution key -> owner-qualified
    canonical names. A lookup answers only when exactly one name fits, never a guess between two.
    """

    persons: dict[str, set[str]] = field(default_factory=dict)
    owned: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def add_person(self, canonical: str) -> None:
        parts = canonical.split(" ")
        if len(parts) > 1:
            self.persons.setdefault(name_key(parts[-1]), set()).add(canonical)
        self.labels[canonical] = "PERSON"

    def add_owned(self, base: str, canonical: str, label: str) -> None:
        self.owned.setdefault(name_key(base), set()).add(canonical)
        self.labels[canonical] = label

    def add(self, canonical: str, label: str) -> None:
        self.labels.setdefault(canonical, label)

    def full_person(self, surname: str) -> str | None:
        names = self.persons.get(name_key(surname))
        return next(iter(names)) if names and len(names) == 1 else None

    def owner_qualified(self, base: str) -> str | None:
        names = self.owned.get(name_key(base))
        return next(iter(names)) if names and len(names) == 1 else None

    @classmethod
    def from_names(cls, names: Iterable[tuple[str, str]]) -> "AliasIndex":
        """Rebuild an index from stored (canonical, label) pairs (``store.entity_names()``), so a
        later run expands surnames and unqualified institutions against names stored before."""
        index, table = cls(), countries()
        for canonical, label in names:
            first, _, rest = canonical.partition(" ")
            if label == "PERSON" and rest:
                index.add_person(canonical)
            elif rest and first in table.country_of:
                index.add_owned(rest, canonical, label)
            else:
                index.add(canonical, label)
        return index

    def update(self, other: "AliasIndex") -> None:
        """Merge another index (an article's) into this one (the corpus')."""
        for key, names in other.persons.items():
            self.persons.setdefault(key, set()).update(names)
        for key, names in other.owned.items():
            self.owned.setdefault(key, set()).update(names)
        for name, label in other.labels.items():
            self.labels.setdefault(name, label)
