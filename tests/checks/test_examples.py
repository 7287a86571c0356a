"""Every rule flags what it must and stays silent where it must (one parametrised test)."""

from __future__ import annotations

import pytest

from letters.checks import RULES, ReaderProfile, check_text
from tests.checks.examples import EXAMPLES, Example


def _id(example: Example) -> str:
    verdict = "flags" if example.flag else "silent"
    return f"{example.rule}-{verdict}-{example.text[:30]}"


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_example(example: Example) -> None:
    report = check_text(example.text, ReaderProfile(age=example.age, eal=example.eal), allow=example.allow)
    hits = [example.text[f.start : f.end] for f in report.findings if f.rule == example.rule]
    if example.flag is None:
        assert hits == [], f"{example.rule} should not flag: {hits}"
    else:
        assert example.flag in hits, f"{example.rule} should flag {example.flag!r}, got {hits}"


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_examples_both_ways(rule: str) -> None:
    flags = [e for e in EXAMPLES if e.rule == rule and e.flag]
    silent = [e for e in EXAMPLES if e.rule == rule and not e.flag]
    assert flags, f"rule {rule} has no must-flag example"
    assert silent, f"rule {rule} has no must-not-flag example"
