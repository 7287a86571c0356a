"""The sample letters in tests/checks/data/corpus (copies of the shared samples) against their manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letters.checks import ReaderProfile, Severity, check_text

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"  # copies of the shared samples
MANIFEST = json.loads((CORPUS / "manifest.json").read_text())["letters"]
WORD_RULES = {"jargon", "acronym", "deficit-language", "hard-word"}


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_manifest(name: str) -> None:
    info = MANIFEST[name]
    text = (CORPUS / name).read_text(encoding="utf-8")
    report = check_text(text, ReaderProfile(age=info["age"]))
    word_findings = [f for f in report.findings if f.rule in WORD_RULES]
    for phrase in info["flag"]:
        at = text.index(phrase)
        assert any(f.start < at + len(phrase) and at < f.end for f in word_findings), (
            f"{phrase!r} in {name} was not flagged"
        )
    if not info["flag"]:
        assert word_findings == [], [text[f.start : f.end] for f in word_findings]
        assert not [f for f in report.findings if f.severity is not Severity.INFO]
    assert report.reading_age is not None
    assert report.above_target is info["too_hard"]
    assert any(f.rule == "readability" for f in report.findings) is info["too_hard"]
