"""Applying a fix: grammatical in its sentence, nothing unfilled or advisory ever written."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from letters.checks.fixes import FixError, apply_fix, at_sentence_start, wants_an


@dataclass(frozen=True)
class F:
    """A fix as the engine gives it (kind, text)."""

    kind: str
    text: str


def fixed(text: str, flagged: str, fix: str, kind: str = "", **fills: str) -> str:
    start = text.index(flagged)
    kind = kind or ("template" if "[" in fix else "replace")
    slots = {f"[{k.replace('_', ' ')}]": v for k, v in fills.items()}
    return apply_fix(text, start, start + len(flagged), F(kind, fix), slots).applied_to(text)


@pytest.mark.parametrize(
    ("text", "flagged", "fix", "expected"),
    [
        # A determiner or possessive before the words is absorbed when the fix brings its own.
        ("We talked about your LAC review.", "LAC review", "your meeting", "We talked about your meeting."),
        ("We talked about the LAC review.", "LAC review", "your meeting", "We talked about your meeting."),
        (
            "I am Sam, your Independent Reviewing Officer.",
            "Independent Reviewing Officer",
            "the person who checks your plan is right for you",
            "I am Sam, the person who checks your plan is right for you.",
        ),
        ("We talked about your placement.", "placement", "home", "We talked about your home."),
        ("We talked about your contact.", "contact", "seeing Nana", "We talked about seeing Nana."),
        (
            "We talked about your meeting plan.",
            "plan",
            "meeting notes",
            "We talked about your meeting notes.",
        ),
        # Capitals follow the sentence, not the old words.
        ("Your LAC review is on Monday.", "LAC review", "your meeting", "Your meeting is on Monday."),
        ("We talked about your LAC review.", "LAC review", "Your meeting", "We talked about your meeting."),
        ("Contact is going well.", "Contact", "family time", "Family time is going well."),
        (
            "Well done! contact is going well.",
            "contact",
            "family time",
            "Well done! Family time is going well.",
        ),
        ("Hello.\ncontact went well.", "contact", "family time", "Hello.\nFamily time went well."),
        ("- contact every Saturday", "contact", "family time", "- Family time every Saturday"),
        ('You said, "contact is fun."', "contact", "family time", 'You said, "Family time is fun."'),
        ("We asked your birth parents.", "birth parents", "Mum and Dad", "We asked your Mum and Dad."),
        ("We will ascertain what you want.", "ascertain", "find out", "We will find out what you want."),
        # Punctuation and spacing survive; the fix's own full stop is not doubled.
        ("We met at the contact centre.", "contact centre", "family centre", "We met at the family centre."),
        ("It was noted.", "It was noted", "I noticed.", "I noticed."),
        ("We talked  about your  placement ,ok", "placement", "home", "We talked  about your  home ,ok"),
        # No word twice over at the edges.
        (
            "We talked about your LAC review meeting.",
            "LAC review",
            "your meeting",
            "We talked about your meeting.",
        ),
        # "a" / "an" agrees with the new words.
        ("You had an assessment.", "assessment", "check", "You had a check."),
        ("You had a review.", "review", "appointment", "You had an appointment."),
        ("A assessment is done.", "assessment", "check", "A check is done."),
    ],
)
def test_a_fix_fits_its_sentence(text: str, flagged: str, fix: str, expected: str) -> None:
    assert fixed(text, flagged, fix) == expected


def test_a_template_is_written_with_the_letters_own_words() -> None:
    text = "We talked about your LAC review."
    assert fixed(text, "LAC review", "[name]'s meeting", name="Ellie") == "We talked about Ellie's meeting."
    text = "We talked about your foster carers."
    start = text.index("foster")
    edit = apply_fix(
        text, start, start + 13, F("template", "[carers' names]"), {"[carers' names]": "Anne and Mark"}
    )
    assert edit.applied_to(text) == "We talked about Anne and Mark."
    edit = apply_fix(
        text,
        start,
        start + 13,
        F("template", "[what you call your mum]"),
        {"[what you call your mum]": "mummy Jo"},
    )
    assert edit.applied_to(text) == "We talked about mummy Jo."  # the child's own word, as they write it


def test_nothing_is_written_until_every_slot_is_filled() -> None:
    text = "We talked about your LAC review."
    start = text.index("LAC")
    with pytest.raises(FixError, match=r"\[name\]"):
        apply_fix(text, start, start + 10, F("template", "[name]'s meeting"))
    with pytest.raises(FixError, match=r"\[name\]"):
        apply_fix(text, start, start + 10, F("template", "[name]'s meeting"), {"[name]": "  "})
    with pytest.raises(FixError, match="placeholder"):
        apply_fix(text, start, start + 10, F("template", "[name]'s meeting"), {"[name]": "[child's name]"})
    # A "replace" that holds a slot by mistake is still not written unfilled.
    with pytest.raises(FixError, match=r"\[name\]"):
        apply_fix(text, start, start + 10, F("replace", "seeing [name]"))


def test_advice_is_never_inserted() -> None:
    text = "Your behaviour was challenging."
    with pytest.raises(FixError, match="advice"):
        apply_fix(text, 19, 30, F("advice", "say what happened and why"))


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        apply_fix("short", 3, 40, F("replace", "x"))


def test_the_edit_says_where_the_new_words_are() -> None:
    text = "We talked about your LAC review."
    edit = apply_fix(text, 21, 31, F("replace", "your meeting"))
    assert (edit.start, edit.end) == (16, 31)  # "your " is part of what is replaced
    new = edit.applied_to(text)
    start, end = edit.inserted
    assert new[start:end] == "your meeting"


@pytest.mark.parametrize(
    ("before", "starts"),
    [("", True), ("Hi. ", True), ("Hi!\n", True), ("We said, ", False), ('Yes. "', True), ("\n- ", True)],
)
def test_sentence_starts(before: str, starts: bool) -> None:
    assert at_sentence_start(before) is starts


@pytest.mark.parametrize(
    ("word", "an"),
    [
        ("apple", True),
        ("hour", True),
        ("uniform", False),
        ("one", False),
        ("IRO", True),
        ("SW", True),
        ("PEP", False),
    ],
)
def test_a_or_an(word: str, an: bool) -> None:
    assert wants_an(word) is an


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am Sam, your Independent Reviewing Officer.", "I am Sam, the person who checks your plan"),
        ("Your LAC review is on Monday.", "Your meeting is on Monday."),
        ("We talked about your LAC review.", "We talked about your meeting."),
        ("We utilised the room.", "We used the room."),  # the lexicon's tense for the matched form
        ("She commenced school in May.", "She started school in May."),
    ],
)
def test_the_checkers_first_fix_reads_right_in_the_letter(text: str, expected: str) -> None:
    from letters.checks import ReaderProfile, check_text

    report = check_text(text, ReaderProfile(age=8))
    finding = next(f for f in report.findings if f.replacements)
    edit = apply_fix(text, finding.start, finding.end, finding.replacements[0], {"[name]": "Ellie"})
    assert edit.applied_to(text).startswith(expected)
