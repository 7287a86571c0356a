"""`letters team ...`, `letters share` and team mode's effect on other commands, run as each person
would run them, on a real team database (tests/teamdb.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy

from letters.audit.service import AuditService
from letters.cli import main
from letters.config import Config
from letters.demo import demo_letter
from letters.store import open_store
from letters.store.team import open_for
from letters.store.team.passwords import scram_verifier
from tests.teamdb import TeamDatabase


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        import sys

        sys.stdin = io.StringIO(stdin)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def as_(db: TeamDatabase, short: str) -> list[str]:
    return ["--database", db.url(short)]


def test_team_on_sqlite_says_what_it_is_for_and_how_to_move(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    code, out, _ = run(capsys, "team", "--database", db_url)
    assert code == 0
    assert "single-person database (SQLite)" in out and "letters team migrate-from" in out
    code, _, err = run(capsys, "team", "init", "--database", db_url)
    assert code == 2 and "team mode needs PostgreSQL" in err


def test_a_scram_verifier_made_here_lets_the_password_sign_in(team_db: TeamDatabase) -> None:
    login = team_db.login("unicode")
    password = "Zoë's ﬁrst pass\u200bword"  # SASLprep: NFKC folds the ligature, U+200B is a space
    team_db.sql(f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{scram_verifier(password)}'")
    try:
        base = sqlalchemy.make_url(team_db.owner_url).set(username=login, database="postgres")
        for attempt in (password, "Zoë's first pass word"):
            engine = sqlalchemy.create_engine(base.set(password=attempt))
            with engine.connect() as conn:
                assert conn.execute(sqlalchemy.text("SELECT session_user")).scalar() == login
            engine.dispose()
    finally:
        team_db.sql(f'DROP ROLE "{login}"')


def test_people_are_added_listed_given_roles_and_removed(
    capsys: pytest.CaptureFixture[str], team_db: TeamDatabase
) -> None:
    login = team_db.login("jo")
    code, out, err = run(
        capsys,
        "team",
        "add-user",
        login,
        "--role",
        "iro",
        "--name",
        "Jo Bloggs",
        *as_(team_db, "alex"),
        stdin="a new long password\n",
    )
    assert code == 0, err
    assert open_for(team_db.url("jo", password="a new long password")).person is not None
    code, out, _ = run(capsys, "team", "set-role", login, "iro", "auditor", *as_(team_db, "alex"))
    assert code == 0
    code, out, _ = run(capsys, "team", "list-users", *as_(team_db, "priya"))
    assert f"{login}" in out and "Jo Bloggs" in out and "iro, auditor" in out
    code, _, err = run(capsys, "team", "remove-user", login, *as_(team_db, "priya"))
    assert code == 2 and "Only an admin" in err
    code, _, err = run(
        capsys, "team", "add-user", "x", "--role", "iro", *as_(team_db, "alex"), stdin="short\n"
    )
    assert code == 2 and "too short" in err
    code, _, _ = run(capsys, "team", "remove-user", login, *as_(team_db, "alex"))
    assert code == 0
    with pytest.raises(Exception, match="login or password is wrong"):
        open_for(team_db.url("jo", password="a new long password"))


def test_sharing_reading_and_the_access_log(
    capsys: pytest.CaptureFixture[str], team_db: TeamDatabase
) -> None:
    code, out, _ = run(capsys, "demo", *as_(team_db, "priya"))
    letter = out.strip()
    assert team_db.sql("SELECT owner FROM letters")[0][0] == team_db.login("priya")
    code, out, _ = run(capsys, "list", *as_(team_db, "sam"))
    assert "No letters" in out
    code, _, err = run(capsys, "show", letter, *as_(team_db, "sam"))
    assert code == 2 and "is not yours" in err
    code, out, _ = run(
        capsys,
        "share",
        letter,
        "--with",
        team_db.login("sam"),
        "--until",
        "2099-01-31",
        *as_(team_db, "priya"),
    )
    assert code == 0 and "until 31 January 2099" in out
    code, out, _ = run(capsys, "show", letter, *as_(team_db, "sam"))
    assert code == 0 and "Ellie" in out
    code, out, _ = run(capsys, "team", "access-log", "--person", "Sam", *as_(team_db, "priya"))
    assert "Sam Okafor" in out and f"read letter {letter}" in out and "via letters show" in out
    code, out, _ = run(capsys, "share", "--list", *as_(team_db, "sam"))
    assert f"letter {letter}: with {team_db.login('sam')} until 2099-01-31 (open" in out
    code, out, _ = run(capsys, "share", letter, "--revoke", team_db.login("sam"), *as_(team_db, "priya"))
    assert code == 0
    code, _, err = run(capsys, "show", letter, *as_(team_db, "sam"))
    assert code == 2 and "was withdrawn on" in err
    code, out, _ = run(capsys, "team", "access-log", "--letter", letter, *as_(team_db, "alex"))
    assert [line.split("  ")[2].split()[0] for line in out.strip().splitlines()] == [
        "shared",
        "read",
        "stopped",
    ]


def test_only_an_admin_reassigns(capsys: pytest.CaptureFixture[str], team_db: TeamDatabase) -> None:
    _, out, _ = run(capsys, "demo", *as_(team_db, "priya"))
    letter = out.strip()
    code, _, err = run(
        capsys, "team", "reassign", letter, "--to", team_db.login("priya"), *as_(team_db, "sam")
    )
    assert code == 2 and "Only an admin" in err
    code, out, _ = run(
        capsys, "team", "reassign", letter, "--to", team_db.login("sam"), *as_(team_db, "alex")
    )
    assert code == 0 and "now" in out
    _, out, _ = run(capsys, "list", *as_(team_db, "sam"))
    assert "Ellie" in out
    _, history, _ = run(capsys, "history", letter, *as_(team_db, "sam"))
    assert team_db.login("priya") in history  # the author of revision 1 is who signed in


def test_by_is_ignored_in_team_mode_and_managers_export_without_names(
    capsys: pytest.CaptureFixture[str], team_db: TeamDatabase, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "demo", *as_(team_db, "priya"))
    letter = out.strip()
    code, _, err = run(
        capsys,
        "status",
        letter,
        "sent",
        "--date",
        "2026-11-20",
        "--override-reason",
        "test",
        *as_(team_db, "priya"),
    )
    assert code == 0, err
    assert team_db.sql("SELECT count(*) FROM audit_facts")[0][0] == 1  # stored when it was sent
    code, out, err = run(
        capsys, "audit", "sample", "--month", "2026-11", "--by", "Someone Else", *as_(team_db, "aisha")
    )
    assert code == 0, err
    assert "--by is ignored in team mode" in err
    assert team_db.sql("SELECT drawn_by FROM audit_samples")[0][0] == team_db.login("aisha")
    code, out, err = run(
        capsys,
        "audit",
        "grade",
        "--letter",
        letter,
        "--accept-suggested",
        "--overall",
        "Good",
        "--overall-comment",
        "Ellie will like this; Nana Pat is named and Priya Nandra explains it well.",
        *as_(team_db, "aisha"),
    )
    assert code == 0, err
    assert team_db.sql("SELECT auditor FROM audit_grades")[0][0] == team_db.login("aisha")
    out_file = tmp_path / "month.csv"
    code, _, err = run(
        capsys,
        "audit",
        "export",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--out",
        str(out_file),
        *as_(team_db, "mo"),
    )
    assert code == 0, err
    rows = list(csv.reader(out_file.open(encoding="utf-8")))
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.csv"))
    assert rows[1][0].startswith("C-")
    assert "will like this" in written  # the auditor's comment, without the names
    for name in ("Ellie", "Nana Pat", "Priya Nandra"):
        assert name not in written
    assert team_db.sql("SELECT count(*) FROM access_log WHERE action = 'identify'")[0][0] == 0
    code, _, err = run(
        capsys,
        "audit",
        "export",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--out",
        str(out_file),
        "--identify",
        *as_(team_db, "mo"),
    )
    assert code == 0, err
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.csv"))
    assert "Ellie" in written and "Ellie will like this; Nana Pat" in written
    assert team_db.sql("SELECT person, action, detail FROM access_log WHERE action = 'identify'") == [
        (team_db.login("mo"), "identify", "identifiable audit export"),
        (team_db.login("mo"), "identify", "audit comments as written"),
    ]


def test_migrate_from_sqlite_maps_iros_refuses_to_guess_and_keeps_references(
    capsys: pytest.CaptureFixture[str], team_db: TeamDatabase, db_url: str
) -> None:
    with open_store(db_url) as old:
        for child, iro in (
            ("Zoë  Smith", "Priya Nandra"),
            ("Jayden", "Sam Okafor"),
            ("Ellie", "Priya Nandra"),
        ):
            letter = demo_letter()
            letter.child.name, letter.meeting.iro = child, iro
            letter_id = old.add(letter)
            saved = old.get(letter_id)
            saved.section("hello").text = "Hello again."  # type: ignore[union-attr]
            old.save(saved)
        old_ref = AuditService(old, Config()).child_ref(old.get(1))
    owner = ["--database", team_db.owner_url]
    code, _, err = run(
        capsys, "team", "migrate-from", db_url, "--map", f"Priya Nandra={team_db.login('priya')}", *owner
    )
    assert code == 2 and "'Sam Okafor' (1 letter(s))" in err
    assert team_db.sql("SELECT count(*) FROM letters")[0][0] == 0
    code, _, err = run(
        capsys,
        "team",
        "migrate-from",
        db_url,
        "--map",
        f"Priya Nandra={team_db.login('priya')}",
        "--map",
        f"Sam Okafor={team_db.login('mo')}",
        *owner,
    )
    assert code == 2 and "not an IRO" in err
    code, out, err = run(
        capsys,
        "team",
        "migrate-from",
        db_url,
        "--map",
        f"Priya Nandra={team_db.login('priya')}",
        "--map",
        f"Sam Okafor={team_db.login('sam')}",
        *owner,
    )
    assert code == 0, err
    assert (
        "Copied 3 letter(s)" in out and f"{team_db.login('priya')}: 2" in out and "revisions: 6 row(s)" in out
    )
    with open_for(team_db.url("priya")).store as priya:
        assert sorted(s.child for s in priya.list()) == ["Ellie", "Zoë  Smith"]
        assert AuditService(priya, Config()).child_ref(priya.get(1)) == old_ref
        new_id = priya.add(demo_letter())  # ids carry on after the copied ones
    assert new_id == 4
