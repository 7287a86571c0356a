"""`letters import`: .docx letters plus a CSV into a real SQLite store; all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from letters.audit.importer import ImportProblems, import_folder, read_docx
from letters.audit.tables import ImportRow
from letters.errors import StorageError
from letters.model import Status
from letters.store import Store, open_store

HEADER = "file,child,age,date_of_birth,meeting_date,sent_date,iro,review,participation,eal\n"


def write_letter(path, *, bold_headings=False, decisions=True):
    doc = Document()
    doc.add_paragraph("Dear Ellie,")
    doc.add_paragraph("It was good to see you at your meeting.")

    def heading(text):
        if bold_headings:
            doc.add_paragraph().add_run(text).bold = True
        else:
            doc.add_heading(text, level=2)

    heading("What you told us")
    doc.add_paragraph('You said "I love my dog Biscuit".')
    heading("Worries")
    doc.add_paragraph("We are worried that you feel tired at school.")
    heading("Things about your bike")
    doc.add_paragraph("Your bike needs a new tyre.")
    if decisions:
        heading("What we decided")
        table = doc.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ["What", "Who", "By when"], strict=True):
            cell.text = text
        for row in (["Find a swimming club", "Mo", "end of March"], ["Visit Nan", "Jo", ""]):
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    doc.save(str(path))


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "letters"
    f.mkdir()
    write_letter(f / "ellie.docx")
    write_letter(f / "sam.docx", bold_headings=True, decisions=False)
    (f / "letters.csv").write_text(
        HEADER
        + "ellie.docx,Ellie Stonebridge,9,,2025-12-19,2026-01-21,Priya Example,later,PN1,no\n"
        + "sam.docx,Sam Invented,,02/04/2022,05/01/2026,,Tom Sample,first,pn0,yes\n",
        "utf-8",
    )
    return f


def test_read_docx_sections_and_decisions(folder):
    sections, decisions = read_docx(folder / "ellie.docx")
    by_key = {s.key: s for s in sections}
    assert by_key["hello"].text == "Dear Ellie,\n\nIt was good to see you at your meeting."
    assert by_key["told_us"].text == 'You said "I love my dog Biscuit".'
    assert by_key["worries"].included
    assert by_key["things_about_your_bike"].title == "Things about your bike"
    assert not by_key["going_well"].included  # not in the file: left out
    assert [(d.what, d.who, d.by_when) for d in decisions] == [
        ("Find a swimming club", "Mo", "end of March"),
        ("Visit Nan", "Jo", ""),
    ]
    bold, _ = read_docx(folder / "sam.docx")
    assert {s.key for s in bold if s.included} == {
        "hello",
        "told_us",
        "worries",
        "things_about_your_bike",
    }


def test_import_stores_letters_and_refuses_a_second_import(folder, db_url):
    with open_store(db_url) as store:
        done = import_folder(store, folder, imported_by="Ann Auditor").letters
        assert [d.file_name for d in done] == ["ellie.docx", "sam.docx"]
        ellie = store.get(done[0].letter_id)
        assert ellie.child.name == "Ellie Stonebridge" and ellie.child_age == 9
        assert ellie.meeting.date == date(2025, 12, 19)
        assert (ellie.status, ellie.sent_on) == (Status.SENT, date(2026, 1, 21))
        assert ellie.meeting.participation == "PN1"
        assert len(ellie.decisions) == 2
        sam = store.get(done[1].letter_id)
        assert sam.child.date_of_birth == date(2022, 4, 2) and sam.child_age == 3
        assert sam.child.eal and sam.status == Status.DRAFT
        assert sam.meeting.participation == "PN0" and str(sam.meeting.review_kind) == "first"
        assert store.history(done[0].letter_id)[0].author == "Ann Auditor"

        with pytest.raises(ImportProblems) as info:
            import_folder(store, folder)
        assert "row 2 (ellie.docx): already imported as letter" in str(info.value)
        assert "row 3 (sam.docx): already imported" in str(info.value)
        assert len(store.list()) == 2


def test_every_bad_row_is_reported_and_nothing_is_imported(folder, db_url):
    (folder / "broken.docx").write_bytes(b"this is not a zip file")
    (folder / "letters.csv").write_text(
        HEADER
        + "ellie.docx,Ellie Stonebridge,9,,2025-12-19,2026-01-21,Priya Example,later,PN1,no\n"
        + "sam.docx,,nine,,2025-13-01,,Tom Sample,,PN9,perhaps\n"
        + "broken.docx,Leo Ashcombe,8,,2026-01-05,2026-01-02,Tom Sample,,PN1,\n"
        + "missing.docx,Isla Wrenford,8,,2026-01-05,,Tom Sample,,PN1,\n"
        + "broken.docx,Leo Ashcombe,8,,2026-01-05,,Tom Sample,,PN1,\n",
        "utf-8",
    )
    with open_store(db_url) as store:
        with pytest.raises(ImportProblems) as info:
            import_folder(store, folder)
        assert store.list() == []
    problems = info.value.problems
    assert problems[0].startswith("row 3 (sam.docx): child is empty")
    assert "give the child's age" not in problems[0]  # an age was given, just not a number
    for part in (
        "meeting_date '2025-13-01' is not a date",
        "age 'nine' is not a whole number",
        "eal 'perhaps' is not yes or no",
        "participation 'PN9' is not a code",
    ):
        assert part in problems[0]
    assert problems[1] == (
        "row 4 (broken.docx): sent_date: The sent date 2 January 2026 is before the meeting "
        "(5 January 2026): give the day the letter was sent; broken.docx is not a Word .docx file"
    )
    assert problems[2].startswith("row 5 (missing.docx): file 'missing.docx' is not in")
    assert problems[3] == "row 6 (broken.docx): broken.docx is not a Word .docx file"
    assert len(problems) == 4
    assert "nothing was imported" in str(info.value)


def test_dry_run_saves_nothing(folder, db_url):
    with open_store(db_url) as store:
        done = import_folder(store, folder, dry_run=True).letters
        assert [(d.file_name, d.letter_id) for d in done] == [
            ("ellie.docx", None),
            ("sam.docx", None),
        ]
        assert store.list() == []


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("file,child,meeting_date\n", "missing column iro"),
        ("file,child,meeting_date,iro,colour\n", "unknown column colour"),
    ],
)
def test_bad_header(folder, db_url, header, message):
    (folder / "letters.csv").write_text(header + "ellie.docx,E,2025-12-19,P,red\n", "utf-8")
    with open_store(db_url) as store, pytest.raises(ImportProblems, match=message):
        import_folder(store, folder)


def test_headers_may_be_written_as_in_a_spreadsheet(folder, db_url):
    (folder / "letters.csv").write_text(
        "File,Child,Age,Meeting date,Sent date,IRO\n"
        "ellie.docx,Ellie Stonebridge,9,19/12/2025,21/01/2026,Priya Example\n",
        "utf-8-sig",
    )
    with open_store(db_url) as store:
        [done] = import_folder(store, folder).letters
        assert store.get(done.letter_id).sent_on == date(2026, 1, 21)


def test_a_folder_needs_exactly_one_csv(folder, db_url):
    (folder / "other.csv").write_text(HEADER, "utf-8")
    with open_store(db_url) as store, pytest.raises(Exception, match="2 CSV files"):
        import_folder(store, folder)


def test_a_header_problem_does_not_stop_the_rows_being_checked(folder, db_url):
    (folder / "letters.csv").write_text(
        "file,child,age,date_of_birth,meeting_date,sent_date,iro,colour\n"
        "ellie.docx,Ellie,9,,2025-13-19,,Priya Example,red\n"
        "sam.docx,Sam,,,2026-01-05,,,blue\n",
        "utf-8",
    )
    with open_store(db_url) as store, pytest.raises(ImportProblems) as info:
        import_folder(store, folder, dry_run=True)
    assert info.value.problems == [
        "header: unknown column colour (columns: file, child, age, date_of_birth, meeting_date, sent_date, "
        "iro, review, participation, eal, reading_age, child_id, looked_after_since, previous_review_date, "
        "uasc, decisions_sent_date, late_reason)",
        "row 2 (ellie.docx): meeting_date '2025-13-19' is not a date (write 2025-12-19 or 19/12/2025)",
        "row 3 (sam.docx): iro is empty; give the child's age or date_of_birth",
    ]


def test_an_age_that_contradicts_the_date_of_birth_is_refused(folder, db_url):
    (folder / "letters.csv").write_text(
        HEADER + "ellie.docx,Ellie Stonebridge,9,02/04/2015,2025-12-19,,Priya Example,,PN1,\n",
        "utf-8",
    )
    with open_store(db_url) as store, pytest.raises(ImportProblems) as info:
        import_folder(store, folder, dry_run=True)
    assert info.value.problems == [
        "row 2 (ellie.docx): age: The date of birth makes the child 10 at the meeting, not 9: "
        "fix one or leave age empty"
    ]


def test_a_code_that_does_not_fit_the_age_is_a_warning_in_the_dry_run_too(folder, db_url):
    (folder / "letters.csv").write_text(
        HEADER
        + "ellie.docx,Ellie Stonebridge,3,,2025-12-19,,Priya Example,,PN1,\n"
        + "sam.docx,Sam Invented,9,,2025-12-19,,Tom Sample,,PN0,\n",
        "utf-8",
    )
    with open_store(db_url) as store:
        for dry in (True, False):
            report = import_folder(store, folder, dry_run=dry)
            assert report.warnings == [
                "row 2 (ellie.docx): The child was 3 at the review: children under 4 are recorded as PN0. "
                "(imported: the audit counts it as a participation problem)",
                "row 3 (sam.docx): PN0 is for children under 4, and the child was 9 at the review. "
                "(imported: the audit counts it as a participation problem)",
            ]
        assert len(store.list()) == 2


def test_a_field_too_long_for_csv_is_a_clear_problem(folder, db_url):
    (folder / "letters.csv").write_text(
        HEADER + 'ellie.docx,"Ellie' + "x" * 140_000 + '",9,,2025-12-19,,Priya Example,,PN1,\n',
        "utf-8",
    )
    with open_store(db_url) as store, pytest.raises(ImportProblems) as info:
        import_folder(store, folder)
    [problem] = info.value.problems
    assert problem.startswith("line 2: a value is longer than 131,072 characters")
    assert "the lines after it were not checked" in problem


def test_an_import_is_one_transaction(folder, db_url, monkeypatch):
    real_add = Store.add
    calls = []

    def failing_add(self, letter, **options):
        calls.append(letter)
        if len(calls) == 2:
            raise StorageError("The disk is full.")
        return real_add(self, letter, **options)

    monkeypatch.setattr(Store, "add", failing_add)
    with open_store(db_url) as store:
        with pytest.raises(StorageError, match="disk is full"):
            import_folder(store, folder)
        assert store.list(include_deleted=True) == []  # the first letter went with the second
        with store.transaction(write=False) as conn:
            assert conn.execute(ImportRow.__table__.select()).all() == []
        monkeypatch.setattr(Store, "add", real_add)
        assert len(import_folder(store, folder).letters) == 2  # and it can simply be run again


def test_a_csv_that_is_not_a_file_is_refused(folder, db_url):
    with open_store(db_url) as store, pytest.raises(Exception, match="is not a regular file"):
        import_folder(store, folder, csv_path=folder)
