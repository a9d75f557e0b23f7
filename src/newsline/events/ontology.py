"""The event ontology and trigger lexicon, loaded from ``newsline/data/events``.

``ontology.json`` holds PLOVER's 16 types with modes, the extensions (prisoner exchange, return of
remains, territorial capture, accord signing, aerial-strike modes), the CAMEO and ACLED crosswalks
and the list of mention contexts. ``triggers.json`` holds the trigger lexicon (lemma + part of
speech + optional object class / modifier / particle constraints); ``cues.json`` the context and
time cues. Nothing here knows any topic: adding a type or trigger is a data change.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import load_json
from ..nlp.model import prefixed_parts

__all__ = ["Ontology", "TriggerEntry", "load_ontology", "load_cues", "contexts", "context_rank", "context_class",
           "real_contexts", "timeline_contexts", "REAL_CONTEXTS"]


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
    object_modifiers: str | None = None   # a class a modifier of the object may belong to instead ("rebel positions")
    modifiers: tuple[tuple[str, str], ...] = ()
    modifiers_required: bool = False
    particle: str | None = None
    prep: str | None = None
    prep_objects: str | None = None      # a class the object of ``prep`` must belong to ("run for office")
    plural_generic: bool = False
    plural_ok: bool = False
    discourse: bool = False
    discourse_cues: tuple[str, ...] = ()
    governs_terms: bool = False
    place_objects: bool = False
    person_objects: bool = False
    quantity_role: str | None = None
    # sense constraints (see triggers.json "about")
    exclude_objects: str | None = None
    exclude_subjects: str | None = None
    exclude_modifiers: tuple[str, ...] = ()
    exclude_preps: tuple[str, ...] = ()
    exclude_heads: tuple[str, ...] = ()
    exclude_person_objects: bool = False
    intransitive: bool = False
    party_objects: bool = False
    party_subjects: bool = False
    org_objects: bool = False
    product_objects: bool = False
    money_objects: bool = False
    numeric_objects: bool = False
    object_modes: tuple[tuple[str, str], ...] = ()
    sentence_words: str | None = None
    head_lemmas: tuple[str, ...] = ()
    oprd_words: tuple[str, ...] = ()
    require_subject_or_org: bool = False
    # which of the type's roles a slot of this trigger fills ("subject", "object" or a preposition
    # -> role name, or None for no party): "X lost to Y" names the loser first (see triggers.json)
    roles: tuple[tuple[str, str | None], ...] = ()

    def role_of(self, slot: str) -> tuple[bool, str | None]:
        """Whether this entry names the role of ``slot``, and the role (None: not a party)."""
        for name, role in self.roles:
            if name == slot:
                return True, role
        return False, None


@dataclass(slots=True)
class Ontology:
    """Types, crosswalks, compatibility and the trigger index (lemma -> entries in lexicon order)."""

    types: dict[str, dict[str, Any]]
    contexts: dict[str, str]             # context name -> meaning, in rank order (strongest first)
    classes: dict[str, frozenset[str]]
    by_lemma: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    compatible_pairs: set[frozenset[str]] = field(default_factory=set)
    # The same pairs in the file's order: whatever walks the pairs walks this, so that a result
    # never depends on set iteration order (which changes with PYTHONHASHSEED between processes).
    compatible_order: tuple[tuple[str, str], ...] = ()
    discourse_cues: dict[str, set[str]] = field(default_factory=dict)   # lemma -> types it announces
    # hyphenated prefixes (triggers.json "hyphen_prefixes"): typed as the base word / never an event
    base_prefixes: frozenset[str] = frozenset()
    no_event_prefixes: frozenset[str] = frozenset()
    kind_prefixes: frozenset[str] = frozenset()
    _families: dict[str, str] = field(default_factory=dict, repr=False)

    def entries(self, lemma: str) -> list[TriggerEntry]:
        """The lexicon entries of a lemma, in lexicon order. A hyphenated prefix form with no
        entry of its own is typed as the word it is built on when its prefix keeps the base's
        action ("re-elect" as "elect", "counter-attack" as "attack"), and has none when the prefix
        says what someone was or what something is not ("ex-chief", "non-strike"): the language
        layer keeps such forms one token (``tokenizer_joins.json``; ``hyphen_prefixes`` in
        triggers.json)."""
        own = self.by_lemma.get(lemma)
        if own:
            return own
        parts = prefixed_parts(lemma)
        return self.by_lemma.get(parts[1], []) if parts and parts[0] in self.base_prefixes else []

    def class_forms(self, lemma: str, text: str) -> tuple[str, ...]:
        """The words a token is looked up by in the lexicon's classes: its lemma and its form, and
        for a prefix form that names a kind of its base ("counter-protesters", "ex-minister") the
        base's lemma and form too."""
        forms = (lemma, text)
        parts = prefixed_parts(lemma)
        if parts is None or parts[0] not in self.kind_prefixes:
            return forms
        rest = prefixed_parts(text)
        return forms + (parts[1],) + ((rest[1],) if rest else ())

    def names_no_event(self, lemma: str) -> bool:
        """A prefix form that is never an event by itself ("ex-minister", "non-binding")."""
        parts = prefixed_parts(lemma)
        return parts is not None and parts[0] in self.no_event_prefixes and lemma not in self.by_lemma

    def label(self, type_: str) -> str:
        return self.types.get(type_, {}).get("label", type_.lower())

    def reading(self, type_: str, mode: str | None) -> str:
        """The label, and the mode after it where the type's readings differ by mode and the label
        does not already say it: "attack (kill)", "product launch / release (recall)"."""
        label = self.label(type_)
        if not mode or not self.types.get(type_, {}).get("mode_in_summary"):
            return label
        word = mode.split(":")[-1].replace("-", " ")
        if word == "unknown" or word in label:
            return label
        return f"{label} ({word})"

    def parent(self, type_: str) -> str:
        """The PLOVER root type (an extension's ``extends``, else the type itself)."""
        return self.types.get(type_, {}).get("extends", type_)

    def crosswalk(self, type_: str, mode: str | None) -> dict[str, Any]:
        """Codes of other schemes for a type *and its mode*: PLOVER root, CAMEO, ACLED event type and
        sub-event type, ACE 2005 and MAVEN (FrameNet-based) type names; None where a scheme has no
        equivalent. A mode's own code wins ("attack" by grenade -> ACLED "Grenade"); a sub-mode
        ("aerial:drone") falls back to its mode ("aerial"), then to the type's default."""
        spec = self.types.get(type_, {})
        keys = [mode, mode.split(":")[0]] if mode else []

        def pick(table: str, default: Any) -> Any:
            found = spec.get(table, {})
            return next((found[k] for k in keys if k in found), default)
        cameo = pick("mode_cameo", (spec.get("cameo") or [None])[0])
        acled = pick("mode_acled", spec.get("acled_default"))
        return {"plover": self.parent(type_), "family": spec.get("family"), "cameo": cameo,
                "acled_event_type": acled[0] if acled else None,
                "acled_sub_event_type": acled[1] if acled else None,
                "ace": pick("mode_ace", spec.get("ace")),
                "maven": pick("mode_maven", (spec.get("maven") or [None])[0])}

    def resolve_types(self, query: str) -> list[str]:
        """Type codes a user's ``--type`` means: a code ("ASSAULT", "acquire"), the label the
        timeline shows ("attack", "acquisition / merger", or one side of it: "merger"), or a family
        ("business"). A PLOVER code also covers its extensions. Empty when nothing matches."""
        q = " ".join(query.strip().lower().replace("_", " ").split())
        if not q:
            return []
        out = []
        for code, spec in self.types.items():
            label = spec.get("label", "").lower()
            names = {code.lower().replace("_", " "), label, *(p.strip() for p in label.split("/"))}
            if q in names or q == spec.get("family") or q == self.parent(code).lower():
                out.append(code)
        return out

    def table(self) -> list[dict[str, Any]]:
        """The ontology as rows for ``newsline types``: code, label, family, definition, modes with
        their crosswalks, roles."""
        rows = []
        for code, spec in self.types.items():
            rows.append({"code": code, "label": self.label(code), "family": spec.get("family"),
                         "extends": spec.get("extends"), "definition": spec.get("definition", ""),
                         "roles": spec.get("roles", []),
                         "modes": {m: self.crosswalk(code, m) for m in spec.get("modes", [])},
                         "crosswalk": self.crosswalk(code, None)})
        return rows

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
            for pair in self.compatible_order:
                a, b = sorted(find(key.split(":")[0]) for key in pair)
                parent[b] = a        # the smaller name stands for the family: the same in every process
            self._families.update({t: find(t) for t in parent})
        return self._families.get(type_, type_)

    def family_types(self, families: Iterable[str]) -> set[str]:
        """Every type of these families (what a report of them may be merged or linked with)."""
        wanted = set(families)
        return {t for t in self.types if self.family(t) in wanted}

    def counterpart(self, key: str) -> str | None:
        """The first key (``TYPE`` or ``TYPE:mode``) declared compatible with ``key``, in file order."""
        for a, b in self.compatible_order:
            if key == a:
                return b
            if key == b:
                return a
        return None

    def specificity(self, type_: str) -> int:
        """Extensions are more specific than the PLOVER type they extend."""
        return 1 if "extends" in self.types.get(type_, {}) else 0


def _entry(raw: dict[str, Any]) -> TriggerEntry:
    return TriggerEntry(
        lemma=raw["lemma"], pos=tuple(raw.get("pos", ["VERB", "NOUN"])), type=raw["type"],
        mode=raw.get("mode"), objects=raw.get("objects"), subjects=raw.get("subjects"),
        object_modifiers=raw.get("object_modifiers"),
        modifiers=tuple(sorted(raw.get("modifiers", {}).items())),
        modifiers_required=raw.get("modifiers_required", False), particle=raw.get("particle"),
        prep=raw.get("prep"), prep_objects=raw.get("prep_objects"), plural_generic=raw.get("plural_generic", False),
        plural_ok=raw.get("plural_ok", False), discourse=raw.get("discourse", False),
        discourse_cues=tuple(raw.get("discourse_cues", ())),
        governs_terms=raw.get("governs_terms", False), place_objects=raw.get("place_objects", False),
        person_objects=raw.get("person_objects", False),
        quantity_role=raw.get("quantity_role"),
        exclude_objects=raw.get("exclude_objects"), exclude_subjects=raw.get("exclude_subjects"),
        exclude_modifiers=tuple(raw.get("exclude_modifiers", ())), exclude_preps=tuple(raw.get("exclude_preps", ())),
        exclude_heads=tuple(raw.get("exclude_heads", ())),
        exclude_person_objects=raw.get("exclude_person_objects", False),
        intransitive=raw.get("intransitive", False), party_objects=raw.get("party_objects", False),
        party_subjects=raw.get("party_subjects", False),
        org_objects=raw.get("org_objects", False),
        product_objects=raw.get("product_objects", False), money_objects=raw.get("money_objects", False),
        numeric_objects=raw.get("numeric_objects", False),
        object_modes=tuple(sorted(raw.get("object_modes", {}).items())),
        sentence_words=raw.get("sentence_words"), head_lemmas=tuple(raw.get("head_lemmas", ())),
        oprd_words=tuple(raw.get("oprd_words", ())),
        require_subject_or_org=raw.get("require_subject_or_org", False),
        roles=tuple(sorted(raw.get("roles", {}).items())),
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology and trigger lexicon (cached; the files are read once)."""
    onto, trig = _read_cached(), _read("triggers.json")
    ontology = Ontology(
        types=onto["types"], contexts={c: onto["contexts"][c] for c in onto.get("context_order", onto["contexts"])},
        classes={k: frozenset(v) for k, v in trig["classes"].items()},
        compatible_pairs={frozenset(p) for p in onto.get("compatible", [])},
        compatible_order=tuple((p[0], p[-1]) for p in onto.get("compatible", [])),
        base_prefixes=frozenset(trig.get("hyphen_prefixes", {}).get("typed_as_base", ())),
        no_event_prefixes=frozenset(trig.get("hyphen_prefixes", {}).get("no_event", ())),
        kind_prefixes=frozenset(trig.get("hyphen_prefixes", {}).get("kind_of_base", ())),
    )
    for raw in trig["entries"]:
        entry = _entry(raw)
        if entry.type not in ontology.types:
            raise ValueError(f"triggers.json: unknown type {entry.type!r} for lemma {entry.lemma!r}")
        unknown = [r for _, r in entry.roles if r is not None and r not in ontology.types[entry.type].get("roles", ())]
        if unknown:
            raise ValueError(f"triggers.json: {entry.lemma!r} names roles {unknown} that {entry.type} does not have")
        ontology.by_lemma.setdefault(entry.lemma, []).append(entry)
        for cue in entry.discourse_cues:
            ontology.discourse_cues.setdefault(cue, set()).add(entry.type)
    return ontology


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Any]:
    """Context and time cues (``cues.json``)."""
    return _read("cues.json")


def contexts() -> tuple[str, ...]:
    """Every mention context, strongest first (``ontology.json`` ``context_order``)."""
    return tuple(load_ontology().contexts)


def context_rank() -> dict[str, int]:
    """Context -> rank (0 strongest): an event's context is its mentions' strongest."""
    return {c: i for i, c in enumerate(contexts())}


def context_class(context: str) -> str:
    """"real", "future", "hypothetical", "negated" or "generic" (``context_classes``)."""
    return _read_cached()["context_classes"].get(context, "real")


def real_contexts() -> tuple[str, ...]:
    """The contexts that report something as having happened (asserted, claimed)."""
    return tuple(c for c in contexts() if context_class(c) == "real")


def timeline_contexts() -> tuple[str, ...]:
    """The contexts a timeline shows by default (``timeline_contexts``)."""
    return tuple(_read_cached()["timeline_contexts"])


@lru_cache(maxsize=1)
def _read_cached() -> dict[str, Any]:
    return _read("ontology.json")


REAL_CONTEXTS = real_contexts()
