"""Canonical names: spelling variants, owners, surname expansion — pure functions of the data files."""
from __future__ import annotations

import pytest

from newsline.nlp import country_of, demonym_of
from newsline.nlp.names import AliasIndex, canonical_name, name_key, qualified_name


@pytest.mark.parametrize("text, label, expected", [
    ("Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelensky"),
    ("Volodymyr Zelenskiy", "PERSON", "Volodymyr Zelensky"),
    ("Oleksandr Syrskyi", "PERSON", "Oleksandr Syrsky"),
    ("Oleksandr Syrskii", "PERSON", "Oleksandr Syrsky"),
    ("Mr. John Smith", "PERSON", "John Smith"),
    ("Defense Ministry", "ORG", "Ministry of Defence"),
    ("Ministry of Defense", "ORG", "Ministry of Defence"),
    ("the Defence Ministry’s", "ORG", "Ministry of Defence"),
    ("Health Ministry", "ORG", "Ministry of Health"),
    ("Foreign Ministry", "ORG", "Ministry of Foreign Affairs"),
    ("Kiev", "GPE", "Kyiv"),
    ("Turkiye", "GPE", "Turkey"),
    ("U.S.", "GPE", "United States"),
    ("Ukrainians", "NORP", "Ukrainian"),
    ("Hawaii", "GPE", "Hawaii"),                  # -ii is not a transliteration ending here
    ("Kaczynski", "PERSON", "Kaczynski"),         # nor is a Polish -ski
])
def test_canonical_name_folds_spelling_variants(text, label, expected):
    assert canonical_name(text, label) == expected


@pytest.mark.parametrize("base, owner, expected", [
    ("Ministry of Defence", "Russia", "Russian Ministry of Defence"),
    ("Ministry of Internal Affairs", "Kenya", "Kenyan Ministry of Internal Affairs"),
    ("Ministry of Defence", "Freedonia", "Ministry of Defence (Freedonia)"),
])
def test_qualified_name_uses_the_owner_demonym(base, owner, expected):
    assert qualified_name(base, owner) == expected


@pytest.mark.parametrize("demonym, country", [
    ("Russian", "Russia"), ("Ukrainians", "Ukraine"), ("Poles", "Poland"), ("Martian", None),
])
def test_country_of_demonyms(demonym, country):
    assert country_of(demonym) == country


def test_demonym_of_is_the_adjective():
    assert demonym_of("Russia") == "Russian"
    assert demonym_of("United Kingdom") == "British"


def test_alias_index_answers_only_when_one_name_fits():
    index = AliasIndex()
    index.add_person("Volodymyr Zelensky")
    assert index.full_person("Zelensky") == "Volodymyr Zelensky"
    index.add_person("Olena Zelenska")
    assert index.full_person("Zelenska") == "Olena Zelenska"
    index.add_person("John Smith")
    index.add_person("Jane Smith")
    assert index.full_person("Smith") is None     # two people called Smith: no guess


def test_alias_index_update_merges_articles():
    corpus, article = AliasIndex(), AliasIndex()
    article.add_owned("Ministry of Defence", "Russian Ministry of Defence", "ORG")
    corpus.update(article)
    assert corpus.owner_qualified("Ministry of Defence") == "Russian Ministry of Defence"
    other = AliasIndex()
    other.add_owned("Ministry of Defence", "British Ministry of Defence", "ORG")
    corpus.update(other)
    assert corpus.owner_qualified("Ministry of Defence") is None


def test_name_key_ignores_accents_case_and_punctuation():
    assert name_key("Lubinéts.") == name_key("lubinets")


def test_alias_index_rebuilt_from_stored_names():
    index = AliasIndex.from_names([("Volodymyr Zelensky", "PERSON"), ("Russian Ministry of Defence", "ORG"),
                                   ("Kyiv", "GPE")])
    assert index.full_person("Zelensky") == "Volodymyr Zelensky"
    assert index.owner_qualified("Ministry of Defence") == "Russian Ministry of Defence"
    assert index.labels["Kyiv"] == "GPE"


@pytest.mark.parametrize("text, name", [
    ("Mayor Elena Ruiz", "Elena Ruiz"),
    ("County Judge Ana Fuentes", "Ana Fuentes"),
    ("Assistant U.S. Attorney Mark Delgado", "Mark Delgado"),
    ("Senate Majority Leader Paul Whitman", "Paul Whitman"),
    ("Rovers manager Sean Gallagher", "Sean Gallagher"),
    ("Mike Judge", "Mike Judge"),                  # a first and a last name always stay
    ("Maria de la Cruz", "Maria de la Cruz"),
])
def test_role_words_taken_into_a_person_name_go(text, name):
    from newsline.nlp.names import canonical_name

    assert canonical_name(text, "PERSON") == name
