"""`letters export ID --out DIR --audio` against a real SQLite database: the MP3 beside the Word
files, and when espeak-ng is missing, the Word files all the same, exit status 1, a message saying
how to install it, and `--status` marking nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng: apt-get install espeak-ng")
def test_audio_is_written_beside_the_word_files_then_the_status_is_marked(
    db_url: str, letter_id: int, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", str(letter_id), "--out", str(out), "--database", db_url, "--audio", "--status", "ready"]
    assert main(args) == 0
    printed = capsys.readouterr()
    audio = out / f"letter-{letter_id}-2026-11-18-child.mp3"
    assert f"Read aloud:     {audio}" in printed.out and audio.stat().st_size > 100_000
    assert f"Letter {letter_id} is now ready." in printed.out
    with open_store(db_url) as store:
        assert store.get(letter_id).status == Status.READY


def test_without_espeak_the_word_files_are_written_and_nothing_is_marked(
    db_url: str,
    letter_id: int,
    out: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[export]\nespeak_ng = "{tmp_path / "missing" / "espeak-ng"}"\n')
    monkeypatch.setenv("LETTERS_CONFIG", str(config))
    args = ["export", str(letter_id), "--out", str(out), "--database", db_url, "--audio", "--status", "sent"]
    assert main(args) == 1
    printed = capsys.readouterr()
    assert "Child's letter:" in printed.out and "Adults' copy:" in printed.out
    assert "the letter read aloud was not written: espeak-ng was not found" in printed.err
    assert "sudo apt-get install espeak-ng" in printed.err
    assert f"letter {letter_id} was not marked sent" in printed.err
    assert "Traceback" not in printed.err
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".docx"]
    with open_store(db_url) as store:
        assert store.get(letter_id).status == Status.DRAFT
