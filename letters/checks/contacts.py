"""Work contact details a letter may give: the IRO's and the authority's phone, email and address.

The Goodbye asks the IRO to say how the child can reach them, so their *work* details are not
personal data. This module finds where a letter writes them, however it spaces or formats them
("01632 960123", "+44 1632 960 123"), and returns those exact spellings for the checker's allow
list; the personal-data rule then passes over them. Anyone else's phone, email or address (a
child's, carer's or parent's) is not a work contact and is still flagged. No I/O, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from letters.checks.rules.personal_data import find_personal_data

_NOT_DIGIT = re.compile(r"\D")
_SPACES = re.compile(r"[\s,]+")


def _phone_key(text: str) -> str:
    digits = _NOT_DIGIT.sub("", text)
    if digits.startswith("44"):  # +44 (0)1632 ... and +44 1632 ... are 01632 ...
        digits = "0" + digits[2:].removeprefix("0")
    return digits


def _text_key(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip(" .")


def contact_spellings(texts: Iterable[str], contacts: Iterable[str]) -> tuple[str, ...]:
    """The spellings, in `texts`, of personal-data-shaped words that are one of `contacts`: the
    same phone number (compared digit by digit), the same email (any case), or part of the same
    address (a street or postcode of it, spaced and capitalised any way)."""
    contacts = [c for c in contacts if c.strip()]
    if not contacts:
        return ()
    phones = {_phone_key(c) for c in contacts if len(_phone_key(c)) >= 10}
    words = [_text_key(c) for c in contacts]
    found: dict[str, None] = {}
    for text in texts:
        for start, end, what in find_personal_data(text):
            spelling = text[start:end]
            key = _text_key(spelling)
            if what == "a phone number":
                ok = _phone_key(spelling) in phones
            elif what == "an email address":
                ok = key in words
            elif what in ("a street address", "a postcode"):  # part of a work address
                ok = any(key in w for w in words)
            else:  # a date of birth or an NHS number is never a work contact
                ok = False
            if ok:
                found[spelling] = None
    return tuple(found)
