"""Folder walks that skip what is not prose: --include / --exclude, data files, sidecars."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsline.read.tabular import data_kind
from newsline.records import RawDocument, Reject

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _names(items, kind=RawDocument):
    return sorted(Path(i.source).name for i in items if isinstance(i, kind))


@pytest.mark.parametrize("include, exclude, expected", [
    ((), (), ["article_20161006.txt", "breitbart_2016-10-03_rally-crowd.txt", "governor-debate.txt",
              "nyt_2016-10-02_debate-prep.txt", "thehill-2016-10-04-senate-vote.txt", "undated-notes.txt"]),
    ((), ("extra",), ["breitbart_2016-10-03_rally-crowd.txt", "governor-debate.txt",
                      "nyt_2016-10-02_debate-prep.txt", "thehill-2016-10-04-senate-vote.txt"]),
    ((), ("2016/*", "*breitbart*"), ["article_20161006.txt", "nyt_2016-10-02_debate-prep.txt",
                                     "thehill-2016-10-04-senate-vote.txt", "undated-notes.txt"]),
    (("nyt_*", "*/05/*"), (), ["governor-debate.txt", "nyt_2016-10-02_debate-prep.txt"]),
    (("*.txt",), ("extra/*",), ["breitbart_2016-10-03_rally-crowd.txt", "governor-debate.txt",
                                "nyt_2016-10-02_debate-prep.txt", "thehill-2016-10-04-senate-vote.txt"]),
])
def test_include_exclude(read_all, include, exclude, expected):
    assert _names(read_all(CORPUS / "named", include=include, exclude=exclude)) == expected


def test_exclude_applies_to_glob_arguments(read_all):
    items = read_all(str(CORPUS / "named" / "*.txt"), exclude=["nyt_*"])
    assert _names(items) == ["breitbart_2016-10-03_rally-crowd.txt", "thehill-2016-10-04-senate-vote.txt"]


def test_a_named_file_is_always_read(read_all):
    items = read_all(CORPUS / "named" / "nyt_2016-10-02_debate-prep.txt", exclude=["*"])
    assert _names(items) == ["nyt_2016-10-02_debate-prep.txt"]


def test_everything_excluded_says_so(read_all):
    (reject,) = read_all(CORPUS / "named", exclude=["*"])
    assert isinstance(reject, Reject) and reject.reason == "folder holds no article files"


def test_data_files_in_a_folder(read_all):
    """Regression: a MEANTIME folder's .conll token table was read as an article (190 s, 11 noise events)."""
    items = read_all(CORPUS / "datafiles")
    assert _names(items) == ["prose-with-commas.txt"]
    rejects = {Path(r.source).name: r.reason for r in items if isinstance(r, Reject)}
    assert set(rejects) == {"tokens.txt", "table.txt"}       # .conll and .csv are skipped by name
    assert rejects["tokens.txt"].startswith("data file, not an article: CoNLL-style token table")
    assert rejects["table.txt"].startswith("data file, not an article: tab-separated table (4 short columns")


@pytest.mark.parametrize("name, reason", [
    ("topic01.conll", "data file (.conll by its name), not an article"),
    ("listing.csv", "data file (.csv by its name), not an article"),
])
def test_data_files_named_explicitly_are_refused(read_all, name, reason):
    (reject,) = read_all(CORPUS / "datafiles" / name)
    assert isinstance(reject, Reject) and reject.reason.startswith(reason)


@pytest.mark.parametrize("text, kind", [
    ("1\tThe\tDT\n2\tcat\tNN\n3\tsat\tVBD\n\n1\tIt\tPRP\n2\tran\tVBD\n", "CoNLL"),
    ("1 The DT O\n2 cat NN O\n3 sat VBD O\n4 . . O\n", "CoNLL"),
    ("a,b,c\n1,2,3\n4,5,6\n7,8,9\n", "comma-separated"),
    ("a;b;c\n1;2;3\n4;5;6\n7;8;9\n", "semicolon-separated"),
    ("T1\tPerson 0 5\tJohn\nT2\tPlace 10 15\tParis\nT3\tPerson 20 24\tMary\nT4\tDate 30 36\tMonday\n", "tab-separated"),
    ("The council met on Monday, and it voted, narrowly, to approve the plan.\n" * 6, None),
    ("Headline\n\nOne paragraph of text, with a comma.\n\nAnother, with two, commas.\n\nA third one.\n", None),
    ("- item one\n- item two\n- item three\n- item four\n", None),
    ("", None),
])
def test_data_kind(text, kind):
    found = data_kind(text.encode())
    assert (found is None) if kind is None else (found is not None and found.startswith(kind))


def test_sniffing_reads_only_the_first_kilobyte():
    prose = ("This is a paragraph of an article, long enough to be prose, not a table of short cells. " * 20).encode()
    table = b"".join(b"%d\tword\tNN\tO\n" % i for i in range(1, 100))
    assert data_kind(table + prose * 100) is not None
    assert data_kind(prose + table * 100) is None
