"""Bytes to text: binary detection, encoding detection and text normalisation.

Contract of :func:`decode_bytes`: given the raw bytes of one input, return a :class:`Decoded` whose
``text`` is NFC-normalised, uses ``\\n`` line ends and holds no NUL or other C0 control characters
(tabs and newlines stay), or raise

- :class:`~newsline.errors.EmptyInputError` for no bytes / only whitespace,
- :class:`~newsline.errors.BinaryInputError` for a known binary signature or control-byte soup,
- :class:`~newsline.errors.DecodeError` when the bytes are not UTF-8 and no encoding reads them
  cleanly.

The order is: byte-order mark, UTF-16 without BOM (NUL pattern), binary checks, strict UTF-8,
UTF-8 with stray legacy bytes (those read as cp1252), then charset-normalizer with the declared charset (HTML/XML/HTTP) as
a tie-breaker. A declaration never overrides bytes that are valid UTF-8: mis-declared pages are
common and valid UTF-8 is almost never an accident.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import BinaryInputError, DecodeError, EmptyInputError
from ._data import load_formats

__all__ = ["Decoded", "decode_bytes", "binary_kind", "declared_charset", "normalize_text", "repair_surrogates"]

#: byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: bytes that do not occur in text: C0 controls other than tab, LF, VT, FF, CR, plus DEL
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | {127}
_CONTROL_DELETE = bytes(sorted(_CONTROL_BYTES))
_SNIFF = 64 * 1024
#: share of control bytes above which an input is binary, not text with a few stray bytes
MAX_CONTROL_SHARE = 0.05
#: ... and at least this many of them (a short note with two stray NULs is text, not binary)
MIN_CONTROL_BYTES = 8
#: charset-normalizer "chaos" (mess ratio) above which no reading is reliable
MAX_CHAOS = 0.25
#: among equally clean readings with no language evidence, the most common legacy encodings of
#: news pages win (charset-normalizer cannot tell cp1250 from cp1252 on "Café crème à Zürich")
PREFERRED = ("utf_8", "cp1252", "iso8859_15", "latin_1")
_CHARSET_RES = (
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I),
    re.compile(rb"<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I),
)
_TYPOGRAPHIC = frozenset("\u00a0«»°£€©®™§¶·½¼¾×")
_IN_WORD = frozenset("’‘'·‐‑")
_ODD_CATEGORIES = frozenset({"No", "So", "Sm", "Sc", "Sk", "Co", "Cn", "Cc", "Cf"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_STRIP_CONTROLS = {c: None for c in range(32) if c not in (9, 10, 11, 12, 13)} | {127: None}


@dataclass(slots=True)
class Decoded:
    """Decoded text and how it was obtained (``meta()`` is what readers record)."""

    text: str
    encoding: str
    method: str                                   # bom, utf-8, utf-8 + cp1252, detected, declared
    notes: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        return {"encoding": self.encoding, "method": self.method, **self.notes}


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode one input's bytes to normalised text (see the module docstring for the contract)."""
    if not data.strip():
        raise EmptyInputError("empty input: the file holds no text" if not data
                              else "empty input: the file holds only whitespace")
    decoded = _decode(data, declared or declared_charset(data))
    decoded.text, counts = normalize_text(decoded.text)
    decoded.notes.update({k: v for k, v in counts.items() if v})
    if not decoded.text.strip():
        raise EmptyInputError("empty input: nothing but whitespace and control characters")
    return decoded


def _decode(data: bytes, declared: str | None) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, "bom")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, "utf-16 pattern")
    kind = binary_kind(data)
    if kind:
        raise BinaryInputError(f"binary file (looks like {kind}), not an article")
    notes = {"declared": declared} if declared else {}
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8", notes)
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return Decoded(mixed[0], "utf-8", "utf-8 + cp1252", {**notes, "cp1252_bytes": mixed[1]})
    return _detect(data, declared, notes)


def _strict(data: bytes, encoding: str, method: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, method)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"starts like {encoding} ({method}) but byte {exc.start} is not valid {encoding}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text puts a NUL in every other byte."""
    sample = data[:_SNIFF - _SNIFF % 2]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.9 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if even.count(0) > 0.9 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` (known signature or control-byte soup), or None for text."""
    for magic in load_formats()["magic"]:
        sig, offset = _hex(magic["hex"]), magic["offset"]
        if data[offset:offset + len(sig)] == sig:
            return magic["name"]
    sample = data[:_SNIFF]
    controls = len(sample) - len(sample.translate(None, _CONTROL_DELETE))
    if controls >= MIN_CONTROL_BYTES and controls / len(sample) > MAX_CONTROL_SHARE:
        return f"binary data, {controls / len(sample):.0%} control bytes"
    return None


@lru_cache(maxsize=64)
def _hex(value: str) -> bytes:
    return bytes.fromhex(value)


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes UTF-8 refused as cp1252 (undefined ones as U+FFFD)."""
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("newsline-cp1252", _cp1252_fallback)


def _mixed_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with stray legacy bytes (a pasted cp1252 quote, a file appended to in two encodings).

    Valid UTF-8 stays UTF-8 and only the refused bytes are read as cp1252, the web's usual legacy
    encoding: reading the whole file in one single-byte code page would turn every real UTF-8
    character into mojibake ("cafÃ©"). Used only when valid multi-byte characters are common
    (at least 3, and at least as many as the refused bytes): a file written wholly in a
    single-byte encoding has almost none and goes to detection, and random high bytes hold about
    one valid pair for every four refused bytes.
    """
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    if not invalid or multibyte < 3 or multibyte < invalid:
        return None
    return data.decode("utf-8", errors="newsline-cp1252"), invalid


def _detect(data: bytes, declared: str | None, notes: dict[str, Any]) -> Decoded:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches or min(m.chaos for m in matches) > MAX_CHAOS:
        raise DecodeError("not valid UTF-8 and no reliable encoding found: most bytes do not read as "
                          "text in any encoding; re-save the file as UTF-8")
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + 0.01]
    typographic = _try_decode(data, "cp1252")
    if typographic is not None and declared is None and _only_typographic(typographic):
        return Decoded(typographic, "cp1252", "detected", notes)
    # the first 64 KB judge a reading: counting odd characters over 45 whole readings of a 200 KB
    # file took 20 s (found by the fuzz campaign)
    odd = {str(m): (_odd_chars(str(m)[:_SNIFF]), m) for m in tied}
    fewest = min(count for count, _ in odd.values())
    readings = {t: m for t, (count, m) in odd.items() if count == fewest}
    top = max(m.coherence for m in readings.values())
    kept = {t for t, m in readings.items() if m.coherence >= top - 0.05}
    # no language evidence (short text): any clean single-byte reading is as good as another
    no_evidence = top < 0.1 and all(_single_byte(_codec(m.encoding)) for m in readings.values())
    for candidate, method in [(declared, "declared"), *((p, "detected") for p in PREFERRED)]:
        enc = _codec(candidate) if candidate else None
        text = _try_decode(data, enc)
        # charset-normalizer drops candidates that read the same as one it kept (cp1252 vs
        # cp1250 on "Café"), so compare readings, not names
        if text is not None and (text in kept or (no_evidence and _single_byte(enc))):
            return Decoded(text, enc, method, notes)
    best = max((readings[t] for t in kept), key=lambda m: m.coherence)
    return Decoded(str(best), _codec(best.encoding) or best.encoding, "detected", notes)


def _only_typographic(text: str) -> bool:
    """True when every non-ASCII character is typographic punctuation (curly quotes, dashes, €):
    by far the most common reason an English text is not plain ASCII, and cp1252's signature."""
    extra = {ch for ch in text if ord(ch) > 127}
    return bool(extra) and all(0x2000 <= ord(ch) <= 0x206F or ch in _TYPOGRAPHIC for ch in extra)


def _odd_chars(text: str) -> int:
    """Characters a wrong code page produces: symbols, superscripts, unassigned and control
    characters, and punctuation wedged between two letters ("Rz¹d", "zostan¹")."""
    odd = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        cat = unicodedata.category(ch)
        if cat in _ODD_CATEGORIES and ch not in _TYPOGRAPHIC:
            odd += 1
        elif cat[0] == "P" and ch not in _IN_WORD and 0 < i < len(text) - 1 \
                and text[i - 1].isalpha() and text[i + 1].isalpha():
            odd += 1
    return odd


def _try_decode(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


@lru_cache(maxsize=256)
def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except (LookupError, TypeError):
        return None


@lru_cache(maxsize=256)
def _single_byte(name: str | None) -> bool:
    if not name:
        return False
    try:
        return len(bytes(range(256)).decode(name, errors="replace")) == 256
    except LookupError:
        return False


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first 4 KB, if a known one."""
    head = data[:4096]
    for pattern in _CHARSET_RES:
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii", "replace")
            return name.lower() if _codec(name) else None
    return None


def normalize_text(text: str) -> tuple[str, dict[str, int]]:
    """CRLF/CR to LF, drop NUL and other control characters, NFC. Returns the counts of changes."""
    counts = {"crlf": text.count("\r\n"), "nul_removed": text.count("\x00")}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    before = len(text)
    text = text.translate(_STRIP_CONTROLS).replace("\x0b", "\n").replace("\x0c", "\n")
    counts["controls_removed"] = before - len(text) - counts["nul_removed"]
    text = unicodedata.normalize("NFC", text)
    if text.startswith("\ufeff"):  # a second BOM left inside the text (concatenated files)
        text = text[1:]
    return text, counts


def repair_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (``\\ud800`` escapes in JSON, ``&#xD800;`` in a feed) replaced by U+FFFD.

    They are not characters: UTF-8 cannot encode them, so SQLite, a terminal or a JSON export
    would fail on them. Returns the text and how many were replaced.
    """
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)
