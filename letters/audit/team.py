"""The audit in team mode: facts stored as letters are saved, exports without names.

A manager may not read letters, and an auditor only the letters of a sample, yet the figures
count every letter. So:

- whenever an IRO saves a letter, their own app or command computes the letter's audit facts with
  the engine, as it always does, and stores them in `audit_facts` (the IRO may: it is their
  letter), once as they are and once with the names taken out (`pseudonymous`: the child's name,
  the letter's people and the child's own words gone, and taken out of the reason a review was
  late). `attach` sets this up on a team store;
- an auditor's grading is stored once more with the names taken out of its free text
  (`audit_grade_texts`), by the auditor, who may read the letter;
- a manager's export reads those through the database's `team_facts` and `team_grade_texts`: the
  pseudonymous copies, or with `--identify` the facts and comments as written (every letter
  logged); references are computed inside the database from a key nobody can read;
- the list the figures and samples are drawn from is `team_figures`: ids, ages, dates, IROs,
  statuses and records, never a name or a word of a letter.

A letter whose facts are missing or older than the letter is named in a plain error; the
database's owner can store facts for every letter with `letters team refresh-facts` (the owner may
read every letter). Facts are what the IRO's copy of letters computed. Must not log: facts hold a
child's name.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from letters.errors import UserError
from letters.model import Status

if TYPE_CHECKING:
    import sqlalchemy

    from letters.audit.evidence import LetterFacts
    from letters.audit.figures import Period
    from letters.audit.grade import Grading
    from letters.audit.records import GradingTexts
    from letters.audit.service import AuditService
    from letters.config import Config
    from letters.store import LetterSummary, Store
    from letters.store.team import TeamStore


def team_store(store: Store) -> TeamStore | None:
    from letters.store.team import TeamStore

    return store if isinstance(store, TeamStore) else None


def pseudonymous(facts: LetterFacts) -> LetterFacts:
    """The facts with the child's and the letter's people's names taken out (IROs' names stay:
    the export replaces them with references the IRO's own app cannot compute)."""
    from letters.audit.redact import Redactor

    redactor = Redactor([facts], {})

    def clean(text: str | None) -> str | None:
        return redactor.text(text, facts.letter_id) if text else text

    return replace(
        facts,
        ref="",
        child_name="",
        people=(),
        own_words=(),
        jargon_terms=tuple(clean(t) or "" for t in facts.jargon_terms),
        review_late_reason=clean(facts.review_late_reason) or "",
        participation_problem=clean(facts.participation_problem),
        verdict_text=clean(facts.verdict_text) or "",
    )


def keep_facts(service: AuditService, store: Store, summaries: list[LetterSummary]) -> int:
    """Work out (or take from the cache) these letters' facts and store them with their
    pseudonymous copies; how many were stored."""
    import sqlalchemy

    from letters.audit.evidence import facts_to_json

    facts = service.cached_facts(summaries)
    with store.transaction(write=True) as conn:
        done = 0
        for f in facts:
            done += conn.execute(
                sqlalchemy.text("UPDATE audit_facts SET pseudonymous = :p WHERE letter_id = :l"),
                {"p": facts_to_json(pseudonymous(f)), "l": f.letter_id},
            ).rowcount
    return done


def attach(store: Store, config: Config) -> None:
    """On a team store of an IRO, keep each letter's audit facts up to date as it is saved."""
    team = team_store(store)
    if team is None or not team.team.is_iro:
        return
    services: list[AuditService] = []

    def record(letter_id: int) -> None:
        from letters.audit.service import AuditService

        if not services:
            services.append(AuditService(team, config))
        try:
            keep_facts(services[0], team, [team.summary(letter_id)])
        except UserError:
            pass  # the export names letters without facts; the letter itself is saved

    team.on_saved = record


def sent_letters(store: TeamStore, period: Period) -> list[LetterSummary]:
    """Letters sent in the period, oldest sending first, as the figures list them (no names)."""
    found = [s for s in store.figures() if s.status == Status.SENT and s.sent_on in period]
    return sorted(found, key=lambda s: (s.sent_on or period.start, s.id))


def stored_facts(store: TeamStore, wanted: list[LetterSummary], *, identify: bool) -> list[LetterFacts]:
    """The stored facts of these letters, pseudonymous unless `identify` (logged by the database),
    in the same order; a plain error naming any letter whose facts are missing or out of date."""
    from letters.audit.evidence import facts_from_json
    from letters.audit.facts_cache import _version

    rows = store.stored_facts([s.id for s in wanted], identify=identify)
    missing = [s.id for s in wanted if s.id not in rows or rows[s.id][0] != _version(s.updated_at)]
    if missing:
        shown = ", ".join(str(i) for i in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise UserError(
            f"{len(missing)} letter(s) this export needs have no up-to-date audit facts yet "
            f"(letters {shown}). Their IRO's letters app stores them each time a letter is saved; "
            "the database's owner can store them for every letter now with "
            "`letters team refresh-facts`. Nothing was exported."
        )
    return [facts_from_json(rows[s.id][1]) for s in wanted]


def grading_texts(
    conn: sqlalchemy.Connection, store: TeamStore, grade_ids: list[int], identify: bool
) -> dict[int, GradingTexts]:
    """Gradings' free text from the database: with the names taken out, or as written (logged)."""
    import sqlalchemy

    from letters.audit.records import GradingTexts

    rows = conn.execute(
        sqlalchemy.text("SELECT grade_id, texts FROM team_grade_texts(CAST(:g AS integer[]), :i, :p)"),
        {"g": grade_ids, "i": identify, "p": store.purpose},
    ).all()
    out = {}
    for row in rows:
        data = json.loads(row.texts)
        answers = [(str(a["comment"]), str(a["evidence"]), str(a["reason"])) for a in data["answers"]]
        out[int(row.grade_id)] = GradingTexts(str(data["comment"]), answers)
    return out


def keep_pseudonymous_grading(service: AuditService, store: TeamStore, grading: Grading) -> None:
    """Store the grading's free text with the names taken out (in the grading's transaction), by
    the auditor who may read the letter, so that a manager's pseudonymous export can show it."""
    import sqlalchemy

    from letters.audit.redact import Redactor

    _, facts, _ = service.evidence(grading.letter_id)
    redactor = Redactor([facts], {facts.iro: store.iro_ref(facts.iro)} if facts.iro else {})

    def clean(text: str) -> str:
        return redactor.text(text, grading.letter_id)

    texts = {
        "comment": clean(grading.comment),
        "answers": [
            {"comment": clean(a.comment), "evidence": clean(a.evidence), "reason": clean(a.reason)}
            for a in grading.answers
        ],
    }
    with store.transaction(write=True) as conn:
        grade_id = conn.execute(
            sqlalchemy.text(
                "SELECT max(id) FROM audit_grades WHERE letter_id = :l AND auditor = session_user"
            ),
            {"l": grading.letter_id},
        ).scalar_one()
        conn.execute(
            sqlalchemy.text("INSERT INTO audit_grade_texts (grade_id, texts) VALUES (:g, :t)"),
            {"g": grade_id, "t": json.dumps(texts, ensure_ascii=False)},
        )


def refresh_facts(store: Store, config: Config) -> int:
    """Store audit facts (and their pseudonymous copies) for every letter, as the database's
    owner; how many."""
    from letters.audit.service import AuditService

    summaries = store.list()
    return keep_facts(AuditService(store, config), store, summaries) if summaries else 0
