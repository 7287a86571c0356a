"""The pre-send gate: what is marked ready or sent is what was checked, and its errors are seen.

Runs the real checking engine on real letters stored in a real database (SQLite, and PostgreSQL
when configured).
"""

from __future__ import annotations

from datetime import date

import pytest

from letters.demo import demo_letter
from letters.errors import UserError
from letters.model import Letter, Status
from letters.store import CheckOutdated, NotChecked, SendBlocked, Store
from letters.store.gate import check_before_sending, check_letter_before_sending, mark

NHS = " Your NHS number is 943 476 5919."  # a valid check digit: an error of personal-data


def with_an_error() -> Letter:
    letter = demo_letter()
    letter.section("health").text += NHS  # type: ignore[union-attr]
    return letter


def test_a_clean_letter_is_marked_with_its_findings_kept(store: Store) -> None:
    letter_id = store.add(demo_letter())
    revision, check = mark(store, letter_id, Status.READY)
    assert check is not None and not check.blocks and check.summary() == "no open findings"
    records = store.send_checks(letter_id)
    assert [(r.revision, r.status, r.errors, r.reason, r.person) for r in records] == [
        (revision, "ready", 0, "", store.person)
    ]


def test_open_errors_block_ready_and_sent_and_say_which(store: Store) -> None:
    letter_id = store.add(with_an_error())
    for status in (Status.READY, Status.SENT):
        with pytest.raises(SendBlocked) as caught:
            mark(store, letter_id, status)
        message = str(caught.value)
        assert message.startswith(f"Letter {letter_id} cannot be marked {status}: 1 error is open (1 error")
        assert "error personal-data (Health): This looks like an NHS number" in message
        assert "--override-reason" in message
        assert caught.value.exit_code == 1
    assert store.get(letter_id).status is Status.DRAFT
    assert len(store.history(letter_id)) == 1 and store.send_checks(letter_id) == []


def test_a_reason_lets_it_through_and_is_kept_for_the_audit(store: Store) -> None:
    letter_id = store.add(with_an_error())
    reason = "The child asked for the number to be in the letter for their passport form."
    revision, _ = mark(store, letter_id, Status.SENT, sent_on=date(2026, 11, 20), reason=reason)
    letter = store.get(letter_id)
    assert (letter.status, letter.sent_on) == (Status.SENT, date(2026, 11, 20))
    (record,) = store.send_checks(letter_id)
    assert (record.revision, record.status, record.errors, record.reason) == (revision, "sent", 1, reason)
    assert record.overridden
    assert record.findings[0]["rule"] == "personal-data" and record.findings[0]["where"] == "Health"
    assert store.history(letter_id)[-1].reason == reason
    assert store.sent_revision(letter_id) == revision


def test_a_letter_changed_after_its_check_is_not_marked(store: Store) -> None:
    letter_id = store.add(demo_letter())
    letter, check = check_before_sending(store, letter_id)
    letter.section("health").text += NHS  # type: ignore[union-attr]
    store.save(letter)  # the error arrives after the check said "clean"
    with pytest.raises(CheckOutdated, match="changed after it was checked"):
        store.set_status(letter_id, Status.SENT, check=check)
    assert store.get(letter_id).status is Status.DRAFT


def test_marking_without_a_check_is_refused(store: Store) -> None:
    letter_id = store.add(demo_letter())
    with pytest.raises(NotChecked):
        store.set_status(letter_id, Status.READY)
    store.set_status(letter_id, Status.DRAFT)  # draft needs no check


def test_imported_letters_are_records_the_gate_does_not_stop(store: Store) -> None:
    letter = with_an_error()
    letter.status, letter.sent_on = Status.SENT, date(2026, 11, 20)
    letter_id = store.add(letter, imported=True)
    _, check = check_before_sending(store, letter_id)
    assert check.imported and check.errors and not check.blocks
    assert "imported" in "\n".join(check.lines())
    assert store.summary(letter_id).imported and store.is_imported(letter_id)


def test_adding_a_letter_that_is_already_sent_goes_through_the_gate(store: Store) -> None:
    letter = with_an_error()
    letter.status, letter.sent_on = Status.SENT, date(2026, 11, 20)
    with pytest.raises(NotChecked):
        store.add(letter)
    check = check_letter_before_sending(letter)
    with pytest.raises(SendBlocked):
        store.add(letter, check=check)
    letter_id = store.add(letter, check=check, reason="Sent on paper before letters was used.")
    assert store.get(letter_id).status is Status.SENT and store.sent_revision(letter_id) == 1
    assert store.send_checks(letter_id)[0].reason == "Sent on paper before letters was used."


def test_a_rule_switched_off_without_a_reason_still_blocks(store: Store) -> None:
    letter = with_an_error()
    letter.disabled_rules = ["personal-data"]
    letter_id = store.add(letter)
    with pytest.raises(
        SendBlocked, match="Hidden because the personal-data check is off for this letter, with"
    ):
        mark(store, letter_id, Status.READY)
    store.waive(letter_id, "rule", "personal-data", "The carers asked for the number to be included.")
    _, check = mark(store, letter_id, Status.READY)
    assert (
        check is not None
        and check.errors == ()
        and check.rules_off == (("personal-data", "The carers asked for the number to be included."),)
    )
    (waived,) = check.waived
    assert waived.reason == "The carers asked for the number to be included."
    assert store.send_checks(letter_id)[0].findings[0]["reason"] == waived.reason


def test_ignored_words_that_hide_an_error_need_a_reason(store: Store) -> None:
    letter = with_an_error()
    letter.allow = ["943 476 5919"]
    letter_id = store.add(letter)
    _, check = check_before_sending(store, letter_id)
    assert [f.waived_by for f in check.errors] == ["“943 476 5919” is accepted in this letter"]
    with pytest.raises(UserError, match="Give a reason"):
        store.waive(letter_id, "words", "943 476 5919", "   ")
    store.waive(letter_id, "words", "943 476 5919", "Needed for the dentist form.")
    _, check = check_before_sending(store, letter_id)
    assert not check.blocks and check.waived[0].reason == "Needed for the dentist form."
    assert [w.value for w in store.waivers(letter_id)] == ["943 476 5919"]


def test_a_placeholder_left_in_the_letter_blocks_sending(store: Store) -> None:
    from letters.checks import RULES

    if "placeholder" not in RULES:
        pytest.skip("the placeholder rule has not landed on this branch yet")
    letter = demo_letter()
    letter.section("hello").text = "Hello Ellie, I am [your name], your meeting's chair."  # type: ignore[union-attr]
    letter_id = store.add(letter)
    with pytest.raises(SendBlocked, match="placeholder"):
        mark(store, letter_id, Status.SENT)
