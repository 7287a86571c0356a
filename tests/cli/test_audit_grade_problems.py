"""`letters audit grade`: every problem with a grading is reported at once, bad values included."""

from __future__ import annotations

from pathlib import Path

import pytest

from letters.cli import main
from letters.store import open_store
from tests.audit.month import january_letters
from tests.stored import add_letter


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def graded_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "letters.db"
    with open_store(str(path)) as store:
        for letter in january_letters():
            add_letter(store, letter)
    db = str(path)
    code, out, _ = _run(
        capsys,
        "audit",
        "sample",
        "--month",
        "2026-01",
        "--seed",
        "11",
        "--by",
        "Ann Auditor",
        "--database",
        db,
    )
    assert code == 0
    return db


def _first_sampled(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    _, out, _ = _run(capsys, "audit", "show", "--month", "2026-01", "--database", db)
    return out.splitlines()[2].split()[0]


def test_bad_answers_and_grade_are_listed_together(
    graded_month: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys,
        "audit",
        "grade",
        "--letter",
        _first_sampled(graded_month, capsys),
        "--database",
        graded_month,
        "--by",
        "Ann Auditor",
        "--answer",
        "jargon=Maybe",
        "--answer",
        "nosuch=Yes",
        "--overall",
        "Superb",
    )
    assert code != 0
    assert "'Maybe' is not an answer" in err
    assert "'Superb' is not a grade" in err
    assert "'nosuch'" in err and "not in the rubric" in err
    assert "no answer for" in err  # the questions not answered at all
    assert "jargon" not in err.split("no answer for", 1)[1].splitlines()[0]  # answered, wrongly
    assert "Traceback" not in err


def test_a_grading_file_with_bad_values_lists_every_problem(
    graded_month: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "grading.toml"
    letter = _first_sampled(graded_month, capsys)
    path.write_text(
        f'letter = {letter}\nauditor = "Ann Auditor"\noverall = "Superb"\n'
        '[answers]\njargon = "Maybe"\nnosuch = "Yes"\n'
    )
    code, _, err = _run(capsys, "audit", "grade", "--file", str(path), "--database", graded_month)
    assert code != 0
    assert "'Maybe' is not an answer" in err and "'Superb' is not a grade" in err and "'nosuch'" in err
