"""The audit export: a workbook (xlsx), CSV files, or a Word report for managers.

Input is `ExportData` (`report.py`: the summaries, breakdowns, lists, gradings and rubric, with
how each person is shown); output is files, written whole or not at all (a temporary file beside
the target, renamed into place) and readable by the user only. Pseudonymous unless `identify` is
set: children and IROs appear as references and names are taken out of free text; with `identify`
the first sheet, file or page says so. The tables are defined once, in `sheets.py`; the workbook
is `xlsx.py`, the report `docx_report.py`. Must not read the database or run the checking engine.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import IO, Any

from letters.audit.cells import plain
from letters.audit.report import IDENTIFY_NOTE, PSEUDONYMOUS_NOTE, ExportData
from letters.audit.sheets import all_tables
from letters.errors import ExportError

__all__ = ["FORMATS", "IDENTIFY_NOTE", "PSEUDONYMOUS_NOTE", "ExportData", "csv_paths", "export"]

FORMATS = ("xlsx", "csv", "docx")


def _folder(path: Path) -> Path:
    folder = path.expanduser().parent
    if not folder.is_dir():
        raise ExportError(f"folder {folder} does not exist; create it or choose another --out.")
    return folder


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
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


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([plain(v) for v in row])
    # A byte-order mark so that Excel opens the file as UTF-8.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _put(blob: bytes, out: IO[bytes]) -> None:
    out.write(blob)


def csv_paths(path: Path, keys: tuple[str, ...] = ("letters", "answers", "summary")) -> tuple[Path, ...]:
    """The letters at `path`; each other table beside it (-answers.csv, -summary.csv, ...)."""
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    main = path if path.suffix.lower() == ".csv" else path.with_suffix(".csv")
    return tuple(main if k == "letters" else stem.with_name(f"{stem.name}-{k}.csv") for k in keys)


def write_csv(data: ExportData, path: Path) -> list[Path]:
    """One CSV per table. The summary's first lines say who is named, the period and the basis;
    every other file is a header and rows, each row ending with the period and the basis."""
    tables = all_tables(data)
    paths = dict(zip([t.key for t in tables], csv_paths(path, tuple(t.key for t in tables)), strict=True))
    blobs: list[tuple[Path, bytes]] = []
    for table in tables:
        if table.key == "summary":
            rows: list[list[Any]] = [[data.note], [table.title], [data.basis.sentence]]
            if data.as_of:
                rows.append([f"As at {data.as_of.isoformat()}"])
            rows += [table.header, *table.rows]
        else:
            tail = [data.period.label, data.basis.label]
            rows = [[*table.header, "Period", "Counted"], *([*r, *tail] for r in table.rows)]
        blobs.append((paths[table.key], _csv_bytes(rows)))
    # The summary first: a reader opening the folder sees the note before the data.
    blobs.sort(key=lambda pb: pb[0] != paths["summary"])
    return [write_atomic(p, partial(_put, blob)) for p, blob in blobs]


def export(data: ExportData, fmt: str, path: Path) -> list[Path]:
    """Write the export in `fmt`; the files written."""
    from letters.audit.docx_report import write_docx
    from letters.audit.xlsx import write_xlsx

    writers = {"xlsx": write_xlsx, "csv": write_csv, "docx": write_docx}
    if fmt not in writers:
        raise ExportError(f"'{fmt}' is not an export format: use {', '.join(FORMATS)}.")
    _folder(path)  # before any work, so a typo in --out fails at once
    return writers[fmt](data, path.expanduser())
