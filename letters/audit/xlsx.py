"""The audit export as a workbook: one sheet per table of `sheets.py`, Summary first.

Percentages are numbers formatted as percentages (so they can be charted and summed), dates are
dates, and each sheet's first line says the period and how letters were counted; the Summary's
first line says whether children can be identified. Written with XlsxWriter in memory (about
twice as fast as openpyxl for a year of letters, and no temporary files holding names); the file
itself is written whole by `exports.write_atomic`.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from letters.audit.cells import Percent, Table
from letters.audit.figures import Share
from letters.audit.report import ExportData
from letters.audit.sheets import all_tables

PERCENT = "0.0%"
DATE = "d mmm yyyy"
DATETIME = "d mmm yyyy hh:mm"


def _width(table: Table, column: int) -> float:
    if table.key == "summary":
        return 52 if column == 0 else 18
    longest = max([len(str(table.header[column]))] + [len(str(r[column])) for r in table.rows[:200]])
    return min(max(10, longest + 2), 60)


def _book(data: ExportData) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    note = wb.add_format({"bold": True, "font_color": "#C00000" if data.identify else "#000000"})
    percent = wb.add_format({"num_format": PERCENT})
    day = wb.add_format({"num_format": DATE})
    moment = wb.add_format({"num_format": DATETIME})

    for n, table in enumerate(all_tables(data)):
        ws = wb.add_worksheet(table.sheet)
        line = 0
        if n == 0:
            ws.write_string(line, 0, data.note, note)
            line += 1
        ws.write_string(line, 0, table.title, bold)
        line += 1
        if n == 0:
            ws.write_string(line, 0, data.basis.sentence)
            line += 1
            if data.as_of:
                ws.write_string(line, 0, f"As at {data.as_of:%-d %B %Y}.")
                line += 1
            line += 1
        for column in range(len(table.header)):
            ws.set_column(column, column, _width(table, column))
        for column, name in enumerate(table.header):
            ws.write_string(line, column, name, head)
        ws.freeze_panes(line + 1, 0)
        if table.rows and table.key != "summary":
            ws.autofilter(line, 0, line + len(table.rows), len(table.header) - 1)
        first = line + 1
        for row in table.rows:
            line += 1
            for column, value in enumerate(row):
                _write(ws, line, column, value, percent, day, moment)
        if table.key == "months" and table.rows:
            _month_chart(wb, ws, table, first, line)
        if not table.rows:
            ws.write_string(line + 1, 0, "None in this period.")
    wb.close()
    return buf.getvalue()


#: The month-by-month sheet's percentage columns charted: (this year, a year earlier), one colour each.
CHARTED = (
    ("Letters on time", "Letters on time, a year earlier", "#2f5597"),
    ("Reviews on time", "Reviews on time, a year earlier", "#70ad47"),
    ("Participation 4+", "Participation 4+, a year earlier", "#ed7d31"),
    ("Within target reading age", "Within target, a year earlier", "#7030a0"),
)


def _month_chart(wb: Any, ws: Any, table: Table, first: int, last: int) -> None:
    """A line chart beside the month-by-month table: each share this year (solid) and a year
    earlier (dashed, same colour), read from the sheet's own cells so it follows any edit."""
    chart = wb.add_chart({"type": "line"})
    months = [table.sheet, first, 0, last, 0]
    for this_year, year_before, colour in CHARTED:
        for name, dash in ((this_year, "solid"), (year_before, "dash")):
            column = table.header.index(name)
            chart.add_series(
                {
                    "name": [table.sheet, first - 1, column],
                    "categories": months,
                    "values": [table.sheet, first, column, last, column],
                    "line": {"color": colour, "dash_type": dash, "width": 2 if dash == "solid" else 1.25},
                    "marker": {"type": "circle" if dash == "solid" else "none", "size": 4},
                }
            )
    chart.set_title({"name": table.title})
    chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1, "major_gridlines": {"visible": True}})
    chart.set_x_axis({"name": "Month"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 900, "height": 420})
    chart.show_blanks_as("gap")  # a month with nothing to count is a gap, not 0%
    ws.insert_chart(last + 2, 0, chart)


def _write(ws: Any, row: int, col: int, value: Any, percent: Any, day: Any, moment: Any) -> None:
    if value is None:
        return
    if isinstance(value, Share):
        if value.fraction is None:
            ws.write_string(row, col, "none to count")
        else:
            ws.write_number(row, col, value.fraction, percent)
    elif isinstance(value, Percent):
        ws.write_number(row, col, value.value / 100, percent)
    elif isinstance(value, datetime):
        ws.write_datetime(row, col, value, moment)
    elif isinstance(value, date):
        ws.write_datetime(row, col, datetime(value.year, value.month, value.day), day)
    elif isinstance(value, bool):
        ws.write_string(row, col, "Yes" if value else "No")
    elif isinstance(value, int | float):
        ws.write_number(row, col, value)
    else:
        ws.write_string(row, col, str(value))


def write_xlsx(data: ExportData, path: Path) -> list[Path]:
    from letters.audit.exports import write_atomic

    blob = _book(data)

    def put(out: IO[bytes]) -> None:
        out.write(blob)

    return [write_atomic(path, put)]
