"""A letter as the JSON document a revision keeps, and what can be worked out from documents.

- `document_for`: the letter checked with the letter file's rules and encoded the one way the store
  keeps it, so two saves of the same letter give the same text;
- `content_fingerprint`: what the IRO wrote, without the status: the pre-send gate checks a letter
  with this fingerprint and the store marks it only if the stored letter still has it, and a save
  based on an older revision is a conflict only when the content (not just the status) moved on;
- `describe_changes`: what changed between two revisions, in words, without quoting the letter;
- `Place`: where in the letter the last edit was (a section and an offset), to reopen there.

Plain functions, no database: the store and the pre-send gate both use them. Must not log.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from letters.interchange import letter_from_data, letter_to_data
from letters.model import SECTION_TITLES, Letter

#: Fields of a document that say where the letter is in its life, not what it says.
_STATUS_FIELDS = ("status", "sent_on")


def now() -> datetime:
    # Stored naive (UTC) because SQLite keeps no time zone; microseconds so order is exact.
    return datetime.now(UTC).replace(tzinfo=None)


def aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def fit(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def encode(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=date.isoformat)


def document_for(letter: Letter) -> tuple[Letter, dict[str, Any]]:
    """The letter checked and normalised, and its data as a revision keeps it.

    Raises `InputError` naming the field when the letter could not be read back; nothing is written.
    """
    checked = letter_from_data(letter_to_data(letter, record=False))
    return checked, json.loads(encode(letter_to_data(checked, record=False)))


def content_fingerprint(data: dict[str, Any]) -> str:
    """A digest of what the letter says (everything but its status and date sent)."""
    content = {k: v for k, v in data.items() if k not in _STATUS_FIELDS}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=date.isoformat)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def letter_fingerprint(letter: Letter) -> str:
    """`content_fingerprint` of a letter as the store would keep it."""
    return content_fingerprint(document_for(letter)[1])


def row_values(letter: Letter) -> dict[str, Any]:
    """The copies on the `letters` row that lists and searches read."""
    return {
        "child_name": fit(letter.child.name, 200),
        "child_age": letter.child_age,
        "meeting_date": letter.meeting.date,
        "iro": fit(letter.meeting.iro, 200),
        "status": str(letter.status),
        "sent_on": letter.sent_on,
        **next_letter_values(letter),
    }


def next_letter_values(letter: Letter) -> dict[str, str | None]:
    """The decisions' due dates and the follow-ups of earlier decisions, as the `letters` row
    keeps them (JSON, or None when there are none): the list says what is overdue from these."""
    from letters.followup import decisions_due, settled_decisions

    due = [[n, day.isoformat()] for n, day in decisions_due(letter)]
    settled = [[lid, n, str(outcome)] for lid, n, outcome in settled_decisions(letter)]
    return {
        "decisions_due": json.dumps(due, separators=(",", ":")) if due else None,
        "followed_up": json.dumps(settled, separators=(",", ":")) if settled else None,
    }


@dataclass(frozen=True, slots=True)
class Place:
    """Where an edit was: a section key (or "decision-2") and a character offset in its text."""

    part: str
    offset: int = 0

    def encode(self) -> str:
        return f"{self.part}:{self.offset}"[:100]

    @classmethod
    def decode(cls, text: str) -> Place | None:
        part, _, offset = text.rpartition(":")
        if not part or not offset.isdigit():
            return None
        return cls(part, int(offset))


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """What changed between two revisions' documents, in a few words for the history list.

    Names parts of the letter ("Worries", "decisions"), never their content.
    """
    changes: list[str] = []  # parts edited in place
    moves: list[str] = []  # sections added, removed or reordered
    if before.get("status") != after.get("status"):
        changes.append(f"status {before.get('status')} → {after.get('status')}")
    elif before.get("sent_on") != after.get("sent_on"):
        changes.append("date sent")
    for key in ("child", "meeting", "people"):
        if before.get(key) != after.get(key):
            changes.append(key)
    old = {s["key"]: s for s in before.get("sections", [])}
    new = {s["key"]: s for s in after.get("sections", [])}

    def name(section: dict[str, Any]) -> str:
        return str(section.get("title") or SECTION_TITLES.get(section["key"], section["key"]))

    for key, section in new.items():
        if key not in old:
            moves.append(f"added section {name(section)}")
        elif old[key] != section:
            changes.append(name(section))
    moves += [f"removed section {name(s)}" for k, s in old.items() if k not in new]
    if [k for k in old if k in new] != [k for k in new if k in old]:
        moves.append("moved sections")
    b, a = before.get("decisions", []), after.get("decisions", [])
    if b != a:
        changes.append(f"decisions ({len(b)} → {len(a)})" if len(b) != len(a) else "decisions")
    if (before.get("allow"), before.get("disabled_rules")) != (
        after.get("allow"),
        after.get("disabled_rules"),
    ):
        changes.append("checker settings")
    parts = ([f"changed {', '.join(changes)}"] if changes else []) + moves
    text = "; ".join(parts) or "no changes"
    return text[0].upper() + text[1:]
