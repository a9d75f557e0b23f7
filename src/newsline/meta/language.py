"""Language of the clean body, by py3langid (a pure-numpy langid.py; the model loads once)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ._base import Field, fields_params

__all__ = ["detect_language"]


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Normalised probabilities let us refuse to guess on short or mixed text.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> Field | None:
    """ISO 639-1 code of ``text`` with the probability as the reason; None when unsure."""
    params = fields_params()
    sample = text[:2000]    # plenty for a character n-gram model; the cost is linear in the sample
    if len(sample.strip()) < params["language_min_chars"]:
        return None
    lang, prob = _identifier().classify(sample)
    if prob < params["language_min_prob"]:
        return None
    return Field(lang, f"py3langid {prob:.2f} on the clean body")
