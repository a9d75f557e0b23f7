"""The :class:`Cleaner`: RawDocument -> Article, and the corpus barrier that re-cleans.

``clean(doc)`` is a per-article streaming step: it reads the metadata, records the document's
block fingerprints in the store (per outlet, or per corpus when the outlet is unknown), then
removes boilerplate using the counts the store holds *now*. A block that only later becomes
boilerplate (the third article carrying the same appeal arrives) is marked dirty when its count
crosses a threshold; ``finish()`` re-cleans the stored articles holding dirty blocks. Given the
store state ``clean`` is deterministic, and ``finish`` is idempotent (a second call finds nothing
dirty, and re-cleaning an article whose result did not change writes nothing).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from ..dating.publication import date_stated, restate
from ..meta import Metadata, detect_language, read_metadata
from ..meta._base import is_prose
from ..meta.given import GIVEN_KEY
from ..records import Article, RawDocument, Removed
from ._data import load_json
from .blocks import Block, split_blocks, trim_block
from .boilerplate import Decision, decide_boilerplate
from .cues import Cue, has_weak_cue, match_cue
from .paragraphs import repair_paragraphs
from .ports import CleaningStore

__all__ = ["Cleaner", "CORPUS_SCOPE"]

#: the repeat-signal scope of articles whose outlet is unknown
CORPUS_SCOPE = "*"
#: Article.meta keys this module writes (re-cleaning replaces exactly these)
_OWN_META = ("wire", "from", "conflicts", "given", "credits", "paragraphs_joined")
#: Article fields the metadata reading sets (re-given metadata replaces exactly these)
_METADATA_FIELDS = ("body", "removed", "title", "standfirst", "outlet", "outlet_from",
                    "byline", "url", "language", "links")


@dataclasses.dataclass(slots=True)
class _Reading:
    """One document split and read: what both ``clean`` and ``finish`` build an Article from."""

    blocks: list[Block]
    cues: list[Cue | None]
    md: Metadata
    scope: str
    trimmed: list[Removed]      # header words cut from the start of a kept block


class Cleaner:
    """Boilerplate removal, paragraph repair and metadata over one store (see module docstring)."""

    def __init__(self, store: CleaningStore | None = None):
        if store is None:
            from ..store import SQLiteStore

            store = SQLiteStore(":memory:")
        self.store = store
        self.params = load_json("clean", "repeats.json")

    # -- streaming step -----------------------------------------------------------------------
    def clean(self, doc: RawDocument) -> Article:
        """Clean one document (id ``doc.raw_sha[:16]``) and record its blocks for the repeat signal."""
        article_id = (doc.raw_sha or hashlib.sha256(doc.text.encode("utf-8")).hexdigest())[:16]
        reading = self._read(doc)
        self._record(article_id, doc, reading)
        return self._build(article_id, doc, reading)

    # -- corpus barrier -----------------------------------------------------------------------
    def finish(self) -> list[str]:
        """Re-clean stored articles holding blocks that became boilerplate; return the ids whose body changed.

        An article whose body stays the same but whose removal reasons gained evidence is rewritten
        too (``--removed`` shows the new reasons) but not returned: later stages need not redo it.
        """
        changed: list[str] = []
        for article_id in self.store.dirty_block_articles():
            old = self.store.get_article(article_id)
            recorded = self.store.cleaning_doc(article_id)
            if old is None or recorded is None:     # cleaned but rejected, never stored
                continue
            new = self._reclean(old, recorded["doc"])
            if new.body != old.body or new.removed != old.removed:
                self.store.update_article(new)
            if new.body != old.body:
                changed.append(article_id)
        self.store.clear_dirty_blocks()
        return changed

    def regive(self, doc: RawDocument) -> bool:
        """Apply metadata the user now gives for an already stored document; True when it changed.

        Re-ingesting a folder with a manifest, a sidecar or ``--published`` after a first run
        without them must not be a silent no-op. Only a non-empty, different ``given`` counts: a
        later run without options keeps what was given before.
        """
        article_id = doc.raw_sha[:16]
        given = doc.meta.get(GIVEN_KEY)
        recorded, old = self.store.cleaning_doc(article_id), self.store.get_article(article_id)
        if not given or recorded is None or old is None:
            return False
        saved = recorded["doc"]
        meta = saved.get("meta", {})
        if json.loads(json.dumps(given, default=str)) == meta.get(GIVEN_KEY):
            return False
        meta = {**meta, GIVEN_KEY: given}
        self.store.update_cleaning_meta(article_id, meta, saved.get("meta_from", {}))
        again = RawDocument(source=old.source, text=old.raw, fmt=old.fmt, record=old.record, raw_sha=old.id,
                            meta=meta, meta_from=saved.get("meta_from", {}))
        fresh = self._build(old.id, again, self._read(again))
        kept = {k: v for k, v in old.meta.items() if k not in _OWN_META}
        fields = {f: getattr(fresh, f) for f in _METADATA_FIELDS}
        article = dataclasses.replace(old, **fields, meta={**kept, **{k: v for k, v in fresh.meta.items()
                                                                     if k in _OWN_META}})
        self.store.update_article(article)
        restate(self.store, article, fresh)      # the dating stage's decision, in its own table
        return True

    def _reclean(self, old: Article, recorded: dict[str, Any]) -> Article:
        """``old`` with body, removed blocks and language redone; other stages' fields kept."""
        doc = RawDocument(source=old.source, text=old.raw, fmt=old.fmt, record=old.record, raw_sha=old.id,
                          meta=recorded.get("meta", {}), meta_from=recorded.get("meta_from", {}))
        new = self._build(old.id, doc, self._read(doc))
        meta = {k: v for k, v in old.meta.items() if k not in _OWN_META}
        meta.update({k: v for k, v in new.meta.items() if k in _OWN_META})
        return dataclasses.replace(old, body=new.body, removed=new.removed, language=new.language, meta=meta)

    # -- pieces -------------------------------------------------------------------------------
    def _read(self, doc: RawDocument) -> _Reading:
        blocks = split_blocks(doc.text)
        cues = [match_cue(b) for b in blocks]
        md = read_metadata(doc, blocks, [c is not None for c in cues])
        scope = md.outlet.value if md.outlet else CORPUS_SCOPE
        trimmed: list[Removed] = []
        for index, (cut, reason) in md.trims.items():
            block = blocks[index]
            trimmed.append(Removed(doc.text[block.start:cut].strip(), reason, "metadata", block.start, cut))
            blocks[index] = trim_block(block, doc.text, cut)
        return _Reading(blocks, cues, md, scope, trimmed)

    def _prose(self, reading: _Reading) -> list[str]:
        """Fingerprints of the prose blocks with no cue, weak cue or metadata: the text copies share.

        Blocks carrying an appeal phrase are left out so that an outlet's appeal, which every one
        of its articles carries, never makes two different reports look like copies.
        """
        skip = set(reading.md.taken) | set(reading.md.labels)
        return [b.fp for b in reading.blocks
                if b.index not in skip and reading.cues[b.index] is None and not has_weak_cue(b)
                and is_prose(b, self.params["lead_min_words"])]

    def _find_copy(self, scope: str, prose: list[str]) -> str | None:
        """The story of an earlier article sharing most of this one's prose (a version whose top
        was rewritten, a copy with another headline), or None.

        Blocks that already count as boilerplate (held by ``min_stories`` stories) are left out on
        both sides; what is left must overlap in ``copy_min_share`` of the larger article.
        """
        counts = self.store.block_story_counts(scope, prose)
        boiler = {fp for fp, n in counts.items() if n >= self.params["min_stories"]}
        mine = [fp for fp in dict.fromkeys(prose) if fp not in boiler]
        need = self.params["copy_min_blocks"]
        candidates = self.store.copy_candidates(scope, mine, need)
        theirs_all = {fp for c in candidates for fp in c["prose"]} - set(prose)
        boiler |= {fp for fp, n in self.store.block_story_counts(scope, theirs_all).items()
                   if n >= self.params["min_stories"]}
        for cand in candidates:
            theirs = set(cand["prose"]) - boiler
            shared = len(theirs.intersection(mine))
            if shared >= max(need, self.params["copy_min_share"] * max(len(mine), len(theirs))):
                return cand["story"]
        return None

    def _record(self, article_id: str, doc: RawDocument, reading: _Reading) -> None:
        if self.store.cleaning_doc(article_id) is not None:
            return
        prose = self._prose(reading)
        lead = prose[: self.params["lead_blocks"]]
        story = (self.store.find_story(reading.scope, lead, self.params["lead_min_shared"])
                 or self._find_copy(reading.scope, prose) or article_id)
        saved = {"meta": doc.meta, "meta_from": doc.meta_from, "prose": prose}
        thresholds = (self.params["min_stories_with_cue"], self.params["min_stories"])
        self.store.record_blocks(article_id, reading.scope, story, lead, (b.fp for b in reading.blocks),
                                 saved, thresholds)

    def _build(self, article_id: str, doc: RawDocument, reading: _Reading) -> Article:
        md, blocks = reading.md, reading.blocks
        counts = self.store.block_story_counts(reading.scope, (b.fp for b in blocks))
        scope_name = reading.scope if reading.scope != CORPUS_SCOPE else "the corpus (outlet unknown)"
        decided = decide_boilerplate(blocks, reading.cues, md.taken, md.labels, counts, self.params, scope_name)
        paragraphs, joins = repair_paragraphs([b for b in blocks if b.index not in decided])
        body = "\n\n".join(paragraphs)
        language = _language(md, body)
        article = Article(
            id=article_id, source=doc.source, body=body, fmt=doc.fmt, record=doc.record, raw=doc.text,
            title=_value(md.title), standfirst=_value(md.standfirst),
            outlet=_value(md.outlet), outlet_from=md.outlet.reason if md.outlet else None,
            byline=_value(md.byline), url=_value(md.url), language=_value(language),
            links=md.links, removed=_removed(doc.text, blocks, decided, reading.trimmed),
            meta=_article_meta(md, language, joins, doc.meta.get("given")),
        )
        date_stated(article, md.dates)      # metadata claims, the dating stage decides
        return article


def _value(field: Any) -> Any:
    return field.value if field is not None else None


def _removed(text: str, blocks: list[Block], decided: dict[int, Decision], trimmed: list[Removed]) -> list[Removed]:
    """The removed blocks (and trimmed header words) in text order, each as it stood in the input."""
    removed = [Removed(text=text[b.start:b.end].strip(), reason=decided[b.index].reason,
                       signal=decided[b.index].signal, start=b.start, end=b.end)
               for b in blocks if b.index in decided]
    return sorted([*removed, *trimmed], key=lambda r: r.start)


def _language(md: Metadata, body: str) -> Any:
    """The given language (a detection that disagrees is recorded), else the detected one."""
    detected = detect_language(body)
    if md.language is None:
        return detected
    md.prefer("language", md.language, detected)
    return md.language


def _article_meta(md: Metadata, language: Any, joins: int, given: Any) -> dict[str, Any]:
    reasons = md.reasons()
    if language is not None:
        reasons["language"] = language.reason
    meta: dict[str, Any] = {"from": reasons}
    if given:
        meta["given"] = given
    if md.disagreements:
        meta["conflicts"] = md.disagreements
    if md.wire is not None:
        meta["wire"] = md.wire.value
    if md.credits:
        meta["credits"] = md.credits
    if joins:
        meta["paragraphs_joined"] = joins
    return meta
