"""`letters import FOLDER`: letters written elsewhere (.docx) brought in so they can be audited.

The folder holds the .docx letters and one CSV listing them, one row per letter (format in README,
"Importing letters"):

    file,child,age,date_of_birth,meeting_date,sent_date,iro,review,participation,eal,reading_age
    ellie.docx,Ellie,9,,2025-12-19,2026-01-21,Priya Example,later,PN1,no,

Required: file, child, meeting_date, iro, and age or date_of_birth. Dates are 2026-01-21 or
21/01/2026. A letter with a sent_date is stored as sent on that date.

Each .docx is read into sections by its headings ("What you told us", "Worries"... any heading
style or a short all-bold line); text before the first heading is the hello; a table whose header
names who and when becomes the decisions. Every row and every file is checked before anything is
saved, and every problem is reported with its row and file; if there is any, nothing is imported.
A file already imported (same content) is refused, so running the import twice is harmless.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from letters.errors import InputError, UserError
from letters.limits import DEFAULT_DATE_LIMITS, DateError, DateLimits, letter_problems, parse_date
from letters.model import (
    PARTICIPATION,
    SECTION_TITLES,
    Child,
    Decision,
    Letter,
    Meeting,
    ReviewKind,
    Section,
    Status,
    default_sections,
)

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
)
REQUIRED = ("file", "child", "meeting_date", "iro")

T = TypeVar("T")

# Headings other systems use for our sections (lower case).
_HEADING_KEYS: dict[str, str] = {t.lower(): k for k, t in SECTION_TITLES.items()} | {
    "what you said": "told_us",
    "your views": "told_us",
    "your wishes and feelings": "told_us",
    "what's going well": "going_well",
    "what is working well": "going_well",
    "what we are worried about": "worries",
    "what we are worried about?": "worries",
    "decisions": "decisions",
    "what we agreed": "decisions",
    "actions": "decisions",
    "next meeting": "next_meeting",
    "your next review": "next_meeting",
    "contact": "family_time",
    "education": "school",
}


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


def _date(text: str) -> date:
    return parse_date(text)  # letters.limits: the one date parser (a DateError is a ValueError)


def _yes(text: str) -> bool:
    value = text.strip().lower()
    if value in ("", "no", "n", "false", "0"):
        return False
    if value in ("yes", "y", "true", "1"):
        return True
    raise ValueError(text)


def _is_heading(paragraph: object) -> bool:
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    if style.lower().startswith(("heading", "title")):
        return True
    runs = [r for r in getattr(paragraph, "runs", []) if r.text.strip()]
    text = getattr(paragraph, "text", "").strip()
    # A short line in bold and nothing else is how many letters mark a heading by hand.
    return bool(runs) and len(text) <= 60 and all(r.bold for r in runs)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "section"


def read_docx(path: Path) -> tuple[list[Section], list[Decision]]:
    """The letter's sections (in order) and decisions from a .docx; InputError if unreadable."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from letters.docxtext import check_zip

    if zipfile.is_zipfile(path):  # a zip bomb is refused from its directory, before python-docx unpacks it
        check_zip(path).close()
    try:
        doc = Document(str(path))
    except PackageNotFoundError:
        raise InputError(f"{path.name} is not a Word .docx file.") from None
    except Exception as exc:  # a damaged zip surfaces as several library-specific errors
        raise InputError(f"{path.name} is damaged and cannot be read ({type(exc).__name__}).") from None
    texts: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    order: list[str] = []
    current = "hello"

    def add(key: str, text: str) -> None:
        if key not in texts:
            texts[key] = []
            order.append(key)
        if text:
            texts[key].append(text)

    for para in doc.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        if _is_heading(para):
            heading = text.rstrip(":").strip()
            current = _HEADING_KEYS.get(heading.lower()) or _slug(heading)
            if current not in SECTION_TITLES:
                titles[current] = heading
            add(current, "")
            continue
        add(current, text)
    decisions: list[Decision] = []
    for table in doc.tables:
        rows = [[c.text.strip() for c in row.cells] for row in table.rows]
        if not rows:
            continue
        head = [h.lower() for h in rows[0]]
        who = next((i for i, h in enumerate(head) if "who" in h), None)
        when = next((i for i, h in enumerate(head) if "when" in h), None)
        if who is None or when is None:
            for row in rows:
                add(current, " ".join(c for c in row if c))
            continue
        what = next((i for i in range(len(head)) if i not in (who, when)), None)
        for row in rows[1:]:
            if what is not None and row[what]:
                decisions.append(Decision(row[what], row[who], row[when]))
    if not any(texts.values()) and not decisions:
        raise InputError(f"{path.name} has no text.")
    sections = []
    for key in order:
        sections.append(Section(key, "\n\n".join(texts[key]), titles.get(key, "")))
    # Our sections the file does not have are kept, left out, so the letter's shape is familiar.
    present = set(order)
    sections += [Section(s.key, included=False) for s in default_sections() if s.key not in present]
    return sections, decisions


def _find_csv(folder: Path) -> Path:
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if len(found) != 1:
        where = "no CSV file" if not found else f"{len(found)} CSV files"
        raise UserError(
            f"{folder} has {where}; put one CSV listing the letters there, or name it with --csv."
        )
    return found[0]


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
    row: dict[str, str], folder: Path, limits: DateLimits = DEFAULT_DATE_LIMITS
) -> tuple[Letter, Path, str]:
    """A letter from one CSV row and its file; raises ValueError with the row's problems."""
    problems: list[str] = []

    def get(key: str) -> str:
        return (row.get(key) or "").strip()

    for key in REQUIRED:
        if not get(key):
            problems.append(f"{key} is empty")

    def parse(key: str, fn: Callable[[str], T], what: str) -> T | None:
        if not get(key):
            return None
        try:
            return fn(get(key))
        except DateError as exc:
            problems.append(
                f"{key} '{get(key)}': {exc}"
                if "check the day" in str(exc)
                else f"{key} '{get(key)}' is not {what}"
            )
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
    code = get("participation").upper() or None
    if code and code not in PARTICIPATION:
        problems.append(f"participation '{code}' is not a code: use PN0 to PN7")
    if age is None and dob is None and not problems:
        problems.append("give the child's age or date_of_birth")
    if meeting:
        # Ages, dates and sizes are held to the same limits as every new letter (letters.limits).
        shape = Letter(
            child=Child(get("child"), age=age, date_of_birth=dob, reading_age=reading_age),
            meeting=Meeting(meeting, iro=get("iro")),
            sections=[],
            status=Status.SENT if sent else Status.DRAFT,
            sent_on=sent,
        )
        for p in letter_problems(shape, limits=limits):
            problems.append(f"{_COLUMN_OF.get(p.field, p.field)}: {p.message}")
    path = folder / get("file")
    if get("file") and (path.suffix.lower() != ".docx" or Path(get("file")).name != get("file")):
        problems.append(f"file '{get('file')}' must be a .docx file name in the folder")
    elif get("file") and not path.is_file():
        problems.append(f"file '{get('file')}' is not in {folder}")
    if problems:
        raise ValueError("; ".join(problems))
    assert meeting is not None  # required, checked above
    sections, decisions = read_docx(path)
    letter = Letter(
        child=Child(get("child"), age=age, date_of_birth=dob, eal=bool(eal), reading_age=reading_age),
        meeting=Meeting(meeting, review_kind=review or ReviewKind.LATER, iro=get("iro"), participation=code),
        sections=sections,
        decisions=decisions,
        status=Status.SENT if sent else Status.DRAFT,
        sent_on=sent,
    )
    too_big = [
        str(p)
        for p in letter_problems(letter, limits=limits)
        if p.field.startswith(("sections", "decisions"))
    ]
    if too_big:
        raise ValueError("; ".join(too_big))
    return letter, path, hashlib.sha256(path.read_bytes()).hexdigest()


def import_folder(
    store: Store,
    folder: Path,
    *,
    csv_path: Path | None = None,
    imported_by: str = "",
    dry_run: bool = False,
    limits: DateLimits = DEFAULT_DATE_LIMITS,
) -> list[Imported]:
    """Import every letter the folder's CSV lists; all or nothing (see module docstring)."""
    from sqlalchemy import insert, select

    from letters.audit.tables import ImportRow
    from letters.interchange import letter_from_data, letter_to_data
    from letters.store.engine import translate_errors

    folder = folder.expanduser()
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder; give the folder holding the letters.")
    csv_path = csv_path or _find_csv(folder)
    try:
        raw = csv_path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{csv_path} does not exist; check the --csv path.") from None
    except UnicodeDecodeError:
        raise UserError(f"{csv_path} is not UTF-8 text; save it from Excel as 'CSV UTF-8'.") from None
    reader = csv.DictReader(raw.splitlines())
    header = [_column(h) for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing:
        detail = []
        if missing:
            detail.append(f"missing column {', '.join(missing)}")
        if unknown:
            detail.append(f"unknown column {', '.join(unknown)}")
        raise ImportProblems([f"header: {'; '.join(detail)} (columns: {', '.join(COLUMNS)})"], csv_path.name)
    reader.fieldnames = header
    rows = list(reader)
    if not rows:
        raise ImportProblems(["no rows: list one letter per row under the header"], csv_path.name)

    problems: list[str] = []
    ready: list[tuple[Letter, str, str]] = []
    hashes: dict[str, int] = {}
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        name = (row.get("file") or "").strip() or "(no file)"
        try:
            letter, path, digest = _row_letter(row, folder, limits)
            letter = letter_from_data(letter_to_data(letter, record=False))  # the store's checks
        except (ValueError, InputError) as exc:
            problems.append(f"row {n} ({name}): {exc}")
            continue
        if digest in hashes:
            problems.append(f"row {n} ({name}): the same file as row {hashes[digest]}")
            continue
        hashes[digest] = n
        ready.append((letter, path.name, digest))
    if ready:
        with translate_errors(store.where), store.engine.connect() as conn:
            done = dict(
                conn.execute(
                    select(ImportRow.sha256, ImportRow.letter_id).where(
                        ImportRow.sha256.in_([d for _, _, d in ready])
                    )
                ).all()
            )
        for _letter, name, digest in ready:
            if digest in done:
                problems.append(f"row {hashes[digest]} ({name}): already imported as letter {done[digest]}")
    if problems:
        raise ImportProblems(problems, csv_path.name)
    if dry_run:
        return [Imported(name, None) for _, name, _ in ready]

    imported: list[Imported] = []
    try:
        for letter, name, digest in ready:
            letter_id = store.add(letter, author=imported_by, imported=True)  # sent elsewhere: no gate
            imported.append(Imported(name, letter_id))
            with translate_errors(store.where), store.engine.connect() as conn:
                conn.execution_options(letters_write=True)
                with conn.begin():
                    conn.execute(
                        insert(ImportRow).values(
                            letter_id=letter_id,
                            file_name=name[:500],
                            sha256=digest,
                            imported_at=datetime.now(UTC).replace(tzinfo=None),
                            imported_by=imported_by[:200],
                        )
                    )
    except UserError as exc:
        # Only a database failure can get here (every letter was checked above). Take back what
        # was added, so that running the import again after fixing the problem starts clean.
        _take_back(store, [i.letter_id for i in imported if i.letter_id is not None])
        raise UserError(
            f"{exc} The import stopped; the {len(imported)} letters added before the failure "
            "were deleted (`letters list --deleted`)."
        ) from exc
    return imported


def _take_back(store: Store, letter_ids: list[int]) -> None:
    """Delete (recoverably) letters added by a failed import, and forget they were imported."""
    from sqlalchemy import delete

    from letters.audit.tables import ImportRow

    try:
        with store.engine.connect() as conn:
            conn.execution_options(letters_write=True)
            with conn.begin():
                conn.execute(delete(ImportRow).where(ImportRow.letter_id.in_(letter_ids)))
        for letter_id in letter_ids:
            store.delete(letter_id)
    except Exception:  # the database is failing already; the message says what was added
        return


def _column(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())
