"""The export files, reopened with openpyxl, python-docx and csv, for the January 2026 month."""

from __future__ import annotations

import csv
import stat
from dataclasses import replace
from datetime import date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from letters.audit.evidence import evidence_map
from letters.audit.exports import csv_paths, export
from letters.audit.figures import Period
from letters.audit.grade import Answer, Draft, Grade, build_grading
from letters.audit.report import build_export_data
from letters.audit.rubric import load_rubric
from letters.config import Config
from letters.errors import ExportError

JAN = Period.parse("2026-01")
AS_OF = date(2026, 2, 5)


def table(ws, first):
    """A sheet's table: its header (the row starting with `first`) and the rows under it."""
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and r[0] == first)
    head = rows[at]
    return head, [dict(zip(head, r, strict=False)) for r in rows[at + 1 :] if any(v is not None for v in r)]


@pytest.fixture
def data(january, january_grades):
    rubric = load_rubric()
    config = Config()
    gradings = {}
    for f in january:
        if f.letter_id not in january_grades:
            continue
        evidence = evidence_map(rubric.questions, f, config)
        answers = {q: (s or Answer.PARTLY) for q, (_, s) in evidence.items()}
        reasons = {}
        if f.letter_id == 1:  # the auditor disagrees once, with a reason
            answers["jargon"] = Answer.YES
            reasons["jargon"] = "Both words are explained in the letter."
        draft = Draft(
            answers, {"own-words": "Lovely quotes."}, reasons, january_grades[f.letter_id], "Overall fine."
        )
        g = build_grading(rubric, f.letter_id, "Ann Auditor", draft, evidence)
        gradings[f.letter_id] = g.__class__(
            g.letter_id, g.auditor, g.overall, g.answers, g.comment, datetime(2026, 2, 3, 10, 0)
        )
    return build_export_data(JAN, january, gradings, rubric, Config(), as_of=AS_OF)


NAMES = ["Ellie", "Stonebridge", "Noah", "Quillfeather", "Jayden", "Maisie", "Freddie", "Calloway"]


def _all_text_xlsx(path):
    wb = load_workbook(path)
    return " ".join(
        str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    )


def test_xlsx_sheets_and_contents(data, tmp_path):
    out = tmp_path / "audit.xlsx"
    assert export(data, "xlsx", out) == [out]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Summary",
        "Per IRO",
        "Participation",
        "Under 4",
        "Code problems",
        "Due, not sent",
        "Reviews late",
        "Letters",
        "Audit answers",
    ]

    summary = wb["Summary"]
    assert summary["A1"].value.startswith("Pseudonymous")
    assert summary["A2"].value == "Summary: January 2026, counted by date sent"
    _, rows = table(summary, "Figure")
    figures = {r["Figure"]: r for r in rows}
    assert figures["Letters sent"]["Value"] == 7
    on_time = figures["Letters sent on time"]
    # A percentage is a number formatted as one, with its count and the whole beside it.
    assert on_time["Value"] == pytest.approx(5 / 7)
    assert (on_time["Count"], on_time["Out of"]) == (5, 7)
    assert figures["Median working days, meeting to sent"]["Value"] == 19
    participation = figures["Children aged 4+ who participated (PN1-PN6)"]
    assert participation["Value"] == pytest.approx(0.4)
    assert participation["Target"] == pytest.approx(0.97) and participation["Target met"] == "No"
    assert figures["Within target reading age"]["Value"] == pytest.approx(4 / 6)
    assert figures["Graded Good"]["Value"] == 2
    cells = {c.value: c for c in next(r for r in summary.iter_rows() if r[0].value == "Letters sent on time")}
    assert cells[on_time["Value"]].number_format == "0.0%"

    head, letters = table(wb["Letters"], "Child reference")
    assert "Child name" not in head
    assert len(letters) == 7
    primer = next(r for r in letters if r["Letter id"] == 1)
    assert primer["Child reference"] == "C-0001"
    assert primer["IRO"].startswith("IRO-")  # IROs by reference in a pseudonymous export
    assert primer["Meeting date"].date() == date(2025, 12, 19)
    assert primer["Due date"].date() == date(2026, 1, 21)
    assert primer["Working days"] == 20
    assert primer["On time"] == "Yes"
    assert primer["Participation code"] == "PN1"
    assert primer["Age band"] == "7-11"
    assert primer["Jargon"] == 2
    assert primer["Jargon per 100 words"] == 1.0
    assert primer["Findings: jargon"] == 2
    assert primer["Audit grade"] == "Good"

    _, answers = table(wb["Audit answers"], "Child reference")
    assert len(answers) == 3 * (len(data.rubric.questions) + 1)
    disagreed = [r for r in answers if r["Auditor disagreed"] == "Yes"]
    assert len(disagreed) == 1
    assert disagreed[0]["Question id"] == "jargon"
    assert disagreed[0]["Evidence suggested"] == "Partly"  # 1.0 per 100 words
    assert disagreed[0]["Answer"] == "Yes"
    assert disagreed[0]["Reason for disagreeing"] == "Both words are explained in the letter."

    text = _all_text_xlsx(out)
    assert not [n for n in NAMES if n in text]


def test_xlsx_identify_names_children_and_says_so(data, tmp_path):
    out = tmp_path / "named.xlsx"
    export(replace(data, identify=True), "xlsx", out)
    wb = load_workbook(out)
    assert wb.worksheets[0]["A1"].value.startswith("IDENTIFIABLE")
    head, letters = table(wb["Letters"], "Child reference")
    assert "Child name" in head
    assert "Ellie Stonebridge" in _all_text_xlsx(out)
    assert {r["IRO"] for r in letters} == {"Priya Example", "Tom Sample"}


def test_csv_one_file_per_table(data, tmp_path):
    out = tmp_path / "audit.csv"
    written = export(data, "csv", out)
    assert written[0] == tmp_path / "audit-summary.csv"  # the note is written first
    assert set(csv_paths(out)) <= set(written)
    assert {p.name for p in written} >= {
        "audit.csv",
        "audit-answers.csv",
        "audit-iros.csv",
        "audit-due-not-sent.csv",
    }
    for p in written:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
        assert not [n for n in NAMES if n in p.read_text("utf-8-sig")]
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7
    primer = next(r for r in rows if r["Letter id"] == "1")
    assert (primer["Meeting date"], primer["Sent date"], primer["Working days"]) == (
        "2025-12-19",
        "2026-01-21",
        "20",
    )
    assert (primer["Period"], primer["Counted"]) == ("2026-01", "counted by date sent")
    summary = (tmp_path / "audit-summary.csv").read_text("utf-8-sig").splitlines()
    assert summary[0].startswith('"Pseudonymous')
    assert "Letters sent,7,,,,,0,7" in summary  # none sent in December: 7 more
    assert any(line.startswith("Letters sent on time,71.4,5,7,") for line in summary)
    answers = (tmp_path / "audit-answers.csv").read_text("utf-8-sig")
    assert "Both words are explained in the letter." in answers


def docx_table(doc, first_heading):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first_heading)


def test_docx_report(data, tmp_path):
    out = tmp_path / "report.docx"
    export(data, "docx", out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = Document(str(out))
    paras = [p.text for p in doc.paragraphs]
    assert paras[0] == "Outcome letters and reviews: quality report"
    assert paras[1] == "January 2026"
    assert paras[2].startswith("Letters are counted by the date they were sent")
    assert "as at 5 February 2026" in paras[2]
    assert paras[3].startswith("Pseudonymous")
    glance = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in doc.tables[0].rows}
    assert glance["Figure"] == ["Jan 2026", "Target", "Dec 2025"]
    assert glance["Letters sent"] == ["7", "", "0"]
    assert glance["Letters sent on time"] == ["71.4% (5 of 7)", "", "none to count"]
    assert glance["Children aged 4+ who participated (PN1-PN6)"] == [
        "40% (2 of 5)",
        "97% (not met)",
        "none to count",
    ]
    assert glance["Median working days, meeting to sent"] == ["19", "", "none to count"]
    assert "Commentary" in paras  # a heading for the manager's own words
    jargon = [[c.text for c in r.cells] for r in docx_table(doc, "Word or phrase").rows[1:]]
    assert jargon == [["placement", "3"], ["contact", "2"], ["lac", "1"]]
    for title in (
        "Reading age against target, by age band",
        "Working days from meeting to letter",
        "Audit grades",
        "Letters sent on time, by IRO",
    ):
        assert title in paras
    assert len(doc.inline_shapes) == 4
    audited = [[c.text for c in r.cells] for r in docx_table(doc, "Child").rows[1:]]
    assert [(r[0], r[3]) for r in audited] == [
        ("C-0005", "Good"),
        ("C-0004", "Inadequate"),
        ("C-0001", "Good"),
    ]
    assert all(r[2].startswith("IRO-") for r in audited)  # no IRO name beside "Inadequate"
    body = " ".join(paras) + " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not [n for n in NAMES + ["Priya", "Tom Sample"] if n in body]
    assert doc.core_properties.author == ""


def test_docx_identify(data, tmp_path):
    out = tmp_path / "named.docx"
    export(replace(data, identify=True), "docx", out)
    doc = Document(str(out))
    assert doc.paragraphs[3].text.startswith("IDENTIFIABLE")
    audited = docx_table(doc, "Child").rows[1].cells
    assert (audited[0].text, audited[2].text) == ("Maisie Brackenhurst (C-0005)", "Tom Sample")


def test_missing_folder_is_a_clear_error_and_writes_nothing(data, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export(data, "xlsx", tmp_path / "nowhere" / "a.xlsx")
    assert not (tmp_path / "nowhere").exists()


def test_an_existing_file_is_replaced_whole(data, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "audit.xlsx"
    out.write_bytes(b"old")
    export(data, "xlsx", out)
    assert load_workbook(out).sheetnames[0] == "Summary"
    assert [p.name for p in out.parent.iterdir()] == ["audit.xlsx"]  # no temporary file left


def test_unknown_format(data, tmp_path):
    with pytest.raises(ExportError, match="xlsx, csv, docx"):
        export(data, "pdf", tmp_path / "a.pdf")


def test_grades_chart_counts_every_grade(data):
    assert data.summary.grades[Grade.OUTSTANDING] == 0
