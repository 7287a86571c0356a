"""A month of synthetic letters with known answers (January 2026), shared by the audit and CLI tests.

Names are invented. Due dates and working days come from letters.workdays, and the tests check them
against values counted by hand (the primer's example: meeting Friday 19 December 2025, letter due
Wednesday 21 January 2026).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from letters.audit.evidence import LetterFacts
from letters.checks.report import ReadingAge, verdict_for
from letters.config import AuthorityConfig, TargetPolicy
from letters.model import Child, Decision, Letter, Meeting, Status, participation_problem
from letters.workdays import meeting_due_dates, working_days_between


def reading_fields(reading: tuple[float, float] | None, target: float) -> dict[str, Any]:
    """The reading-age facts facts_for records: the band and the engine's verdict on it (a band
    whose formulas agree at its low end)."""
    band = None if reading is None else ReadingAge(reading[0], reading[1], "Flesch-Kincaid", True, reading[0])
    verdict = verdict_for(band, target, 200, TargetPolicy())
    return {
        "reading_low": reading[0] if reading else None,
        "reading_high": reading[1] if reading else None,
        "reading_reliable": True,
        "target": target,
        "within_target": None if band is None else verdict.above is False,
        "verdict": verdict.state,
        "years_over": verdict.years_over,
        "reading_band": str(band) if band is not None else "",
        "verdict_text": verdict.describe(),
    }


def build_facts(
    letter_id: int,
    name: str,
    age: int | None,
    meeting: date,
    sent: date | None,
    code: str | None,
    reading: tuple[float, float] | None,
    target: float,
    jargon: tuple[str, ...] = (),
    iro: str = "Priya Example",
    **extra: Any,
) -> LetterFacts:
    due = meeting_due_dates(meeting, AuthorityConfig()).letter
    return LetterFacts(
        letter_id=letter_id,
        ref=f"C-{letter_id:04d}",
        child_name=name,
        age=age,
        iro=iro,
        review_kind="later",
        meeting_date=meeting,
        status="sent" if sent else "draft",
        sent_on=sent,
        due=due,
        working_days=working_days_between(meeting, sent) if sent else None,
        participation=code,
        participation_problem=participation_problem(code, age),
        words=200,
        jargon_terms=jargon,
        findings={"jargon": len(jargon)} if jargon else {},
        **reading_fields(reading, target),
        **extra,
    )


def january_facts() -> list[LetterFacts]:
    """Ten letters; seven sent in January 2026. Expected figures are in test_figures.py."""
    d = date
    return [
        # The primer's example: 20 working days over Christmas and New Year, sent on the due day.
        build_facts(
            1,
            "Ellie Stonebridge",
            9,
            d(2025, 12, 19),
            d(2026, 1, 21),
            "PN1",
            (9, 10),
            9,
            ("placement", "contact"),
        ),
        build_facts(2, "Noah Quillfeather", 2, d(2026, 1, 2), d(2026, 1, 12), "PN0", None, 6),
        build_facts(
            3, "Ava Thistlewood", 3, d(2026, 1, 5), d(2026, 1, 30), "PN0", (6, 7), 6, iro="Tom Sample"
        ),
        build_facts(
            4,
            "Jayden Marrowfield",
            15,
            d(2025, 12, 10),
            d(2026, 1, 14),
            "PN7",
            (14, 15),
            12,
            ("placement", "lac", "placement"),
            iro="Tom Sample",
        ),
        build_facts(
            5,
            "Maisie Brackenhurst",
            12,
            d(2025, 12, 1),
            d(2026, 1, 2),
            "PN5",
            (10, 11),
            11,
            ("contact",),
            iro="Tom Sample",
        ),
        build_facts(6, "Oliver Fenwickham", 4, d(2026, 1, 6), d(2026, 1, 8), "PN0", (8, 9), 6),
        # Sent in February: outside January.
        build_facts(
            7, "Zara Pemberwick", 10, d(2026, 1, 20), d(2026, 2, 10), "PN1", (9, 10), 9, ("placement",) * 5
        ),
        # Due 8 January 2026 and never sent; and due then but sent in February.
        build_facts(8, "Leo Ashcombe", 8, d(2025, 12, 8), None, "PN2", (8, 9), 7),
        build_facts(9, "Isla Wrenford", 8, d(2025, 12, 8), d(2026, 2, 3), "PN2", (8, 9), 7),
        # No participation code recorded.
        build_facts(10, "Freddie Calloway", 10, d(2026, 1, 15), d(2026, 1, 20), None, (9, 10), 9),
    ]


# -- the same month as real letters in a real SQLite store ------------------------------------------

PLAIN = {
    "hello": "Hello {name}. It was good to see you at your meeting.",
    "told_us": 'You told us "I like my dog and my bike." You like your school.',
    "going_well": "You are doing well at school. You have lots of friends.",
    "worries": "We worry that you are tired in the morning.",
    "goodbye": "See you soon. Take care.",
}
JARGON = "Your placement is going well. You will have contact with your mum each week."
HARD = (
    "Notwithstanding considerable organisational deliberation, the multidisciplinary "
    "professional network subsequently determined that comprehensive therapeutic "
    "interventions would necessitate additional authorisation and documentation."
)


def build_letter(
    name: str,
    age: int | None,
    meeting: date,
    sent: date | None,
    code: str | None,
    iro: str = "Priya Example",
    extra: str = "",
) -> Letter:
    letter = Letter(
        child=Child(name.split()[0], age=age),
        meeting=Meeting(meeting, iro=iro, participation=code),
        status=Status.SENT if sent else Status.DRAFT,
        sent_on=sent,
        decisions=[Decision("Find a swimming club", "Mo", "end of March")],
    )
    for key, text in PLAIN.items():
        section = letter.section(key)
        assert section is not None
        section.text = text.format(name=name.split()[0])
    if extra:
        letter.section("going_well").text += " " + extra  # type: ignore[union-attr]
    return letter


def january_letters() -> list[Letter]:
    """The letters behind `january`: same dates, ages, codes and IROs (no jargon in 2, 3, 6...)."""
    d = date
    return [
        build_letter("Ellie Stonebridge", 9, d(2025, 12, 19), d(2026, 1, 21), "PN1", extra=JARGON),
        build_letter("Noah Quillfeather", 2, d(2026, 1, 2), d(2026, 1, 12), "PN0"),
        build_letter("Ava Thistlewood", 3, d(2026, 1, 5), d(2026, 1, 30), "PN0", "Tom Sample"),
        build_letter(
            "Jayden Marrowfield",
            15,
            d(2025, 12, 10),
            d(2026, 1, 14),
            "PN7",
            "Tom Sample",
            extra=JARGON + " " + HARD + " " + HARD,
        ),
        build_letter("Maisie Brackenhurst", 12, d(2025, 12, 1), d(2026, 1, 2), "PN5", "Tom Sample"),
        build_letter("Oliver Fenwickham", 4, d(2026, 1, 6), d(2026, 1, 8), "PN0", extra=HARD),
        build_letter("Zara Pemberwick", 10, d(2026, 1, 20), d(2026, 2, 10), "PN1", extra=JARGON),
        build_letter("Leo Ashcombe", 8, d(2025, 12, 8), None, "PN2"),
        build_letter("Isla Wrenford", 8, d(2025, 12, 8), d(2026, 2, 3), "PN2"),
        build_letter("Freddie Calloway", 10, d(2026, 1, 15), d(2026, 1, 20), None),
    ]
