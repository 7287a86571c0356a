"""The child's own words on the child's record: migration 0008 fills them in from the letters there
are, saves keep them up to date (taking only what a save changed), and a new letter for the child
starts from them. Real databases (SQLite, and PostgreSQL when LETTERS_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy
from alembic import command

from letters.demo import demo_letter
from letters.followup import next_letter, start_letter
from letters.interchange import letter_to_data
from letters.model import Child, ChildWords, Letter, Meeting
from letters.store import Store, open_store
from letters.store.engine import alembic_config

NAN = ChildWords(carers="Nan and Grandad", home="Nan's house", other=["Biscuit"], avoid=["foster"])


def _letter(name: str, meeting: date, words: ChildWords | None = None) -> Letter:
    return Letter(
        child=Child(name, date_of_birth=date(2016, 4, 2), words=words or ChildWords()),
        meeting=Meeting(meeting, iro="Priya Example", participation="PN1"),
    )


def test_migration_0008_gives_each_record_its_newest_letters_words(store_url: str) -> None:
    old = _letter("Ellie", date(2025, 1, 8), ChildWords(carers="Anne and Mark", other=["Nana Pat"]))
    newer = _letter("Ellie", date(2025, 7, 8), NAN)
    newest = _letter("Ellie", date(2026, 1, 8))  # no words in it: the one before says
    binned = _letter("Ellie", date(2026, 2, 8), ChildWords(carers="Binned"))
    rows = [
        (1, 1, old, None),
        (2, 1, newer, None),
        (3, 1, newest, None),
        (4, 1, binned, datetime(2026, 3, 1)),
        (5, 2, _letter("Mo", date(2025, 3, 3)), None),  # no letter of Mo's has words
        (6, 3, _letter("Jay", date(2025, 3, 3), ChildWords(mum="Mummy Jo")), None),
        (7, 3, None, None),  # a damaged later letter of Jay's: the one before says
    ]
    engine = sqlalchemy.create_engine(store_url)
    saved = datetime(2026, 11, 19, 9, 30)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0007")
        for child_id, name in ((1, "Ellie"), (2, "Mo"), (3, "Jay")):
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO children (id, name, grouped_by, created_at) VALUES (:i, :n, 'new', :t)"
                ),
                {"i": child_id, "n": name, "t": saved},
            )
        for letter_id, child_id, one, deleted in rows:
            meeting = one.meeting.date if one else date(2026, 5, 5)
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO letters (id, created_at, updated_at, deleted_at, current_revision,"
                    " child_name, child_age, meeting_date, iro, status, imported, child_id) VALUES (:id, :t,"
                    " :t, :del, 1, 'x', 9, :d, 'Priya Example', 'draft', false, :c)"
                ),
                {"id": letter_id, "t": saved, "del": deleted, "d": meeting, "c": child_id},
            )
            doc = json.dumps(letter_to_data(one, record=False), default=date.isoformat) if one else "{bad"
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document, kind,"
                    " reason, place) VALUES (:id, 1, :t, 'pnandra', 'x', :doc, 'edit', '', '')"
                ),
                {"id": letter_id, "t": saved, "doc": doc},
            )
    engine.dispose()
    with open_store(store_url) as store:
        assert store.child(1).words == NAN
        assert store.child(2).words is None
        assert store.child(3).words == ChildWords(mum="Mummy Jo")
        # Every letter keeps its own words.
        assert store.get(1).child.words == old.child.words


def test_a_save_that_changes_the_words_teaches_the_record_and_nothing_else_does(store: Store) -> None:
    first = store.add(_letter("Ellie", date(2025, 1, 8), ChildWords(carers="Anne and Mark")))
    child_id = store.get(first).child_id
    assert child_id is not None and store.record_words(child_id) == ChildWords(carers="Anne and Mark")
    later = store.add(_letter("Ellie", date(2025, 7, 8), NAN))
    assert store.record_words(child_id) == NAN
    # An older letter saved again (its text changed, not its words) does not put the old words back.
    letter = store.get(first)
    letter.sections[0].text = "Hello Ellie."
    store.save(letter)
    assert store.record_words(child_id) == NAN
    # The profile changed on the child's screen: kept until a letter's words change.
    store.update_child_words(child_id, ChildWords(carers="Nan", avoid=["placement"]))
    letter = store.get(later)
    letter.sections[0].text = "Hello again, Ellie."
    store.save(letter)
    assert store.record_words(child_id) == ChildWords(carers="Nan", avoid=["placement"])
    letter.child.words.siblings = "Kai"  # changed in the letter (f9): the record learns it
    store.save(letter)
    assert store.record_words(child_id) == ChildWords(
        carers="Nan and Grandad", home="Nan's house", siblings="Kai", other=["Biscuit"], avoid=["foster"]
    )
    assert store.get(first).child.words == ChildWords(carers="Anne and Mark")  # never changed


def test_an_old_letter_added_after_a_newer_one_leaves_the_newer_words(store: Store) -> None:
    newer = store.add(_letter("Ellie", date(2025, 7, 8), NAN))
    store.add(_letter("Ellie", date(2024, 1, 8), ChildWords(carers="Anne and Mark")))  # imported late
    child_id = store.get(newer).child_id
    assert store.record_words(child_id) == NAN
    store.add(_letter("Ellie", date(2026, 1, 8)))  # a new letter with no words takes none away
    assert store.record_words(child_id) == NAN


def test_a_new_letter_starts_with_the_records_words_and_its_own_win(store: Store) -> None:
    first = demo_letter()
    first_id = store.add(first)
    child_id = store.get(first_id).child_id
    store.update_child_words(child_id, NAN)  # on the child's screen, after the letter
    previous = store.get(first_id)
    made = next_letter(previous, date(2027, 5, 12), record_words=store.record_words(child_id)).letter
    assert made.child.words == NAN
    # What the IRO gave for this letter wins, word by word (the app's new-letter steps).
    given = Letter(
        child=Child("Ellie", words=ChildWords(home="the farm")),
        meeting=Meeting(date(2027, 5, 12), iro="Priya Nandra"),
        child_id=child_id,
    )
    made = start_letter(given, previous, record_words=store.record_words(child_id)).letter
    assert made.child.words == ChildWords(
        carers="Nan and Grandad", home="the farm", other=["Biscuit"], avoid=["foster"]
    )
    # A record with no words kept: the last letter's come forward, as before records had them.
    assert next_letter(previous, date(2027, 5, 12)).letter.child.words == first.child.words
    # A copy of the old letter (the letters list's `c`) takes the record's words too.
    copy = store.get(store.duplicate(first_id, meeting_date=date(2027, 5, 12)))
    assert copy.child.words == NAN
    assert store.get(first_id).child.words == first.child.words


def test_merging_keeps_the_words_of_whichever_record_had_them(store: Store) -> None:
    a = store.add(_letter("Ellie", date(2025, 1, 8)))
    b = store.add(_letter("Elly", date(2025, 7, 8), NAN))
    keep, other = store.get(a).child_id, store.get(b).child_id
    assert keep is not None and other is not None and keep != other
    assert store.merge_children(keep, other).words == NAN
