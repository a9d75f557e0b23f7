"""The one judge of "are these two reports one event?" (:class:`EventMatcher`).

Merging across articles, dating across articles and ``newsline eval ecbplus`` all ask this
object, so the ECB+ figure measures the decision ingest makes. A decision has two parts:

1. **Hard constraints** (:meth:`EventMatcher.excluded`): two reports cannot be one event when
   their types are incompatible (the ontology's compatible pairs), their contexts differ in kind
   (a real event is not a planned one), their times exclude each other (the exchanges of 9, 10
   and 12 June stay three) or a stated weekday contradicts the other's day.
2. **The learned model** (``events.coref``, logistic, trained on the ECB+ training topics): the
   probability that the best-matching pair of mentions names one event, from trigger, sentence,
   document and argument features (and, with the ``semantic`` extra, embedding cosines).
   ECB+ cannot teach what it does not annotate - resolved dates, syndicated copies, counts - nor
   what its setting hides: its pairs are compared inside one story, where the actors and places
   are the story's own, so the model learned near-zero weights for them, while news compares
   reports across stories, where "Russia and Ukraine" against "Israel and Hamas" is what tells two
   exchanges of one day apart. That evidence enters as fixed log-odds (:data:`PRIORS`) added to
   the model's logit, and the news mentions' records carry no actors or places for the model,
   so nothing is counted twice.

The link is ``sigmoid(logit(p_model) + priors)``; two reports are one event when it reaches the
model's own cut (``model.threshold``, chosen by cross-validation with the clusterer of
:mod:`.cluster`). A missing or stale model is a :class:`~newsline.errors.ConfigError` naming
the fix: never a silent fallback.
"""
from __future__ import annotations

import math
from collections.abc import Container, Iterable
from dataclasses import replace

from ..errors import ConfigError
from ..records import EventMention
from . import coref
from .groups import Group, matching_names, role_conflict, time_excluded, width
from .ontology import Ontology, load_ontology

__all__ = ["EventMatcher", "PRIORS", "load_matcher", "features_of", "StoredBodies", "group_of"]

# Log-odds for evidence the ECB+ training data has no annotation for (its documents carry no
# resolved dates, no syndicated copies, few counts): set by hand, documented, one place.
PRIORS = {
    "same_day": 1.5,          # both dated to the same day
    "near_days": 1.0,         # both within two days
    "same_week": 0.5,         # both within a week
    "day_in_window": -1.5,    # a day inside a wide window: could be any event of that window
    "unique_in_window": 2.0,  # ... unless it is the only compatible event the corpus knows there
    "copies": 2.0,            # copies of one text (one origin) report the same events
    "count_match": 1.0,       # the same count for the same thing
    "count_conflict": -0.5,   # different counts for the same thing
    "actors_match": 1.5,      # times the share of named actors both sides name
    "actors_conflict": -0.75, # both name actors, none in common, in no one role
    "role_conflict": -4.0,    # both name who acted (or was acted on) and the names differ: in news,
                              # two companies' results or two people's resignations of one day
    "same_kind": 1.0,         # the same type and mode (typed mentions only)
    "same_type": 0.5,         # the same type, another mode
    "parties_match": 0.75,    # no named actors on one side: the articles' principal parties agree
    "parties_conflict": -0.375,
    "place_match": 1.0,
    "place_conflict": -0.5,   # two places, neither a country that may hold the other
}
_PAIRS_PER_SIDE = 3      # mentions compared per group: the first ones (text order of the sources)


def load_matcher(*, semantic: bool | None = None, ontology: Ontology | None = None,
                 bodies: dict[str, str] | None = None,
                 embeddings: coref.EmbeddingCache | None = None) -> EventMatcher:
    """The matcher with the shipped coreference model (``semantic`` as in :func:`coref.load_model`);
    ``embeddings``: where the semantic extra's vectors are kept between runs (the store)."""
    return EventMatcher(load_model(semantic), ontology=ontology, bodies=bodies, embeddings=embeddings)


def load_model(semantic: bool | None = None) -> coref.CorefModel:
    """The shipped model, or a ConfigError that says what to do."""
    try:
        return coref.load_model(semantic)
    except ImportError as exc:
        raise ConfigError(f"{exc}; or set ${coref.MODEL_ENV}=base") from exc
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"the event coreference model cannot be used ({exc}): retrain it with "
                          "`python -m newsline.eval.coref_train train DIR` or reinstall newsline") from exc


def features_of(m: EventMention, body: str, terms: tuple[str, ...] | None = None) -> coref.MentionFeatures:
    """The model's record for one extracted mention: its evidence sentence, trigger and lemma,
    the article's terms (``terms``, :func:`coref.document_terms` of the body) as its document
    context. Actors and places are left to :data:`PRIORS` (see the module docstring)."""
    sentence = body[m.sentence.start:m.sentence.end]
    trigger = body[m.trigger.start:m.trigger.end] or m.type.lower()
    lemma = next((a.value for a in m.arguments if a.role == "lemma"), trigger.lower())
    span = (m.trigger.start - m.sentence.start, m.trigger.end - m.sentence.start)
    return coref.MentionFeatures(doc_id=m.article_id, trigger=trigger, lemma=str(lemma), sentence=sentence,
                                 event_type=m.type, date=m.date, trigger_span=span,
                                 context_terms=terms)


def mention_vectors(body: str, mentions: list[EventMention]) -> dict[str, bytes]:
    """With the semantic model, the vectors of one article's mentions (``{embedding key:
    float16 blob}``, what the store's ``embeddings`` table holds); without it, nothing.

    Worked out in the per-article step, so in the worker processes beside the parse, instead of
    in the merge barrier, where the one writer process embedded them while the other cores
    idled; the merge and the dating stage then read them from the store (``embed_mentions``
    with the store as its cache). The vectors are those the merge would compute: one encoder,
    the same sentence, trigger and span."""
    if not mentions or not load_model().semantic:
        return {}
    features = [features_of(m, body) for m in mentions]
    coref.embed_mentions(features)
    return {coref.embedding_key(f): coref.encode_vectors(f._cache[coref.EMBEDDING_KEY]) for f in features}


class StoredBodies(dict):
    """Article id -> body, read from the store the first time a mention of it is scored (the
    matcher reads only the bodies of the mentions it compares)."""

    def __init__(self, store):
        super().__init__()
        self.store = store

    def __missing__(self, article_id: str) -> str:
        article = self.store.get_article(article_id)
        self[article_id] = article.body if article is not None else ""
        return self[article_id]

    def get(self, article_id, default=""):
        return self[article_id]


class EventMatcher:
    """Decides whether two groups of mentions report one event (see the module docstring).

    ``bodies`` maps article ids to their text (the evidence sentences are read from it);
    ``features`` may give the model's records directly (mention id -> MentionFeatures), as the
    ECB+ evaluation does for its annotated mentions. ``typed=False`` drops the type and context
    constraints for mentions that carry no type (ECB+'s gold mentions). ``embeddings`` (the
    store) keeps the semantic extra's vectors, so a mention is embedded once, not at every merge
    that compares it."""

    def __init__(self, model: coref.CorefModel, *, ontology: Ontology | None = None,
                 bodies: dict[str, str] | None = None,
                 features: dict[str, coref.MentionFeatures] | None = None,
                 index: coref.ContextIndex | None = None, typed: bool = True,
                 linkage: str = "average", per_side: int = _PAIRS_PER_SIDE,
                 embeddings: coref.EmbeddingCache | None = None):
        self.model = model
        self.embeddings = embeddings   # where the semantic extra's vectors are kept between runs
        self.ontology = ontology or load_ontology()
        self.bodies = bodies if bodies is not None else {}
        self.features: dict[str, coref.MentionFeatures] = dict(features or {})
        self.index = index
        self.typed = typed
        self.linkage, self.per_side = linkage, per_side
        self.threshold = model.threshold
        self._pairs: dict[tuple[str, str], float] = {}
        self._terms: dict[str, tuple[str, ...]] = {}
        self._countries: frozenset[str] | None = None
        self._senses: dict[tuple[str, str, bool], coref.MentionFeatures] = {}
        self.pairs_scored = 0
        self._compatible: dict[tuple[frozenset, frozenset], bool] = {}

    # -- the model's records ----------------------------------------------------------------
    def prepare(self, mentions: Iterable[EventMention], *, embed: Container[str] | None = None) -> None:
        """Build the records of ``mentions`` and, with the semantic model, embed in batches those
        in ``embed`` (None: all). A mention left out is embedded alone if it is ever scored:
        ``embed`` is what blocking says may be compared (:meth:`EventClusterer.comparable`).
        The word weights (``index``) are the caller's, or those of every record built when the
        first pair is scored."""
        new = []
        for m in mentions:
            if m.id not in self.features:
                body = self.bodies.get(m.article_id, "")
                if m.article_id not in self._terms:
                    self._terms[m.article_id] = coref.document_terms(body)
                self.features[m.id] = features_of(m, body, self._terms[m.article_id])
                if embed is None or m.id in embed:
                    new.append(self.features[m.id])
        if new and self.model.semantic:
            coref.embed_mentions([f for f in new if coref.EMBEDDING_KEY not in f._cache], cache=self.embeddings)

    def _record(self, m: EventMention) -> coref.MentionFeatures:
        if m.id not in self.features:
            self.prepare([m])
        return self.features[m.id]

    # -- the decision -------------------------------------------------------------------------
    def excluded(self, a: Group, b: Group, *, same_article_ok: bool = False) -> bool:
        """True when the hard constraints say the groups cannot be one event."""
        if not same_article_ok and a.articles & b.articles:
            return True
        if self.typed and (not self.compatible(a, b) or a.context_class != b.context_class):
            return True
        return time_excluded(a, b)

    def compatible(self, a: Group, b: Group) -> bool:
        key = (a.kinds, b.kinds)          # frozensets: their hash is computed once and kept
        known = self._compatible.get(key)
        if known is None:
            known = self._compatible[key] = any(self.ontology.compatible(x, y) for x in a.kinds for y in b.kinds)
        return known

    def text_probability(self, a: Group, b: Group) -> float:
        """The model's probability for a pair of groups: the average link over their first
        mentions (``linkage="average"``, the cut the model was tuned for) or the best pair."""
        probs = [self.mention_probability(x, y) for x in a.mentions[:self.per_side]
                 for y in b.mentions[:self.per_side]]
        if not probs:
            return 0.0
        return sum(probs) / len(probs) if self.linkage == "average" else max(probs)

    def mention_probability(self, x: EventMention, y: EventMention) -> float:
        key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
        if key not in self._pairs:
            fx, fy = self._record(x), self._record(y)
            if self.typed and (x.type, x.mode) == (y.type, y.mode) and fx.lemma != fy.lemma:
                fy = self._in_sense(y.id, fy, fx.lemma)
            if self.index is None:
                self.index = coref.ContextIndex.from_mentions(list(self.features.values()))
            self._pairs[key] = coref.pair_score(fx, fy, model=self.model, index=self.index)
            self.pairs_scored += 1
        return self._pairs[key]

    def _in_sense(self, mention_id: str, f: coref.MentionFeatures, lemma: str) -> coref.MentionFeatures:
        """:func:`same_sense` of a mention's record, made once per mention and lemma: the copy
        keeps the TF-IDF vectors it is scored with (its cache), so they are worked out once, not
        again at every pair it is in. A copy made before the record was embedded is made again."""
        key = (mention_id, lemma, coref.EMBEDDING_KEY in f._cache)
        if key not in self._senses:
            self._senses[key] = same_sense(f, lemma)
        return self._senses[key]

    def priors(self, a: Group, b: Group, *, unique_in_window: bool = False) -> float:
        """Log-odds from the evidence the model has no feature for (:data:`PRIORS`)."""
        if self._countries is None:
            from .language import country_names

            self._countries = frozenset(country_names())
        return (time_prior(a, b, unique_in_window) + count_prior(a, b) + actor_prior(a, b)
                + place_prior(a, b, self._countries) + (PRIORS["copies"] if a.origins & b.origins else 0.0)
                + (kind_prior(a, b) if self.typed else 0.0))

    def link(self, a: Group, b: Group, *, unique_in_window: bool = False,
             same_article_ok: bool = False) -> float | None:
        """Probability that ``a`` and ``b`` report one event; None when the constraints exclude it."""
        if self.excluded(a, b, same_article_ok=same_article_ok):
            return None
        return combine(self.text_probability(a, b), self.priors(a, b, unique_in_window=unique_in_window))

    def link_above(self, a: Group, b: Group, bar: float, *, unique_in_window: bool = False) -> float | None:
        """:meth:`link` of a pair the caller has already checked against the hard constraints,
        when it can reach ``bar``: the priors are worked out once for the bound and the link,
        and no text is scored for a pair whose bound is below the bar (None)."""
        prior = self.priors(a, b, unique_in_window=unique_in_window)
        if combine(1.0 - 1e-6, prior) < bar:
            return None
        return combine(self.text_probability(a, b), prior)

    def bound(self, a: Group, b: Group, *, unique_in_window: bool = False) -> float:
        """The highest link the model could give (its probability 1 - eps): a pair whose bound is
        below the cut is decided without scoring any text."""
        return combine(1.0 - 1e-6, self.priors(a, b, unique_in_window=unique_in_window))


def combine(probability: float, log_odds: float) -> float:
    p = min(max(probability, 1e-9), 1 - 1e-9)
    return 1.0 / (1.0 + math.exp(-(math.log(p / (1 - p)) + log_odds)))


# ------------------------------------------------------------------------ constraints, priors
def time_prior(a: Group, b: Group, unique_in_window: bool = False) -> float:
    ba, bb = a.bounds(), b.bounds()
    if ba is None or bb is None:
        return 0.0
    widest = max(width(ba), width(bb))
    if widest == 0:
        return PRIORS["same_day"]
    if widest <= 2:
        return PRIORS["near_days"]
    if widest <= 7:
        return PRIORS["same_week"]
    if min(width(ba), width(bb)) == 0:
        return PRIORS["day_in_window"] + (PRIORS["unique_in_window"] if unique_in_window else 0.0)
    return 0.0


def count_prior(a: Group, b: Group) -> float:
    def readings(g: Group) -> dict[str, set[float]]:
        out: dict[str, set[float]] = {}
        for m in g.mentions:
            for arg in m.arguments:
                if arg.role == "quantity" and isinstance(arg.value, dict) and arg.value.get("value") is not None:
                    key = arg.value.get("role") or arg.value.get("noun") or ""
                    out.setdefault(key, set()).add(arg.value["value"])
        return out
    qa, qb = readings(a), readings(b)
    shared = set(qa) & set(qb)
    if not shared:
        return 0.0
    return PRIORS["count_match"] if any(qa[k] & qb[k] for k in shared) else PRIORS["count_conflict"]


def _share(x: set[str], y: set[str], match: float, conflict: float) -> float:
    if not x or not y:
        return 0.0
    return match * len(x & y) / len(x | y) if x & y else conflict


def same_sense(f: coref.MentionFeatures, lemma: str) -> coref.MentionFeatures:
    """``f`` with the other mention's lemma: two triggers the ontology gives one type and mode
    ("signed an order" / "ordered", "struck" / "hit" for a quake) are one sense, which the
    model, trained on untyped ECB+ mentions, reads from equal lemmas only. Its embedding stays."""
    kept = {k: v for k, v in f._cache.items() if k == coref.EMBEDDING_KEY}
    return replace(f, lemma=lemma, _cache=kept)


def kind_prior(a: Group, b: Group) -> float:
    if a.kinds & b.kinds:
        return PRIORS["same_kind"]
    return PRIORS["same_type"] if {t for t, _ in a.kinds} & {t for t, _ in b.kinds} else 0.0


def actor_prior(a: Group, b: Group) -> float:
    """Named actors both sides give (a name matches its longer or shorter form); where a side
    names none ("earlier exchanges took place on Monday"), the articles' principal parties stand
    in, as weaker evidence."""
    xa, xb = a.values("source") | a.values("target"), b.values("source") | b.values("target")
    if xa and xb:
        if role_conflict(a, b):
            return PRIORS["role_conflict"]
        shared = matching_names(xa, xb) | matching_names(xb, xa)
        if not shared:
            return PRIORS["actors_conflict"]
        return PRIORS["actors_match"] * min(1.0, len(shared) / len(xa | xb))
    return _share(xa or a.values("party"), xb or b.values("party"), PRIORS["parties_match"],
                  PRIORS["parties_conflict"])


def place_prior(a: Group, b: Group, countries: frozenset[str]) -> float:
    pa, pb = a.values("place"), b.values("place")
    if not pa or not pb:
        return 0.0
    if pa & pb:
        return PRIORS["place_match"]
    if (pa & countries) or (pb & countries):
        return 0.0    # a country and a place that may lie inside it
    return PRIORS["place_conflict"]


def is_day_inside(event: Group, g: Group) -> bool:
    """Whether ``event`` is dated to one day that lies inside ``g``'s wider-than-a-week window."""
    day, window = event.bounds(), g.bounds()
    return (day is not None and window is not None and day[0] == day[1]
            and width(window) > 7 and window[0] <= day[0] <= window[1])


def group_of(mentions: list[EventMention], origins: dict[str, str] | None = None) -> Group:
    g = Group()
    for m in mentions:
        g.add(m, (origins or {}).get(m.article_id))
    return g

