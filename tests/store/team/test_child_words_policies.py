"""The child's own words on their record, in team mode, with plain SQL as each role and through the
store: an IRO reads and changes the words of their own child's record only, a save teaches the
record (reading the revision before as the store may, never `revisions.document`), and managers'
figures carry no words (they are the child's personal data)."""

from __future__ import annotations

import json
from datetime import date

from letters.model import ChildWords
from letters.store.team import open_for
from tests.store.team.sql import child_of, letter_of, plain, refused, rows
from tests.teamdb import TeamDatabase

BORN = date(2014, 5, 2)


def test_an_iro_reads_and_changes_only_their_own_childs_words(team_db: TeamDatabase) -> None:
    mine = letter_of(team_db, "priya", "Ellie")  # the demo letter: "Nana Pat", "Anne and Mark"...
    theirs = letter_of(team_db, "sam", "Jayden", born=BORN, case="LCS-4471")
    ellie, jayden = child_of(team_db, mine), child_of(team_db, theirs)
    with plain(team_db, "priya") as conn:
        ((words,),) = rows(conn, "SELECT words FROM children WHERE id = %s", ellie)
        assert "Nana Pat" in json.loads(str(words))["other"]
        assert rows(conn, "SELECT words FROM children WHERE id = %s", jayden) == []
        assert conn.execute("UPDATE children SET words = '{}' WHERE id = %s", (jayden,)).rowcount == 0
        assert (
            conn.execute('UPDATE children SET words = \'{"carers":"Nan"}\' WHERE id = %s', (ellie,)).rowcount
            == 1
        )
    assert json.loads(str(team_db.sql("SELECT words FROM children WHERE id = :i", i=jayden)[0][0]))["other"]
    with open_for(team_db.url("sam")).store as store:
        assert store.record_words(ellie) is None  # not Sam's child: no words from it
        assert store.record_words(jayden) is not None


def test_a_save_with_changed_words_teaches_the_record_through_the_store(team_db: TeamDatabase) -> None:
    mine = letter_of(team_db, "priya", "Ellie", born=BORN)
    ellie = child_of(team_db, mine)
    with open_for(team_db.url("priya")).store as store:
        letter = store.get(mine)
        letter.child.words.carers = "Nan and Grandad"
        assert store.save(letter) == 2
        assert store.record_words(ellie).carers == "Nan and Grandad"  # type: ignore[union-attr]
        store.update_child_words(ellie, ChildWords(home="Nan's house"))  # the child's screen
        letter.sections[0].text += " We talked about your dog."
        assert store.save(letter) == 3  # the words did not change in this save: the record keeps its own
        assert store.record_words(ellie) == ChildWords(home="Nan's house")
    assert team_db.sql("SELECT count(*) FROM access_log")[0][0] == 0  # her own letter: no log


def test_managers_figures_carry_no_words_and_admins_see_none(team_db: TeamDatabase) -> None:
    letter_of(team_db, "priya", "Ellie")
    with plain(team_db, "mo") as conn:
        refused(conn, "SELECT words FROM children")
        found = conn.execute("SELECT * FROM team_children()")
        assert "words" not in [c.name for c in found.description or []]
        assert all("Nana Pat" not in str(row) for row in found.fetchall())
    with open_for(team_db.url("mo")).store as store:
        assert [c.words for c in store.figure_children()] == [None]
    with plain(team_db, "alex") as conn:
        refused(conn, "SELECT words FROM children")
