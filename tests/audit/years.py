"""Two financial years of synthetic reviews with every figure counted by hand (test_year.py).

Financial year 2025-26 (April 2025 to March 2026) has letters 1 to 20; 2024-25 has 101 to 109.
Three IROs, UASC children, children under 4 (one with the wrong code, one with none), late
reviews, letters late by one working day across bank holidays (Easter, May, August and Christmas
2025, Easter 2026), a letter never sent, one not yet due, and a letter whose meeting is in one
year and its sending in the next. Names are invented. The expected figures are written out in
test_year.py with how each was counted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from letters.audit.evidence import LetterFacts
from letters.audit.grade import Grade
from tests.audit.month import build_facts

A, B, C = "Asha Example", "Ben Example", "Cara Example"
YES, NO, UNSCORED = (8.0, 9.0), (12.0, 13.0), None  # against a target of 9

#: The report's date: letter 19 (due 30 April 2026) is not yet due, letter 11 long overdue.
AS_OF = date(2026, 4, 20)

d = date
Reading = tuple[float, float] | None
Row = tuple[int, str, int, bool, str, date, date | None, str | None, Reading, date | None]
# id, child, age, UASC, IRO, meeting, sent, code, reading, review due; wd = working days
ROWS: list[Row] = [
    # -- 2025-26, Asha --------------------------------------------------------------------------
    (1, "Mia Hollow", 9, False, A, d(2025, 4, 8), d(2025, 5, 9), "PN1", YES, d(2025, 4, 10)),  # 20 wd, Easter
    (2, "Leo Hollow", 9, False, A, d(2025, 4, 8), d(2025, 5, 12), "PN2", NO, d(2025, 4, 1)),  # 21 wd; late
    (3, "Zoe Pike", 3, False, A, d(2025, 6, 10), d(2025, 6, 20), "PN0", UNSCORED, d(2025, 6, 30)),
    (4, "Sam Pike", 2, False, A, d(2025, 7, 1), d(2025, 7, 8), "PN1", UNSCORED, d(2025, 7, 15)),  # PN1 at 2
    (5, "Ada Quill", 15, True, A, d(2025, 8, 4), d(2025, 9, 2), "PN5", YES, d(2025, 8, 20)),  # 20 wd
    (6, "Kai Quill", 16, True, A, d(2025, 8, 4), d(2025, 9, 3), "PN7", NO, d(2025, 8, 1)),  # 21 wd; late
    (7, "Mia Hollow", 9, False, A, d(2025, 10, 7), d(2025, 10, 14), "PN1", YES, d(2025, 10, 8)),
    (8, "Ivy Rook", 5, False, A, d(2025, 12, 19), d(2026, 1, 21), "PN3", YES, d(2025, 12, 19)),  # 20 wd
    (9, "Rex Rook", 5, False, A, d(2025, 12, 19), d(2026, 1, 22), "PN4", NO, d(2025, 12, 22)),  # 21 wd
    # -- 2025-26, Ben ---------------------------------------------------------------------------
    (10, "Noa Sedge", 12, False, B, d(2025, 5, 14), d(2025, 5, 21), "PN1", YES, d(2025, 5, 14)),
    (11, "Eli Sedge", 13, False, B, d(2025, 5, 20), None, "PN6", YES, d(2025, 5, 30)),  # never sent
    (12, "Ava Teal", 4, False, B, d(2025, 9, 15), d(2025, 9, 19), "PN0", YES, d(2025, 9, 15)),  # PN0 at 4
    (
        13,
        "Ray Umber",
        8,
        True,
        B,
        d(2025, 11, 3),
        d(2025, 11, 10),
        "PN2",
        YES,
        d(2025, 10, 24),
    ),  # review late
    (14, "Ola Vale", 11, False, B, d(2026, 2, 2), d(2026, 2, 27), "PN7", NO, d(2026, 2, 10)),  # 19 wd
    (15, "Uma Wren", 17, False, B, d(2026, 3, 16), d(2026, 4, 16), "PN1", YES, d(2026, 3, 20)),  # 21 wd
    # -- 2025-26, Cara --------------------------------------------------------------------------
    (16, "Bo Yarrow", 1, False, C, d(2025, 4, 22), d(2025, 4, 29), "PN0", UNSCORED, d(2025, 5, 1)),
    (17, "Cy Yarrow", 0, False, C, d(2025, 4, 23), d(2025, 4, 30), None, UNSCORED, None),  # no code
    (18, "Dee Zeal", 7, False, C, d(2026, 1, 12), d(2026, 1, 16), "PN1", YES, d(2026, 1, 30)),
    (19, "Fin Zeal", 10, False, C, d(2026, 3, 31), None, "PN1", YES, d(2026, 4, 2)),  # due 30 Apr: not yet
    (20, "Gus Ash", 14, True, C, d(2025, 7, 21), d(2025, 7, 25), "PN6", YES, d(2025, 7, 21)),
    # -- 2024-25 --------------------------------------------------------------------------------
    (101, "Mia Hollow", 8, False, A, d(2024, 4, 10), d(2024, 5, 1), "PN1", YES, d(2024, 4, 12)),
    (102, "Leo Hollow", 8, False, A, d(2024, 10, 8), d(2024, 11, 20), "PN2", NO, d(2024, 10, 1)),
    (103, "Zoe Pike", 2, False, A, d(2024, 12, 10), d(2024, 12, 17), "PN0", UNSCORED, d(2024, 12, 20)),
    (104, "Noa Sedge", 11, False, B, d(2024, 11, 14), d(2024, 11, 21), "PN1", YES, d(2024, 11, 14)),
    (105, "Eli Sedge", 12, False, B, d(2025, 2, 20), d(2025, 3, 5), "PN6", YES, d(2025, 2, 20)),
    (106, "Bo Yarrow", 0, False, C, d(2025, 1, 22), d(2025, 1, 29), "PN0", UNSCORED, d(2025, 1, 24)),
    (107, "Gus Ash", 13, True, C, d(2025, 1, 21), d(2025, 3, 20), "PN7", NO, d(2025, 1, 10)),
    (108, "Ray Umber", 7, True, B, d(2025, 3, 3), d(2025, 3, 10), "PN2", YES, d(2025, 3, 3)),
    (109, "Ada Quill", 14, True, A, d(2025, 3, 31), d(2025, 4, 3), "PN5", YES, d(2025, 3, 31)),  # sent 25-26
]

#: The latest grading of each audited letter.
GRADES = {
    1: Grade.GOOD,
    2: Grade.INADEQUATE,
    5: Grade.OUTSTANDING,
    10: Grade.REQUIRES_IMPROVEMENT,
    14: Grade.GOOD,
    18: Grade.GOOD,
    101: Grade.GOOD,
    104: Grade.INADEQUATE,
}


def two_years() -> list[LetterFacts]:
    """The letters' facts; a child's letters share one reference (Mia Hollow has 1, 7 and 101)."""
    children = sorted({row[1] for row in ROWS})
    return [
        replace(
            build_facts(
                i, child, age, meeting, sent, code, reading, 9, iro=iro, uasc=uasc, review_due=review_due
            ),
            ref=f"C-{children.index(child) + 1:04d}",
        )
        for i, child, age, uasc, iro, meeting, sent, code, reading, review_due in ROWS
    ]
