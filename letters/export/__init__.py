"""Export a letter to Word: the child's letter and the adults' copy, written safely to a folder.

`export_letter` renders both versions from the templates (`letters.render`), removes characters
Word cannot hold (with a warning), lays them out (`letters.export.docx`) and writes each file
through a temporary file in the same folder that is renamed into place, so a failure never leaves
a half-written letter. Files are created readable by the user only (0600).

With `audio=True` the child's letter is also read aloud into `...-child.mp3` (`letters.export.audio`),
written with the Word files. If the speech cannot be made (espeak-ng missing or failing) the Word
files are still written and the result's `audio_problem` says why and how to fix it.

File names are `letter-<id>-<meeting date>-child.docx` and `...-adults.docx`: they identify the
letter without naming the child (a folder listing, a sync log or an email attachment should not
say who is in care), and they are safe on Windows.

This module must not import Textual or touch storage: the caller passes the letter in.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from letters.config import Config
from letters.errors import ExportError
from letters.model import Letter
from letters.render import Block, render_adult_blocks, render_child_blocks

CHILD_TITLE = "Letter after a review meeting"
ADULT_TITLE = "Review record (adults' copy)"
MAX_NAME_LENGTH = 100

# Characters XML 1.0 (and so Word) cannot hold: C0 controls other than tab, newline and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{stem}{n}" for stem in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


@dataclass(frozen=True, slots=True)
class ExportResult:
    child_path: Path
    adult_path: Path
    warnings: list[str] = field(default_factory=list)
    audio_path: Path | None = None  # the letter read aloud, when asked for and made
    audio_problem: str = ""  # why the audio asked for was not made (the Word files were written)


def safe_filename(name: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """A file name Windows (and so every system) accepts, keeping the extension.

    Replaces <>:"/\\|?* and control characters with "-", drops trailing dots and spaces (Windows
    strips them silently), avoids reserved device names (CON, NUL, COM1...) and limits the length.
    """
    cleaned = _WINDOWS_FORBIDDEN.sub("-", name).strip().rstrip(". ")
    stem, dot, ext = cleaned.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = cleaned, ""
    ext = f".{ext}" if ext else ""
    stem = stem[: max(max_length - len(ext), 1)].rstrip(". ") or "letter"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}{ext}"[:max_length]


def _stem(letter: Letter) -> str:
    ident = str(letter.id) if letter.id is not None else "new"
    return f"letter-{ident}-{letter.meeting.date.isoformat()}"


def export_names(letter: Letter) -> tuple[str, str]:
    """The child's and the adults' file names for a letter (no personal data in them)."""
    stem = _stem(letter)
    return safe_filename(f"{stem}-child.docx"), safe_filename(f"{stem}-adults.docx")


def audio_name(letter: Letter) -> str:
    """The file name of the child's letter read aloud."""
    return safe_filename(f"{_stem(letter)}-child.mp3")


def clean_blocks(blocks: list[Block]) -> tuple[list[Block], Counter[str]]:
    """The blocks without the characters Word cannot hold, and how many of each were removed."""
    removed: Counter[str] = Counter()

    def clean(text: str) -> str:
        removed.update(_XML_INVALID.findall(text))
        return _XML_INVALID.sub("", text)

    cleaned = [
        replace(block, text=clean(block.text), cells=tuple(clean(c) for c in block.cells)) for block in blocks
    ]
    return cleaned, removed


def _removal_warnings(*removals: Counter[str]) -> list[str]:
    """One warning naming the code points removed (never the text around them: it is personal)."""
    # The adults' copy repeats the child's letter, so count the larger, not the sum.
    count = max(sum(r.values()) for r in removals)
    if not count:
        return []
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(set().union(*removals)))
    return [
        f"removed {count} control character{'s' if count != 1 else ''} ({codes}) that Word cannot "
        "hold: check the letter's text where it was pasted in"
    ]


def _describe(exc: OSError, path: Path) -> str:
    if exc.errno in _NO_SPACE:
        return f"not enough disk space to write {path}: free some space or choose another folder"
    if isinstance(exc, PermissionError):
        return (
            f"cannot write {path}: permission denied. Choose a folder you can write to "
            "(if the file is open in Word, close it and try again)"
        )
    return f"cannot write {path}: {exc.strerror or exc}. Choose another folder"


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file completely to a temporary name, then rename them all into place."""
    temps: list[tuple[str, Path]] = []
    current = files[0][0]
    try:
        for path, data in files:
            current = path
            # mkstemp creates the file 0600, in the target folder so the rename cannot cross disks.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".letters-", suffix=".tmp")
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in temps:
            current = path
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise ExportError(_describe(exc, current)) from None


def export_letter(
    letter: Letter,
    out_dir: Path,
    config: Config,
    *,
    audio: bool = False,
    photo: tuple[str, bytes] | None = None,
) -> ExportResult:
    """Write the child's letter and the adults' copy into `out_dir` (which must exist).

    With `audio`, also the child's letter read aloud, unless it cannot be made: then the Word
    files are written all the same and `audio_problem` says why. `photo` is the IRO's photo
    (type, bytes) the letter names (`Letter.iro_photo`, from `Store.photo`), shown beside
    "About me"; a letter naming a photo that is not given is written without it, with a warning.
    """
    from letters.export.docx import build_document, page_style
    from letters.export.pictures import plan_pictures

    out_dir = Path(out_dir).expanduser()
    try:
        if not out_dir.exists():
            raise ExportError(f"folder {out_dir} does not exist: create it or choose another folder")
        if not out_dir.is_dir():
            raise ExportError(f"{out_dir} is not a folder: choose a folder for the Word files")
    except OSError as exc:  # a folder inside one we may not open
        raise ExportError(_describe(exc, out_dir)) from None

    child_blocks, child_removed = clean_blocks(render_child_blocks(letter, config))
    adult_blocks, adult_removed = clean_blocks(render_adult_blocks(letter, config))
    warnings = _removal_warnings(child_removed, adult_removed)
    child_name, adult_name = export_names(letter)
    age = letter.child_age
    pictures = plan_pictures(child_blocks, letter, config)  # None unless for a young reader
    child_page = page_style(age, config.authority.cream_page)
    shown_photo = None
    if letter.iro_photo and any(b.kind == "photo" for b in child_blocks):
        if photo is None:
            warnings.append("the IRO's photo is not in this database: the letter was written without it")
        else:
            from letters.export.photo import Photo

            who = letter.meeting.iro.split()[0] if letter.meeting.iro.split() else "me"
            shown_photo = Photo(photo[1], photo[0], f"A photo of {who}, your Independent Reviewing Officer.")
    child_doc = build_document(child_blocks, child_page, CHILD_TITLE, pictures=pictures, photo=shown_photo)
    credit = f"The child's letter has pictures. {pictures.attribution}" if pictures else ""
    adult_doc = build_document(adult_blocks, page_style(age, cream=False), ADULT_TITLE, footer=credit)
    child_path, adult_path = out_dir / child_name, out_dir / adult_name
    files = [(child_path, child_doc), (adult_path, adult_doc)]
    audio_path, audio_problem = None, ""
    if audio:
        from letters.export.audio import AudioProblem, letter_audio

        try:
            files.append((out_dir / audio_name(letter), letter_audio(letter, child_blocks, config)))
            audio_path = files[-1][0]
        except AudioProblem as exc:
            audio_problem = str(exc)
    _write_all(files)
    return ExportResult(child_path, adult_path, warnings, audio_path, audio_problem)
