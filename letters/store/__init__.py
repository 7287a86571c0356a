"""Storage of letters: a database of revisions, opened with `open_store`.

    from letters.store import open_store
    with open_store() as store:            # LETTERS_DATABASE_URL, config, or the user's data folder
        letter_id = store.add(letter)
        store.save(letter)                 # a new revision, based on letter.revision; earlier ones stay
        store.history(letter_id)           # who made each revision, and of what kind

    from letters.store.gate import mark    # ready / sent go through the pre-send gate
    mark(store, letter_id, Status.SENT, reason="")

Nothing here connects to a database until `open_store` is called. Failures are `StorageError`s
(a `UserError`) with a message for the user; a missing letter is `LetterNotFound`, a save based on
an old revision `LetterChangedElsewhere`, a change to a sent letter without a reason `LetterIsSent`,
open errors at ready/sent without a reason `SendBlocked`. Text that cannot be saved at all goes
to a recovery file (`letters.store.recovery`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.store.core import os_user
from letters.store.documents import Place
from letters.store.engine import DEFAULT_TIMEOUT, default_database_url
from letters.store.errors import (
    CheckOutdated,
    LetterChangedElsewhere,
    LetterIsSent,
    LetterNotFound,
    NotChecked,
    SendBlocked,
)
from letters.store.journal import JournalEntry, Restored
from letters.store.sending import SendingHistory, SendRecord, Waiver
from letters.store.store import Store
from letters.store.summaries import LetterSummary, RevisionInfo

if TYPE_CHECKING:
    from letters.config import Config

__all__ = [
    "CheckOutdated",
    "JournalEntry",
    "LetterChangedElsewhere",
    "LetterIsSent",
    "LetterNotFound",
    "LetterSummary",
    "NotChecked",
    "Place",
    "Restored",
    "RevisionInfo",
    "SendBlocked",
    "SendRecord",
    "SendingHistory",
    "Store",
    "Waiver",
    "default_database_url",
    "open_store",
    "os_user",
]


def open_store(
    url: str | None = None,
    *,
    config: Config | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    person: str | None = None,
) -> Store:
    """Open (creating and migrating if needed) the database and return a `Store`.

    `url`, else `LETTERS_DATABASE_URL`, else `config.database_url`, else SQLite in the user's data
    folder; a plain path means a SQLite file. `timeout` is how long a write waits for another
    program's write before giving up with a `StorageError`. `person` is who saves (recorded on
    every revision): the OS user unless given (the signed-in person, in team mode).
    """
    import sqlalchemy

    from letters.errors import StorageError
    from letters.store import engine as db

    url_text = db.resolve_url(url, config)
    try:
        parsed = sqlalchemy.make_url(url_text)
    except sqlalchemy.exc.ArgumentError:
        raise StorageError(
            "The database address is not a valid URL. Nothing was changed; set "
            "LETTERS_DATABASE_URL to a file path or a URL like postgresql+psycopg://host/letters."
        ) from None
    where = db.describe(parsed)
    try:
        with db.translate_errors(where):
            engine = db.create_engine(url_text, timeout=timeout)
    except ModuleNotFoundError as exc:
        raise StorageError(
            f"The database driver '{exc.name}' for {where} is not installed. Nothing was changed; "
            "install it (for PostgreSQL: pip install 'letters[postgres]')."
        ) from None
    try:
        with db.translate_errors(where):
            db.migrate(engine, where)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, where, config.authority if config else None, person=person)
