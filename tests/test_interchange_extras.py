"""The letter file's optional parts for the letter read aloud and its pictures: lossless round
trips, absent when unset (so letters without them read and store exactly as before), and errors
that name the field."""

from __future__ import annotations

import pytest

from letters.demo import demo_letter
from letters.errors import InputError
from letters.interchange import letter_from_data, letter_from_toml, letter_to_data, letter_to_toml
from letters.model import PictureSettings, Pronunciation

MINIMAL = '[child]\nname = "Ellie"\n[meeting]\ndate = 2026-11-18\n'


def test_pronunciations_and_pictures_survive_a_round_trip() -> None:
    letter = demo_letter()
    letter.pronunciations = [
        Pronunciation("Siobhan", say="Shiv-awn"),
        Pronunciation("BW", letters=True),
        Pronunciation("Nana Pat"),
    ]
    letter.pictures = PictureSettings(show=True, choices={"school": "backpack", "home": ""})
    text = letter_to_toml(letter)
    assert "pronunciations = [" in text and "[pictures]" in text
    back = letter_from_toml(text)
    assert back == letter
    assert letter_from_data(letter_to_data(letter)) == letter  # the store's JSON path


def test_a_letter_without_them_writes_neither() -> None:
    letter = demo_letter()
    data = letter_to_data(letter)
    assert "pronunciations" not in data and "pictures" not in data
    back = letter_from_toml(MINIMAL)
    assert back.pronunciations == [] and back.pictures == PictureSettings()
    # Pictures left to the reader's age write nothing either.
    letter.pictures = PictureSettings(show=None, choices={})
    assert "pictures" not in letter_to_data(letter)


@pytest.mark.parametrize(
    "extra, message",
    [
        ('[[pronunciations]]\nsay = "x"\n', "pronunciations[1].written: this field is required"),
        ('[[pronunciations]]\nwritten = " "\n', "pronunciations[1].written: give the name"),
        ('[[pronunciations]]\nwritten = "BW"\nletters = "yes"\n', "pronunciations[1].letters: expected true"),
        ('[[pronunciations]]\nwritten = "BW"\nsound = "b"\n', "pronunciations[1].sound: unknown field"),
        ('[pictures]\nshow = "yes"\n', "pictures.show: expected true or false"),
        (
            '[pictures]\nchoices = { school = "bakpack" }\n',
            "pictures.choices.school: no picture called 'bakpack'",
        ),
        ('[pictures]\nchoices = { garden = "house" }\n', "pictures.choices.garden: no pictures for 'garden'"),
        ('[pictures]\nchoices = "school"\n', "pictures.choices: expected a table"),
        ("[pictures]\nsize = 3\n", "pictures.size: unknown field"),
    ],
)
def test_bad_parts_are_refused_naming_the_field(extra: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace("[", r"\[")):
        letter_from_toml(MINIMAL + extra)
