"""The letter file's parts for the next letter (decisions' due dates, what happened to the last
letter's decisions, the glossary page, the IRO's photo): lossless round trips, absent when unset,
and errors that name the field."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.demo import demo_letter
from letters.errors import InputError
from letters.interchange import letter_from_data, letter_from_toml, letter_to_data, letter_to_toml
from letters.model import Decision, FollowUp, GlossaryEntry, Letter, Outcome
from tests.test_interchange import TODAY, days, names, new_letters, texts

MINIMAL = '[child]\nname = "Ellie"\n[meeting]\ndate = 2026-11-18\n'

followups = st.builds(
    FollowUp,
    names,
    texts,
    texts,
    st.none() | days,
    st.sampled_from(list(Outcome)),
    texts,
    texts,
    st.none() | st.integers(1, 10**6),
    st.none() | st.integers(1, 200),
)


@st.composite
def next_letters(draw: st.DrawFn) -> Letter:
    letter = draw(new_letters())
    letter.decisions = draw(st.lists(st.builds(Decision, texts, texts, texts, st.none() | days), max_size=3))
    letter.followups = draw(st.lists(followups, max_size=3))
    terms = draw(st.lists(names, max_size=3, unique=True))
    letter.glossary = [GlossaryEntry(t, draw(names), draw(texts)) for t in terms]
    letter.iro_photo = draw(st.sampled_from(["", "0" * 64, "ab12" * 16]))
    return letter


@settings(max_examples=100, deadline=None)
@given(next_letters())
def test_a_next_letter_survives_a_round_trip_through_the_file_and_the_store(letter: Letter) -> None:
    assert letter_from_toml(letter_to_toml(letter), today=TODAY) == letter
    assert letter_from_data(tomllib.loads(letter_to_toml(letter))) == letter


def test_a_letter_without_them_writes_none_of_them() -> None:
    data = letter_to_data(demo_letter())
    assert not {"followups", "glossary", "iro_photo"} & set(data)
    assert all("due" not in d for d in data["decisions"])
    back = letter_from_toml(MINIMAL)
    assert (back.followups, back.glossary, back.iro_photo) == ([], [], "")


def test_a_letter_file_can_say_what_happened() -> None:
    text = MINIMAL + (
        '[[decisions]]\nwhat = "Book an eye test"\nwho = "Anne"\nby_when = "before Christmas"\n'
        "due = 2026-12-18\n"
        '[[followups]]\nwhat = "Find you a swimming club"\nwho = "Tina"\noutcome = "done"\n'
        'happened = "She did: you go on Tuesdays."\nletter = 3\nnumber = 1\n'
        '[[followups]]\nwhat = "Ring your nan"\n'
        '[[glossary]]\nterm = "IRO"\nword = "Your IRO"\ntext = "That is me, Sam."\n'
    )
    letter = letter_from_toml(text)
    assert letter.decisions[0].due == date(2026, 12, 18)
    assert [(f.outcome, f.letter, f.number) for f in letter.followups] == [
        (Outcome.DONE, 3, 1),
        (Outcome.UNRECORDED, None, None),  # the app asks
    ]
    assert letter.glossary == [GlossaryEntry("IRO", "Your IRO", "That is me, Sam.")]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[[followups]]\nwho = "Tina"\n', r"followups\[1\].what: this field is required"),
        (
            '[[followups]]\nwhat = "x"\noutcome = "finished"\n',
            r'followups\[1\].outcome: expected one of "not yet recorded", "done", "not yet", "changed", '
            r'"no longer needed"',
        ),
        ('[[followups]]\nwhat = "x"\nnumber = 0\n', r"followups\[1\].number: a number from 1"),
        ('[[followups]]\nwhat = "x"\ndue = "soon"\n', r"followups\[1\].due: 'soon' is not a date"),
        ('[[followups]]\nwhat = "x"\nresult = "done"\n', r"followups\[1\].result: unknown field"),
        ('[[glossary]]\nterm = "IRO"\n', r"glossary\[1\].word: this field is required"),
        (
            '[[glossary]]\nterm = "IRO"\nword = "IRO"\ntext = "a"\n'
            '[[glossary]]\nterm = "IRO"\nword = "b"\ntext = "c"\n',
            r'glossary\[2\].term: "IRO" is explained twice',
        ),
        ('iro_photo = "sam.jpg"\n', "iro_photo: expected the photo's digest"),
        ('[[decisions]]\nwhat = "x"\ndue = 2026\n', r"decisions\[1\].due: expected a date"),
    ],
)
def test_bad_parts_are_refused_naming_the_field(extra: str, message: str) -> None:
    top_level = not extra.startswith("[")  # a key outside any table goes before the tables
    with pytest.raises(InputError, match=message):
        letter_from_toml(extra + MINIMAL if top_level else MINIMAL + extra)
