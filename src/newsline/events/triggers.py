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

from .ontology import Ontology, TriggerEntry, load_ontology
from .sense_judge import sense_judge

__all__ = ["Trigger", "find_triggers", "object_tokens", "candidates", "sentence_mode", "is_party", "support_verb",
           "passive_subjects", "lexicon_lemma"]

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
    # a fused token -> its own lexicon entry ("named X, replacing Y": the succession verb's roles)
    fused_entries: dict[int, TriggerEntry] = field(default_factory=dict)

    @property
    def tokens(self) -> list[Any]:
        return [self.token, *self.fused]

    @property
    def type(self) -> str:
        return self.entry.type


def object_tokens(token: Any) -> list[Any]:
    """The tokens that say what a trigger acts on: objects, 'of' objects, compounds, conjuncts."""
    out = []
    if token.pos_ == "VERB" and not any(c.dep_ == "nsubjpass" for c in token.children):
        out.extend(passive_subjects(token))   # "was arrested and charged": the first conjunct's subject
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS or (child.dep_ == "compound" and token.pos_ == "NOUN"):
            out.append(child)
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            out.append(child)   # "fined Boeing $200 million": the indirect object is acted on
        elif child.dep_ == "prep" and child.lemma_ in ("of", "from") and token.pos_ == "NOUN":
            out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "nsubj" and token.pos_ == "VERB" and not any(
                c.dep_ in ("dobj", "nsubjpass", "ccomp") for c in token.children):
            # intransitive: "soldiers returned", "a group ... was returned"; a verb that states
            # a clause ("Nokia announced it would cut jobs") is not: its subject is the speaker,
            # not what the verb acts on
            out.append(child)
    for obj in list(out):
        out.extend(c for c in obj.children if c.dep_ == "conj")
        # "a group of soldiers", "the bodies of 6,000 soldiers": look through the measure noun
        out.extend(g for p in obj.children if p.dep_ == "prep" and p.lemma_ == "of"
                   for g in p.children if g.dep_ == "pobj")
        # "the snack maker Tillmann", "chipmaker Arm": a name's descriptor says what kind it is
        if obj.pos_ == "PROPN":
            out.extend(c for c in obj.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN")
    return out


def passive_subjects(head: Any) -> list[Any]:
    """The passive subject(s) of a verb ("Lind was re-elected"), or for a passive conjunct without
    a subject of its own ("was arrested and charged"), its first conjunct's."""
    subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    if subjects or head.pos_ != "VERB" or any(c.dep_ in ("nsubj", "expl") for c in head.children):
        return subjects
    node = head
    while node.dep_ == "conj" and node.head is not node and node.tag_ == "VBN":
        node = node.head
        if any(c.dep_ in ("nsubj", "expl") for c in node.children):
            return []
        subjects = [c for c in node.children if c.dep_ == "nsubjpass"]
        if subjects:
            return subjects
    return []


def _doers(token: Any) -> list[Any]:
    """Who or what does it: the subject, the "by" agent, the cause in "killed in a crash", and for
    a participle clause ("the plane crashed, killing all 228") the main clause's event."""
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    doers += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "auxpass" for c in token.children):
        doers += [g for c in token.children if c.dep_ == "prep" and c.lemma_ in ("in", "by")
                  for g in c.children if g.dep_ == "pobj"]
    if token.dep_ in ("advcl", "xcomp", "conj") and token.tag_ in ("VBG", "VBD", "VBN") and not doers:
        head = token.head
        doers += [head, *(c for c in head.children if c.dep_ == "nsubj")]
        if _verbless_root(head):       # "A bus ... overturned ..., killing 12": the participle's event
            doers += [c for c in head.children if c.dep_ == "acl"] + _noun_with_compounds(head)
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            # "a storm swept across the coast, killing three", parsed with "swept" as a reduced
            # relative of "storm": the noun it describes is its subject
            doers += _noun_with_compounds(head.head)
        # a conjunct verb shares its first conjunct's subject ("rain triggered floods ... and
        # <verb> ..., killing 30"; also where the parser takes a foreign name's word for a verb)
        while head.dep_ == "conj" and head.head is not head and not any(c.dep_ == "nsubj" for c in head.children):
            head = head.head
            doers += [head, *(c for c in head.children if c.dep_ == "nsubj")]
    if token.pos_ == "NOUN":
        doers += _noun_doers(token)
    if not doers and token.dep_ == "acl" and token.tag_ == "VBN" and _verbless_root(token.head):
        # "A ferry overturned in the river.", parsed as a noun with a reduced relative and no verb:
        # the noun (and the nouns compounded into it: "a bus carrying pilgrims") is the subject
        doers += _noun_with_compounds(token.head)
    if not doers and any(c.dep_ == "auxpass" for c in token.children):
        # "two firefighters were injured when a chemical plant exploded": the clause that says
        # what happened is the cause of an agentless passive
        for clause in token.children:
            if clause.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _CAUSE_MARKS
                                              for m in clause.children):
                doers += [clause, *(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))]
    return doers


_CAUSE_MARKS = {"when", "after", "as"}


def _noun_with_compounds(noun: Any) -> list[Any]:
    """A noun and the words compounded into it before it ("a bus carrying pilgrims")."""
    return [*(t for t in noun.subtree if t.i < noun.i and t.dep_ in ("compound", "nmod")), noun]


def _with_groups(doers: list[Any]) -> list[Any]:
    """Doers and the groups a measure noun among them counts: "hundreds of protesters stormed",
    "a group of rebels struck" (the protesters, the rebels)."""
    return doers + [g for d in doers for p in d.children if p.dep_ == "prep" and p.lemma_ == "of"
                    for g in p.children if g.dep_ == "pobj"]


def _verbless_root(noun: Any) -> bool:
    """A noun that heads a sentence with no verb of its own: the small parser's reading of
    "A ferry overturned on Monday." as a noun phrase, whose participle is really the predicate."""
    return noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN")


# verbs whose object names the event their subject makes ("staged a rally"); "staged" is listed as
# a form too because the small model lemmatizes it as "stag"
_LIGHT_VERBS = {"stage", "staged", "hold", "see", "mount", "lead", "launch", "carry", "make", "extend", "post", "suffer",
                "set", "declare"}
_NOT_DOER_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"}

# a verb whose object or "on" phrase is the event noun, and whose subject is its doer: "went on
# strike", "filed a lawsuit", "staged a protest", "announced layoffs"
_SUPPORT_VERBS = {"stage", "hold", "mount", "lead", "launch", "carry", "make", "conduct", "file", "begin",
                  "start", "announce", "complete", "sign", "go", "place", "call", "impose", "set", "declare"}


def support_verb(tok: Any) -> Any | None:
    """The verb an event noun is the object of ("filed a lawsuit") or "on" phrase of ("went on
    strike"), when that verb only carries the noun (``_SUPPORT_VERBS``)."""
    if tok.pos_ != "NOUN":
        return None
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in _SUPPORT_VERBS:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lemma_ == "on" and head.head.lemma_.lower() == "go":
        return head.head
    # "filed for bankruptcy protection", "applied for insolvency"
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lemma_ == "for" and head.head.lemma_.lower() in ("file", "apply"):
        return head.head
    return None


def _noun_doers(token: Any) -> list[Any]:
    """Who or what an event noun is of: "the plane crash", "the euro's rally", "a rally in bank
    shares" (the theme, as in "shares rallied"), and the subject of a light verb ("the Nasdaq
    staged a rally", "a mob launched an attack")."""
    doers = [c for c in token.children if c.dep_ in ("compound", "amod", "poss")]
    doers += [g for c in token.children if c.dep_ == "prep" and c.lemma_ == "in"
              for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in _NOT_DOER_ENTS]
    head = token.head
    if token.dep_ == "dobj" and (head.lemma_.lower() in _LIGHT_VERBS or head.lower_ in _LIGHT_VERBS):
        doers += [c for c in head.children if c.dep_ == "nsubj"]
    return doers


def _in_class(tokens: list[Any], words: frozenset[str]) -> bool:
    ontology = load_ontology()
    return any(w in words for t in tokens for w in ontology.class_forms(t.lemma_.lower(), t.text.lower()))


def _subject_fits(token: Any, entry: TriggerEntry, ontology: Ontology) -> bool:
    """"Missiles struck the city", "was struck by a drone": the doer belongs to the class, or a
    name compounded into it does ("the Dow Jones industrial average fell": Dow)."""
    doers = _with_groups(_doers(token))
    names, todo = [], list(doers)
    while todo:                 # "Dow" is a modifier of "Jones", which modifies "average"
        node = todo.pop()
        for c in node.children:
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                names.append(c)
                todo.append(c)
    doers += names
    return _in_class(doers, ontology.classes.get(entry.subjects or "", frozenset()))


_ORG_LABELS = {"ORG"}
_PRODUCT_LABELS = {"PRODUCT", "WORK_OF_ART", "ORG"}


def is_organisation(tok: Any, ontology: Ontology) -> bool:
    """An organisation by its entity type, or a proper name whose head word says it is a company
    ("Castor Biotech", "Volta Motors"), whatever label the small model gave the name."""
    return tok.ent_type_ in _ORG_LABELS or (
        tok.pos_ == "PROPN" and tok.lower_ in ontology.classes.get("corporate_heads", frozenset()))


def _object_kind_fits(obj: Any, entry: TriggerEntry, ontology: Ontology) -> bool:
    if entry.place_objects and obj.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if entry.person_objects and (obj.ent_type_ in ("PERSON", "NORP") or (obj.pos_ == "PRON" and obj.lower_ in _PERSON_PRONOUNS)):
        return True
    if entry.org_objects and is_organisation(obj, ontology):
        return True
    if entry.product_objects and (obj.ent_type_ in _PRODUCT_LABELS or (
            obj.pos_ == "PROPN" and obj.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC", "FAC")) or (
            obj.pos_ == "PROPN" and obj.ent_type_ != "PERSON" and any(c.dep_ == "nummod" for c in obj.children))):
        return True   # "release Windows 7", "unveiled the iPhone": a named thing that is no person or place
    if entry.money_objects and obj.ent_type_ == "MONEY":
        return True
    # "killed 12", "wounded two others": a counted object is a count of people
    return entry.numeric_objects and (obj.like_num or obj.ent_type_ == "CARDINAL"
                                      or any(c.dep_ == "nummod" for c in obj.children))


def _object_modifiers(token: Any) -> list[Any]:
    """The words that say what kind of thing the trigger acts on: the modifiers and possessor of
    its objects ("rebel positions", "the army's base", "an enemy convoy")."""
    return [c for o in object_tokens(token) for c in o.children if c.dep_ in ("compound", "amod", "nmod", "poss")]


def _object_fits(token: Any, entry: TriggerEntry, ontology: Ontology) -> bool:
    if entry.subjects is not None and _subject_fits(token, entry, ontology):
        return True
    if entry.object_modifiers is not None and _in_class(
            _object_modifiers(token), ontology.classes.get(entry.object_modifiers, frozenset())):
        return True     # "attacked rebel positions": the object's modifier says what kind it is
    if entry.objects is None and not (entry.org_objects or entry.product_objects or entry.money_objects):
        return entry.subjects is None and entry.object_modifiers is None
    words = ontology.classes.get(entry.objects or "", frozenset())
    for obj in object_tokens(token):
        if _in_class([obj], words) or _object_kind_fits(obj, entry, ontology):
            return True
    return False


_PARTY_LABELS = {"PERSON", "NORP", "ORG", "GPE"}
_RECIPROCALS = {"each", "other", "one", "another"}


def is_party(tok: Any, ontology: Ontology) -> bool:
    """Whether ``tok`` can be a party to an event (someone one meets, attacks, lends to): a person,
    group, organisation or country by its entity type, a personal pronoun, a proper name that is
    no product, or a noun of the people classes ("counterpart", "officials", "rebels")."""
    if tok.ent_type_ in _PARTY_LABELS or (tok.pos_ == "PRON" and (tok.lower_ in _PERSON_PRONOUNS or tok.lower_ in _RECIPROCALS)):
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("PRODUCT", "WORK_OF_ART", "LAW", "MONEY", "DATE"):
        return True
    forms = ontology.class_forms(tok.lemma_.lower(), tok.lower_)
    return any(w in ontology.classes.get(c, frozenset()) for c in ("parties", "persons", "victims", "forces") for w in forms)


def _direct_objects(token: Any) -> list[Any]:
    objs = [c for c in token.children if c.dep_ == "dobj"]
    return objs + [c for o in objs for c in o.children if c.dep_ == "conj"]


def _excluded(token: Any, entry: TriggerEntry, ontology: Ontology) -> bool:
    """Sense constraints that rule an entry out: "the deal had been killed" (no victim), "meet the
    requirements" (no party), "Apple demonstrated Snow Leopard" (a demonstration with an object is
    no protest), "stocks rallied" (a market, not a crowd)."""
    classes = ontology.classes
    objects = object_tokens(token)
    if entry.intransitive and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        return True   # "demonstrated Snow Leopard", "demonstrated that the drug works": shown, not a protest
    if entry.party_objects and any(not is_party(o, ontology) for o in _direct_objects(token)):
        return True   # "meet the requirements", "meet its forecast": a meeting is with someone
    if entry.party_subjects and any(not is_party(s, ontology) for s in token.children if s.dep_ == "nsubj"):
        return True   # "the play will run for two weeks": a show or a contract runs, a candidate runs for office
    if entry.prep_objects and not _in_class(_prep_objects(token, entry.prep),
                                            classes.get(entry.prep_objects, frozenset())):
        return True   # "run for cover", "run for 10 miles": what one runs for is no office
    if entry.exclude_objects and _in_class(objects, classes.get(entry.exclude_objects, frozenset())):
        return True
    if entry.exclude_person_objects and any(o.ent_type_ == "PERSON" for o in objects):
        return True
    if entry.exclude_subjects and _in_class(_doers(token), classes.get(entry.exclude_subjects, frozenset())):
        return True
    if entry.exclude_modifiers and any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in entry.exclude_modifiers
                                       for c in token.children):
        return True
    if entry.exclude_preps and any(c.dep_ == "prep" and c.lemma_.lower() in entry.exclude_preps for c in token.children):
        return True
    if entry.exclude_heads and token.head is not token and token.head.lemma_.lower() in entry.exclude_heads:
        return True
    if entry.head_lemmas and token.head.lemma_.lower() not in entry.head_lemmas:
        return True
    if entry.oprd_words and not any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.lemma_.lower() in entry.oprd_words
                                    for c in token.subtree):
        return True
    if entry.sentence_words:
        words = classes.get(entry.sentence_words, frozenset())
        if not any(t.i != token.i and (t.lemma_.lower() in words or t.lower_ in words) for t in token.sent):
            return True
    if entry.require_subject_or_org and token.pos_ == "NOUN":
        # "net profit rose", "Ford's loss": a result of someone; a bare "loss" or "profit" is not
        return not (any(c.dep_ in ("poss", "compound", "amod", "nummod") for c in token.children)
                    or token.dep_ in ("nsubj", "dobj", "pobj"))
    return False


def _prep_objects(token: Any, prep: str | None) -> list[Any]:
    """The objects of the trigger's preposition ``prep`` with their conjuncts and the words
    compounded into them: "for the Senate seat" (seat, Senate), "for attorney general"."""
    heads = [g for c in token.children if c.dep_ == "prep" and c.lemma_.lower() == prep
             for o in c.children if o.dep_ == "pobj" for g in (o, *o.conjuncts)]
    return heads + [c for h in heads for c in h.children if c.dep_ in ("compound", "nmod")]


def _modifier_mode(token: Any, entry: TriggerEntry) -> tuple[bool, str | None]:
    mode = entry.mode
    if entry.object_modes:   # "provided weapons" (military) / "provided food" (humanitarian)
        table = dict(entry.object_modes)
        objects = object_tokens(token) + (_prep_objects(token, entry.prep) if entry.prep else [])
        mode = next((table[o.lemma_.lower()] for o in objects if o.lemma_.lower() in table), mode)   # "on parole"
    if not entry.modifiers:
        return True, mode
    table = dict(entry.modifiers)
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "advmod") and child.lemma_.lower() in table:
            return True, table[child.lemma_.lower()]
    for doer in _doers(token) if token.pos_ == "VERB" else ():   # "the jet crashed": an air crash
        for word in (doer, *(c for c in doer.children if c.dep_ == "compound")):
            if word.lemma_.lower() in table:
                return True, table[word.lemma_.lower()]
    return not entry.modifiers_required, mode


def _constraints_fit(token: Any, entry: TriggerEntry) -> bool:
    # the small model often attaches a particle as an adverb ("walked out at the factory")
    if entry.particle and not any(c.dep_ in ("prt", "advmod") and c.lemma_.lower() == entry.particle for c in token.children):
        return False
    if entry.prep and not any(c.dep_ == "prep" and c.lemma_.lower() == entry.prep for c in token.children):
        return False
    return True


def match_token(token: Any, ontology: Ontology, seen_types: set[str]) -> tuple[TriggerEntry, str | None] | None:
    """The first lexicon entry that fits ``token``; ``seen_types`` holds the types found or announced
    (``discourse_cues``) earlier in the same article (a bare "the swap" after "exchanged prisoners"
    or "the prisoner deal" is a prisoner swap)."""
    return next(iter(candidates(token, ontology, seen_types)), None)


def candidates(token: Any, ontology: Ontology, seen_types: set[str]) -> list[tuple[TriggerEntry, str | None]]:
    """Every lexicon entry that fits ``token``, in lexicon order (the first is the lexicon's choice;
    the sense model may pick another)."""
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    out = []
    for entry in ontology.entries(lexicon_lemma(token, ontology)):
        if pos not in entry.pos or not _constraints_fit(token, entry) or _excluded(token, entry, ontology):
            continue
        ok, mode = _modifier_mode(token, entry)
        if not ok and not (entry.discourse and entry.type in seen_types and not object_tokens(token)):
            continue   # "a campaign rally ... the rally": the bare noun keeps the type the article gave it
        if _object_fits(token, entry, ontology) or (
                entry.discourse and entry.type in seen_types and not object_tokens(token)):
            if not any(e.type == entry.type for e, _ in out):
                out.append((entry, mode))
    return out


def lexicon_lemma(token: Any, ontology: Ontology) -> str:
    """The lemma the lexicon knows the token by. The rule lemmatizer strips "-ed"/"-ing" whole from
    a verb missing from its tables, so a base that ends in "e" loses it ("fined" -> "fin",
    "staged" -> "stag"): when the lemma has no entry and is the form minus that ending, the lemma
    with its "e" back is tried."""
    lemma = token.lemma_.lower()
    if ontology.entries(lemma) or token.pos_ not in ("VERB", "AUX"):
        return lemma
    if token.lower_ in (f"{lemma}ed", f"{lemma}ing") and ontology.entries(f"{lemma}e"):
        return f"{lemma}e"
    return lemma


def _is_descriptor(token: Any) -> bool:
    """A participle or noun that describes a participant rather than reporting an event."""
    if token.dep_ == "amod":
        return True
    if token.dep_ == "acl" and token.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in token.children) \
            and not _verbless_root(token.head):
        return True   # "soldiers killed in the war", "a deal reached …" (the noun is the trigger)
    if token.tag_ == "VBN" and token.dep_ in ("acomp", "oprd", "conj", "appos", "attr", "advcl") and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj", "agent") for c in token.children) \
            and not passive_subjects(token):
        # (a passive conjunct sharing its first conjunct's subject reports an event of its own:
        # "was arrested and charged with fraud")
        return True   # "all either wounded or under 25", "described as severely wounded" (the
        # parser often hangs such a bare participle as an adverbial clause: it states a condition)
    if token.tag_ == "VBN" and (any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in token.children)
                                or (token.dep_ == "conj" and token.head.pos_ == "ADJ")):
        return True   # "were wounded or seriously ill": a state beside an adjective, not an attack
    return token.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "LAW", "EVENT") and token.pos_ == "PROPN"


def find_triggers(sent: Any, ontology: Ontology, seen_types: set[str], *, use_model: bool = True) -> list[Trigger]:
    """Triggers of one sentence, in text order, with compound terms and same-event fusion applied.
    The lexicon proposes; the sense model (when shipped and ``use_model``) judges (``choose``)."""
    found: dict[int, Trigger] = {}
    proposals: list[tuple[Any, list[tuple[TriggerEntry, str | None]]]] = []
    for token in sent:
        # "the prisoner agreement ... three exchanges": a cue word announces what a bare
        # "exchange" / "swap" later in the article refers to, as an earlier typed trigger would
        seen_types.update(ontology.discourse_cues.get(token.lemma_.lower(), ()))
        if token.pos_ not in ("VERB", "NOUN", "AUX") or _is_descriptor(token) \
                or ontology.names_no_event(token.lemma_.lower()):
            continue     # "the ex-chief", "a non-strike day": the prefix makes no event of the word
        proposals.append((token, candidates(token, ontology, seen_types)))
    judge = sense_judge() if use_model else None
    for token, (entry, mode) in (judge.choose(proposals, ontology) if judge else
                                 [(t, c[0]) for t, c in proposals if c]):
        mode = sentence_mode(token, entry.type, mode, ontology)
        found[token.i] = Trigger(token, entry, mode, roles={token.i: entry.quantity_role})
        seen_types.add(entry.type)
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
            kept[trig.token.head.i].fused_entries[trig.token.i] = trig.entry
            kept.pop(i, None)
            continue
        head = _required_prep_head(trig, kept) or kept.get(trig.token.head.i)
        if head is None or head is trig or not ontology.compatible(
                (head.entry.type, head.mode), (trig.entry.type, trig.mode)):
            continue
        if trig.token.dep_ in ("nsubj", "dobj", "conj", "nsubjpass", "pobj", "acl") or (
                trig.token.dep_ == "advcl" and trig.token.tag_ == "VBG"):
            # "the plane crashed, killing all 228": the deaths are the crash's, one event
            target, other = (head, trig)
            if other.mode and ":" in other.mode and not (target.mode and ":" in target.mode):
                target.mode = other.mode   # keep the more specific mode ("aerial:airstrike")
            target.fused.extend(other.tokens)
            target.fused_entries.update(other.fused_entries)
            target.fused_entries[other.token.i] = other.entry
            target.roles.update(other.roles)
            kept.pop(i, None)
    return [kept[i] for i in sorted(kept)]


def _required_prep_head(trig: Trigger, kept: dict[int, Trigger]) -> Trigger | None:
    """The verb trigger whose entry requires the preposition ``trig`` is the object of ("released
    on bail", "freed on parole"): the noun completes that verb's expression, it is no event of its
    own."""
    link = trig.token.head
    if trig.token.dep_ != "pobj" or link.dep_ != "prep":
        return None
    verb = kept.get(link.head.i)
    return verb if verb is not None and verb.entry.prep == link.lemma_.lower() else None


def sentence_mode(token: Any, type_: str, mode: str | None, ontology: Ontology) -> str | None:
    """A mode the sentence states around the trigger (``sentence_modes`` of the type in
    ontology.json): a protest "dispersed with tear gas" is a protest with intervention, an attack
    by "a mob" is mob violence, an "attack" with a grenade a grenade attack. Only a mode the
    trigger left open (or the type's default) is refined; the first rule that matches wins."""
    rules = ontology.types.get(type_, {}).get("sentence_modes", [])
    if not rules:
        return mode
    lemmas = {t.lemma_.lower() for t in token.sent if t.i != token.i} | {t.lower_ for t in token.sent if t.i != token.i}
    found = _with_groups(_doers(token))     # "hundreds of residents clashed"
    if token.pos_ == "NOUN":                # "clashes between rival fans"
        found += [g for p in token.children if p.dep_ == "prep" and p.lemma_ == "between"
                  for o in p.children if o.dep_ == "pobj" for g in (o, *o.conjuncts)]
    doers = {t.lemma_.lower() for t in found}
    for rule in rules:
        if rule.get("only_from") is not None and mode not in rule["only_from"]:
            continue
        words = set(rule.get("words", ()))
        if words & lemmas or set(rule.get("doers", ())) & doers:
            return rule["mode"]
        if rule.get("objects") and _in_class(_targets(token), ontology.classes.get(rule["objects"], frozenset())):
            return rule["mode"]
    return mode


def _targets(token: Any) -> list[Any]:
    """What an event is aimed at, with the words that say what kind it is: the objects, an "on" /
    "against" object ("an attack on the base"), and their modifiers ("an army convoy")."""
    heads = object_tokens(token) + [g for c in token.children if c.dep_ == "prep" and c.lemma_ in ("on", "against")
                                    for g in c.children if g.dep_ == "pobj"]
    return heads + [c for h in heads for c in h.children if c.dep_ in ("compound", "amod")]
