"""The language layer: entities (with aliases), time expressions, quantities and quotes.

::

    from newsline.nlp import Annotations, annotate_articles, annotate_text, load_nlp

    for ann in annotate_articles(articles):        # nlp.pipe batched over the bodies
        store.put_annotations(ann)

Modules: :mod:`.model` (the spaCy pipeline), :mod:`.entities` + :mod:`.names` + :mod:`.coref`
(entities, canonical names, nominal/pronoun references), :mod:`.quantities` (+ :mod:`.numbers`),
:mod:`.quotes`, :mod:`.timex` (time expressions), :mod:`.annotate` (the orchestration).
Vocabularies live in ``newsline/data/nlp/``.
"""
from __future__ import annotations

from .annotate import Annotations, annotate_articles, annotate_doc, annotate_text
from .model import load_nlp
from .resources import country_of, demonym_of

__all__ = ["Annotations", "annotate_articles", "annotate_text", "annotate_doc", "load_nlp",
           "country_of", "demonym_of"]
