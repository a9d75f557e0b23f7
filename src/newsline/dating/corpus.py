"""The corpus barrier of the dating stage: dates for undated articles, from their copies and
from the events they share with dated ones.

An article without a publication date gets one only from evidence, with the reasoning recorded:

1. **copies**: the date the duplicates stage proposes from an article's copies is taken (with
   its reason, "from its copy <name>"); a conflict between copies stays
   refused; a copied date whose proposal is gone is withdrawn (:func:`date_from_copies`, deciding
   with :func:`.publication.decide_copy_date`);
2. **shared events**: a relative time attached to an event the corpus dates elsewhere constrains
   the publication day: "last week's talks in Istanbul", with the talks dated 2025-06-02 by
   another article, means the article appeared between 2025-06-09 and 2025-06-15. Every day of a
   search range is tried as the publication day and kept when every such constraint holds when
   the relative times are resolved against it (``newsline.nlp.timex.resolve_timex``, the same
   resolver the language layer uses);
3. **the lead event**: news reports its main event within ``recency_days`` (``cues.json``) of
   publication, so "exchanged on Tuesday" keeps only the days just after that Tuesday. If this
   leaves no day it is ignored. "another / the latest / a new" exchange was preceded by one: the
   earliest such event the corpus knows after the anchor (a closed-world reading, stated as such).

A single remaining day sets the article's day (its reason starts "dated from the corpus: ");
several set a window (earliest, latest, reason), both through :func:`.publication.date_derived`
and stored with ``store.put_publication_date``. Never a guess: without constraints nothing is set. Afterwards
the article's mentions are re-dated against the new date or window (:func:`.mentions.date_mention`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from ..events.matcher import EventMatcher, StoredBodies, actor_prior, group_of, load_matcher
from ..events.ontology import REAL_CONTEXTS, context_class, load_cues, load_ontology
from ..nlp.resources import countries
from ..nlp.timex import resolve_timex
from ..records import Article, DateWindow, EventMention, TimeExpr
from .mentions import date_mention, timex_days
from .ports import DatingStore
from .publication import date_derived, decide_copy_date

__all__ = ["date_articles", "date_from_copies", "solve_publication"]

_SEARCH_DAYS = 60


def _resolve(timex: TimeExpr, anchor: date) -> tuple[str | None, str | None]:
    resolved = resolve_timex(timex, anchor.isoformat())
    return timex_days(resolved) if resolved is not None else (None, None)


def _timex_of(m: EventMention) -> tuple[TimeExpr, str] | None:
    arg = next((a for a in m.arguments if a.role == "time"), None)
    if arg is None or not isinstance(arg.value, dict) or not arg.value.get("relative"):
        return None
    v = arg.value
    return TimeExpr(arg.span, v.get("kind", "DATE"), None, None, None, v.get("relative"), None), v.get("text", "")


def date_articles(store: DatingStore, article_ids: Iterable[str] | None = None, *,
                  counts: Counter | None = None) -> list[str]:
    """Give undated articles a date or window from copies and shared events; return changed ids.

    Rounds without the closed-world "another X" reading run first (a newly dated article can
    anchor another), then one round with it; each round decides every article on what the store
    held when it began, so the result does not depend on the order the articles were ingested in.

    ``article_ids``: the articles that are new or changed since the last run (the ingest
    barrier's). Only the undated articles they can date are solved again: the undated ones among
    them, those with a relative time one of their dated reports may anchor (same type family and
    a shared place or count), and those already given a window from reports of that family --
    then, round after round, the ones the newly dated articles may anchor. None: every undated
    article. Each article is solved against the dated reports of its own type families only.
    ``counts`` (optional) gets what it read: ``solved`` articles and ``anchor_rows`` (dated reports)."""
    counts = Counter() if counts is None else counts
    changed: list[str] = []
    matcher = load_matcher(bodies=StoredBodies(store), embeddings=store)
    for article_id in date_from_copies(store):
        changed.append(article_id)
        _redate_mentions(store, store.get_article(article_id))
    undated = store.undated_article_ids()
    todo = set(undated) if article_ids is None else _touched(store, [*article_ids, *changed], undated)
    for renewal in (False, False, False, True):
        decided = []
        pools: dict[str, list[EventMention]] = {}    # by type family; the store does not change within a round
        for article in store.iter_articles([a for a in undated if a in todo]):
            own = list(store.iter_mentions([article.id]))
            pool = _anchor_pool(store, own, pools)
            counts["solved"] += 1
            counts["anchor_rows"] += len(pool)
            window = solve_publication(article, own, pool, renewal=renewal, matcher=matcher)
            if window is not None and not _same(window, article.published_window):
                decided.append((article, window))
        for article, window in decided:
            _apply(store, article, window)
            _redate_mentions(store, article)
            changed.append(article.id)
        if decided:
            undated = store.undated_article_ids()
            if article_ids is not None:
                todo |= _touched(store, [a.id for a, _ in decided], undated)
    return list(dict.fromkeys(changed))


def _families(mentions: Iterable[EventMention]) -> set[str]:
    ontology = load_ontology()
    return {ontology.family(m.type) for m in mentions}


def _anchor_pool(store: DatingStore, own: list[EventMention],
                 pools: dict[str, list[EventMention]] | None = None) -> list[EventMention]:
    """The dated reports that may anchor ``own``'s relative times or set a renewal floor: those
    of the same type families (what the matcher could find compatible), with the terms they
    state (an agreement's counts). ``pools`` keeps them by family while the store is unchanged
    (one round), so each family's reports are read once a round, not once an article."""
    if not any(_timex_of(m) for m in own):
        return []
    pools = {} if pools is None else pools
    out: dict[str, EventMention] = {}
    for family in sorted(_families(own)):
        if family not in pools:
            pool = store.dated_mentions_of_types(load_ontology().family_types({family}))
            have = {m.id for m in pool}
            terms = {a.value for m in pool for a in m.arguments if a.role == "term" and a.value not in have}
            pools[family] = pool + store.get_mentions(terms)
        for m in pools[family]:
            out.setdefault(m.id, m)
    return list(out.values())


def _touched(store: DatingStore, article_ids: list[str], undated: list[str]) -> set[str]:
    """The undated articles whose solution the reports of ``article_ids`` may change."""
    ids = set(article_ids)
    out = {a for a in undated if a in ids}
    theirs = list(store.iter_mentions(sorted(ids)))
    known = {m.id: m for m in theirs}
    dated = [m for m in theirs if m.date]
    if not dated:
        return out
    ontology = load_ontology()
    families = _families(dated)
    places = {a.value for m in dated for a in m.arguments if a.role == "place"}
    counts = {c for m in dated for c in _counts(m, known)}
    others = [a for a in undated if a not in ids]
    if not others:
        return out
    windowed = set(store.undated_article_ids(windowed=True))
    mentions = list(store.iter_mentions(others))
    terms = {m.id: m for m in mentions}
    for m in mentions:
        if m.article_id in out or _timex_of(m) is None or ontology.family(m.type) not in families:
            continue
        own_places = {a.value for a in m.arguments if a.role == "place"}
        if (m.article_id in windowed or _counts(m, terms) & counts
                or (own_places and places and (own_places & places or _nested(own_places, places)))):
            out.add(m.article_id)
    return out


def _same(a: DateWindow, b: DateWindow | None) -> bool:
    return b is not None and (a.earliest, a.latest) == (b.earliest, b.latest)


def date_from_copies(store: DatingStore, article_ids: Iterable[str] = ()) -> list[str]:
    """Decide the copied dates the duplicates stage proposed (``dedup.metadata``): the dating
    stage is the one writer of publication dates. Decided: ``article_ids`` and every article
    whose proposal or date changed since its decision was last taken
    (``store.copy_dates_to_decide``) -- not every proposal of the store again. Returns the ids
    whose date changed."""
    ids = list(dict.fromkeys([*article_ids, *store.copy_dates_to_decide()]))
    if not ids:
        return []
    proposals = store.date_proposals(ids)
    changed = []
    for article in store.iter_articles(ids):
        proposal, conflict = proposals.get(article.id, (None, None))
        if decide_copy_date(article, proposal, conflict):
            store.put_publication_date(article.id, article.dated)
            changed.append(article.id)
    store.copy_dates_decided(ids)
    return changed


def _apply(store: DatingStore, article: Article, window: DateWindow) -> None:
    date_derived(article, window)
    store.put_publication_date(article.id, article.dated)


def _redate_mentions(store: DatingStore, article: Article) -> None:
    mentions = list(store.iter_mentions([article.id]))
    for m in mentions:
        date_mention(m, article)
    store.replace_mentions(article.id, mentions)


def _anchor_day(m: EventMention, dated: list[EventMention], matcher: EventMatcher,
                by_id: dict[str, EventMention]) -> tuple[str, EventMention] | None:
    """The one day the corpus gives the event ``m`` reports (None if unknown or ambiguous).

    The constraints are the event matcher's (the ones merging uses: compatible type and context,
    times that do not exclude each other, no conflicting named actors). A date derived for a
    whole article needs stronger evidence than a merge and no text similarity can stand in for
    it: type and actors alone do not identify an event (a series of exchanges between the same
    two sides), so the two must share a distinctive argument, a place or a count. When the
    mentions that qualify name different days, nothing is anchored."""
    own = group_of([m])
    places = {a.value for a in m.arguments if a.role == "place"}
    counts = _counts(m, by_id)
    days: dict[str, EventMention] = {}
    for d in dated:
        if d.article_id == m.article_id or context_class(d.context) in ("generic", "hypothetical", "negated"):
            continue
        d_places = {a.value for a in d.arguments if a.role == "place"}
        same_place = bool(places and d_places and (places & d_places or _nested(places, d_places)))
        if not (same_place or counts & _counts(d, by_id)):
            continue
        other = group_of([d])
        if not matcher.excluded(own, other) and actor_prior(own, other) >= 0:
            days.setdefault(d.date, d)
    return next(iter(days.items())) if len(days) == 1 else None


def _counts(m: EventMention, by_id: dict[str, EventMention]) -> set[float]:
    """Distinctive counts of a mention, and of the terms it states (an agreement's numbers)."""
    terms = [by_id[a.value] for a in m.arguments if a.role == "term" and a.value in by_id]
    return {a.value["value"] for x in [m, *terms] for a in x.arguments if a.role == "quantity"
            and isinstance(a.value, dict) and a.value.get("value") not in (None, 0, 1, 2)}


def _nested(a: set, b: set) -> bool:
    names = set(countries().names)
    return bool((a & names) or (b & names))


def solve_publication(article: Article, mentions: list[EventMention], corpus: list[EventMention], *,
                      renewal: bool = True, matcher: EventMatcher | None = None) -> DateWindow | None:
    """The publication day(s) consistent with the article's anchored relative times (see module).

    ``mentions`` are the article's own; ``corpus`` every stored mention (the dated ones anchor)."""
    anchored = []
    by_id = {m.id: m for m in [*mentions, *corpus]}
    dated = [m for m in corpus if m.date]
    matcher = matcher or load_matcher(bodies={article.id: article.body})
    for m in mentions:
        tx = _timex_of(m)
        hit = _anchor_day(m, dated, matcher, by_id) if tx else None
        if hit:
            anchored.append((m, tx, hit))
    if not anchored:
        return None
    days = _candidates(anchored)
    reasons = [f"'{text}' ({m.type.lower()}) is {day}, dated by article {src.article_id}"
               for m, (_, text), (day, src) in anchored]
    days, lead_reason = _lead_constraint(article, mentions, anchored, days, dated if renewal else [])
    if not days:
        return None
    reason = "; ".join(reasons + ([lead_reason] if lead_reason else []))
    return DateWindow(min(days).isoformat(), max(days).isoformat(), reason)


def _candidates(anchored: list) -> list[date]:
    center = date.fromisoformat(anchored[0][2][0])
    out = []
    for offset in range(-_SEARCH_DAYS, _SEARCH_DAYS + 1):
        p = center + timedelta(days=offset)
        ok = True
        for _m, (timex, _text), (day, _src) in anchored:
            lo, hi = _resolve(timex, p)
            if not lo or not hi or not (lo <= day <= hi) or p.isoformat() < day:
                ok = False
                break
        if ok:
            out.append(p)
    return out


def _lead_constraint(article: Article, mentions: list[EventMention], anchored: list, days: list[date],
                     dated: list[EventMention]) -> tuple[list[date], str | None]:
    used = {m.id for m, _, _ in anchored}
    recency = load_cues()["time"]["recency_days"]
    for m in mentions:
        tx = _timex_of(m)
        if m.id in used or tx is None or m.context not in REAL_CONTEXTS:
            continue
        kept = [p for p in days if _within(tx[0], p, recency)]
        renewal = _renewal_floor(article, m, anchored, dated)
        if renewal:
            kept = [p for p in kept if (_resolve(tx[0], p)[0] or "") > renewal[0]]
        if not kept:
            return days, None
        why = f"the lead event '{tx[1]}' is reported within {recency} day(s)"
        if renewal:
            why += f"; '{renewal[1]}' follows the earliest such event known after the anchor ({renewal[0]}, closed-world)"
        return kept, why
    return days, None


def _within(timex: TimeExpr, p: date, recency: int) -> bool:
    lo, hi = _resolve(timex, p)
    return bool(lo and hi and lo == hi and (p - timedelta(days=recency)).isoformat() <= lo <= p.isoformat())


def _renewal_floor(article: Article, m: EventMention, anchored: list, dated: list[EventMention]) -> tuple[str, str] | None:
    """For "another/latest/new X": the earliest X the corpus dates after the anchor day."""
    words = set(load_cues()["renewal_words"])
    sentence = article.body[m.sentence.start:m.sentence.end].lower().split()
    trigger_at = article.body[m.sentence.start:m.trigger.start].lower().split()[-4:]
    cue = next((w for w in trigger_at if w in words), None) or ("latest" if "latest" in sentence else None)
    if cue is None:
        return None
    ontology = load_ontology()
    floor = max(day for _, _, (day, _) in anchored)
    later = sorted(d.date for d in dated if d.article_id != m.article_id and d.date > floor
                   and d.context in REAL_CONTEXTS and ontology.compatible((m.type, m.mode), (d.type, d.mode)))
    return (later[0], cue) if later else None
