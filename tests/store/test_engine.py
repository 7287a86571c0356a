"""Opening the database: where it goes, who can read it, and what a user is told when it fails.

Failures are made for real where this machine allows it: a second SQLite connection holding the
write lock, a file that is not a database, a tiny tmpfs that fills up and a tmpfs remounted
read-only (both need root and mount rights; they are skipped elsewhere). A full disk is also made
everywhere with SQLite's own page limit (PRAGMA max_page_count), which makes SQLite fail with the
same SQLITE_FULL error ("database or disk is full") that a full disk gives.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from letters.config import Config
from letters.demo import demo_letter
from letters.errors import StorageError
from letters.store import default_database_url, open_store
from letters.store.engine import resolve_url

REPO = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_is_private_to_the_user(tmp_path: Path) -> None:
    old = os.umask(0)  # even with a permissive umask
    try:
        with open_store(str(tmp_path / "new" / "folder" / "letters.db")) as store:
            store.add(demo_letter())
            files = sorted(p.name for p in (tmp_path / "new" / "folder").iterdir())
            assert files == ["letters.db", "letters.db-shm", "letters.db-wal"]  # WAL mode
            for name in files:
                assert mode(tmp_path / "new" / "folder" / name) == 0o600, name
    finally:
        os.umask(old)
    assert mode(tmp_path / "new" / "folder") == 0o700
    assert mode(tmp_path / "new") == 0o700


def test_wal_mode_and_busy_timeout_are_on(db_url: str) -> None:
    with open_store(db_url, timeout=1.5) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1500
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL: see engine.py


def test_the_default_database_is_in_the_users_data_folder(tmp_path: Path) -> None:
    expected = tmp_path / "home" / ".local" / "share" / "letters" / "letters.db"
    assert default_database_url() == f"sqlite:///{expected}"
    with open_store() as store:
        letter_id = store.add(demo_letter())
    assert expected.is_file()
    with open_store() as store:
        assert store.get(letter_id).child.name == "Ellie"


def test_where_the_database_is_chosen_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config(database_url="sqlite:////from/config.db")
    assert resolve_url(None, config) == "sqlite:////from/config.db"
    monkeypatch.setenv("LETTERS_DATABASE_URL", "sqlite:////from/env.db")
    assert resolve_url(None, config) == "sqlite:////from/env.db"
    assert resolve_url("sqlite:////from/argument.db", config) == "sqlite:////from/argument.db"
    monkeypatch.chdir(tmp_path)
    assert resolve_url("plain.db") == f"sqlite:///{tmp_path / 'plain.db'}"


def test_a_locked_database_says_so_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "letters.db"
    store = open_store(str(path), timeout=0.2)
    letter = demo_letter()
    letter_id = store.add(letter)
    before = store.get(letter_id)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        letter.section("worries").text = "Written while the database was locked."  # type: ignore[union-attr]
        with pytest.raises(StorageError) as caught:
            store.save(letter)
        message = str(caught.value)
        assert "is busy" in message and str(path) in message and "try again" in message
        assert "Ellie" not in message and "Ellie" not in str(caught.value.__cause__)
        assert store.get(letter_id) == before  # reading still works
        with open_store(str(path), timeout=0.2) as second:  # a second window can still open it
            assert second.get(letter_id).child.name == "Ellie"
    finally:
        holder.rollback()
        holder.close()
    assert store.save(letter) == 2  # once the other program finishes, the save goes through
    assert store.get(letter_id).section("worries").text.startswith("Written while")  # type: ignore[union-attr]
    store.close()


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "letters.db"
    content = b"Dear diary,\n" * 500
    path.write_bytes(content)
    with pytest.raises(StorageError, match="is not a letters database, or it is damaged") as caught:
        open_store(str(path))
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "letters.db"]


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    (tmp_path / "letters.db").mkdir()
    with pytest.raises(StorageError, match="is a folder, not a database file"):
        open_store(str(tmp_path / "letters.db"))


def test_a_database_from_a_newer_letters_is_not_touched(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        letter_id = store.add(demo_letter())
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0042'")
    with pytest.raises(StorageError, match=r"made by a newer version of letters \(schema 0042"):
        open_store(db_url)
    raw = sqlite3.connect(tmp_path / "letters.db")
    assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0042",)]
    assert raw.execute("SELECT id FROM letters").fetchall() == [(letter_id,)]
    raw.close()


def test_a_full_database_says_so_and_keeps_earlier_saves(tmp_path: Path) -> None:
    path = tmp_path / "letters.db"
    store = open_store(str(path))
    letter = demo_letter()
    letter_id = store.add(letter)

    @event.listens_for(store.engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()  # new connections get the limit
    letter.section("told_us").text = "A long paste. " * 20_000  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="is full, so this change was not saved") as caught:
        store.save(letter)
    assert "Ellie" not in str(caught.value)
    event.remove(store.engine, "connect", _limit)
    store.engine.dispose()
    assert store.get(letter_id).section("told_us").text == demo_letter().section("told_us").text  # type: ignore[union-attr]
    assert [r.number for r in store.history(letter_id)] == [1]
    store.close()


@contextmanager
def small_filesystem(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (no mount rights)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_really_full_disk_says_so_and_keeps_earlier_saves(tmp_path: Path) -> None:
    # Room for the schema (about 200 kB with team mode's tables) and a few letters.
    with small_filesystem(tmp_path / "disk", "384k") as disk:
        store = open_store(str(disk / "letters.db"))
        saved = []
        with pytest.raises(StorageError, match="is full, so this change was not saved"):
            for n in range(200):
                letter = demo_letter()
                letter.section("told_us").text = f"Letter {n}. " + "Filler text. " * 400  # type: ignore[union-attr]
                saved.append(store.add(letter))
        assert saved  # some fitted before the disk filled
        assert [s.id for s in store.list()] == saved[::-1]
        store.close()
        with open_store(str(disk / "letters.db")) as reopened:
            assert len(reopened.list()) == len(saved)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make `folder` read-only for real: by permissions, or for root by remounting it read-only."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("root ignores permissions and cannot remount here")
    try:
        yield
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)


def _read_only_setup(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0:
        with small_filesystem(tmp_path / "share", "4m") as folder:
            yield folder
    else:
        folder = tmp_path / "share"
        folder.mkdir()
        yield folder


@pytest.fixture
def share(tmp_path: Path) -> Iterator[Path]:
    yield from _read_only_setup(tmp_path)


def test_a_read_only_folder_says_so_and_loses_nothing(share: Path) -> None:
    with open_store(str(share / "letters.db")) as store:
        letter_id = store.add(demo_letter())
    with read_only_folder(share):
        with pytest.raises(StorageError) as caught:
            open_store(str(share / "letters.db"))
        assert "not writable" in str(caught.value) or "read-only" in str(caught.value)
        assert str(share / "letters.db") in str(caught.value)
        with pytest.raises(StorageError, match="Cannot create the database"):
            open_store(str(share / "other.db"))
    with open_store(str(share / "letters.db")) as store:
        assert store.get(letter_id).child.name == "Ellie"


def test_personal_data_stays_out_of_logs(db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # as if a program turned on all logging,
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")  # SQLAlchemy's included
    with open_store(db_url) as store:
        letter = demo_letter()
        letter_id = store.add(letter)
        letter.section("hello").text += " More."  # type: ignore[union-attr]
        store.save(letter)
        store.get(letter_id)
        store.list()
        store.history(letter_id)
    assert caplog.records  # logging was on (Alembic reports the migration)
    for secret in ("Ellie", "Nana Pat", "2017-03-08", "Bethany"):
        assert secret not in caplog.text


def test_importing_the_store_opens_no_database(tmp_path: Path) -> None:
    code = (
        "import sys, letters.store, letters.store.tables, letters.cli.records;"
        "assert 'textual' not in sys.modules;"
        "import letters.cli.records as r; print('ok')"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "ok"
    assert not (tmp_path / "home" / ".local" / "share" / "letters").exists()


def test_the_cli_module_does_not_import_sqlalchemy_until_needed() -> None:
    code = "import sys, letters.cli.records;print('sqlalchemy' in sys.modules, 'holidays' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_opening_a_database_on_a_full_disk_says_full_not_failed(tmp_path: Path) -> None:
    """SQLite reports "disk I/O error" when a full disk leaves no room for its -wal file."""
    with small_filesystem(tmp_path / "disk", "1m") as disk:
        with open_store(str(disk / "letters.db")) as store:
            letter_id = store.add(demo_letter())
        filler = disk / "filler"
        assert sorted(p.name for p in disk.iterdir()) == ["letters.db"]  # closed cleanly
        with pytest.raises(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"x" * 4096)
                handle.flush()
        with pytest.raises(StorageError) as caught:
            with open_store(str(disk / "letters.db")) as store:
                store.get(letter_id)
        message = str(caught.value)
        assert "is full" in message and "Free some space" in message and "disk failed" not in message
        filler.unlink()
        with open_store(str(disk / "letters.db")) as store:
            assert store.get(letter_id).child.name == "Ellie"


class _Refused(Exception):
    sqlstate = "42501"


class _Wrapped(Exception):
    def __init__(self, orig: Exception) -> None:
        super().__init__(str(orig))
        self.orig = orig


@pytest.mark.parametrize(
    ("said", "table"),
    [
        ("permission denied for table revisions", "revisions"),
        ('new row violates row-level security policy for table "letters"', "letters"),
        ("permission denied for function team_read", None),
    ],
)
def test_a_refusal_in_team_mode_says_which_table_for_the_admin(said: str, table: str | None) -> None:
    from letters.errors import NotAllowed
    from letters.store.engine import storage_error

    error = storage_error(_Wrapped(_Refused(f"{said}\nDETAIL: a later line may quote data")), "db")
    assert isinstance(error, NotAllowed) and str(error).startswith("Your role in this team does not allow")
    assert (f"on its table {table})." in str(error)) if table else str(error).endswith("if you need it.")
    assert "DETAIL" not in str(error)
