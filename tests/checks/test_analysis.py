"""Units and sentences as a letter needs them, and incremental re-analysis."""

from __future__ import annotations

from letters.checks import Checker, ReaderProfile
from letters.checks.analysis import (
    UNIT_HEADING,
    UNIT_LIST,
    UNIT_SALUTATION,
    UNIT_SIGNOFF,
    UNIT_TEXT,
    Analyzer,
    split_units,
)
from letters.checks.lexicon import Lexicon


def _units(text: str) -> list[tuple[str, str]]:
    return [(u.kind, text[u.start : u.end]) for u in split_units(text)]


def _sentences(text: str) -> list[str]:
    analysis = Analyzer(Lexicon([])).analyse(text, UNIT_TEXT)
    return [text[s.start : s.end] for s in analysis.sentences]


def test_greeting_and_sign_off_are_not_sentences() -> None:
    units = _units("Dear Mia,\nHi Sam!\nWhat we decided\n- You will see Dad.\nFrom Jo")
    assert units == [
        (UNIT_SALUTATION, "Dear Mia,"),
        (UNIT_TEXT, "Hi Sam!"),
        (UNIT_HEADING, "What we decided"),
        (UNIT_LIST, "- You will see Dad."),
        (UNIT_SIGNOFF, "From Jo"),
    ]


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    text = "You told me you like living with Gran and that you\nwalk her dog after school."
    assert _units(text) == [(UNIT_TEXT, text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Khan and B.W. will help, e.g. with S.20 forms. Well done! You did it."
    assert _sentences(text) == [
        "Mr. Khan and B.W. will help, e.g. with S.20 forms.",
        "Well done!",
        "You did it.",
    ]


def test_one_character_edit_reanalyses_one_unit() -> None:
    paragraphs = [f"Paragraph {n}: you went to the park and you had fun." for n in range(40)]
    text = "\n\n".join(paragraphs)
    checker = Checker(ReaderProfile(age=9))
    calls: list[str] = []
    original = checker.analyzer._analyse

    def counting(unit_text: str, kind: str):
        calls.append(unit_text)
        return original(unit_text, kind)

    checker.analyzer._analyse = counting  # type: ignore[method-assign]
    first = checker.check(text)
    assert len(calls) == 40
    calls.clear()
    edited = text.replace("Paragraph 7: you went", "Paragraph 7: you wenT", 1)
    second = checker.check(edited)
    assert calls == [paragraphs[7].replace("you went", "you wenT")]
    assert second.words == first.words
