"""Children's records and audit comments in team mode, with plain SQL as each role.

A record holds a child's name, date of birth and case number: an IRO sees the records of the
letters they may see, a new letter still joins the child's record when someone else wrote the
earlier letters, and nobody reads a record by pointing a letter at it. Managers get figures
without names, and auditors' comments with the names taken out unless they identify (logged).
"""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from letters.store.team import open_for
from tests.store.team.sql import child_of, letter_of, plain, refused, rows, send
from tests.teamdb import TeamDatabase

BORN = date(2014, 5, 2)


def test_an_iro_sees_only_the_records_of_their_letters_and_cannot_point_a_letter_at_another(
    team_db: TeamDatabase,
) -> None:
    mine = letter_of(team_db, "priya", "Ellie")
    theirs = letter_of(team_db, "sam", "Jayden", born=BORN, case="LCS-4471")
    ellie, jayden = child_of(team_db, mine), child_of(team_db, theirs)
    with plain(team_db, "priya") as conn:
        assert rows(conn, "SELECT id, name FROM children") == [(ellie, "Ellie")]
        assert conn.execute("UPDATE children SET name = 'X' WHERE id = %s", (jayden,)).rowcount == 0
        message = refused(conn, "UPDATE letters SET child_id = %s WHERE id = %s", jayden, mine)
        assert "not one of your children's records" in message
        assert rows(conn, "SELECT id FROM children") == [(ellie,)]
        # A record of one's own making is seen until a letter is attached, and cannot be made
        # in someone else's name.
        (made,) = rows(
            conn,
            "INSERT INTO children (name, grouped_by, created_at) VALUES ('Zac', 'new', now()) RETURNING id",
        )[0]
        assert sorted(rows(conn, "SELECT id FROM children")) == [(ellie,), (made,)]
        refused(
            conn,
            "INSERT INTO children (name, grouped_by, created_at, created_by) "
            "VALUES ('Zac', 'new', now(), %s)",
            team_db.login("sam"),
        )
        # The record's reference is computed for its IRO only.
        assert str(rows(conn, "SELECT team_record_ref(%s)", ellie)[0][0]).startswith("C-")
        refused(conn, "SELECT team_record_ref(%s)", jayden)
        refused(conn, "SELECT team_iro_ref('Sam Okafor')")
    with plain(team_db, "sam") as conn:
        assert rows(conn, "SELECT name FROM children") == [("Jayden",)]


def test_an_iro_saves_their_letter_again_and_its_record_learns_only_what_changed(
    team_db: TeamDatabase,
) -> None:
    # Every save after the first compares the child with the revision before it; that text is
    # not selectable by any team role, so it must come the way the store read it (team_read).
    mine = letter_of(team_db, "priya", "Ellie", born=BORN, case="LCS-1001")
    ellie = child_of(team_db, mine)
    with open_for(team_db.url("priya")).store as store:
        letter = store.get(mine)
        letter.sections[0].text += " We talked about your dog."
        assert store.save(letter) == 2
        store.update_child(ellie, case_id="LCS-1002")  # corrected in the app, not in this letter
        letter.child.date_of_birth = date(2014, 5, 3)
        assert store.save(letter) == 3
    with open_for(team_db.url("priya")).store as store:
        assert "We talked about your dog." in store.get(mine).sections[0].text
        record = store.child(ellie)
    assert (record.date_of_birth, record.case_id) == (date(2014, 5, 3), "LCS-1002")
    assert team_db.sql("SELECT count(*) FROM access_log")[0][0] == 0  # her own letter: no log


def test_an_iro_splits_a_letter_off_their_childs_record(team_db: TeamDatabase) -> None:
    # The new record takes the child from the moved letter's text, read as the store may read it.
    first = letter_of(team_db, "priya", "Ellie", born=BORN)
    second = letter_of(team_db, "priya", "Ellie", born=BORN)
    ellie = child_of(team_db, first)
    assert child_of(team_db, second) == ellie
    with open_for(team_db.url("priya")).store as store:
        moved = store.split_child(ellie, [second])
    assert (moved.name, moved.date_of_birth, moved.letters) == ("Ellie", BORN, (second,))
    assert child_of(team_db, first) == ellie


def test_a_new_letter_joins_the_record_another_iro_made_only_from_what_identifies_the_child(
    team_db: TeamDatabase,
) -> None:
    first = letter_of(team_db, "sam", "Jayden", born=BORN, case="LCS-4471")
    jayden = child_of(team_db, first)
    with plain(team_db, "priya") as conn:
        # The wrong date of birth finds nothing, and says nothing about who else is there.
        assert rows(conn, "SELECT id FROM team_find_child('', 'Jayden', '2014-05-03', '')") == []
        assert rows(conn, "SELECT id, how FROM team_find_child('lcs-4471 ', '', NULL, '')") == [
            (jayden, "case")
        ]
    by_birth = letter_of(team_db, "priya", "jayden ", born=BORN)
    by_case = letter_of(team_db, "priya", "Jay", case="LCS-4471")  # what he likes to be called now
    assert child_of(team_db, by_case) == child_of(team_db, by_birth) == jayden
    with plain(team_db, "priya") as conn:
        assert rows(conn, "SELECT id FROM children") == [(jayden,)]
        assert sorted(rows(conn, "SELECT id FROM letters")) == [(by_birth,), (by_case,)]  # not Sam's
    # A case number stays on one record, even one its IRO cannot see.
    other = letter_of(team_db, "priya", "Ellie")
    with plain(team_db, "priya") as conn:
        conn.execute("SELECT 1")
        with pytest.raises(psycopg.errors.UniqueViolation, match="already another child's record"):
            conn.execute(
                "UPDATE children SET case_id = 'LCS-4471' WHERE id = %s", (child_of(team_db, other),)
            )


def test_auditors_see_the_records_of_sampled_letters_managers_and_admins_none(team_db: TeamDatabase) -> None:
    sampled = letter_of(team_db, "priya", "Ellie")
    letter_of(team_db, "sam", "Jayden", born=BORN)
    send(team_db, sampled)
    team_db.sql(
        "INSERT INTO audit_samples (month, method, seed, drawn_by, drawn_at) "
        "VALUES ('2026-01', 'by hand', '', :a, now())",
        a=team_db.login("aisha"),
    )
    team_db.sql(
        "INSERT INTO audit_sample_items (sample_id, letter_id, position, iro, age_band) "
        "VALUES (1, :l, 0, 'Priya Nandra', '7-11')",
        l=sampled,
    )
    with plain(team_db, "aisha") as conn:
        assert rows(conn, "SELECT name FROM children") == [("Ellie",)]
        refused(conn, "UPDATE children SET name = 'X'")
    for short in ("mo", "alex"):
        with plain(team_db, short) as conn:
            refused(conn, "SELECT name FROM children")
            refused(conn, "SELECT * FROM child_claims")
    with plain(team_db, "mo") as conn:
        assert len(rows(conn, "SELECT id, uasc, looked_after_since FROM team_children()")) == 2
    with plain(team_db, "alex") as conn:
        refused(conn, "SELECT * FROM team_children()")


def test_managers_read_auditors_comments_without_names_unless_they_identify(team_db: TeamDatabase) -> None:
    letter = letter_of(team_db, "priya", "Ellie")
    send(team_db, letter)
    team_db.sql(
        "INSERT INTO audit_samples (month, method, seed, drawn_by, drawn_at) "
        "VALUES ('2026-01', 'by hand', '', :a, now())",
        a=team_db.login("aisha"),
    )
    team_db.sql(
        "INSERT INTO audit_sample_items (sample_id, letter_id, position, iro, age_band) "
        "VALUES (1, :l, 0, 'Priya Nandra', '7-11')",
        l=letter,
    )
    with plain(team_db, "aisha") as conn:
        (grade,) = rows(
            conn,
            "INSERT INTO audit_grades (item_id, letter_id, letter_revision, auditor, overall, comment, "
            "graded_at) VALUES (1, %s, 1, session_user, 'Good', 'Ellie will like it', now()) RETURNING id",
            letter,
        )[0]
        conn.execute(
            "INSERT INTO audit_grade_texts (grade_id, texts) VALUES (%s, %s)",
            (grade, '{"comment": "[child] will like it", "answers": []}'),
        )
    with plain(team_db, "sam") as conn:  # an IRO writes no comment texts
        refused(conn, "INSERT INTO audit_grade_texts (grade_id, texts) VALUES (%s, '{}')", grade)
    with plain(team_db, "mo") as conn:
        refused(conn, "SELECT comment FROM audit_grades")
        assert rows(conn, "SELECT overall FROM audit_grades") == [("Good",)]
        (texts,) = rows(conn, "SELECT texts FROM team_grade_texts(ARRAY[%s], false, 'export')", grade)[0]
        assert "[child] will like it" in str(texts)
        assert team_db.sql("SELECT count(*) FROM access_log")[0][0] == 0
        (texts,) = rows(
            conn, "SELECT texts FROM team_grade_texts(ARRAY[%s], true, 'export --identify')", grade
        )[0]
        assert "Ellie will like it" in str(texts)
    logged = team_db.sql("SELECT person, letter_id, action FROM access_log")
    assert logged == [(team_db.login("mo"), letter, "identify")]
