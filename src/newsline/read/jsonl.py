"""JSON and JSON Lines readers: one article per object.

Field names are configurable: ``json_fields`` maps our names (``text``, ``title``, ``url``,
``published``, ``outlet``, ``byline``, ``html``) to the file's names (dotted names reach into nested
objects: ``"source.name"``). Without a mapping, the names in ``data/read/json_fields.json`` are
tried in order (``body``, ``content``, ``article`` … for the text). A record with no text but an
HTML field goes through the HTML reader; HTML inside a text field is reduced to its text.

A ``.json`` file may hold one object, an array of objects, or an object wrapping such an array
(``{"articles": [...]}``). In JSON Lines, a broken line becomes a Reject for that line only.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import ConfigError, EmptyInputError, InputError, MalformedInputError, NoArticlesError
from ..records import RawDocument, Reject
from ._data import load_json_fields
from .base import Item, MetaBuilder, Reader
from .decode import decode_bytes, normalize_text
from .htmltext import html_fragment_to_text, looks_like_html
from .jsonsafe import MAX_RECORDS, check_records, load_json
from .values import iso_date, names_of

__all__ = ["JsonReader", "JsonLinesReader", "RecordMapper", "FIELDS"]

#: our field names a caller may map to a file's names
FIELDS = ("text", "html", "title", "url", "published", "outlet", "byline")


class RecordMapper:
    """Maps one JSON object to a RawDocument using the configured field names."""

    def __init__(self, json_fields: dict[str, str] | None = None):
        unknown = sorted(set(json_fields or {}) - set(FIELDS))
        if unknown:
            raise ConfigError(f"unknown JSON field name(s) {', '.join(unknown)}: "
                              f"map any of {', '.join(FIELDS)} to the file's field names")
        defaults = load_json_fields()
        self.fields = {name: [json_fields[name]] if json_fields and json_fields.get(name) else defaults[name]
                       for name in FIELDS}
        self.containers: list[str] = defaults["container"]
        self.id_fields: list[str] = defaults.get("id", [])

    def document(self, source: str, obj: Any, *, record: str, raw: bytes | str, fmt: str = "json") -> RawDocument:
        """The article in ``obj``; raise an InputError naming what is missing or wrong."""
        if not isinstance(obj, dict):
            raise MalformedInputError(f"a JSON {_kind(obj)}, not an object with a text field")
        meta = MetaBuilder()
        self._metadata(obj, meta)
        name, text = self._first(obj, "text")
        if text is None:
            html_name, markup = self._first(obj, "html")
            if markup is None:
                blank = next((n for n in self.fields["text"] if isinstance(_get(obj, n), str)), None)
                if blank:
                    raise EmptyInputError(f"field '{blank}' is empty")
                raise MalformedInputError(self._no_text_reason(obj))
            return self._html_document(source, markup, meta, record=record, raw=raw, field=html_name)
        html = None
        if looks_like_html(text):
            html, text = text, html_fragment_to_text(text)
            meta.note("markup", f"HTML in field '{name}' reduced to text")
        text = normalize_text(text)[0]
        if not text.strip():
            raise EmptyInputError(f"field '{name}' is empty")
        meta.note("text_field", name)
        return meta.document(source, text, fmt, raw=raw, record=record, html=html)

    def _metadata(self, obj: dict, meta: MetaBuilder) -> None:
        record_id = next((obj[k] for k in self.id_fields if isinstance(obj.get(k), (str, int))), None)
        meta.note("record_id", str(record_id) if record_id is not None else None)   # for manifest rows
        for ours in ("title", "url"):
            name, value = self._first(obj, ours)
            meta.set(ours, value, f"json field '{name}'")
        name, raw_date = self._first_any(obj, "published")
        if name:
            meta.set("published", iso_date(raw_date), f"json field '{name}'")
            meta.note("published_raw", raw_date if isinstance(raw_date, (str, int, float)) else None)
        for ours in ("outlet", "byline"):
            name, value = self._first_any(obj, ours)
            meta.set(ours, names_of(value) if name else None, f"json field '{name}'")

    def _html_document(self, source: str, markup: str, meta: MetaBuilder, *, record: str,
                       raw: bytes | str, field: str) -> RawDocument:
        from .html import HtmlReader

        doc = HtmlReader().document(source, markup, raw=raw if isinstance(raw, bytes) else raw.encode(),
                                    record=record)
        for key, value in meta.meta.items():   # the record's own fields beat what the page says
            doc.meta[key] = value
            if key in meta.meta_from:
                doc.meta_from[key] = meta.meta_from[key]
        doc.meta["text_field"] = field
        return doc

    def _first(self, obj: dict, ours: str) -> tuple[str | None, str | None]:
        """First configured field holding non-empty text (a list of strings is joined as paragraphs)."""
        for name in self.fields[ours]:
            value = _get(obj, name)
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                value = "\n\n".join(v.strip() for v in value if v.strip())
            if isinstance(value, str) and value.strip():
                return name, value
        return None, None

    def _first_any(self, obj: dict, ours: str) -> tuple[str | None, Any]:
        for name in self.fields[ours]:
            value = _get(obj, name)
            if value not in (None, "", [], {}):
                return name, value
        return None, None

    def _no_text_reason(self, obj: dict) -> str:
        names = self.fields["text"] + self.fields["html"]
        tried = ", ".join(names[:6]) + (f" … ({len(names)} names)" if len(names) > 6 else "")
        keys = ", ".join(list(obj)[:12]) or "none"
        return (f"no article text: none of the fields {tried} holds text (the record's fields: {keys}); "
                "name the text field with --json-field text=NAME")

    def records_of(self, value: Any) -> list[Any] | None:
        """The list of article objects a parsed ``.json`` value holds, or None for a single article."""
        if isinstance(value, list):
            return value
        if not isinstance(value, dict) or self._first(value, "text")[0] or self._first(value, "html")[0]:
            return None
        for key in self.containers:
            if isinstance(value.get(key), list):
                return value[key]
        lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
        return lists[0] if len(lists) == 1 else None


def _get(obj: dict, dotted: str) -> Any:
    value: Any = obj
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


class JsonReader(Reader):
    """A ``.json`` file: one article object, or an array (possibly wrapped) of them."""

    fmt = "json"

    def __init__(self, json_fields: dict[str, str] | None = None, mapper: RecordMapper | None = None):
        self.mapper = mapper or RecordMapper(json_fields)

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        text = decode_bytes(data).text
        try:
            value = load_json(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and text.lstrip().startswith("{"):
                yield from JsonLinesReader(mapper=self.mapper).read_text(source, text)
                return
            raise MalformedInputError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
        records = self.mapper.records_of(value)
        if records is None:
            yield self.mapper.document(source, value, record="", raw=data)
            return
        if not records:
            raise NoArticlesError("the JSON array holds no records")
        check_records(len(records), "records")
        yield from _unless_all_fail((
            _guarded(self.mapper, source, obj, f"record {number}", json.dumps(obj, sort_keys=True, ensure_ascii=False))
            for number, obj in enumerate(records, start=1)), "records")


class JsonLinesReader(Reader):
    """JSON Lines: one object per line; blank lines are skipped, a broken line is rejected alone."""

    fmt = "json"

    def __init__(self, json_fields: dict[str, str] | None = None, mapper: RecordMapper | None = None):
        self.mapper = mapper or RecordMapper(json_fields)

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        yield from self.read_text(source, decode_bytes(data).text)

    def read_text(self, source: str, text: str) -> Iterator[Item]:
        yield from _unless_all_fail(self._lines(source, text), "lines")

    def _lines(self, source: str, text: str) -> Iterator[Item]:
        count = 0
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            record = f"line {number}"
            count += 1
            if count > MAX_RECORDS:
                yield Reject(source, "read", f"more than {MAX_RECORDS:,} lines in one file: this line "
                             "and the rest are not read (split the file)", record)
                return
            try:
                obj = load_json(line)
            except json.JSONDecodeError as exc:
                yield Reject(source, "read", f"not valid JSON: {exc.msg} (column {exc.colno})", record)
                continue
            except InputError as exc:
                yield Reject(source, exc.step, exc.reason, record)
                continue
            yield _guarded(self.mapper, source, obj, record, line)


def _guarded(mapper: RecordMapper, source: str, obj: Any, record: str, raw: str) -> Item:
    try:
        return mapper.document(source, obj, record=record, raw=raw)
    except InputError as exc:
        return Reject(source, exc.step, exc.reason, record)



def _unless_all_fail(items: Iterator[Item], unit: str) -> Iterator[Item]:
    """Pass records through, but when no record at all is an article (a JSON file that is not an
    article collection: a config, a label file) raise one error instead of one reject per record.

    Rejects are held back only until the first article appears, so the stream stays a stream.
    """
    held: list[Reject] | None = []
    for item in items:
        if isinstance(item, Reject) and held is not None:
            held.append(item)
            continue
        if held:
            yield from held
        held = None
        yield item
    if held:
        first = held[0]
        raise MalformedInputError(f"none of its {len(held)} {unit} is an article; {first.record}: {first.reason}")
