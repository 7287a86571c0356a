"""`letters child list|show|merge|split|edit` against a SQLite file, with letters imported."""

from __future__ import annotations

import re
from datetime import date

import pytest

from letters.cli import main
from letters.model import Child, Letter, Meeting
from letters.store import open_store
from tests.audit.test_records import ROWS, service  # noqa: F401  (the fixture)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(service, db_url):  # noqa: F811
    return db_url


def test_list_and_show_a_child(db, capsys):
    code, out, _ = run(capsys, "child", "list", "--database", db)
    assert code == 0
    assert "5 children." in out
    tia = next(line for line in out.splitlines() if "Tia North" in line)
    number, ref = tia.split()[0], tia.split()[1]
    assert re.fullmatch(r"C-[0-9A-F]{8}", ref) and "LCS-1" in tia and "case number" in tia
    for name in (number, ref, "lcs-1"):
        code, out, _ = run(capsys, "child", "show", name, "--database", db)
        assert code == 0 and "Tia North" in out
    assert "Looked after since: 2025-08-04" in out and "Unaccompanied asylum-seeking child: yes" in out
    first, second = [line for line in out.splitlines() if "2025-09-03" in line or "2025-12-03" in line]
    assert "2025-09-02" in first and "1 working day late" in first
    assert "on time" in second
    code, _, err = run(capsys, "child", "show", "C-00000000", "--database", db)
    assert code == 2 and "There is no child C-00000000" in err


def test_merge_split_and_edit(db, capsys):
    with open_store(db) as store:
        jays = [
            Letter(Child("Jay", age=7), Meeting(date(2026, 1, 5), iro="Asha Example")),
            Letter(Child("Jay", age=7), Meeting(date(2026, 2, 5), iro="Ben Example")),
        ]
        for jay in jays:
            store.add(jay)
        a, b = jays[0].child_id, jays[1].child_id
    code, out, _ = run(capsys, "child", "merge", str(a), str(b), "--database", db)
    assert code == 0 and f"Merged child {b} into child {a}" in out and "2 letters" in out
    code, out, _ = run(capsys, "child", "list", "--database", db)
    assert "6 children." in out
    code, out, _ = run(capsys, "child", "split", str(a), "--letters", str(jays[1].id), "--database", db)
    assert code == 0 and f"Moved letters {jays[1].id} from child {a}" in out
    code, out, _ = run(
        capsys,
        "child",
        "edit",
        str(a),
        "--uasc",
        "yes",
        "--looked-after-since",
        "2025-12-01",
        "--database",
        db,
    )
    assert code == 0
    code, out, _ = run(capsys, "child", "show", str(a), "--database", db)
    assert "Unaccompanied asylum-seeking child: yes" in out and "2025-12-01" in out
    code, _, err = run(capsys, "child", "edit", str(a), "--case-id", "LCS-1", "--database", db)
    assert code == 2 and "already child" in err
    with pytest.raises(SystemExit) as info:
        main(["child", "split", str(a), "--letters", "x", "--database", db])
    assert info.value.code == 2 and "not a list of letter ids" in capsys.readouterr().err
