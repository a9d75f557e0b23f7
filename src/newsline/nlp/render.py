"""Plain JSON views of :class:`~newsline.nlp.annotate.Annotations` (for the CLI, the API and tests).

Every item carries ``start``/``end`` (character offsets into the body), the ``text`` they cover and
its normalized ``value``, so a person or a script can check each annotation against its evidence.
"""
from __future__ import annotations

from typing import Any

from ..records import Entity, Quantity, Quote, TimeExpr

__all__ = ["annotations_json"]


def annotations_json(ann: Any, body: str, *, article: str | None = None) -> dict[str, Any]:
    """``{"article", "sentences", "entities", "timexes", "quantities", "quotes"}`` for one article."""
    return {
        "article": article or ann.article_id,
        "sentences": len(ann.sentences),
        "entities": [_entity(e, body) for e in ann.entities],
        "timexes": [_timex(t, body) for t in ann.timexes],
        "quantities": [_quantity(q, body) for q in ann.quantities],
        "quotes": [_quote(q, body) for q in ann.quotes],
    }


def _where(span: Any, body: str) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": body[span.start:span.end]}


def _entity(e: Entity, body: str) -> dict[str, Any]:
    return {**_where(e.span, body), "label": e.label, "kind": e.kind, "value": e.canonical}


def _timex(t: TimeExpr, body: str) -> dict[str, Any]:
    return {**_where(t.span, body), "kind": t.kind, "value": t.value, "earliest": t.earliest,
            "latest": t.latest, "anchor": t.anchor, "relative": t.relative}


def _quantity(q: Quantity, body: str) -> dict[str, Any]:
    value = int(q.value) if q.value is not None and float(q.value).is_integer() else q.value
    return {**_where(q.span, body), "kind": q.kind, "value": value, "noun": q.noun,
            "qualifier": q.qualifier, "scope": q.scope}


def _quote(q: Quote, body: str) -> dict[str, Any]:
    speaker_text = body[q.speaker_span.start:q.speaker_span.end] if q.speaker_span else None
    return {**_where(q.span, body), "kind": q.kind, "value": q.speaker, "speaker": q.speaker,
            "speaker_text": speaker_text, "cue": q.cue,
            "cue_start": q.cue_span.start if q.cue_span else None,
            "cue_end": q.cue_span.end if q.cue_span else None, "speaker_note": q.speaker_note}
