"""Putting letters that are already ready or sent into a test database, as the app would.

A letter is marked ready or sent only through the pre-send gate (letters.store.gate), so a test
that needs a month of sent letters adds each one with its pre-send check, and a reason for any
open errors, exactly as `letters new --from FILE --override-reason TEXT` does.
"""

from __future__ import annotations

from letters.model import Letter, Status
from letters.store import Store
from letters.store.gate import check_letter_before_sending

REASON = "Synthetic test letter, sent as written."


def add_letter(store: Store, letter: Letter, *, reason: str = REASON) -> int:
    """Add `letter` in whatever status it has; returns its id."""
    if letter.status is Status.DRAFT:
        return store.add(letter)
    return store.add(letter, check=check_letter_before_sending(letter), reason=reason)
