"""Decide which blocks are boilerplate, combining cues, sections, repeats and labels.

Rules, in order (each removal keeps its reason and the signal that fired):

1. metadata lines found by :mod:`newsline.meta` (signal ``metadata``) and photo labels in the
   head (``label``);
2. strong cues, photo credits and menu words (``cue`` / ``menu``), and title-case credit labels
   anywhere ("Kremlin Press Service");
3. sections: a header cue ("A message from …:", "Dear readers,", "Sign up for …") carries the
   blocks after it for as long as each keeps matching a weak cue, a repeat or a menu-like shape;
   the first ordinary block closes the section, so body prose is never swallowed;
4. repeats: a block held by >= ``min_stories`` different stories of the outlet, or by
   >= ``min_stories_with_cue`` with a weak cue. A repeat-only block is removed when it is short or
   touches other boilerplate (an appeal is a run; a background sentence an outlet reuses between
   body paragraphs is not boilerplate and stays).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .blocks import Block
from .cues import Cue, has_weak_cue, is_credit_label, is_menu_like

__all__ = ["Decision", "decide_boilerplate"]


@dataclass(slots=True, frozen=True)
class Decision:
    reason: str
    signal: str     # "metadata", "label", "cue", "menu", "repeat"


def decide_boilerplate(blocks: list[Block], cues: list[Cue | None], taken: dict[int, str],
                       labels: dict[int, str], counts: dict[str, int], params: dict[str, Any],
                       scope_name: str) -> dict[int, Decision]:
    """``{block index: Decision}`` for every block that leaves the body."""
    decided: dict[int, Decision] = {i: Decision(r, "metadata") for i, r in taken.items()}
    decided.update({i: Decision(r, "label") for i, r in labels.items() if i not in decided})
    for block, cue in zip(blocks, cues):
        if block.index in decided:
            continue
        if cue is not None:
            decided[block.index] = Decision(f"cue: {cue.name}", "menu" if cue.kind == "menu" else "cue")
        elif is_credit_label(block):
            decided[block.index] = Decision("title-case credit label (ends with an agency/source word)", "label")
    _carry_sections(blocks, cues, decided, counts, params)
    _repeats(blocks, decided, counts, params, scope_name)
    return _note_repeats(blocks, decided, counts, params, scope_name)


def _note_repeats(blocks: list[Block], decided: dict[int, Decision], counts: dict[str, int],
                  params: dict[str, Any], scope_name: str) -> dict[int, Decision]:
    """Add the repeat evidence to blocks another signal removed, so both show in ``--removed``."""
    for block in blocks:
        d = decided.get(block.index)
        n = counts.get(block.fp, 0)
        if d and d.signal not in ("repeat", "metadata") and n >= params["min_stories_with_cue"]:
            decided[block.index] = Decision(f"{d.reason}; also repeated in {n} different articles of {scope_name}",
                                            d.signal)
    return decided


def _carry_sections(blocks: list[Block], cues: list[Cue | None], decided: dict[int, Decision],
                    counts: dict[str, int], params: dict[str, Any]) -> None:
    """Extend each header-opened section over the blocks that keep looking like boilerplate."""
    header: Block | None = None
    for block, cue in zip(blocks, cues):
        if cue is not None and cue.kind == "header":
            header = block
            continue
        if header is None or block.index in decided:
            continue
        why = _section_evidence(block, counts, params)
        if why is None:
            header = None       # an ordinary block ends the section
            continue
        opened = header.text if len(header.text) <= 60 else header.text[:57] + "..."
        decided[block.index] = Decision(f"in the boilerplate section opened by '{opened}' ({why[0]})", why[1])


def _section_evidence(block: Block, counts: dict[str, int], params: dict[str, Any]) -> tuple[str, str] | None:
    if has_weak_cue(block):
        return "appeal/notice phrase", "cue"
    n = counts.get(block.fp, 0)
    if n >= params["min_stories_with_cue"]:
        return f"repeated in {n} different articles", "repeat"
    if is_menu_like(block):
        return "button/option words", "menu"
    return None


def _repeats(blocks: list[Block], decided: dict[int, Decision], counts: dict[str, int],
             params: dict[str, Any], scope_name: str) -> None:
    """Remove repeated blocks that are short or touch other boilerplate (see module docstring)."""
    candidates: dict[int, str] = {}
    for block in blocks:
        n = counts.get(block.fp, 0)
        if block.index in decided or n < params["min_stories_with_cue"]:
            continue
        if n >= params["min_stories"]:
            candidates[block.index] = f"repeated in {n} different articles of {scope_name}"
        elif has_weak_cue(block):
            candidates[block.index] = f"repeated in {n} different articles of {scope_name}, with an appeal/notice phrase"
    last = len(blocks) - 1
    for i, reason in candidates.items():
        touching = any(j in decided or j in candidates for j in (i - 1, i + 1) if 0 <= j <= last)
        if touching or i in (0, last) or blocks[i].words <= params["short_words"]:
            decided[i] = Decision(reason, "repeat")
