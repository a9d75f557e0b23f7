"""The sense model as a judge of the lexicon's proposals (see :mod:`.sense`).

For each candidate token of a sentence the lexicon proposes the entries that fit (possibly none);
the model's distribution over the ontology's types then decides, in one batch per sentence:

* **choose a sense**: among the proposed entries whose type MAVEN covers, the one the context
  supports most ("strike" by workers vs by missiles); entries of types MAVEN has no equivalent
  for (layoffs, bankruptcy …) keep the lexicon's order;
* **veto**: a proposal whose every type MAVEN covers is dropped when the model reads the token as
  no ontology event with probability ``veto_none`` or more and gives the proposed types less than
  ``veto_floor`` ("the deal had been killed", "meet the requirements");
* **detect**: a verb or noun the lexicon knows nothing about becomes a trigger when the model gives
  one ontology type ``detect`` or more ("the troops ambushed …").

Thresholds live in ``cues.json`` (``sense``) and were chosen by cross-validation on MAVEN dev.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .ontology import Ontology, TriggerEntry, load_cues
from .sense import NONE, RAW_NONE, SenseModel, load_sense_model, maven_map, token_features

__all__ = ["SenseJudge", "sense_judge"]

Proposal = tuple[Any, list[tuple[TriggerEntry, str | None]]]


class SenseJudge:
    def __init__(self, model: SenseModel, params: dict[str, float]):
        self.model = model
        self.params = params
        mapping = maven_map()
        self.covered = {t[0] for t in mapping.values() if t}
        self.modes = {}   # ontology type -> the mode of its most general MAVEN source, if one
        for label, target in mapping.items():
            if target and target[1] and target[0] not in self.modes:
                self.modes[target[0]] = target[1]

    def choose(self, proposals: list[Proposal], ontology: Ontology) -> list[tuple[Any, tuple[TriggerEntry, str | None]]]:
        scored = [(tok, cands) for tok, cands in proposals if cands or tok.pos_ in ("VERB", "NOUN")]
        if not scored:
            return []
        feats = [self.model.with_prior(token_features(tok, tuple(e.type for e, _ in cands)), tok.lemma_.lower())
                 for tok, cands in scored]
        lemmas = [tok.lemma_.lower() for tok, _ in scored]
        dists = self.model.ontology_distribution(self.model.probabilities(feats, lemmas))
        out = []
        for (tok, cands), dist in zip(scored, dists):
            pick = self._pick(tok, cands, dist, ontology)
            if pick is not None:
                out.append((tok, pick))
        return out

    def _pick(self, tok: Any, cands: list[tuple[TriggerEntry, str | None]], dist: dict[str, float],
              ontology: Ontology) -> tuple[TriggerEntry, str | None] | None:
        p = self.params
        if cands:
            covered = [c for c in cands if c[0].type in self.covered or ontology.parent(c[0].type) in self.covered]
            if len(covered) < len(cands):
                return cands[0]    # a type MAVEN cannot judge: the lexicon's order stands
            support = [dist.get(e.type, 0.0) + dist.get(ontology.parent(e.type), 0.0) for e, _ in cands]
            if dist.get(RAW_NONE, 0.0) >= p["veto_none"] and max(support) < p["veto_floor"]:
                return None
            best = max(range(len(cands)), key=lambda k: support[k])
            # the lexicon's first fit is its most specific reading: the context must clearly
            # reject it and clearly support another to switch
            first = cands[0][0]
            constrained = bool(first.objects or first.subjects or first.modifiers or first.sentence_words or first.particle
                               or first.prep)
            if not constrained and support[0] < p["veto_floor"] and support[best] >= p["switch_to"]:
                return cands[best]
            return cands[0]
        if ontology.entries(tok.lemma_.lower()):
            return None   # a lexicon word its constraints ruled out stays out ("the deal had been killed")
        type_, prob = max(((t, v) for t, v in dist.items() if t not in (NONE, RAW_NONE)), key=lambda x: x[1],
                          default=(None, 0.0))
        if type_ is None or prob < p["detect"] or type_ not in ontology.types:
            return None
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
        return TriggerEntry(lemma=tok.lemma_.lower(), pos=(pos,), type=type_, mode=self.modes.get(type_)), self.modes.get(type_)


@lru_cache(maxsize=1)
def sense_judge() -> SenseJudge | None:
    """The judge over the packaged model, or None when no model ships (the lexicon decides)."""
    model = load_sense_model()
    if model is None:
        return None
    return SenseJudge(model, load_cues()["sense"])
