"""The child's record and a review's dates, typed in the app: the new-letter steps, and the
dialogs of a child's letters (e: the record, m: a review). Real app, real SQLite file, reopened."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from letters.audit.figures import Basis, Share
from letters.audit.periods import Period
from letters.audit.service import AuditService
from letters.config import Config
from letters.model import Child, Letter, Meeting, ReviewKind, Status
from letters.store import open_store
from letters.store.gate import mark
from letters.tui.screens.child import ChildScreen
from letters.tui.screens.confirm import ConfirmScreen
from letters.tui.screens.letters import LettersScreen
from letters.tui.screens.new_letter import NewLetterScreen
from letters.tui.screens.record_dialogs import ChildRecordDialog, ReviewRecordDialog
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.form_field import FormField
from tests.tui.helpers import TODAY, app_for, async_test, screen_text, settle, type_text, wait_until


async def fill(pilot: Pilot[object], field: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#in-{field}", Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.pause()


def problem(pilot: Pilot[object], field: str) -> str:
    return pilot.app.screen.query_one(f"#f-{field}", FormField).problem


async def open_child(pilot: Pilot[object], letter_id: int) -> ChildScreen:
    app = pilot.app
    await settle(pilot)
    if isinstance(app.screen, WritingScreen):  # the app reopened the letter last open: back to the list
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LettersScreen))
        await settle(pilot)
    listing = app.screen
    assert isinstance(listing, LettersScreen)
    listing.query_one(DataTable).move_cursor(row=[s.id for s in listing.summaries].index(letter_id))
    await pilot.press("h")
    await wait_until(pilot, lambda: isinstance(app.screen, ChildScreen) and app.screen.view is not None)
    screen = app.screen
    assert isinstance(screen, ChildScreen)
    return screen


@async_test
async def test_a_new_letter_records_the_child_and_the_review_and_the_audit_reads_them(db_url: str) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewLetterScreen)
        await fill(pilot, "name", "Noor")
        await fill(pilot, "age", "12")
        await fill(pilot, "case_id", "MOS-" + "7" * 100)
        assert problem(pilot, "case_id").startswith("A case number is one line of at most 100 characters")
        await fill(pilot, "case_id", "MOS-7734")
        assert problem(pilot, "case_id") == ""
        await fill(pilot, "looked_after_since", "31/02/2026")
        assert problem(pilot, "looked_after_since") == "There is no 31 February 2026: check the day."
        await fill(pilot, "looked_after_since", "01/01/2030")
        assert problem(pilot, "looked_after_since") == (
            "The date they became looked after is in the future: check the year."
        )
        await fill(pilot, "looked_after_since", "14/04/2026")
        assert problem(pilot, "looked_after_since") == ""
        app.screen.query_one("#in-uasc", Select).value = "yes"
        await pilot.pause()
        await pilot.press("pagedown")
        await settle(pilot)
        assert "step 2 of 3: The meeting" in screen_text(app)

        await fill(pilot, "meeting_date", "01/04/2026")
        app.screen.query_one("#in-review_kind", Select).value = "first"
        app.screen.query_one("#in-participation", Select).value = "PN1"
        await fill(pilot, "iro", "Priya Nandra")
        await fill(pilot, "decisions_sent_on", "10/03/2026")
        await pilot.press("pagedown")
        await pilot.pause()
        assert "step 2 of 3" in screen_text(app)  # refused, and said why under each field
        assert problem(pilot, "meeting_date") == (
            "The child became looked after on 14 April 2026, after the meeting (1 April 2026): a "
            "review is held once a child is looked after. Check both dates."
        )
        assert problem(pilot, "decisions_sent_on") == (
            "The decisions sent date 10 March 2026 is before the meeting (1 April 2026): give the "
            "day the decisions were sent to the adults."
        )
        await fill(pilot, "meeting_date", "18/11/2026")
        await fill(pilot, "decisions_sent_on", "2026-12-02")
        assert problem(pilot, "decisions_sent_on").endswith("is in the future: give the day they were sent.")
        await fill(pilot, "decisions_sent_on", "20/11/2026")
        await fill(pilot, "late_reason", "The carer was in hospital")
        await pilot.press("pagedown")
        await settle(pilot)
        assert "step 3 of 3" in screen_text(app), screen_text(app)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: isinstance(app.screen, WritingScreen))
        made = app.screen.letter
        assert made.id is not None

    # A new session on the same file: the child's screen shows what was typed.
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_child(pilot, made.id)
        text = screen_text(app)
        assert "Noor" in text and "case number MOS-7734" in text
        assert "Looked after since 14 Apr 2026" in text and "asylum-seeking child: yes" in text
        assert "20 Nov 2026" in text  # decisions sent
        assert "The carer was in hospital" in text  # beside the late review

    with open_store(db_url, config=Config()) as store:
        data = AuditService(store, Config()).export_data(
            Period.calendar_year(2026), basis=Basis.MEETING, as_of=TODAY
        )
        assert data.summary.decisions_on_time == Share(1, 1)  # due 25 Nov (5 working days)
        late = [(o.facts.meeting_date, o.facts.review_late_reason) for o in data.late_reviews]
        assert late == [(date(2026, 11, 18), "The carer was in hospital")]  # first review due 13 May
        assert [f.uasc for f in data.letters] == [True]


def two_children(db_url: str) -> tuple[int, int, int]:
    """Ellie's two letters (her record: LCS-9, not UASC) and Zac's (LCS-77): (first, second, Zac's)."""
    with open_store(db_url, config=Config()) as store:
        ids = []
        for meeting, kind in ((date(2026, 5, 12), ReviewKind.FIRST), (date(2026, 8, 20), ReviewKind.SECOND)):
            letter = Letter(
                Child("Ellie", date_of_birth=date(2017, 3, 8), case_id="LCS-9" if not ids else ""),
                Meeting(meeting, review_kind=kind, iro="Priya Nandra", participation="PN1"),
            )
            ids.append(store.add(letter))
        assert letter.child_id is not None
        store.update_child(letter.child_id, looked_after_since=date(2026, 4, 14), uasc=False)
        zac = store.add(
            Letter(
                Child("Zac", age=12, case_id="LCS-77"),
                Meeting(date(2026, 9, 1), iro="Tom Sample", participation="PN1"),
            )
        )
        return ids[0], ids[1], zac


@async_test
async def test_the_childs_record_is_edited_from_their_letters(db_url: str) -> None:
    first, _, _ = two_children(db_url)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        child = await open_child(pilot, first)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ChildRecordDialog))
        dialog = app.screen
        assert dialog.query_one("#in-case_id", Input).value == "LCS-9"
        assert dialog.query_one("#in-looked_after_since", Input).value == "14/04/2026"
        assert dialog.query_one("#in-uasc", Select).value == "no"

        await fill(pilot, "looked_after_since", "01/09/2026")
        assert problem(pilot, "looked_after_since").startswith(
            "The child became looked after on 1 September 2026, after the meeting (12 May 2026)"
        )
        await fill(pilot, "looked_after_since", "10/04/2026")
        await fill(pilot, "case_id", "LCS-77")  # Zac's: the store refuses, the dialog stays
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Zac" in screen_text(app) or "already" in screen_text(app))
        note = str(dialog.query_one("#record-problem", Static).content)
        assert "Case number LCS-77 is already child" in note and app.screen is dialog
        await fill(pilot, "case_id", "LCS-10")
        dialog.query_one("#in-uasc", Select).value = "not recorded"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is child and "LCS-10" in screen_text(app))
        text = screen_text(app)
        assert "Looked after since 10 Apr 2026" in text and "asylum-seeking child: not recorded" in text

        # Leaving with a change asks first; staying keeps what was typed.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ChildRecordDialog))
        await fill(pilot, "case_id", "LCS-11")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")  # stay
        await wait_until(pilot, lambda: isinstance(app.screen, ChildRecordDialog))
        assert app.screen.query_one("#in-case_id", Input).value == "LCS-11"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is child)

    with open_store(db_url, config=Config()) as store:
        record = store.child(store.get(first).child_id or 0)
        assert (record.case_id, record.looked_after_since, record.uasc) == ("LCS-10", date(2026, 4, 10), None)
        # The first letter still says LCS-9; saving it again does not put the old number back.
        letter = store.get(first)
        letter.sections[0].text = "Hello Ellie."
        store.save(letter)
        assert store.child(record.id).case_id == "LCS-10"


@async_test
async def test_a_reviews_dates_are_saved_as_a_revision_and_a_sent_letter_asks_why(db_url: str) -> None:
    first, second, _ = two_children(db_url)
    with open_store(db_url, config=Config()) as store:
        mark(store, first, Status.SENT, sent_on=date(2026, 5, 20), reason="Synthetic test letter")
        revisions = len(store.history(second))
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        child = await open_child(pilot, first)
        child.query_one(DataTable).move_cursor(row=1)  # the second review, 20 Aug: held 6 days late
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewRecordDialog))
        dialog = app.screen
        assert isinstance(dialog, ReviewRecordDialog)
        assert dialog.title_text.endswith("Due 12 Aug 2026: 6 working days late, no reason given.")
        assert not dialog.query("#in-amend_reason")  # a draft: no amendment
        await fill(pilot, "decisions_sent_on", "01/01/2027")
        await fill(pilot, "previous_review", "20/08/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert problem(pilot, "decisions_sent_on").endswith("is in the future: give the day they were sent.")
        assert problem(pilot, "previous_review").startswith(
            "The previous review (20 August 2026) is not before"
        )
        assert "Fix the 2 things marked" in str(dialog.query_one("#record-problem", Static).content)
        await fill(pilot, "previous_review", "")
        await fill(pilot, "decisions_sent_on", "27/08/2026")
        await fill(pilot, "late_reason", "Moved for the school holidays")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is child and "27 Aug 2026" in screen_text(app))
        assert "6 working days late: Moved for the school holidays" in screen_text(app)

        # The first letter was sent: its dates change only as an amendment, with a reason.
        child.query_one(DataTable).move_cursor(row=0)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewRecordDialog))
        await fill(pilot, "decisions_sent_on", "14/05/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert problem(pilot, "amend_reason").startswith("Say why the sent letter's record changes")
        await fill(pilot, "amend_reason", "Decisions date found in the case file")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is child and "14 May 2026" in screen_text(app))

    with open_store(db_url, config=Config()) as store:
        saved = store.get(second)
        assert saved.meeting.decisions_sent_on == date(2026, 8, 27)
        assert saved.meeting.late_reason == "Moved for the school holidays"
        assert len(store.history(second)) == revisions + 1
        amended = store.history(first)[-1]
        assert amended.kind == "amended" and amended.reason == "Decisions date found in the case file"
        assert store.get(first).meeting.decisions_sent_on == date(2026, 5, 14)
