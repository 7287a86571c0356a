"""The audit screens: choose a month, draw the sample, grade a letter (with a disagreement), export.

Real app, real SQLite under tmp_path, the checking engine run for real. The child-reference key is
fixed so that snapshots show the same references on every run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert
from textual.widgets import Checkbox, DataTable, Input, RadioSet, Select, Static

from letters.audit.figures import Period
from letters.audit.grade import Answer, Draft, Grade
from letters.audit.service import AuditService
from letters.audit.tables import KeyRow
from letters.config import Config
from letters.store import open_store
from letters.tui.screens.audit import AuditScreen, last_month
from letters.tui.screens.audit_export import AuditExportScreen
from letters.tui.screens.audit_grade import GradeScreen
from letters.tui.screens.confirm import ConfirmScreen
from tests.audit.month import january_letters
from tests.stored import add_letter
from tests.tui.helpers import NOW, app_for, async_test, screen_text, settle, wait_until

SIZE = (120, 40)
FIRST_NAMES = ["Ellie", "Noah", "Ava", "Jayden", "Maisie", "Oliver", "Freddie"]


@pytest.fixture
def audit_db(db_url: str) -> str:
    with open_store(db_url) as store:
        for letter in january_letters():
            add_letter(store, letter)
        with store.engine.begin() as conn:
            conn.execute(insert(KeyRow).values(purpose="child-ref", secret="ab" * 32))
    return db_url


def drawn(db_url: str) -> None:
    """The January sample as Ann Auditor drew it, at the tests' fixed time."""
    with open_store(db_url) as store:
        AuditService(store, Config(), now=lambda: NOW).draw_sample(
            "2026-01", drawn_by="Ann Auditor", seed="11"
        )


async def open_month(pilot, month: str = "2026-01") -> AuditScreen:
    app = pilot.app
    await wait_until(pilot, lambda: app.store is not None, what="the store")
    screen = AuditScreen(month=month)
    app.push_screen(screen)
    await wait_until(pilot, lambda: screen.view is not None, what="the month")
    screen.query_one("#audit-auditor", Input).value = "Ann Auditor"
    await settle(pilot)
    return screen


def test_last_month():
    from datetime import date

    assert last_month(date(2026, 1, 14)) == "2025-12"
    assert last_month(date(2026, 11, 24)) == "2026-10"


@async_test
async def test_draw_grade_and_see_the_grade(audit_db):
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_month(pilot)
        assert "No sample yet for 2026-01: 7 letters were sent" in screen_text(app)
        screen.query_one("#audit-seed", Input).value = "11"
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count == 6, what="the sample")
        text = screen_text(app)
        assert "Sample for 2026-01: 0 of 6 letters graded." in text
        assert "Drawn at random (3 per IRO, seed 11) by Ann Auditor" in text
        assert not [n for n in FIRST_NAMES if n in text]  # references, not names

        table = screen.query_one(DataTable)
        table.move_cursor(row=[one.item.letter_id for one in screen.view.letters].index(1))
        await pilot.press("ctrl+g")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, GradeScreen) and app.screen.form is not None,
            what="the grading form",
        )
        grade = app.screen
        assert isinstance(grade, GradeScreen)
        assert "Sent 21 Jan 2026, 20 working days after the meeting" in screen_text(app)
        # Every answer starts as the evidence suggests; no reason box is shown.
        draft = grade.draft()
        assert all(
            draft.answers[q] is e.suggested for q, e in grade.form.evidence.items() if e.suggested is not None
        )
        assert not draft.reasons

        # Disagree on jargon: the reason box appears and is required.
        suggested = grade.form.evidence["jargon"].suggested
        grade.query_one("#answer-jargon", RadioSet).focus()
        await settle(pilot)
        for _ in range(3):  # move along the answers with the keys until one is not the suggestion
            await pilot.press("right", "space")
            await settle(pilot)
            if grade.draft().answers["jargon"] is not suggested:
                break
        other = grade.draft().answers["jargon"]
        assert other is not suggested
        reason = grade.query_one("#reason-jargon", Input)
        assert not reason.has_class("hidden")
        grade.query_one("#overall", Select).value = Grade.GOOD
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Eight answers are still the evidence's suggestions: one ctrl+s does not accept them unseen.
        assert isinstance(app.screen, ConfirmScreen)
        assert "8 answers are still as the evidence suggested" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is grade  # refused: no reason yet, and nothing was lost
        assert grade.draft().answers["jargon"] is other
        assert "Not saved:" in screen_text(app) and "give a reason for disagreeing" in screen_text(app)

        reason.focus()
        await pilot.press(*"Explained")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen, what="back to the sample")
        await wait_until(pilot, lambda: "1 of 6 letters graded" in screen_text(app), what="the grade")
        assert "Good (AA)" in screen_text(app)

    with open_store(audit_db) as store:
        saved = AuditService(store, Config()).gradings(Period.parse("2026-01"))[1]
    assert saved.auditor == "Ann Auditor" and saved.overall is Grade.GOOD
    jargon = saved.answer("jargon")
    assert jargon.answer is other and jargon.reason == "Explained" and jargon.disagrees


async def open_grading(pilot, screen: AuditScreen, letter_id: int) -> GradeScreen:
    table = screen.query_one(DataTable)
    table.move_cursor(row=[one.item.letter_id for one in screen.view.letters].index(letter_id))
    await pilot.press("ctrl+g")
    await wait_until(
        pilot,
        lambda: isinstance(pilot.app.screen, GradeScreen) and pilot.app.screen.form is not None,
        what="the grading form",
    )
    await settle(pilot)
    return pilot.app.screen


@async_test
async def test_escape_asks_before_throwing_away_a_grading(audit_db):
    drawn(audit_db)
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_month(pilot)
        grade = await open_grading(pilot, screen, screen.view.letters[0].item.letter_id)
        await pilot.press("escape")  # nothing changed: straight back
        await wait_until(pilot, lambda: app.screen is screen, what="back to the sample")

        grade = await open_grading(pilot, screen, screen.view.letters[0].item.letter_id)
        grade.query_one("#overall-comment", Input).value = "Half done"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "Throw away this grading?" in screen_text(app)
        await pilot.press("escape")  # keep grading
        await settle(pilot)
        assert app.screen is grade and grade.query_one("#overall-comment", Input).value == "Half done"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is screen, what="back to the sample")


@async_test
async def test_earlier_gradings_are_shown_with_who_and_when(audit_db):
    drawn(audit_db)
    with open_store(audit_db) as store:
        service = AuditService(store, Config(), now=lambda: NOW)
        letter_id = service.current_sample("2026-01").letter_ids[0]
        _, _, evidence = service.evidence(letter_id)
        answers = {q: e.suggested or Answer.PARTLY for q, e in evidence.items()}
        service.grade(letter_id, "Bo Moderator", Draft(answers, overall=Grade.REQUIRES_IMPROVEMENT))
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_month(pilot)
        await open_grading(pilot, screen, letter_id)
        text = screen_text(app)
        assert "Grading as Ann Auditor. Graded before: 24 Nov 2026" in text
        assert "Requires improvement to be good by Bo Moderator" in text


@async_test
async def test_a_letter_amended_after_sending_shows_both_texts(audit_db):
    drawn(audit_db)
    with open_store(audit_db, person="pnandra") as store:
        service = AuditService(store, Config(), now=lambda: NOW)
        letter_id = service.current_sample("2026-01").letter_ids[0]
        letter = store.get(letter_id)
        child = letter.child.name.split()[0]
        letter.section("hello").text = f"{child}, your next meeting is on 4 March, not 4 May."
        store.save(letter, amend_reason="The date of the next meeting was wrong.")
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_month(pilot)
        grade = await open_grading(pilot, screen, letter_id)
        shown = str(grade.query_one("#grade-amended", Static).render())
        assert grade.query_one("#grade-amended", Static).display
        assert "Amended after sending." in shown and "as it is now (revision 2)" in shown
        assert "Now:     [child], your next meeting is on 4 March, not 4 May." in shown
        assert child not in shown  # the grading screen shows children by reference


@async_test
async def test_the_chosen_answer_is_a_symbol_without_colour(audit_db, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    drawn(audit_db)
    app = app_for(audit_db)
    async with app.run_test(size=(120, 80)) as pilot:  # tall enough for every question
        screen = await open_month(pilot)
        grade = await open_grading(pilot, screen, screen.view.letters[0].item.letter_id)
        text = screen_text(app)
        chosen = [q.id for q in grade.form.rubric.questions if grade.draft().answers.get(q.id)]
        assert text.count("●") == len(chosen)  # one chosen answer per question shown
        assert "○" in text


@async_test
async def test_the_auditor_is_a_person_and_is_remembered(audit_db):
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_month(pilot)
        field = screen.query_one("#audit-auditor", Input)
        field.value = "root"
        await pilot.press("ctrl+d")
        # The refusal comes back from the database worker: wait for it, however busy the machine.
        await wait_until(
            pilot,
            lambda: any("is a computer account, not a person" in n.message for n in app._notifications),
            what="the refusal",
        )
        assert screen.view.sample is None  # nothing drawn
        field.value = "Ann Auditor"
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count > 0, what="the sample")
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.store is not None, what="the store")
        screen = AuditScreen(month="2026-01")
        app.push_screen(screen)
        await wait_until(pilot, lambda: screen.view is not None, what="the month")
        assert screen.query_one("#audit-auditor", Input).value == "Ann Auditor"


@async_test
async def test_export_from_the_screen(audit_db, tmp_path):
    drawn(audit_db)
    out = tmp_path / "exports"
    out.mkdir()
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_month(pilot)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, AuditExportScreen))
        dialog = app.screen
        path = dialog.query_one("#audit-export-path", Input)
        assert path.value.endswith("letters-audit-2026-01.xlsx")
        dialog.query_one("#audit-export-format", Select).value = "docx"
        await settle(pilot)
        assert path.value.endswith("letters-audit-2026-01.docx")
        dialog.query_one("#audit-export-format", Select).value = "xlsx"
        path.value = str(out / "nowhere" / "jan.xlsx")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen is dialog  # the folder does not exist: said so, dialog kept
        path.value = str(out / "jan.xlsx")
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: not isinstance(app.screen, AuditExportScreen))
    wb = load_workbook(out / "jan.xlsx")
    assert wb["Summary"]["A1"].value.startswith("Pseudonymous")
    rows = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert rows["Letters sent"] == 7
    assert app.place.export_dir == str(out)


@async_test
async def test_export_a_financial_year_by_meeting_date(audit_db, tmp_path):
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_month(pilot)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, AuditExportScreen))
        dialog = app.screen
        period = dialog.query_one("#audit-export-period", Input)
        period.value = "2025-13"
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen is dialog  # not a period: said so, dialog kept
        period.value = "2025-26"
        await settle(pilot)
        path = dialog.query_one("#audit-export-path", Input)
        assert path.value.endswith("letters-audit-2025-26.xlsx")
        path.value = str(tmp_path / "fy.xlsx")
        dialog.query_one("#audit-export-basis", Select).value = "meeting"
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: not isinstance(app.screen, AuditExportScreen))
    wb = load_workbook(tmp_path / "fy.xlsx")
    assert wb["Summary"]["A2"].value == "Summary: 2025-26 (April 2025 to March 2026), counted by meeting date"
    rows = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert rows["Reviews held"] == 10  # every January letter's meeting is in the financial year
    assert "Month by month" in wb.sheetnames


@async_test
async def test_export_with_names_says_so(audit_db, tmp_path):
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_month(pilot)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, AuditExportScreen))
        dialog = app.screen
        dialog.query_one("#audit-export-identify", Checkbox).value = True
        await settle(pilot)
        assert "will name children" in screen_text(app)
        dialog.query_one("#audit-export-path", Input).value = str(tmp_path / "named.xlsx")
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: not isinstance(app.screen, AuditExportScreen))
    assert load_workbook(tmp_path / "named.xlsx")["Summary"]["A1"].value.startswith("IDENTIFIABLE")


@async_test
async def test_a_month_with_no_letters(audit_db):
    app = app_for(audit_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_month(pilot, "2026-05")
        assert "No letters were sent in 2026-05" in screen_text(app)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert screen.query_one(DataTable).row_count == 0


# -- snapshots -------------------------------------------------------------------------------------


def test_snapshot_sample(audit_db, snap_compare):
    drawn(audit_db)

    async def before(pilot):
        await open_month(pilot)

    assert snap_compare(app_for(audit_db), terminal_size=SIZE, run_before=before)


def test_snapshot_grade(audit_db, snap_compare):
    drawn(audit_db)

    async def before(pilot):
        screen = await open_month(pilot)
        screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("ctrl+g")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, GradeScreen) and pilot.app.screen.form is not None
        )
        await settle(pilot)

    assert snap_compare(app_for(audit_db), terminal_size=SIZE, run_before=before)


def test_snapshot_sample_at_80x24(audit_db, snap_compare):
    drawn(audit_db)
    with open_store(audit_db) as store:
        service = AuditService(store, Config(), now=lambda: NOW)
        for letter_id in service.current_sample("2026-01").letter_ids[:3]:
            _, _, evidence = service.evidence(letter_id)
            answers = {q: e.suggested or Answer.PARTLY for q, e in evidence.items()}
            service.grade(letter_id, "Ann Auditor", Draft(answers, overall=Grade.REQUIRES_IMPROVEMENT))

    async def before(pilot):
        await open_month(pilot)

    assert snap_compare(app_for(audit_db), terminal_size=(80, 24), run_before=before)


def test_snapshot_export(audit_db, snap_compare, tmp_path):
    async def before(pilot):
        await open_month(pilot)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditExportScreen))
        path = pilot.app.screen.query_one("#audit-export-path", Input)
        path.value = "/home/auditor/Documents/Letters/letters-audit-2026-01.xlsx"
        path.cursor_blink = False  # the cursor drawn on or off by the clock made the picture differ
        pilot.app.screen.set_focus(None)  # and no text cursor at all: the picture is of the form
        await settle(pilot)

    assert snap_compare(app_for(audit_db), terminal_size=SIZE, run_before=before)


def test_screens_live_in_their_own_modules():
    # The app opens the audit with one line; the screens do not need anything else from it.
    from letters.tui.screens import audit

    assert Path(audit.__file__).name == "audit.py"
    assert callable(audit.open_audit)
