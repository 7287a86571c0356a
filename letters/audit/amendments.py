"""A letter amended after it was sent: the text the child was sent beside the text as it is now.

The letter counts once in every figure (it is one letter); the audit shows both texts so that an
auditor grades what the child received and sees what changed afterwards, and why. `compare_sent`
reads the sent revision and the current one and lists each part of the letter that differs: a
section (by its heading), a section left out or put back, or a decision (as the child reads it).

Pure apart from the two reads from the store; the texts it returns hold names, so the caller
takes them out (`Redactor`) unless the auditor asked to identify the child.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letters.audit.evidence import LetterFacts
    from letters.model import Letter
    from letters.store import Store

LEFT_OUT = "(left out of the letter)"
NONE = "(none)"


@dataclass(frozen=True, slots=True)
class Change:
    part: str  # "Hello", "Decision 2"
    sent: str  # as the child was sent it
    now: str


@dataclass(frozen=True, slots=True)
class Amendment:
    sent_revision: int
    current_revision: int
    changes: tuple[Change, ...]

    def lines(self, clean: Callable[[str], str] = lambda text: text) -> list[str]:
        """The comparison as lines for a terminal: each changed part, as sent and now."""
        out = [
            f"The letter as sent (revision {self.sent_revision}) and as it is now "
            f"(revision {self.current_revision}):"
        ]
        if not self.changes:
            out.append("  No difference in what the child reads (only details such as people changed).")
        for c in self.changes:
            out.append(f"  {c.part}")
            out.append(f"    As sent: {clean(c.sent)}")
            out.append(f"    Now:     {clean(c.now)}")
        return out


def _parts(letter: Letter) -> dict[str, str]:
    """What the child reads, part by part, in the letter's order."""
    from letters.letter_words import decision_for_child

    parts: dict[str, str] = {}
    for section in letter.sections:
        text = " ".join(section.text.split())
        parts[section.heading] = text if section.included else f"{LEFT_OUT} {text}".strip()
    for n, decision in enumerate(letter.decisions, start=1):
        parts[f"Decision {n}"] = decision_for_child(decision, letter)
    return parts


def changes_between(sent: Letter, now: Letter) -> tuple[Change, ...]:
    before, after = _parts(sent), _parts(now)
    names = list(before) + [k for k in after if k not in before]
    return tuple(
        Change(name, before.get(name) or NONE, after.get(name) or NONE)
        for name in names
        if before.get(name, "") != after.get(name, "")
    )


def compare_sent(store: Store, letter_id: int) -> Amendment | None:
    """The sent text beside the current one, or None when the letter was not changed after sending."""
    number = store.sent_revision(letter_id)
    if number is None:
        return None
    now = store.get(letter_id)
    if now.revision is None or now.revision == number:
        return None
    sent = store.revision(letter_id, number)
    return Amendment(number, now.revision, changes_between(sent, now))


def both_texts(store: Store, facts: LetterFacts, *, identify: bool) -> list[str]:
    """For the audit (CLI and app): a letter changed after sending, as sent beside as it is now,
    with names taken out unless the auditor identifies the child. [] when it was not changed."""
    from letters.audit.redact import Redactor

    amendment = compare_sent(store, facts.letter_id)
    if amendment is None:
        return []
    if identify:
        return amendment.lines()
    redactor = Redactor([facts], {})
    return amendment.lines(lambda text: redactor.text(text, facts.letter_id))
