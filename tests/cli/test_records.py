"""`letters new/show/list/demo/delete/restore/history/status` as an IRO uses them.

Runs the real command line (`letters.cli.main`) on a real SQLite file, and once as a separate
process (`python -m letters`), as a user's shell would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from letters.cli import main
from letters.demo import demo_letter
from letters.interchange import letter_from_toml, letter_to_toml
from letters.model import Status
from letters.store import open_store, os_user

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTERS_DATABASE_URL", db_url)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_adds_a_letter_and_list_shows_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0 and out.strip() == "1"
    code, out, _ = run(capsys, "list")
    assert code == 0
    header, row = out.strip().splitlines()
    assert header.split() == ["ID", "CHILD", "AGE", "MEETING", "STATUS", "DUE", "SENT", "DECISIONS"]
    # The demo letter's eye test was due on 30 November 2026 (overdue from then on).
    overdue = ["1", "overdue"] if date.today() > date(2026, 11, 30) else []
    assert row.split() == ["1", "Ellie", "9", "2026-11-18", "draft", "2026-12-16", *overdue]


def test_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    run(capsys, "demo")
    run(capsys, "status", "1", "sent", "--date", "2026-11-20")
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [2, 1]
    assert {k: rows[1][k] for k in ("child", "age", "meeting_date", "status", "due", "sent_on")} == {
        "child": "Ellie",
        "age": 9,
        "meeting_date": "2026-11-18",
        "status": "sent",
        "due": "2026-12-16",
        "sent_on": "2026-11-20",
    }
    code, out, _ = run(capsys, "list", "--format", "json", "--status", "draft")
    assert [r["id"] for r in json.loads(out)] == [2]


def test_a_letter_file_round_trips_through_new_and_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "demo")
    code, shown, _ = run(capsys, "show", "1", "--toml")
    assert code == 0
    edited = shown.replace("Biscuit, the dog", "Biscuit, the puppy")
    (tmp_path / "letter.toml").write_text(edited, encoding="utf-8")
    code, out, _ = run(capsys, "new", "--from", str(tmp_path / "letter.toml"))
    assert code == 0 and out.strip() == "2"
    _, shown_again, _ = run(capsys, "show", "2", "--toml")
    first, second = letter_from_toml(shown), letter_from_toml(shown_again)
    assert second.section("told_us").text.count("Biscuit, the puppy") == 1  # type: ignore[union-attr]
    first.section("told_us").text = second.section("told_us").text  # type: ignore[union-attr]
    for letter in (first, second):
        letter.id = letter.created_at = letter.updated_at = None
    assert first == second


def test_show_prints_the_letter_for_a_person(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    code, out, _ = run(capsys, "show", "1")
    assert code == 0
    assert "Child:          Ellie, 9" in out
    assert "Due:            decisions 2026-11-25, letter 2026-12-16" in out
    assert "## What you told us" in out
    assert "- Book an eye test for you. (who: Anne; by when: by Monday 30 November 2026)" in out


def test_bad_letter_files_are_refused_with_the_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[child]\nname = "Rowan"\n[meeting]\ndate = "next week"\n')
    code, out, err = run(capsys, "new", "--from", str(bad))
    assert code == 2 and out == ""
    assert err.strip() == (
        f"letters: error: {bad}: meeting.date: 'next week' is not a date; write it as 2026-01-14."
    )
    code, _, err = run(capsys, "new", "--from", str(tmp_path / "missing.toml"))
    assert code == 2 and "missing.toml: no such file" in err
    (tmp_path / "binary.toml").write_bytes(b"\x00\x01\xff")
    code, _, err = run(capsys, "new", "--from", str(tmp_path / "binary.toml"))
    assert code == 2 and "binary data, not text (a NUL byte at position 0)" in err
    (tmp_path / "latin1.toml").write_bytes('[child]\nname = "Zo\xeb"\n'.encode("latin-1"))
    code, _, err = run(capsys, "new", "--from", str(tmp_path / "latin1.toml"))
    assert code == 2 and "not UTF-8 text (bad byte at position 18)" in err
    _, out, _ = run(capsys, "list", "--format", "json")
    assert json.loads(out) == []  # nothing half-added


def test_delete_restore_and_history(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    code, out, _ = run(capsys, "delete", "1")
    assert code == 0 and "letters restore 1" in out
    _, out, _ = run(capsys, "list")
    assert out.startswith("No letters.")
    _, out, _ = run(capsys, "list", "--deleted")
    assert "Ellie (deleted)" in out
    _, out, _ = run(capsys, "show", "1")
    assert "(deleted: restore with `letters restore 1`)" in out
    assert run(capsys, "restore", "1")[0] == 0
    run(capsys, "status", "1", "ready")
    code, out, _ = run(capsys, "history", "1")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].split()[0] == "1" and lines[0].endswith("First version")
    assert lines[1].split()[0] == "2" and lines[1].endswith("Changed status draft → ready [current]")
    assert lines[1].split()[3] == os_user()  # who made it
    _, out, _ = run(capsys, "show", "1", "--revision", "1", "--toml")
    assert 'status = "draft"' in out


def test_status_sent_with_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    code, _, err = run(capsys, "status", "1", "sent", "--date", "2026-11-01")
    assert code == 2 and "is before the meeting (2026-11-18)" in err
    code, out, _ = run(capsys, "status", "1", "sent", "--date", "23/11/2026")  # as the UK writes it
    assert code == 0 and out.splitlines() == ["No open findings.", "Letter 1 is now sent on 2026-11-23."]
    with pytest.raises(SystemExit) as exited:
        main(["status", "1", "sent", "--date", "11/23/2026"])
    assert exited.value.code == 2
    assert "'11/23/2026': There is no month 23" in capsys.readouterr().err


def test_a_missing_letter_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "7")
    assert code == 2 and out == ""
    assert err.strip() == (
        "letters: error: There is no letter 7. Run `letters list --deleted` to see the letters and their ids."
    )


def test_the_database_option_and_the_config_choose_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    run(capsys, "demo", "--database", str(other))
    assert other.is_file()
    _, out, _ = run(capsys, "list", "--format", "json")
    assert json.loads(out) == []  # LETTERS_DATABASE_URL's database is untouched
    monkeypatch.delenv("LETTERS_DATABASE_URL")
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{other}"\n[authority]\nletter_working_days = 15\n')
    monkeypatch.setenv("LETTERS_CONFIG", str(config))
    _, out, _ = run(capsys, "list", "--format", "json")
    assert [(r["id"], r["due"]) for r in json.loads(out)] == [(1, "2026-12-09")]


def test_a_file_that_is_not_a_database_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping: bread, milk\n" * 200)
    code, _, err = run(capsys, "list", "--database", str(notes))
    assert code == 2
    assert err.startswith(f"letters: error: {notes} is not a letters database")
    assert len(err.strip().splitlines()) == 1


def test_the_installed_command_runs_as_a_separate_process(db_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "LETTERS_DATABASE_URL": db_url}

    def letters(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "letters", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    with open_store(db_url) as window:  # the app, open in this process the whole time
        window.add(demo_letter())
        added = letters("demo")
        assert added.returncode == 0, added.stderr
        listed = letters("list", "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert [(r["id"], r["child"]) for r in json.loads(listed.stdout)] == [
            (int(added.stdout), "Ellie"),
            (1, "Ellie"),
        ]
        assert [s.id for s in window.list()] == [2, 1]
    missing = letters("history", "99")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "There is no letter 99" in missing.stderr


NHS = " Your NHS number is 943 476 5919."


def test_status_ready_with_an_open_error_exits_1_and_lists_it(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.section("health").text += NHS  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    code, out, err = run(capsys, "status", str(letter_id), "ready")
    assert code == 1 and out == ""
    assert err.startswith(f"letters: error: Letter {letter_id} cannot be marked ready: 1 error is open")
    assert "  error personal-data (Health): This looks like an NHS number" in err
    code, out, _ = run(capsys, "status", str(letter_id), "ready", "--override-reason", "  ")
    assert code == 1  # a blank reason is no reason
    reason = "The carers asked for it to be there."
    code, out, _ = run(capsys, "status", str(letter_id), "ready", "--override-reason", reason)
    assert code == 0 and out.splitlines()[-1] == f"Letter {letter_id} is now ready."
    assert "Open findings: 1 error" in out
    _, out, _ = run(capsys, "history", str(letter_id))
    assert out.strip().splitlines()[-1].endswith(f"Changed status draft → ready [reason: {reason}] [current]")


def test_a_sent_letter_cannot_go_back_to_draft(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    assert run(capsys, "status", "1", "sent", "--date", "2026-11-20")[0] == 0
    code, _, err = run(capsys, "status", "1", "draft")
    assert code == 2 and "was sent on 20 November 2026, so it cannot be marked draft" in err
    _, out, _ = run(capsys, "show", "1")
    assert "Status:         sent on 2026-11-20" in out


def test_history_and_show_tell_an_amended_letter_from_the_one_sent(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "demo")
    run(capsys, "status", "1", "sent", "--date", "2026-11-20")
    with open_store(db_url, person="bwalsh") as store:
        letter = store.get(1)
        letter.section("hello").text = "Hello Ellie, this is the amended letter."  # type: ignore[union-attr]
        store.save(letter, amend_reason="The greeting had the wrong name.")
    _, out, _ = run(capsys, "history", "1")
    lines = out.strip().splitlines()
    assert lines[1].endswith("Changed status draft → sent [the letter as sent]")
    assert "bwalsh" in lines[2]
    assert lines[2].endswith(
        "Changed Hello [amended after sending: The greeting had the wrong name.] [current]"
    )
    _, out, _ = run(capsys, "show", "1")
    assert "Hello Ellie, this is the amended letter." in out
    assert "Amended:        after sending, 1 time(s); the last by bwalsh" in out
    _, out, _ = run(capsys, "show", "1", "--sent")
    assert "this is the amended letter" not in out and "revision 2 (" in out.splitlines()[0]


def test_a_letter_file_marked_sent_goes_through_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.section("health").text += NHS  # type: ignore[union-attr]
    letter.status, letter.sent_on = Status.SENT, date(2026, 11, 20)
    path = tmp_path / "sent.toml"
    path.write_text(letter_to_toml(letter), encoding="utf-8")
    code, out, err = run(capsys, "new", "--from", str(path))
    assert code == 1 and "cannot be marked sent" in err
    assert json.loads(run(capsys, "list", "--format", "json")[1]) == []
    code, out, _ = run(capsys, "new", "--from", str(path), "--override-reason", "Sent on paper last week.")
    assert code == 0 and out.strip().splitlines()[-1] == "1"


def test_escape_sequences_stored_from_a_csv_are_shown_not_obeyed(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.child.name = "Ellie\x1b[2J\x1b]0;pwned\x07\u202eeilE"
    letter.section("hello").text = "Hi\x9b31m there\nSecond line"  # type: ignore[union-attr]
    with open_store(db_url) as store:
        store.add(letter)
    for args in (("list",), ("show", "1"), ("history", "1")):
        _, out, _ = run(capsys, *args)
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
    _, out, _ = run(capsys, "list")
    assert "Ellie\\x1b[2J\\x1b]0;pwned\\x07\\u202eeilE" in out
    _, out, _ = run(capsys, "show", "1")
    assert "Hi\\x9b31m there\nSecond line" in out  # a section's own lines stay lines
    _, out, _ = run(capsys, "list", "--format", "json")
    assert "\x9b" not in out and "\u202e" not in out
    assert json.loads(out)[0]["child"] == letter.child.name  # the exact text, for programs


def test_the_list_survives_a_bad_row(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    run(capsys, "demo")
    run(capsys, "demo")
    raw = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    raw.execute("UPDATE letters SET meeting_date = '9999-12-31' WHERE id = 2")
    raw.commit()
    raw.close()
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[1].split()[:2] == ["2", "Ellie"] and "(!)" in lines[1] and "?" in lines[1]
    assert lines[2].split()[:2] == ["1", "Ellie"] and "(!)" not in lines[2]
    assert lines[-1].startswith(
        "(!) letter 2: no due date can be worked out from its meeting date 9999-12-31"
    )
    rows = json.loads(run(capsys, "list", "--format", "json")[1])
    assert rows[0]["due"] is None and "problem" in rows[0] and "problem" not in rows[1]


def test_show_survives_a_meeting_date_stored_before_dates_were_checked(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    run(capsys, "demo")
    raw = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    raw.execute("UPDATE letters SET meeting_date = '9999-12-31' WHERE id = 1")
    raw.execute("UPDATE revisions SET document = replace(document, '2026-11-18', '9999-12-31')")
    raw.commit()
    raw.close()
    code, out, err = run(capsys, "show", "1")
    assert code == 0, err
    assert "Meeting:        9999-12-31" in out
    assert "Due:            not known: the meeting date cannot be right" in out


def test_the_audit_evidence_shows_an_override_and_an_amendment(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.section("health").text += NHS  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    reason = "The carers asked for it to be there."
    run(capsys, "status", str(letter_id), "sent", "--date", "2026-11-20", "--override-reason", reason)
    with open_store(db_url, person="bwalsh") as store:
        amended = store.get(letter_id)
        amended.section("hello").text += " (amended)"  # type: ignore[union-attr]
        store.save(amended, amend_reason="A word was missing.")
    code, out, _ = run(capsys, "audit", "show", "--letter", str(letter_id))
    assert code == 0
    assert "with 1 error(s), 0 warning(s) and 0 info open. Reason given: The carers asked" in out
    assert "error personal-data (Health): This looks like an NHS number" in out
    assert "Amended after sending" in out and "by bwalsh: A word was missing. (revision 3;" in out
    assert "the letter as sent is revision 2)" in out
