"""Reading the files people give us: letters (.txt, .md, .docx), letter files and settings (TOML).

Only regular files are read (not a folder, a named pipe, a device such as /dev/zero, whatever a
link points at), and their size is checked before a byte is read, so no file can make `letters`
wait for ever or fill its memory. Every failure is an `InputError` whose message names the file,
says what is wrong with it and what to do, in one line.

A .docx is read by `letters.docxtext` (every part a reader sees, zip bombs refused).
Text is decoded as UTF-8, or as UTF-16 when the file starts with its byte-order mark (what Windows
Notepad writes as "Unicode"); a NUL byte anywhere is refused (the file is not text). Line endings
become "\\n". Offsets reported by the checker index the text returned here.
"""

from __future__ import annotations

import codecs
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from letters.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: A letter is a few KB of text; a very long one with every section full is about 200,000 characters.
TEXT_BYTES = 2 * 1024 * 1024
#: Settings, prompts, lexicons and rubrics (the built-in lexicon is about 150 KB).
TOML_BYTES = 4 * 1024 * 1024
#: A .docx holding pictures may be a few MB.
DOCX_BYTES = 20 * 1024 * 1024
#: Kept for callers that name one limit for every letter file.
MAX_BYTES = DOCX_BYTES


class FileProblem(InputError):
    """A file that cannot be read as what it should be; the message names it."""


class FileMissing(FileProblem):
    """No file at this path."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size < 10 * 1024 * 1024 else f"{size // (1024 * 1024)} MB"


def read_bytes(path: Path, *, limit: int, what: str = "file", check_only: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (checked before reading).

    `check_only`: make the same checks against `DOCX_BYTES` and read nothing (for a .docx, whose
    parts are read one by one).
    """
    if check_only:
        limit = DOCX_BYTES
    try:
        # O_NONBLOCK: opening a named pipe with no writer must not wait; it is refused below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileMissing(f"{path}: no such file; check the name and the folder.") from None
    except IsADirectoryError:
        raise FileProblem(f"{path} is a folder, not a {what}; give the file inside it.") from None
    except PermissionError:
        raise FileProblem(f"{path}: permission denied; check the file's permissions.") from None
    except OSError as exc:
        raise FileProblem(f"{path}: cannot be opened ({exc.strerror}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"{path} is a folder, not a {what}; give the file inside it.")
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a named pipe"
                if stat.S_ISFIFO(info.st_mode)
                else "a device"
                if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket"
                if stat.S_ISSOCK(info.st_mode)
                else "not a regular file"
            )
            raise FileProblem(
                f"{path} is {kind}, not a {what}; save the {what} as an ordinary file and give that."
            )
        if info.st_size > limit:
            raise FileProblem(
                f"{path}: {_mb(info.st_size)} is too big for a {what} (the limit is {_mb(limit)}); "
                "check it is the right file."
            )
        if check_only:
            return b""
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileProblem(f"{path}: cannot be read ({exc.strerror}).") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise FileProblem(f"{path}: larger than {_mb(limit)}, too big for a {what}.")
    return data


def decode_text(data: bytes, where: str, *, what: str = "text file") -> str:
    """UTF-8 (BOM dropped) or UTF-16 with a BOM; NUL refused; line endings made "\\n"."""
    if data.startswith(b"PK\x03\x04"):
        raise FileProblem(f"{where}: this is a Word or zip file, not text (name it .docx).")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileProblem(
                f"{where}: starts as UTF-16 text but is damaged; save it again as UTF-8."
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if b"\x00" in data:
                raise FileProblem(
                    f"{where}: binary data, not text (a NUL byte at position {data.index(0)}); "
                    "save the letter as .txt or .docx."
                ) from None
            raise FileProblem(
                f"{where}: not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8 and try again."
            ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise FileProblem(
            f"{where}: binary data, not a {what} (a NUL character at position {nul}); "
            "save it again as plain text."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, *, limit: int = TEXT_BYTES, what: str = "text file") -> str:
    return decode_text(read_bytes(path, limit=limit, what=what), str(path), what=what)


def parse_toml(text: str, where: str) -> dict[str, Any]:
    """TOML as data; a `FileProblem` naming the place for broken or absurdly nested TOML."""
    try:
        return tomllib.loads(text.lstrip("\ufeff"))  # Notepad may add a byte-order mark
    except tomllib.TOMLDecodeError as exc:
        raise FileProblem(f"{where}: not valid TOML ({exc}); fix the file at that place.") from None
    except RecursionError:
        raise FileProblem(
            f"{where}: tables or lists nested too deeply to be settings or a letter; "
            "check the file is the right one."
        ) from None


def read_toml_file(path: Path, *, what: str = "settings file", limit: int = TOML_BYTES) -> dict[str, Any]:
    return parse_toml(read_text(path, limit=limit, what=what), str(path))


def read_letter_text(path: Path) -> str:
    """The text of a letter in a .txt, .md or .docx file, as the checker should see it."""
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, ".docx"):
        raise InputError(f"{path}: unsupported file type '{suffix or 'none'}' (use .txt, .md or .docx)")
    if suffix == ".docx":
        text = _read_docx(path)
    else:
        text = read_text(path, limit=TEXT_BYTES, what="letter")
    if not text.strip():
        raise InputError(f"{path}: the file is empty (no words to check)")
    return text


def _read_docx(path: Path) -> str:
    from letters.docxtext import docx_text

    read_bytes(path, limit=0, what="Word letter", check_only=True)  # a regular file, not too big
    return docx_text(path)
