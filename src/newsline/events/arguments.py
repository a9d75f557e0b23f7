"""Arguments of an event mention, each with its evidence span: actors, place, quantities.

* **source / target / mediator**: the named entities (canonical names from the language layer) in
  the trigger's subject (or "by" agent, possessor, demonym modifier) / object ("on", "against",
  "with", "to") / "mediated by", "brokered by". A capital used as an actor stands for its country
  ("Moscow and Kyiv agreed"). "Both sides", "mutual", "the two countries" name the article's two
  most frequent actors, with the reciprocal phrase as evidence.
* **described_source / described_target**: where a side has no name, the common noun that
  describes it ("protesters", "the central bank", "regulators": ``described_actors`` in
  cues.json), with its span. Shown as the event's actors when no one is named; never used to
  match reports (a role noun singles out no party).
* For a type with no agent (``agent_patient`` starting with null: a market move, a death, a
  disaster), the subject is what the event happens to ("European stocks fell", "Jobs died"): it
  is the target, and a subject with no name of its own is described by its phrase, not by the
  adjective in it ("European stocks" is a market, not Europe acting).
  A subject that is a company's securities ("shares of Kasbank", "Kasbank's shares", "Tesla
  stock": ``securities`` in cues.json) names the company, their issuer, as the target.
* **place**: a GPE/LOC/FAC entity under "in/at/near/outside" of the trigger ("talks in Istanbul",
  "in the southern region of Kherson" -> "Kherson region").
* **quantity**: the language layer's quantities inside the trigger's arguments, with qualifier,
  scope and the role the lexicon gives ("killed", "released").
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from ..nlp.resources import data_json
from ..records import Entity, EventArgument, Quantity, Span, to_dict
from .language import ArticleLayer, country_for, is_country
from .ontology import load_cues, load_ontology
from .triggers import Trigger, is_organisation, object_tokens, passive_subjects, support_verb

__all__ = ["ArgumentFinder"]

_ACTOR_LABELS = {"GPE", "ORG", "PERSON", "NORP"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_PREPS = {"in", "at", "near", "outside", "around", "across", "inside"}
_TARGET_PREPS = {"on", "against", "with", "to", "into", "at"}
_MEDIATOR_VERBS = {"mediate", "broker", "facilitate", "host"}
_DIRECTIONS = {"rise", "fall"}     # the modes of a move up or down (markets, figures, results)
# preposition of a trigger -> what a money or percentage under it states
_MEASURE_PREPS = {"for": "value", "at": "value", "worth": "value", "of": "value", "by": "change", "to": "level",
                  "from": "previous"}
_REGION_NOUNS = {"region", "province", "oblast", "district", "area", "city", "town", "village", "state"}
# nouns that introduce a place's name ("the capital Kyiv", "the port city Odesa")
_PLACE_NOUNS = _REGION_NOUNS | {"capital", "country", "nation", "port", "island", "republic", "kingdom", "county",
                                "municipality", "territory", "enclave", "neighbourhood", "neighborhood", "suburb",
                                "settlement", "border", "coast", "river", "lake", "mountain", "valley", "peninsula"}


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
        described = self.cues.get("described_actors", {})
        self.described_nouns = frozenset(w for kind in ("people", "bodies") for w in described.get(kind, []))
        securities = self.cues.get("securities", {})
        self.security_nouns = frozenset(securities.get("nouns", ()))
        self.issuer_preps = frozenset(securities.get("preps", ()))
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

    def _phrase_entities(self, head: Any, labels: set[str], employers: list[Any] | None = None) -> list[Entity]:
        """Entities in a noun phrase (the head, its modifiers and conjuncts, not its clauses). With
        ``employers`` (a list to fill), the organisation a person noun is of ("the ex-chief of
        Halden Bank", "the Halden Bank founder") is no entity of the phrase: it goes to the list. A
        place or a person compounded into a title ("former Brenton mayor Carl Osei", "Ohio
        senator Dana Rusk", "Trump adviser X") says whose or where the office is: no party; so
        does any name compounded into a title held for a place ("the Kellford mayor")."""
        out, stack = [], [head]
        while stack:
            tok = stack.pop()
            ent = self.entity_at(tok)
            if ent is not None and ent.label in labels and ent not in out:
                out.append(ent)
            links = self._employer_links(tok) if employers is not None else []
            if employers is not None:
                employers.extend(org for _, org in links)
            skip = {link for link, _ in links}
            stack.extend(c for c in tok.children if c not in skip and (
                c.dep_ in ("compound", "amod", "poss", "conj", "nmod", "appos", "pobj")
                or (c.dep_ == "prep" and c.lemma_ == "of")) and not self._office_of(tok, c))
        return out

    def person_noun(self, tok: Any) -> bool:
        """A common noun that names a person by a role ("chief", "founder", "spokeswoman",
        "former minister", "ex-chief": the language layer's person titles, ``titles.json``)."""
        return tok.pos_ == "NOUN" and self.entity_at(tok) is None and any(
            w in _person_titles() for w in load_ontology().class_forms(tok.lemma_.lower(), tok.lower_))

    def possessed_reporter(self, node: Any) -> EventArgument | None:
        """"His lawyer said", "the airline's spokesman said", "Osei's attorney said": a person
        noun with a possessor, as a reporting verb's subject, is the reporter, described by its
        phrase; the possessor alone is not who reports. A possessive pronoun is replaced by the
        name the language layer resolved it to ("Marco Bell's lawyer"), else kept as written
        ("his lawyer"). None for any other subject (a name, "the company", "police")."""
        poss = next((c for c in node.children if c.dep_ == "poss"), None)
        if poss is None or node.pos_ != "NOUN" or self.entity_at(node) is not None:
            return None
        people = self.cues.get("described_actors", {}).get("people", ())
        if not (self.person_noun(node)
                or any(w in people for w in load_ontology().class_forms(node.lemma_.lower(), node.lower_))):
            return None
        words = self.doc[node.left_edge.i:node.i + 1]   # the phrase up to its head ("the union's spokeswoman")
        text = words.text
        if words[0].is_sent_start and words[0].pos_ != "PROPN" and not words[0].ent_type_:
            text = text[:1].lower() + text[1:]
        if poss.pos_ == "PRON":
            ent = self.entity_at(poss)
            name = self.actor_name(ent) if ent is not None and ent.label in ("PERSON", "ORG") else None
            if name and poss.i == words[0].i:
                text = f"{name}'s{text[len(poss.text):]}"
        return EventArgument("reported_by", text, self._span(words, "reporter"))

    def _employer_links(self, tok: Any) -> list[tuple[Any, Any]]:
        """For a person noun, the organisations it is of, each with the child that links it: the
        "of" phrase ("the ex-chief of Halden Bank") or a name compounded before it ("the Halden Bank
        founder"). Such a phrase is the person, the organisation is the person's affiliation. A
        country stays the actor ("the president of Peru", "the Ukrainian delegation's head"): a
        state acts through its officials."""
        if not self.person_noun(tok):
            return []
        out = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lemma_ == "of":
                out += [(child, g) for g in child.children if g.dep_ == "pobj" and self._is_org(g)]
            elif child.dep_ in ("compound", "nmod") and child.i < tok.i and self._is_org(child):
                out.append((child, child))
        return out

    def _is_org(self, tok: Any) -> bool:
        ent = self.entity_at(tok)
        return (ent.label == "ORG") if ent is not None else is_organisation(tok, load_ontology())

    def _employer_names(self, orgs: list[Any]) -> list[tuple[str, Span]]:
        out = []
        for org in orgs:
            ent = self.entity_at(org)
            name = self.actor_name(ent) if ent is not None else None
            if name is None:
                words = self._proper_name(org)
                name, span = words.text, self._span(words, "affiliation")
            else:
                span = ent.span
            out.append((name, span))
        return out

    def _office_of(self, title: Any, child: Any) -> bool:
        """Whether ``child`` is a place or person compounded into the title noun ``title``."""
        word = title.lemma_.lower()
        titles, place_offices = _titles()
        if title.pos_ != "NOUN" or word not in titles or child.dep_ not in ("compound", "nmod", "amod") \
                or child.i > title.i:
            return False
        ent = self.entity_at(child)
        return ent is not None and (ent.label in _OFFICE_PLACES or (word in place_offices and ent.label != "NORP"))

    # -- roles -------------------------------------------------------------------------------------
    def _goods_preps(self, trigger: Trigger, found: list[EventArgument]) -> list[EventArgument]:
        """The type's own preposition hung on what the event is about ("an order for 40 jets from
        Airbus", "bought 20 aircraft from Boeing" parsed with "from" under the goods noun)."""
        preps = _type_preps(trigger.type)
        if not preps or any(a.role == "target" for a in found):
            return []
        goods = [c for head in trigger.tokens for c in head.children if c.dep_ == "dobj"]
        goods += [g for head in trigger.tokens for c in head.children
                  if c.dep_ == "prep" and c.lemma_.lower() in ("for", "of") for g in c.children if g.dep_ == "pobj"]
        out: list[EventArgument] = []
        for obj in goods:
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lemma_.lower() in preps):
                node = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if node is not None and node not in trigger.tokens:
                    out += self._names_or_described(node, "target")
        return out

    def actors(self, trigger: Trigger) -> list[EventArgument]:
        args: list[EventArgument] = []
        tok = trigger.token
        agentless = _agentless(trigger.type)
        for head in trigger.tokens:
            for child in head.children:
                role = self._role_of(head, child)
                if role is None and child.dep_ == "prep" and child.lemma_.lower() in _type_preps(trigger.type):
                    role = "target"     # "ordered 20 aircraft from Boeing": the type's own preposition
                if role is None and head is tok and trigger.entry.role_of(_slot(child) or "")[0]:
                    role = "target"     # "the resignation of X": a slot the entry names (recast below)
                if role is None:
                    continue
                node = next((g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ in ("prep", "agent") else child
                node = _antecedent(node) if node is not None else None
                if node is None or node in trigger.tokens:
                    continue
                if agentless and child.dep_ in ("nsubj", "nsubjpass") and not (
                        child.dep_ == "nsubj" and trigger.entry.role_of("subject")[0]):
                    # what happens to the subject, unless the entry names its role ("the storm
                    # killed three": the subject is the deaths' cause)
                    args += self._undergoer(node)
                    continue
                found = self._names_or_described(node, role) or self._untagged_name(node, role)
                own = trigger.entry if head is tok else trigger.fused_entries.get(head.i)
                # a fused word keeps its own entry's roles ("named X, replacing Y": Y is the
                # predecessor, no second appointee)
                args += self._recast(trigger, found, _slot(child), own) if own is not None else found
        args += self._passive_subjects(trigger, agentless)
        args += self._goods_preps(trigger, args)
        if any(c.dep_ == "amod" and c.lower_ in self.cues["reciprocal"] for c in tok.children):
            mutual = next(c for c in tok.children if c.dep_ == "amod" and c.lower_ in self.cues["reciprocal"])
            args += [EventArgument("source", name, self._span(mutual, "reciprocal")) for name in self.principal]
        subject = _subject_role(trigger)
        if not any(a.role == subject for a in args) and tok.dep_ in ("xcomp", "conj") and tok.head.pos_ == "VERB":
            # "agreed to release"; "is expected to sign", "was forced to resign": the passive's subject
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                args += self._recast(trigger, self._names_or_described(subj, "source"), "subject")
        if not any(a.role in (subject, f"described_{subject}") for a in args) and not agentless:
            verb = support_verb(tok)
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            subj = _antecedent(subj) if subj is not None else None
            if subj is not None and subj not in trigger.tokens:
                args += self._recast(trigger, self._names_or_described(subj, "source"), "subject")
        if not any(a.role == subject for a in args):   # "said it may go on strike"
            args += self._recast(trigger, self._speaker_as_subject(support_verb(tok) or tok), "subject")
        if not any(a.role in (subject, f"described_{subject}") for a in args) and not agentless:
            # "cut 1,200 jobs after reporting a loss": the participle's subject is its clause's
            args += self._recast(trigger, self._governing_subject(tok), "subject")
        args = _dedupe(args)
        named = {a.role for a in args if a.role in ("source", "target")}
        args = [a for a in args if not (a.role.startswith("described_") and a.role[len("described_"):] in named)]
        if not named:
            args.append(EventArgument("no_actor", self._why_no_actor(tok), self._span(tok, "trigger")))
        return args

    def _passive_subjects(self, trigger: Trigger, agentless: bool) -> list[EventArgument]:
        """"Tom Lind was elected mayor", "three men were arrested by police": the subject of a
        passive trigger is what the active verb's object would be, the patient (the target), for
        every type whose ontology names one (``_has_patient``); the doer is only the "by" agent
        (also when the parser hangs it under the post: "appointed chief executive by Orbita").
        A passive conjunct with no subject of its own shares its first conjunct's ("was arrested
        and charged"). A proper noun the entity model did not tag names the patient by its words
        ("Madoff was sentenced"). A type with no agent reads its subject as its undergoer
        (``actors``)."""
        if agentless or not _has_patient(trigger.type):
            return []
        out: list[EventArgument] = []
        for head in trigger.tokens:
            own = head is trigger.token      # the lexicon entry's roles are the trigger's own word's
            for subj in map(_antecedent, passive_subjects(head)):
                if subj not in trigger.tokens:
                    found = self._names_or_described(subj, "target") or self._untagged_name(subj, "target")
                    out += self._recast(trigger, found, "object") if own else found
            if any(c.dep_ == "auxpass" for c in head.children):
                # "was appointed chief executive by Orbita", parsed with "by" under the post
                for by in (p for c in head.children if c.dep_ == "oprd" for p in c.children
                           if p.dep_ in ("prep", "agent") and p.lemma_.lower() == "by"):
                    found = [a for obj in by.children if obj.dep_ == "pobj"
                             for a in self._names_or_described(obj, "source")]
                    out += self._recast(trigger, found, "subject") if own else found
        return out

    def _recast(self, trigger: Trigger, found: list[EventArgument], slot: str | None,
                entry: Any = None) -> list[EventArgument]:
        """The arguments read from one slot of the trigger ("subject", "object", a preposition)
        in the role the lexicon entry gives that slot (``roles`` in triggers.json: "X lost to Y"
        names the loser as subject, the winner after "to"; "voters elected X" names the winner as
        object), mapped onto source / target by the type's ``agent_patient``; a role outside it
        ("electorate") is kept under its own name, for names only. Unchanged when the entry says
        nothing of the slot; dropped when it says the slot is no party."""
        named, role = (entry or trigger.entry).role_of(slot) if slot else (False, None)
        if not named:
            return found
        if role is None:
            return [a for a in found if a.role not in _SIDES]
        new = _generic_role(trigger.type, role)
        out = []
        for a in found:
            if a.role in ("source", "target"):
                out.append(EventArgument(new, a.value, a.span))
            elif a.role in ("described_source", "described_target"):
                if new in ("source", "target"):
                    out.append(EventArgument(f"described_{new}", a.value, a.span))
            else:
                out.append(a)
        return out

    def _speaker_as_subject(self, tok: Any) -> list[EventArgument]:
        """"Nokia said it would cut 1,700 jobs": the pronoun subject of a reported clause is the
        speaker when the speaker is a named organisation or person (evidence: the speaker's name).
        A passive subject is no doer ("Lind said he was arrested" names no arrester)."""
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "PRON" or subj.lower_ not in ("it", "they", "he", "she", "we"):
            return []
        if subj.dep_ == "nsubjpass":
            return []
        node = tok
        while node.dep_ in ("ccomp", "xcomp", "conj") and node.head is not node:
            node = node.head
            if node.lemma_.lower() in self.cues["claim"] or node.lemma_.lower() in self.cues["confirm"]:
                speaker = next((c for c in node.children if c.dep_ == "nsubj"), None)
                if speaker is not None and _possessed_by(_antecedent(speaker), subj):
                    return []   # "his lawyer said he would appeal": "he" is the client, not the lawyer
                if speaker is not None:
                    found = [a for a in self._names_or_described(_antecedent(speaker), "source")
                             if a.role in ("source", "described_source")]
                    return found if self._agrees(subj, _antecedent(speaker), found) else []
                break
        return []

    def _agrees(self, pronoun: Any, speaker: Any, found: list[EventArgument]) -> bool:
        """Whether a pronoun can stand for the speaker (``pronouns`` in speech.json, as quote
        attribution reads them): "he"/"she" a person, "it" an organisation, a country or one
        body, "they" a group, an organisation or a country, or several; "we" anyone."""
        want = speech_pronouns().get(pronoun.lower_)
        if want is None or not found:
            return bool(found)
        labels = {e.label for a in found if (e := self.by_char.get(a.span.start)) is not None}
        # a name is one party whatever its last word ("Harbrook Foods"); a plural noun is several
        several = any(c.dep_ == "conj" for c in speaker.children) or (speaker.tag_ == "NNS" and not labels)
        if want in ("m", "f"):
            return labels <= {"PERSON"} and not several
        if want == "org":
            return not labels & {"PERSON"} and not several
        return several or bool(labels & {"ORG", "GPE", "NORP"})

    def _governing_subject(self, tok: Any) -> list[EventArgument]:
        """The doer of an active participle clause with no subject of its own ("Lumetra cut 1,200
        jobs after reporting a loss", "..., citing weak demand"): the subject of the clause it
        modifies, read the same way as any subject (a relative pronoun is the noun its clause
        describes, a pronoun under a reporting verb is the speaker when they agree)."""
        if tok.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
            return []
        if tok.dep_ == "advcl":
            verb = tok.head
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            verb = tok.head.head
        else:
            return []
        for _ in range(3):      # "agreed to cut ... after reporting": up the clauses that share it
            if verb.pos_ not in ("VERB", "AUX"):
                return []
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                found = [a for a in self._names_or_described(_antecedent(subj), "source")
                         if a.role in ("source", "described_source")]
                return found or self._speaker_as_subject(verb)
            if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
                return []
            verb = verb.head
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
        if dep == "dative" and child.pos_ != "ADP":
            return "target"       # "fined Boeing $200 million", "awarded Airbus a contract"
        if dep == "oprd" and child.pos_ == "PROPN" and head.pos_ == "VERB":
            return "target"       # "named Priya Raman as chief financial officer" (parsed as oprd)
        if dep == "prep" and lemma == "by" and head.lemma_ in _MEDIATOR_VERBS:
            return "mediator"
        return None

    def _names_or_described(self, node: Any, role: str) -> list[EventArgument]:
        """The names in a side's phrase or, when it names no one, the noun that describes it. A
        person noun's organisation ("the ex-chief of Halden Bank") is the person's affiliation,
        not the side: "Maria Lund, the founder of Kastell Foods" is Maria Lund, "the ex-chief of
        Halden Bank" is described as such."""
        employers: list[Any] = []
        names = self._names(node, role, employers)
        orgs = self._employer_names(employers)
        if names or role not in ("source", "target"):
            people = [str(a.value) for a in names if a.role == role]
            return names + [EventArgument("affiliation", {"actor": who, "organisation": org}, span)
                            for who in people for org, span in orgs]
        described = self.described(node, bool(orgs))
        if not described:
            return []
        return [EventArgument(f"described_{role}", described[0], described[1]),
                *(EventArgument("affiliation", {"actor": described[0], "organisation": org}, span) for org, span in orgs)]

    def described(self, node: Any, employed: bool = False) -> tuple[str, Span] | None:
        """A role or body noun heading the phrase ("protesters", "the central bank", "Peruvian
        riot police"): the words as written (lower case, no determiner) and their span. Two words
        ("prime minister") are tried before one; a name-bearing word is not described."""
        counted = _counted_group(node)
        if counted is not None:     # "hundreds of counter-protesters", "a group of rebels"
            return self.described(counted)
        if node.pos_ != "NOUN" or self.entity_at(node) is not None:
            return None
        lemma = node.lemma_.lower()
        before = node.nbor(-1) if node.i > node.sent.start else None
        if before is not None and before.head == node and before.dep_ in ("compound", "amod") \
                and f"{before.lemma_.lower()} {lemma}" in self.described_nouns:
            start = before
        elif any(w in self.described_nouns for w in load_ontology().class_forms(lemma, node.lower_)) or employed:
            start = node      # (a person noun with its organisation: "the ex-chief of Halden Bank")
        else:
            return None
        # keep the modifiers just before the matched words ("riot police", "Peruvian protesters")
        while start.i > node.sent.start and (prev := start.nbor(-1)).head == node \
                and prev.dep_ in ("compound", "amod", "nmod") and prev.pos_ in ("NOUN", "PROPN", "ADJ"):
            start = prev.left_edge if prev.pos_ == "PROPN" else prev    # "the Halden Bank founder"
        words = self.doc[start.i:node.i + 1]
        text = words.text.lower() if words[0].pos_ != "PROPN" and words[0].ent_type_ != "NORP" else words.text
        of = next((c for c in node.children if c.dep_ == "prep" and c.lemma_ == "of"), None) if employed else None
        if of is not None:    # "ex-chief of Halden Bank": the organisation's name as written
            words = self.doc[start.i:of.right_edge.i + 1]
            text = f"{text} {self.doc[of.i:of.right_edge.i + 1].text}"
        return text, self._span(words, "described")

    def _undergoer(self, node: Any) -> list[EventArgument]:
        """The subject of a type with no agent: its own name as the target, the issuer of the
        securities it names ("shares of Kasbank"), else its phrase."""
        issuer = self._issuer(node)
        named = self._issuer_name(issuer) if issuer is not None else None
        if named is not None:
            return [named]
        ent = self.entity_at(node)
        if ent is not None and ent.label in _ACTOR_LABELS | {"LOC"}:
            name = self.actor_name(ent)
            return [EventArgument("target", name, ent.span)] if name else []
        # the noun phrase with its "of" part ("shares of Tesla"), not its clauses
        end = node.i
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lemma_ == "of" and c.i > node.i):
            end = max(end, prep.right_edge.i)
        words = [t for t in self.doc[node.left_edge.i:end + 1] if t.dep_ not in ("det", "predet", "punct")]
        if not words or end - words[0].i > 8:
            return []
        span = self._span(self.doc[words[0].i:end + 1], "described")
        text = span.text(self.layer.article.body)
        if words[0].is_sent_start and words[0].pos_ != "PROPN" and not words[0].ent_type_:
            text = text[:1].lower() + text[1:]      # "Shares of Tesla" opens the sentence
        return [EventArgument("described_target", text, span)]

    def _issuer(self, node: Any) -> Any | None:
        """Whose securities a noun names: the object of "of"/"in" ("shares of the Dutch lender
        Kasbank", "shares in Halden Motors"), the possessor ("Kasbank's shares") or a proper name
        compounded into it ("Tesla stock"); None for any other noun ("European stocks", "bank
        shares", "Bank shares" opening a sentence: a capital there says nothing)."""
        if node.pos_ == "NOUN":
            word = node.lemma_.lower()
        elif node.pos_ == "PROPN" and node.is_sent_start:   # "Stock of Castor Biotech jumped"
            word = node.lower_.removesuffix("s")
        else:
            return None
        if word not in self.security_nouns:
            return None
        for child in node.children:
            if child.dep_ == "prep" and child.lemma_.lower() in self.issuer_preps and child.i > node.i:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN" and (
                    self.entity_at(child) is not None or not child.is_sent_start)
                    and not self._sector_word(child)):
                return child
        return None

    def _sector_word(self, tok: Any) -> bool:
        """A lone capitalised word that names a kind of company ("Bank shares", "Energy stocks"):
        a sector, not an issuer (``corporate_heads`` in triggers.json)."""
        return not any(c.dep_ == "compound" for c in tok.children) and \
            tok.lower_ in load_ontology().classes.get("corporate_heads", frozenset())

    def _issuer_name(self, issuer: Any) -> EventArgument | None:
        """The issuer's name as the target. An issuer is a company or a government by what the
        phrase says, so a proper name is taken whatever label the model gave it ("Kasbank" tagged
        as a place, "Castor Biotech" as a person), with the entity's canonical form where the
        entity is exactly that name; a common noun counts when it introduces one ("the lender
        Kasbank"); a pronoun or a plain noun ("shares of banks") names no one."""
        if issuer.pos_ == "NOUN":
            return self._introduced_name(issuer, "target")
        if issuer.pos_ != "PROPN":
            return None
        words = self._proper_name(issuer)
        span = self._span(words, "target")
        ent = self.entity_at(words[0])
        if ent is not None and (ent.span.start, ent.span.end) == (span.start, span.end) \
                and ent.label in _ACTOR_LABELS | {"LOC"}:
            name = self.actor_name(ent)
            if name:
                return EventArgument("target", name, ent.span)
        return EventArgument("target", words.text, span)

    def _names(self, node: Any, role: str, employers: list[Any] | None = None) -> list[EventArgument]:
        phrase = " ".join(t.lower_ for t in node.subtree)
        if any(r in phrase.split(" ") or r in phrase for r in self.cues["reciprocal"]) and len(phrase) < 60:
            span = self._span(self.doc[node.left_edge.i:node.right_edge.i + 1], "reciprocal")
            return [EventArgument("source", name, span) for name in self.principal]
        labels = _ACTOR_LABELS if role != "target" else _ACTOR_LABELS | {"LOC"}
        named = self._described_name(node, role) or self._introduced_name(node, role)
        if named is not None:
            return [named]
        out = []
        for ent in self._phrase_entities(node, labels, employers):
            name = self.actor_name(ent)
            if name:
                out.append(EventArgument(role, name, ent.span))
            if ent.label == "PERSON" and ent.canonical in self.affiliation:
                country, span = self.affiliation[ent.canonical]
                out.append(EventArgument("affiliation", {"actor": name, "country": country}, span))
        return out

    def _described_name(self, node: Any, role: str) -> EventArgument | None:
        """"Stellmark, the French carmaker": a proper noun the model tagged as no entity, which an
        appositive describes, is the side's name; the appositive's nationality describes it and
        is no second party."""
        if node.pos_ != "PROPN" or self.entity_at(node) is not None or not any(
                c.dep_ == "appos" and c.pos_ == "NOUN" for c in node.children):
            return None
        words = self._proper_name(node)
        return EventArgument(role, words.text, self._span(words, role))

    def _untagged_name(self, node: Any, role: str) -> list[EventArgument]:
        """"Madoff was sentenced", "Parliament elected Ana Ruiz": a proper noun the entity model
        left untagged still names the side (its words as written, with the proper nouns
        compounded before it); a pronoun, a common noun or a word the model tagged as something
        else (a date, a law) names no one."""
        if node.pos_ != "PROPN" or node.ent_type_ or self.entity_at(node) is not None:
            return []
        words = self._proper_name(node)
        return [EventArgument(role, words.text, self._span(words, role))]

    def _proper_name(self, head: Any) -> Any:
        """A proper noun with the proper nouns compounded just before it ("Castor Biotech")."""
        start = head
        while start.i > head.sent.start and (prev := start.nbor(-1)).head == head \
                and prev.dep_ == "compound" and prev.pos_ == "PROPN":
            start = prev
        return self.doc[start.i:head.i + 1]

    def _introduced_name(self, node: Any, role: str) -> EventArgument | None:
        """"The Swedish game developer Nordlys Studios", "the Indian airline SkyVeda": a common
        noun that introduces an organisation's name (the name right after it, or its appositive)
        is that name; the nationality describes the firm and is no second party. A person's
        nationality ("the Ukrainian president Volodymyr Zelensky") stays an affiliation: this
        reads only names that are not people."""
        if node.pos_ != "NOUN" or self.entity_at(node) is not None:
            return None
        name = next((c for c in node.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is None and node.i + 1 < node.sent.end:
            after = node.nbor(1)
            if after.pos_ == "PROPN" and after.dep_ in ("compound", "nsubj", "nsubjpass", "dobj", "pobj", "appos") \
                    and (after.head in (node, node.head) or after.head.head in (node, node.head)):
                name = after
        if name is None:
            return None
        while name.dep_ == "compound" and name.head.pos_ == "PROPN" and name.head.i > name.i:
            name = name.head                      # "Nordlys" -> "Studios": the name's head
        start = name
        while start.i > node.i + 1 and (prev := start.nbor(-1)).pos_ == "PROPN" and prev.head == name:
            start = prev
        if start.i != node.i + 1 and name.head != node:
            return None                           # words between the noun and the name
        ent = self.entity_at(start)
        if ent is not None and (ent.label in ("PERSON", "NORP", "DATE", "TIME")
                                or (ent.label in ("GPE", "LOC") and node.lemma_.lower() in _PLACE_NOUNS)):
            return None       # a person, or a place a place noun introduces ("the capital Kyiv")
        if ent is not None and ent.label == "ORG":
            name_of = self.actor_name(ent)
            return EventArgument(role, name_of, ent.span) if name_of else None
        # any other label ("the chipmaker Feldtek" tagged as a place, SkyVeda as a product): the
        # noun says it is a firm, so the words are its name
        words = self.doc[start.i:name.i + 1]
        return EventArgument(role, words.text, self._span(words, role))

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
        for tok in trigger.tokens:   # "police in Lagos arrested 45 people": where the doers are
            for subj in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
                for prep in (c for c in subj.children if c.dep_ == "prep" and c.lemma_.lower() == "in"):
                    for obj in (g for g in prep.children if g.dep_ == "pobj"):
                        found = self._place_from(obj)
                        if found:
                            return found
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

    def _tally(self, trigger: Trigger) -> list[EventArgument]:
        """A vote tally under the trigger's "by" ("passed the bill by 69 votes to 30", "by a vote
        of 212 to 198", "by a 69-30 vote"): two numbers joined by "to" or a dash, read as the
        type's ``tally_roles`` (votes for, votes against; against first for a rejection,
        ``vote_tally`` in cues.json), each backed by its number. Only for a type that names
        them; a lone number ("by 69 votes") is no tally."""
        roles = load_ontology().types.get(trigger.type, {}).get("tally_roles")
        cue = self.cues.get("vote_tally", {})
        if not roles or len(roles) != 2:
            return []
        nouns, links = set(cue.get("nouns", ())), set(cue.get("links", ()))
        tok = trigger.token

        def pair_at(first: Any, after: Any | None = None) -> list[EventArgument]:
            """"312 to 104", "7-2" starting at ``first`` (or at the word ``after`` it: "69 votes
            to 30"), as written in the sentence."""
            nxt = (after or first).i + 1
            if nxt + 1 < tok.sent.end and self.doc[nxt].lower_ in links and self.doc[nxt + 1].like_num:
                pair = (first, self.doc[nxt + 1])
                if trigger.mode in cue.get("against_first_modes", ()):
                    pair = pair[::-1]
                values = [_number(n.text) for n in pair]
                if None in values:
                    return []
                return [EventArgument("quantity", {"value": value, "noun": "votes", "qualifier": "exactly",
                                                   "scope": None, "kind": "count", "role": role},
                                      self._span(n, "quantity"))
                        for n, value, role in zip(pair, values, roles)]
            return []

        # a bare tally after the verb or its object ("approved the treaty 312 to 104", "passed the
        # ordinance 7-2", "voted 69-30"); a number before the object counts it ("passed 3 bills")
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        bare = [c for c in tok.children if c.dep_ in ("dobj", "npadvmod") and c.like_num and c.i > tok.i]
        bare += [c for o in objects for c in o.children if c.dep_ in ("nummod", "appos") and c.like_num and c.i > o.i]
        for first in sorted(bare, key=lambda t: t.i):
            found = pair_at(first)
            if found:
                return found
        for by in (c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
            obj = next((g for g in by.children if g.dep_ == "pobj"), None)
            if obj is None or not (obj.lemma_.lower() in nouns or obj.like_num):
                continue
            lo, hi = by.i + 1, by.right_edge.i
            after = self.doc[hi + 1] if hi + 1 < tok.sent.end else None
            if after is not None and after.head == tok and after.dep_ == "prep" and after.lower_ in links:
                hi = after.right_edge.i          # "by 69 votes to 30", parsed with "to 30" under the verb
            words = self.doc[lo:hi + 1]
            for i, first in enumerate(words):
                if not first.like_num:
                    continue
                noun = words[i + 1] if i + 1 < len(words) and words[i + 1].lemma_.lower() in nouns else None
                found = pair_at(first, noun)
                if found:
                    return found
        return []

    def quantities(self, trigger: Trigger) -> list[EventArgument]:
        """Quantities inside the trigger's object phrases (or its own phrase for nouns); a vote
        tally's two numbers are the votes for and against (``_tally``), no other quantity."""
        tally = self._tally(trigger)
        out, taken = list(tally), set()
        if tally:
            lo = min(a.span.start for a in tally)
            hi = max(a.span.end for a in tally)
            by = next((c for c in trigger.token.children if c.lower_ == "by"), None)
            lo = min(lo, by.idx) if by is not None else lo
            taken |= {q.span.start for q in self.layer.quantities if lo <= q.span.start < hi}
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
                    role = trigger.roles.get(tok.i)
                    if role is None and q.kind == "percent" and trigger.mode in _DIRECTIONS and tok.pos_ == "VERB":
                        role = "change"     # "the economy grew 0.4 percent": by how much it moved
                    out.append(EventArgument("quantity", self._quantity_value(q, role), q.span))
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


def _number(text: str) -> float | None:
    """A tally's number as written ("212", "1,204")."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


_SIDES = {"source", "target", "described_source", "described_target"}
# entity labels that, compounded into a title ("Brenton mayor", "Ohio senator"), name the office's
# place or patron; an organisation or a nationality there stays as before (affiliations)
_OFFICE_PLACES = {"GPE", "LOC", "FAC", "PERSON"}


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[str], frozenset[str]]:
    """Title nouns ("mayor", "minister") as coreference reads them, and those held for a place
    ("mayor", "senator": ``place_offices``), from titles.json."""
    raw = data_json("titles.json")
    return frozenset(raw["titles"]), frozenset(raw.get("place_offices", ()))


_RELATIVE_TAGS = {"WP", "WDT"}


def _antecedent(node: Any) -> Any:
    """A relative pronoun in a slot of its clause stands for the noun the clause describes ("Tom
    Ecker, who resigned in January": Ecker resigned); any other word stands for itself."""
    clause = node.head
    if (node.tag_ in _RELATIVE_TAGS or (node.lower_ == "that" and node.pos_ == "PRON")) \
            and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return node


_POSSESSIVES = {"he": "his", "she": "her", "it": "its", "they": "their"}


def _possessed_by(speaker: Any, pronoun: Any) -> bool:
    """Whether the speaker's phrase has a possessive pronoun matching ``pronoun`` ("his lawyer
    said he ...": the pronoun is the possessor, not the speaker)."""
    own = _POSSESSIVES.get(pronoun.lower_)
    return own is not None and any(c.dep_ == "poss" and c.lower_ == own for c in speaker.children)


@lru_cache(maxsize=1)
def speech_pronouns() -> dict[str, str]:
    """Subject pronoun -> the antecedent it needs (m/f person, org, group): speech.json's."""
    return dict(data_json("speech.json")["pronouns"])


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    """The words that name a person by a role (the language layer's ``titles.json``), one-word forms."""
    return frozenset(t for t in _titles()[0] if " " not in t)


_GROUP_NOUNS = {"group", "number", "handful", "band", "couple", "dozen", "score"}


def _counted_group(node: Any) -> Any | None:
    """What a count or a measure noun counts ("hundreds of protesters", "a group of rebels",
    "dozens of residents"): its "of" object; None for any other noun ("the leader of the
    protesters" is the leader)."""
    if not (node.like_num or node.ent_type_ in ("CARDINAL", "QUANTITY") or node.lemma_.lower() in _GROUP_NOUNS):
        return None
    return next((g for p in node.children if p.dep_ == "prep" and p.lemma_ == "of"
                 for g in p.children if g.dep_ == "pobj"), None)


def _slot(child: Any) -> str | None:
    """The slot of the trigger a child fills, as lexicon entries name them (``roles``): "subject"
    (the subject, or a passive's "by" agent), "object" (a direct or indirect object),
    "possessor" ("Reed's defeat") or the preposition itself ("to", "of", "from")."""
    dep = child.dep_
    if dep in ("nsubj", "agent"):
        return "subject"
    if dep == "poss":
        return "possessor"
    if dep in ("dobj", "oprd") or (dep == "dative" and child.pos_ != "ADP"):
        return "object"
    return child.lemma_.lower() if dep in ("prep", "dative") else None


def _generic_role(type_: str, role: str) -> str:
    """A type's role name as the mention's argument role: the first of ``agent_patient`` is the
    source, the second the target, any other role keeps its name ("electorate")."""
    pair = load_ontology().types.get(type_, {}).get("agent_patient") or []
    if role in pair:
        return ("source", "target")[pair.index(role)]
    return role


def _subject_role(trigger: Trigger) -> str | None:
    """The argument role the trigger's subject fills: the source unless the lexicon entry says
    otherwise ("lost to": the loser, the target), None when it is no party."""
    named, role = trigger.entry.role_of("subject")
    if not named:
        return "source"
    return _generic_role(trigger.type, role) if role else None


def _type_preps(type_: str | None) -> frozenset[str]:
    """Prepositions the ontology names for this type's target ("from" the seller of an order)."""
    return frozenset(load_ontology().types.get(type_ or "", {}).get("target_preps", ()))


def _has_patient(type_: str | None) -> bool:
    """Whether the ontology names a side the event is done to (the second of ``agent_patient``:
    appointee, defendant, target, territory …). A type without role names of its own (talks, an
    exchange, a threat: two parties, ``source`` and ``target``) names none, so its passive
    subject ("a group of prisoners was returned") is what moved, not a party."""
    roles = load_ontology().types.get(type_ or "", {}).get("agent_patient")
    return bool(roles) and len(roles) > 1 and roles[1] is not None


def _agentless(type_: str | None) -> bool:
    """Whether the ontology gives this type no agent (its ``agent_patient`` starts with null)."""
    roles = load_ontology().types.get(type_ or "", {}).get("agent_patient")
    return bool(roles) and roles[0] is None


def _dedupe(args: list[EventArgument]) -> list[EventArgument]:
    seen, out = set(), []
    for a in args:
        key = (a.role, str(a.value))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
