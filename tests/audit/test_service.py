"""The audit over a real SQLite store: samples, grades, disagreements and the month's figures.

The store holds the January 2026 letters of conftest.py, with the checking engine run for real.
"""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from letters.audit.figures import Period, Share
from letters.audit.grade import Answer, Draft, Grade, GradeError
from letters.audit.service import AuditError, AuditService
from letters.audit.tables import DisagreementRow, FactsRow, GradeRow, SampleRow
from letters.config import AuditConfig, ChecksConfig, Config

JAN = Period.parse("2026-01")
SENT_IN_JAN = {1, 2, 3, 4, 5, 6, 10}
FIRST_NAMES = ["Ellie", "Noah", "Ava", "Jayden", "Maisie", "Oliver", "Zara", "Leo", "Isla", "Freddie"]


@pytest.fixture
def service(month_store):
    return AuditService(month_store, Config())


def _answers(service, letter_id, **overrides):
    _, _, evidence = service.evidence(letter_id)
    answers = {q: (e.suggested or Answer.PARTLY) for q, e in evidence.items()}
    answers.update({k.replace("_", "-"): v for k, v in overrides.items()})
    return answers


def test_every_summary_figure_from_the_store(service):
    data = service.export_data(JAN)
    s = data.summary
    assert {f.letter_id for f in data.letters} == SENT_IN_JAN
    assert s.letters_sent == 7
    assert s.on_time == Share(5, 7)
    assert s.median_working_days == 19.0
    assert s.participated_4plus == Share(2, 5)
    assert s.under_4 == 2
    assert s.participation_problems == 2
    assert s.due_not_sent == 2
    # Letters 4 (age 15) and 6 (age 4) carry long formal sentences; the rest are plain.
    assert s.within_target == Share(5, 7)
    assert not {f.letter_id for f in data.letters if f.within_target is False} ^ {4, 6}
    # JARGON is in letters 1 and 4 (and 7, sent in February): placement and contact twice each.
    assert dict(s.top_jargon)["placement"] == 2
    assert dict(s.top_jargon)["contact"] == 2
    assert s.audited == 0 and sum(s.grades.values()) == 0


def test_the_primer_letter_facts(service, month_store):
    facts = service.facts(month_store.get(1))
    assert (facts.meeting_date, facts.due, facts.sent_on) == (
        date(2025, 12, 19),
        date(2026, 1, 21),
        date(2026, 1, 21),
    )
    assert facts.working_days == 20 and facts.on_time
    assert facts.decisions == 1 and facts.decisions_incomplete == 0
    assert facts.told_us_quotes and facts.going_well and facts.worries


def test_sample_is_reproducible_and_saved_with_who_drew_it(service):
    sample = service.draw_sample("2026-01", drawn_by="Ann Auditor", per_iro=2, seed="7")
    assert (sample.method, sample.seed, sample.per_iro, sample.drawn_by) == (
        "random",
        "7",
        2,
        "Ann Auditor",
    )
    assert set(sample.letter_ids) <= SENT_IN_JAN
    assert [i.iro for i in sample.items] == ["Priya Example"] * 2 + ["Tom Sample"] * 2
    assert service.current_sample("2026-01") == sample

    with pytest.raises(AuditError, match="already has a sample, drawn by Ann Auditor"):
        service.draw_sample("2026-01", drawn_by="Bo", seed="7")
    again = service.draw_sample("2026-01", drawn_by="Bo", per_iro=2, seed="7", replace_existing=True)
    assert again.letter_ids == sample.letter_ids and again.id != sample.id
    with service.store.transaction(write=False) as conn:  # the first sample is kept, superseded
        rows = conn.execute(select(SampleRow.id, SampleRow.superseded_at)).all()
    assert len(rows) == 2 and rows[0].superseded_at is not None


def test_default_per_iro_comes_from_config(month_store):
    service = AuditService(month_store, Config(audit=AuditConfig(sample_per_iro=1)))
    sample = service.draw_sample("2026-01", drawn_by="Ann", seed="1")
    assert len(sample.items) == 2 and sample.per_iro == 1
    assert sample.seed == "1"


def test_pick_by_hand(service):
    sample = service.draw_sample("2026-01", drawn_by="Ann", letter_ids=[4, 1])
    assert sample.method == "by hand" and sample.letter_ids == (4, 1)
    with pytest.raises(AuditError, match="letter 7 was not sent in 2026-01"):
        service.draw_sample("2026-01", drawn_by="Ann", letter_ids=[7], replace_existing=True)


def test_nothing_to_sample(service):
    with pytest.raises(AuditError, match="no letters were sent in 2026-03"):
        service.draw_sample("2026-03", drawn_by="Ann")


def test_grade_keeps_disagreements_and_every_regrade(service):
    service.draw_sample("2026-01", drawn_by="Ann", letter_ids=[1, 4, 5])
    with pytest.raises(AuditError, match="letter 2 is not in the 2026-01 sample"):
        service.grade(2, "Ann", Draft(_answers(service, 2), overall=Grade.GOOD))

    answers = _answers(service, 1, jargon=Answer.YES)  # the evidence says Partly
    with pytest.raises(GradeError, match="give a reason"):
        service.grade(1, "Ann", Draft(answers, overall=Grade.GOOD))
    service.grade(
        1,
        "Ann",
        Draft(answers, reasons={"jargon": "Placement is explained."}, overall=Grade.REQUIRES_IMPROVEMENT),
    )
    service.grade(
        1,
        "Bo",
        Draft(
            answers,
            reasons={"jargon": "Explained in the letter."},
            overall=Grade.GOOD,
            comment="Regraded after moderation.",
        ),
    )
    service.grade(4, "Ann", Draft(_answers(service, 4), overall=Grade.INADEQUATE))
    service.grade(5, "Ann", Draft(_answers(service, 5), overall=Grade.GOOD))

    gradings = service.gradings(JAN)
    assert set(gradings) == {1, 4, 5}
    latest = gradings[1]
    assert (latest.auditor, latest.overall, latest.comment) == (
        "Bo",
        Grade.GOOD,
        "Regraded after moderation.",
    )
    assert latest.answer("jargon").reason == "Explained in the letter."
    with service.store.transaction(write=False) as conn:
        assert conn.execute(select(GradeRow.id)).all().__len__() == 4  # nothing overwritten
        reasons = conn.execute(select(DisagreementRow.auditor, DisagreementRow.reason)).all()
    assert sorted(tuple(r) for r in reasons) == [
        ("Ann", "Placement is explained."),
        ("Bo", "Explained in the letter."),
    ]
    s = service.export_data(JAN).summary
    assert s.grades == {
        Grade.OUTSTANDING: 0,
        Grade.GOOD: 2,
        Grade.REQUIRES_IMPROVEMENT: 0,
        Grade.INADEQUATE: 1,
    }
    assert s.audited == 3
    listed = {s.item.letter_id: s.grading for s in service.sampled("2026-01")}
    assert listed[1].overall is Grade.GOOD


def test_child_references_are_stable_and_keyed(service, month_store):
    a = service.child_ref(month_store.get(1))
    assert a == AuditService(month_store, Config()).child_ref(month_store.get(1))
    assert a.startswith("C-") and len(a) == 10
    assert a != service.child_ref(month_store.get(2))


def test_pseudonymous_export_from_the_store(service, tmp_path):
    service.draw_sample("2026-01", drawn_by="Ann", letter_ids=[1])
    service.grade(1, "Ann", Draft(_answers(service, 1), overall=Grade.GOOD))
    out = tmp_path / "jan.xlsx"
    service.export(JAN, "xlsx", out)
    wb = load_workbook(out)
    cells = [
        str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r if c is not None
    ]
    assert not [n for n in FIRST_NAMES if any(n in c for c in cells)]
    letters = list(wb["Letters"].iter_rows(values_only=True))[2:]  # under the title and header
    assert len(letters) == 7
    assert "Good" in letters[[r[1] for r in letters].index(1)]


def test_deleted_letters_leave_the_figures(service, month_store):
    month_store.delete(4)
    assert service.export_data(JAN).summary.letters_sent == 6


def test_facts_are_cached_until_the_letter_or_the_engine_changes(month_store, service):
    first = service.export_data(JAN)
    with service.store.transaction(write=False) as conn:
        # The 7 sent in January and letters 8 and 9, due in January and not sent by its end.
        assert len(conn.execute(select(FactsRow.letter_id)).all()) == 9
    again = AuditService(month_store, Config()).export_data(JAN)
    assert again.letters == first.letters

    letter = month_store.get(2)  # no jargon until now
    letter.section("worries").text += " Your respite placement starts soon."
    month_store.save(letter, amend_reason="A worry left out when it was sent.")  # letter 2 is sent
    changed = {f.letter_id: f for f in AuditService(month_store, Config()).export_data(JAN).letters}
    before = {f.letter_id: f for f in first.letters}
    assert before[2].jargon_count == 0 and changed[2].jargon_count > 0

    no_jargon = Config(checks=ChecksConfig(disabled=frozenset({"jargon", "acronym"})))
    quiet = {f.letter_id: f for f in AuditService(month_store, no_jargon).export_data(JAN).letters}
    assert quiet[2].jargon_count == 0 and quiet[1].jargon_count == 0


def test_a_seeded_sample_stays_the_same_when_later_letters_land_in_the_month(service, month_store):
    from tests.audit.month import build_letter
    from tests.stored import add_letter

    first = service.draw_sample("2026-01", drawn_by="Ann Auditor", per_iro=2, seed="7")
    for n in range(6):  # letters for both IROs, entered after the sample was drawn
        late = build_letter(f"Late{n} Example", 9, date(2026, 1, 12), date(2026, 1, 29), "PN1")
        late.meeting.iro = ("Priya Example", "Tom Sample")[n % 2]
        add_letter(month_store, late)
    again = service.draw_sample("2026-01", drawn_by="Bo", per_iro=2, seed="7", replace_existing=True)
    assert again.letter_ids == first.letter_ids
    assert again.letters_as_of == first.letters_as_of
    fresh = service.draw_sample("2026-01", drawn_by="Bo", per_iro=2, seed="8", replace_existing=True)
    assert fresh.letters_as_of > first.letters_as_of  # a new seed draws from the letters as they are now
