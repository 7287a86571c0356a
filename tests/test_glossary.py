"""The glossary page: the explain-tier words a letter uses, what they mean for the child's age,
words on it counting as explained, and the page in the child's letter and Word file."""

from __future__ import annotations

import io
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from letters.checks import ReaderProfile, Severity, check_letter
from letters.checks.checker import Checker
from letters.checks.lexicon import load_lexicon
from letters.config import Config
from letters.demo import demo_letter
from letters.glossary import candidates, lexicon_meaning, meaning_for
from letters.model import GlossaryEntry, Letter
from letters.prompts import AGE_BANDS
from letters.render import render_child_blocks, render_child_text

BAND_AGE = {"under7": 6, "7-11": 9, "12-15": 13, "16+": 16}
SHIPPED = tomllib.loads(resources.files("letters.templates").joinpath("glossary.toml").read_text())
USES = (
    " I am your IRO. Your foster carers, Anne and Mark, came. Your advocate Jo helped you. "
    "Your PEP is ready. Your care order stays the same."
)


def _problems(text: str, age: int, terms: list[str], allow: list[str]) -> list[tuple[str, str]]:
    report = Checker(ReaderProfile(age=age), allow=allow, explained=terms).check(text)
    return [
        (f.rule, text[f.start : f.end])
        for f in report.findings
        if f.rule != "readability" and f.severity is not Severity.INFO
    ]


def _letter_aged(age: int) -> Letter:
    letter = demo_letter()
    letter.child.date_of_birth, letter.child.age = None, age
    return letter


@pytest.mark.parametrize("band", AGE_BANDS)
@pytest.mark.parametrize("word", SHIPPED["word"], ids=lambda w: w["terms"][0])
def test_every_shipped_meaning_passes_the_checker_for_its_band(word: dict, band: str) -> None:
    letter = _letter_aged(BAND_AGE[band])
    lexicon = load_lexicon()
    entry = next(e for e in lexicon.entries if e.term == word["terms"][0])
    meaning = meaning_for(entry, letter)
    assert meaning and "[" not in meaning
    assert _problems(meaning, BAND_AGE[band], word["terms"], letter.allow_list()) == []


def test_every_term_the_glossary_names_is_in_the_lexicon_and_explain_tier() -> None:
    lexicon = {e.term: e for e in load_lexicon().entries}
    for word in SHIPPED["word"]:
        for term in word["terms"]:
            assert term in lexicon and lexicon[term].tier == "explain", term


@pytest.mark.parametrize("band", AGE_BANDS)
def test_a_letter_is_offered_only_meanings_that_pass_the_checker(band: str) -> None:
    """Every explain-tier term of the lexicon used in one letter: each meaning offered passes the
    checker for the child; the others are offered empty, for the IRO to write."""
    lexicon = load_lexicon()
    letter = _letter_aged(BAND_AGE[band])
    terms = [e.term for e in lexicon.entries if e.tier == "explain" and e.rule == "jargon"]
    letter.section("worries").text = "\n\n".join(f"We talked about {t}." for t in terms)
    offered = candidates(letter, check_letter(letter), lexicon)
    assert len(offered) > 100
    for c in offered:
        if c.meaning:
            assert _problems(c.meaning, BAND_AGE[band], [c.term], letter.allow_list()) == [], c.term
    assert sum(1 for c in offered if c.meaning) > 50


def test_the_words_a_letter_uses_are_offered_with_meanings_filled_in_from_it() -> None:
    letter = demo_letter()
    letter.section("hello").text += USES
    offered = candidates(letter, check_letter(letter), load_lexicon())
    assert [(c.term, c.word) for c in offered] == [
        ("IRO", "IRO"),
        ("foster carer", "Foster carers"),
        ("advocate", "Advocate"),
        ("PEP", "PEP"),
        ("care order", "Care order"),
    ]
    meanings = {c.term: c.meaning for c in offered}
    assert meanings["IRO"] == "That's me, Priya. I check that your plan is right for you."
    assert meanings["foster carer"] == (
        "The people who look after you at home. Right now that is Anne and Mark."
    )


def test_a_sentence_whose_slot_the_letter_cannot_fill_is_left_out() -> None:
    letter = demo_letter()
    letter.people = [p for p in letter.people if "carer" not in p.role]
    entry = next(e for e in load_lexicon().entries if e.term == "foster carer")
    assert meaning_for(entry, letter) == "The people who look after you at home."


def test_a_word_on_the_glossary_counts_as_explained() -> None:
    letter = demo_letter()
    letter.section("hello").text += USES
    before = {
        (f.rule, f.start) for f in check_letter(letter).report.findings if f.rule in ("jargon", "acronym")
    }
    assert len(before) >= 3  # IRO and PEP are not spelled out, foster carers not explained
    letter.glossary = [
        GlossaryEntry("IRO", "IRO", "That's me, Priya. I check that your plan is right for you."),
        GlossaryEntry("PEP", "PEP", "Your school plan. It says what help you get at school."),
        GlossaryEntry("foster carer", "Foster carers", "The people who look after you at home."),
    ]
    report = check_letter(letter)
    flagged = [
        report.joined_text[f.start : f.end] for f in report.report.findings if f.rule in ("jargon", "acronym")
    ]
    assert "IRO" not in flagged and "PEP" not in flagged and "foster carers" not in flagged
    # What the glossary says is checked as part of the child's letter.
    letter.glossary[0].text = "Your LAC review chair."
    found = check_letter(letter).in_section("glossary")
    assert [(p.part.label, p.flagged) for p in found] == [("Word 1", "LAC review")]


def test_the_glossary_page_ends_the_childs_letter(tmp_path: Path) -> None:
    from docx import Document

    from letters.export import export_letter

    letter = demo_letter()
    letter.glossary = [
        GlossaryEntry("IRO", "Your IRO", "That's me, Priya. I check that your plan is right for you.")
    ]
    text = render_child_text(letter, Config())
    assert text.rstrip().endswith(
        "Words in this letter\n\nHere is what some of the words in this letter mean.\n\n"
        "Your IRO: That's me, Priya. I check that your plan is right for you."
    )
    blocks = render_child_blocks(letter, Config())
    assert [b.kind for b in blocks[-4:]] == ["page_break", "heading", "paragraph", "term"]
    result = export_letter(letter, tmp_path, Config())
    paragraph = Document(io.BytesIO(result.child_path.read_bytes())).paragraphs[-1]
    assert [(r.text, bool(r.bold)) for r in paragraph.runs] == [
        ("Your IRO", True),
        (": That's me, Priya. I check that your plan is right for you.", False),
    ]
    # A letter without one has no page for it.
    assert "Words in this letter" not in render_child_text(demo_letter(), Config())


def test_a_glossary_word_in_the_letter_text_is_never_read_as_markup() -> None:
    letter = demo_letter()
    letter.section("worries").text = "= Not a glossary word | really"
    text = render_child_text(letter, Config())
    assert "= Not a glossary word | really" in text
    assert not any(b.kind == "term" for b in render_child_blocks(letter, Config()))


def test_the_lexicon_meaning_is_used_when_the_glossary_has_none() -> None:
    entry = next(e for e in load_lexicon().entries if e.term == "local offer")
    letter = _letter_aged(13)
    assert meaning_for(entry, letter) == lexicon_meaning(entry) != ""
