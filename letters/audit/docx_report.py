"""The managers' report (docx): what an IRO service takes to its Corporate Parenting Panel.

Page one: the authority's name and logo (config `[authority] name`, `logo`), the period, how letters
were counted, whether anyone can be identified, and every headline figure beside its target and last
period's value, with a heading for the manager's commentary. Then one section per theme (on time,
participation, reading age and words, audits, by IRO) with its tables, charts and a commentary
heading, and a last section saying how each figure is counted. The figures and tables come from
`ExportData` and `sheets.py`, so the report and the workbook always agree.

No database, no engine; written whole by `exports.write_atomic`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from letters.audit import charts
from letters.audit.cells import Percent, text
from letters.audit.figures import Figure, Share
from letters.audit.report import ExportData
from letters.audit.sheets import late_reviews_table, mismatch_table, overdue_table
from letters.errors import ExportError

TITLE = "Outcome letters and reviews: quality report"
COMMENTARY = (
    "Manager's commentary: what these figures show, why, and what will be done. (Replace this paragraph.)"
)
#: The headline figures of page one, by `Figure.key`.
HEADLINES = (
    "letters",
    "children",
    "letters_sent",
    "reviews_on_time",
    "letters_on_time",
    "decisions_on_time",
    "median_working_days",
    "due_not_sent",
    "participation_4plus",
    "under_4",
    "participation_problems",
    "within_target",
    "audited",
    "good_or_better",
)


def _set_cell(cell: Any, value: str, *, bold: bool = False, size: float = 9) -> None:
    from docx.shared import Pt

    cell.text = ""
    run = cell.paragraphs[0].add_run(value)
    run.bold = bold
    run.font.size = Pt(size)


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _table(
    doc: Any, header: Sequence[str], rows: Sequence[Sequence[Any]], *, widths: Sequence[float] = ()
) -> Any:
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        _set_cell(cell, name, bold=True)
        _shade(cell, "D9E2F3")
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            _set_cell(cell, text(value))
    if widths:
        # LibreOffice and Word read the grid's widths; each cell's width is set to match.
        table.autofit = False
        for i, width in enumerate(widths):
            table.columns[i].width = Cm(width)
            for row in table.rows:
                row.cells[i].width = Cm(width)
    return table


def _heading(doc: Any, words: str, level: int) -> None:
    doc.add_heading(words, level=level).paragraph_format.keep_with_next = True


def _commentary(doc: Any) -> None:
    from docx.shared import RGBColor

    _heading(doc, "Commentary", 3)
    run = doc.add_paragraph().add_run(COMMENTARY)
    run.font.color.rgb = RGBColor(0x70, 0x70, 0x70)


def _para(doc: Any, words: str) -> None:
    doc.add_paragraph(words)


def _chart(doc: Any, chart: charts.Chart | None) -> None:
    from docx.shared import Inches

    if chart is None:
        return
    _heading(doc, chart.title, 3)
    doc.add_picture(io.BytesIO(chart.png), width=Inches(5.6))


def _value(f: Figure | None) -> str:
    if f is None:
        return ""
    return f.text


def _target(f: Figure) -> str:
    if f.target is None:
        return ""
    met = f.met()
    mark = "" if met is None else (" (met)" if met else " (not met)")
    return f"{Percent(f.target)}{mark}"


def _logo(doc: Any, path: str) -> None:
    from docx.shared import Cm

    logo = Path(path).expanduser()
    try:
        blob = logo.read_bytes()
    except OSError as exc:
        raise ExportError(
            f"the logo {logo} cannot be read ({exc.strerror}); fix [authority] logo in the config file."
        ) from None
    if not blob.startswith((b"\x89PNG", b"\xff\xd8")):
        raise ExportError(
            f"the logo {logo} is not a PNG or JPEG image; fix [authority] logo in the config file."
        )
    doc.add_picture(io.BytesIO(blob), height=Cm(1.8))


def _first_page(doc: Any, data: ExportData) -> None:
    from docx.shared import Pt, RGBColor

    if data.logo:
        _logo(doc, data.logo)
    if data.authority_name:
        run = doc.add_paragraph().add_run(data.authority_name)
        run.bold = True
        run.font.size = Pt(14)
    doc.add_heading(TITLE, level=0)
    run = doc.add_paragraph().add_run(data.period.title)
    run.bold = True
    run.font.size = Pt(13)
    as_of = f" Figures as at {data.as_of:%-d %B %Y}." if data.as_of else ""
    _para(doc, f"{data.basis.sentence}{as_of}")
    note = doc.add_paragraph().add_run(data.note)
    note.bold = data.identify
    note.font.size = Pt(9)
    if data.identify:
        note.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    _heading(doc, "At a glance", 1)
    now = {f.key: f for f in data.summary.figures(data.targets)}
    before = {f.key: f for f in data.previous.figures(data.targets)} if data.previous else {}
    last = data.previous.period.short if data.previous else "last period"
    rows = [
        [now[k].label, _value(now[k]), _target(now[k]), _value(before.get(k))] for k in HEADLINES if k in now
    ]
    _table(doc, ["Figure", data.period.short, "Target", last], rows, widths=(7.4, 3.4, 2.8, 3.4))
    _commentary(doc)


def _on_time(doc: Any, data: ExportData) -> None:
    f = {x.key: x for x in data.summary.figures(data.targets)}
    _heading(doc, "1. Reviews and letters on time", 1)
    _para(
        doc,
        f"Reviews held on time: {f['reviews_on_time'].text}. Letters sent on time: "
        f"{f['letters_on_time'].text}. Decisions circulated on time: {f['decisions_on_time'].text}. "
        f"A letter is on time when it is sent within {data.working_day_limit} working days of the "
        "meeting.",
    )
    if data.months:
        first = "Reviews" if data.basis.value == "meeting" else "Letters"
        rows = [
            [
                m.month.short,
                m.summary.letters,
                m.summary.on_time,
                m.previous.on_time,
                m.summary.reviews_on_time,
            ]
            for m in data.months
        ]
        _heading(doc, f"Month by month ({data.basis.label})", 3)
        _table(
            doc,
            ["Month", first, "Letters on time", "A year earlier", "Reviews on time"],
            rows,
            widths=(2.4, 2.0, 4.2, 4.2, 4.2),
        )
        _chart(doc, charts.monthly_chart(data))
    _chart(doc, charts.working_days_chart(data))
    for table, empty in (
        (overdue_table(data), "No letter due in the period is unsent."),
        (late_reviews_table(data), "No review is recorded as held late."),
    ):
        _heading(doc, table.title, 3)
        if table.rows:
            _table(doc, table.header, table.rows)
        else:
            _para(doc, empty)
    _commentary(doc)


def _participation(doc: Any, data: ExportData) -> None:
    _heading(doc, "2. Participation", 1)
    _para(
        doc,
        f"Children aged 4 and over who participated in their review (codes PN1 to PN6): "
        f"{data.summary.participated_4plus}.",
    )
    groups = [[r.group, r.share] for r in data.participation if not r.group.startswith(("PN", "No code"))]
    _table(doc, ["Children aged 4+", "Participated"], groups, widths=(10.0, 7.0))
    codes = [[r.group, r.share] for r in data.participation if r.group.startswith(("PN", "No code"))]
    if codes:
        _heading(doc, "How children aged 4+ took part (reviews with each code)", 3)
        _table(doc, ["Code", "Reviews"], codes, widths=(12.0, 5.0))
    if data.young is not None:
        _heading(doc, "Children under 4", 3)
        ages = [[f"aged {age}", n] for age, n in data.young.by_age.items()]
        young = [[code, n] for code, n in data.young.by_code.items() if n or code == "PN0"]
        _table(doc, ["Code or age", "Reviews"], young + ages, widths=(10.0, 7.0))
    table = mismatch_table(data)
    _heading(doc, "Participation codes missing or not fitting the age", 3)
    if table.rows:
        _table(doc, table.header, table.rows, widths=(2.4, 1.4, 1.9, 2.4, 1.1, 1.3, 6.5))
    else:
        _para(doc, "Every review has a code that fits the child's age.")
    _commentary(doc)


def _reading(doc: Any, data: ExportData) -> None:
    _heading(doc, "3. Reading age and plain words", 1)
    _para(doc, f"Letters within the child's target reading age: {data.summary.within_target}.")
    _chart(doc, charts.reading_chart(data))
    jargon = data.summary.top_jargon
    _heading(doc, "Most frequent jargon", 3)
    if jargon:
        _table(
            doc,
            ["Word or phrase", "Times used"],
            [[data.free_text(t), n] for t, n in jargon],
            widths=(9.0, 6.0),
        )
    else:
        _para(doc, "No jargon was found in these letters.")
    _commentary(doc)


def _audits(doc: Any, data: ExportData) -> None:
    s = data.summary
    _heading(doc, "4. Audits", 1)
    _para(doc, f"Letters audited: {s.audited}. Graded Good or Outstanding: {s.good_or_better}.")
    grades: list[list[Any]] = [[g.value, Share(n, s.audited)] for g, n in s.grades.items()]
    _table(doc, ["Grade", "Letters audited"], grades, widths=(10.0, 7.0))
    _chart(doc, charts.grades_chart(data))
    audited = [(f, data.gradings[f.letter_id]) for f in data.letters if f.letter_id in data.gradings]
    _heading(doc, "Letters audited", 3)
    if audited:
        rows = [
            [
                f"{f.child_name} ({f.ref})" if data.identify else f.ref,
                f.letter_id,
                data.iro(f.iro),
                g.overall.value,
                g.auditor,
                g.graded_at.date() if g.graded_at else None,
            ]
            for f, g in audited
        ]
        _table(doc, ["Child", "Letter", "IRO", "Grade", "Auditor", "Graded"], rows)
    else:
        _para(doc, "No letters in this period have been audited.")
    _commentary(doc)


def _iros(doc: Any, data: ExportData) -> None:
    from letters.audit.report import iro_order

    _heading(doc, "5. By IRO", 1)
    if not data.identify:
        _para(doc, "IROs are shown by reference; an identifiable export names them.")
    rows = [
        [
            data.iro(r.iro),
            r.children,
            r.reviews,
            r.reviews_on_time,
            r.letters_on_time,
            r.within_target,
            r.participation_4plus,
            r.followed_up,
            r.decisions_overdue,
            r.audited,
        ]
        for r in iro_order(data)
    ]
    head = ["IRO", "Children", "Reviews", "Reviews on time", "Letters on time", "Within target"]
    head += ["Participation 4+", "Decisions followed up", "Decisions overdue", "Audited"]
    _table(doc, head, rows, widths=(1.8, 1.4, 1.4, 2.0, 2.0, 2.0, 2.0, 2.0, 1.6, 1.6))
    _chart(doc, charts.iro_chart(data))
    _commentary(doc)


def _about(doc: Any, data: ExportData) -> None:
    _heading(doc, "How these figures are counted", 1)
    for line in (
        data.basis.sentence,
        f"Working days leave out weekends and bank holidays. A letter is due {data.working_day_limit} "
        "working days after the meeting.",
        "Participation: reviews of children aged 4 and over recorded as PN1 to PN6 (SSDA903 codes). "
        "Children under 4 are recorded as PN0.",
        "Reading age: the checking engine's verdict, as the IRO saw it while writing: the formulas' "
        "estimate against a target for the child (from their age or known reading age), within "
        "target when no more than the engine's tolerance (half a year unless set) over.",
        "Audits: the latest grading of each letter in the period's samples.",
    ):
        doc.add_paragraph(line, style="List Bullet")


def write_docx(data: ExportData, path: Path) -> list[Path]:
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    from letters.audit.exports import write_atomic

    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    doc.styles["Title"].font.size = Pt(22)
    props = doc.core_properties
    # Document properties carry no personal data: no author, no names.
    props.author = ""
    props.last_modified_by = ""
    props.title = f"Letters audit {data.period.label}"
    props.comments = ""

    _first_page(doc, data)
    _on_time(doc, data)
    _participation(doc, data)
    _reading(doc, data)
    _audits(doc, data)
    _iros(doc, data)
    _about(doc, data)
    return [write_atomic(path, doc.save)]
