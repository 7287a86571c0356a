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
