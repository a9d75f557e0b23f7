"""Publication dates: the one place an article's ``published``, ``published_from`` and
``published_window`` are decided and written.

Three kinds of evidence reach this module, each proposed by the stage that found it:

- **stated** (:func:`date_stated`): the metadata stage reads candidate dates from the text and its
  container (:class:`newsline.meta.DateClaims`: a date the user gave, a leading date header,
  datelines, the markup's date, the URL path, the file name) and decides nothing; here the
  strongest is chosen, every source that agrees is named in the reason, and the ones that
  disagree are kept in ``meta["published_conflicts"]``;
- **copies** (:func:`decide_copy_date`): the duplicates stage offers an undated copy the date its
  copies agree on (``meta["published_proposal"]``) or records that they disagree
  (``meta["published_conflict"]``); a proposal is taken, a conflict stays refused, a copied date
  whose proposal is gone is withdrawn;
- **the corpus** (:func:`date_derived`): the corpus barrier (:mod:`.corpus`) solves an undated
  article's publication day from the events it shares with dated ones; one day sets
  ``published``, several a window.

Only an article's own (stated) date is offered to its copies (:func:`has_own_date`), so no
derived value flows back to where it came from. ``tests/test_date_owner.py`` keeps every
assignment of these fields in this package.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Article, DateWindow

if TYPE_CHECKING:
    from ..meta import DateClaims, Field

__all__ = ["COPY_REASON", "CONFLICT_KEY", "DERIVED_REASON", "PROPOSAL_KEY", "STATED_CONFLICTS_KEY",
           "choose_published", "date_derived", "date_given", "date_stated", "decide_copy_date",
           "decide_stated", "has_own_date", "restate"]

COPY_REASON = "from its copy "
DERIVED_REASON = "dated from the corpus: "     # prefix of the corpus barrier's derivations
PROPOSAL_KEY = "published_proposal"            # the duplicates stage's offer: {"date", "reason"}
CONFLICT_KEY = "published_conflict"            # ... or the copies' disagreement: [{"date", "copies"}]
STATED_CONFLICTS_KEY = "published_conflicts"   # stated candidates set aside: [{"value", "reason"}]


# -- stated dates ------------------------------------------------------------------------------
def choose_published(candidates: list[Field]) -> tuple[Field | None, list[dict[str, str]]]:
    """The strongest candidate (list order = strength; an "updated" date last), naming every
    source that agrees with it. Returns it and the disagreeing candidates (``[{"value", "reason"}]``)."""
    from ..meta import Field

    if not candidates:
        return None, []
    updated = [c for c in candidates if c.reason.startswith("updated date")]
    ranked = [c for c in candidates if c not in updated] + updated
    best = ranked[0]
    agreeing = [c.reason for c in ranked if c.value == best.value]
    conflicts = [{"value": c.value, "reason": c.reason} for c in ranked if c.value != best.value]
    return Field(best.value, "; ".join(dict.fromkeys(agreeing))), conflicts


def decide_stated(claims: DateClaims) -> tuple[Field | None, list[dict[str, str]]]:
    """The stated publication date among the metadata stage's claims, and the ones set aside.

    Strongest first: what the user gave, the text's own date header, the container's date,
    datelines, the URL path, and last the file's name or folders. A dateline the reader sees at
    the top of the text beats the markup's date when they disagree (``dateline_beats_markup`` in
    the metadata data file, measured on htmldate-eval: see docs/corpus.md); the markup's date then
    stays among the conflicts and the reason says so."""
    from ..meta.dates import date_params

    text_first = date_params()["dateline_beats_markup"]
    ordered = [claims.given, *claims.header, *(claims.datelines if text_first else []), claims.markup,
               *([] if text_first else claims.datelines), claims.url, claims.name]
    chosen, conflicts = choose_published([d for d in ordered if d is not None])
    markup = claims.markup
    if text_first and markup and chosen and chosen.value != markup.value and chosen.reason.startswith("dateline"):
        chosen.reason += f" (the text's own date line, preferred over the markup's {markup.value})"
    return chosen, conflicts


def date_stated(article: Article, claims: DateClaims) -> None:
    """Set a newly read article's own date (or none) from the metadata stage's claims."""
    chosen, conflicts = decide_stated(claims)
    article.published = chosen.value if chosen else None
    article.published_from = chosen.reason if chosen else None
    article.published_window = None
    if chosen:
        article.meta.setdefault("from", {})["published"] = chosen.reason
    if conflicts:
        article.meta[STATED_CONFLICTS_KEY] = conflicts
    else:
        article.meta.pop(STATED_CONFLICTS_KEY, None)


def restate(article: Article, fresh: Article) -> None:
    """Carry a re-read's stated date onto a stored article (metadata given on a later run).

    The fresh reading's own date replaces whatever the article had; without one, the article
    loses its stated date and keeps a window the corpus gave it (the copy and corpus decisions
    run again on it, since the article is reported changed)."""
    article.published, article.published_from = fresh.published, fresh.published_from
    if fresh.published:
        article.published_window = None


def date_given(article: Article, day: str | None, reason: str = "given") -> None:
    """A date the caller states for a text it passes directly (``newsline annotate --published``)."""
    article.published = day
    article.published_from = reason if day else None


def has_own_date(article: Article) -> bool:
    """A date the article states itself (metadata, given), not one copied or derived here."""
    reason = article.published_from or ""
    return bool(article.published) and not reason.startswith((COPY_REASON, DERIVED_REASON))


# -- copies ------------------------------------------------------------------------------------
def decide_copy_date(article: Article) -> bool:
    """Decide a copy's date from the duplicates stage's proposal; True if it changed.

    An own date stays. A conflict is refused: no date, a copied one withdrawn. A proposal is taken
    unless a date derived from the corpus is already set. No proposal: a copied date is withdrawn.
    (The duplicates stage does not propose a date outside a window the article already has.)"""
    if has_own_date(article):
        return False
    proposal: dict[str, Any] | None = article.meta.get(PROPOSAL_KEY)
    copied = (article.published_from or "").startswith(COPY_REASON)
    if article.meta.get(CONFLICT_KEY) or not proposal:
        if not copied:
            return False
        article.published = article.published_from = None
        return True
    if (article.published, article.published_from) == (proposal["date"], proposal["reason"]):
        return False
    if article.published and not copied:
        return False       # a date derived from shared events: the corpus barrier's to revise
    article.published, article.published_from = proposal["date"], proposal["reason"]
    return True


# -- the corpus --------------------------------------------------------------------------------
def date_derived(article: Article, window: DateWindow) -> None:
    """Set what the corpus barrier solved: one day is the date, several a window (with reasons)."""
    if window.earliest == window.latest:
        article.published, article.published_from = window.earliest, DERIVED_REASON + window.reason
        article.published_window = None
    else:
        article.published_window = window
