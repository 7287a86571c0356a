"""A child's record corrected by hand (the app's record dialog, `letters child edit`) stays
corrected: saving one of their older letters again takes only what that save changed. Real
databases (SQLite, and PostgreSQL when LETTERS_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

from datetime import date

import pytest

from letters.model import Child, Letter, Meeting
from letters.store import open_store


def test_a_corrected_record_is_not_put_back_by_saving_an_older_letter(store_url: str) -> None:
    with open_store(store_url) as store:
        letter = Letter(
            Child("Ola", age=10, case_id="MOS-1", looked_after_since=date(2025, 1, 6), uasc=True),
            Meeting(date(2026, 2, 3), iro="Asha Example", participation="PN1"),
        )
        store.add(letter)
        assert letter.child_id is not None
        record = store.update_child(
            letter.child_id, case_id="MOS-2", looked_after_since=date(2025, 1, 13), clear=["uasc"]
        )
        assert (record.case_id, record.looked_after_since, record.uasc) == ("MOS-2", date(2025, 1, 13), None)

        old = store.get(letter.id or 0)  # still says MOS-1, 6 January, UASC
        old.sections[0].text = "Hello Ola."
        store.save(old)
        record = store.child(letter.child_id)
        assert (record.case_id, record.looked_after_since, record.uasc) == ("MOS-2", date(2025, 1, 13), None)

        # What a save does change is taken, as before.
        old.child.uasc = False
        old.child.case_id = "MOS-3"
        store.save(old)
        record = store.child(letter.child_id)
        assert (record.case_id, record.uasc, record.looked_after_since) == ("MOS-3", False, date(2025, 1, 13))

        # Clearing the case number: the record has none, and another child may take it.
        assert store.update_child(letter.child_id, clear=["case_id"]).case_id == ""
        with pytest.raises(ValueError, match="not a record field"):
            store.update_child(letter.child_id, clear=["name"])
