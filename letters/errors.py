"""Errors a user can act on. Each message says what happened and what to do next, in one line."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input or environment, shown without a traceback."""

    exit_code = 2


class InputError(UserError):
    """A file that cannot be read as a letter (empty, binary, undecodable, corrupt .docx...)."""


class StorageError(UserError):
    """The database cannot be opened or written (locked, read-only, disk full). Nothing was lost."""


class ExportError(UserError):
    """A Word file cannot be written (folder missing or not writable, disk full)."""


class ServerUnreachable(StorageError):
    """The database server cannot be reached (stopped, restarting, no network). The app keeps what
    is on screen and tries again."""


class SignInFailed(StorageError):
    """PostgreSQL refused the login or password (team mode)."""


class NotAllowed(StorageError):
    """The database refused an action the signed-in person's role does not allow (team mode)."""
