"""The journal and recovery files: text typed but not yet in a revision survives a killed process,
and comes back for the same person only. Real processes, a real database (SQLite, and PostgreSQL
when configured), real files.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from letters.demo import demo_letter
from letters.store import Place, Store, open_store
from letters.store.recovery import pending_recoveries, recovery_root
from letters.store.tables import JournalRow

REPO = Path(__file__).resolve().parents[2]
TYPED = " I typed this just before the app was killed."


def hello(letter: object) -> str:
    return letter.section("hello").text  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def killed_editor(store_url: str) -> Iterator[tuple[str, int]]:
    """A letter whose editor process wrote the journal and was killed with SIGKILL."""
    with open_store(store_url, person="pnandra") as store:
        letter_id = store.add(demo_letter())
    editor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.store.editor_process",
            store_url,
            str(letter_id),
            "journal",
            TYPED,
            "pnandra",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert editor.stdout is not None
    assert editor.stdout.readline().strip() == "ready"
    with open_store(store_url, person="pnandra") as store:
        assert store.journals_to_restore() == []  # its editor is still running
    os.kill(editor.pid, signal.SIGKILL)
    editor.wait(timeout=30)
    yield store_url, letter_id


def test_text_in_the_journal_of_a_killed_editor_is_restored(killed_editor: tuple[str, int]) -> None:
    url, letter_id = killed_editor
    with open_store(url, person="pnandra") as store:
        (entry,) = store.journals_to_restore()
        assert (entry.letter_id, entry.child, entry.based_on) == (letter_id, "Ellie", 1)
        restored = store.restore_journal(entry)
        assert restored is not None and restored.current and restored.revision == 2
        assert hello(store.get(letter_id)).endswith(TYPED)
        last = store.history(letter_id)[-1]
        assert (last.kind, last.author) == ("restored", "pnandra")
        assert store.journals_to_restore() == []
        assert store.restore_journal(entry) is None  # restored once only


def test_an_editor_killed_but_not_yet_collected_by_its_parent_is_not_running(store_url: str) -> None:
    """A killed process stays a zombie until its parent waits for it (in a container whose first
    process never collects orphans, for good): its journal is left over, not "still running"."""
    with open_store(store_url, person="pnandra") as store:
        letter_id = store.add(demo_letter())
    editor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.store.editor_process",
            store_url,
            str(letter_id),
            "journal",
            TYPED,
            "pnandra",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert editor.stdout is not None
    assert editor.stdout.readline().strip() == "ready"
    os.kill(editor.pid, signal.SIGKILL)
    try:
        deadline = time.monotonic() + 30
        while Path(f"/proc/{editor.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            assert time.monotonic() < deadline, "the killed editor never stopped"
            time.sleep(0.05)
        with open_store(store_url, person="pnandra") as store:
            (entry,) = store.journals_to_restore()
            assert entry.letter_id == letter_id and hello(entry.letter).endswith(TYPED)
    finally:
        editor.wait(timeout=30)


def test_a_journal_whose_process_number_was_given_to_a_later_program_is_left_over(store: Store) -> None:
    letter_id = store.add(demo_letter())
    letter = store.get(letter_id)
    letter.section("hello").text += TYPED  # type: ignore[union-attr]
    store.write_journal(letter)
    time.sleep(2.5)  # the process below starts well after the row was written
    later = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with store.transaction(write=True) as conn:  # as if the editor had had that number
            conn.execute(update(JournalRow).values(pid=later.pid, session="an editor that stopped"))
        (entry,) = store.journals_to_restore()
        assert hello(entry.letter).endswith(TYPED)
    finally:
        later.kill()
        later.wait(timeout=30)


def test_the_journal_is_offered_to_its_own_person_only(killed_editor: tuple[str, int]) -> None:
    url, _ = killed_editor
    with open_store(url, person="bwalsh") as someone_else:
        assert someone_else.journals_to_restore() == []
    with open_store(url, person="pnandra") as store:
        assert len(store.journals_to_restore()) == 1


def test_a_journal_of_a_letter_changed_since_is_kept_beside_it(killed_editor: tuple[str, int]) -> None:
    url, letter_id = killed_editor
    with open_store(url, person="bwalsh") as other:
        letter = other.get(letter_id)
        letter.section("school").text = "Changed in another window meanwhile."  # type: ignore[union-attr]
        other.save(letter)
    with open_store(url, person="pnandra") as store:
        (entry,) = store.journals_to_restore()
        restored = store.restore_journal(entry)
        assert restored is not None and not restored.current and restored.revision == 3
        assert not hello(store.get(letter_id)).endswith(TYPED)  # nobody's text written over
        assert hello(store.revision(letter_id, 3)).endswith(TYPED)
        assert store.history(letter_id)[-1].kind == "kept"


def journal_rows(store: Store) -> int:
    from sqlalchemy import func, select

    from letters.store.tables import JournalRow

    with store.transaction(write=False) as conn:
        return int(conn.execute(select(func.count()).select_from(JournalRow)).scalar_one())


def test_a_revision_drops_the_journal_row(store: Store) -> None:
    letter_id = store.add(demo_letter())
    letter = store.get(letter_id)
    letter.section("hello").text += " More."  # type: ignore[union-attr]
    store.write_journal(letter, place=Place("hello", 12))
    store.write_journal(letter, place=Place("hello", 17))  # overwritten, not a second row
    assert journal_rows(store) == 1
    store.save(letter, place=Place("hello", 17))
    assert journal_rows(store) == 0
    assert store.last_place(letter_id) == Place("hello", 17)


def test_a_recovery_file_is_private_and_restored_for_its_person_and_database(store_url: str) -> None:
    with open_store(store_url, person="pnandra") as store:
        letter_id = store.add(demo_letter())
        letter = store.get(letter_id)
        letter.section("hello").text += TYPED  # type: ignore[union-attr]
        path = store.write_recovery(letter, place=Place("hello", 3))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert "Ellie" not in str(path) and "pnandra" not in str(path)
        assert TYPED.strip() in path.read_text(encoding="utf-8")
    with open_store(store_url, person="bwalsh") as someone_else:
        assert someone_else.pending_recoveries() == []
    assert pending_recoveries(where="/some/other.db", person="pnandra") == []
    with open_store(store_url, person="pnandra") as store:
        (recovery,) = store.pending_recoveries()
        assert (recovery.letter_id, recovery.based_on, recovery.place) == (letter_id, 1, Place("hello", 3))
        restored = store.restore_recovery(recovery)
        assert restored.current and hello(store.get(letter_id)).endswith(TYPED)
        assert not path.exists() and store.pending_recoveries() == []
    assert recovery_root().is_dir()


def test_a_recovery_file_that_cannot_be_read_is_left_alone(store_url: str) -> None:
    with open_store(store_url, person="pnandra") as store:
        letter_id = store.add(demo_letter())
        path = store.write_recovery(store.get(letter_id))
        path.write_text("{not json", encoding="utf-8")
        assert store.pending_recoveries() == []
        assert path.exists()  # never thrown away because this version cannot read it
