"""The example sentences shown to IROs are themselves letters a child can read: the checker finds
no jargon, acronym, blaming word, personal data or over-long sentence in any of them."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from letters.checks import ReaderProfile, Severity, check_text

PROMPTS = tomllib.loads(resources.files("letters.templates").joinpath("prompts.toml").read_text())
BAND_AGE = {"under7": 6, "7-11": 9, "12-15": 13, "16+": 16}
CASES = [
    pytest.param(section, band, entry["example"], id=f"{section}-{band}")
    for section, bands in PROMPTS.items()
    for band, entry in bands.items()
]


@pytest.mark.parametrize(("section", "band", "example"), CASES)
def test_prompt_example_passes_the_checker(section: str, band: str, example: str) -> None:
    report = check_text(example, ReaderProfile(age=BAND_AGE[band]))
    problems = [
        (f.rule, example[f.start : f.end])
        for f in report.findings
        if f.rule not in ("readability",) and f.severity is not Severity.INFO
    ]
    assert problems == []
