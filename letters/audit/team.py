"""The audit in team mode: facts stored when a letter is sent, figures without names.

A manager may not read letters, and an auditor only the letters of a sample, yet the figures
count every letter sent. So:

- when an IRO marks a letter sent (or amends a sent letter), their own app or command computes
  the letter's audit facts with the engine, as it always does, and stores them in `audit_facts`
  (the IRO may: it is their letter). `attach` sets this up on a team store;
- a manager's export reads those facts through the database's `team_facts`, which blanks the
  child's name unless `--identify` (logging every identifiable row) and puts in the pseudonymous
  reference computed inside the database from a key nobody can read;
- the list the figures and samples are drawn from is `team_figures`: ids, ages, dates, IROs and
  statuses, never a name or a word of a letter.

A sent letter whose facts are missing or older than the letter is named in a plain error; the
database's owner can store facts for every sent letter with `letters team refresh-facts` (the
owner may read every letter). Facts are what the IRO's copy of letters computed; the owner's
refresh recomputes them all. Must not log: facts hold a child's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.errors import UserError
from letters.model import Status

if TYPE_CHECKING:
    # Imported where used: every command that opens a store attaches this (cheaply).
    from letters.audit.evidence import LetterFacts
    from letters.audit.exports import ExportData
    from letters.audit.figures import Period
    from letters.audit.service import AuditService
    from letters.config import Config
    from letters.store import LetterSummary, Store
    from letters.store.team import TeamStore


def team_store(store: Store) -> TeamStore | None:
    from letters.store.team import TeamStore

    return store if isinstance(store, TeamStore) else None


def attach(store: Store, config: Config) -> None:
    """On a team store, keep each letter's audit facts up to date when it is sent or amended."""
    team = team_store(store)
    if team is None or not team.team.is_iro:
        return

    def record(letter_id: int) -> None:
        from letters.audit.service import AuditService

        try:
            AuditService(team, config).cached_facts([team.summary(letter_id)])
        except UserError:
            pass  # the export names letters without facts; the letter itself is saved

    team.on_sent = record


def sent_letters(store: TeamStore, period: Period) -> list[LetterSummary]:
    """Letters sent in the period, oldest sending first, as the figures list them (no names)."""
    found = [s for s in store.figures() if s.status == Status.SENT and s.sent_on in period]
    return sorted(found, key=lambda s: (s.sent_on or period.start, s.id))


def _version(summary: LetterSummary) -> str:
    from letters.audit.service import _version as version

    return version(summary.updated_at)


def stored_facts(store: TeamStore, sent: list[LetterSummary], *, identify: bool) -> list[LetterFacts]:
    from letters.audit.evidence import facts_from_json

    rows = store.stored_facts([s.id for s in sent], identify=identify)
    missing = [s.id for s in sent if s.id not in rows or rows[s.id][0] != _version(s)]
    if missing:
        shown = ", ".join(str(i) for i in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise UserError(
            f"{len(missing)} letter(s) sent in this period have no up-to-date audit facts yet "
            f"(letters {shown}). Their IRO's letters app stores them when a letter is marked sent; "
            "the database's owner can store them for every sent letter now with "
            "`letters team refresh-facts`. Nothing was exported."
        )
    return [facts_from_json(rows[s.id][1]) for s in sent]


def export_data(service: AuditService, store: TeamStore, period: Period, *, identify: bool) -> ExportData:
    """What `AuditService.export_data` gives, from the figures and stored facts (see above)."""
    from letters.audit.exports import ExportData
    from letters.audit.figures import sent_in, summarise

    everything = store.figures()
    sent = [s for s in everything if s.status == Status.SENT and s.sent_on in period]
    facts = stored_facts(store, sent, identify=identify)
    dues = [(s.due, s.sent_on if s.status == Status.SENT else None) for s in everything]
    gradings = service.gradings(period)
    summary = summarise(period, facts, {i: g.overall for i, g in gradings.items()}, dues)
    return ExportData(
        summary,
        sent_in(period, facts),
        gradings,
        service.rubric,
        identify,
        service.config.authority.letter_working_days,
    )


def refresh_facts(store: Store, config: Config) -> int:
    """Store audit facts for every sent letter (run as the database's owner); how many."""
    from letters.audit.service import AuditService

    sent = [s for s in store.list(status=Status.SENT)]
    AuditService(store, config).cached_facts(sent)
    return len(sent)
