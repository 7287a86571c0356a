"""Names and initials in the letter read aloud, heard through espeak-ng's own phoneme output
(`espeak-ng -x -q`): what the voice will actually say, without playing a sound.

Needs the Debian package espeak-ng (scripts/setup.sh --test installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from letters.export.speech import letter_ssml, pronunciation_list, speakable
from letters.model import Child, Letter, Meeting, Person, Pronunciation
from letters.render import Block
from tests.export.helpers import synthetic_letter

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="needs espeak-ng: apt-get install espeak-ng"
)


def phonemes(ssml_or_text: str) -> str:
    """espeak-ng's phonemes for the text (SSML markup understood), as one line."""
    text = ssml_or_text if ssml_or_text.startswith("<speak>") else f"<speak>{ssml_or_text}</speak>"
    done = subprocess.run(
        ["espeak-ng", "-v", "en-gb", "-m", "-x", "-q", "--stdin"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    # Without espeak-ng's pause marks (_: _! _|), which depend on what follows.
    return " ".join(re.sub(r"_[:!|]*", "", done.stdout.decode("utf-8")).split())


def said(text: str, names: list[Pronunciation]) -> str:
    return phonemes(" ".join(speakable(text, names)))


def with_people(*people: Person, pronunciations: list[Pronunciation] | None = None) -> Letter:
    from datetime import date

    letter = Letter(child=Child("Siobhan", age=6), meeting=Meeting(date(2026, 3, 3)), people=list(people))
    letter.pronunciations = pronunciations or []
    return letter


BETHANY = Person("social worker", "Bethany Walsh", "BW")


def test_initials_are_said_as_the_persons_name_unless_the_iro_wants_letters() -> None:
    letter = with_people(BETHANY)
    names = pronunciation_list(letter)
    assert Pronunciation("BW", say="Bethany") in names
    as_name = said("BW will plan it.", names)
    assert as_name.split()[0] == phonemes("Bethany").split()[0]
    assert phonemes("B W").split()[0] not in as_name

    letter.pronunciations = [Pronunciation("BW", letters=True)]
    as_letters = said("BW will plan it.", pronunciation_list(letter))
    assert as_letters.split()[0] == phonemes("BW").split()[0]  # "bee double-u"
    assert phonemes("Bethany").split()[0] not in as_letters


def test_initials_in_brackets_after_the_name_are_said_once() -> None:
    names = pronunciation_list(with_people(BETHANY))
    sentence = speakable("Your social worker, Bethany (BW), came.", names)
    assert sentence == ["Your social worker, Bethany, came."]
    bethany = phonemes("Bethany").split()[0]
    assert said("Your social worker, Bethany (BW), came.", names).count(bethany) == 1


def test_initials_of_someone_the_letter_cannot_name_are_said_as_letters() -> None:
    names = pronunciation_list(with_people(Person("advocate", "J. Okafor", "JO")))
    assert Pronunciation("JO", letters=True) in names
    assert '<say-as interpret-as="characters">JO</say-as>' in " ".join(speakable("JO came.", names))


def test_a_sound_alike_spelling_is_what_espeak_says() -> None:
    letter = with_people(pronunciations=[Pronunciation("Siobhan", say="Shiv-awn")])
    names = pronunciation_list(letter)
    heard = said("Dear Siobhan, well done.", names)
    assert phonemes("Shiv-awn").split()[0] in heard
    assert phonemes("Siobhan").split()[0] not in heard
    # The possessive keeps its "s".
    assert "Shiv-awn's" in " ".join(speakable("Siobhan's drawing", names))


def test_the_letters_own_entries_come_first_and_every_name_is_listed() -> None:
    letter = synthetic_letter(age=6)
    letter.pronunciations = [Pronunciation("LQ", letters=True)]
    names = pronunciation_list(letter)
    written = [n.written for n in names]
    assert written[0] == "LQ" and written.count("LQ") == 1
    for expected in ("Zarah", "Lorna Quayle", "Joy", "Mrs Adeyemi", "Dad"):
        assert expected in written
    assert not any(n.letters for n in names if n.written != "LQ")


def test_a_name_inside_another_word_is_left_alone() -> None:
    names = [Pronunciation("Mo", say="Moe")]
    assert speakable("Mo and Mohammed came to the movie.", names) == ["Moe and Mohammed came to the movie."]


def test_dates_and_headings_in_the_ssml() -> None:
    blocks = [
        Block("title", "Your meeting on 3 March 2026"),
        Block("paragraph", "Hello. We met at 2:30 pm."),
        Block("heading", "School"),
        Block("bullet", "• Book a dentist check. Who: BW."),
    ]
    ssml = letter_ssml(blocks, pronunciation_list(with_people(BETHANY)))
    assert "the third of March, twenty twenty-six." in ssml
    assert "half past two in the afternoon." in ssml
    assert "<s>School.</s>" in ssml and "•" not in ssml and "Who: Bethany." in ssml
    # espeak-ng reads the whole document without complaint.
    assert phonemes(ssml)
