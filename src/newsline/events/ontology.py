"""The event ontology and trigger lexicon, loaded from ``newsline/data/events``.

``ontology.json`` holds PLOVER's 16 types with modes, the extensions (prisoner exchange, return of
remains, territorial capture, accord signing, aerial-strike modes), the CAMEO and ACLED crosswalks
and the list of mention contexts. ``triggers.json`` holds the trigger lexicon (lemma + part of
speech + optional object class / modifier / particle constraints); ``cues.json`` the context and
time cues. Nothing here knows any topic: adding a type or trigger is a data change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import load_json

__all__ = ["Ontology", "TriggerEntry", "load_ontology", "load_cues"]


def _read(name: str) -> dict[str, Any]:
    return load_json("events", name)


@dataclass(slots=True, frozen=True)
class TriggerEntry:
    """One lexicon line: a lemma (with constraints) that signals an event type and mode."""

    lemma: str
    pos: tuple[str, ...]
    type: str
    mode: str | None
    objects: str | None = None
    subjects: str | None = None
    modifiers: tuple[tuple[str, str], ...] = ()
    modifiers_required: bool = False
    particle: str | None = None
    prep: str | None = None
    plural_generic: bool = False
    plural_ok: bool = False
    discourse: bool = False
    discourse_cues: tuple[str, ...] = ()
    governs_terms: bool = False
    place_objects: bool = False
    person_objects: bool = False
    quantity_role: str | None = None


@dataclass(slots=True)
class Ontology:
    """Types, crosswalks, compatibility and the trigger index (lemma -> entries in lexicon order)."""

    types: dict[str, dict[str, Any]]
    contexts: dict[str, str]
    classes: dict[str, frozenset[str]]
    by_lemma: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    compatible_pairs: set[frozenset[str]] = field(default_factory=set)
    discourse_cues: dict[str, set[str]] = field(default_factory=dict)   # lemma -> types it announces
    _families: dict[str, str] = field(default_factory=dict, repr=False)

    def label(self, type_: str) -> str:
        return self.types.get(type_, {}).get("label", type_.lower())

    def parent(self, type_: str) -> str:
        """The PLOVER root type (an extension's ``extends``, else the type itself)."""
        return self.types.get(type_, {}).get("extends", type_)

    def crosswalk(self, type_: str, mode: str | None) -> dict[str, Any]:
        """CAMEO codes and ACLED (event type, sub-event type) for a type and mode."""
        spec = self.types.get(type_, {})
        cameo = spec.get("mode_cameo", {}).get(mode or "") or (spec.get("cameo") or [None])[0]
        acled = spec.get("mode_acled", {}).get(mode or "") or (spec.get("acled") or [None])[0]
        return {"plover": self.parent(type_), "cameo": cameo,
                "acled_event_type": acled[0] if acled else None,
                "acled_sub_event_type": acled[1] if acled else None}

    def compatible(self, a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
        """Whether mentions typed ``(type, mode)`` a and b can describe the same real event."""
        if a[0] == b[0]:
            return True
        keys_a = {a[0], f"{a[0]}:{a[1]}"}
        keys_b = {b[0], f"{b[0]}:{b[1]}"}
        return any(frozenset((x, y)) in self.compatible_pairs for x in keys_a for y in keys_b)

    def family(self, type_: str) -> str:
        """A name shared by every type that may describe the same event as ``type_`` (the
        connected component of the compatible pairs, modes ignored): merging compares only
        events of one family."""
        if not self._families:
            parent = {t: t for t in self.types}

            def find(t: str) -> str:
                while parent.setdefault(t, t) != t:
                    t = parent[t]
                return t
            for pair in self.compatible_pairs:
                a, b = (key.split(":")[0] for key in pair)
                parent[find(a)] = find(b)
            self._families.update({t: find(t) for t in parent})
        return self._families.get(type_, type_)

    def specificity(self, type_: str) -> int:
        """Extensions are more specific than the PLOVER type they extend."""
        return 1 if "extends" in self.types.get(type_, {}) else 0


def _entry(raw: dict[str, Any]) -> TriggerEntry:
    return TriggerEntry(
        lemma=raw["lemma"], pos=tuple(raw.get("pos", ["VERB", "NOUN"])), type=raw["type"],
        mode=raw.get("mode"), objects=raw.get("objects"), subjects=raw.get("subjects"),
        modifiers=tuple(sorted(raw.get("modifiers", {}).items())),
        modifiers_required=raw.get("modifiers_required", False), particle=raw.get("particle"),
        prep=raw.get("prep"), plural_generic=raw.get("plural_generic", False),
        plural_ok=raw.get("plural_ok", False), discourse=raw.get("discourse", False),
        discourse_cues=tuple(raw.get("discourse_cues", ())),
        governs_terms=raw.get("governs_terms", False), place_objects=raw.get("place_objects", False),
        person_objects=raw.get("person_objects", False),
        quantity_role=raw.get("quantity_role"),
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology and trigger lexicon (cached; the files are read once)."""
    onto, trig = _read("ontology.json"), _read("triggers.json")
    ontology = Ontology(
        types=onto["types"], contexts=onto["contexts"],
        classes={k: frozenset(v) for k, v in trig["classes"].items()},
        compatible_pairs={frozenset(p) for p in onto.get("compatible", [])},
    )
    for raw in trig["entries"]:
        entry = _entry(raw)
        if entry.type not in ontology.types:
            raise ValueError(f"triggers.json: unknown type {entry.type!r} for lemma {entry.lemma!r}")
        ontology.by_lemma.setdefault(entry.lemma, []).append(entry)
        for cue in entry.discourse_cues:
            ontology.discourse_cues.setdefault(cue, set()).add(entry.type)
    return ontology


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Any]:
    """Context and time cues (``cues.json``)."""
    return _read("cues.json")
