"""Writing the Word files: names, permissions, characters Word cannot hold, and folders or disks
that cannot take the files (a clear ExportError, nothing half-written left behind)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from letters.config import Config
from letters.errors import ExportError
from letters.export import export_letter, export_names, safe_filename
from tests.export.helpers import body_lines, synthetic_letter

CONFIG = Config()
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the files (tmp_path also holds the test's home folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------------------------------------ names


def test_file_names_identify_the_letter_not_the_child(out: Path) -> None:
    result = export_letter(synthetic_letter(letter_id=41), out, CONFIG)
    assert result.child_path == out / "letter-41-2026-03-03-child.docx"
    assert result.adult_path == out / "letter-41-2026-03-03-adults.docx"
    assert export_names(synthetic_letter(letter_id=None)) == (
        "letter-new-2026-03-03-child.docx",
        "letter-new-2026-03-03-adults.docx",
    )
    assert sorted(p.name for p in out.iterdir()) == sorted([result.child_path.name, result.adult_path.name])


@pytest.mark.parametrize(
    "name, safe",
    [
        ('a<b>c:"d"/e\\f|g?h*.docx', "a-b-c--d--e-f-g-h-.docx"),
        ("CON.docx", "_CON.docx"),
        ("lpt1.notes.docx", "_lpt1.notes.docx"),
        ("report. . .", "report"),
        ("tab\there.docx", "tab-here.docx"),
        ("", "letter"),
    ],
)
def test_safe_filename_examples(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in "123456789"}


@given(st.text(max_size=300), st.sampled_from(["", ".docx", ".DOCX", ".pdf"]))
def test_safe_filename_is_always_valid_on_windows(stem: str, ext: str) -> None:
    name = safe_filename(stem + ext)
    assert name and len(name) <= 100
    assert not set(name) & set('<>:"/\\|?*')
    assert all(ord(ch) >= 32 for ch in name)
    assert not name.endswith((".", " "))
    assert name.split(".")[0].upper() not in RESERVED
    if ext and safe_filename(stem) != "letter":
        assert name.endswith(ext)


# ------------------------------------------------------------------------------------ permissions


def test_files_are_readable_by_the_user_only_and_nothing_else_is_left(out: Path) -> None:
    old = os.umask(0)  # even with the most permissive umask
    try:
        first = export_letter(synthetic_letter(), out, CONFIG)
        assert mode(first.child_path) == mode(first.adult_path) == 0o600
        # Exporting again replaces the files, still private.
        second = export_letter(synthetic_letter(), out, CONFIG)
    finally:
        os.umask(old)
    assert mode(second.child_path) == mode(second.adult_path) == 0o600
    assert len(list(out.iterdir())) == 2  # no temporary files


# ----------------------------------------------------------------------------- characters


def test_characters_word_cannot_hold_are_removed_with_a_warning(tmp_path: Path) -> None:
    letter = synthetic_letter()
    letter.section("told_us").text = "You said\x07 it was \x0bfun.\x0c"  # type: ignore[union-attr]
    letter.decisions[0].who = "L\x1bQ"
    result = export_letter(letter, tmp_path, CONFIG)
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert "U+0007" in warning and "U+000B" in warning and "U+000C" in warning
    assert "U+001B" in warning  # from the adults' decisions table
    assert "fun" not in warning  # the warning never repeats the letter's text
    assert "You said it was fun." in body_lines(result.child_path)
    adult = body_lines(result.adult_path)
    assert "You said it was fun." in adult
    assert "Get your bike back from Dad's house | LQ | the end of March" in adult


def test_a_clean_letter_has_no_warnings(tmp_path: Path) -> None:
    letter = synthetic_letter()
    letter.section("told_us").text = "Tabs\tand emoji 🚲 and accents: café, Zoë."  # type: ignore[union-attr]
    result = export_letter(letter, tmp_path, CONFIG)
    assert result.warnings == []
    paragraphs = [p.text for p in Document(str(result.child_path)).paragraphs]
    assert "Tabs\tand emoji 🚲 and accents: café, Zoë." in paragraphs


# --------------------------------------------------------------------------------- bad folders


def test_a_missing_folder_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist") as caught:
        export_letter(synthetic_letter(), tmp_path / "missing", CONFIG)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "missing").exists()


def test_a_file_instead_of_a_folder_is_an_export_error(tmp_path: Path) -> None:
    target = tmp_path / "letters.docx"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match="is not a folder"):
        export_letter(synthetic_letter(), target, CONFIG)


@contextmanager
def as_ordinary_user() -> Iterator[None]:
    """Run as "nobody" when the tests run as root, who may write anywhere."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.parametrize("folder_mode, parent_mode", [(0o555, 0o755), (0o755, 0o700)])
def test_a_folder_that_cannot_be_written_is_an_export_error(
    tmp_path: Path, folder_mode: int, parent_mode: int
) -> None:
    # Export once first so that everything the export imports is loaded before the test drops
    # root's rights (the interpreter's own library may be readable by root only).
    export_letter(synthetic_letter(), tmp_path, CONFIG)
    # Outside tmp_path, whose parents only root may enter: the folder must be reachable or not
    # exactly as the parameters say.
    with tempfile.TemporaryDirectory() as parent_name:
        parent = Path(parent_name)
        out = parent / "out"
        out.mkdir()
        out.chmod(folder_mode)
        parent.chmod(parent_mode)
        try:
            with as_ordinary_user(), pytest.raises(ExportError) as caught:
                export_letter(synthetic_letter(), out, CONFIG)
        finally:
            parent.chmod(0o700)
            out.chmod(0o700)
        assert "permission denied" in str(caught.value)
        assert list(out.iterdir()) == []


DISK_FULL_SCRIPT = """
import resource, signal, sys
from pathlib import Path
from letters.config import Config
from letters.errors import ExportError
from letters.export import export_letter
from tests.export.helpers import synthetic_letter

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of dying
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.RLIM_INFINITY))
try:
    export_letter(synthetic_letter(), Path(sys.argv[1]), Config())
except ExportError as exc:
    print("ExportError:", exc)
"""


@pytest.mark.parametrize("fails_on", ["child", "adults"])
def test_a_full_disk_is_an_export_error_and_leaves_nothing_behind(
    out: Path, tmp_path: Path, fails_on: str
) -> None:
    # A file-size limit makes write() fail the way a full disk does, for real, in a child process:
    # below the child's file size it fails on the first file; between the two sizes, on the
    # second (the adults' copy is the larger), after the first was completely written.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    sizes = export_letter(synthetic_letter(), scratch, CONFIG)
    child_size, adult_size = sizes.child_path.stat().st_size, sizes.adult_path.stat().st_size
    assert child_size < adult_size
    limit = child_size // 2 if fails_on == "child" else (child_size + adult_size) // 2
    done = subprocess.run(
        [sys.executable, "-c", DISK_FULL_SCRIPT, str(out), str(limit)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ExportError: not enough disk space"), done.stdout
    assert list(out.iterdir()) == []


# ---------------------------------------------------------------------------------------- imports


def test_export_never_imports_textual_and_the_cli_module_imports_no_docx() -> None:
    code = (
        "import sys, letters.cli.export\n"
        "assert 'docx' not in sys.modules and 'jinja2' not in sys.modules, 'heavy CLI import'\n"
        "import letters.export, letters.export.docx, letters.render\n"
        "assert 'textual' not in sys.modules, 'export imported Textual'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
