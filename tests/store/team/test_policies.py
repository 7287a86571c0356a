"""What each role can and cannot do with plain SQL: PostgreSQL enforces it, not the app.

Each test signs in with psycopg as a real login of a real team database (tests/teamdb.py) and
tries what a curious or careless person might type into psql.
"""

from __future__ import annotations

from datetime import date, timedelta

from letters.store.team import open_for
from tests.store.team.sql import REVISION, letter_of, plain, refused, rows, send
from tests.teamdb import TeamDatabase


def test_an_iro_sees_and_changes_only_their_own_letters(team_db: TeamDatabase) -> None:
    mine = letter_of(team_db, "priya", "Ellie")
    theirs = letter_of(team_db, "sam", "Jayden")
    with plain(team_db, "priya") as conn:
        assert rows(conn, "SELECT id, child_name, owner FROM letters") == [
            (mine, "Ellie", team_db.login("priya"))
        ]
        assert rows(conn, "SELECT letter_id FROM revisions") == [(mine,)]
        # The text is not selectable at all, not even one's own: only through team_read.
        assert "permission denied" in refused(conn, "SELECT document FROM revisions")
        assert len(rows(conn, "SELECT document FROM team_read(%s, NULL, 'psql')", mine)) == 1
        assert "not yours" in refused(conn, "SELECT document FROM team_read(%s, NULL, 'psql')", theirs)
        # Another's letter cannot be changed, nor one's own given away or taken.
        assert conn.execute("UPDATE letters SET child_name = 'X' WHERE id = %s", (theirs,)).rowcount == 0
        refused(conn, "UPDATE letters SET owner = %s WHERE id = %s", team_db.login("priya"), theirs)
        refused(conn, "UPDATE letters SET owner = %s WHERE id = %s", team_db.login("sam"), mine)
        # A revision in someone else's name, or on someone else's letter, is refused.
        refused(
            conn,
            REVISION + "VALUES (%s, 9, now(), %s, '', '{}', 'edit', '', '')",
            mine,
            team_db.login("sam"),
        )
        refused(
            conn,
            REVISION + "VALUES (%s, 9, now(), %s, '', '{}', 'edit', '', '')",
            theirs,
            team_db.login("priya"),
        )
        # SET ROLE to the group changes nothing: the policies ask who signed in.
        conn.execute(f'SET ROLE "{team_db.prefix}_iro"')
        assert rows(conn, "SELECT id FROM letters") == [(mine,)]
    # Reading one's own letter is not logged; nothing above wrote the log.
    assert team_db.sql("SELECT count(*) FROM access_log")[0][0] == 0


def test_a_covering_iro_reads_while_the_share_is_open_and_every_read_is_logged(team_db: TeamDatabase) -> None:
    letter = letter_of(team_db, "priya")
    with open_for(team_db.url("priya")).store as priya:
        priya.share(letter, team_db.login("sam"), date.today() + timedelta(days=7))
    with plain(team_db, "sam") as conn:
        assert rows(conn, "SELECT id FROM letters") == [(letter,)]
        conn.execute("SELECT document FROM team_read(%s, NULL, 'psql')", (letter,))
        assert conn.execute("UPDATE letters SET iro = 'Sam Okafor' WHERE id = %s", (letter,)).rowcount == 1
    log = team_db.sql(
        "SELECT person, letter_id, action, purpose, detail FROM access_log WHERE action = 'read'"
    )
    assert log == [(team_db.login("sam"), letter, "read", "psql", "shared")]
    # Ended: the share's end date passes (here: set in the past by the owner) or it is revoked.
    team_db.sql("UPDATE shares SET until = current_date - 1")
    with plain(team_db, "sam") as conn:
        assert rows(conn, "SELECT id FROM letters") == []
        message = refused(conn, "SELECT document FROM team_read(%s, NULL, 'psql')", letter)
        assert "your share of letter" in message and "ended on" in message
        assert conn.execute("UPDATE letters SET iro = 'x' WHERE id = %s", (letter,)).rowcount == 0


def test_the_access_log_is_append_only_for_everyone_but_the_owner(team_db: TeamDatabase) -> None:
    letter = letter_of(team_db, "priya")
    with open_for(team_db.url("priya")).store as priya:
        priya.share(letter, team_db.login("sam"), date.today())
    for short in ("priya", "sam", "aisha", "mo", "alex"):
        with plain(team_db, short) as conn:
            refused(conn, "DELETE FROM access_log")
            refused(conn, "UPDATE access_log SET person = 'nobody'")
            refused(conn, "TRUNCATE access_log")
            refused(
                conn,
                "INSERT INTO access_log (at, person, letter_id, action, purpose, detail) "
                "VALUES (now(), 'someone', 1, 'read', 'x', 'x')",
            )
    with plain(team_db, "alex") as conn:  # the admin sees the log
        assert [r[0] for r in rows(conn, "SELECT action FROM access_log")] == ["share"]
    team_db.sql("DELETE FROM access_log")  # the owner may


def test_an_auditor_reads_only_sampled_letters_and_writes_only_gradings(team_db: TeamDatabase) -> None:
    sampled = letter_of(team_db, "priya", "Ellie")
    other = letter_of(team_db, "sam", "Jayden")
    for letter in (sampled, other):
        send(team_db, letter)
    with plain(team_db, "aisha") as conn:
        assert rows(conn, "SELECT id FROM letters") == []
        (sample,) = rows(
            conn,
            "INSERT INTO audit_samples (month, method, seed, per_iro, drawn_by, drawn_at) "
            "VALUES ('2026-01', 'by hand', '', NULL, session_user, now()) RETURNING id",
        )[0]
        conn.execute(
            "INSERT INTO audit_sample_items (sample_id, letter_id, position, iro, age_band) "
            "VALUES (%s, %s, 0, 'Priya Nandra', '7-11')",
            (sample, sampled),
        )
        assert rows(conn, "SELECT id, child_name FROM letters") == [(sampled, "Ellie")]
        refused(conn, "SELECT document FROM revisions")
        conn.execute("SELECT document FROM team_read(%s, NULL, 'audit')", (sampled,))
        refused(conn, "SELECT document FROM team_read(%s, NULL, 'audit')", other)
        # Never letter text: no update of letters, no revision.
        refused(conn, "UPDATE letters SET child_name = 'X'")
        refused(
            conn,
            "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document) "
            "VALUES (%s, 9, now(), session_user, '', '{}')",
            sampled,
        )
        grade = (
            "INSERT INTO audit_grades (item_id, letter_id, letter_revision, auditor, overall, comment, "
            "graded_at) "
        )
        conn.execute(
            grade + "SELECT id, letter_id, 1, session_user, 'Good', '', now() FROM audit_sample_items"
        )
        refused(conn, grade + "VALUES (1, %s, 1, session_user, 'Good', '', now())", other)
        refused(conn, grade + "VALUES (1, %s, 1, 'someone else', 'Good', '', now())", sampled)
        refused(conn, "SELECT secret FROM audit_keys")
    read = team_db.sql("SELECT person, letter_id, detail FROM access_log WHERE action = 'read'")
    assert read == [(team_db.login("aisha"), sampled, "audit")]


def test_a_manager_gets_figures_and_pseudonymous_facts_but_no_names_or_text(team_db: TeamDatabase) -> None:
    letter = letter_of(team_db, "priya", "Ellie")
    send(team_db, letter)
    team_db.sql(
        "INSERT INTO audit_facts (letter_id, letter_version, fingerprint, facts) "
        """VALUES (:i, 'v', 'f', '{"child_name": "Ellie", "ref": ""}')""",
        i=letter,
    )
    with plain(team_db, "mo") as conn:
        refused(conn, "SELECT child_name FROM letters")
        refused(conn, "SELECT facts FROM audit_facts")
        refused(conn, "SELECT name, date_of_birth FROM children")
        refused(conn, "SELECT document FROM team_read(%s, NULL, 'psql')", letter)
        figures = conn.execute("SELECT * FROM team_figures()")
        assert "child_name" not in [c.name for c in figures.description or ()]
        assert [r[0] for r in figures.fetchall()] == [letter]
        records = conn.execute("SELECT * FROM team_children()")
        assert {"name", "date_of_birth", "case_id"}.isdisjoint(c.name for c in records.description or ())
        # No pseudonymous copy stored yet: nothing, rather than the names.
        assert rows(conn, "SELECT facts FROM team_facts(ARRAY[%s], false, 'export')", letter) == []
    team_db.sql(
        """UPDATE audit_facts SET pseudonymous = '{"child_name": "", "ref": ""}' WHERE letter_id = :i""",
        i=letter,
    )
    with plain(team_db, "mo") as conn:
        (facts,) = rows(conn, "SELECT facts FROM team_facts(ARRAY[%s], false, 'export')", letter)[0]
        assert '"child_name": ""' in str(facts) and '"ref": "C-' in str(facts)
        assert team_db.sql("SELECT count(*) FROM access_log")[0][0] == 0
        (facts,) = rows(conn, "SELECT facts FROM team_facts(ARRAY[%s], true, 'export --identify')", letter)[0]
        assert '"child_name": "Ellie"' in str(facts)
        # The key, and the keyed hash that would test guessed names, are not the manager's to call.
        refused(conn, "SELECT team_key()")
        refused(conn, "SELECT team_keyed('ellie|')")
    logged = team_db.sql("SELECT person, letter_id, action, purpose FROM access_log")
    assert logged == [(team_db.login("mo"), letter, "identify", "export --identify")]


def test_an_admin_manages_people_and_owners_but_reads_no_letter(team_db: TeamDatabase) -> None:
    letter = letter_of(team_db, "priya")
    with plain(team_db, "alex") as conn:
        refused(conn, "SELECT child_name FROM letters")
        refused(conn, "SELECT document FROM team_read(%s, NULL, 'psql')", letter)
        conn.execute("SELECT team_reassign(%s, %s)", (letter, team_db.login("sam")))
    assert team_db.sql("SELECT owner FROM letters")[0][0] == team_db.login("sam")
    with plain(team_db, "priya") as conn:  # an IRO may not reassign, nor make people
        assert "only an admin" in refused(
            conn, "SELECT team_reassign(%s, %s)", letter, team_db.login("priya")
        )
        refused(conn, "SELECT team_add_person('x', 'SCRAM-SHA-256$x', 'X', ARRAY['admin'])")
        refused(conn, "CREATE ROLE sneaky LOGIN")


def test_nobody_outside_the_team_may_connect(team_db: TeamDatabase) -> None:
    rows_ = team_db.sql("SELECT has_database_privilege('public', current_database(), 'CONNECT')")
    assert rows_ == [(False,)]
