"""Every rule flags what it must and stays silent where it must (one parametrised test over the
registry's examples, after proselint's tests/examples.py), and every rule declares what it does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letters.checks import RULES, Checker, ReaderProfile
from letters.checks.rules import all_rules, label_for, rule_for, rules_table
from letters.checks.rules.base import Example, Rule

README = Path(__file__).parents[2] / "README.md"


def _cases() -> list[object]:
    out = []
    for rule in all_rules():
        for kind, examples in (("flags", rule.must_flag), ("silent", rule.must_not_flag)):
            for n, example in enumerate(examples):
                out.append(pytest.param(rule, example, id=f"{rule.id}-{kind}-{n}-{example.text[:30]}"))
    return out


def _check(rule: Rule, example: Example) -> list[tuple[str, str, object]]:
    profile = ReaderProfile(age=example.age, eal=example.eal, reading_age=example.reading_age)
    checker = Checker(
        profile, allow=example.allow, child=example.child, pronouns=example.pronouns, avoid=example.avoid
    )
    report = checker.check(example.text)
    return [
        (example.text[f.start : f.end], f.severity.value, f) for f in report.findings if f.rule == rule.id
    ]


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_example(rule: Rule, example: Example) -> None:
    hits = _check(rule, example)
    if example in rule.must_not_flag:
        assert example.flag is None, "a must-not-flag example names no flagged text"
        assert [h[:2] for h in hits] == [], f"{rule.id} should not flag: {hits}"
        return
    assert example.flag, "a must-flag example names the text that must be flagged"
    covering = [h for h in hits if h[0] == example.flag]
    assert covering, f"{rule.id} should flag {example.flag!r}, got {[h[:2] for h in hits]}"
    if example.severity is not None:
        assert example.severity.value in [h[1] for h in covering]
    for _, severity, finding in hits:  # what a rule reports, it declares
        assert severity in rule.severities
        assert {fix.kind for fix in finding.fixes} <= set(rule.fix_kinds), finding.fixes  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_has_examples_both_ways(rule: Rule) -> None:
    assert rule.must_flag, f"rule {rule.id} has no must-flag example"
    assert rule.must_not_flag, f"rule {rule.id} has no must-not-flag example"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_declares_itself(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.id)
    assert rule.label and rule.description and rule.severity_note and rule.severities
    assert rule_for(rule.id) is rule and label_for(rule.id) == rule.label


def test_rule_list_is_the_registry() -> None:
    assert tuple(r.id for r in all_rules()) == RULES
    assert len(set(RULES)) == len(RULES)


def test_readme_rules_table_is_the_registry() -> None:
    assert rules_table() in README.read_text("utf-8"), (
        "README's rules table differs from the registry: paste `python -m letters.checks.rules`"
    )
