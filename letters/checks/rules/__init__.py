"""The rule registry: every rule the checker runs, one module each, in the order findings are listed.

A rule module declares its id, label, severities, fix kinds, a one-line description and its
examples (`MUST_FLAG`, `MUST_NOT_FLAG`), and reads the one shared analysis (see `base`). The rule
list (`RULES`, re-exported as `letters.checks.RULES`), the README's rules table
(`rules_table()`) and the app's labels come from here. Modules are imported on first use: the
registry is read by the config loader and the app, which must not pay for the engine.

To add a rule: write `letters/checks/rules/<name>.py` with a `RULE` (a `base.Rule` subclass) and
its examples, add its id to `RULES`, and regenerate README's table
(`python -m letters.checks.rules`; a test fails until README matches).
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letters.checks.rules.base import Rule

#: Every rule id, in the order findings at one place sort and the README lists them. Each rule
#: lives in the module named after its id ("sentence-length": `rules/sentence_length.py`).
RULES: tuple[str, ...] = (
    "readability",
    "sentence-length",
    "jargon",
    "acronym",
    "hard-word",
    "spelling",
    "deficit-language",
    "hidden-agent",
    "personal-data",
    "addressed-to-child",
    "placeholder",
    "child-words",
)


def module_name(rule_id: str) -> str:
    return f"letters.checks.rules.{rule_id.replace('-', '_')}"


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in registry order."""
    rules = []
    for rule_id in RULES:
        rule: Rule = importlib.import_module(module_name(rule_id)).RULE
        if rule.id != rule_id:
            raise RuntimeError(f"{module_name(rule_id)} declares the rule {rule.id!r}, not {rule_id!r}")
        rules.append(rule)
    return tuple(rules)


def rule_ids() -> tuple[str, ...]:
    """The rule ids used everywhere (CLI, app, audit, config). Keep these names stable."""
    return RULES


@functools.cache
def _by_id() -> dict[str, Rule]:
    return {r.id: r for r in all_rules()}


def rule_for(rule_id: str) -> Rule | None:
    """The rule with this id, or None."""
    return _by_id().get(rule_id)


def label_for(rule_id: str) -> str:
    """The rule's short name for people ("Jargon"), or its id when it is not registered."""
    rule = rule_for(rule_id)
    return rule.label if rule is not None else rule_id


def rules_table() -> str:
    """The README's table of rules, made from the registry."""
    lines = ["| rule | severity | fixes | what it flags |", "|---|---|---|---|"]
    for r in all_rules():
        fixes = ", ".join(str(k) for k in r.fix_kinds) or "none"
        lines.append(f"| `{r.id}` | {r.severity_note} | {fixes} | {r.description} |")
    return "\n".join(lines)
