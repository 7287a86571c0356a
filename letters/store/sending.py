"""Marking a letter draft, ready or sent, and what is kept for the audit when it is.

- `set_status` changes the status as a revision like any other. Ready and sent need the letter's
  pre-send check (`letters.store.gate`), made on exactly the text that is stored now (its content
  fingerprint is compared inside the transaction), and a reason when errors are open; the check's
  findings and the reason are kept in `send_checks`. Imported letters (records of letters sent
  elsewhere) are not checked. A sent letter stays sent: it cannot go back to draft or ready.
- `waive` keeps why a rule was switched off, or flagged words accepted, in one letter; the gate
  reads these reasons and counts an error hidden without one as open.

Must not log: findings quote the letter.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from letters.errors import UserError
from letters.interchange import letter_from_data
from letters.model import Status
from letters.store.core import Raced, StoreCore
from letters.store.documents import (
    aware,
    content_fingerprint,
    describe_changes,
    document_for,
    encode,
    fit,
    now,
)
from letters.store.errors import (
    CheckOutdated,
    LetterChangedElsewhere,
    LetterIsSent,
    LetterNotFound,
    NotChecked,
    SendBlocked,
)
from letters.store.tables import LetterRow, SendCheckRow, WaiverRow

if TYPE_CHECKING:
    import sqlalchemy

    from letters.store.gate import PreSendCheck
    from letters.store.summaries import RevisionInfo

WAIVER_KINDS = ("rule", "words")


@dataclass(frozen=True, slots=True)
class Waiver:
    """Why a rule is off (kind "rule", value the rule id) or words are accepted ("words")."""

    kind: str
    value: str
    reason: str
    person: str
    given_at: datetime
    revision: int


@dataclass(frozen=True, slots=True)
class SendRecord:
    """One marking ready or sent: the open findings then, and the reason given for any error."""

    revision: int  # the revision the marking made
    status: str
    checked_at: datetime
    person: str
    errors: int
    warnings: int
    infos: int
    findings: tuple[dict[str, str], ...]  # the open errors (and errors waived), as the gate said
    reason: str

    @property
    def overridden(self) -> bool:
        return self.errors > 0


@dataclass(frozen=True, slots=True)
class SendingHistory:
    """What the audit shows about how a letter was sent: the pre-send checks and any reasons,
    waivers, and amendments after sending (the text as sent is revision `sent_revision`)."""

    letter_id: int
    imported: bool
    sent_revision: int | None
    checks: tuple[SendRecord, ...]
    waivers: tuple[Waiver, ...]
    amendments: tuple[RevisionInfo, ...]

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.imported:
            out.append("Imported (a letter sent elsewhere): it was not checked before sending.")
        for c in self.checks:
            line = (
                f"Marked {c.status} {c.checked_at.astimezone():%d %b %Y %H:%M} by {c.person or '-'}, "
                f"with {c.errors} error(s), {c.warnings} warning(s) and {c.infos} info open"
            )
            out.append(line + (f". Reason given: {c.reason}" if c.reason else "."))
            for f in c.findings:
                hidden = (
                    f" (hidden: {f['waived_by']}; reason: {f['reason'] or 'none'})"
                    if "waived_by" in f
                    else ""
                )
                out.append(f"  {f['severity']} {f['rule']} ({f['where']}): {f['message']}{hidden}")
        for w in self.waivers:
            what = f"The {w.value} check switched off" if w.kind == "rule" else f"“{w.value}” accepted"
            out.append(f"{what} by {w.person or '-'} on {w.given_at.astimezone():%d %b %Y}: {w.reason}")
        for a in self.amendments:
            out.append(
                f"Amended after sending {a.saved_at.astimezone():%d %b %Y %H:%M} by {a.author or '-'}: "
                f"{a.reason} (revision {a.number}; the letter as sent is revision {self.sent_revision})."
            )
        return out


class SendingMixin(StoreCore):
    def set_status(
        self,
        letter_id: int,
        status: Status | str,
        sent_on: date | None = None,
        *,
        check: PreSendCheck | None = None,
        reason: str = "",
        author: str | None = None,
    ) -> int:
        """Mark a letter draft, ready or sent (sent today unless `sent_on` says otherwise).

        Ready and sent need `check` from `letters.store.gate` (not for imported letters), made on
        the stored text, and a `reason` when it found errors. Returns the current revision.
        """
        status = Status(status)
        if status is Status.SENT:
            sent_on = sent_on or date.today()
            if sent_on > date.today():
                raise UserError(f"{sent_on.isoformat()} is in the future: give the date the letter was sent.")
        elif sent_on is not None:
            raise UserError(f"Only a sent letter has a sent date; leave the date out for {status}.")
        at, who = now(), self._author(author)
        with self.transaction(write=True) as conn:
            head = self.head(conn, letter_id)
            data = self.document(conn, letter_id, head.current) or {}
            if head.status is Status.SENT:
                if status is Status.SENT and sent_on == head.sent_on:
                    return head.current
                wanted = str(status) if status is not Status.SENT else f"sent on {sent_on:%-d %B %Y}"
                raise LetterIsSent(letter_id, head.sent_on, wanted=wanted)
            letter = letter_from_data(data)
            if sent_on is not None and sent_on < letter.meeting.date:
                raise UserError(
                    f"{sent_on.isoformat()} is before the meeting "
                    f"({letter.meeting.date.isoformat()}): give the date the letter was sent."
                )
            gated = status is not Status.DRAFT and not head.imported
            if gated:
                self.require_check(check, content_fingerprint(data), str(status), reason, letter_id)
            letter.status, letter.sent_on = status, sent_on
            checked, new = document_for(letter)
            if encode(new) == encode(data):
                return head.current
            number = self.next_number(conn, letter_id)
            self.insert_revision(
                conn,
                letter_id,
                number,
                new,
                at=at,
                author=who,
                summary=describe_changes(data, new),
                kind="status",
                based_on=head.current,
                reason=reason.strip() if gated else "",
            )
            extra = {"sent_revision": number} if status is Status.SENT else {}
            try:
                self.make_current(
                    conn, letter_id, seen=head.current, number=number, letter=checked, at=at, **extra
                )
            except Raced:
                raise LetterChangedElsewhere(
                    letter_id, based_on=head.current, current=head.current, by="", at=aware(at), kept=None
                ) from None
            if gated and check is not None:
                self.record_check(conn, letter_id, number, str(status), check, reason, who, at)
        return number

    def require_check(
        self,
        check: PreSendCheck | None,
        fingerprint: str,
        status: str,
        reason: str,
        letter_id: int | None,
    ) -> None:
        """Refuse to mark a letter that was not checked, changed since, or has open errors
        without a reason."""
        if check is None:
            raise NotChecked(status)
        if check.fingerprint != fingerprint:
            raise CheckOutdated(letter_id or 0, status)
        if check.blocks and not reason.strip():
            raise SendBlocked(check, status)

    def record_check(
        self,
        conn: sqlalchemy.Connection,
        letter_id: int,
        revision: int,
        status: str,
        check: PreSendCheck,
        reason: str,
        who: str,
        at: datetime,
    ) -> None:
        counts = check.counts()
        conn.execute(
            insert(SendCheckRow).values(
                letter_id=letter_id,
                revision=revision,
                status=status,
                checked_at=at,
                person=who,
                errors=counts["error"],
                warnings=counts["warning"],
                infos=counts["info"],
                findings=json.dumps(
                    [f.to_json() for f in (*check.errors, *(w for w in check.waived if w.reason))],
                    ensure_ascii=False,
                ),
                reason=reason.strip(),
            )
        )

    def send_checks(self, letter_id: int) -> builtins.list[SendRecord]:
        """Every marking of the letter ready or sent, oldest first (for the audit)."""
        t = SendCheckRow
        with self.transaction(write=False) as conn:
            rows = conn.execute(select(t).where(t.letter_id == letter_id).order_by(t.id)).all()
        return [
            SendRecord(
                r.revision,
                r.status,
                aware(r.checked_at),
                r.person,
                r.errors,
                r.warnings,
                r.infos,
                tuple(json.loads(r.findings)),
                r.reason,
            )
            for r in rows
        ]

    def is_imported(self, letter_id: int) -> bool:
        """Whether `letters import` brought the letter in (a record of a letter sent elsewhere)."""
        with self.transaction(write=False) as conn:
            row = conn.execute(select(LetterRow.imported).where(LetterRow.id == letter_id)).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id)
        return bool(row.imported)

    # -- waivers ------------------------------------------------------------------------------

    def waive(self, letter_id: int, kind: str, value: str, reason: str, *, author: str | None = None) -> None:
        """Keep why rule `value` is off (kind "rule") or words `value` are accepted ("words")."""
        if kind not in WAIVER_KINDS:
            raise ValueError(f"kind must be one of {WAIVER_KINDS}")
        if not reason.strip():
            raise UserError(
                "Give a reason: switching a check off or accepting flagged words in a letter is "
                "kept for the audit with the reason why."
            )
        with self.transaction(write=True) as conn:
            head = self.head(conn, letter_id, lock=False)
            conn.execute(
                insert(WaiverRow).values(
                    letter_id=letter_id,
                    kind=kind,
                    value=fit(value.strip(), 500),
                    reason=reason.strip(),
                    person=self._author(author),
                    given_at=now(),
                    revision=head.current,
                )
            )

    def waivers(self, letter_id: int) -> builtins.list[Waiver]:
        """The letter's waivers, the latest reason for each rule or words, oldest first."""
        t = WaiverRow
        with self.transaction(write=False) as conn:
            rows = conn.execute(select(t).where(t.letter_id == letter_id).order_by(t.id)).all()
        latest: dict[tuple[str, str], Waiver] = {}
        for r in rows:
            latest[(r.kind, r.value)] = Waiver(
                r.kind, r.value, r.reason, r.person, aware(r.given_at), r.revision
            )
        return sorted(latest.values(), key=lambda w: w.given_at)
