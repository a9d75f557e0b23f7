"""Decoding: BOMs, legacy encodings, mis-declared charsets, line ends, NULs, NFC."""
from __future__ import annotations

import unicodedata

import pytest

from newsline.errors import BinaryInputError, DecodeError, EmptyInputError
from newsline.read.decode import decode_bytes

FRENCH = "Le président a déclaré mercredi que les négociations reprendraient à Genève en août."
GERMAN = "Die Bürgermeisterin äußerte sich am Mittwoch zur Straßensanierung."
POLISH = "Rząd ogłosił w środę, że negocjacje zostaną wznowione w przyszłym tygodniu w Gdańsku."
TURKISH = "Hükümet çarşamba günü müzakerelerin devam edeceğini açıkladı."
GREEK = "Η κυβέρνηση ανακοίνωσε την Τετάρτη ότι οι διαπραγματεύσεις θα συνεχιστούν."
QUOTES = "He said “the deal is done” — and it’s final."

# bytes, expected text, expected encoding, expected method
CASES = [
    ("utf8", FRENCH.encode("utf-8"), FRENCH, "utf-8", "utf-8"),
    ("utf8-bom", b"\xef\xbb\xbf" + FRENCH.encode(), FRENCH, "utf-8", "bom"),
    ("utf16-le-bom", "\ufeff".encode("utf-16-le") + GERMAN.encode("utf-16-le"), GERMAN, "utf-16-le", "bom"),
    ("utf16-be-bom", "\ufeff".encode("utf-16-be") + GERMAN.encode("utf-16-be"), GERMAN, "utf-16-be", "bom"),
    ("utf16-le-no-bom", GERMAN.encode("utf-16-le"), GERMAN, "utf-16-le", "utf-16 pattern"),
    ("latin1-long", FRENCH.encode("latin-1"), FRENCH, None, "detected"),
    ("latin1-short", "Café crème à Zürich".encode("latin-1"), "Café crème à Zürich", "cp1252", "detected"),
    ("cp1252-quotes", QUOTES.encode("cp1252"), QUOTES, None, "detected"),
    ("cyrillic-cp1251", "Президент заявил в среду, что переговоры возобновятся.".encode("cp1251"),
     "Президент заявил в среду, что переговоры возобновятся.", "cp1251", "detected"),
    ("polish-cp1250", POLISH.encode("cp1250"), POLISH, "cp1250", "detected"),
    ("turkish-cp1254", TURKISH.encode("cp1254"), TURKISH, "cp1254", "detected"),
    ("greek-cp1253", GREEK.encode("cp1253"), GREEK, "cp1253", "detected"),
    ("utf8-one-stray-byte", (FRENCH + " Prix: 5 ").encode() + b"\x80" + " — fin.".encode(),
     FRENCH + " Prix: 5 € — fin.", "utf-8", "utf-8 + cp1252"),
    # regression: a UTF-8 file with a cp1252 part was read wholly as ISO-8859-10 ("cafÃĐ")
    ("utf8-with-cp1252-part", "Le café est prêt. ".encode() * 20 + "naïve résumé déjà".encode("cp1252") * 3,
     "Le café est prêt. " * 20 + "naïve résumé déjà" * 3, "utf-8", "utf-8 + cp1252"),
    ("utf8-undefined-cp1252-byte", "Ça va, déjà vu. ".encode() * 3 + b"\x81",
     "Ça va, déjà vu. " * 3 + "\ufffd", "utf-8", "utf-8 + cp1252"),
]


@pytest.mark.parametrize("name,data,text,encoding,method", CASES, ids=[c[0] for c in CASES])
def test_decoding(name, data, text, encoding, method):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.method == method
    if encoding:
        assert decoded.encoding == encoding


def test_misdeclared_charset_loses_to_valid_utf8():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Zürich – Genève</p></body></html>'
    decoded = decode_bytes(page.encode("utf-8"))
    assert "Zürich – Genève" in decoded.text and decoded.encoding == "utf-8"
    assert decoded.meta()["declared"] == "iso-8859-1"


def test_misdeclared_utf8_page_in_cp1252_is_detected():
    page = '<html><head><meta charset="utf-8"></head><body><p>' + FRENCH + "</p></body></html>"
    decoded = decode_bytes(page.encode("cp1252"))
    assert FRENCH in decoded.text and decoded.method == "detected"


def test_declared_charset_breaks_a_tie():
    page = '<html><head><meta charset="windows-1250"></head><body><p>Żółć i gęś</p></body></html>'
    decoded = decode_bytes(page.encode("cp1250"))
    assert "Żółć i gęś" in decoded.text and decoded.encoding == "cp1250"


@pytest.mark.parametrize("raw,text,notes", [
    (b"one\r\ntwo\r\nthree", "one\ntwo\nthree", {"crlf": 2}),
    (b"one\rtwo\rthree", "one\ntwo\nthree", {}),
    (b"nul\x00 bytes\x00 here", "nul bytes here", {"nul_removed": 2}),
    (b"bell\x07 and escape\x1b gone", "bell and escape gone", {"controls_removed": 2}),
    ("Cafe\u0301 decomposed".encode(), "Caf\u00e9 decomposed", {}),
])
def test_normalisation(raw, text, notes):
    decoded = decode_bytes(raw)
    assert decoded.text == text
    assert unicodedata.is_normalized("NFC", decoded.text)
    for key, value in notes.items():
        assert decoded.meta()[key] == value


@pytest.mark.parametrize("raw,error,message", [
    (b"", EmptyInputError, "holds no text"),
    (b"\n \t\r\n", EmptyInputError, "only whitespace"),
    (b"\x00\x00\n\x00", EmptyInputError, "nothing but whitespace"),
    (b"\x00\x01\x02\x03" * 10 + b"text", BinaryInputError, "control bytes"),
    (bytes(range(128, 256)) * 20, DecodeError, "no reliable encoding"),
])
def test_decode_errors(raw, error, message):
    with pytest.raises(error, match=message):
        decode_bytes(raw)
