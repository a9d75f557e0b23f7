"""Publication dates: the one place an article's :class:`~newsline.records.PublicationDate`
(its ``published``, ``published_from`` and ``published_window``) is decided and built; the
store keeps it in a table of its own, written by this stage alone (``put_publication_date``).

Three kinds of evidence reach this module, each proposed by the stage that found it:

- **stated** (:func:`date_stated`): the metadata stage reads candidate dates from the text and its
  container (:class:`newsline.meta.DateClaims`: a date the user gave, a leading date header,
  datelines, the markup's date, the URL path, the file name) and decides nothing; here the
  strongest is chosen, every source that agrees is named in the reason, and the ones that
  disagree are kept (``set_aside``);
- **copies** (:func:`decide_copy_date`): the duplicates stage offers an undated copy the date its
  copies agree on or records that they disagree (its own rows: ``store.date_proposals``); a
  proposal is taken, a conflict stays refused, a copied date whose proposal is gone is withdrawn;
- **the corpus** (:func:`date_derived`): the corpus barrier (:mod:`.corpus`) solves an undated
  article's publication day from the events it shares with dated ones; one day sets
  ``published``, several a window.

Only an article's own (stated) date is offered to its copies (:func:`has_own_date`), so no
derived value flows back to where it came from. ``tests/test_date_owner.py`` keeps every
assignment of an article's ``dated`` record, and every construction of one, in this package.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Article, DateWindow, PublicationDate

if TYPE_CHECKING:
    from ..meta import DateClaims, Field
    from .ports import DateWriter

__all__ = ["COPY_REASON", "DERIVED_REASON", "choose_published", "date_derived", "date_given", "date_stated",
           "decide_copy_date", "decide_stated", "has_own_date", "restate"]

COPY_REASON = "from its copy "
DERIVED_REASON = "dated from the corpus: "     # prefix of the corpus barrier's derivations


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
    """Give a newly read article its own date (or none) from the metadata stage's claims."""
    chosen, conflicts = decide_stated(claims)
    article.dated = (PublicationDate(chosen.value, chosen.reason, basis="stated", set_aside=conflicts)
                     if chosen else PublicationDate(set_aside=conflicts))


def restate(store: DateWriter, article: Article, fresh: Article) -> None:
    """Carry a re-read's stated date onto a stored article (metadata given on a later run) and
    store it (``store.put_publication_date``).

    The fresh reading's own date replaces whatever the article had; without one, the article
    loses its day and keeps a window the corpus gave it (the copy and corpus decisions run again
    on it, since the article is reported changed)."""
    new = fresh.dated
    article.dated = (PublicationDate(new.day, new.reason, None, new.basis, list(new.set_aside)) if new.day
                     else PublicationDate(window=article.dated.window, set_aside=list(new.set_aside)))
    store.put_publication_date(article.id, article.dated)


def date_given(article: Article, day: str | None, reason: str = "given") -> None:
    """A date the caller states for a text it passes directly (``newsline annotate --published``)."""
    article.dated = PublicationDate(day, reason, basis="stated") if day else PublicationDate()


def has_own_date(article: Article) -> bool:
    """A date the article states itself (metadata, given), not one copied or derived here."""
    return bool(article.dated.day) and article.dated.basis == "stated"


# -- copies ------------------------------------------------------------------------------------
def decide_copy_date(article: Article, proposal: dict[str, Any] | None, conflict: Any) -> bool:
    """Decide a copy's date from the duplicates stage's ``proposal`` (``{"date", "reason"}``) or
    the ``conflict`` it recorded between copies; True if the article's date changed.

    An own date stays. A conflict is refused: no date, a copied one withdrawn. A proposal is taken
    unless a date derived from the corpus is already set. No proposal: a copied date is withdrawn.
    (The duplicates stage does not propose a date outside a window the article already has.)"""
    dated = article.dated
    if has_own_date(article):
        return False
    copied = dated.basis == "copy"
    if conflict or not proposal:
        if not copied:
            return False
        article.dated = PublicationDate(window=dated.window, set_aside=dated.set_aside)
        return True
    if (dated.day, dated.reason) == (proposal["date"], proposal["reason"]):
        return False
    if dated.day and not copied:
        return False       # a date derived from shared events: the corpus barrier's to revise
    article.dated = PublicationDate(proposal["date"], proposal["reason"], dated.window, "copy", dated.set_aside)
    return True


# -- the corpus --------------------------------------------------------------------------------
def date_derived(article: Article, window: DateWindow) -> None:
    """Set what the corpus barrier solved: one day is the date, several a window (with reasons)."""
    dated = article.dated
    if window.earliest == window.latest:
        article.dated = PublicationDate(window.earliest, DERIVED_REASON + window.reason, None, "corpus",
                                        dated.set_aside)
    else:
        article.dated = PublicationDate(dated.day, dated.reason, window, dated.basis, dated.set_aside)
