"""Quotes and attribution: direct, partial, indirect and scare quotes, each with its speaker and cue.

Quoted spans are found on the text (straight and curly double marks, « », „ “): a quote may run over
several sentences and paragraphs, following the print convention that a quote continuing into the
next paragraph leaves the first one unclosed and opens the next with a quote mark. Each span is then
classified (vocabularies in ``speech.json``, verbs in ``speech_verbs.json``):

* a **title or slogan** (a short span after "book", "film", "titled", "slogan" …, or a short Title
  Case span nobody utters) is no quote and is dropped;
* a **scare** quote is a quoted term of fewer than ``min_quote_words`` words that does not stand
  alone as an utterance (the so-called "heroes"; called it "bogus.");
* a **direct** quote is a whole utterance (it opens its sentence, or follows a colon, a comma or a
  speech verb); a **partial** quote is quoted words inside the writer's sentence (called the plan
  "a betrayal of workers").

Attribution (:mod:`.quote_speakers`): the cue is a speech verb right after the quote ("…,” she
gushed"), any verb in a short attribution clause there, or the nearest speech verb before it in its
sentence, or "according to X"; a quote without a cue of its own continues the previous quote's
speaker in the same or the next paragraph. Transcript turns ("TRUMP: …", "Q: …") are direct quotes
of the turn's speaker. Indirect attributions ("X said that …", "according to X", "X criticized …")
come from :mod:`.quote_indirect`. Datelines ("WASHINGTON (AP) —") never give a speaker.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..records import Quote, Span
from .datelines import dateline_ranges, in_ranges
from .entities import MentionSet
from .quote_indirect import extract_indirect
from .quote_speakers import Speaker, SpeakerFinder
from .quote_vocab import is_speech_verb, vocab

__all__ = ["extract_quotes", "find_quoted_spans", "find_transcript_turns"]

_OPEN, _CLOSE, _BOTH = "“«„", "”»", '"'
_MARKS = _OPEN + _CLOSE + _BOTH
_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.?!](?=\s)")


def find_quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quote marks (marks excluded), in text order; empty ones dropped."""
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
    trimmed = (_trim(text, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if e > s and any(c.isalnum() for c in text[s:e])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


@dataclass(slots=True)
class _Turn:
    start: int                  # the turn's words (after "LABEL: ")
    end: int
    label: str
    label_start: int


def find_transcript_turns(text: str) -> list[_Turn]:
    """Speaker turns of a transcript: paragraphs opening "LABEL: " — kept only when the article
    has at least two of them, or the label is a questioner ("Q:")."""
    v = vocab()
    turns = []
    for para in _PARAGRAPH.finditer(text):
        m = v.transcript.match(para.group())
        if m:
            turns.append(_Turn(para.start() + m.end(), para.end(), m.group("label"), para.start()))
    if len(turns) >= 2:
        return turns
    return [t for t in turns if t.label.upper() in v.questioners]


def extract_quotes(doc: Any, article_id: str, mentions: MentionSet) -> list[Quote]:
    """Quotes and indirect attributions of one parsed article, in text order."""
    text = doc.text
    datelines = dateline_ranges(text)
    turns = find_transcript_turns(text)
    spans = [(s, e) for s, e in find_quoted_spans(text)
             if not in_ranges(s, e, datelines) and not any(t.start <= s and e <= t.end for t in turns)]
    finder = SpeakerFinder(doc, article_id, mentions, spans + [(t.start, t.end) for t in turns], datelines, text)
    direct = _quoted(doc, article_id, spans, finder) + _turns(doc, article_id, turns, finder)
    taken = [(q.span.start, q.span.end) for q in direct if q.kind != "scare"]
    indirect = extract_indirect(doc, article_id, finder, taken)
    return sorted(direct + indirect, key=lambda q: (q.span.start, q.span.end))


# -- quoted spans -------------------------------------------------------------------------------
def _quoted(doc: Any, article_id: str, spans: list[tuple[int, int]], finder: SpeakerFinder) -> list[Quote]:
    text, v = finder.text, vocab()
    paragraphs = [m.start() for m in _PARAGRAPH.finditer(text)]
    out: list[Quote] = []
    for start, end in spans:
        words = len(text[start:end].split())
        after = _after_cue(doc, start, end, finder)
        if _is_title(text, start, end, words, after is not None):
            continue
        utterance = _utterance(text, start, end)
        spoken = utterance and (after or _before_cue(doc, start, finder) or _opens_sentence(text, start))
        kind = "scare" if words < v.min_words and not spoken \
            else ("direct" if _opens_utterance(text, start) else "partial")
        cue = after if kind == "direct" else None
        cue = cue or _before_cue(doc, start, finder) or (after if kind != "direct" else None)
        if kind == "scare" and cue is not None and cue.i < start and not _same_clause(doc, cue, start):
            cue = None
        quote = (start, end)
        span = Span(article_id, start, end, "QUOTE")
        if cue is not None:
            out.append(_attributed(span, kind, cue, finder, quote))
            continue
        according = _according_near(doc, start, end, finder)
        if according is not None:
            speaker, token = according
            out.append(Quote(span, speaker.name, speaker.span, "according to", kind,
                             _token_span(article_id, token), speaker.note))
            continue
        prev = next((q for q in reversed(out) if q.kind in ("direct", "partial")), None)
        para = bisect.bisect_right(paragraphs, start) - 1
        if kind != "scare" and prev is not None and prev.speaker is not None \
                and 0 <= para - (bisect.bisect_right(paragraphs, prev.span.start) - 1) <= 1:
            out.append(Quote(span, prev.speaker, prev.speaker_span, prev.cue, kind, prev.cue_span))
        else:
            out.append(Quote(span, None, None, None, kind, None, "no cue verb or speaker near the quote"))
    return out


def _attributed(span: Span, kind: str, verb: Any, finder: SpeakerFinder, quote: tuple[int, int]) -> Quote:
    speaker = finder.of_verb(verb, quote)
    return Quote(span, speaker.name, speaker.span, cue_text(verb, finder.mentions), kind,
                 _token_span(span.article_id, verb), speaker.note)


def _token_span(article_id: str, token: Any) -> Span:
    return Span(article_id, token.idx, token.idx + len(token.text), "CUE")


def _after_cue(doc: Any, start: int, end: int, finder: SpeakerFinder) -> Any | None:
    """The cue verb of the attribution clause right after the closing mark: a speech verb, or —
    after “…,” — the verb of a short subject-verb clause ("…,” she gushed.")."""
    text = finder.text
    i = end
    while i < len(text) and text[i] in ",.?!—–- " + _CLOSE + _BOTH:
        i += 1
    closed_open = end < len(text) and (text[end - 1:end] in "?!—–-" or text[end:end + 1] in ",—–-")
    tokens = _clause_tokens(doc, i, finder, limit=20)
    if not tokens or (not closed_open and tokens[0].is_title and text[end - 1:end] == "."):
        return None
    for t in tokens:              # "…,” Rep. Alicia Moreau, a Democrat from Louisiana, who …, told"
        if is_speech_verb(t):
            return t
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod", "advcl", "aux", "auxpass"):
            break
    tokens = tokens[:14]
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    if closed_open and len(tokens) <= 8 and len(verbs) == 1:
        verb = verbs[0]                          # "…,” she gushed." / "…,” implored Smith."
        takes = any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") for c in verb.children)
        if not takes and finder.of_verb(verb).name is not None:
            return verb
    return None


def _clause_tokens(doc: Any, i: int, finder: SpeakerFinder, limit: int = 14) -> list[Any]:
    """Up to ``limit`` tokens from character ``i`` to the end of their clause (a full stop, a
    question or exclamation mark, a semicolon, a line break or the next quote)."""
    out = []
    first = doc.char_span(i, min(len(finder.text), i + 1), alignment_mode="expand")
    if first is None:
        return out
    for t in doc[first[0].i:]:
        if t.idx < i:
            continue
        if finder.in_quote[t.i] or t.text in _MARKS or "\n" in t.text or t.text in (".", "?", "!", ";"):
            break
        out.append(t)
        if len(out) >= limit:
            break
    return out


def _before_cue(doc: Any, start: int, finder: SpeakerFinder) -> Any | None:
    """The speech verb nearest before the opening mark in the same sentence, outside quotes; for
    a quote opening its paragraph after one that ends with a colon ("… the president said:"),
    in that paragraph's last sentence."""
    text = finder.text
    para = text.rfind("\n", 0, start)
    if text[para + 1:start - 1].strip() == "" and text[:para].rstrip().endswith(":"):
        start = len(text[:para].rstrip()) - 1         # look back from the colon
        para = text.rfind("\n", 0, start)
    window = max(para + 1, 0)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, start)]
    lo = ends[-1] - 1 if ends else para
    colon = text[:start - 1].rstrip().endswith(":")
    fallback = None
    for i in range(bisect.bisect_left(finder.starts, start) - 1, -1, -1):
        t = doc[i]
        if t.idx <= lo:
            break
        if not finder.in_quote[i] and is_speech_verb(t):
            return t
        if colon and fallback is None and t.pos_ == "VERB" and not finder.in_quote[i]:
            fallback = t                               # "Pence shot back: “…”"
    return fallback


def _same_clause(doc: Any, verb: Any, start: int) -> bool:
    """A scare quote takes a verb before it only when it is in the verb's own phrase ("called it
    “rigged”"), not in a later clause."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    return token is not None and any(a.i == verb.i for a in token[0].ancestors)


def _according_near(doc: Any, start: int, end: int, finder: SpeakerFinder) -> tuple[Speaker, Any] | None:
    """"according to X" in the quote's sentence, outside quotes."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    lo, _ = finder.sentence_of(first[0].i)
    _, hi = finder.sentence_of(first[-1].i)
    for t in doc[lo:hi]:
        if t.lower_ in vocab().according and not finder.in_quote[t.i]:
            obj = next((g for c in t.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
            if obj is None and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
                obj = doc[t.i + 2]
            if obj is not None and finder.usable(obj):
                return finder.named(obj), t
    return None


def _is_title(text: str, start: int, end: int, words: int, uttered: bool) -> bool:
    """A title or slogan: short, and named as one ("the book “…”", "a slogan, “…”") or in Title
    Case with nobody saying it."""
    if words > 12:
        return False
    before = re.findall(r"[\w'’-]+", text[max(0, start - 30):start].lower())[-1:]
    after = re.findall(r"[\w'’-]+", text[end:end + 40].lower())[:4]
    if any(w in vocab().title_cues for w in before) or any(w in vocab().after_title_cues for w in after):
        return not uttered or words <= 6
    body = text[start:end]
    caps = [w for w in re.findall(r"[A-Za-z][\w'’-]*", body)]
    title_case = len(caps) >= 2 and all(w[0].isupper() or len(w) <= 3 for w in caps) \
        and sum(w[0].isupper() for w in caps) >= 2 \
        and not re.search(r"[?!,]$" if len(caps) >= 3 else r"[.?!,]$", body)
    return title_case and not uttered and not _opens_utterance(text, start)


def _opens_sentence(text: str, start: int) -> bool:
    """The quote is a sentence of its own (“I take responsibility.”)."""
    before = text[:start - 1].rstrip(" \t")
    return not before or before[-1] in "\n.?!"


def _opens_utterance(text: str, start: int) -> bool:
    """The quote opens its sentence or follows a colon, a comma or a dash, and starts like one."""
    before = text[:start - 1].rstrip(" \t")
    first = text[start:start + 1]
    if not before or before[-1] in "\n.?!":
        return True
    if before[-1] in ":—–-":
        return True
    return before[-1] == "," and (first.isupper() or not first.isalpha())


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
        return closes and bool(words) and words[-1].lower() in vocab().say
    return False


# -- transcripts ---------------------------------------------------------------------------------
def _turns(doc: Any, article_id: str, turns: list[_Turn], finder: SpeakerFinder) -> list[Quote]:
    out = []
    for turn in turns:
        span = Span(article_id, turn.start, len(finder.text[:turn.end].rstrip()), "QUOTE")
        if span.end <= span.start:
            continue
        label_span = Span(article_id, turn.label_start, turn.label_start + len(turn.label), "SPEAKER")
        if turn.label.upper() in vocab().questioners:
            out.append(Quote(span, None, None, "transcript", "direct", label_span,
                             f"transcript questioner '{turn.label}' is not named"))
            continue
        name = _person_named(turn.label, finder.mentions)
        out.append(Quote(span, name, label_span, "transcript", "direct", label_span))
    return out


def _person_named(label: str, mentions: MentionSet) -> str:
    """The article's person a turn label names ("TRUMP", "MR. SMITH"), else the label itself."""
    words = [w for w in re.split(r"[\s.]+", label) if w and w.upper() not in ("MR", "MRS", "MS", "DR", "SEN", "REP",
                                                                                "GOV", "GEN")]
    surname = words[-1].lower() if words else label.lower()
    for m in mentions.mentions:
        if m.label == "PERSON" and m.canonical.split()[-1].lower() == surname:
            return m.canonical
    return " ".join(w.capitalize() for w in words) or label


def cue_text(verb: Any, mentions: MentionSet) -> str:
    """The verb with the medium it names: "wrote on X", "said in a statement"."""
    v = vocab()
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
