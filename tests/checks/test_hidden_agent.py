"""The hidden-agent rule: decisions and worries that do not say who, over the real analysis."""

from __future__ import annotations

import pytest

from letters.checks import Checker, ReaderProfile
from letters.checks.analysis import split_units
from letters.checks.findings import Finding, Severity
from letters.checks.rules import hidden_agent
from letters.checks.slots import SLOTS, slots_in


def findings(text: str) -> list[tuple[str, Finding]]:
    checker = Checker(ReaderProfile(age=10))
    checker.check(text)
    out = []
    for unit in split_units(text):
        ua = checker.analyzer.analyse(text[unit.start : unit.end], unit.kind)
        for f in hidden_agent.find(ua):
            out.append((text[unit.start + f.start : unit.start + f.end], f))
    return out


@pytest.mark.parametrize(("text", "flag"), hidden_agent.MUST_FLAG)
def test_must_flag(text: str, flag: str) -> None:
    assert flag in [t for t, _ in findings(text)]


@pytest.mark.parametrize("text", hidden_agent.MUST_NOT_FLAG)
def test_must_not_flag(text: str) -> None:
    assert findings(text) == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("It was decided that you will stay.", "We decided"),
        ("It has been agreed that you can go.", "We have agreed"),
        ("It is expected that you go to school.", "We expect"),
        ("We met, and it was agreed you can go.", "we agreed"),
        ("A referral will be made to the dentist.", "[name] will make a referral"),
        ("You will be moved to a new home.", "[name] will move you"),
        ("Contact with your dad has been stopped.", "[name] has stopped contact with your dad"),
    ],
)
def test_fixes_name_who(text: str, fix: str) -> None:
    ((_, finding),) = findings(text)
    assert finding.suggestions[0] == fix
    assert finding.suggestions[-1] == hidden_agent.ADVICE
    assert all(slot in SLOTS for s in finding.suggestions for slot in slots_in(s))


def test_applying_the_template_reads_as_a_sentence() -> None:
    text = "A referral will be made to the dentist."
    ((flagged, finding),) = findings(text)
    fixed = text.replace(flagged, finding.suggestions[0].replace("[name]", "Your social worker, BW,"))
    assert fixed == "Your social worker, BW, will make a referral to the dentist."


def test_it_is_info_until_placed_in_a_section() -> None:
    ((_, finding),) = findings("It was agreed that you can have a phone.")
    assert finding.severity is Severity.INFO and finding.rule == "hidden-agent"


def test_sections_decide_the_severity_and_a_filled_who_silences_a_decision_row() -> None:
    ((_, f),) = findings("It was agreed that you can have a phone.")
    by_section = {
        "told_us": (f,),
        "worries": (f,),
        "decisions": (f,),
        "decision-0": (f,),  # who filled in
        "decision-1": (f,),  # who left empty
    }
    placed = hidden_agent.in_sections(by_section, {"decision-0": True, "decision-1": False})
    assert [x.severity for x in placed["told_us"]] == [Severity.INFO]
    assert [x.severity for x in placed["worries"]] == [Severity.WARNING]
    assert [x.severity for x in placed["decisions"]] == [Severity.WARNING]
    assert placed["decision-0"] == ()
    assert [x.severity for x in placed["decision-1"]] == [Severity.WARNING]


def test_other_rules_findings_pass_through_untouched() -> None:
    other = Finding("jargon", Severity.WARNING, 0, 4, "m")
    placed = hidden_agent.in_sections({"decision-0": (other,)}, {"decision-0": True})
    assert placed == {"decision-0": (other,)}
