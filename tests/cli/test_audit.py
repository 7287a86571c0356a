"""`letters audit sample|show|grade|export|rubric` and `letters import`, against a SQLite file."""

from __future__ import annotations

import stat
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from letters.cli import main
from letters.store import open_store
from tests.audit.month import january_letters
from tests.stored import add_letter


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "letters.db"
    with open_store(str(path)) as store:
        for letter in january_letters():
            add_letter(store, letter)
    return str(path)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_auditors_workflow(db, tmp_path, capsys):
    code, out, _ = run(
        capsys,
        "audit",
        "sample",
        "--month",
        "2026-01",
        "--seed",
        "11",
        "--by",
        "Ann Auditor",
        "--database",
        db,
    )
    assert code == 0
    assert "Sample for 2026-01: 6 letters, drawn at random (3 per IRO, seed 11), by Ann Auditor." in out
    assert "--seed 11" in out

    code, out, _ = run(capsys, "audit", "show", "--month", "2026-01", "--database", db)
    assert code == 0 and "0 of 6 graded." in out
    assert "Ellie" not in out  # pseudonymous unless --identify
    sampled = [int(line.split()[0]) for line in out.splitlines()[2:-1]]
    assert len(sampled) == 6

    letter = sampled[0]
    code, out, _ = run(capsys, "audit", "show", "--letter", str(letter), "--database", db)
    assert code == 0
    assert "[on-time] Was the letter sent on time?" in out and "Evidence:" in out

    code, out, err = run(
        capsys,
        "audit",
        "grade",
        "--letter",
        str(letter),
        "--answer",
        "to-child=yes",
        "--overall",
        "Good",
        "--by",
        "Ann",
        "--database",
        db,
    )
    assert code == 2 and "no answer for reading-age" in err

    code, out, _ = run(
        capsys,
        "audit",
        "grade",
        "--letter",
        str(letter),
        "--accept-suggested",
        "--answer",
        "own-words=Partly",
        "--reason",
        "own-words=Few quotes.",
        "--comment",
        "own-words=Ask for more.",
        "--overall",
        "RI",
        "--by",
        "Ann",
        "--database",
        db,
    )
    assert code == 0, out
    assert "Requires improvement to be good by Ann" in out
    assert "1 disagreement with the evidence" in out or "0 disagreements" in out

    code, out, _ = run(capsys, "audit", "show", "--month", "2026-01", "--identify", "--database", db)
    assert "1 of 6 graded." in out and "Requires improvement to be good (Ann)" in out

    xlsx = tmp_path / "jan.xlsx"
    code, out, _ = run(
        capsys,
        "audit",
        "export",
        "--month",
        "2026-01",
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
        "--database",
        db,
    )
    assert code == 0 and f"Wrote {xlsx}" in out and "Pseudonymous" in out
    assert stat.S_IMODE(xlsx.stat().st_mode) == 0o600
    wb = load_workbook(xlsx)
    rows = {r[0]: r[1:] for r in wb["Summary"].iter_rows(values_only=True)}
    assert rows["Letters sent"][0] == 7
    assert rows["Letters sent on time"][:3] == (pytest.approx(5 / 7), 5, 7)
    assert rows["Graded Requires improvement to be good"][0] == 1
    answers = list(wb["Audit answers"].iter_rows(values_only=True))
    assert "Ask for more." in [c for r in answers for c in r]

    docx = tmp_path / "jan.docx"
    code, out, _ = run(
        capsys,
        "audit",
        "export",
        "--month",
        "2026-01",
        "--format",
        "docx",
        "--out",
        str(docx),
        "--identify",
        "--database",
        db,
    )
    assert code == 0 and "IDENTIFIABLE" in out
    assert Document(str(docx)).paragraphs[3].text.startswith("IDENTIFIABLE")


def test_grade_from_a_toml_file(db, tmp_path, capsys):
    run(capsys, "audit", "sample", "--month", "2026-01", "--letters", "1,5", "--by", "Ann", "--database", db)
    grading = tmp_path / "grade.toml"
    answers = (
        "\n".join(
            f'{q} = "Yes"'
            for q in (
                "to-child",
                "reading-age",
                "own-words",
                "well-and-worries",
                "decisions",
                "participation",
                "adults-data",
            )
        )
        + '\non-time = "No"'
    )  # letter 5 was sent 21 working days after the meeting
    grading.write_text(
        'letter = 5\nauditor = "Ann Auditor"\noverall = "Outstanding"\n'
        f'[answers]\n{answers}\njargon = {{ answer = "Yes", comment = "none" }}\n',
        "utf-8",
    )
    code, out, err = run(capsys, "audit", "grade", "--file", str(grading), "--database", db)
    assert code == 0, err
    assert "Graded letter 5: Outstanding by Ann Auditor (9 answers, 0 disagreements" in out


def test_csv_export_writes_three_files(db, tmp_path, capsys):
    out_path = tmp_path / "jan.csv"
    code, out, _ = run(
        capsys,
        "audit",
        "export",
        "--month",
        "2026-01",
        "--format",
        "csv",
        "--out",
        str(out_path),
        "--database",
        db,
    )
    assert code == 0
    for name in ("jan.csv", "jan-answers.csv", "jan-summary.csv"):
        assert f"Wrote {tmp_path / name}" in out
    assert "Letters sent,7" in (tmp_path / "jan-summary.csv").read_text("utf-8-sig")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "sample", "--month", "2026-13"], "is not a month: write it as YYYY-MM"),
        (["audit", "sample", "--month", "2026-03"], "no letters were sent in 2026-03"),
        (["audit", "sample", "--month", "2026-01", "--letters", "7"], "letter 7 was not sent"),
        (["audit", "grade", "--letter", "1", "--overall", "Good"], "not in the 2026-01 sample"),
        (
            [
                "audit",
                "export",
                "--month",
                "2026-01",
                "--format",
                "xlsx",
                "--out",
                "/nonexistent/folder/a.xlsx",
            ],
            "does not exist",
        ),
    ],
)
def test_errors_are_one_clear_line(db, capsys, args, message):
    if args[1] in ("sample", "grade"):
        args = [*args, "--by", "Ann Auditor"]
    code, _, err = run(capsys, *args, "--database", db)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_rubric_lists_questions(capsys):
    code, out, _ = run(capsys, "audit", "rubric")
    assert code == 0 and "built-in rubric" in out and "on-time" in out


def test_import_then_audit(tmp_path, capsys):
    folder = tmp_path / "incoming"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph("Hello Ellie.")
    doc.add_heading("What you told us", level=2)
    doc.add_paragraph('You said "I like my new room".')
    doc.save(str(folder / "ellie.docx"))
    (folder / "letters.csv").write_text(
        "file,child,age,meeting_date,sent_date,iro,participation\n"
        "ellie.docx,Ellie,9,2025-12-19,2026-01-21,Priya Example,PN1\n",
        "utf-8",
    )
    db = str(tmp_path / "letters.db")
    code, _, err = run(capsys, "import", str(folder), "--dry-run", "--database", db)
    assert code == 2 and "say who you are" in err  # the login is not a person's name
    code, out, _ = run(capsys, "import", str(folder), "--dry-run", "--by", "Ann Auditor", "--database", db)
    assert code == 0 and "Checked 1 letter (nothing was saved)." in out
    code, out, _ = run(capsys, "import", str(folder), "--database", db)
    assert code == 0 and "ellie.docx as letter 1" in out
    code, _, err = run(capsys, "import", str(folder), "--database", db)
    assert code == 2 and "already imported as letter 1" in err
    code, out, _ = run(capsys, "audit", "sample", "--month", "2026-01", "--database", db)
    assert code == 0 and "Sample for 2026-01: 1 letter," in out


def test_show_month_prints_each_letters_sent_date(db, capsys):
    run(
        capsys,
        "audit",
        "sample",
        "--month",
        "2026-01",
        "--letters",
        "1,5",
        "--by",
        "Ann Auditor",
        "--database",
        db,
    )
    code, out, _ = run(capsys, "audit", "show", "--month", "2026-01", "--database", db)
    assert code == 0
    assert "<10" not in out
    rows = {line.split()[0]: line for line in out.splitlines()[2:-1]}
    assert "2026-01-21" in rows["1"] and "2026-01-02" in rows["5"]


def test_the_auditor_is_asked_once_and_is_never_an_account(db, capsys):
    code, _, err = run(capsys, "audit", "sample", "--month", "2026-01", "--database", db)
    assert code == 2 and "say who you are" in err
    code, _, err = run(capsys, "audit", "sample", "--month", "2026-01", "--by", "root", "--database", db)
    assert code == 2 and "'root' is a computer account, not a person" in err
    code, out, _ = run(
        capsys, "audit", "sample", "--month", "2026-01", "--by", "Ann Auditor", "--database", db
    )
    assert code == 0 and "by Ann Auditor." in out
    code, out, _ = run(capsys, "audit", "grade", "--letter", "1", "--month", "2026-01", "--database", db)
    assert "say who you are" not in out  # remembered: the grade fails for want of answers, not a name
    code, out, err = run(
        capsys, "audit", "sample", "--month", "2026-01", "--replace", "--seed", "3", "--database", db
    )
    assert code == 0 and "by Ann Auditor." in out


def test_export_a_financial_year_by_meeting_date(db, tmp_path, capsys):
    out_path = tmp_path / "fy.xlsx"
    code, out, err = run(
        capsys,
        "audit",
        "export",
        "--year",
        "2025-26",
        "--by",
        "meeting",
        "--format",
        "xlsx",
        "--out",
        str(out_path),
        "--database",
        db,
    )
    assert code == 0, err
    assert "2025-26 (April 2025 to March 2026), counted by meeting date." in out
    wb = load_workbook(out_path)
    assert "Month by month" in wb.sheetnames
    months = wb["Month by month"]
    header = next(r for r in months.iter_rows(values_only=True) if r[0] == "Month")
    on_time = header.index("Letters on time")
    shares = [r[on_time] for r in months.iter_rows(values_only=True) if r[0] and r[0] != "Month"][1:]
    numbers = [v for v in shares if v != "none to count"]  # a month with nothing to count: a gap
    assert len(shares) == 12 and numbers and all(0 <= v <= 1 for v in numbers)
    # A chart of the shares this year and a year earlier, drawn from the sheet's own cells.
    with zipfile.ZipFile(out_path) as book:
        sheet = wb.sheetnames.index("Month by month") + 1
        rels = book.read(f"xl/worksheets/_rels/sheet{sheet}.xml.rels").decode()
        assert "drawing" in rels
        chart = book.read("xl/charts/chart1.xml").decode()
    assert chart.count("<c:ser>") == 8 and "<c:lineChart>" in chart
    column = chr(ord("A") + on_time)
    assert f"'Month by month'!${column}$" in chart and 'formatCode="0%"' in chart
    rows = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert rows["Reviews held"] == 10 and rows["Letters sent for these reviews"] == 9
    code, _, err = run(
        capsys,
        "audit",
        "export",
        "--year",
        "2025-27",
        "--format",
        "xlsx",
        "--out",
        str(out_path),
        "--database",
        db,
    )
    assert code == 2 and "is not a year" in err
    code, _, err = run(
        capsys,
        "audit",
        "export",
        "--year",
        "2025",
        "--by",
        "week",
        "--format",
        "csv",
        "--out",
        str(out_path),
        "--database",
        db,
    )
    assert code == 2 and "use --by meeting or --by sent" in err


def test_show_a_letter_amended_after_sending_gives_both_texts(db, capsys):
    with open_store(db, person="pnandra") as store:
        letter = store.get(1)
        hello = letter.section("hello")
        sent_text = hello.text
        hello.text = "Ellie, this letter had the wrong date for your next meeting. It is on 4 March."
        store.save(letter, amend_reason="The date of the next meeting was wrong.")

    code, out, _ = run(capsys, "audit", "show", "--letter", "1", "--database", db)
    assert code == 0
    assert "Amended after sending" in out and "The date of the next meeting was wrong." in out
    assert "The letter as sent (revision 1) and as it is now (revision 2):" in out
    sent_line = next(line for line in out.splitlines() if line.strip().startswith("As sent:"))
    now_line = next(line for line in out.splitlines() if line.strip().startswith("Now:"))
    assert "[child], this letter had the wrong date" in now_line and "4 March" in now_line
    assert sent_line.split("As sent:")[1].strip().split()[:3] != now_line.split("Now:")[1].strip().split()[:3]
    assert "Ellie" not in out  # names out unless --identify

    code, out, _ = run(capsys, "audit", "show", "--letter", "1", "--identify", "--database", db)
    assert "Now:     Ellie, this letter had the wrong date" in out
    assert " ".join(sent_text.split())[:40] in out  # what the child was sent, as it was


def test_show_a_letter_not_amended_has_no_comparison(db, capsys):
    code, out, _ = run(capsys, "audit", "show", "--letter", "1", "--database", db)
    assert code == 0 and "As sent:" not in out and "as it is now" not in out
