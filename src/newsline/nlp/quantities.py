"""Quantities: a number, what it counts, its qualifier and scope, or a count left undisclosed.

Candidates are spaCy's CARDINAL/QUANTITY/MONEY/PERCENT entities, DATE entities that are a bare
number (the small model tags "The oldest was 59" as a DATE), and number tokens attached to a noun
that the model missed. For each:

* value: :func:`~.numbers.parse_number` (``1,212``, ``1.2K``, ``1.5 million``, ``two``, ``a dozen``);
* counted noun: the noun the number modifies in the parse (``nummod``), or the object of ``of``
  (``dozens of soldiers``); "two others" counts what the count before it counted;
* qualifier: the longest phrase of ``quantities.json`` just before the number ("at least",
  "more than" …, mapped to one canonical name); one-word ones that are also prepositions ("over")
  only when the parser attaches them to the number;
* scope: "each", "on each side", "from each" … after the noun;
* kind: ``age`` when an age cue is near ("aged 22", "the oldest was 59", "under the age of 25"),
  ``money``, ``percent``, ``measure`` (QUANTITY), else ``count``.

Years and other dates are not quantities. A negated disclosure ("did not disclose the number of
prisoners", "neither side disclosed how many soldiers") gives a Quantity with ``value=None``,
``qualifier="undisclosed"``, ``kind="undisclosed"``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Quantity, Span
from .entities import NAME_LABELS
from .numbers import fraction_denominator, is_number_word, parse_number, vague_value
from .resources import data_json

__all__ = ["extract_quantities"]

_KIND_OF_LABEL = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "measure"}


@dataclass(slots=True, frozen=True)
class _Vocab:
    qualifiers: dict[str, str]          # surface phrase -> canonical qualifier
    max_qualifier: int
    ambiguous: frozenset[str]
    scopes: tuple[str, ...]             # longest first
    clause_scopes: tuple[str, ...]
    age_before: frozenset[str]
    age_after: tuple[str, ...]
    age_window: int
    appositive_age_max: int
    restating_marks: frozenset[str]
    temporal: frozenset[str]
    months: frozenset[str]
    anaphoric: frozenset[str]
    undisclosed_verbs: frozenset[str]
    undisclosed_objects: frozenset[str]
    negators: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw = data_json("quantities.json")
    quals = {p: canon for canon, phrases in raw["qualifiers"].items() for p in phrases}
    und = raw["undisclosed"]
    return _Vocab(
        qualifiers=quals, max_qualifier=max(len(p.split()) for p in quals),
        ambiguous=frozenset(raw["ambiguous_qualifiers"]),
        scopes=tuple(sorted(raw["scopes"], key=len, reverse=True)),
        clause_scopes=tuple(sorted(raw["clause_scopes"], key=len, reverse=True)),
        age_before=frozenset(raw["age_before"]), age_after=tuple(raw["age_after"]),
        age_window=raw["age_window"], appositive_age_max=raw["appositive_age_max"],
        restating_marks=frozenset(raw["restating_marks"]), temporal=frozenset(raw["temporal_words"]),
        months=frozenset(raw["months"]),
        anaphoric=frozenset(raw["anaphoric_nouns"]),
        undisclosed_verbs=frozenset(und["verbs"]), undisclosed_objects=frozenset(und["objects"]),
        negators=frozenset(und["negators"]),
    )


def extract_quantities(doc: Any, article_id: str) -> list[Quantity]:
    """Every count, measure, amount, age and undisclosed count in a parsed article, in text order."""
    found: list[Quantity] = []
    for start, end, label in _candidates(doc):
        q = _quantity(doc, doc[start:end], label, article_id, found)
        if q is not None:
            found.append(q)
    found.extend(_undisclosed(doc, article_id))
    return sorted(found, key=lambda q: q.span.start)


# -- candidates ---------------------------------------------------------------------------------
def _candidates(doc: Any) -> list[tuple[int, int, str]]:
    out, taken = [], set()
    for ent in doc.ents:
        if ent.label_ in _KIND_OF_LABEL or (ent.label_ == "DATE" and _bare_number(ent)):
            label = "CARDINAL" if ent.label_ == "DATE" else ent.label_
            start, end = ent.start, ent.end
            if start and doc[start - 1].is_currency and not doc[start - 1].whitespace_:
                start -= 1                        # "$" + "12.40" the model left out
            while end < len(doc) and not doc[end - 1].whitespace_ and _number_part(doc[end]):
                end += 1                          # "1.2" + "K" the model left out
            while end > ent.start + 1 and doc[end - 1].pos_ in ("CCONJ", "PUNCT"):
                end -= 1                          # "7 and" (the model's span stops mid-coordination)
            for first, stop in _split_coordination(doc, start, end):
                out.append((first, stop, label))
            taken.update(range(start, end))
    for token in doc:
        if token.i in taken or token.ent_type_ in NAME_LABELS or token.ent_type_ in ("DATE", "TIME", "ORDINAL"):
            continue
        if _loose_number(token):
            start = token.i - 1 if token.i and doc[token.i - 1].lower_ in ("a", "an") else token.i
            out.append((start, token.i + 1, "CARDINAL"))
            taken.add(token.i)
    return sorted(out)


def _split_coordination(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """"7 and 9" is two numbers: cut an entity at conjunctions standing between numbers."""
    parts, begin = [], start
    for i in range(start + 1, end - 1):
        if doc[i].pos_ == "CCONJ" and doc[i - 1].like_num and doc[i + 1].like_num:
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, end))
    return parts


def _bare_number(ent: Any) -> bool:
    """A DATE entity that is a number with no calendar word and not a year ("59", "the age of 25")."""
    words = {t.lower_ for t in ent}
    nums = [t for t in ent if t.like_num]
    if nums and any(cue in ent.text.lower() for cue in _vocab().age_after):
        return True                               # "a 45-year-old": an age, not a duration
    if not nums or words & _vocab().temporal:
        return False
    return not any(_year_like(t.text) for t in nums)


def _loose_number(token: Any) -> bool:
    """A number the model did not tag: attached to a noun ("two villages") or a vague count."""
    if token.like_num and token.dep_ == "nummod":
        return True
    if vague_value(token.text) is not None and any(c.lower_ == "of" for c in token.children):
        return True
    return token.lower_ == "dozen" and token.dep_ == "nummod"


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


# -- one quantity -------------------------------------------------------------------------------
def _quantity(doc: Any, span: Any, label: str, article_id: str, before: list[Quantity]) -> Quantity | None:
    nums = [t for t in span if _number_part(t)]
    value = _value(span, nums)
    if value is None:
        return None
    noun_tok = _counted_noun(span, nums)
    if _is_year(nums, noun_tok, label) or _is_pronoun_one(nums, noun_tok) or _is_calendar(span, noun_tok):
        return None
    if noun_tok is None and label == "CARDINAL":
        noun_tok = _restated_noun(doc, span, nums)
    kind = _KIND_OF_LABEL.get(label, "count")
    denominator = fraction_denominator(noun_tok.text) if noun_tok is not None else None
    if denominator and kind == "count":           # "two-thirds of the outflow"
        value, kind, noun_tok = round(value / denominator, 6), "fraction", None
    if kind == "count" and noun_tok is not None and noun_tok.lower_ in _money_words():
        kind = "money"
    qual_start, qualifier = _qualifier(doc, span, nums)
    if kind == "count" and (_is_age(doc, span) or _conjunct_of_age(span, before) or _appositive_age(span, nums)):
        kind = "age"
        if qualifier == "exactly":
            qual_start, qualifier = _qualifier_before_age(doc, span)
    if vague_value(nums[0].text) is not None and qualifier == "exactly":
        qualifier = "at least"
    noun = _currency(span, noun_tok) if kind == "money" else _noun_text(noun_tok, kind, span, before)
    start = doc[qual_start].idx
    last = noun_tok if noun_tok is not None and noun_tok.i >= span.end and noun_tok.i - span.end < 4 else span[-1]
    end = last.idx + len(last.text)
    scope = _scope(doc, noun_tok if noun_tok is not None and noun_tok.i >= span.end else span[-1])
    return Quantity(Span(article_id, start, end, "QUANTITY"), value, noun, qualifier, scope, kind)


def _number_part(token: Any) -> bool:
    """Digits, number words, "a" of "a dozen", and a multiplier glued to digits ("1.2K")."""
    if token.like_num or is_number_word(token.text) or token.lower_ in ("a", "an"):
        return True
    prev = token.nbor(-1) if token.i else None
    return (prev is not None and prev.like_num and not prev.whitespace_
            and parse_number(prev.text + token.text) not in (None, parse_number(prev.text)))


@lru_cache(maxsize=1)
def _money_words() -> dict[str, str]:
    return data_json("numbers.json")["money_words"]


def _currency(span: Any, noun: Any | None) -> str | None:
    """The currency code of an amount ("$3 billion" -> USD, "1.5 million shillings" -> KES)."""
    words = _money_words()
    for token in [*span, *([noun] if noun is not None else [])]:
        code = words.get(token.lower_) or words.get(token.text[:1])
        if code:
            return code
    return noun.lower_ if noun is not None else None


def _conjunct_of_age(span: Any, before: list[Quantity]) -> bool:
    """"aged 7 and 9": a number coordinated right after an age is an age too."""
    if not before or before[-1].kind != "age" or span.start < 2:
        return False
    doc = span.doc
    link = doc[span.start - 1]
    return link.pos_ == "CCONJ" and before[-1].span.end <= link.idx and link.idx - before[-1].span.end < 3


def _value(span: Any, nums: list[Any]) -> float | None:
    if not nums:
        return None
    if len(nums) == 1 and vague_value(nums[0].text) is not None:
        return vague_value(nums[0].text)
    text = span.doc[nums[0].i:nums[-1].i + 1].text      # not doc.text: it re-joins the whole doc
    value = parse_number(text)
    return None if value is None else round(value, 6)


def _is_year(nums: list[Any], noun: Any | None, label: str) -> bool:
    return label == "CARDINAL" and len(nums) == 1 and _year_like(nums[0].text) and noun is None


def _is_calendar(span: Any, noun: Any | None) -> bool:
    """"Aug. 7", "Oct. 19", "three days": a date or a duration belongs to time expressions."""
    v = _vocab()
    before = span.doc[span.start - 1].lower_.rstrip(".") if span.start else ""
    return before in v.months or (noun is not None and noun.lower_.rstrip(".") in v.temporal)


def _is_pronoun_one(nums: list[Any], noun: Any | None) -> bool:
    """"one of the few points", "the one who …": "one" that counts nothing."""
    return len(nums) == 1 and nums[0].lower_ == "one" and (noun is None or nums[0].dep_ != "nummod")


def _counted_noun(span: Any, nums: list[Any]) -> Any | None:
    root = span.root
    if root.pos_ in ("NOUN", "PROPN") and root not in nums:
        return root                               # "10 kilometres", "$2 billion" keeps its unit
    for child in root.children:                   # "dozens of soldiers", "1,000 of them"
        if child.lower_ == "of" and child.dep_ == "prep":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objs:
                return objs[0]
    if root.dep_ in ("nummod", "quantmod", "amod") and root.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return root.head
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return root.head
    return None


def _restated_noun(doc: Any, span: Any, nums: list[Any]) -> Any | None:
    """"captured soldiers under 25 — more than 1,000 on each side —": a bare count set off by a
    dash or a bracket restates the nearest plural noun before it in the sentence."""
    first = _qualifier(doc, span, nums)[0]
    if first <= span.sent.start or doc[first - 1].text not in _vocab().restating_marks:
        return None
    for token in reversed(doc[span.sent.start:first - 1]):
        if token.tag_ in ("NNS", "NNPS"):
            return token
    return None


def _noun_text(noun: Any | None, kind: str, span: Any, before: list[Quantity]) -> str | None:
    if noun is None:
        return None
    word = noun.lower_
    if word in _vocab().anaphoric:
        sent_start = span.sent.start_char
        prior = [q for q in before if q.span.start >= sent_start and q.noun and q.kind == kind]
        return prior[-1].noun if prior else word
    return word


def _qualifier(doc: Any, span: Any, nums: list[Any]) -> tuple[int, str]:
    """(first token index of the qualifier or of the number, canonical qualifier)."""
    v = _vocab()
    first = nums[0].i
    while first > span.sent.start and doc[first - 1].is_currency:
        first -= 1                                # "about $2 billion": the qualifier is before "$"
    lo = max(span.sent.start, first - v.max_qualifier)
    for n in range(first - lo, 0, -1):
        words = doc[first - n:first]
        phrase = " ".join(t.lower_ for t in words)
        canon = v.qualifiers.get(phrase)
        if canon is None:
            continue
        if phrase in v.ambiguous and words[0].i < span.start and words[0].head.i not in {t.i for t in nums}:
            continue                              # "fighting over two villages": a preposition
        return first - n, canon
    return (span.start if span[0].lower_ in ("a", "an") else first), "exactly"


def _is_age(doc: Any, span: Any) -> bool:
    v = _vocab()
    left = [t.lower_ for t in span if not t.like_num]
    for t in reversed(doc[max(span.sent.start, span.start - v.age_window):span.start]):
        if t.is_punct or t.like_num:              # the cue must be in the number's own phrase
            break
        left.append(t.lower_)
    if set(left) & v.age_before:
        return True
    right = doc[span.end:min(span.end + 3, span.sent.end)].text.lower()
    tail = span.text.lower()
    return any(right.startswith(cue.lstrip("-")) or right.startswith(cue) or cue in tail for cue in v.age_after)


def _appositive_age(span: Any, nums: list[Any]) -> bool:
    """"The victim, 34, was …", "John Smith, 45, said": a bare whole number set off by commas right
    after the noun or name it is in apposition to is that person's age (news style)."""
    if len(nums) != 1 or len(span) != 1 or nums[0].dep_ != "appos":
        return False
    doc, tok = span.doc, nums[0]
    value = parse_number(tok.text)
    if value is None or value != int(value) or not 0 < value <= _vocab().appositive_age_max:
        return False
    after = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    return (tok.i > 0 and doc[tok.i - 1].text == "," and after in (",", ";", ".")
            and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i)


def _qualifier_before_age(doc: Any, span: Any) -> tuple[int, str]:
    """"under the age of 25": the qualifier sits before the age phrase."""
    v = _vocab()
    i = span.start
    while i > span.sent.start and doc[i - 1].lower_ in ("the", "of", "age", "aged", "ages"):
        i -= 1
    for n in range(v.max_qualifier, 0, -1):
        if i - n < span.sent.start:
            continue
        canon = v.qualifiers.get(" ".join(t.lower_ for t in doc[i - n:i]))
        if canon:
            return i - n, canon
    return span.start, "exactly"


def _scope(doc: Any, after: Any) -> str | None:
    """A scope phrase within a few words after the counted noun ("prisoners of war from each")."""
    v = _vocab()
    sent_end = after.sent.end
    tokens = [t for t in doc[after.i + 1:min(after.i + 8, sent_end)]]
    skip = 2 if tokens and tokens[0].lower_ == "of" else 0   # "prisoners of war" before the scope
    for offset in sorted({0, skip}):
        text = " ".join(t.lower_ for t in tokens[offset:]) + " "
        for phrase in v.scopes + v.clause_scopes:
            if text.startswith(phrase + " "):
                return phrase
    clause = []
    for t in doc[after.i + 1:sent_end]:           # a prepositional scope further on in the clause
        if t.is_punct or t.like_num:
            break
        clause.append(t.lower_)
    text = " " + " ".join(clause) + " "
    return next((p for p in v.clause_scopes if f" {p} " in text), None)


# -- undisclosed counts -------------------------------------------------------------------------
def _undisclosed(doc: Any, article_id: str) -> list[Quantity]:
    v = _vocab()
    out = []
    for token in doc:
        if token.lower_ not in v.undisclosed_verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        neg = _negation(token)
        found = _undisclosed_noun(token) if neg is not None else None
        if found is None:
            continue
        obj, noun = found
        first = min(neg.i, token.i, obj.i, noun.i)
        last = doc[max(token.i, obj.i, noun.i)]
        span = Span(article_id, doc[first].idx, last.idx + len(last.text), "QUANTITY")
        out.append(Quantity(span, None, noun.lower_, "undisclosed", None, "undisclosed"))
    return out


def _negation(verb: Any) -> Any | None:
    """The token negating a disclosure verb: "not", "Neither (side)", "without", "declined (to)"."""
    v = _vocab()
    for child in verb.children:
        if child.dep_ == "neg":
            return child
        if child.dep_ in ("nsubj", "nsubjpass"):
            for t in (child, *child.children):
                if t.lower_ in v.negators and t.i <= child.i:
                    return t
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "without":
        return head
    if verb.dep_ == "xcomp" and head.lower_ in v.negators:
        return head
    return None


def _undisclosed_noun(verb: Any) -> tuple[Any, Any] | None:
    """(object, counted noun) of "the number of N" / "a death toll" (object or passive subject) or
    "how many N" (clause) under the verb."""
    v = _vocab()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lower_ in v.undisclosed_objects:
            for prep in child.children:
                if prep.lower_ == "of":
                    objs = [c for c in prep.children if c.dep_ == "pobj"]
                    if objs:
                        return child, objs[0]
            kind = [c for c in child.children if c.dep_ == "compound" and c.i < child.i]
            if kind:                              # "a death toll", "casualty figures"
                return child, kind[-1]
        if child.dep_ in ("ccomp", "xcomp", "dobj"):
            for t in child.subtree:
                if t.lower_ == "many" and any(c.lower_ == "how" for c in t.children):
                    return (child, t.head) if t.head.pos_ in ("NOUN", "PROPN") else None
    return None
