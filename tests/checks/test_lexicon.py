"""The lexicon loads from data, an authority can extend it, and bad files say what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from letters.checks import Checker, ReaderProfile
from letters.checks.lexicon import LexiconError, builtin_entries, load_lexicon
from letters.config import ChecksConfig


def test_builtin_lexicon_is_large_and_well_formed() -> None:
    entries = builtin_entries()
    assert len(entries) >= 300
    assert {e.rule for e in entries} == {"jargon", "deficit-language"}
    assert {e.tier for e in entries} == {"replace", "explain"}
    assert all(e.reason for e in entries)


def test_authority_lexicon_adds_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "ours.toml"
    extra.write_text(
        '[[term]]\nterm = "MVM"\ngroup = "acronym"\ncase_sensitive = true\n'
        'expansion = "My Voice Matters"\nalternatives = ["your meeting"]\nreason = "Our name."\n'
        '[[term]]\nterm = "placement"\nalternatives = ["where you live"]\nreason = "Ours."\n'
    )
    checker = Checker(ReaderProfile(age=9), config=ChecksConfig(lexicon=str(extra)))
    report = checker.check("Your MVM is soon. Your placement is good.")
    by_text = {report.text[f.start : f.end]: f for f in report.findings}
    assert by_text["MVM"].suggestions == ("your meeting",)
    assert by_text["placement"].suggestions == ("where you live",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[term]]\nterm = "x"\ntier = "sometimes"\n', "'tier' must be one of"),
        ('[[term]]\nterm = "x"\nrule = "style"\n', "'rule' must be one of"),
        ('[[term]]\nvariants = ["y"]\n', "'term' must be text"),
        ("[[term]\n", "not valid TOML"),
    ],
)
def test_bad_lexicon_file(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text(content)
    with pytest.raises(LexiconError, match=message):
        load_lexicon(str(extra))


def _load(tmp_path: Path, content: str):
    extra = tmp_path / "ours.toml"
    extra.write_text(content, "utf-8")
    load_lexicon.cache_clear()
    return load_lexicon(str(extra))


def _entry(lexicon, term):
    return next(e for e in lexicon.entries if e.term == term)


def test_alternatives_are_typed_and_say_whether_they_are_exact(tmp_path: Path) -> None:
    lex = _load(
        tmp_path,
        '[[term]]\nterm = "wibble basis"\npos = "phrase"\n'
        'variants = ["on a wibble basis"]\nreason = "Ours."\n'
        "alternatives = [\n"
        '  { text = "every wibble", exact = true, fits = ["on a wibble basis"] },\n'
        '  { text = "wibbly", exact = true, fits = ["wibble basis"] },\n'
        '  { text = "seeing [name]", note = "say who" },\n'
        '  { text = "say how often", kind = "advice" },\n'
        "]\n",
    )
    entry = _entry(lex, "wibble basis")
    kinds = [(a.kind, a.exact) for a in entry.alternatives]
    assert kinds == [("replace", True), ("replace", True), ("template", False), ("advice", False)]
    assert entry.alternatives[2].slots == ["[name]"] and entry.alternatives[2].note == "say who"
    # Each form gets the alternatives written for it, first, and the general ones after.
    assert [a.text for a in entry.alternatives_for("On a wibble basis")] == [
        "every wibble",
        "seeing [name]",
        "say how often",
    ]
    assert [a.text for a in entry.alternatives_for("wibble basis")][0] == "wibbly"


def test_an_authority_verb_matches_its_inflections_and_its_alternatives_follow(tmp_path: Path) -> None:
    lex = _load(
        tmp_path,
        '[[term]]\nterm = "actualise"\npos = "verb"\nreason = "Ours."\n'
        'alternatives = [{ text = "make happen", exact = true }]\n',
    )
    checker = Checker(ReaderProfile(age=9), lexicon=lex)
    report = checker.check("We actualised the plan. Ali actualises it.")
    by_text = {report.text[f.start : f.end]: f.suggestions for f in report.findings}
    assert by_text["actualised"] == ("made happen",)
    assert by_text["actualises"] == ("makes happen",)


def test_old_plain_string_alternatives_still_load_as_judgements(tmp_path: Path) -> None:
    lex = _load(
        tmp_path,
        '[[term]]\nterm = "zorbing"\nreason = "Ours."\n'
        'alternatives = ["rolling", "rolling with [name]", "say what happened", "(leave it out)",'
        ' "with [Mum/Dad]"]\n',
    )
    alts = _entry(lex, "zorbing").alternatives
    assert [(a.kind, a.exact) for a in alts] == [
        ("replace", False),
        ("template", False),
        ("advice", False),
        ("advice", False),
        ("advice", False),  # a bracket that is not a slot is shown, never inserted
    ]
    assert _entry(lex, "zorbing").pos == "phrase"  # no pos: only the listed forms match


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[term]]\nterm = "x"\npos = "gerund"\n', "entry 1 \\(x\\): 'pos' must be one of noun, verb"),
        ('[[term]]\nterm = "x"\nalternative = ["y"]\n', "'alternative' is not a lexicon field"),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "y", exact = "yes" }]\n',
            "'alternatives\\[1\\].exact' must be true or false",
        ),
        ('[[term]]\nterm = "x"\nalternatives = [{ text = "" }]\n', "'alternatives\\[1\\].text' must be text"),
        ('[[term]]\nterm = "x"\nalternatives = [{ text = "y", colour = "red" }]\n', "unknown field 'colour'"),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "y", kind = "hint" }]\n',
            "'alternatives\\[1\\].kind' must be one of",
        ),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "see [Mum/Dad]" }]\n',
            "uses \\[Mum/Dad\\], which is not a slot",
        ),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "see [name]", kind = "replace" }]\n',
            "has the slot \\[name\\]",
        ),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "see Sam", kind = "template" }]\n',
            "has no \\[slot\\]",
        ),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "say", kind = "advice", exact = true }]\n',
            "cannot be true for advice",
        ),
        (
            '[[term]]\nterm = "x"\nalternatives = [{ text = "y", fits = ["z"] }]\n',
            "names 'z', which is not one of this entry's forms",
        ),
        ('[[term]]\nterm = "x"\ninflect = "yes"\n', "'inflect' must be true or false"),
        ("term = 3\n", "expected \\[\\[term\\]\\] tables"),
    ],
)
def test_a_bad_field_is_named_with_its_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text(content)
    load_lexicon.cache_clear()
    with pytest.raises(LexiconError, match=message) as caught:
        load_lexicon(str(extra))
    assert str(extra) in str(caught.value)
