"""The child's own words (the words profile): in the letter file, carried into the next letter, never
flagged, filling template slots before the lexicon's suggestions, and words to avoid flagged."""

from __future__ import annotations

from datetime import date

import pytest

from letters.checks import LetterChecker
from letters.checks.findings import FixKind
from letters.child_words import describe, fill_slots, slot_fill
from letters.demo import demo_letter
from letters.errors import InputError
from letters.followup import next_letter
from letters.glossary import fill
from letters.interchange import check_new_letter, letter_from_toml, letter_to_toml
from letters.model import ChildWords, Letter

TODAY = date(2026, 11, 24)
MINIMAL = '[child]\nname = "Ellie"\nown_words = ["Biscuit"]\n[meeting]\ndate = 2026-11-18\n'


def ellie() -> Letter:
    letter = demo_letter()
    letter.child.words = ChildWords(
        mum="Mummy Jo",
        carers="Nan and Grandad",
        home="Nan's house",
        siblings="Kai",
        iro="Priya",
        other=["Biscuit"],
        avoid=["foster", "placement"],
    )
    return letter


def findings(letter: Letter, text: str, section: str = "worries") -> list:  # type: ignore[type-arg]
    letter.section(section).text = text  # type: ignore[union-attr]
    report = LetterChecker(letter).check(letter)
    return [p.finding for p in report.in_section(section)]


def test_the_letter_file_keeps_the_profile_and_reads_older_own_words() -> None:
    letter = ellie()
    toml = letter_to_toml(letter)
    assert '[child.words]\nmum = "Mummy Jo"\ncarers = "Nan and Grandad"' in toml
    assert 'own_words = [\n    "Biscuit",\n]' in toml or 'own_words = ["Biscuit"]' in toml
    assert letter_from_toml(toml, today=TODAY) == letter
    older = letter_from_toml(MINIMAL, today=TODAY)  # a file from before the profile
    assert older.child.words == ChildWords(other=["Biscuit"]) and older.child.own_words == ["Biscuit"]
    assert "[child.words]" not in letter_to_toml(older)  # written as before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[child.words]\nnan = "Nana"\n', r"child.words.nan: unknown field"),
        ("[child.words]\nmum = 3\n", r"child.words.mum: expected text"),
        ('[child.words]\navoid = "foster"\n', r"child.words.avoid: expected a list of text"),
    ],
)
def test_a_wrong_profile_in_the_file_names_its_field(extra: str, message: str) -> None:
    text = MINIMAL.replace("[meeting]", extra + "[meeting]")
    with pytest.raises(InputError, match=message):
        letter_from_toml(text, today=TODAY)


def test_too_long_a_word_is_refused_by_its_field() -> None:
    letter = ellie()
    letter.child.words.home = "x" * 201
    with pytest.raises(InputError, match=r"child\.words\.home"):
        check_new_letter(letter, today=TODAY)


def test_the_profile_comes_forward_into_the_next_letter_as_a_copy() -> None:
    letter = ellie()
    letter.id = 1
    made = next_letter(letter, date(2027, 5, 12)).letter
    assert made.child.words == letter.child.words
    made.child.words.avoid.append("LAC")
    made.child.own_words.append("Rex")
    assert letter.child.words.avoid == ["foster", "placement"] and letter.child.own_words == ["Biscuit"]


def test_slots_are_filled_from_the_profile() -> None:
    words = ellie().child.words
    assert slot_fill(words, "[carers' names]") == "Nan and Grandad"
    assert slot_fill(words, "[what you call your home]") == "Nan's house"
    assert slot_fill(words, "[what you call your parents]") == ""  # no dad given: not guessed
    words.dad = "Dad"
    assert slot_fill(words, "[what you call your parents]") == "Mummy Jo and Dad"
    assert fill_slots("time with [what you call your mum]", words) == "time with Mummy Jo"
    assert fill_slots("seeing [name]", words) is None  # a person the profile cannot name
    assert describe(words, "Ellie")[:2] == ["Mum: Mummy Jo", "Dad: Dad"]


def test_the_childs_word_for_her_carers_is_the_first_suggestion() -> None:
    letter = ellie()
    letter.child.words.avoid = []
    (found,) = [f for f in findings(letter, "Your foster carers are proud of you.") if f.rule == "jargon"]
    first = found.fixes[0]
    assert (first.kind, first.text, first.exact) == (FixKind.REPLACE, "Nan and Grandad", True)
    assert "[carers' names]" not in found.suggestions  # never the template she would not use
    plain = demo_letter()  # without a profile the lexicon's template stays
    (found,) = [f for f in findings(plain, "Your foster carers are proud of you.") if f.rule == "jargon"]
    assert found.fixes[0].text == "[carers' names]"


def test_the_childs_own_words_are_never_flagged() -> None:
    letter = ellie()
    letter.child.words.carers = "my foster mum Jo"
    letter.child.words.avoid = []
    assert [f.rule for f in findings(letter, "You said my foster mum Jo is kind.")] == []


def test_a_word_to_avoid_is_flagged_with_the_childs_own_words() -> None:
    text = "Your foster carers and your placement are good."
    found = [f for f in findings(ellie(), text) if f.rule == "child-words"]
    assert [(f.start, f.end) for f in found] == [(5, 11), (28, 37)]
    assert found[0].message == "“foster” is on the list of words not to use with Ellie."
    assert found[0].fixes[0].text == (
        "Use Ellie's own words: Mummy Jo (mum); Nan and Grandad (carers); Nan's house (home); "
        "Kai (brothers and sisters); Priya (IRO)."
    )


def test_the_glossary_uses_the_childs_words_for_her_carers_and_her_iro() -> None:
    letter = ellie()
    assert fill("That's me, [your name]. Right now that is [carers' names].", letter) == (
        "That's me, Priya. Right now that is Nan and Grandad."
    )
