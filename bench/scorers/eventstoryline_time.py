"""Time-expression values on the Event StoryLine Corpus v1.0 (ECB+ web news) from ../shared.

Each CAT-XML document is rebuilt as text from its tokens (light detokenisation: no space before
punctuation, none around ':' between digits or around '-'), anchored at its DCT markable
(``DCT="TRUE"``), and scored like TempEval-3 against the anchored ``TIME_*`` markables (the DCT
markable itself and everything in a leading URL line are left out of both sides). ECB+ annotated
only some sentences of each document, so system expressions count only inside sentences that
carry at least one markable (event or time); elsewhere a miss of the annotators would be scored
as our false positive.

ESC writes clock times in UTC (``2013-05-03T18:10Z``) and parts of day on the date
(``2012-08-07TMO``), so two value figures are reported: ``value_f1`` (exact, as TempEval) and
``day_value_f1`` (values compared up to the ``T``: the day/month/year that was resolved).
There is no published TIMEX-normalisation figure on ESC to compare with.

    python -m bench.run eventstoryline_time
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ESC = (REPO / ".." / "shared" / "benchmarks" / "eventstoryline" / "annotated_data" / "v1.0").resolve()
_TYPES = {"TIME_DATE": "DATE", "TIME_DURATION": "DURATION", "TIME_SET": "SET", "TIME_REPETITION": "SET",
          "TIME_OF_THE_DAY": "TIME"}
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "'s", "’s", "n't", "%", "''", "'"}
_NO_SPACE_AFTER = {"(", "[", "$", "``", "-"}


def detokenize(tokens: list[tuple[str, str, int]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from (t_id, word, sentence) tokens and each token's character span in it."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_word, prev_sent = None, None
    for tid, word, sent in tokens:
        if prev_word is not None:
            if sent != prev_sent:
                sep = "\n"
            elif word in _NO_SPACE_BEFORE or prev_word in _NO_SPACE_AFTER or word == "-" \
                    or (prev_word == ":" and word[:1].isdigit()) or (word == ":" and prev_word[-1:].isdigit()):
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        parts.append(word)
        spans[tid] = (pos, pos + len(word))
        pos += len(word)
        prev_word, prev_sent = word, sent
    return "".join(parts), spans


def pad_value(value: str) -> str:
    """ESC writes some values unpadded ('2009-12-7', '1979-2', '2011W42'); pad them as ISO does."""
    m = re.match(r"^(\d{4})-?(W?)(\d{1,2})(?:-(\d{1,2}))?(.*)$", value or "")
    if not m:
        return value or ""
    year, week, a, b, rest = m.groups()
    head = f"{year}-{week}{int(a):02d}" + (f"-{int(b):02d}" if b else "")
    return head + rest


def load_doc(path: Path) -> dict | None:
    """Text, DCT and gold time expressions of one ESC document (None without a DCT value)."""
    from newsline.eval.timex import Gold

    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), t.text or "", int(t.get("sentence", 0))) for t in root.iter("token")]
    text, spans = detokenize(tokens)
    sentence_of = {tid: sent for tid, _, sent in tokens}
    dct, gold, blocked = None, [], []
    url_end = text.find("\n") if text.startswith("http") else -1
    if url_end > 0:
        blocked.append((0, url_end))
    annotated = {sentence_of[a.get("t_id")] for a in root.iter("token_anchor") if a.get("t_id") in sentence_of}
    for m in root.find("Markables") or []:
        ids = [a.get("t_id") for a in m.findall("token_anchor")]
        if m.tag not in _TYPES or not ids:
            continue
        start, end = spans[ids[0]][0], spans[ids[-1]][1]
        if m.get("DCT") == "TRUE":
            dct = dct or pad_value(m.get("value") or "")
            blocked.append((start, end))
            continue
        gold.append(Gold(start, end, _TYPES[m.tag], pad_value(m.get("value") or ""), text[start:end]))
    if not dct:
        return None
    gold = [g for g in gold if not any(g.start < e and s < g.end for s, e in blocked)]
    pos = 0
    order = list(dict.fromkeys(sent for _, _, sent in tokens))  # one text line per sentence
    for sent, line in zip(order, text.split("\n")):
        if sent not in annotated:
            blocked.append((pos, pos + len(line)))
        pos += len(line) + 1
    return {"id": path.name, "text": text, "dct": dct[:10], "gold": gold, "blocked": blocked}


def _day_part(items: list) -> list:
    from newsline.eval.timex import Gold

    return [Gold(g.start, g.end, g.type, g.value.split("T")[0], g.text) for g in items]


def run(quick: bool = False) -> dict:
    from newsline.nlp.timex import _nlp
    from newsline.eval.timex import Tally, score_doc, system_timexes

    if not ESC.is_dir():
        return {"skipped": f"EventStoryLine data not found at {ESC}"}
    files = sorted(p for p in ESC.glob("*/*.xml") if p.parent.name not in ("dev", "test"))
    if quick:
        files = files[:60]
    exact, day = Tally(), Tally()
    nlp = _nlp()
    docs = [d for d in (load_doc(p) for p in files) if d]
    for d in docs:
        system = system_timexes(d["text"], d["dct"], d["id"], doc=nlp(d["text"]))
        system = [s for s in system if not any(s.start < e and b < s.end for b, e in d["blocked"])]
        score_doc(d["gold"], system, exact, d["id"])
        score_doc(_day_part(d["gold"]), _day_part(system), day, d["id"])
    m = exact.metrics()
    keep = ("gold", "system", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_accuracy", "value_f1",
            "type_accuracy")
    out = {k: round(v, 4) if isinstance(v, float) else v for k, v in m.items() if k in keep}
    out["documents"] = len(docs)
    out["day_value_accuracy"] = round(day.metrics()["value_accuracy"], 4)
    out["day_value_f1"] = round(day.metrics()["value_f1"], 4)
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
