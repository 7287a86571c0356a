"""The store and the next letter: overdue decisions on the list (settled by a later letter's
outcomes), migration 0007 filling them in for letters already stored, IRO profiles and photos."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy
from alembic import command

from letters.demo import demo_letter
from letters.errors import InputError, StorageError
from letters.followup import next_letter, record_outcome
from letters.interchange import letter_to_data
from letters.iro_profile import IroProfile
from letters.model import Outcome
from letters.store import Store, open_store
from letters.store.engine import alembic_config

AFTER = date(2026, 12, 14)  # both dated decisions of the demo letter are past: 30 Nov and 11 Dec
PNG = (Path(__file__).parents[2] / "docs" / "picture-letter.png").read_bytes()


def test_the_list_says_which_decisions_are_overdue_until_a_later_letter_settles_them(store: Store) -> None:
    first = store.add(demo_letter())
    (summary,) = store.list()
    assert summary.overdue_on(date(2026, 11, 30)) == []
    assert summary.overdue_on(AFTER) == [1, 3]
    later = next_letter(store.get(first), date(2027, 5, 12)).letter
    record_outcome(later.followups[2], Outcome.DONE, later)  # the eye test was booked
    record_outcome(later.followups[0], Outcome.NOT_YET, later)  # family time is not planned yet
    second = store.add(later)
    summaries = {s.id: s for s in store.list()}
    assert summaries[first].overdue_on(AFTER) == [1]
    assert summaries[second].overdue_on(AFTER) == []
    assert store.outcomes_for(first) == {1: Outcome.NOT_YET, 3: Outcome.DONE}
    # A later letter in the bin settles nothing.
    store.delete(second)
    assert store.summary(first).overdue_on(AFTER) == [1, 3]
    store.restore(second)
    # Saving the later letter again with another outcome moves the list with it.
    later = store.get(second)
    record_outcome(later.followups[0], Outcome.NOT_NEEDED, later)
    store.save(later)
    assert store.summary(first).overdue_on(AFTER) == []


def test_a_date_the_iro_gives_counts_where_the_words_give_none(store: Store) -> None:
    letter = demo_letter()
    letter.decisions[1].due = date(2026, 12, 18)  # "before the Christmas holidays"
    letter_id = store.add(letter)
    assert store.summary(letter_id).overdue_on(date(2026, 12, 19)) == [1, 2, 3]


def test_migration_0007_fills_in_the_dates_of_letters_already_stored(store_url: str) -> None:
    engine = sqlalchemy.create_engine(store_url)
    doc = json.dumps(letter_to_data(demo_letter(), record=False), default=date.isoformat)
    saved = datetime(2026, 11, 19, 9, 30)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004")
        for letter_id, document in ((1, doc), (2, "{not json")):
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO letters (id, created_at, updated_at, current_revision, child_name,"
                    " child_age, meeting_date, iro, status) VALUES (:id, :t, :t, 1, 'Ellie', 9, :d,"
                    " 'Priya Nandra', 'draft')"
                ),
                {"id": letter_id, "t": saved, "d": date(2026, 11, 18)},
            )
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document)"
                    " VALUES (:id, 1, :t, 'pnandra', 'x', :doc)"
                ),
                {"id": letter_id, "t": saved, "doc": document},
            )
    engine.dispose()
    with open_store(store_url) as store:
        summaries = {s.id: s for s in store.list()}
        assert summaries[1].overdue_on(AFTER) == [1, 3]
        assert summaries[2].overdue_on(AFTER) == []  # a damaged letter is listed, without dates


def test_an_iro_profile_is_kept_once_and_found_by_name(store: Store) -> None:
    assert store.profile("Sam Okafor") is None
    store.save_profile(IroProfile("Sam Okafor", {"7-11": "I am Sam."}))
    store.save_profile(IroProfile("sam  okafor", {"under7": "I am Sam.", "7-11": "I am Sam, your IRO."}))
    (profile,) = store.profiles()
    assert profile.name == "sam okafor" and profile.texts == {
        "under7": "I am Sam.",
        "7-11": "I am Sam, your IRO.",
    }
    with pytest.raises(ValueError, match="at least one age band"):
        store.save_profile(IroProfile("Sam Okafor", {"7-11": "  "}))


def test_a_photo_is_kept_by_its_digest_and_never_changed(store: Store) -> None:
    digest = store.add_photo(PNG)
    assert store.add_photo(PNG) == digest
    assert store.photo(digest) == ("image/png", PNG)
    assert store.photo("0" * 64) is None
    store.save_profile(IroProfile("Sam Okafor", {"7-11": "I am Sam."}, digest))
    assert store.profile("Sam Okafor").photo == digest  # type: ignore[union-attr]
    with pytest.raises(InputError, match="PNG or JPEG"):
        store.add_photo(b"GIF89a...")
    with pytest.raises(StorageError, match="not in this database"):
        store.save_profile(IroProfile("Jo Bell", {"7-11": "I am Jo."}, "1" * 64))
