"""Reading TimeML documents (TempEval-3 ``.tml`` layout) into plain text plus gold TIMEX3 spans.

A TempEval-3 file holds the document creation time as
``<DCT><TIMEX3 functionInDocument="CREATION_TIME" value="…">`` and the article inside ``<TEXT>``
with inline ``<TIMEX3>``, ``<EVENT>`` and ``<SIGNAL>`` tags. :func:`read_timeml` strips the tags
and returns the text with every non-empty TIMEX3 as a character span into it, so a system's
output on that text can be compared span for span (see :mod:`newsline.eval.timex`).

Parsing goes through ``xml.etree`` (the files are well-formed XML); the tree walk keeps track of
character offsets, which the standard library does not give for element content.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MalformedInputError

__all__ = ["GoldTimex", "TimeMLDoc", "read_timeml", "iter_timeml"]


@dataclass(slots=True)
class GoldTimex:
    """One annotated TIMEX3: its character span in the document text and its attributes."""

    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass(slots=True)
class TimeMLDoc:
    """A TimeML document: id, creation time (ISO value as annotated), text and gold timexes."""

    doc_id: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)

    @property
    def anchor(self) -> str | None:
        """The creation date as ``YYYY-MM-DD`` (the DCT value may carry a time part)."""
        return self.dct[:10] if self.dct and len(self.dct) >= 10 else None


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Parse one ``.tml`` file. Raises :class:`MalformedInputError` if it is not TimeML."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise MalformedInputError(f"{path.name}: not well-formed XML ({exc})", step="read") from exc
    text_el = root.find("TEXT")
    if text_el is None:
        raise MalformedInputError(f"{path.name}: no <TEXT> element, not a TimeML document", step="read")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(text_el, parts, timexes, [0])
    doc_id = (root.findtext("DOCID") or path.stem.removesuffix(".tml")).strip()
    return TimeMLDoc(doc_id=doc_id, dct=_creation_time(root), text="".join(parts), timexes=timexes)


def _walk(el: ET.Element, parts: list[str], timexes: list[GoldTimex], pos: list[int]) -> None:
    """Append the element's text to ``parts``, recording TIMEX3 offsets (``pos`` is the cursor)."""
    start = pos[0]
    if el.text:
        parts.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        _walk(child, parts, timexes, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if el.tag == "TIMEX3" and pos[0] > start:
        text = "".join(parts)[start:pos[0]]
        timexes.append(GoldTimex(
            tid=el.get("tid", ""), start=start, end=pos[0], text=text,
            type=el.get("type", ""), value=el.get("value", ""), mod=el.get("mod", "") or "",
        ))


def _creation_time(root: ET.Element) -> str | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            return timex.get("value") or None
    return None


def iter_timeml(folder: str | Path) -> list[Path]:
    """Every ``.tml`` file under ``folder`` (recursively), sorted; a file path is returned as is."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*.tml") if p.is_file())
