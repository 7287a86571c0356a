"""Every figure of a financial year against a count by hand (the two years of tests/audit/years.py).

Working days are counted on the calendar in the comments, leaving out weekends and England's bank
holidays: Good Friday 18 and Easter Monday 21 April 2025, 5 and 26 May, 25 August, 25 and 26
December 2025, 1 January, Good Friday 3 and Easter Monday 6 April 2026.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from letters.audit.breakdowns import (
    due_not_sent,
    monthly,
    participation_breakdown,
    per_iro,
    reviews_late,
    under_four,
)
from letters.audit.figures import Basis, Share, in_period, summarise
from letters.audit.grade import Grade
from letters.audit.periods import Period
from tests.audit.years import AS_OF, GRADES, A, B, C, two_years

FY = Period.parse_year("2025-26")
BEFORE = Period.parse_year("2024-25")


@pytest.fixture(scope="module")
def facts():
    return two_years()


@pytest.fixture(scope="module")
def by_id(facts):
    return {f.letter_id: f for f in facts}


def test_the_financial_year_runs_april_to_march():
    assert (FY.start, FY.end, FY.title) == (
        date(2025, 4, 1),
        date(2026, 3, 31),
        "2025-26 (April 2025 to March 2026)",
    )
    assert FY.previous() == BEFORE
    assert [m.label for m in FY.months()][:2] == ["2025-04", "2025-05"] and FY.months()[-1].label == "2026-03"
    assert Period.parse_year("2025") == Period(date(2025, 1, 1), date(2025, 12, 31), "2025")
    assert Period.parse("2011-12").label == "2011-12" and Period.parse("2011-12").is_month  # a month first
    assert Period.parse_year("2011-12").kind == "financial year"


def test_due_dates_counted_by_hand(by_id):
    # 1: after Tue 8 Apr 2025: 9,10,11 (3) 14-17 (7) [18, 21] 22-25 (11) 28-30 (14) 1,2 May (16)
    #    [5 May] 6,7,8,9 (20): due Friday 9 May. Sent that day: 20, on time; letter 2 sent Mon 12: 21.
    assert by_id[1].due == date(2025, 5, 9) and by_id[1].working_days == 20 and by_id[1].on_time
    assert by_id[2].working_days == 21 and not by_id[2].on_time
    # 5: after Mon 4 Aug: 5-8 (4) 11-15 (9) 18-22 (14) [25] 26-29 (18) 1,2 Sep (20): due Tue 2 Sep.
    assert by_id[5].due == date(2025, 9, 2) and by_id[6].working_days == 21
    # 8: the primer's example over Christmas: due Wednesday 21 January 2026.
    assert by_id[8].due == date(2026, 1, 21) and by_id[9].working_days == 21
    # 11: after Tue 20 May: 21-23 (3) [26] 27-30 (7) 2-6 Jun (12) 9-13 (17) 16,17,18 (20): 18 June.
    assert by_id[11].due == date(2025, 6, 18)
    # 14: after Mon 2 Feb 2026: 3-6 (4) 9-13 (9) 16-20 (14) 23-27 (19).
    assert by_id[14].working_days == 19
    # 15: after Mon 16 Mar: 17-20 (4) 23-27 (9) 30,31 (11) 1,2 Apr (13) [3, 6] 7-10 (17) 13,14,15 (20).
    assert by_id[15].due == date(2026, 4, 15) and by_id[15].working_days == 21
    # 19: after Tue 31 Mar: 1,2 Apr (2) [3, 6] 7-10 (6) 13-17 (11) 20-24 (16) 27-30 (20).
    assert by_id[19].due == date(2026, 4, 30)


def test_the_year_by_meeting_date(facts):
    s = summarise(FY, facts, GRADES, basis=Basis.MEETING, as_of=AS_OF)
    assert s.letters == 20  # letters 1 to 20
    assert s.children == 19  # Mia Hollow has letters 1 and 7
    assert s.letters_sent == 18  # not 11 (never sent) nor 19 (not yet due)
    # Late: 2, 6, 9, 15 (21 working days each) and 11 (overdue); 19 is not yet due, so not counted.
    assert s.on_time == Share(14, 19)
    # Sorted working days: 4 4 4 5 5 5 5 5 5 | 8 19 20 20 20 21 21 21 21: the middle two, 5 and 8.
    assert s.median_working_days == 6.5
    # Aged 4+: all but 3, 4, 16, 17; not participating: 6 (PN7), 12 (PN0), 14 (PN7).
    assert s.participated_4plus == Share(13, 16)
    assert s.under_4 == 4
    assert s.participation_problems == 3  # 4 (PN1 at 2), 12 (PN0 at 4), 17 (no code)
    assert s.within_target == Share(12, 16)  # not 2, 6, 9, 14; 3, 4, 16, 17 unscored
    assert s.reviews_on_time == Share(16, 19)  # late: 2, 6, 13; 17 has no due date
    assert s.due_not_sent == 1  # letter 11
    assert s.audited == 6 and s.good_or_better == Share(4, 6)
    assert s.grades == {
        Grade.OUTSTANDING: 1,
        Grade.GOOD: 3,
        Grade.REQUIRES_IMPROVEMENT: 1,
        Grade.INADEQUATE: 1,
    }


def test_the_year_by_date_sent(facts):
    s = summarise(FY, facts, GRADES, basis=Basis.SENT, as_of=AS_OF)
    # Sent in the year: 1-10 but 11, 12-14, 16-18, 20, and 109 (meeting 31 March 2025, sent 3 April);
    # not 15 (sent 16 April 2026).
    assert [f.letter_id for f in in_period(FY, facts, Basis.SENT)] == [
        109,
        16,
        17,
        1,
        2,
        10,
        3,
        4,
        20,
        5,
        6,
        12,
        7,
        13,
        18,
        8,
        9,
        14,
    ]
    assert s.letters == s.letters_sent == 18
    assert s.on_time == Share(15, 18)  # late: 2, 6, 9


def test_the_year_before(facts):
    s = summarise(BEFORE, facts, GRADES, basis=Basis.MEETING, as_of=AS_OF)
    assert s.letters == 9
    assert s.on_time == Share(7, 9)  # 102 and 107 late
    assert s.participated_4plus == Share(6, 7)  # 107 PN7; 103 and 106 under 4
    assert s.under_4 == 2
    assert s.reviews_on_time == Share(7, 9)  # 102 and 107 late
    assert s.audited == 2


def test_per_iro(facts):
    rows = {r.iro: r for r in per_iro(in_period(FY, facts, Basis.MEETING), GRADES, AS_OF)}
    a, b, c = rows[A], rows[B], rows[C]
    assert (a.children, b.children, c.children) == (8, 6, 5)  # Asha sees Mia twice
    assert (a.reviews, a.letters_sent, b.reviews, b.letters_sent, c.reviews, c.letters_sent) == (
        9,
        9,
        6,
        5,
        5,
        4,
    )
    assert a.letters_on_time == Share(6, 9)  # 2, 6, 9 late
    assert b.letters_on_time == Share(4, 6)  # 11 overdue, 15 late
    assert c.letters_on_time == Share(4, 4)  # 19 not yet due
    assert (a.reviews_on_time, b.reviews_on_time, c.reviews_on_time) == (
        Share(7, 9),
        Share(5, 6),
        Share(4, 4),
    )
    assert (a.within_target, b.within_target, c.within_target) == (Share(4, 7), Share(5, 6), Share(3, 3))
    assert (a.participation_4plus, b.participation_4plus, c.participation_4plus) == (
        Share(6, 7),
        Share(4, 6),
        Share(3, 3),
    )
    assert list(a.grades.values()) == [1, 1, 0, 1] and list(b.grades.values()) == [0, 1, 1, 0]
    assert c.audited == 1


def test_participation_by_age_band_and_uasc(facts):
    rows = {r.group: r.share for r in participation_breakdown(in_period(FY, facts, Basis.MEETING))}
    assert rows["Aged 4-7"] == Share(3, 4)  # 8, 9, 18 yes; 12 (PN0) no
    assert rows["Aged 8-11"] == Share(5, 6)  # 14 no
    assert rows["Aged 12-15"] == Share(4, 4)
    assert rows["Aged 16+"] == Share(1, 2)  # 6 no, 15 yes
    assert rows["All aged 4+"] == Share(13, 16)
    assert rows["Unaccompanied asylum-seeking children (UASC)"] == Share(3, 4)  # 5, 13, 20; not 6
    assert rows["Not UASC"] == Share(10, 12)
    assert rows["UASC not recorded"] == Share(0, 0)
    codes = {k.split(":")[0]: v.n for k, v in rows.items() if k.startswith("PN")}
    assert codes == {"PN0": 1, "PN1": 6, "PN2": 2, "PN3": 1, "PN4": 1, "PN5": 1, "PN6": 2, "PN7": 2}
    assert rows["PN1: Attends and speaks for themselves"] == Share(6, 16)


def test_children_under_four(facts):
    young = under_four(in_period(FY, facts, Basis.MEETING))
    assert {k: v for k, v in young.by_code.items() if v} == {"PN0": 2, "PN1": 1, "no code": 1}
    assert young.by_age == {0: 1, 1: 1, 2: 1, 3: 1}
    assert [f.letter_id for f in young.mismatches] == [17, 4, 12]  # in order of meeting


def test_lists_of_late_letters_and_reviews(facts):
    late = due_not_sent(facts, FY, AS_OF, "ENG")
    assert [o.facts.letter_id for o in late] == [11]
    # From 18 June 2025 to 20 April 2026: the weekdays less six bank holidays (25 August, 25 and
    # 26 December, 1 January, 3 and 6 April).
    days = (AS_OF - date(2025, 6, 18)).days
    weekdays = sum((date(2025, 6, 18) + timedelta(n + 1)).weekday() < 5 for n in range(days))
    assert late[0].working_days_late == weekdays - 6
    reviews = reviews_late(in_period(FY, facts, Basis.MEETING), "ENG")
    # 2: due Tue 1 Apr, held Tue 8 Apr: 2, 3, 4, 7, 8. 6: due Fri 1 Aug, held Mon 4 Aug.
    # 13: due Fri 24 Oct, held Mon 3 Nov: 27-31 Oct and 3 Nov.
    assert [(o.facts.letter_id, o.working_days_late) for o in reviews] == [(2, 5), (6, 1), (13, 6)]


def test_month_by_month_beside_the_year_before(facts):
    rows = {m.month.label: m for m in monthly(FY, facts, GRADES, basis=Basis.MEETING, as_of=AS_OF)}
    assert len(rows) == 12
    april = rows["2025-04"]
    assert (april.summary.letters, april.summary.on_time) == (4, Share(3, 4))  # 1, 2, 16, 17; 2 late
    assert (april.previous.letters, april.previous.on_time) == (1, Share(1, 1))  # 101
    december = rows["2025-12"]
    assert (december.summary.on_time, december.previous.on_time) == (Share(1, 2), Share(1, 1))
    march = rows["2026-03"]
    assert (march.summary.letters, march.summary.on_time) == (2, Share(0, 1))  # 15 late, 19 not due
    assert (march.previous.letters, march.previous.on_time) == (2, Share(2, 2))  # 108, 109
    assert sum(m.summary.letters for m in rows.values()) == 20
    assert rows["2026-02"].previous.letters == 1 and rows["2025-06"].previous.letters == 0
