"""The language layer's vocabularies, read once from ``newsline/data/nlp/``.

Every cue list, pattern and lexicon of the layer is a data file (see ``data/nlp/README.md``); this
module only reads and indexes them. Functions are cached: the files are read once per process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import datafiles

__all__ = ["data_json", "data_jsonl", "countries", "Countries", "country_of", "demonym_of", "hyphen_prefixes"]


def _read(name: str) -> str:
    return datafiles.read_text("nlp", name)


def data_json(name: str) -> dict[str, Any]:
    """A JSON data file as a dict (keys starting with ``_`` are comments and are dropped)."""
    return datafiles.load_json("nlp", name)


def data_jsonl(name: str) -> list[dict[str, Any]]:
    """A JSON-lines data file as a list of dicts (blank lines skipped)."""
    return datafiles.load_jsonl("nlp", name)


@lru_cache(maxsize=None)
def hyphen_prefixes() -> tuple[str, ...]:
    """Prefixes whose hyphenated words stay one token (``tokenizer_joins.json``: re-, co-, pre-,
    counter-, ex-, non-)."""
    return tuple(p.lower() for p in data_json("tokenizer_joins.json")["prefixes"])


@dataclass(slots=True)
class Countries:
    """Countries with their demonyms, capitals and other names (``countries.tsv``).

    ``country_of`` maps a demonym (``Russian``, ``Russians``) to its country; ``demonym`` maps a
    country to the adjective used in canonical names (``Russia`` -> ``Russian``); ``alias`` maps
    other names (``Turkiye``, ``U.S.``) to the country; ``capital_of`` maps capitals to countries.
    """

    names: list[str] = field(default_factory=list)
    country_of: dict[str, str] = field(default_factory=dict)
    demonym: dict[str, str] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    capital_of: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=None)
def countries() -> Countries:
    table = Countries()
    for line in _read("countries.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:4]
        country, demonyms, capitals, aliases = (c.strip() for c in cols)
        table.names.append(country)
        for i, name in enumerate(_items(demonyms)):
            table.country_of[name] = country
            if i == 0:
                table.demonym[country] = name
        for name in _items(capitals):
            table.capital_of[name] = country
        for name in _items(aliases):
            table.alias[name] = country
    return table


def _items(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def country_of(demonym: str) -> str | None:
    """The country a demonym belongs to: ``country_of("Ukrainians") == "Ukraine"``; None if unknown."""
    return countries().country_of.get(demonym.strip())


def demonym_of(country: str) -> str | None:
    """The adjective for a country: ``demonym_of("Russia") == "Russian"``; None if unknown."""
    return countries().demonym.get(country.strip())
