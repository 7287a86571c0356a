"""Children as records: migration 0005 groups existing letters, new letters find their child, and
merge and split mend mistakes keeping every letter and revision. Real databases (SQLite, and
PostgreSQL when LETTERS_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import sqlalchemy
from alembic import command

from letters.interchange import letter_to_data
from letters.model import Child, Letter, Meeting
from letters.store import open_store
from letters.store.children import BY_BIRTH, BY_CASE, BY_IRO, ChildProblem
from letters.store.engine import alembic_config


def letter(
    name: str, meeting: date, iro: str, *, born: date | None = None, age: int = 9, case: str = ""
) -> Letter:
    return Letter(
        child=Child(name, age=None if born else age, date_of_birth=born, case_id=case),
        meeting=Meeting(meeting, iro=iro, participation="PN1"),
    )


def test_migration_0005_groups_the_letters_there_are(store_url: str) -> None:
    rows = [
        # Two children called Jay with no date of birth, different ages and IROs: two records.
        (1, letter("Jay", date(2025, 6, 2), "Priya Example", age=7)),
        (2, letter("Jay", date(2025, 7, 9), "Tom Sample", age=15)),
        (3, letter("jay ", date(2025, 12, 1), "Priya Example", age=8)),  # Priya's Jay again
        # Same name and date of birth, whatever the IRO: one child.
        (4, letter("Ellie", date(2025, 1, 8), "Priya Example", born=date(2016, 4, 2))),
        (5, letter("Ellie", date(2025, 7, 8), "Tom Sample", born=date(2016, 4, 2))),
        (6, letter("Ellie", date(2025, 7, 8), "Tom Sample", born=date(2015, 1, 1))),  # another Ellie
        # A case number joins letters, and its child's letter without the number.
        (7, letter("Mo", date(2025, 2, 3), "Priya Example", born=date(2012, 5, 5), case="LCS-77")),
        (8, letter("Mo", date(2025, 8, 3), "Tom Sample", born=date(2012, 5, 5))),
    ]
    engine = sqlalchemy.create_engine(store_url)
    saved = datetime(2026, 11, 19, 9, 30)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004")
        for letter_id, one in rows:
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO letters (id, created_at, updated_at, current_revision, child_name,"
                    " child_age, meeting_date, iro, status, imported) VALUES (:id, :t, :t, 1, :n, 9, :d,"
                    " :iro, 'draft', false)"
                ),
                {
                    "id": letter_id,
                    "t": saved,
                    "n": one.child.name,
                    "d": one.meeting.date,
                    "iro": one.meeting.iro,
                },
            )
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document, kind,"
                    " reason, place) VALUES (:id, 1, :t, 'pnandra', 'x', :doc, 'edit', '', '')"
                ),
                {
                    "id": letter_id,
                    "t": saved,
                    "doc": json.dumps(letter_to_data(one, record=False), default=date.isoformat),
                },
            )
    engine.dispose()
    with open_store(store_url) as store:
        children = store.children()
        groups = sorted((c.letters, c.grouped_by) for c in children)
        assert groups == [
            ((1, 3), BY_IRO),
            ((2,), BY_IRO),
            ((4, 5), BY_BIRTH),
            ((6,), BY_BIRTH),
            ((7, 8), BY_CASE),
        ]
        mo = next(c for c in children if c.case_id)
        assert (mo.case_id, mo.date_of_birth) == ("LCS-77", date(2012, 5, 5))
        assert [len(store.history(i)) for i, _ in rows] == [1] * 8  # no revision touched


def test_a_new_letter_finds_its_child(store_url: str) -> None:
    with open_store(store_url) as store:
        first = letter("Ellie", date(2025, 1, 8), "Priya Example", born=date(2016, 4, 2))
        store.add(first)
        again = letter("ELLIE", date(2025, 7, 8), "Tom Sample", born=date(2016, 4, 2))
        store.add(again)
        assert again.child_id == first.child_id  # same name and date of birth
        jay = letter("Jay", date(2025, 6, 2), "Priya Example")
        other_jay = letter("Jay", date(2025, 7, 2), "Tom Sample")
        store.add(jay)
        store.add(other_jay)
        assert jay.child_id != other_jay.child_id  # no date of birth, different IROs
        next_jay = letter("Jay", date(2025, 12, 2), "Priya Example")
        store.add(next_jay)
        assert next_jay.child_id == jay.child_id  # Priya's Jay again
        # Started from a child's record: that record, whatever the name says.
        from_record = letter("Jay (Jayden)", date(2026, 1, 5), "Tom Sample")
        from_record.child_id = other_jay.child_id
        store.add(from_record)
        assert from_record.child_id == other_jay.child_id
        assert store.get(from_record.id).child_id == other_jay.child_id
        assert store.summary(from_record.id).child_id == other_jay.child_id


def test_saving_a_letter_updates_its_childs_record(store_url: str) -> None:
    with open_store(store_url) as store:
        one = letter("Ellie", date(2025, 1, 8), "Priya Example", born=date(2016, 4, 2))
        store.add(one)
        one.child.case_id = "LCS-12"
        one.child.looked_after_since = date(2024, 9, 1)
        one.child.uasc = False
        store.save(one)
        record = store.child(one.child_id)
        assert (record.case_id, record.looked_after_since, record.uasc) == ("LCS-12", date(2024, 9, 1), False)
        other = letter("Mo", date(2025, 2, 3), "Priya Example", case="LCS-12")
        store.add(other)
        assert other.child_id == one.child_id  # the case number decides


def test_merge_and_split_keep_every_letter_and_revision(store_url: str) -> None:
    with open_store(store_url) as store:
        a = letter("Jay", date(2025, 6, 2), "Priya Example")
        b = letter("Jay", date(2025, 7, 2), "Tom Sample")
        c = letter("Jay", date(2025, 8, 2), "Tom Sample")
        for one in (a, b, c):
            store.add(one)
        assert a.child_id != b.child_id == c.child_id
        kept = store.merge_children(a.child_id, b.child_id)
        assert kept.letters == (a.id, b.id, c.id)
        merged = store.child(b.child_id)
        assert merged.merged_into == a.child_id and merged.letters == ()
        assert b.child_id not in [x.id for x in store.children()]  # merged records are not listed
        with pytest.raises(ChildProblem, match="already merged"):
            store.merge_children(a.child_id, b.child_id)
        # A letter started from the merged record goes to the one it was merged into.
        late = letter("Jay", date(2026, 1, 2), "Tom Sample")
        late.child_id = b.child_id
        store.add(late)
        assert late.child_id == a.child_id

        new = store.split_child(a.child_id, [b.id, c.id])
        assert new.letters == (b.id, c.id) and new.grouped_by == f"split from child {a.child_id}"
        assert store.child(a.child_id).letters == (a.id, late.id)
        with pytest.raises(ChildProblem, match="is not one of child"):
            store.split_child(a.child_id, [b.id])
        with pytest.raises(ChildProblem, match="all the child's letters"):
            store.split_child(new.id, [b.id, c.id])
        assert [len(store.history(x.id)) for x in (a, b, c, late)] == [1, 1, 1, 1]


def test_different_case_numbers_are_different_children(store_url: str) -> None:
    with open_store(store_url) as store:
        a = letter("Jay", date(2025, 6, 2), "Priya Example", case="LCS-1")
        b = letter("Jay", date(2025, 7, 2), "Tom Sample", case="LCS-2")
        store.add(a)
        store.add(b)
        with pytest.raises(ChildProblem, match="different case numbers"):
            store.merge_children(a.child_id, b.child_id)
        with pytest.raises(ChildProblem, match="already child"):
            store.update_child(b.child_id, case_id="lcs-1")
        a.child.case_id = "LCS-2"
        with pytest.raises(ChildProblem, match="already another child's record"):
            store.save(a)
        assert store.get(a.id).child.case_id == "LCS-1"  # nothing was saved
