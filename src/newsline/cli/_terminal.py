"""Terminal output that untrusted text cannot hijack.

Stored text (titles, outlets, file names, JSON keys, reject reasons) may carry escape sequences:
``ESC ] 0 ; … BEL`` retitles the window, ``ESC [ 2 J`` clears the screen, a carriage return
overwrites the line, U+202E reverses what follows. :func:`visible` shows every such character as
an escape (``\\x1b``, ``\\u202e``) instead of writing it raw; :class:`SafeConsole` applies it to
every text segment Rich renders (tables, panels, JSON), after layout and before the styles it
adds itself, so no command has to remember it. Rich *markup* in stored text (``[/x]``) is a
separate hazard — it crashes or styles output — and is escaped by :func:`plain` where a command
builds a markup string.
"""
from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.segment import Segment

__all__ = ["visible", "plain", "SafeConsole"]

#: C0 controls but tab and newline, DEL, C1 controls, bidi overrides/isolates, line separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control, escape and direction-changing character shown as an escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def plain(value: object) -> str:
    """Untrusted text to put inside a Rich markup string: controls shown, markup escaped."""
    return escape(visible(str(value)))


class SafeConsole(Console):
    """A Rich console whose text segments are passed through :func:`visible` before output.

    Control segments (cursor moves of a progress bar) are Rich's own and are kept.
    """

    def _render_buffer(self, buffer):  # noqa: D401 - Rich's hook for the final text
        return super()._render_buffer(
            Segment(visible(text), style, control) if not control else Segment(text, style, control)
            for text, style, control in buffer)
