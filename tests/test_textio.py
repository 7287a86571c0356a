"""Files that are not letters get a specific message at once: never a wait, a swollen process or exit 3."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from letters.cli import main
from letters.errors import InputError
from letters.textio import TEXT_BYTES, read_letter_text


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--age", "9", *args])
    return code, capsys.readouterr().err.strip()


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "letter.txt"
    os.mkfifo(pipe)
    start = time.perf_counter()
    code, err = check(capsys, str(pipe))
    assert time.perf_counter() - start < 5
    assert (code, err) == (
        2,
        f"letters: error: {pipe} is a named pipe, not a letter; save the letter as an ordinary file "
        "and give that.",
    )


def test_a_link_to_a_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zero = tmp_path / "letter.txt"
    zero.symlink_to("/dev/zero")
    assert check(capsys, str(zero)) == (
        2,
        f"letters: error: {zero} is a device, not a letter; save the letter as an ordinary file and "
        "give that.",
    )


def test_a_file_too_big_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "letter.txt"
    with big.open("wb") as handle:
        handle.truncate(TEXT_BYTES + 1)  # sparse: nothing to read, only a size
    code, err = check(capsys, str(big))
    assert code == 2 and "2.0 MB is too big for a letter (the limit is 2.0 MB)" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_letters_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "letter.txt"
    text = "Dear Zoë,\r\nWe talked about your contact with Nana.\r\n"
    bom = "\ufeff" if encoding != "utf-16" else ""  # Python's "utf-16" writes its own BOM
    path.write_bytes((bom + text).encode(encoding))
    assert read_letter_text(path) == "Dear Zoë,\nWe talked about your contact with Nana.\n"


def test_a_nul_byte_anywhere_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(b"Dear Ellie,\n" + b"a" * 20_000 + b"\x00 and more\n")
    with pytest.raises(InputError, match="binary data, not a letter \\(a NUL character at position 20012\\)"):
        read_letter_text(path)


def test_deeply_nested_toml_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "letter.toml"
    path.write_text("child = " + "[" * 100_000 + "]" * 100_000 + "\n")
    monkey_db = tmp_path / "letters.db"
    code = main(["new", "--from", str(path), "--database", str(monkey_db)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.endswith(
        "not a valid letter file: its tables or lists are nested too deeply; write it as "
        "`letters show --toml` does."
    )


def test_a_folder_and_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "letters.txt"
    folder.mkdir()
    assert check(capsys, str(folder))[1] == (
        f"letters: error: {folder} is a folder, not a letter; give the file inside it."
    )
    assert check(capsys, str(tmp_path / "gone.txt"))[1] == (
        f"letters: error: {tmp_path / 'gone.txt'}: no such file; check the name and the folder."
    )
