"""A sent letter is read-only: a change is an amendment, with when, by whom and why, and the text
that was sent stays readable. Real database (SQLite, and PostgreSQL when configured).
"""

from __future__ import annotations

from datetime import date

import pytest

from letters.demo import demo_letter
from letters.model import Status
from letters.store import LetterIsSent, Store, open_store
from letters.store.gate import mark


def sent_letter(store: Store) -> int:
    letter_id = store.add(demo_letter())
    mark(store, letter_id, Status.SENT, sent_on=date(2026, 11, 20))
    return letter_id


def test_changing_a_sent_letter_without_a_reason_is_refused(store: Store) -> None:
    letter_id = sent_letter(store)
    letter = store.get(letter_id)
    letter.section("worries").text = "A change after sending."  # type: ignore[union-attr]
    with pytest.raises(LetterIsSent, match="was sent on 20 November 2026, so it is read-only"):
        store.save(letter)
    with pytest.raises(LetterIsSent):
        store.save(letter, amend_reason="   ")
    assert store.get(letter_id).section("worries").text == demo_letter().section("worries").text  # type: ignore[union-attr]
    assert len(store.history(letter_id)) == 2


def test_an_amendment_is_kept_beside_the_text_that_was_sent(store_url: str) -> None:
    with open_store(store_url, person="pnandra") as store:
        letter_id = sent_letter(store)
        sent_as = store.sent_revision(letter_id)
    with open_store(store_url, person="bwalsh") as store:
        letter = store.get(letter_id)
        letter.section("next_meeting").text = "Your next meeting is on 3 June, not 3 July."  # type: ignore[union-attr]
        number = store.save(letter, amend_reason="The date of the next meeting was wrong.")
        now = store.get(letter_id)
        assert (now.status, now.sent_on, now.revision) == (Status.SENT, date(2026, 11, 20), number)
        last = store.history(letter_id)[-1]
        assert (last.kind, last.author, last.reason) == (
            "amended",
            "bwalsh",
            "The date of the next meeting was wrong.",
        )
        assert "amended after sending: The date of the next meeting was wrong." in last.describe()
        assert store.sent_revision(letter_id) == sent_as  # what the child was sent
        sent_text = store.revision(letter_id, sent_as or 0).section("next_meeting").text  # type: ignore[union-attr]
        assert sent_text == demo_letter().section("next_meeting").text  # type: ignore[union-attr]
        listed = [s for s in store.list() if s.id == letter_id]
        assert len(listed) == 1 and listed[0].amended and listed[0].status is Status.SENT  # counts once
        assert [r.sent for r in store.history(letter_id)].count(True) == 1


def test_going_back_to_an_old_revision_of_a_sent_letter_is_an_amendment(store: Store) -> None:
    letter_id = sent_letter(store)
    letter = store.get(letter_id)
    letter.section("hello").text = "Hello again."  # type: ignore[union-attr]
    store.save(letter, amend_reason="Typo.")
    with pytest.raises(LetterIsSent):
        store.revert(letter_id, 2)
    store.revert(letter_id, 2, amend_reason="The typo was not one after all.")
    assert store.get(letter_id).status is Status.SENT
    assert store.get(letter_id).section("hello").text == demo_letter().section("hello").text  # type: ignore[union-attr]
    assert [r.kind for r in store.history(letter_id)] == ["edit", "status", "amended", "amended"]
