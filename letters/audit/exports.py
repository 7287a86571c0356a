"""The monthly audit export: a spreadsheet (xlsx), CSV files, and a Word report for managers.

Input is plain values (`ExportData`: the summary, each letter's facts, the gradings, the rubric);
output is files, written whole or not at all (a temporary file beside the target, renamed into
place) and readable by the user only. Pseudonymous unless `identify` is set: children appear as a
reference, never by name or date of birth; with `identify` the first sheet/page says so.
Must not read the database or run the checking engine (the caller gathers the values).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any

from letters.audit.evidence import LetterFacts
from letters.audit.figures import Summary, reading_by_band
from letters.audit.grade import Grade, Grading
from letters.audit.rubric import Rubric
from letters.checks.findings import RULES
from letters.errors import ExportError

FORMATS = ("xlsx", "csv", "docx")

PSEUDONYMOUS_NOTE = (
    "Pseudonymous: no child's name or date of birth appears here; each child is shown by a "
    "reference that only this database can link back to them."
)
IDENTIFY_NOTE = (
    "IDENTIFIABLE: this export contains children's names. For internal use only: "
    "do not share it outside the service."
)


@dataclass(frozen=True, slots=True)
class ExportData:
    summary: Summary
    letters: Sequence[LetterFacts]  # the period's letters (sent in it)
    gradings: dict[int, Grading]  # by letter id: the latest grading of each audited letter
    rubric: Rubric
    identify: bool = False
    working_day_limit: int = 20  # config.authority.letter_working_days, for the chart

    @property
    def note(self) -> str:
        return IDENTIFY_NOTE if self.identify else PSEUDONYMOUS_NOTE


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def letter_header(identify: bool) -> list[str]:
    head = ["Child reference"] + (["Child name"] if identify else [])
    head += [
        "Letter id",
        "Age band",
        "IRO",
        "Review",
        "Meeting date",
        "Due date",
        "Sent date",
        "Working days",
        "On time",
        "Participation code",
        "Participation problem",
        "Reading age from",
        "Reading age to",
        "Target reading age",
        "Within target",
        "Words",
        "Jargon",
        "Jargon per 100 words",
    ]
    head += [f"Findings: {rule}" for rule in RULES]
    head += ["Audit grade", "Auditor"]
    return head


def letter_row(f: LetterFacts, grading: Grading | None, identify: bool) -> list[Any]:
    row: list[Any] = [f.ref] + ([f.child_name] if identify else [])
    row += [
        f.letter_id,
        f.age_band,
        f.iro,
        f.review_kind,
        f.meeting_date,
        f.due,
        f.sent_on,
        f.working_days,
        _yes_no(f.on_time),
        f.participation or "",
        f.participation_problem or "",
        f.reading_low,
        f.reading_high,
        f.target,
        _yes_no(f.within_target),
        f.words,
        f.jargon_count,
        f.jargon_per_100,
    ]
    row += [f.count(rule) for rule in RULES]
    row += [grading.overall.value if grading else "", grading.auditor if grading else ""]
    return row


def answer_header(identify: bool) -> list[str]:
    return (
        ["Child reference"]
        + (["Child name"] if identify else [])
        + [
            "Letter id",
            "Auditor",
            "Graded at",
            "Question id",
            "Question",
            "Answer",
            "Comment",
            "Evidence",
            "Evidence suggested",
            "Auditor disagreed",
            "Reason for disagreeing",
        ]
    )


def answer_rows(data: ExportData) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for f in data.letters:
        g = data.gradings.get(f.letter_id)
        if g is None:
            continue
        who: list[Any] = [f.ref] + ([f.child_name] if data.identify else [])
        when = g.graded_at.replace(tzinfo=None) if g.graded_at else None
        for a in g.answers:
            text = next((q.text for q in data.rubric.questions if q.id == a.question), a.question)
            rows.append(
                who
                + [
                    f.letter_id,
                    g.auditor,
                    when,
                    a.question,
                    text,
                    a.answer.value,
                    a.comment,
                    a.evidence,
                    a.suggested.value if a.suggested else "",
                    _yes_no(a.disagrees),
                    a.reason,
                ]
            )
        rows.append(
            who
            + [
                f.letter_id,
                g.auditor,
                when,
                "overall",
                "Overall grade",
                g.overall.value,
                g.comment,
                "",
                "",
                "",
                "",
            ]
        )
    return rows


def _folder(path: Path) -> Path:
    folder = path.expanduser().parent
    if not folder.is_dir():
        raise ExportError(f"folder {folder} does not exist; create it or choose another --out.")
    return folder


def _write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Write a file whole or not at all, readable by the user only (0600)."""
    folder = _folder(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder} ({exc.strerror}); choose another --out.") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path} ({exc.strerror}); nothing was written.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_xlsx(data: ExportData, path: Path) -> list[Path]:
    """Sheets Summary (first: says whether children can be identified), Letters, Audit answers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only mode streams rows: a year of letters stays fast and small in memory.
    wb = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(ws: Any, names: Sequence[str]) -> None:
        cells = []
        for name in names:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)

    ws = wb.create_sheet("Summary")
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 40
    note = WriteOnlyCell(ws, value=data.note)
    note.font = Font(bold=True, color="C00000" if data.identify else "000000")
    ws.append([note])
    ws.append([])
    header(ws, ["Figure", "Value"])
    for label, value in data.summary.rows():
        ws.append([label, value])

    ws = wb.create_sheet("Letters")
    ws.freeze_panes = "A2"
    header(ws, letter_header(data.identify))
    for f in data.letters:
        ws.append(letter_row(f, data.gradings.get(f.letter_id), data.identify))

    ws = wb.create_sheet("Audit answers")
    ws.freeze_panes = "A2"
    header(ws, answer_header(data.identify))
    for row in answer_rows(data):
        ws.append(row)

    return [_write_atomic(path, wb.save)]


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, date) else v) for v in row])
    # A byte-order mark so that Excel opens the file as UTF-8.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _put(blob: bytes, out: IO[bytes]) -> None:
    out.write(blob)


def csv_paths(path: Path) -> tuple[Path, Path, Path]:
    """Letters at `path`; answers and summary beside it (-answers.csv, -summary.csv)."""
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    return (
        path if path.suffix.lower() == ".csv" else path.with_suffix(".csv"),
        stem.with_name(stem.name + "-answers.csv"),
        stem.with_name(stem.name + "-summary.csv"),
    )


def write_csv(data: ExportData, path: Path) -> list[Path]:
    """Three CSV files: letters, audit answers, summary (whose first line says who is named)."""
    letters_path, answers_path, summary_path = csv_paths(path)
    letters = [letter_header(data.identify)] + [
        letter_row(f, data.gradings.get(f.letter_id), data.identify) for f in data.letters
    ]
    answers = [answer_header(data.identify)] + answer_rows(data)
    summary: list[list[Any]] = [[data.note], ["Figure", "Value"]]
    summary += [[label, value] for label, value in data.summary.rows()]
    written = []
    for target, rows in ((summary_path, summary), (letters_path, letters), (answers_path, answers)):
        written.append(_write_atomic(target, partial(_put, _csv_bytes(rows))))
    return written


def _charts(data: ExportData) -> list[tuple[str, bytes]]:
    """PNG charts: reading age against target by age band, working days to send, grades."""
    import matplotlib

    matplotlib.use("Agg")  # no display: exports run in a terminal or a worker thread
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    def png(fig: Figure) -> bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
        return buf.getvalue()

    charts: list[tuple[str, bytes]] = []
    bands = reading_by_band(data.letters)
    fig = Figure(figsize=(6.5, 3.2))
    ax = fig.subplots()
    xs = range(len(bands))
    ax.bar(
        [x - 0.2 for x in xs],
        [b.median_reading or 0 for b in bands],
        0.4,
        label="Reading age (median)",
        color="#4472c4",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [b.median_target or 0 for b in bands],
        0.4,
        label="Target (median)",
        color="#a5a5a5",
    )
    ax.set_xticks(list(xs), [f"{b.band}\n({b.letters})" for b in bands])
    ax.set_ylabel("Reading age (years)")
    ax.set_title("Reading age against target, by age band (letters)")
    ax.legend(loc="upper left", fontsize=8)
    charts.append(("Reading age against target by age band", png(fig)))

    days = [f.working_days for f in data.letters if f.working_days is not None]
    fig = Figure(figsize=(6.5, 3.0))
    ax = fig.subplots()
    if days:
        ax.hist(days, bins=range(0, max(days) + 2), color="#4472c4", align="left")
    limit = data.working_day_limit
    ax.axvline(limit + 0.5, color="#c00000", linestyle="--", label=f"due within {limit}")
    ax.legend(fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Working days from the meeting to the letter being sent")
    ax.set_ylabel("Letters")
    ax.set_title("Working days to send")
    charts.append(("Working days to send", png(fig)))

    fig = Figure(figsize=(6.5, 2.6))
    ax = fig.subplots()
    names = ["Outstanding", "Good", "Requires\nimprovement", "Inadequate"]
    ax.bar(names, [data.summary.grades.get(g, 0) for g in Grade], color="#4472c4")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Letters")
    ax.set_title("Audit grades")
    charts.append(("Audit grades", png(fig)))
    return charts


def write_docx(data: ExportData, path: Path) -> list[Path]:
    """A short report for managers: the summary figures, three charts and the grades."""
    from docx import Document
    from docx.shared import Inches, Pt, RGBColor

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    props = doc.core_properties
    # Document properties carry no personal data: no author, no names.
    props.author = ""
    props.last_modified_by = ""
    props.title = f"Letters audit {data.summary.period.label}"
    props.comments = ""

    doc.add_heading(f"Outcome letters audit: {data.summary.period.title}", level=0)
    note = doc.add_paragraph().add_run(data.note)
    note.bold = True
    if data.identify:
        note.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    doc.add_heading("Summary", level=1)
    rows = data.summary.rows()
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for (label, value), row in zip(rows, table.rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = str(value)

    for title, blob in _charts(data):
        doc.add_heading(title, level=1)
        doc.add_picture(io.BytesIO(blob), width=Inches(6.2))

    audited = [(f, data.gradings[f.letter_id]) for f in data.letters if f.letter_id in data.gradings]
    doc.add_heading("Letters audited", level=1)
    if not audited:
        doc.add_paragraph("No letters sent in this period have been audited.")
    else:
        head = ["Child", "Letter", "IRO", "Grade", "Auditor"]
        table = doc.add_table(rows=1, cols=len(head))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.text = text
        for f, g in audited:
            cells = table.add_row().cells
            values = [
                f"{f.child_name} ({f.ref})" if data.identify else f.ref,
                str(f.letter_id),
                f.iro,
                g.overall.value,
                g.auditor,
            ]
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    return [_write_atomic(path, doc.save)]


def export(data: ExportData, fmt: str, path: Path) -> list[Path]:
    """Write the export in `fmt`; the files written."""
    writers = {"xlsx": write_xlsx, "csv": write_csv, "docx": write_docx}
    if fmt not in writers:
        raise ExportError(f"'{fmt}' is not an export format: use {', '.join(FORMATS)}.")
    _folder(path)  # before any work, so a typo in --out fails at once
    return writers[fmt](data, path.expanduser())
