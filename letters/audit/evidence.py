"""Evidence for the audit, pre-filled from the checking engine and the letter's record.

`facts_for` turns one letter and its engine report into `LetterFacts`: plain values (dates, counts,
reading age, participation) that the figures, the exports and the evidence all read, so each fact
is computed once. `evidence_for` turns the facts into what an auditor sees beside a rubric question:
a sentence of evidence and a suggested answer. Nothing here writes anywhere, and it must not
re-implement a check: counts come from the engine's findings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from letters.audit.grade import Answer
from letters.audit.rubric import Question
from letters.config import Config
from letters.model import PARTICIPATION, Letter, participation_problem

if TYPE_CHECKING:
    from letters.checks import LetterReport

#: Rules whose findings count as jargon in the audit (an unexplained acronym is jargon too).
JARGON_RULES = ("jargon", "acronym")

#: Age bands used by the templates' prompts and by the audit's sample and charts.
AGE_BANDS = ("under 7", "7-11", "12-15", "16+", "age unknown")

# Text inside quotation marks in the child's views is the child's own words.
_QUOTE = re.compile(r"[\"“‘'][^\"”’']{2,}[\"”’']")


def age_band(age: int | None) -> str:
    """The templates' age band (letters.render), written for reports; an unknown age says so."""
    if age is None:
        return AGE_BANDS[4]  # the templates assume 7-11 for prompts; a report must not
    from letters.prompts import age_band as prompt_band

    band = prompt_band(age)
    return "under 7" if band == "under7" else band


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """Everything the audit needs to know about one letter, as plain values."""

    letter_id: int
    ref: str  # pseudonymous child reference
    child_name: str  # only ever written out with --identify
    age: int | None
    iro: str
    review_kind: str
    meeting_date: date
    status: str
    sent_on: date | None
    due: date | None  # when the letter is due (working days after the meeting)
    working_days: int | None  # meeting to sent, in working days
    participation: str | None
    participation_problem: str | None
    reading_low: float | None
    reading_high: float | None
    reading_reliable: bool
    target: float | None
    within_target: bool | None
    words: int
    jargon_terms: tuple[str, ...] = ()  # each jargon finding's text as written (spaces tidied)
    findings: dict[str, int] = field(default_factory=dict)  # rule id -> count
    told_us_words: int = 0
    told_us_quotes: bool = False
    going_well: bool = False
    worries: bool = False
    decisions: int = 0
    decisions_missing_who: int = 0
    decisions_missing_when: int = 0
    decisions_incomplete: int = 0  # missing who, by when, or both
    talks_about_child: bool = False  # the letter as a whole talks about the child, not to them
    #: Sentences about the child, each flagged at a phrase ("he stated", "the young person", a name).
    about_child_places: int = 0
    # Who the letter names, so a pseudonymous export can take them out of free text (redact.py).
    people: tuple[tuple[str, str], ...] = ()  # (name or how shown, role) of the letter's people
    # What the child calls people and places: the letter's words (named and other); the service
    # adds their record's (`AuditService`, not cached: the record changes without the letter).
    own_words: tuple[str, ...] = ()
    #: The engine's one verdict on the reading age (letters.checks.report.Verdict), as plain values,
    #: never redone here: its state, the years over, whether the formulas disagree, the band as the
    #: engine prints it, the engine's words for it, and the formulas' estimate it compared.
    verdict: str = "unscored"  # within | above | well-above | unscored
    years_over: float = 0.0
    formulas_disagree: bool = False
    reading_band: str = ""
    verdict_text: str = ""  # Verdict.describe(): what the IRO was told
    reading_central: float | None = None
    uasc: bool | None = None  # unaccompanied asylum-seeking child; None: not recorded
    review_due: date | None = None  # when the review was due (statutory intervals); None: unknown
    review_late_reason: str = ""
    previous_review: date | None = None  # as the letter gives it (a review before this database)
    decisions_due: date | None = None  # decisions to be circulated by (working days after the meeting)
    decisions_sent_on: date | None = None  # when the decisions were circulated; None: not recorded
    #: The next letter: this letter's decisions with a due day, (number from 1, day); how many of
    #: the last letter's decisions it follows up and how many of those say what happened; and what
    #: it recorded happened to earlier decisions, (letter id, number, outcome).
    decisions_dated: tuple[tuple[int, date], ...] = ()
    followups: int = 0
    followups_recorded: int = 0
    settles: tuple[tuple[int, int, str], ...] = ()

    @property
    def age_band(self) -> str:
        return age_band(self.age)

    @property
    def sent(self) -> bool:
        return self.sent_on is not None

    @property
    def on_time(self) -> bool | None:
        if self.sent_on is None or self.due is None:
            return None
        return self.sent_on <= self.due

    @property
    def review_on_time(self) -> bool | None:
        """The review held by its due date (None: the due date is not known)."""
        return None if self.review_due is None else self.meeting_date <= self.review_due

    @property
    def decisions_on_time(self) -> bool | None:
        """Decisions circulated by their due date (None: when they were circulated is not recorded)."""
        if self.decisions_sent_on is None or self.decisions_due is None:
            return None
        return self.decisions_sent_on <= self.decisions_due

    @property
    def jargon_count(self) -> int:
        return len(self.jargon_terms)

    @property
    def jargon_per_100(self) -> float | None:
        return round(100 * self.jargon_count / self.words, 2) if self.words else None

    @property
    def reading_age(self) -> str:
        """The band as the engine prints it ("9-10", "about 9")."""
        if self.reading_band:
            return self.reading_band
        if self.reading_low is None or self.reading_high is None:
            return ""
        from letters.checks.report import ReadingAge

        return str(ReadingAge(self.reading_low, self.reading_high, ""))

    @property
    def reading_mid(self) -> float | None:
        """The formulas' estimate (the verdict's), else the middle of the band."""
        if self.reading_central is not None:
            return self.reading_central
        if self.reading_low is None or self.reading_high is None:
            return None
        return (self.reading_low + self.reading_high) / 2

    def count(self, rule: str) -> int:
        return self.findings.get(rule, 0)


def _has_text(letter: Letter, key: str) -> str:
    section = letter.section(key)
    return section.text.strip() if section is not None and section.included else ""


def facts_for(letter: Letter, report: LetterReport, config: Config, ref: str) -> LetterFacts:
    """The audit's facts about a stored letter, from the letter and its engine report."""
    from letters.followup import decisions_due, settled_decisions
    from letters.model import Outcome
    from letters.workdays import meeting_due_dates, working_days_between

    if letter.id is None:
        raise ValueError("the audit works on stored letters (the letter has no id)")
    meeting = letter.meeting.date
    dues = meeting_due_dates(meeting, config.authority)
    due = dues.letter
    sent_on = letter.sent_on if str(letter.status) == "sent" else None
    days = working_days_between(meeting, sent_on, config.authority.holiday_subdivision) if sent_on else None
    r = report.report
    text = report.joined_text
    jargon = tuple(" ".join(text[f.start : f.end].split()) for f in r.findings if f.rule in JARGON_RULES)
    told = _has_text(letter, "told_us")
    age = letter.child_age
    ra = r.reading_age
    talks_about = any(f.rule == "addressed-to-child" for f in report.letter_wide)
    verdict = report.verdict
    return LetterFacts(
        letter_id=letter.id,
        ref=ref,
        child_name=letter.child.name,
        age=age,
        iro=letter.meeting.iro.strip(),
        review_kind=str(letter.meeting.review_kind),
        meeting_date=meeting,
        status=str(letter.status),
        sent_on=sent_on,
        due=due,
        working_days=days,
        participation=letter.meeting.participation or None,
        participation_problem=participation_problem(letter.meeting.participation, age),
        reading_low=ra.low if ra else None,
        reading_high=ra.high if ra else None,
        reading_reliable=bool(ra and ra.reliable),
        target=r.target,
        within_target=r.within_target(),
        reading_central=ra.central if ra else None,
        words=r.words,
        jargon_terms=jargon,
        findings=dict(Counter(f.rule for f in r.findings)),
        told_us_words=len(told.split()),
        told_us_quotes=bool(_QUOTE.search(told)),
        going_well=bool(_has_text(letter, "going_well")),
        worries=bool(_has_text(letter, "worries")),
        decisions=len(letter.decisions),
        decisions_missing_who=sum(1 for d in letter.decisions if not d.who.strip()),
        decisions_missing_when=sum(1 for d in letter.decisions if not d.by_when.strip()),
        decisions_incomplete=sum(1 for d in letter.decisions if not d.complete),
        talks_about_child=talks_about,
        about_child_places=sum(f.rule == "addressed-to-child" for f in r.findings) - talks_about,
        verdict=verdict.state,
        years_over=verdict.years_over,
        formulas_disagree=verdict.formulas_disagree,
        reading_band=str(verdict.band) if verdict.band is not None else "",
        verdict_text=verdict.describe(),
        people=tuple((p.display, p.role) for p in letter.people)
        + tuple((p.name, p.role) for p in letter.people if p.shown_as and p.shown_as != p.name),
        own_words=tuple(letter.child.words.all_words()),  # named ("Nan and Grandad") and the others
        review_late_reason=letter.meeting.late_reason.strip(),
        previous_review=letter.meeting.previous_review,
        decisions_due=dues.decisions,
        decisions_sent_on=letter.meeting.decisions_sent_on,
        decisions_dated=tuple(decisions_due(letter)),
        followups=len(letter.followups),
        followups_recorded=sum(1 for f in letter.followups if f.outcome is not Outcome.UNRECORDED),
        settles=tuple((lid, n, str(o)) for lid, n, o in settled_decisions(letter)),
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    suggested: Answer | None  # None: the software has no view; the auditor decides


def _by_count(n: int, partly_up_to: int) -> Answer:
    if n == 0:
        return Answer.YES
    return Answer.PARTLY if n <= partly_up_to else Answer.NO


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


#: The engine's verdict as the answer it suggests: above by more than the policy allows is an error.
_VERDICT_ANSWERS = {"within": Answer.YES, "above": Answer.PARTLY, "well-above": Answer.NO}


def _reading_age_evidence(f: LetterFacts, config: Config) -> Evidence:
    """The engine's verdict, in the engine's own words (as the IRO saw them while writing); the
    audit never decides it again. `config` is unused: the verdict already applied the policy."""
    del config
    if f.verdict not in _VERDICT_ANSWERS or f.target is None or not f.verdict_text:
        return Evidence("No reading age: the letter has too little text to score.", None)
    return Evidence(f.verdict_text, _VERDICT_ANSWERS[f.verdict])


def evidence_for(question: Question, facts: LetterFacts, config: Config) -> Evidence:
    """What the software can tell the auditor about one question, and the answer it suggests."""
    kind = question.evidence
    f = facts
    if kind is None:
        return Evidence("No evidence is pre-filled for this question.", None)
    if kind == "addressed-to-child":
        places = f.about_child_places
        if not f.talks_about_child and not places:
            return Evidence("The letter speaks to the child as 'you' throughout.", Answer.YES)
        where = (
            f", with {_plural(places, 'phrase')} such as 'the young person' or 'he stated'" if places else ""
        )
        return Evidence(
            f"The letter talks about the child instead of to them{where}.",
            Answer.PARTLY if places <= 1 else Answer.NO,
        )
    if kind == "reading-age":
        return _reading_age_evidence(f, config)
    if kind == "jargon":
        if not f.jargon_terms:
            return Evidence("No jargon or unexplained acronyms found.", Answer.YES)
        terms = ", ".join(t for t, _ in top_jargon_of(f.jargon_terms))
        per = f.jargon_per_100 or 0.0
        return Evidence(
            f"{_plural(f.jargon_count, 'jargon term')} ({per:.1f} per 100 words): {terms}.",
            Answer.PARTLY if per <= 1.0 else Answer.NO,
        )
    if kind == "own-words":
        if not f.told_us_words:
            return Evidence("'What you told us' is empty or left out.", Answer.NO)
        if f.told_us_quotes:
            return Evidence(
                f"'What you told us' has {_plural(f.told_us_words, 'word')}, "
                "with the child's words in quotation marks.",
                Answer.YES,
            )
        return Evidence(
            f"'What you told us' has {_plural(f.told_us_words, 'word')} "
            "but no quotation of the child's own words.",
            Answer.PARTLY,
        )
    if kind == "going-well-worries":
        present = [n for n, ok in (("going well", f.going_well), ("worries", f.worries)) if ok]
        absent = [n for n, ok in (("going well", f.going_well), ("worries", f.worries)) if not ok]
        if not absent:
            return Evidence("Both 'What is going well' and 'Worries' have text.", Answer.YES)
        if not present:
            return Evidence("Neither 'What is going well' nor 'Worries' has text.", Answer.NO)
        return Evidence(f"Only '{present[0]}' has text; '{absent[0]}' is missing.", Answer.PARTLY)
    if kind == "decisions":
        if f.decisions == 0:
            return Evidence("No decisions are recorded.", Answer.NO)
        if not f.decisions_incomplete:
            return Evidence(f"All {_plural(f.decisions, 'decision')} say who and by when.", Answer.YES)
        return Evidence(
            f"Of {_plural(f.decisions, 'decision')}, {f.decisions_missing_who} missing who "
            f"and {f.decisions_missing_when} missing by when.",
            Answer.NO if f.decisions_incomplete >= f.decisions else Answer.PARTLY,
        )
    if kind == "on-time":
        due = f"due {f.due:%d %b %Y}" if f.due else "no due date"
        if f.sent_on is None:
            return Evidence(f"Not sent yet ({due}).", None)
        verdict = "on time" if f.on_time else "late"
        return Evidence(
            f"Sent {f.sent_on:%d %b %Y}, {_plural(f.working_days or 0, 'working day')} "
            f"after the meeting ({due}): {verdict}.",
            Answer.YES if f.on_time else Answer.NO,
        )
    if kind == "participation":
        age = "age unknown" if f.age is None else f"child aged {f.age}"
        if f.participation_problem:
            return Evidence(f"{f.participation_problem} ({age}).", Answer.NO)
        code = f.participation or ""
        return Evidence(f"{code}: {PARTICIPATION.get(code, '')} ({age}).", Answer.YES)
    if kind == "personal-data":
        n = f.count("personal-data")
        if n == 0:
            return Evidence("No phone numbers, emails, addresses or dates found.", Answer.YES)
        return Evidence(
            f"{_plural(n, 'piece')} of personal data (phone, email, address or date of birth).",
            _by_count(n, 1),
        )
    raise ValueError(f"unknown evidence kind {kind!r}")  # the rubric loader rejects these


def top_jargon_of(terms: tuple[str, ...], n: int = 5) -> list[tuple[str, int]]:
    """The letter's most frequent jargon, counted whatever the case ("Placement" and "placement")."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for term in terms:
        key = term.casefold()
        counts[key] += 1
        shown.setdefault(key, term)
    return [(shown[k], c) for k, c in counts.most_common(n)]


def evidence_map(
    questions: tuple[Question, ...], facts: LetterFacts, config: Config
) -> dict[str, tuple[str, Answer | None]]:
    """Evidence for every question, in the shape `grade.build_grading` takes."""
    out: dict[str, tuple[str, Answer | None]] = {}
    for q in questions:
        ev = evidence_for(q, facts, config)
        out[q.id] = (ev.text, ev.suggested)
    return out


def facts_to_json(facts: LetterFacts) -> str:
    """The facts as JSON, for the cache in the database (dates as 2026-01-21)."""
    import msgspec

    return msgspec.json.encode(facts).decode("utf-8")


@lru_cache(maxsize=1)
def _decoder() -> Any:
    import msgspec

    return msgspec.json.Decoder(LetterFacts)


def facts_from_json(text: str) -> LetterFacts:
    """Facts read back from the cache; a row that does not fit raises ValueError (it is rechecked)."""
    import msgspec

    try:
        facts: LetterFacts = _decoder().decode(text)
    except msgspec.DecodeError as exc:  # ValidationError is a DecodeError
        raise ValueError(f"cached facts do not fit ({exc})") from None
    return facts
