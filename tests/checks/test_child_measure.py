"""How common a word is for a child: adult frequency, moved by whether the noun is concrete."""

from __future__ import annotations

from letters.checks import resources


def test_concrete_nouns_are_commoner_for_a_child_than_adult_text_says() -> None:
    for word in ("crocodile", "marshmallows", "caterpillar", "trampoline"):
        assert resources.word_kind(word) == "c", word
        assert resources.child_zipf(word) == resources.zipf_of_stem(word) + resources.CONCRETE_BONUS


def test_abstract_nouns_are_rarer_for_a_child() -> None:
    for word in ("assessment", "arrangements", "eligibility", "reimbursement"):
        assert resources.word_kind(word) == "a", word
        assert resources.child_zipf(word) < resources.zipf_of_stem(word)


def test_other_words_keep_their_adult_frequency() -> None:
    for word in ("supervised", "concluded", "remember", "pierogi"):
        assert resources.word_kind(word) is None
        assert resources.child_zipf(word) == resources.zipf_of_stem(word)


def test_the_table_and_its_licence_ship_with_the_package() -> None:
    from importlib import resources as files

    folder = files.files("letters.checks").joinpath("data/wordkinds")
    assert "Princeton University" in folder.joinpath("LICENSE-WordNet.txt").read_text("utf-8")
    assert len(resources.word_kinds()) > 20_000
