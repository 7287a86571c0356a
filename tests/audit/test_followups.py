"""The audit counts, per IRO, the decisions their letters followed up and their decisions overdue."""

from __future__ import annotations

from datetime import date

from letters.audit.breakdowns import per_iro
from letters.audit.evidence import facts_for
from letters.audit.figures import Share
from letters.checks import check_letter
from letters.config import Config
from letters.demo import demo_letter
from letters.followup import next_letter, record_outcome
from letters.model import Outcome
from tests.audit.month import build_facts

A, B = "Asha Example", "Ben Example"
AS_OF = date(2026, 4, 20)


def test_per_iro_decisions_followed_up_and_overdue() -> None:
    d = date
    # Asha's letter: decision 1 due 1 May 2025 (done, says Ben's later letter), 2 due 1 June 2025
    # (not yet: overdue), 3 due December 2026 (not yet due).
    first = build_facts(
        1, "Mia Hollow", 9, d(2025, 4, 8), d(2025, 5, 9), "PN1", (8.0, 9.0), 9, iro=A,
        decisions_dated=((1, d(2025, 5, 1)), (2, d(2025, 6, 1)), (3, d(2026, 12, 1))),
    )  # fmt: skip
    later = build_facts(
        2, "Mia Hollow", 9, d(2025, 10, 7), d(2025, 10, 14), "PN1", (8.0, 9.0), 9, iro=B,
        followups=3, followups_recorded=2, settles=((1, 1, "done"), (1, 2, "not yet")),
    )  # fmt: skip
    other = build_facts(
        3, "Ada Quill", 15, d(2025, 8, 4), d(2025, 9, 2), "PN5", (8.0, 9.0), 9, iro=B,
        decisions_dated=((1, d(2025, 11, 1)),),
    )  # fmt: skip
    rows = {r.iro: r for r in per_iro([first, other], {}, AS_OF, known=[first, later, other])}
    assert (rows[A].followed_up, rows[A].decisions_overdue) == (Share(0, 0), 1)
    assert rows[B].decisions_overdue == 1
    # In a period with only the later letter, Ben followed up 2 of the 3 decisions.
    (ben,) = per_iro([later], {}, AS_OF, known=[first, later, other])
    assert (ben.followed_up, ben.decisions_overdue) == (Share(2, 3), 0)
    assert str(ben.followed_up) == "66.7% (2 of 3)"


def test_a_letters_facts_say_what_it_follows_up_and_settles() -> None:
    first = demo_letter()
    first.id = 1
    made = next_letter(first, date(2027, 5, 12)).letter
    made.id = 2
    record_outcome(made.followups[2], Outcome.DONE, made)
    f = facts_for(made, check_letter(made), Config(), "C-0001")
    assert (f.followups, f.followups_recorded, f.settles) == (4, 1, ((1, 3, "done"),))
    facts = facts_for(first, check_letter(first), Config(), "C-0001")
    assert facts.decisions_dated == ((1, date(2026, 12, 11)), (3, date(2026, 11, 30)))
