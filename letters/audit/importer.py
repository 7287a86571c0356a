"""`letters import FOLDER`: letters written elsewhere (.docx) brought in so they can be audited.

The folder holds the .docx letters and one CSV listing them, one row per letter (format in README,
"Importing letters"):

    file,child,age,date_of_birth,meeting_date,sent_date,iro,review,participation,eal,reading_age
    ellie.docx,Ellie,9,,2025-12-19,2026-01-21,Priya Example,later,PN1,no,

Required: file, child, meeting_date, iro, and age or date_of_birth. Dates are 2026-01-21 or
21/01/2026. A letter with a sent_date is stored as sent on that date. Optional columns give the
child's record and the review's timeliness: child_id (the authority's case number, which puts
letters of one child together), looked_after_since, uasc (yes/no), previous_review_date (the review
before, when it is not in this database), decisions_sent_date, late_reason.

Everything is checked before anything is saved, and every problem of every row and column is
listed at once (a wrong header does not stop the rows being checked); if there is any, nothing is
imported. An age that contradicts the date of birth is a problem; a participation code that does
not fit the child's age is a warning (the letter is imported and the audit counts the mismatch),
listed in the dry run too. The import is one `Store.transaction`: all the letters and the record
of their import are saved together, or nothing is. A file already imported (same content) is
refused, so running the import twice is harmless. Files are read only when regular and not huge.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from letters.audit.docx_reader import read_docx
from letters.errors import InputError, UserError
from letters.limits import DEFAULT_DATE_LIMITS, DateError, DateLimits, letter_problems, parse_date
from letters.model import PARTICIPATION, Child, Letter, Meeting, ReviewKind, Status, participation_problem

if TYPE_CHECKING:
    from letters.store import Store

COLUMNS = (
    "file",
    "child",
    "age",
    "date_of_birth",
    "meeting_date",
    "sent_date",
    "iro",
    "review",
    "participation",
    "eal",
    "reading_age",
    # The child's record and the review's timeliness (all optional).
    "child_id",
    "looked_after_since",
    "previous_review_date",
    "uasc",
    "decisions_sent_date",
    "late_reason",
)
REQUIRED = ("file", "child", "meeting_date", "iro")

#: A CSV listing letters is a few kilobytes per hundred letters.
MAX_CSV_BYTES = 20_000_000

T = TypeVar("T")

__all__ = ["ImportProblems", "ImportReport", "Imported", "import_folder", "read_docx"]


class ImportProblems(UserError):
    """One or more rows or files cannot be imported; nothing was imported."""

    def __init__(self, problems: list[str], source: str) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"{len(problems)} problem{'' if len(problems) == 1 else 's'} in {source}; "
            f"nothing was imported. Fix them and run the import again:\n{lines}"
        )


@dataclass(frozen=True, slots=True)
class Imported:
    file_name: str
    letter_id: int | None  # None on a dry run


@dataclass(frozen=True, slots=True)
class ImportReport:
    letters: list[Imported]
    warnings: list[str] = field(default_factory=list)  # imported, but worth a look


def _date(text: str) -> date:
    return parse_date(text)  # letters.limits: the one date parser (a DateError is a ValueError)


def _yes(text: str) -> bool:
    value = text.strip().lower()
    if value in ("", "no", "n", "false", "0"):
        return False
    if value in ("yes", "y", "true", "1"):
        return True
    raise ValueError(text)


def _find_csv(folder: Path) -> Path:
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if len(found) != 1:
        where = "no CSV file" if not found else f"{len(found)} CSV files"
        raise UserError(
            f"{folder} has {where}; put one CSV listing the letters there, or name it with --csv."
        )
    return found[0]


def _read_csv(path: Path) -> str:
    """The CSV's text: only a regular file, not too big, in UTF-8."""
    try:
        if not path.is_file():
            if not path.exists():
                raise UserError(f"{path} does not exist; check the --csv path.")
            raise UserError(f"{path} is not a regular file; give the CSV file listing the letters.")
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise UserError(
                f"{path} is {size // 1_000_000} MB, far more than a list of letters "
                f"(at most {MAX_CSV_BYTES // 1_000_000} MB); check it is the right file."
            )
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; save it from Excel as 'CSV UTF-8'.") from None
    except OSError as exc:
        raise UserError(f"cannot read {path} ({exc.strerror}).") from None


def _rows(text: str, problems: list[str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and (line number, row) pairs; a line the csv module cannot read is a problem."""
    reader = csv.reader(text.splitlines())
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    start = 1  # the line the record being read starts on (a quoted value may span lines)
    try:
        for values in reader:
            line, start = start, reader.line_num + 1
            if not header:
                header = [_column(h) for h in values]
                continue
            if not any(v.strip() for v in values):
                continue  # a blank line, as spreadsheets leave at the end
            row = dict(zip(header, values, strict=False))
            if len(values) > len(header):
                problems.append(f"row {line}: {len(values)} values but {len(header)} columns in the header")
            rows.append((line, row))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            detail = (
                f"a value is longer than {csv.field_size_limit():,} characters; often a quote "
                '(") that is opened and never closed runs on to the end of the file'
            )
        else:
            detail = f"it cannot be read as CSV ({exc})"
        problems.append(f"line {start}: {detail}; the lines after it were not checked")
    return header, rows


#: The letter file's names of the fields a CSV row fills, as the row's columns.
_COLUMN_OF = {
    "child.name": "child",
    "child.age": "age",
    "child.date_of_birth": "date_of_birth",
    "child.reading_age": "reading_age",
    "meeting.date": "meeting_date",
    "meeting.iro": "iro",
    "sent_on": "sent_date",
}


def _row_letter(
    row: dict[str, str], folder: Path, columns: set[str], limits: DateLimits = DEFAULT_DATE_LIMITS
) -> tuple[Letter, Path, str, list[str]]:
    """A letter, its file, the file's hash and warnings from one row; ValueError with every problem."""
    problems: list[str] = []

    def get(key: str) -> str:
        return (row.get(key) or "").strip()

    for key in REQUIRED:
        if key in columns and not get(key):  # a missing column is reported once, for the header
            problems.append(f"{key} is empty")

    def parse(key: str, fn: Callable[[str], T], what: str) -> T | None:
        if not get(key):
            return None
        try:
            return fn(get(key))
        except DateError as exc:
            detail = f": {exc}" if "check the day" in str(exc) else f" is not {what}"
            problems.append(f"{key} '{get(key)}'{detail}")
            return None
        except ValueError:
            problems.append(f"{key} '{get(key)}' is not {what}")
            return None

    meeting = parse("meeting_date", _date, "a date (write 2025-12-19 or 19/12/2025)")
    sent = parse("sent_date", _date, "a date (write 2026-01-21 or 21/01/2026)")
    dob = parse("date_of_birth", _date, "a date (write 2016-04-02 or 02/04/2016)")
    age = parse("age", int, "a whole number of years")
    reading_age = parse("reading_age", float, "a number of years")
    eal = parse("eal", _yes, "yes or no")
    review = parse("review", ReviewKind, "first, second or later")
    since = parse("looked_after_since", _date, "a date (write 2024-03-04 or 04/03/2024)")
    previous = parse("previous_review_date", _date, "a date (write 2025-07-14 or 14/07/2025)")
    circulated = parse("decisions_sent_date", _date, "a date (write 2026-01-16 or 16/01/2026)")
    uasc = parse("uasc", _yes, "yes or no") if get("uasc") else None
    case_id = get("child_id")
    if len(case_id) > 100:
        problems.append("child_id is longer than 100 characters")
    if since and meeting and since > meeting:
        problems.append(f"looked_after_since {since} is after the meeting_date {meeting}")
    if previous and meeting and previous >= meeting:
        problems.append(f"previous_review_date {previous} is not before the meeting_date {meeting}")
    if circulated and meeting and circulated < meeting:
        problems.append(f"decisions_sent_date {circulated} is before the meeting_date {meeting}")
    code = get("participation").upper() or None
    if code and code not in PARTICIPATION:
        problems.append(f"participation '{code}' is not a code: use PN0 to PN7")
    if age is None and dob is None and not get("age") and not get("date_of_birth"):
        problems.append("give the child's age or date_of_birth")
    if meeting:
        # Ages, dates and sizes are held to the same limits as every new letter (letters.limits):
        # an age that contradicts the date of birth, a sent date before the meeting or to come.
        shape = Letter(
            child=Child(get("child"), age=age, date_of_birth=dob, reading_age=reading_age),
            meeting=Meeting(meeting, iro=get("iro")),
            sections=[],
            status=Status.SENT if sent else Status.DRAFT,
            sent_on=sent,
        )
        for p in letter_problems(shape, limits=limits):
            problems.append(f"{_COLUMN_OF.get(p.field, p.field)}: {p.message.rstrip('.')}")
    sections, decisions = None, None
    path = folder / get("file")
    if get("file") and (path.suffix.lower() != ".docx" or Path(get("file")).name != get("file")):
        problems.append(f"file '{get('file')}' must be a .docx file name in the folder")
    elif get("file") and not path.is_file():
        problems.append(f"file '{get('file')}' is not in {folder}")
    elif get("file"):
        try:
            sections, decisions = read_docx(path)
        except InputError as exc:
            problems.append(str(exc).rstrip("."))
    if problems or meeting is None or sections is None or decisions is None:
        # No problem of its own: a required column is missing, which the header's line says.
        raise ValueError("; ".join(problems))
    letter = Letter(
        child=Child(
            get("child"),
            age=age,
            date_of_birth=dob,
            eal=bool(eal),
            reading_age=reading_age,
            case_id=case_id,
            looked_after_since=since,
            uasc=uasc,
        ),
        meeting=Meeting(
            meeting,
            review_kind=review or ReviewKind.LATER,
            iro=get("iro"),
            participation=code,
            previous_review=previous,
            late_reason=get("late_reason"),
            decisions_sent_on=circulated,
        ),
        sections=sections,
        decisions=decisions,
        status=Status.SENT if sent else Status.DRAFT,
        sent_on=sent,
    )
    parts = ("sections", "decisions")
    too_big = [str(p) for p in letter_problems(letter, limits=limits) if p.field.startswith(parts)]
    if too_big:
        raise ValueError("; ".join(too_big))
    warnings = []
    misfit = participation_problem(code, letter.child_age)
    if misfit:
        warnings.append(f"{misfit} (imported: the audit counts it as a participation problem)")
    return letter, path, hashlib.sha256(path.read_bytes()).hexdigest(), warnings


def import_folder(
    store: Store,
    folder: Path,
    *,
    csv_path: Path | None = None,
    imported_by: str = "",
    dry_run: bool = False,
    limits: DateLimits = DEFAULT_DATE_LIMITS,
) -> ImportReport:
    """Import every letter the folder's CSV lists; all or nothing (see module docstring)."""
    from sqlalchemy import insert, select

    from letters.audit.tables import ImportRow
    from letters.interchange import letter_from_data, letter_to_data

    folder = folder.expanduser()
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder; give the folder holding the letters.")
    csv_path = csv_path or _find_csv(folder)
    problems: list[str] = []
    header, rows = _rows(_read_csv(csv_path), problems)
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing:
        detail = []
        if missing:
            detail.append(f"missing column {', '.join(missing)}")
        if unknown:
            detail.append(f"unknown column {', '.join(unknown)}")
        problems.insert(0, f"header: {'; '.join(detail)} (columns: {', '.join(COLUMNS)})")
    if not rows and not problems:
        problems.append("no rows: list one letter per row under the header")

    warnings: list[str] = []
    ready: list[tuple[int, Letter, str, str]] = []
    hashes: dict[str, int] = {}
    for n, row in rows:
        name = (row.get("file") or "").strip() or "(no file)"
        try:
            letter, path, digest, notes = _row_letter(row, folder, set(header), limits)
            letter = letter_from_data(letter_to_data(letter, record=False))  # the store's checks
        except (ValueError, InputError) as exc:
            if str(exc):
                problems.append(f"row {n} ({name}): {exc}")
            continue
        warnings += [f"row {n} ({name}): {w}" for w in notes]
        if digest in hashes:
            problems.append(f"row {n} ({name}): the same file as row {hashes[digest]}")
            continue
        hashes[digest] = n
        ready.append((n, letter, path.name, digest))

    with store.transaction(write=not dry_run) as conn:
        if ready:
            done = dict(
                conn.execute(
                    select(ImportRow.sha256, ImportRow.letter_id).where(
                        ImportRow.sha256.in_([d for *_, d in ready])
                    )
                ).all()
            )
            for n, _letter, name, digest in ready:
                if digest in done:
                    problems.append(f"row {n} ({name}): already imported as letter {done[digest]}")
        if problems:
            raise ImportProblems(problems, csv_path.name)
        if dry_run:
            return ImportReport([Imported(name, None) for _, _, name, _ in ready], warnings)
        imported: list[Imported] = []
        now = datetime.now(UTC).replace(tzinfo=None)
        for _n, letter, name, digest in ready:
            # In this transaction: a failure anywhere leaves none of the letters behind.
            letter_id = store.add(letter, author=imported_by, imported=True)  # sent elsewhere: no gate
            conn.execute(
                insert(ImportRow).values(
                    letter_id=letter_id,
                    file_name=name[:500],
                    sha256=digest,
                    imported_at=now,
                    imported_by=imported_by[:200],
                )
            )
            imported.append(Imported(name, letter_id))
    return ImportReport(imported, warnings)


def _column(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())
