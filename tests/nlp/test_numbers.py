"""Reading numbers from digits and words."""
from __future__ import annotations

import pytest

from newsline.nlp.numbers import parse_number, vague_value


@pytest.mark.parametrize("text, value", [
    ("1,212", 1212), ("6,000", 6000), ("1.2K", 1200), ("1.5 million", 1_500_000), ("2.5bn", 2_500_000_000),
    ("two", 2), ("a dozen", 12), ("twenty-five", 25), ("one hundred and twenty", 120),
    ("three million", 3_000_000), ("$2", 2), ("59", 59),
    ("a", None), ("soldiers", None), ("", None),
    ("1,5", 1.5), ("1.000.000", 1_000_000), ("1.000,5", 1000.5),
    # regression (version_number_crash): a version or an address is no number, and must not raise
    ("1.1.1", None), ("2.0.1a", None), ("192.168.0.1", None), ("1,2,3", None),
])
def test_parse_number(text, value):
    got = parse_number(text)
    assert (got is None and value is None) or got == pytest.approx(value)


def test_vague_counts_stand_for_a_lower_bound():
    assert vague_value("dozens") == 24
    assert vague_value("Hundreds") == 200
    assert vague_value("several") is None
