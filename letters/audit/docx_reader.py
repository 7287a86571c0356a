"""Reading a letter written elsewhere (.docx) into our sections and decisions, for `letters import`.

Sections come from headings ("What you told us", "Worries"... any heading style, or a short line
in bold and nothing else); text before the first heading is the hello; a table whose header names
who and when becomes the decisions. The file's size and the sizes inside its zip are checked
before it is opened, so a damaged or hostile file is refused with a message, not after filling
memory. No database; raises `InputError` naming the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from letters.errors import InputError
from letters.model import SECTION_TITLES, Decision, Section, default_sections

#: A letter's .docx is tens of kilobytes; this leaves room for photographs.
MAX_FILE_BYTES = 50_000_000

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


def check_docx_file(path: Path) -> None:
    """Refuse what is not a regular, reasonably sized Word file before anything reads it."""
    if not path.is_file():
        raise InputError(f"{path.name} is not a regular file.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{path.name} is {size // 1_000_000} MB; a letter is at most {MAX_FILE_BYTES // 1_000_000} MB."
        )
    if not zipfile.is_zipfile(path):
        raise InputError(f"{path.name} is not a Word .docx file.")
    from letters.docxtext import check_zip

    check_zip(path).close()  # a zip bomb is refused from its directory, before python-docx unpacks it


def read_docx(path: Path) -> tuple[list[Section], list[Decision]]:
    """The letter's sections (in order) and decisions from a .docx; InputError if unreadable."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    check_docx_file(path)
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
