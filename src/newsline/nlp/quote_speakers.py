"""Who is speaking: the subject of a cue verb, whatever the parse, as a canonical name.

``SpeakerFinder`` is built once per article. ``of_verb(verb)`` reads the verb's subject from the
parse (climbing from "saying"/"adding" to the verb that has one); when the parse puts the subject
inside the quote, or gives none, token patterns next to the verb decide ("…,” said Vice President
Joe Biden" / "…,” Biden said"). Pronoun subjects are resolved here, not by general coreference:

* "he"/"she" is the nearest preceding *plausible speaker* — a person who is the subject of a clause
  or who spoke before — of agreeing gender, in the last ``speaker_window`` sentences; a person
  named inside the quote is its topic, not its speaker ("Assad is secondary, to me," he said);
* "it" is the nearest preceding organisation subject; "they" the nearest organisation or group
  that spoke;
* failing that, no speaker is claimed and the reason is returned (``Speaker.note``).

Names inside quotes or datelines are never speakers.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Span
from .datelines import in_ranges
from .entities import Mention, MentionSet
from .quote_vocab import is_speech_verb, vocab

__all__ = ["Speaker", "SpeakerFinder"]

_SUBJ = ("nsubj", "nsubjpass")
_PERSONISH = frozenset({"PERSON"})
_NOT_PERSON = frozenset({"GPE", "LOC", "NORP", "FAC", "LAW", "LANGUAGE", "PLATFORM", "EVENT"})
_GROUP = frozenset({"ORG", "NORP", "GPE"})
_RELATIVE = frozenset({"who", "which", "that"})
_QUOTE_MARKS = frozenset('"“”«»„')


@dataclass(slots=True)
class Speaker:
    name: str | None
    span: Span | None
    note: str | None = None
    token: int = -1             # first token of the speaker's words, -1 when none


@dataclass(slots=True)
class _Candidate:
    mention: Mention
    subject: bool               # subject of its clause, or the subject of a speech verb
    spoke: bool


class SpeakerFinder:
    """Speaker lookups over one parsed article (see the module docstring)."""

    def __init__(self, doc: Any, article_id: str, mentions: MentionSet, quotes: list[tuple[int, int]],
                 datelines: list[tuple[int, int]], text: str | None = None) -> None:
        self.doc, self.article_id, self.mentions = doc, article_id, mentions
        self.text = doc.text if text is None else text    # Doc.text joins every token on each call
        self.quotes, self.datelines = sorted(quotes), datelines
        self.tokens = list(doc)                      # made once: every pass below reuses them
        self.starts = [t.idx for t in self.tokens]   # token start offsets, for bisecting
        self.sentences = [(s.start, s.end) for s in doc.sents]
        self.in_quote = [False] * len(doc)
        for s, e in self.quotes:
            span = doc.char_span(s, e, alignment_mode="expand") if e > s else None
            for t in span or ():
                self.in_quote[t.i] = True
        self.surnames = {m.canonical.split()[-1].lower(): m.canonical for m in mentions.mentions
                         if m.label == "PERSON" and m.kind == "name"}
        self.proper = _proper_words(self.tokens)
        self.bare = self._bare_subjects()
        self.spoke = self._speech_subjects()

    def sentence_of(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token ``i``."""
        return self.sentences[self.mentions.sent_of[i]]

    # -- the subject of a verb ----------------------------------------------------------------
    def of_verb(self, verb: Any, quote: tuple[int, int] | None = None, passive_ok: bool = True) -> Speaker:
        """The speaker of a cue verb; ``quote`` is the quote it attributes, when there is one."""
        subj = self.parse_subject(verb, passive_ok)
        if subj is None:
            subj = self.adjacent_subject(verb)
        if subj is None:
            return Speaker(None, None, f"no subject found for '{verb.text}'")
        return self.named(subj, quote)

    def parse_subject(self, verb: Any, passive_ok: bool = True) -> Any | None:
        """The parse's subject of ``verb`` or of a verb it hangs from, when it is usable."""
        chain = _head_chain(verb)
        ranked = [t for t in chain if is_speech_verb(t)] + chain
        for token in ranked:
            subjects = [c for c in token.children if c.dep_ in _SUBJ]
            if not subjects:
                continue
            if any(c.dep_ == "nsubjpass" for c in subjects) and not passive_ok:
                return None
            # a dateline word parsed as a second subject ("FRANCISCO … Lumen Silicon said") is skipped
            return next((c for c in subjects if self.usable(c)), None)
        return None

    def usable(self, token: Any) -> bool:
        return not self.in_quote[token.i] and not self.in_dateline(token)

    def adjacent_subject(self, verb: Any) -> Any | None:
        """Token patterns: a mention right after the verb ("said Joe Biden", "said the ministry")
        or ending right before it ("Joe Biden said"), outside quotes."""
        doc = self.doc
        for t in doc[verb.i + 1:min(len(doc), verb.i + 6)]:
            if t.is_punct or self.in_quote[t.i] or t.is_sent_start and t.i > verb.i + 1:
                break
            if self.mentions.at_token(t.i) is not None and t.pos_ != "PRON":
                return t
            if t.pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "ADV"):
                break
        before = doc[verb.i - 1] if verb.i > 0 else None          # "… Biden said": right before it
        if before is not None and not self.in_quote[before.i] and not self.in_dateline(before) \
                and (self.mentions.at_token(before.i) is not None or before.pos_ == "PRON"):
            return before
        return None

    # -- a token as a name --------------------------------------------------------------------
    def named(self, token: Any, quote: tuple[int, int] | None = None) -> Speaker:
        """The mention at ``token`` (resolving a pronoun for speech), or its noun phrase."""
        doc, mentions = self.doc, self.mentions
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            token = token.head.head                    # "Seacom, which said …": the noun it modifies
        if token.lower_ in vocab().pronouns and token.pos_ == "PRON":
            return self.resolve_pronoun(token, quote)
        if token.lower_ in vocab().first_person and token.pos_ == "PRON":
            return Speaker(None, None, f"first-person '{token.text}' outside a quote: the writer")
        if token.pos_ == "PRON":
            return Speaker(None, None, f"pronoun '{token.text}' is not resolved")
        if mentions.at_token(token.i) is None:       # "Ukraine's army chief, Oleksandr Syrskyi, said"
            token = next((c for c in token.children if c.dep_ == "appos" and mentions.at_token(c.i)), token)
        parts = [token, *(c for c in token.conjuncts if c.i > token.i)]
        found = [mentions.at_token(t.i) for t in parts]
        if len(parts) > 1 and all(found) and all(m.kind != "pronoun" for m in found):
            return Speaker(" and ".join(m.canonical for m in found),
                           self._span(found[0].start, found[-1].end), token=found[0].start)
        m = mentions.at_token(token.i)
        if m is not None and not (m.kind == "pronoun"):
            return Speaker(m.canonical, self._span(m.start, m.end), token=m.start)
        bare = self.bare_name(token)
        if bare is not None:
            return Speaker(bare, self._span(token.i, token.i + 1), token=token.i)
        left = token.left_edge
        for t in doc[left.i:token.i]:                  # never across a verb or a quote mark
            if t.pos_ in ("VERB", "AUX") or t.text in _QUOTE_MARKS or self.in_quote[t.i] or self.in_dateline(t):
                left = doc[t.i + 1]
        end = _np_end(token)
        return Speaker(self.text[left.idx:end], Span(self.article_id, left.idx, end, "SPEAKER"), token=left.i)

    def _span(self, start: int, end: int) -> Span:
        doc = self.doc
        return Span(self.article_id, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), "SPEAKER")

    # -- pronouns -----------------------------------------------------------------------------
    def resolve_pronoun(self, token: Any, quote: tuple[int, int] | None = None) -> Speaker:
        want = vocab().pronouns[token.lower_]
        topics = self._named_inside(quote)
        sent = self.mentions.sent_of[token.i]
        pool = [c for c in self._candidates(token.i, sent) if c.mention.canonical not in topics
                and self._fits(c, want)]
        pick = next((c for c in pool if c.subject or c.spoke), None)
        if pick is None and len({c.mention.canonical for c in pool}) == 1 and want in ("m", "f") \
                and self.doc[pool[0].mention.end - 1].dep_ not in ("dobj", "pobj", "dative"):
            pick = pool[0]                      # the only person around, though not a subject
        if pick is None:
            why = "a person named in the quote is its topic" if topics else "no plausible antecedent"
            return Speaker(None, None, f"pronoun '{token.text}' unresolved: {why} in the last "
                                       f"{vocab().window} sentences", token=token.i)
        m = pick.mention
        if want in ("m", "f"):
            self.mentions.gender.setdefault(m.canonical, want)
        start, end = token.idx, token.idx + len(token.text)
        return Speaker(m.canonical, Span(self.article_id, start, end, "SPEAKER"), token=token.i)

    def bare_name(self, token: Any) -> str | None:
        """A name the model did not tag ("Trump met …" read as a noun): a capitalised word the
        article also capitalises mid-sentence and never writes in lower case; a person's surname
        gives that person's full name."""
        if not token.is_title or token.pos_ not in ("PROPN", "NOUN") or self.mentions.at_token(token.i) \
                or any(c.dep_ in ("compound", "det", "amod", "poss", "nmod") for c in token.children):
            return None                                  # one word alone, not "Lumen Silicon"
        word = token.lower_
        if word in self.surnames:
            return self.surnames[word]
        return token.text if word in self.proper and word not in vocab().source_nouns else None

    def _bare_subjects(self) -> list[Mention]:
        out = []
        for token in self.tokens:
            if token.dep_ == "nsubj" and not self.in_quote[token.i]:
                name = self.bare_name(token)
                if name is not None:
                    out.append(Mention(token.i, token.i + 1, "PERSON", name, sent=self.mentions.sent_of[token.i],
                                       subject=True))
        return out

    def _candidates(self, i: int, sent: int) -> list[_Candidate]:
        """Mentions before token ``i`` in the window, nearest first, outside quotes and datelines."""
        window = vocab().window
        out = []
        for m in sorted(self.mentions.mentions + self.bare, key=lambda m: m.end, reverse=True):
            if m.end > i or m.kind == "pronoun" or sent - m.sent > window or self.in_quote[m.start]:
                continue
            spoke = m.start in self.spoke
            out.append(_Candidate(m, m.subject or spoke or self._subject_appos(m), spoke))
        return out

    def _subject_appos(self, m: Mention) -> bool:
        """"The warehouse owner, Victor Lane, said": the name in apposition to a subject."""
        root = self.doc[m.end - 1]
        return root.dep_ == "appos" and root.head.dep_ in _SUBJ

    def _fits(self, c: _Candidate, want: str) -> bool:
        m = c.mention
        if want in ("m", "f"):
            if self.mentions.gender.get(m.canonical, want) != want:
                return False
            return m.label in _PERSONISH or ((c.spoke or c.subject) and m.label not in _NOT_PERSON
                                              and m.kind == "name" and _person_like(m))
        if want == "org":
            return m.label == "ORG" and not m.title
        return m.label in _GROUP and c.spoke                      # "they": a group that spoke

    def _named_inside(self, quote: tuple[int, int] | None) -> set[str]:
        if quote is None:
            return set()
        doc = self.doc
        return {m.canonical for m in self.mentions.mentions
                if m.kind != "pronoun" and quote[0] <= doc[m.start].idx < quote[1]}

    def _speech_subjects(self) -> set[int]:
        """First tokens of the mentions that are subjects of a speech verb outside quotes."""
        out = set()
        for token in self.tokens:
            if self.in_quote[token.i] or not is_speech_verb(token):
                continue
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subj is not None and self.mentions.at_token(subj.i) is None:
                subj = next((c for c in subj.children if c.dep_ == "appos"), subj)
            m = self.mentions.at_token(subj.i) if subj is not None else None
            if m is not None and m.kind != "pronoun":
                out.add(m.start)
        return out

    def in_dateline(self, token: Any) -> bool:
        return in_ranges(token.idx, token.idx + len(token.text), self.datelines)


def _proper_words(tokens: list[Any]) -> frozenset[str]:
    """Lower-cased words the text capitalises inside a sentence and never writes in lower case."""
    capital, lower = set(), set()
    for token in tokens:
        if not token.is_alpha:
            continue
        if token.is_lower:
            lower.add(token.lower_)
        elif token.is_title and not token.is_sent_start and token.i > 0 and tokens[token.i - 1].text not in '"“«:—':
            capital.add(token.lower_)
    return frozenset(capital - lower)


def _person_like(m: Mention) -> bool:
    """A name the model typed as an organisation that reads like a person's ("Trump" said …):
    one to three capitalised words, no acronym, no institution word, no owner country."""
    words = m.canonical.split()
    heads = _institution_words()
    return (m.owner is None and 1 <= len(words) <= 3 and not m.canonical.isupper()
            and all(w[:1].isupper() for w in words) and not any(w.lower() in heads for w in words))


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    from .resources import data_json

    words = set(data_json("variants.json")["owned_heads"]) | set(data_json("coref.json")["categories"])
    return frozenset(w for phrase in words for w in phrase.split()) | {"party", "house", "senate", "inc", "corp"}


def _head_chain(verb: Any) -> list[Any]:
    """The verb and the heads it hangs from through participle/complement links (at most 4)."""
    chain, token = [verb], verb
    while len(chain) < 4 and token.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "ccomp"):
        if token.head is token:
            break
        if token.dep_ == "acl" and token.head.dep_ in ("dobj", "pobj") and token.head.head is not token.head:
            token = token.head                 # "released a statement saying …": the releasing verb
        token = token.head
        chain.append(token)
    return chain


def _np_end(token: Any) -> int:
    """End of a speaker noun phrase: the head plus a short "for/of/at X" ("a spokesman for the
    agency"), never a relative clause."""
    end = token.idx + len(token.text)
    for child in token.children:
        if child.i > token.i and child.dep_ in ("prep", "compound", "appos") and child.lower_ in ("for", "of", "at", "with") \
                and child.right_edge.i - token.i <= 6:
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    return end
