"""The lexicon's own examples (tests/checks/data/jargon_examples.toml), written with the lexicon
from public guidance: each `flag` text must be flagged, each `clean` text must not be."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from letters.checks import ReaderProfile, check_text

DATA = tomllib.loads((Path(__file__).parent / "data" / "jargon_examples.toml").read_text("utf-8"))
WORD_RULES = {"jargon", "acronym", "deficit-language"}


@pytest.mark.parametrize("example", DATA["flag"], ids=lambda e: e["text"][:40])
def test_flagged(example: dict) -> None:
    report = check_text(example["text"], ReaderProfile(age=example["age"], eal=example.get("eal", False)))
    hits = [example["text"][f.start : f.end] for f in report.findings if f.rule in WORD_RULES]
    for expected in example["expect"]:
        assert any(expected.lower() == h.lower() or expected.lower() in h.lower() for h in hits), (
            f"{expected!r} not flagged; got {hits}"
        )


@pytest.mark.parametrize("example", DATA["clean"], ids=lambda e: e["text"][:40])
def test_clean(example: dict) -> None:
    report = check_text(example["text"], ReaderProfile(age=example["age"], eal=example.get("eal", False)))
    hits = [example["text"][f.start : f.end] for f in report.findings if f.rule in WORD_RULES]
    assert hits == []
