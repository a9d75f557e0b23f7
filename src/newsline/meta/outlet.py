"""Outlet: who published the article.

Evidence, strongest first: the URL's domain when it is in ``data/meta/outlets.json`` (a curated
name beats a page's own, often noisy, site name), the container's site name (``doc.meta["outlet"]``
or ``["sitename"]``), signatures in the text ("A Message from The Moscow
Times:", "By supporting X, …"; weights in ``data/meta/signatures.json``), and last an unknown
domain reported as the domain itself. No evidence, no outlet.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..clean._data import load_json
from ..clean.blocks import Block
from ._base import Field

__all__ = ["domain_of", "outlet_for_domain", "read_signatures", "read_outlet"]

_HOST_PREFIXES = re.compile(r"^(?:www\d?|m|amp|mobile|edition|en|eng|english)\.")


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``/``m.``-style prefixes, lower-cased."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:              # "http://[::1/x": a broken IPv6 host names no domain
        return None
    while _HOST_PREFIXES.match(host) and host.count(".") > 1:
        host = _HOST_PREFIXES.sub("", host, count=1)
    return host or None


def outlet_for_domain(host: str | None) -> str | None:
    """The known outlet name for a host or any parent domain of it."""
    domains = load_json("meta", "outlets.json")["domains"]
    parts = (host or "").split(".")
    for k in range(len(parts) - 1):
        name = domains.get(".".join(parts[k:]))
        if name:
            return name
    return None


@lru_cache(maxsize=1)
def _signatures() -> tuple[list[tuple[re.Pattern[str], int]], int]:
    data = load_json("meta", "signatures.json")
    rules = [(re.compile(r["pattern"].replace("{name}", data["name"])), int(r["weight"])) for r in data["patterns"]]
    return rules, int(data["min_weight"])


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def read_signatures(blocks: list[Block]) -> Field | None:
    """The outlet named by boilerplate signatures, when their weights reach the minimum."""
    rules, min_weight = _signatures()
    weights: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {}
    for block in blocks:
        for pattern, weight in rules:
            m = pattern.search(block.text)
            if m:
                name = m.group("outlet").strip()
                name = name[0].upper() + name[1:]
                weights[name] += weight
                evidence.setdefault(name, []).append(_shorten(block.text.strip()))
    if not weights:
        return None
    name, weight = weights.most_common(1)[0]
    if weight < min_weight:
        return None
    lines = list(dict.fromkeys(evidence[name]))
    more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
    return Field(name, f"signature '{lines[0]}'{more}")


def read_outlet(meta: dict[str, Any], meta_from: dict[str, str], url: str | None,
                blocks: list[Block]) -> Field | None:
    """The outlet with its evidence (order in the module docstring), or None."""
    host = domain_of(url)
    known = outlet_for_domain(host)
    if known:
        return Field(known, f"url domain {host}")
    for key in ("sitename", "outlet", "site_name", "publisher"):
        if meta.get(key) and str(meta[key]).strip():
            return Field(str(meta[key]).strip(), meta_from.get(key, f"container metadata '{key}'"))
    signed = read_signatures(blocks)
    if signed:
        return signed
    if host:
        return Field(host, f"url domain {host} (not in the list of known outlets)")
    return None
