"""Reading a letter's text from a file: .txt, .md or .docx. Every failure is an `InputError`
whose message says what is wrong with the file, in one line.

Text files are decoded as UTF-8 (a byte-order mark is dropped) with universal newlines; a .docx
gives its body paragraphs joined by newlines. Offsets reported by the checker index this text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from letters.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MAX_BYTES = 20 * 1024 * 1024  # a letter is a few KB; a .docx with pictures a few MB


def read_letter_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, ".docx"):
        raise InputError(f"{path}: unsupported file type '{suffix or 'none'}' (use .txt, .md or .docx)")
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a letter file")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied (check the file's permissions)") from None
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: {size // (1024 * 1024)} MB is too big to be a letter "
            f"(limit {MAX_BYTES // (1024 * 1024)} MB)"
        )
    text = _read_docx(path) if suffix == ".docx" else _read_text(path)
    if not text.strip():
        raise InputError(f"{path}: the file is empty (no words to check)")
    return text


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"{path}: this is a Word or zip file, not text (name it .docx)")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary data, not text (save the letter as .txt or .docx)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8 and try again"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_docx(path: Path) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"cannot read .docx files: {exc}") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"{path}: not a readable Word document ({type(exc).__name__}); "
            "open it in Word and save it again as .docx"
        ) from None
    except Exception as exc:  # lxml and zip errors come in many shapes
        raise InputError(f"{path}: the Word document is damaged ({type(exc).__name__})") from None
    lines = [p.text.replace("\r\n", "\n").replace("\r", "\n") for p in document.paragraphs]
    return "\n".join(lines)
