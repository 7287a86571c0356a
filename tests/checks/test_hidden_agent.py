"""The hidden-agent rule: decisions and worries that do not say who, over the real analysis."""

from __future__ import annotations

from datetime import date

import pytest

from letters.checks import Checker, LetterReport, ReaderProfile, check_letter
from letters.checks.findings import Finding, Fix, FixKind, Severity
from letters.checks.parts import PartKey
from letters.checks.rules import hidden_agent
from letters.checks.slots import SLOTS, slots_in
from letters.model import SECTION_SPECS, Child, Decision, Letter, Meeting, Section


def findings(text: str) -> list[tuple[str, Finding]]:
    report = Checker(ReaderProfile(age=10)).check(text)
    return [(text[f.start : f.end], f) for f in report.findings if f.rule == "hidden-agent"]


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
    assert finding.fixes[0].kind is (FixKind.TEMPLATE if "[" in fix else FixKind.REPLACE)
    assert finding.fixes[-1] == Fix(FixKind.ADVICE, hidden_agent.ADVICE)
    assert all(slot in SLOTS for s in finding.suggestions for slot in slots_in(s))


def test_applying_the_template_reads_as_a_sentence() -> None:
    text = "A referral will be made to the dentist."
    ((flagged, finding),) = findings(text)
    fixed = text.replace(flagged, finding.suggestions[0].replace("[name]", "Your social worker, BW,"))
    assert fixed == "Your social worker, BW, will make a referral to the dentist."


def test_it_is_info_until_placed_in_a_section() -> None:
    ((_, finding),) = findings("It was agreed that you can have a phone.")
    assert finding.severity is Severity.INFO and finding.rule == "hidden-agent"


def _letter(decisions: list[Decision], worries: str = "", told_us: str = "") -> Letter:
    sections = [Section(s.key) for s in SECTION_SPECS]
    for section in sections:
        section.text = {"worries": worries, "told_us": told_us}.get(section.key, "")
    return Letter(Child("Mia", age=10), Meeting(date(2026, 11, 18)), sections=sections, decisions=decisions)


def _placed(report: LetterReport) -> dict[tuple[str, int | None], list[str]]:
    return {
        (part.section, part.decision): [f.severity.value for f in found if f.rule == "hidden-agent"]
        for part, found in report.by_part.items()
    }


def test_where_it_is_decides_how_loud_and_a_filled_who_silences_a_decision() -> None:
    said = "It was agreed that you can have a phone."
    letter = _letter(
        [Decision(said, who="Your social worker, BW", by_when="June"), Decision(said)],
        worries=said,
        told_us=said,
    )
    placed = _placed(check_letter(letter))
    assert placed[("told_us", None)] == ["info"]
    assert placed[("worries", None)] == ["warning"]
    assert placed[("decisions", 0)] == []  # the row says who
    assert placed[("decisions", 1)] == ["warning"]
    report = check_letter(letter)
    (loud,) = [f for f in report.by_part[PartKey("worries")] if f.rule == "hidden-agent"]
    assert loud.fixes[0] == Fix(FixKind.REPLACE, "We agreed", note=hidden_agent._WE)  # fixes kept


def test_other_rules_findings_pass_through_untouched() -> None:
    letter = _letter([Decision("Your placement is good.", who="Anne")])
    placed = check_letter(letter).by_part[PartKey.of_decision(0)]
    assert [f.rule for f in placed] == ["jargon"]
