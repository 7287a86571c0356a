"""Every summary figure for a month with known answers (tests/audit/conftest.py, January 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from letters.audit.figures import Period, Share, reading_by_band, sent_in, summarise, top_jargon
from letters.audit.grade import Grade
from letters.errors import UserError

JAN = Period.parse("2026-01")


def test_primer_working_day_example(january):
    primer = january[0]
    assert primer.meeting_date == date(2025, 12, 19)
    assert primer.due == date(2026, 1, 21)
    assert primer.working_days == 20
    assert primer.on_time is True


def test_hand_counted_working_days(january):
    by_id = {f.letter_id: f for f in january}
    assert {i: by_id[i].working_days for i in (1, 2, 3, 4, 5, 6, 10)} == {
        1: 20,
        2: 6,
        3: 19,
        4: 22,
        5: 21,
        6: 2,
        10: 3,
    }
    assert by_id[4].due == date(2026, 1, 12)
    assert by_id[8].due == date(2026, 1, 8)


def test_the_months_letters_are_those_sent_in_it(january):
    assert [f.letter_id for f in sent_in(JAN, january)] == [5, 6, 2, 4, 10, 1, 3]


def test_every_summary_figure(january, january_grades):
    s = summarise(JAN, january, january_grades)
    assert s.letters_sent == 7
    assert s.on_time == Share(5, 7)
    assert s.on_time.percent == 71.4
    assert s.median_working_days == 19.0
    assert s.participated_4plus == Share(2, 5)
    assert s.participated_4plus.percent == 40.0
    assert s.under_4 == 2
    assert s.participation_problems == 2
    assert s.within_target == Share(4, 6)
    assert s.within_target.percent == 66.7
    assert s.top_jargon == (("placement", 3), ("contact", 2), ("lac", 1))
    assert s.grades == {
        Grade.OUTSTANDING: 0,
        Grade.GOOD: 2,
        Grade.REQUIRES_IMPROVEMENT: 0,
        Grade.INADEQUATE: 1,
    }
    assert s.audited == 3
    assert s.due_not_sent == 2


def test_summary_rows_show_counts_and_percentages(january, january_grades):
    rows = dict(summarise(JAN, january, january_grades).rows())
    assert rows["Period"] == "January 2026"
    assert rows["Letters sent"] == 7
    assert rows["Letters sent on time"] == "71.4% (5 of 7)"
    assert rows["Reviews held on time"] == "not recorded"  # no letter has its review's due date
    assert rows["Median working days, meeting to sent"] == 19.0
    assert rows["Children aged 4+ who participated (PN1-PN6)"] == "40% (2 of 5)"
    assert rows["Within target reading age"] == "66.7% (4 of 6)"
    assert rows["Most frequent jargon"] == "placement (3), contact (2), lac (1)"
    assert rows["Graded Good"] == 2
    assert rows["Graded Inadequate"] == 1


def test_an_empty_month_has_no_percentages():
    s = summarise(Period.parse("2026-03"), [], {})
    assert s.letters_sent == 0
    assert s.on_time.percent is None
    assert str(s.on_time) == "none to count"
    assert s.median_working_days is None
    assert s.top_jargon == ()
    assert sum(s.grades.values()) == 0


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(make_facts):
    facts = [
        make_facts(i, "Sam Invented", 9, date(2026, 1, 5), sent, "PN1", (9, 10), 9)
        for i, sent in enumerate([date(2026, 1, 7), date(2026, 1, 12)], start=1)
    ]
    assert summarise(JAN, facts, {}).median_working_days == 3.5  # 2 and 5 working days


def test_jargon_ties_are_alphabetical(make_facts):
    f = make_facts(
        1,
        "Sam Invented",
        9,
        date(2026, 1, 5),
        date(2026, 1, 7),
        "PN1",
        None,
        9,
        ("respite", "contact", "placement", "contact", "respite", "placement"),
    )
    assert top_jargon([f]) == (("contact", 2), ("placement", 2), ("respite", 2))


def test_reading_age_by_band(january):
    bands = {b.band: b for b in reading_by_band(sent_in(JAN, january))}
    assert list(bands) == ["under 7", "7-11", "12-15"]
    assert bands["under 7"].letters == 3  # ages 2, 3, 4
    assert bands["under 7"].median_reading == 7.5  # 6.5 and 8.5; age 2 unscored
    assert bands["7-11"].median_reading == 9.5  # two letters at 9-10
    assert bands["12-15"].median_target == 11.5  # 12 and 11


@pytest.mark.parametrize("text", ["2026-13", "Jan 2026", "26-01", ""])
def test_a_bad_month_is_a_clear_error(text):
    with pytest.raises(UserError, match="YYYY-MM"):
        Period.parse(text)


def test_a_year_period():
    year = Period.parse("2025")
    assert (year.start, year.end, year.title) == (date(2025, 1, 1), date(2025, 12, 31), "2025")
