"""Lemmas match their inflections, and the shipped tables are the ones their sources give.

scripts/build_lexicon.py writes letters/checks/data/inflections.bin (from lemminflect) and
lexicon.bin (lexicon.toml compiled); these tests fail when either is out of date.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path

import pytest

from letters.checks import ReaderProfile, check_text, lexicon
from letters.checks.inflection import inflect_form, inflect_text, plural, resolve_tag, verb_forms
from letters.checks.lexicon import builtin_entries

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))


def test_inflection_table_matches_lemminflect() -> None:
    from build_lexicon import DATA, inflection_table  # needs lemminflect, a test dependency

    shipped = marshal.loads(zlib.decompress((DATA / "inflections.bin").read_bytes()))
    assert shipped == inflection_table(), "run: python scripts/build_lexicon.py"


def test_compiled_lexicon_matches_lexicon_toml() -> None:
    from build_lexicon import DATA, compiled_lexicon

    version, digest, _ = marshal.loads(zlib.decompress((DATA / "lexicon.bin").read_bytes()))
    assert version == lexicon.FORMAT
    assert digest == lexicon.source_digest((DATA / "lexicon.toml").read_bytes()), (
        "run: python scripts/build_lexicon.py"
    )
    assert marshal.loads(zlib.decompress(compiled_lexicon())) == marshal.loads(
        zlib.decompress((DATA / "lexicon.bin").read_bytes())
    )
    # And what loads from it is what parsing the TOML gives.
    parsed = lexicon.parse_lexicon((DATA / "lexicon.toml").read_text("utf-8"), "lexicon.toml")
    assert list(builtin_entries()) == parsed


def test_a_stale_compiled_lexicon_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit to lexicon.toml not yet compiled still takes effect (only more slowly)."""
    data = lexicon.DATA
    edited = (data / "lexicon.toml").read_text("utf-8").replace('term = "prior to"', 'term = "prior unto"')
    (tmp_path / "lexicon.toml").write_text(edited, "utf-8")
    (tmp_path / "lexicon.bin").write_bytes((data / "lexicon.bin").read_bytes())  # built from the old text
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    lexicon.builtin_entries.cache_clear()
    try:
        terms = {e.term for e in lexicon.builtin_entries()}
    finally:
        lexicon.builtin_entries.cache_clear()
    assert "prior unto" in terms and "prior to" not in terms


def test_verb_forms_come_from_the_table_with_british_spellings() -> None:
    assert verb_forms("undertake") == {
        "VBZ": "undertakes",
        "VBD": "undertook",
        "VBN": "undertaken",
        "VBG": "undertaking",
    }
    assert verb_forms("refer")["VBD"] == "referred"  # doubling, which the spelling rules miss
    assert verb_forms("prioritise")["VBG"] == "prioritising"
    assert verb_forms("snorkelwibble") == {}  # an unknown word is never guessed at
    assert plural("immunisation") == "immunisations"
    assert plural("person") == "people" and plural("carer") == "carers"
    assert plural("wellbeing") is None


def test_phrases_inflect_at_their_head() -> None:
    assert inflect_form("kick off", "verb") == [
        ("kicks off", "VBZ"),
        ("kicked off", "VBD/VBN"),
        ("kicking off", "VBG"),
    ]
    assert inflect_form("looked after child", "noun") == [("looked after children", "NNS")]
    assert inflect_form("change of placement", "noun") == []  # "change" is the head, not "placement"
    assert inflect_form("placed with", "verb") == []  # not a lemma: nothing invented
    assert inflect_text("find out", "VBD") == "found out"
    assert inflect_text("I will ask", "VBD") is None
    assert resolve_tag("VBD/VBN", "has") == "VBN" and resolve_tag("VBD/VBN", "you") == "VBD"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("You kicked off at school on Monday.", "kicked off"),
        ("When you kick off, Anne stays calm.", "kick off"),
        ("Sam kicks off when he is tired.", "kicks off"),
        ("You were kicking off in the car.", "kicking off"),
        ("We utilised the garden.", "utilised"),
        ("Your care plans are ready.", "care plans"),
    ],
)
def test_every_inflection_of_a_lemma_is_flagged(text: str, flagged: str) -> None:
    report = check_text(text, ReaderProfile(age=9))
    assert flagged in [report.text[f.start : f.end] for f in report.findings]


@pytest.mark.parametrize(
    "text",
    [
        "The match kicked off at three.",
        "The party kicks off at noon.",
        "You kicked off your shoes and ran on the grass.",
        "The kick-off is at two on Saturday.",
    ],
)
def test_the_everyday_sense_of_an_inflected_phrase_is_not_flagged(text: str) -> None:
    report = check_text(text, ReaderProfile(age=9))
    assert [f for f in report.findings if f.rule == "deficit-language"] == []


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        ("We utilised the room.", "utilised", "used"),
        ("Ali utilises the room.", "utilises", "uses"),
        ("We are utilising it.", "utilising", "using"),
        ("The work was undertaken.", "undertaken", "done"),
        ("We undertook the work.", "undertook", "did"),
        ("We have ascertained it.", "ascertained", "found out"),
        ("We notified the school.", "notified", "told"),
    ],
)
def test_a_verb_suggestion_follows_the_tense_of_the_flagged_word(text: str, form: str, expected: str) -> None:
    report = check_text(text, ReaderProfile(age=9))
    finding = next(f for f in report.findings if report.text[f.start : f.end] == form)
    assert finding.suggestions[0] == expected


def test_the_built_in_lexicon_loads_without_parsing_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled file is what loads (parsing lexicon.toml takes about 60 ms per process)."""
    from letters.checks import lexicon_format

    def refuse(text: str, where: str) -> list[lexicon.Entry]:
        raise AssertionError("lexicon.toml was parsed: lexicon.bin is stale")

    monkeypatch.setattr(lexicon_format, "parse_lexicon", refuse)
    lexicon.builtin_entries.cache_clear()
    try:
        assert len(lexicon.builtin_entries()) >= 500
    finally:
        lexicon.builtin_entries.cache_clear()
