"""The spelling rule and its dictionary: British English, names never flagged, suggestions lazy.

Runs the rule over the real Checker's shared analysis (the analysis the registry will hand it)
and the dictionary shipped in the package.
"""

from __future__ import annotations

import fnmatch
import gzip
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from letters.checks import Checker, ReaderProfile
from letters.checks import spelling as dictionary
from letters.checks.findings import Finding, FixKind, Severity
from letters.checks.rules import spelling
from letters.checks.spelling_build import DATA, expand, render, without_possessives

ROOT = Path(__file__).resolve().parents[2]


def findings(text: str, allow: tuple[str, ...] = ()) -> list[tuple[str, Finding]]:
    report = Checker(ReaderProfile(age=10), allow=allow).check(text)
    return [(text[f.start : f.end], f) for f in report.findings if f.rule == "spelling"]


def flagged(text: str, allow: tuple[str, ...] = ()) -> list[str]:
    return [word for word, _ in findings(text, allow)]


def test_a_misspelling_is_a_warning_with_no_suggestion_until_asked() -> None:
    ((word, finding),) = findings("You said you would recieve a letter.")
    assert finding.rule == "spelling" and finding.severity is Severity.WARNING
    assert finding.fixes == ()  # the search runs only when the writer asks
    asked = spelling.RULE.more_fixes(finding, word)
    assert asked[0].text == "receive" and asked[0].kind is FixKind.REPLACE and not asked[0].exact


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("color", "colour"),
        ("behavior", "behaviour"),
        ("favorite", "favourite"),
        ("center", "centre"),
        ("traveled", "travelled"),
        ("defense", "defence"),
        ("analyzing", "analysing"),
        ("fulfill", "fulfil"),
        ("pediatric", "paediatric"),
        ("mom", "mum"),
        ("pajamas", "pyjamas"),
        ("Neighbor", "Neighbour"),
    ],
)
def test_american_spellings_are_flagged_with_the_british_form_offered_at_once(
    american: str, british: str
) -> None:
    ((_, finding),) = (
        findings(f"{american} is here.")
        if american[0].isupper()
        else findings(f"You told me about your {american} today.")
    )
    assert finding.suggestions == (british,) and finding.fixes[0].exact
    assert "American spelling" in finding.message
    assert british not in [f.text for f in spelling.RULE.more_fixes(finding, american)]  # not twice


@pytest.mark.parametrize("word", ["organize", "realise", "program", "programme", "judgment", "grey", "gray"])
def test_spellings_british_english_also_uses_are_accepted(word: str) -> None:
    assert flagged(f"You said the {word} was good.") == []


def test_names_from_the_letter_and_the_allow_list_are_never_flagged() -> None:
    text = "Mya will visit you. Dear Zyx, Nana Pat says Kacperek is kind."
    assert "Mya" in flagged(text)  # a sentence start, one letter from "may", known nowhere else
    assert flagged(text, allow=("Mya Adeyemi", "Zyx")) == []


def test_words_far_from_any_common_word_are_left_alone() -> None:
    text = "You cooked pierogi and bolani with Babcia. Oluwaseun came too."
    assert flagged(text) == []  # loanwords and names, not slips
    assert flagged("We will meet tommorow, thier house.") == ["tommorow", "thier"]


def test_sentence_start_is_checked_in_lower_case() -> None:
    assert flagged("Wich school do you like?") == ["Wich"]
    assert flagged("Colour is fun. Because you asked, we met.") == []


def test_lexicon_words_are_not_spelling_errors() -> None:
    text = "Your pathway plan and your SDQ talk about your respite and your LADO."
    assert flagged(text) == []


def test_suggestions_rank_the_meant_word_first() -> None:
    for typo, meant in [
        ("definately", "definitely"),
        ("accomodation", "accommodation"),
        ("seperate", "separate"),
        ("tommorow", "tomorrow"),
        ("Wensday", "Wednesday"),
        ("skool", "school"),
        ("beleive", "believe"),
    ]:
        assert spelling.suggest(typo)[0] == meant, typo


def test_suggestions_keep_case_and_never_offer_taboo_words() -> None:
    assert spelling.suggest("Recieve")[0] == "Receive"
    taboo = dictionary._never_suggested()
    assert taboo and all(s not in taboo for s in spelling.suggest("fuk"))


def test_the_shipped_word_list_is_rebuilt_exactly_from_the_shipped_dictionary() -> None:
    words, taboo = expand(DATA / "en_GB.aff", DATA / "en_GB.dic")
    shipped = (DATA / "en_GB.words.gz").read_bytes()
    assert gzip.decompress(render(without_possessives(words), taboo)) == gzip.decompress(shipped)


def test_the_dictionary_and_its_licence_ship_as_package_data() -> None:
    folder = resources.files("letters.checks").joinpath("data/spelling")
    names = {p.name for p in folder.iterdir()}  # type: ignore[attr-defined]
    assert {"en_GB.aff", "en_GB.dic", "en_GB.words.gz", "README_en_GB.txt", "SOURCES.md"} <= names
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in folder.joinpath("LICENSE-LGPL-2.1.txt").read_text("utf-8")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    for name in names:  # every file in the folder goes into the wheel
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name
    assert "LGPL" in config["project"]["license"]


def test_the_dictionary_accepts_british_forms_and_case_as_hunspell_does() -> None:
    assert dictionary.known("colour") and dictionary.known("Colour") and dictionary.known("COLOUR")
    assert dictionary.known("London") and dictionary.known("LONDON") and not dictionary.known("london")
    assert dictionary.known("isn’t") and dictionary.known("children's")
    assert not dictionary.known("color")
