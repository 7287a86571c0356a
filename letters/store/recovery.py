"""Recovery files: a letter's text that could not be saved, kept on this computer until restored.

When the database cannot take a save (the server stopped, the disk is full) and the IRO still
wants to close the app, the text goes into a recovery file instead of being lost. The next start
offers the files to the same person for the same database, and restoring one stores it as a
revision (`Store.restore_text`: the letter's text if it has not changed since, else kept beside
it), then removes the file.

Where: `recovery/<person>/` in the user's data folder, where `<person>` is a digest of who was
signed in (the OS user outside team mode), so one person's files are never offered to another
signed in on the same server. Folders are 0700 and files 0600, written whole (a temporary file,
flushed to disk, then renamed). A file holds the letter as the store keeps it plus which database,
letter and revision it belongs to; nothing else, and no file name holds a name.

No Textual here, and nothing logged: the files hold letters.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from letters.errors import StorageError
from letters.interchange import letter_from_data
from letters.model import Letter
from letters.store.documents import Place, document_for, encode

FORMAT = 1


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def recovery_root() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("letters", appauthor=False)) / "recovery"


def person_folder(person: str, root: Path | None = None) -> Path:
    return (root or recovery_root()) / _digest(f"person:{person}")


@dataclass(frozen=True, slots=True)
class Recovery:
    """One recovery file: a letter's text that was not saved."""

    path: Path
    where: str  # the database it belongs to
    letter_id: int
    based_on: int
    saved_at: datetime
    place: Place | None
    reason: str  # an amendment's reason, when the letter was sent
    letter: Letter

    def discard(self) -> None:
        """Remove the file (once its text is stored, or the IRO chose to throw it away)."""
        self.path.unlink(missing_ok=True)


def _full(path: Path, exc: OSError) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError(
            f"The disk holding {path.parent} is full, so the recovery file could not be written "
            "either. Your text is still on screen: free some space on that disk (empty the bin, "
            "move or delete large files), then try again."
        )
    return StorageError(
        f"Cannot write a recovery file in {path.parent} ({exc.strerror or exc}). Your text is "
        "still on screen: check that folder, then try again."
    )


def write_recovery(
    letter: Letter,
    *,
    where: str,
    person: str,
    place: Place | None = None,
    reason: str = "",
    key: str = "",
    root: Path | None = None,
) -> Path:
    """Write `letter` (with its id and revision) to a recovery file; return its path.

    With a `key` (an editor's session) the same file is overwritten each time, as the journal row
    is; without one, each call makes a new file.
    """
    if letter.id is None or letter.revision is None:
        raise ValueError("write_recovery() needs a stored letter (id and revision)")
    _, data = document_for(letter)
    record = {
        "format": FORMAT,
        "database": where,
        "letter": letter.id,
        "based_on": letter.revision,
        "saved_at": datetime.now(UTC).isoformat(),
        "place": place.encode() if place else "",
        "reason": reason,
        "document": data,
    }
    folder = person_folder(person, root)
    stamp = _digest(key, 12) if key else datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{_digest(where, 12)}-{letter.id}-{stamp}.json"
    try:
        folder.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for part in (folder.parent, folder):  # recovery/ and recovery/<person>/: the user's only
            part.mkdir(mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".recovery-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(encode(record))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _full(target, exc) from None
    return target


def session_file(*, where: str, person: str, letter_id: int, key: str, root: Path | None = None) -> Path:
    """The file `write_recovery(..., key=key)` writes for this letter."""
    return person_folder(person, root) / f"{_digest(where, 12)}-{letter_id}-{_digest(key, 12)}.json"


def pending_recoveries(*, where: str, person: str, root: Path | None = None) -> list[Recovery]:
    """This person's recovery files for this database, oldest first (unreadable ones skipped)."""
    folder = person_folder(person, root)
    try:
        names = sorted(folder.glob(f"{_digest(where, 12)}-*.json"))
    except OSError:
        return []
    found = []
    for path in names:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("format") != FORMAT or record.get("database") != where:
                continue
            letter = letter_from_data(record["document"])
            letter.id, letter.revision = int(record["letter"]), int(record["based_on"])
            found.append(
                Recovery(
                    path,
                    where,
                    letter.id,
                    letter.revision,
                    datetime.fromisoformat(record["saved_at"]),
                    Place.decode(str(record.get("place", ""))),
                    str(record.get("reason", "")),
                    letter,
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # left in place: never thrown away because this version cannot read it
    return sorted(found, key=lambda r: r.saved_at)
