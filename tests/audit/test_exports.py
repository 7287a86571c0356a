"""The export files, reopened with openpyxl, python-docx and csv, for the January 2026 month."""

from __future__ import annotations

import csv
import stat
from datetime import date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from letters.audit.evidence import evidence_map
from letters.audit.exports import ExportData, csv_paths, export
from letters.audit.figures import Period, sent_in, summarise
from letters.audit.grade import Answer, Draft, Grade, build_grading
from letters.audit.rubric import load_rubric
from letters.config import Config
from letters.errors import ExportError

JAN = Period.parse("2026-01")


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
    summary = summarise(JAN, january, january_grades)
    return ExportData(summary, sent_in(JAN, january), gradings, rubric)


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
    assert wb.sheetnames == ["Summary", "Letters", "Audit answers"]

    summary = wb["Summary"]
    assert summary["A1"].value.startswith("Pseudonymous")
    figures = {r[0]: r[1] for r in summary.iter_rows(min_row=4, values_only=True)}
    assert figures["Letters sent"] == 7
    assert figures["Sent on time"] == "71.4% (5 of 7)"
    assert figures["Median working days, meeting to sent"] == 19
    assert figures["Children aged 4+ who participated (PN1-PN6)"] == "40% (2 of 5)"
    assert figures["Within target reading age"] == "66.7% (4 of 6)"
    assert figures["Graded Good"] == 2

    rows = list(wb["Letters"].iter_rows(values_only=True))
    head = rows[0]
    assert "Child name" not in head
    assert len(rows) == 1 + 7
    primer = dict(zip(head, next(r for r in rows if r[head.index("Letter id")] == 1), strict=True))
    assert primer["Child reference"] == "C-0001"
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

    answers = list(wb["Audit answers"].iter_rows(values_only=True))
    ahead = answers[0]
    assert len(answers) == 1 + 3 * (len(data.rubric.questions) + 1)
    disagreed = [
        dict(zip(ahead, r, strict=True)) for r in answers[1:] if r[ahead.index("Auditor disagreed")] == "Yes"
    ]
    assert len(disagreed) == 1
    assert disagreed[0]["Question id"] == "jargon"
    assert disagreed[0]["Evidence suggested"] == "Partly"  # 1.0 per 100 words
    assert disagreed[0]["Answer"] == "Yes"
    assert disagreed[0]["Reason for disagreeing"] == "Both words are explained in the letter."

    text = _all_text_xlsx(out)
    assert not [n for n in NAMES if n in text]


def test_xlsx_identify_names_children_and_says_so(data, tmp_path):
    out = tmp_path / "named.xlsx"
    export(ExportData(data.summary, data.letters, data.gradings, data.rubric, identify=True), "xlsx", out)
    wb = load_workbook(out)
    assert wb.worksheets[0]["A1"].value.startswith("IDENTIFIABLE")
    head = next(wb["Letters"].iter_rows(values_only=True))
    assert "Child name" in head
    assert "Ellie Stonebridge" in _all_text_xlsx(out)


def test_csv_three_files(data, tmp_path):
    out = tmp_path / "audit.csv"
    written = export(data, "csv", out)
    assert sorted(written) == sorted(csv_paths(out))
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
    summary = (tmp_path / "audit-summary.csv").read_text("utf-8-sig").splitlines()
    assert summary[0].startswith("Pseudonymous")
    assert "Letters sent,7" in summary
    answers = (tmp_path / "audit-answers.csv").read_text("utf-8-sig")
    assert "Both words are explained in the letter." in answers


def test_docx_report(data, tmp_path):
    out = tmp_path / "report.docx"
    export(data, "docx", out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = Document(str(out))
    paras = [p.text for p in doc.paragraphs]
    assert paras[0] == "Outcome letters audit: January 2026"
    assert paras[1].startswith("Pseudonymous")
    summary = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert summary["Letters sent"] == "7"
    assert summary["Sent on time"] == "71.4% (5 of 7)"
    assert summary["Median working days, meeting to sent"] == "19"
    assert summary["Most frequent jargon"] == "placement (3), contact (2), lac (1)"
    assert len(doc.inline_shapes) == 3  # reading age by band, working days, grades
    for title in ("Reading age against target by age band", "Working days to send", "Audit grades"):
        assert title in paras
    audited = [[c.text for c in r.cells] for r in doc.tables[1].rows[1:]]
    assert [(r[0], r[3]) for r in audited] == [
        ("C-0005", "Good"),
        ("C-0004", "Inadequate"),
        ("C-0001", "Good"),
    ]
    body = " ".join(paras) + " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not [n for n in NAMES if n in body]
    assert doc.core_properties.author == ""


def test_docx_identify(data, tmp_path):
    out = tmp_path / "named.docx"
    export(ExportData(data.summary, data.letters, data.gradings, data.rubric, identify=True), "docx", out)
    doc = Document(str(out))
    assert doc.paragraphs[1].text.startswith("IDENTIFIABLE")
    assert doc.tables[1].rows[1].cells[0].text == "Maisie Brackenhurst (C-0005)"


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
