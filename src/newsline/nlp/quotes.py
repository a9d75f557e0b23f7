"""Direct quotes and reported speech, each attributed to a canonical speaker with its cue.

Direct quotes are found on the text (straight and curly double marks, « », „ “): a quote may run over
several sentences and over paragraphs, following the print convention that a quote continuing into
the next paragraph leaves the first one unclosed and opens the next with a quote mark. A quoted
span of fewer than ``min_quote_words`` words is a scare quote or a title, not a quote, unless a
speech verb attributes it and it stands alone as an utterance ("We stand together," he said).

Attribution reads the parse (vocabularies in ``speech.json``):

* the speech verb nearest to the quote in the sentences it touches ("…,” he said"; "writing on X:
  “…”"); its subject is the speaker — climbing from "saying"/"writing" to the verb that has one —
  mapped to the entity mention there, so "he" and "the ministry" come out as the names they
  stand for (:mod:`.coref`);
* a quote with no verb of its own continues the previous quote's speaker when it follows it in the
  same paragraph or opens the next one;
* the cue is the verb plus a medium ("wrote on X", "said on Telegram", "said in a statement").

Reported speech: a speech verb with a clausal complement outside direct quotes ("… said on Telegram
that another group had returned"), and "according to X" (the rest of the clause is the content).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Quote, Span
from .entities import MentionSet

__all__ = ["extract_quotes", "find_quoted_spans"]

_OPEN, _CLOSE, _BOTH = "“«„", "”»", '"'
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(slots=True, frozen=True)
class _Vocab:
    verbs: frozenset[str]
    clause_verbs: frozenset[str]
    according: frozenset[str]
    media: frozenset[str]
    preps: frozenset[str]
    min_words: int
    refusals: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    from .resources import data_json

    raw = data_json("speech.json")
    return _Vocab(frozenset(raw["verbs"]), frozenset(raw["clause_verbs"]), frozenset(raw["according"]),
                  frozenset(raw["media_nouns"]), frozenset(raw["media_preps"]), raw["min_quote_words"],
                  frozenset(raw["refusals"]))


def find_quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quote marks (marks excluded), in text order."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    prev_end = 0
    for para in _PARAGRAPH.finditer(text):
        body = para.group()
        lead = len(body) - len(body.lstrip())
        skip = -1
        if open_at is not None:
            if body[lead:lead + 1] in _OPEN + _BOTH and body[lead:lead + 1]:
                skip = para.start() + lead        # the quote goes on in this paragraph
            else:
                spans.append((open_at, prev_end))  # left open: it ends with its paragraph
                open_at = None
        for i, ch in enumerate(body, start=para.start()):
            if i == skip:
                continue
            if ch in _OPEN and open_at is None:
                open_at = i + 1
            elif ch in _CLOSE and open_at is not None:
                spans.append((open_at, i))
                open_at = None
            elif ch in _BOTH:
                if open_at is None:
                    open_at = i + 1
                else:
                    spans.append((open_at, i))
                    open_at = None
        prev_end = para.end()
    if open_at is not None:
        spans.append((open_at, prev_end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def extract_quotes(doc: Any, article_id: str, mentions: MentionSet) -> list[Quote]:
    """Direct quotes and reported speech of one parsed article, in text order."""
    text = doc.text
    paragraphs = [m.start() for m in _PARAGRAPH.finditer(text)]
    direct = _direct(doc, article_id, mentions, paragraphs)
    reported = _reported(doc, article_id, mentions, [(q.span.start, q.span.end) for q in direct])
    return sorted(direct + reported, key=lambda q: q.span.start)


# -- direct quotes ------------------------------------------------------------------------------
def _direct(doc: Any, article_id: str, mentions: MentionSet, paragraphs: list[int]) -> list[Quote]:
    v = _vocab()
    out: list[Quote] = []
    text = doc.text                               # built once: Doc.text re-joins every token
    for start, end in find_quoted_spans(text):
        verb = _nearest_verb(doc, start, end)
        if len(text[start:end].split()) < v.min_words and (verb is None or not _utterance(text, start, end)):
            continue                              # a scare quote, a title or a quoted term, not speech
        span = Span(article_id, start, end, "QUOTE")
        if verb is not None:
            speaker, speaker_span = _speaker(verb, mentions, article_id, quote=(start, end))
            out.append(Quote(span, speaker, speaker_span, _cue(verb, mentions), "direct"))
            continue
        prev = out[-1] if out else None
        para = bisect.bisect_right(paragraphs, start) - 1
        if prev is not None and 0 <= para - (bisect.bisect_right(paragraphs, prev.span.start) - 1) <= 1:
            out.append(Quote(span, prev.speaker, prev.speaker_span, prev.cue, "direct"))
        else:
            out.append(Quote(span, None, None, None, "direct"))
    return out


def _utterance(text: str, start: int, end: int) -> bool:
    """A short quote is speech when it stands alone and closes like a sentence: “No,” she said /
    He replied: “Never.” — not a quoted term inside a sentence (called it “bogus.”), whose comma or
    full stop sits inside the marks by American print style."""
    closes = text[end:end + 1] in (",", ".", "?", "!") or text[end - 1:end] in (".", "?", "!")
    before = text[:start].rstrip()[:-1].rstrip(" \t")      # the text before the opening mark
    if not before or before[-1] in "\n.?!:":
        return closes
    if before[-1] == ",":                                   # The president responded, “Everything.”
        words = before[:-1].split()
        return closes and bool(words) and words[-1].lower() in _vocab().verbs
    return False


def _nearest_verb(doc: Any, start: int, end: int) -> Any | None:
    """The speech verb outside the quote, in the sentences the quote touches, nearest to it."""
    v = _vocab()
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):         # an empty quote ('":"') covers no token
        return None
    lo, hi = first[0].sent.start, first[-1].sent.end
    best, best_gap = None, None
    for token in doc[lo:hi]:
        if start <= token.idx < end or token.lower_ not in v.verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        gap = start - token.idx if token.idx < start else token.idx - end
        if best_gap is None or gap < best_gap:
            best, best_gap = token, gap
    return best


# -- reported speech ----------------------------------------------------------------------------
def _reported(doc: Any, article_id: str, mentions: MentionSet, direct: list[tuple[int, int]]) -> list[Quote]:
    v = _vocab()
    out = []
    for token in doc:
        if any(s <= token.idx < e for s, e in direct):
            continue
        if token.lower_ in v.clause_verbs and token.pos_ == "VERB":
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if clause is None or _withheld(token):
                continue                            # "did not say how many …" reports nothing
            start, end = _extent(clause.subtree)
            speaker, speaker_span = _speaker(token, mentions, article_id)
            cue = _cue(token, mentions)
        elif token.lower_ in v.according and token.dep_ == "prep":
            found = _according(token, mentions, article_id)
            if found is None:
                continue
            (start, end), speaker, speaker_span = found
            cue = "according to"
        else:
            continue
        if end > start and not _inside_direct(start, end, direct):
            out.append(Quote(Span(article_id, start, end, "REPORTED"), speaker, speaker_span, cue, "reported"))
    return out


def _withheld(verb: Any) -> bool:
    """"did not say", "declined to say", "refused to confirm": speech that was not given."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _vocab().refusals


def _extent(tokens: Any) -> tuple[int, int]:
    tokens = [t for t in tokens if not t.is_punct and not t.is_space]
    if not tokens:
        return 0, 0
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    if first.dep_ == "mark":                        # "that …": the content starts after "that"
        rest = [t for t in tokens if t.i > first.i]
        first = min(rest, key=lambda t: t.i) if rest else first
    return first.idx, last.idx + len(last.text)


def _inside_direct(start: int, end: int, direct: list[tuple[int, int]]) -> bool:
    """The reported clause is (almost all) a direct quote already recorded."""
    for s, e in direct:
        overlap = min(end, e) - max(start, s)
        if overlap > 0.8 * (end - start):
            return True
    return False


def _according(token: Any, mentions: MentionSet, article_id: str):
    """"…, according to the regional mayor": (content range, speaker, speaker span)."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    skip = {t.i for t in token.subtree}
    head = token.head
    content = [t for t in head.subtree if t.i not in skip] if head.i != token.i else []
    speaker, speaker_span = _named(source, mentions, article_id)
    return _extent(content), speaker, speaker_span


# -- speaker and cue ----------------------------------------------------------------------------
def _speaker(verb: Any, mentions: MentionSet, article_id: str,
             quote: tuple[int, int] = (0, 0)) -> tuple[str | None, Span | None]:
    """The subject of the speech verb (or of the verb it hangs from), as a canonical name.

    A subject inside the quote itself is a misparse of an inverted attribution ("…," said George
    Watanabe): the name right after the verb is the speaker then."""
    chain = _head_chain(verb)
    v = _vocab()
    # "…, adding: “…”" hangs from whatever verb the parser chose: the speaker is the subject of
    # the nearest speech verb up the chain, else of the nearest verb with a subject
    ranked = [t for t in chain if t.lower_ in v.verbs] + chain
    for token in ranked:
        subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if quote[0] <= subj.idx < quote[1]:
            after = next((t for t in verb.doc[verb.i + 1:verb.i + 4] if mentions.at_token(t.i)), None)
            return _named(after, mentions, article_id) if after is not None else (None, None)
        return _named(subj, mentions, article_id)
    return None, None


def _head_chain(verb: Any) -> list[Any]:
    """The verb and the heads it hangs from through participle/complement links (at most 4)."""
    chain, token = [verb], verb
    while len(chain) < 4 and token.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acl", "relcl"):
        if token.head is token:
            break
        token = token.head
        chain.append(token)
    return chain


def _named(token: Any, mentions: MentionSet, article_id: str) -> tuple[str | None, Span | None]:
    """The mention at ``token`` (name, nominal or pronoun) or, failing that, its noun phrase;
    coordinated names ("Russia and Ukraine said") give every name joined with "and"."""
    doc = token.doc
    if mentions.at_token(token.i) is None:        # "Ukraine's army chief, Oleksandr Syrskyi, said"
        token = next((c for c in token.children if c.dep_ == "appos" and mentions.at_token(c.i)), token)
    parts = [token, *(c for c in token.conjuncts if c.i > token.i)]
    found = [mentions.at_token(t.i) for t in parts]
    if len(parts) > 1 and all(found):
        first, last = found[0], found[-1]
        start, end = doc[first.start].idx, doc[last.end - 1].idx + len(doc[last.end - 1].text)
        return " and ".join(m.canonical for m in found), Span(article_id, start, end, "SPEAKER")
    m = mentions.at_token(token.i)
    if m is not None:
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        return m.canonical, Span(article_id, start, end, "SPEAKER")
    if token.pos_ == "PRON":
        return None, None                          # an unresolved "they"/"it": no speaker claimed
    left = token.left_edge
    end = token.idx + len(token.text)
    return doc[left.i:token.i + 1].text, Span(article_id, left.idx, end, "SPEAKER")


def _cue(verb: Any, mentions: MentionSet) -> str:
    """The verb with the medium it names: "wrote on X", "said in a statement"."""
    v = _vocab()
    parts = [verb.text]
    for child in verb.children:
        if child.i < verb.i or child.dep_ != "prep" or child.lower_ not in v.preps:
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        m = mentions.at_token(obj.i)
        if (m is not None and m.label == "PLATFORM") or obj.lower_ in v.media:
            parts.append(verb.doc[child.i:obj.right_edge.i + 1].text)
    return " ".join(parts)
