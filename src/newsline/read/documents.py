"""``iter_documents``: every path the user gave, read by the right reader, as one stream.

::

    paths ─▶ expand_path ─▶ Source.load (size cap) ─▶ unwrap_gzip ─▶ detect_format ─▶ Reader.read
              (files, folders, globs, -, URLs)                                        │
                                                         RawDocument | Reject  ◀──────┘

Bad input never stops the stream: an :class:`~newsline.errors.InputError` from loading or from a
reader becomes a :class:`~newsline.records.Reject` naming the source, the step and the reason;
container readers reject single records themselves and go on. Configuration errors (an unknown
JSON field name) raise :class:`~newsline.errors.ConfigError` before anything is read.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import config
from ..errors import InputError, NoArticlesError
from ..records import RawDocument, Reject
from .base import Reader
from .tabular import DataFileReader, is_data_name, refuse_data_file
from .detect import detect_format, unwrap_gzip
from .feed import FeedReader
from .html import HtmlReader
from .jsonl import JsonLinesReader, JsonReader, RecordMapper
from .given import GivenMetadata
from .sources import Fetcher, PathFilter, Source, expand_path
from .text import MarkdownReader, TextReader
from .warc import WarcReader

__all__ = ["iter_documents", "build_readers", "read_source"]


def build_readers(*, json_fields: dict[str, str] | None = None,
                  max_bytes: int = config.MAX_INPUT_BYTES) -> dict[str, Reader]:
    """One reader per detected format name (``text``, ``markdown``, ``html``, ``json``, ``jsonl``,
    ``warc``, ``feed``). Raises ConfigError for an unknown ``json_fields`` key."""
    mapper = RecordMapper(json_fields)
    html = HtmlReader()
    return {
        "text": TextReader(), "markdown": MarkdownReader(), "html": html,
        "json": JsonReader(mapper=mapper), "jsonl": JsonLinesReader(mapper=mapper),
        "warc": WarcReader(max_bytes=max_bytes, html=html), "feed": FeedReader(), "data": DataFileReader(),
    }


def iter_documents(paths: Iterable[str], *, json_fields: dict[str, str] | None = None,
                   max_bytes: int = config.MAX_INPUT_BYTES, fetcher: Fetcher | None = None,
                   given: GivenMetadata | None = None, include: Iterable[str] = (),
                   exclude: Iterable[str] = ()) -> Iterator[RawDocument | Reject]:
    """Read every path (file, folder, glob, ``-`` for stdin, URL) into documents and rejects.

    Arguments are taken in the order given; a folder or glob is expanded in sorted path order,
    so the stream is stable from run to run. A file named twice is read once. ``include`` /
    ``exclude`` globs filter folder walks (:class:`~newsline.read.sources.PathFilter`); ``given``
    attaches the metadata the user gave (run options, manifest, sidecars) to each document.
    """
    if isinstance(paths, str):
        paths = [paths]
    readers = build_readers(json_fields=json_fields, max_bytes=max_bytes)
    given = given if given is not None else GivenMetadata()
    walk = PathFilter(tuple(include or ()), tuple(exclude or ()))
    seen: set[str] = set()
    for arg in paths:
        for source in expand_path(str(arg), walk):
            if isinstance(source, Reject):
                yield source
                continue
            if source.key in seen:
                continue
            seen.add(source.key)
            yield from read_source(source, readers, max_bytes=max_bytes, fetcher=fetcher, given=given)


def read_source(source: Source, readers: dict[str, Reader], *, max_bytes: int,
                fetcher: Fetcher | None = None,
                given: GivenMetadata | None = None) -> Iterator[RawDocument | Reject]:
    """The documents of one source; whatever refuses the source as a whole becomes one Reject."""
    try:
        loaded = source.load(max_bytes=max_bytes, fetcher=fetcher)
        name, data = unwrap_gzip(loaded.name, loaded.data, max_bytes=max_bytes)
        fmt = "data" if is_data_name(name) else detect_format(name, data)
        if fmt in ("text", "markdown"):
            refuse_data_file(data)      # a token table or CSV under a prose name
        reader = readers[fmt]
        produced = False
        for item in reader.read(source.name, data):
            produced = True
            if given and isinstance(item, RawDocument):
                given.apply(item, source.path)
            yield item
        if not produced:
            raise NoArticlesError(f"the {reader.fmt} input holds no article")
    except InputError as exc:
        yield Reject(source.name, exc.step, exc.reason)
