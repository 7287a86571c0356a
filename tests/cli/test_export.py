"""`letters export ID --out DIR [--status ready|sent]` against a real SQLite database."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document

from letters.cli import main
from letters.demo import demo_letter
from letters.model import Status
from letters.store import open_store


@pytest.fixture
def letter_id(db_url: str) -> int:
    with open_store(db_url) as store:
        return store.add(demo_letter())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_export_writes_both_files_and_prints_their_paths(
    db_url: str, letter_id: int, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(letter_id), "--out", str(out), "--database", db_url]) == 0
    printed = capsys.readouterr()
    child = out / f"letter-{letter_id}-2026-11-18-child.docx"
    adult = out / f"letter-{letter_id}-2026-11-18-adults.docx"
    assert str(child) in printed.out and str(adult) in printed.out
    assert printed.err == ""
    assert "Dear Ellie," in [p.text for p in Document(str(child)).paragraphs]
    assert stat.S_IMODE(adult.stat().st_mode) == 0o600
    with open_store(db_url) as store:
        assert store.get(letter_id).status == Status.DRAFT  # unchanged without --status


def test_export_with_status_marks_the_letter_after_writing(
    db_url: str, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.meeting.date = date.today() - timedelta(days=3)  # a letter is sent after its meeting
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    args = ["export", str(letter_id), "--out", str(out), "--database", db_url, "--status", "sent"]
    assert main(args) == 0
    assert f"Letter {letter_id} is now sent." in capsys.readouterr().out
    with open_store(db_url) as store:
        letter = store.get(letter_id)
    assert letter.status == Status.SENT and letter.sent_on is not None
    assert len(list(out.iterdir())) == 2


def test_export_warns_about_removed_characters_on_stderr(
    db_url: str, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.section("told_us").text += "\x07"  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    assert main(["export", str(letter_id), "--out", str(out), "--database", db_url]) == 0
    err = capsys.readouterr().err
    assert err.startswith("letters: warning: removed 1 control character (U+0007)")


def test_a_missing_folder_is_a_one_line_error_and_the_status_is_unchanged(
    db_url: str, letter_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    args = ["export", str(letter_id), "--out", str(missing), "--database", db_url]
    assert main([*args, "--status", "ready"]) == 2
    err = capsys.readouterr().err
    assert err == f"letters: error: folder {missing} does not exist: create it or choose another folder\n"
    with open_store(db_url) as store:
        assert store.get(letter_id).status == Status.DRAFT


def test_an_unknown_letter_is_a_clear_error(
    db_url: str, letter_id: int, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "999", "--out", str(out), "--database", db_url]) == 2
    assert "There is no letter 999" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_out_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "1"])
    assert caught.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_export_shows_the_open_findings_by_severity(
    db_url: str, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.section("family_time").text += " Contact with your birth mother is at the contact centre."  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    assert main(["export", str(letter_id), "--out", str(out), "--database", db_url]) == 0
    printed = capsys.readouterr().out
    assert "Open findings: " in printed and "warning" in printed
    # Each warning is listed, not only counted: the IRO sees which words before sending.
    listed = printed.split("Warnings:", 1)[1]
    assert "warning jargon (" in listed and "'contact'" in listed.lower()


def test_export_as_sent_with_an_open_error_writes_nothing_without_a_reason(
    db_url: str, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = demo_letter()
    letter.meeting.date = date.today() - timedelta(days=3)
    letter.section("health").text += " Your NHS number is 943 476 5919."  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    args = ["export", str(letter_id), "--out", str(out), "--database", db_url, "--status", "sent"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"Letter {letter_id} cannot be marked sent: 1 error is open" in err
    assert "error personal-data (Health)" in err and err.rstrip().endswith("Nothing was written.")
    assert list(out.iterdir()) == []
    reason = "The child asked for it, to fill in a form with their carer."
    assert main([*args, "--override-reason", reason]) == 0
    printed = capsys.readouterr().out
    assert "Open findings: 1 error" in printed and "the reason is kept with the letter" in printed
    assert len(list(out.iterdir())) == 2
    with open_store(db_url) as store:
        assert store.get(letter_id).status == Status.SENT
        assert store.send_checks(letter_id)[0].reason == reason
