"""The store as its users meet it: letters saved as revisions, nothing overwritten, nothing lost.

Runs on a real SQLite file (and PostgreSQL when configured: see conftest.py).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from letters.config import AuthorityConfig, Config
from letters.demo import demo_letter
from letters.errors import InputError, UserError
from letters.model import Child, Decision, Letter, Meeting, Section, Status
from letters.store import LetterChangedElsewhere, LetterIsSent, LetterNotFound, Store, open_store
from letters.store.gate import mark


def small_letter(name: str = "Rowan", meeting: date = date(2025, 12, 19), iro: str = "") -> Letter:
    return Letter(child=Child(name, age=9), meeting=Meeting(meeting, iro=iro, participation="PN1"))


def test_a_letter_comes_back_exactly_as_it_was_added(store: Store) -> None:
    letter = demo_letter()
    letter_id = store.add(letter, author="pnandra")
    assert letter.id == letter_id
    got = store.get(letter_id)
    assert got == letter
    assert got.created_at is not None and got.created_at.tzinfo is not None


def test_each_save_is_a_new_revision_and_old_text_stays(store: Store) -> None:
    letter = demo_letter()
    letter_id = store.add(letter)
    first_worries = letter.section("worries").text  # type: ignore[union-attr]
    letter.section("worries").text = "A bad paste"  # type: ignore[union-attr]
    assert store.save(letter, author="pnandra") == 2
    letter.decisions.append(Decision("Ask about a bike", "Anne", "by March"))
    assert store.save(letter) == 3

    assert store.get(letter_id).section("worries").text == "A bad paste"  # type: ignore[union-attr]
    assert store.revision(letter_id, 1).section("worries").text == first_worries  # type: ignore[union-attr]
    history = store.history(letter_id)
    assert [r.number for r in history] == [1, 2, 3]
    assert history[0].summary == "First version"
    assert history[1].summary == "Changed Worries" and history[1].author == "pnandra"
    assert history[2].summary == "Changed decisions (4 → 5)"
    assert history[0].saved_at <= history[1].saved_at <= history[2].saved_at


def test_saving_an_unchanged_letter_adds_no_revision(store: Store) -> None:
    letter = demo_letter()
    letter_id = store.add(letter)
    assert store.save(letter) == 1
    assert store.save(store.get(letter_id)) == 1
    assert len(store.history(letter_id)) == 1


def test_history_names_added_and_removed_sections_and_status(store: Store) -> None:
    letter = small_letter()
    letter_id = store.add(letter)
    letter.sections = [s for s in letter.sections if s.key != "health"]
    letter.sections.append(Section("hobbies", "You love drawing.", title="Things you like"))
    store.save(letter)
    mark(store, letter_id, Status.READY, author="pnandra")
    letter = store.get(letter_id)
    letter.sections.reverse()
    store.save(letter)
    summaries = [r.summary for r in store.history(letter_id)]
    assert summaries[3] == "Moved sections"
    assert summaries[1] == "Added section Things you like; removed section Health"
    assert summaries[2] == "Changed status draft → ready"
    assert store.history(letter_id)[2].author == "pnandra"


def test_going_back_to_an_old_revision_keeps_the_later_ones(store: Store) -> None:
    letter = demo_letter()
    letter_id = store.add(letter)
    original = store.get(letter_id)
    letter.section("told_us").text = ""  # type: ignore[union-attr]
    store.save(letter)
    assert store.revert(letter_id, 1) == 3
    restored = store.get(letter_id)
    assert restored.sections == original.sections
    assert [r.summary for r in store.history(letter_id)][-1] == "Back to revision 1"
    assert store.revision(letter_id, 2).section("told_us").text == ""  # type: ignore[union-attr]


def test_a_deleted_letter_is_hidden_and_can_be_restored(store: Store) -> None:
    kept = store.add(small_letter("Kit"))
    gone = store.add(small_letter("Jude"))
    store.delete(gone)
    assert [s.id for s in store.list()] == [kept]
    listed = {s.id: s.deleted for s in store.list(include_deleted=True)}
    assert listed == {kept: False, gone: True}
    assert store.get(gone).child.name == "Jude"  # still readable while deleted
    store.restore(gone)
    assert {s.id for s in store.list()} == {kept, gone}
    assert len(store.history(gone)) == 1


def test_missing_letters_and_revisions_say_so(store: Store) -> None:
    letter_id = store.add(small_letter())
    for call in (
        lambda: store.get(999),
        lambda: store.history(999),
        lambda: store.delete(999),
        lambda: store.restore(999),
        lambda: store.set_status(999, Status.READY),
        lambda: store.save(Letter(small_letter().child, small_letter().meeting, id=999, revision=1)),
    ):
        with pytest.raises(LetterNotFound, match="There is no letter 999"):
            call()
    with pytest.raises(LetterNotFound, match=f"Letter {letter_id} has no revision 7"):
        store.revision(letter_id, 7)
    assert isinstance(LetterNotFound(1), UserError)


def test_list_filters_sorts_and_gives_the_due_date(store: Store) -> None:
    store.add(small_letter("Ava", date(2025, 12, 19), iro="Sam Example"))
    newer = store.add(small_letter("Bo", date(2026, 1, 14), iro="Kim Sample"))
    mark(store, newer, Status.SENT, sent_on=date(2026, 1, 20))
    rows = store.list()
    assert [r.child for r in rows] == ["Bo", "Ava"]  # newest meeting first
    ava = rows[1]
    assert (ava.age, ava.meeting_date, ava.status, ava.sent_on) == (
        9,
        date(2025, 12, 19),
        Status.DRAFT,
        None,
    )
    assert ava.due == date(2026, 1, 21)  # the primer's worked example
    assert rows[0].sent_on == date(2026, 1, 20)
    assert [r.child for r in store.list(status=Status.SENT)] == ["Bo"]
    assert [r.child for r in store.list(search="kim")] == ["Bo"]
    assert [r.child for r in store.list(search="AVA")] == ["Ava"]
    assert store.list(search="%") == []  # wildcards are matched literally


def test_due_dates_follow_the_authority_config(store_url: str) -> None:
    config = Config(authority=AuthorityConfig(letter_working_days=15))
    with open_store(store_url, config=config) as store:
        store.add(small_letter())
        assert store.list()[0].due == date(2026, 1, 14)


def test_set_status_checks_the_date_sent(store: Store) -> None:
    letter_id = store.add(small_letter())
    with pytest.raises(UserError, match="in the future"):
        mark(store, letter_id, Status.SENT, sent_on=date.today() + timedelta(days=1))
    with pytest.raises(UserError, match="before the meeting"):
        mark(store, letter_id, Status.SENT, sent_on=date(2025, 12, 1))
    with pytest.raises(UserError, match="Only a sent letter has a sent date"):
        mark(store, letter_id, Status.READY, sent_on=date(2026, 1, 5))
    mark(store, letter_id, Status.READY)
    store.set_status(letter_id, Status.DRAFT)  # ready can go back to draft
    assert (store.get(letter_id).status, store.get(letter_id).sent_on) == (Status.DRAFT, None)
    mark(store, letter_id, Status.SENT)
    assert store.get(letter_id).sent_on == date.today()


def test_a_sent_letter_cannot_go_back_to_draft_or_ready(store: Store) -> None:
    letter_id = store.add(small_letter())
    mark(store, letter_id, Status.SENT, sent_on=date(2026, 1, 5))
    for status in (Status.DRAFT, Status.READY):
        with pytest.raises(
            LetterIsSent, match=f"was sent on 5 January 2026, so it cannot be marked {status}"
        ):
            mark(store, letter_id, status)
    with pytest.raises(LetterIsSent, match="cannot be marked sent on 6 January 2026"):
        mark(store, letter_id, Status.SENT, sent_on=date(2026, 1, 6))
    assert mark(store, letter_id, Status.SENT, sent_on=date(2026, 1, 5))[0] == 2  # the same: nothing to do
    assert [r.number for r in store.history(letter_id)] == [1, 2]


def test_duplicate_makes_a_new_draft_with_the_same_content(store: Store) -> None:
    source = store.add(demo_letter())
    mark(store, source, Status.SENT, sent_on=date(2026, 11, 20))
    copy = store.duplicate(source)
    assert copy != source
    original, duplicated = store.get(source), store.get(copy)
    assert duplicated.sections == original.sections and duplicated.people == original.people
    assert (duplicated.status, duplicated.sent_on) == (Status.DRAFT, None)
    assert store.history(copy)[0].summary == f"Copied from letter {source}"


def test_an_invalid_letter_is_refused_and_the_stored_one_is_untouched(store: Store) -> None:
    letter = demo_letter()
    letter_id = store.add(letter)
    letter.meeting.participation = "PN9"
    with pytest.raises(InputError, match="meeting.participation"):
        store.save(letter)
    assert store.get(letter_id).meeting.participation == "PN1"
    assert len(store.history(letter_id)) == 1


def test_windows_line_endings_are_stored_as_newlines(store: Store) -> None:
    letter = small_letter()
    letter.section("hello").text = "Dear Rowan,\r\n\r\nHello."  # type: ignore[union-attr]
    letter_id = store.add(letter)
    assert store.get(letter_id).section("hello").text == "Dear Rowan,\n\nHello."  # type: ignore[union-attr]


def test_a_letter_without_an_id_is_added_by_save(store: Store) -> None:
    letter = small_letter()
    assert store.save(letter) == 1
    assert letter.id is not None and store.get(letter.id) == letter


def test_two_stores_on_one_database_never_overwrite_each_other(store_url: str) -> None:
    with open_store(store_url, person="window-one") as one, open_store(store_url, person="window-two") as two:
        letter = small_letter()
        letter_id = one.add(letter)
        copy = two.get(letter_id)
        copy.section("school").text = "Saved by the second window."  # type: ignore[union-attr]
        assert two.save(copy) == 2
        letter.section("health").text = "Saved by the first window."  # type: ignore[union-attr]
        with pytest.raises(LetterChangedElsewhere) as caught:
            one.save(letter)  # based on revision 1: the second window's text would be dropped
        refused = caught.value
        assert (refused.based_on, refused.current, refused.kept, refused.by) == (1, 2, 3, "window-two")
        assert "changed elsewhere: window-two saved revision 2" in str(refused)
        assert "kept as revision 3" in str(refused)
        now = one.get(letter_id)
        assert now.revision == 2 and now.section("school").text == "Saved by the second window."  # type: ignore[union-attr]
        kept = one.revision(letter_id, 3)
        assert kept.section("health").text == "Saved by the first window."  # type: ignore[union-attr]
        history = one.history(letter_id)
        assert [(r.number, r.kind, r.current) for r in history] == [
            (1, "edit", False),
            (2, "edit", True),
            (3, "kept", False),
        ]
        assert history[2].author == "window-one" and history[2].based_on == 1
        assert "not the letter's text" in history[2].describe()
        # Choosing to carry on from the current text works, and numbers go on after the kept one.
        now.section("health").text = "Saved by the first window."  # type: ignore[union-attr]
        assert one.save(now) == 4
        assert one.get(letter_id).section("school").text == "Saved by the second window."  # type: ignore[union-attr]


def test_a_status_change_in_between_is_not_a_conflict(store: Store) -> None:
    letter = small_letter()
    letter_id = store.add(letter)
    mark(store, letter_id, Status.READY)  # revision 2: only the status changed
    letter.section("school").text = "Written before it was marked ready."  # type: ignore[union-attr]
    assert store.save(letter) == 3
    saved = store.get(letter_id)
    assert saved.status is Status.READY and letter.status is Status.READY  # kept, not undone
    assert saved.section("school").text == "Written before it was marked ready."  # type: ignore[union-attr]


def test_a_save_needs_the_revision_it_was_based_on(store: Store) -> None:
    letter_id = store.add(small_letter())
    stray = store.get(letter_id)
    stray.revision = None
    with pytest.raises(ValueError, match="needs the revision"):
        store.save(stray)


def test_saves_from_many_threads_lose_nothing(store_url: str) -> None:
    # The threads queue for the write lock; on a loaded machine one can wait behind the other three
    # for longer than the app's 5 s (and be told the database is busy). This test is about losing
    # nothing when writers overtake each other, so the wait is long.
    with open_store(store_url, timeout=120) as store:
        saves_from_many_threads_lose_nothing(store)


def saves_from_many_threads_lose_nothing(store: Store) -> None:
    letter_id = store.add(small_letter())
    errors: list[BaseException] = []
    refused: list[int] = []

    def edit(n: int) -> None:
        try:
            for k in range(5):
                while True:  # as an editor that is told it is behind: reload and do it again
                    letter = store.get(letter_id)
                    section = letter.section("hello")
                    assert section is not None
                    section.text += f" [thread {n} edit {k}]"
                    try:
                        store.save(letter)
                        break
                    except LetterChangedElsewhere as exc:
                        assert exc.kept is not None
                        refused.append(exc.kept)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    text = store.get(letter_id).section("hello").text  # type: ignore[union-attr]
    assert all(f"[thread {n} edit {k}]" in text for n in range(4) for k in range(5))
    history = store.history(letter_id)
    assert [r.number for r in history] == list(range(1, len(history) + 1))
    assert sorted(r.number for r in history if r.kind == "kept") == sorted(refused)
    assert sum(1 for r in history if r.kind == "edit") == 1 + 4 * 5


def test_a_bad_row_already_stored_is_listed_marked_and_the_rest_still_show(store: Store) -> None:
    import sqlalchemy

    good = store.add(small_letter("Ava"))
    far = store.add(small_letter("Bo"))
    odd = store.add(small_letter("Cy"))
    with store.engine.begin() as conn:  # as an older letters, or a hand edit, left them
        conn.execute(
            sqlalchemy.text("UPDATE letters SET meeting_date = :d WHERE id = :i"),
            {"d": date(9999, 12, 31), "i": far},
        )
        conn.execute(sqlalchemy.text("UPDATE letters SET status = 'posted' WHERE id = :i"), {"i": odd})
    rows = {s.id: s for s in store.list()}
    assert set(rows) == {good, far, odd}
    assert rows[good].problem == "" and rows[good].due == date(2026, 1, 21)
    assert rows[far].due is None and "no due date can be worked out" in rows[far].problem
    assert rows[far].meeting_date == date(9999, 12, 31)
    assert rows[odd].status is None and "its status cannot be read" in rows[odd].problem
    assert rows[odd].to_json()["problem"].endswith("open it to check, or restore an earlier revision")


def test_a_date_sqlite_cannot_read_fails_its_row_only(db_url: str) -> None:
    import sqlite3

    with open_store(db_url) as store:
        good = store.add(small_letter("Ava"))
        bad = store.add(small_letter("Bo"))
    raw = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    raw.execute("UPDATE letters SET meeting_date = 'next week', updated_at = 'soon' WHERE id = ?", (bad,))
    raw.commit()
    raw.close()
    with open_store(db_url) as store:
        rows = {s.id: s for s in store.list()}
        assert rows[good].problem == ""
        assert rows[bad].meeting_date is None and rows[bad].due is None
        assert "its meeting date cannot be read" in rows[bad].problem
        assert "its time saved cannot be read" in rows[bad].problem
        assert store.summary(bad).child == "Bo"


def test_a_list_read_again_shows_every_change_since_the_last(store: Store) -> None:
    # Lines are made again only for rows that changed: each kind of change must still show.
    first = store.add(demo_letter())
    second = store.add(demo_letter())
    before = {s.id: s for s in store.list()}
    assert before[first].status is Status.DRAFT and before[second].child == "Ellie"
    letter = store.get(second)
    letter.child.name = "Noah"
    store.save(letter)
    mark(store, first, Status.SENT, sent_on=date(2026, 11, 20))
    after = {s.id: s for s in store.list()}
    assert after[second].child == "Noah"
    assert after[first].status is Status.SENT and after[first].sent_on == date(2026, 11, 20)
    store.delete(second)
    assert [s.id for s in store.list()] == [first]
    store.restore(second)
    assert {s.id for s in store.list()} == {first, second}
    assert store.list()[0] is store.list()[0]  # unchanged lines are not made again
