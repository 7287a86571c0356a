"""Reading age: our counts with textstat's formulas, the reader's target, names not inflating."""

from __future__ import annotations

import pytest

from letters.checks import ReaderProfile, check_text
from letters.checks.analysis import Analyzer, Counts, split_units
from letters.checks.lexicon import Lexicon
from letters.checks.readability import (
    dale_chall_score,
    flesch_kincaid_grade,
    sentence_limit,
    spache_grade,
    target_reading_age,
)
from letters.checks.resources import syllable_table
from letters.config import TargetPolicy

PLAIN = (
    "You told me that you like your new school very much. You play football with your friends "
    "at lunch time. Your teacher says you are kind and helpful in class. We will meet again "
    "after the summer holiday and talk about how things are going."
)


def _counts(text: str) -> Counts:
    analyzer = Analyzer(Lexicon([]))
    total = Counts()
    for unit in split_units(text):
        total = total + analyzer.analyse(text[unit.start : unit.end], unit.kind).counts
    return total


class _CmuFromOurTable(dict):  # textstat's cmudict shape, from our shipped syllable table
    def __getitem__(self, word: str) -> list[list[str]]:
        return [["AH1"] * syllable_table()[word]]


@pytest.fixture
def offline_textstat(monkeypatch: pytest.MonkeyPatch):
    textstat = pytest.importorskip("textstat")
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: _CmuFromOurTable())
    return textstat


def test_formulas_agree_with_textstat(offline_textstat, monkeypatch: pytest.MonkeyPatch) -> None:
    # We count "friends" as easy when "friend" is on the Dale-Chall list (Dale and Chall's rule);
    # textstat looks words up as written. Compare like with like: the list as written.
    from letters.checks import resources

    monkeypatch.setattr(resources, "is_easy_word", lambda w: w in resources.easy_words())
    c = _counts(PLAIN)
    assert flesch_kincaid_grade(c) == pytest.approx(offline_textstat.flesch_kincaid_grade(PLAIN), abs=0.05)
    assert spache_grade(c) == pytest.approx(offline_textstat.spache_readability(PLAIN), abs=0.05)
    assert dale_chall_score(c) == pytest.approx(
        offline_textstat.dale_chall_readability_score(PLAIN), abs=0.05
    )


def test_names_do_not_inflate_the_reading_age() -> None:
    plain = "You went to the park with Jo. Jo is kind. You had fun with Jo."
    named = plain.replace("Jo", "Maximiliana Oluwaseun")
    a = check_text(plain, ReaderProfile(age=8)).reading_age
    b = check_text(named, ReaderProfile(age=8)).reading_age
    assert a is not None and b is not None
    assert b.high - a.high < 1.0


def test_reading_age_is_a_band_of_grade_plus_five_to_six() -> None:
    ra = check_text(PLAIN, ReaderProfile(age=10)).reading_age
    assert ra is not None
    assert ra.high - ra.low >= 1.0
    assert 5 <= ra.low <= 12


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (ReaderProfile(age=10), 9.0),  # a year below their age
        (ReaderProfile(age=5), 7.0),  # never below 7: read aloud by an adult
        (ReaderProfile(age=17), 12.0),  # nobody needs harder than 12
        (ReaderProfile(age=10, eal=True), 8.0),  # English as an additional language: a year less
        (ReaderProfile(age=14, reading_age=8), 8.0),  # a known reading age wins
        (ReaderProfile(age=None), 8.0),  # no age: GOV.UK's 9, less the margin
    ],
)
def test_target_reading_age(profile: ReaderProfile, expected: float) -> None:
    assert target_reading_age(profile, TargetPolicy()) == expected


def test_sentence_limits_by_age() -> None:
    assert sentence_limit(ReaderProfile(age=5), 7) == 10  # read aloud: about 5-8 words
    assert sentence_limit(ReaderProfile(age=9), 8) == 15
    assert sentence_limit(ReaderProfile(age=15), 12) == 22
    assert sentence_limit(ReaderProfile(age=9, eal=True), 8) == 12  # EAL: shorter


def test_each_sentence_and_paragraph_is_scored() -> None:
    text = "Dear Sam,\n\n" + PLAIN + "\n\nWell done!\n\nFrom Jo"
    report = check_text(text, ReaderProfile(age=10))
    sentences = [text[s.start : s.end] for s in report.sentences]
    assert "Well done!" in sentences
    assert not any(s.startswith("Dear") or s.startswith("From") for s in sentences)
    assert len(report.paragraphs) == 2


def test_inflections_of_easy_words_are_easy() -> None:
    from letters.checks.resources import is_easy_word

    for word in ("asking", "days", "talked", "biggest", "stopped", "mum", "nan", "stories"):
        assert is_easy_word(word), word
    for word in ("placement", "facilitated", "assessments"):
        assert not is_easy_word(word), word
