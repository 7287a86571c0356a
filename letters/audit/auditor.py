"""Who is auditing: a named person, asked for once and remembered, never a login such as "root".

Gradings, samples and imports record a person's name, so a manager can see who graded a letter
"Inadequate". The name is given once (`--by NAME` on the command line, the Auditor field in the
app) and remembered in `people.json` in the user's data folder, beside the app's own state. A
computer account name ("root", "admin") is refused, and the login is never taken as the name:
it says nothing about who graded. In team mode the signed-in person will be used instead.
No Textual, no database.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from letters.errors import UserError

#: Account names that are never a person's name.
ACCOUNTS = frozenset({"root", "admin", "administrator", "user", "letters", "guest", "test", "ubuntu"})


class AuditorError(UserError):
    """No usable name for the auditor; nothing was changed."""


def people_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("letters", appauthor=False)) / "people.json"


def check_name(name: str) -> str:
    """The name tidied, or an AuditorError saying why it cannot be used."""
    tidy = " ".join(name.split())
    if not tidy:
        raise AuditorError(
            "say who you are: give your name once with --by 'Your Name' (it is remembered), "
            "or type it in the app's Auditor field."
        )
    if tidy.casefold() in ACCOUNTS:
        raise AuditorError(
            f"'{tidy}' is a computer account, not a person: give your own name with --by 'Your Name'."
        )
    if len(tidy) > 200:
        raise AuditorError("the auditor's name is longer than 200 characters; give a shorter one.")
    return tidy


def remembered(path: Path | None = None) -> str:
    """The remembered auditor's name, or "" (never the login name)."""
    try:
        data = json.loads((path or people_path()).read_text("utf-8"))
    except (OSError, ValueError):
        return ""
    name = data.get("auditor") if isinstance(data, dict) else None
    if not isinstance(name, str):
        return ""
    try:
        return check_name(name)
    except AuditorError:
        return ""


def remember(name: str, path: Path | None = None) -> None:
    """Remember the name for next time (atomically, 0600); a failure to remember is not an error."""
    path = path or people_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".people-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"auditor": name}, out)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def resolve(given: str | None, path: Path | None = None) -> str:
    """The auditor: the name given (then remembered), else the remembered one, else an error.

    The login name is never used: it is an account, not a person.
    """
    if given is not None and given.strip():
        name = check_name(given)
        if name != remembered(path):
            remember(name, path)
        return name
    known = remembered(path)
    if known:
        return known
    return check_name("")
