"""A fuzz of what takes input from outside: the engine, the letter file and the import CSV.

Each runs on a fixed budget (`FUZZ`: a number of examples, and a deadline per example that a
quadratic blow-up or a hang would pass), in CI with a fixed seed so a run can be repeated. Set
LETTERS_FUZZ_EXAMPLES to fuzz longer on your own machine. The properties: nothing but a
`UserError` (with its message) ever comes out, and what is accepted is whole and consistent.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.audit.importer import COLUMNS, import_folder
from letters.checks import Checker, ReaderProfile, check_letter
from letters.demo import demo_letter
from letters.errors import InputError, UserError
from letters.interchange import letter_from_toml, letter_to_data, letter_to_toml
from letters.limits import letter_problems
from letters.textio import decode_text

FUZZ = settings(
    max_examples=int(os.environ.get("LETTERS_FUZZ_EXAMPLES", "60")),
    deadline=timedelta(seconds=5),
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TODAY = date(2026, 12, 1)
LEXICON = Path(__file__).parents[1] / "letters" / "checks" / "data" / "lexicon.toml"
TERMS = sorted({t["term"] for t in tomllib.loads(LEXICON.read_text("utf-8"))["term"]})

# ------------------------------------------------------------------------------------- the engine

PATHOLOGICAL = st.sampled_from(
    ["!!!???" * 40, "A" * 300, "PEP CAMHS IRO SW " * 20, "word " * 200, "x" * 500, "\n" * 50, "“" * 30]
)
PIECES = st.one_of(
    st.sampled_from(TERMS),
    st.sampled_from([" ", ". ", "\n", "\n\n", '"', "“", "”", "’", "!", "?", "...", "you", "Dear Mia,"]),
    st.text(max_size=12),
    PATHOLOGICAL,
)
TEXTS = st.lists(PIECES, max_size=80).map("".join)


_CHECKERS: dict[tuple[int, bool], Checker] = {}


def _checker(age: int, eal: bool) -> Checker:
    if (age, eal) not in _CHECKERS:
        _CHECKERS[age, eal] = Checker(ReaderProfile(age=age, eal=eal))
    return _CHECKERS[age, eal]


@pytest.fixture(scope="module", autouse=True)
def _engine_loaded() -> None:
    """The engine's data loads once, before any example's clock starts."""
    _checker(9, False).check("Dear Mia, we talked about your placement.")


@FUZZ
@given(text=TEXTS, age=st.integers(0, 25), eal=st.booleans())
def test_the_engine_takes_any_text(text: str, age: int, eal: bool) -> None:
    checker = _checker(age, eal)
    report = checker.check(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.message
    assert report.words >= 0
    assert [(f.rule, f.start, f.end) for f in checker.check(text).findings] == [
        (f.rule, f.start, f.end) for f in report.findings
    ]


@FUZZ
@given(sections=st.lists(TEXTS, min_size=1, max_size=4), age=st.integers(0, 25))
def test_the_engine_takes_any_letter(sections: list[str], age: int) -> None:
    letter = demo_letter()
    letter.child.age, letter.child.date_of_birth = age, None
    for section, text in zip(letter.sections, sections, strict=False):
        section.text = text
    report = check_letter(letter)
    assert all(0 <= f.start <= f.end <= len(report.joined_text) for f in report.report.findings)
    for key, findings in report.by_part.items():  # each finding within its own part's text
        assert all(0 <= f.start <= f.end <= len(report.texts[key]) for f in findings), key


# -------------------------------------------------------------------------------- the letter file

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.text(max_size=30),
    st.dates(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


@st.composite
def mutated_letters(draw: st.DrawFn) -> str:
    """A real letter file with a few fields removed, retyped or added."""
    data = letter_to_data(demo_letter())
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["delete", "replace", "add"]))
        value = draw(VALUES)
        if action == "delete" or value is None:
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = value
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = value
        if not data:
            break
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):  # a value TOML cannot hold: the file itself then
        return str(data)


def _read(text: str) -> None:
    try:
        letter = letter_from_toml(text, today=TODAY)
    except InputError as exc:
        assert str(exc)  # a message, naming the field or the line
        return
    assert letter_problems(letter, today=TODAY) == []
    assert letter_from_toml(letter_to_toml(letter), today=TODAY) == letter


@FUZZ
@given(mutated_letters())
def test_a_damaged_letter_file_is_refused_or_read_whole(text: str) -> None:
    _read(text)


@FUZZ
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_any_text_as_a_letter_file_is_refused_or_read(text: str) -> None:
    _read(text)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_with_a_message(data: bytes) -> None:
    try:
        text = decode_text(data, "letter.txt")
    except InputError as exc:
        assert str(exc).startswith("letter.txt: ")
        return
    assert "\x00" not in text and "\r" not in text


# -------------------------------------------------------------------------------- the import CSV

CELLS = {
    "file": st.sampled_from(["ellie.docx", "missing.docx", "../ellie.docx", "notes.txt", ""]),
    "child": st.sampled_from(["Ellie", "", "Zoë", "A" * 50]) | st.text(max_size=10),
    "age": st.sampled_from(["9", "", "nine", "-1", "40", "9.5"]),
    "date_of_birth": st.sampled_from(
        ["", "2017-03-08", "08/03/2017", "31/02/2017", "2030-01-01", "1900-1-1"]
    ),
    "meeting_date": st.sampled_from(["2026-01-14", "14/01/2026", "", "9999-12-31", "1026-01-14", "soon"]),
    "sent_date": st.sampled_from(["", "2026-01-20", "2026-01-01", "2099-01-01", "20.01.2026"]),
    "iro": st.sampled_from(["Priya Example", ""]) | st.text(max_size=10),
    "review": st.sampled_from(["", "later", "first", "third"]),
    "participation": st.sampled_from(["", "PN1", "pn0", "PN9"]),
    "eal": st.sampled_from(["", "yes", "no", "perhaps"]),
    "reading_age": st.sampled_from(["", "8", "8.5", "nan", "99", "x"]),
    "child_id": st.sampled_from(["", "LCS-1", "LCS-2", "9" * 120]),
    "looked_after_since": st.sampled_from(["", "2025-12-19", "2026-02-01", "31/02/2025"]),
    "previous_review_date": st.sampled_from(["", "2025-07-14", "2026-01-14", "later"]),
    "uasc": st.sampled_from(["", "yes", "no", "maybe"]),
    "decisions_sent_date": st.sampled_from(["", "2026-01-16", "2026-01-02"]),
    "late_reason": st.sampled_from(["", "Rearranged", "\x1b[31m"]),
}


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    columns = (
        draw(st.lists(st.sampled_from(COLUMNS), unique=True, min_size=1)) if draw(st.booleans()) else COLUMNS
    )
    rows = [{c: draw(CELLS[c]) for c in columns} for _ in range(draw(st.integers(0, 4)))]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):  # and now and then, the kind of damage a hand-edited file has
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(['"', "\n", ",", "\x00", "\ufeff", ""])) + text[cut:]
    return text


@pytest.fixture(scope="module")
def import_folder_and_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from letters.store import open_store

    folder = tmp_path_factory.mktemp("import")
    document = docx.Document()
    document.add_heading("What you told us", level=1)
    document.add_paragraph("You said you like the park.")
    document.save(str(folder / "ellie.docx"))
    (folder / "notes.txt").write_text("not a letter")
    store = open_store(str(folder / "letters.db"))
    yield folder, store
    store.close()


@FUZZ
@given(text=csv_files())
def test_any_import_csv_is_checked_whole_before_anything_is_saved(
    import_folder_and_store: Any, text: str
) -> None:
    folder, store = import_folder_and_store
    (folder / "letters.csv").write_text(text, "utf-8")
    try:
        imported = import_folder(store, folder, csv_path=folder / "letters.csv", dry_run=True)
    except UserError as exc:
        assert str(exc)
    else:
        assert all(item.letter_id is None for item in imported.letters)
    assert store.list() == []  # a dry run, or a refused import, saves nothing
