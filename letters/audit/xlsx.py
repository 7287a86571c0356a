"""The audit export as a workbook: one sheet per table of `sheets.py`, Summary first.

Percentages are numbers formatted as percentages (so they can be charted and summed), dates are
dates, and each sheet's first line says the period and how letters were counted; the Summary's
first line says whether children can be identified. Written in openpyxl's write-only mode, so a
year of letters stays fast and small in memory. Files are written by `exports.write_atomic`.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from letters.audit.figures import Share
from letters.audit.report import ExportData
from letters.audit.sheets import Percent, Table, all_tables

PERCENT = "0.0%"
DATE = "d mmm yyyy"
DATETIME = "d mmm yyyy hh:mm"


def _width(table: Table, column: int) -> float:
    longest = max([len(str(table.header[column]))] + [len(str(r[column])) for r in table.rows[:200]])
    return min(max(10, longest + 2), 60)


def write_xlsx(data: ExportData, path: Path) -> list[Path]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    from letters.audit.exports import write_atomic

    wb = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(ws: Any, value: Any) -> Any:
        if isinstance(value, Share):
            c = WriteOnlyCell(ws, value=value.fraction)
            c.number_format = PERCENT
        elif isinstance(value, Percent):
            c = WriteOnlyCell(ws, value=value.value / 100)
            c.number_format = PERCENT
        elif isinstance(value, datetime):
            c = WriteOnlyCell(ws, value=value)
            c.number_format = DATETIME
        elif isinstance(value, date):
            c = WriteOnlyCell(ws, value=value)
            c.number_format = DATE
        else:
            c = WriteOnlyCell(ws, value=value)
        return c

    for n, table in enumerate(all_tables(data)):
        ws = wb.create_sheet(table.sheet)
        # Lines above the header: the Summary has the note, the title, the basis and the date.
        above: list[Any] = []
        if n == 0:
            note = WriteOnlyCell(ws, value=data.note)
            note.font = Font(bold=True, color="C00000" if data.identify else "000000")
            above.append([note])
        title = WriteOnlyCell(ws, value=table.title)
        title.font = bold
        above.append([title])
        if n == 0:
            above.append([data.basis.sentence])
            if data.as_of:
                above.append([f"As at {data.as_of:%-d %B %Y}."])
            above.append([])
        # Write-only sheets take their layout before the first row.
        ws.freeze_panes = f"A{len(above) + 2}"
        for column in range(len(table.header)):
            wide = (52 if column == 0 else 18) if table.key == "summary" else _width(table, column)
            ws.column_dimensions[_column_letter(column)].width = wide
        for line in above:
            ws.append(line)
        heads = []
        for name in table.header:
            c = WriteOnlyCell(ws, value=name)
            c.font = bold
            c.alignment = Alignment(wrap_text=True, vertical="top")
            heads.append(c)
        ws.append(heads)
        for row in table.rows:
            ws.append([cell(ws, v) for v in row])
        if not table.rows:
            ws.append(["None in this period."])
    return [write_atomic(path, wb.save)]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))
