"""Reading input: every common article format into :class:`~newsline.records.RawDocument` records.

``iter_documents(paths)`` is the entry point the ingest pipeline calls; bad input comes out of it
as :class:`~newsline.records.Reject` records, never as an exception. One reader per format:

=============  ==========================================================================
``text``       plain text (``.txt``); Markdown syntax inside hands it to the Markdown reader
``markdown``   Markdown stripped to text, link targets in ``meta["links"]``
``html``       trafilatura main text + metadata, htmldate publication date
``json``       one object, an array, or JSON Lines; configurable field names
``warc``       WARC / WARC.GZ (fastwarc): each HTML response through the HTML reader
``feed``       RSS / Atom (feedparser): one document per entry
=============  ==========================================================================
"""
from .base import Reader, sha256_hex
from .decode import Decoded, decode_bytes
from .detect import detect_format, sniff_format
from .documents import build_readers, iter_documents, read_source
from .feed import FeedReader
from .html import HtmlReader, Page, extract_page
from .jsonl import JsonLinesReader, JsonReader
from .sources import Fetcher, Loaded, OfflineFetcher, Source, expand_path
from .text import MarkdownReader, TextReader, markdown_to_text
from .warc import WarcReader

__all__ = [
    "iter_documents", "build_readers", "read_source", "Reader", "sha256_hex",
    "Decoded", "decode_bytes", "detect_format", "sniff_format",
    "TextReader", "MarkdownReader", "HtmlReader", "JsonReader", "JsonLinesReader", "WarcReader",
    "FeedReader", "Page", "extract_page", "markdown_to_text",
    "Source", "Loaded", "Fetcher", "OfflineFetcher", "expand_path",
]
