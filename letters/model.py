"""The letter as plain data: the child, the meeting, the people, the sections and the decisions.

This module is the shared vocabulary of storage, templates, export, the audit and the app. It holds
no I/O and must not import Textual, SQLAlchemy or python-docx: anything that needs a letter takes one
of these values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

#: `date` by another name, for fields of a class that has a field called `date`.
Day = date


class ReviewKind(enum.StrEnum):
    FIRST = "first"
    SECOND = "second"
    LATER = "later"


class Status(enum.StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SENT = "sent"


#: SSDA903 participation codes and what each means (domain primer).
PARTICIPATION: dict[str, str] = {
    "PN0": "Child under 4 at the time of the review",
    "PN1": "Attends and speaks for themselves",
    "PN2": "Attends and an advocate speaks for them",
    "PN3": "Attends and conveys views symbolically (non-verbally)",
    "PN4": "Attends but does not speak, convey views symbolically or ask an advocate to speak",
    "PN5": "Does not attend, briefs an advocate to speak for them",
    "PN6": "Does not attend, conveys views by another medium (text, written, phone, audio/video, app)",
    "PN7": "Does not attend and views are not conveyed",
}

#: Codes that count as "participated" in published figures (children aged 4+).
PARTICIPATED = frozenset({"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"})


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    title: str  # the heading the child reads


#: The sections in the order a child reads them. Titles are in the child's terms.
SECTION_SPECS: tuple[SectionSpec, ...] = (
    SectionSpec("hello", "Hello"),
    SectionSpec("told_us", "What you told us"),
    SectionSpec("going_well", "What is going well"),
    SectionSpec("worries", "Worries"),
    SectionSpec("decisions", "What we decided"),
    SectionSpec("family_time", "Family time"),
    SectionSpec("school", "School"),
    SectionSpec("health", "Health"),
    SectionSpec("next_meeting", "Your next meeting"),
    SectionSpec("goodbye", "Goodbye"),
)
#: Sections only some letters have, placed by `letters.followup` when a letter is made: what
#: happened to the last letter's decisions, and the IRO's few words about themselves in the first
#: letter a child gets from them.
SINCE_LAST = "since_last"
ABOUT_ME = "about_me"
OPTIONAL_SECTION_SPECS: tuple[SectionSpec, ...] = (
    SectionSpec(SINCE_LAST, "Since your last meeting"),
    SectionSpec(ABOUT_ME, "About me"),
)
SECTION_TITLES: dict[str, str] = {s.key: s.title for s in (*SECTION_SPECS, *OPTIONAL_SECTION_SPECS)}


#: The words profile's named words: field -> what it is ("what Ellie calls her mum").
CHILD_WORDS: dict[str, str] = {
    "mum": "their mum",
    "dad": "their dad",
    "parents": "their parents",
    "carers": "the people who look after them",
    "home": "where they live",
    "siblings": "their brothers and sisters",
    "iro": "their IRO",
}


@dataclass(slots=True)
class ChildWords:
    """The child's own words: what they call the people and places in their life, and words not
    to use with them (the words profile). It comes forward into each next letter; the checks never
    flag these words, templates' slots are filled from them first ("[carers' names]" becomes "Nan
    and Grandad" for a child who calls her carers that), and a word to avoid is flagged wherever
    the letter uses it (`letters.child_words`)."""

    mum: str = ""  # "Mummy Jo"
    dad: str = ""
    parents: str = ""  # "Mum and Dad", "my mum and Steve"
    carers: str = ""  # "Nan and Grandad", "Anne and Mark"
    home: str = ""  # "Nan's house", "the farm"
    siblings: str = ""  # "Kai and Rosie"
    iro: str = ""  # what they call their IRO: "Sam"
    other: list[str] = field(default_factory=list)  # other words of theirs: "Biscuit", "my house"
    avoid: list[str] = field(default_factory=list)  # words not to use with this child: "foster"

    def named(self) -> dict[str, str]:
        """The named words that are set, field -> words, in `CHILD_WORDS` order."""
        return {k: v.strip() for k in CHILD_WORDS if (v := getattr(self, k)).strip()}

    def all_words(self) -> list[str]:
        """Every word of the child's own (the named ones, then the others), each once."""
        words = [*self.named().values(), *(w.strip() for w in self.other)]
        return [w for w in dict.fromkeys(words) if w]


@dataclass(slots=True)
class Child:
    name: str  # the name they like to be called
    age: int | None = None
    date_of_birth: date | None = None
    pronouns: str = ""
    eal: bool = False
    first_language: str = ""
    reading_age: float | None = None  # a known reading age overrides the age-based target
    words: ChildWords = field(default_factory=ChildWords)  # the child's own words (the profile)
    # From the child's record (letter file format 2): the authority's case number (the ID in LCS
    # or Mosaic), when they became looked after, and whether they are an unaccompanied
    # asylum-seeking child (None: not recorded).
    case_id: str = ""
    looked_after_since: date | None = None
    uasc: bool | None = None

    @property
    def own_words(self) -> list[str]:
        """The profile's other words ("Mummy Jo", "Anne and Mark", "my house"): what letters
        called `own_words` before the profile, which took them over (the same list, not a copy)."""
        return self.words.other

    @own_words.setter
    def own_words(self, words: list[str]) -> None:
        self.words.other = list(words)

    def age_on(self, day: date) -> int | None:
        """The child's age in whole years on `day` (from date of birth when known)."""
        if self.date_of_birth is not None:
            dob = self.date_of_birth
            years = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
            return max(years, 0)
        return self.age


@dataclass(slots=True)
class Meeting:
    date: date
    review_kind: ReviewKind = ReviewKind.LATER
    place: str = ""
    called: str = "your meeting"  # what the authority calls the review
    iro: str = ""
    participation: str | None = None  # PN0..PN7
    advocate_offered: bool = False
    advocate_used: bool = False
    views_shared: str = ""  # how the child's views were shared
    # For the review's timeliness (letter file format 2): the date of the review before this one
    # when it is not in this database, why this review was held late, and when its decisions were
    # circulated to the adults.
    previous_review: Day | None = None
    late_reason: str = ""
    decisions_sent_on: Day | None = None


#: How a person entry names the IRO's role.
IRO_ROLES = frozenset({"iro", "independent reviewing officer", "reviewing officer"})


@dataclass(slots=True)
class Person:
    role: str  # "social worker", "foster carer", "teacher"
    name: str
    shown_as: str = ""  # how the letter shows them: "Mo", "BW", "your social worker"
    attended: bool = True
    gets_copy: bool = False  # on the distribution list for the adults' copy
    #: Work contact details, for the IRO: the IRO's may be given in the letter (the checks accept
    #: them); anyone else's phone or email in a child's letter is still a personal-data finding.
    phone: str = ""
    email: str = ""

    @property
    def display(self) -> str:
        return self.shown_as or self.name

    @property
    def is_iro(self) -> bool:
        return self.role.strip().casefold() in IRO_ROLES


@dataclass(slots=True)
class Decision:
    what: str
    who: str = ""
    by_when: str = ""  # a date or words ("before the end of June")
    #: The day it is due, when known: read from `by_when` when that is one date
    #: (`letters.limits.decision_date`), else given by the IRO; None: no date, so never overdue.
    due: date | None = None

    @property
    def complete(self) -> bool:
        return bool(self.what.strip() and self.who.strip() and self.by_when.strip())


class Outcome(enum.StrEnum):
    """What happened to a decision by the next meeting, as the IRO records it."""

    UNRECORDED = "not yet recorded"  # a next letter made from the command line: the app asks
    DONE = "done"
    NOT_YET = "not yet"
    CHANGED = "changed"
    NOT_NEEDED = "no longer needed"

    @property
    def settles(self) -> bool:
        """Whether the decision is closed by it (done, changed or no longer needed): only an
        unsettled decision can be overdue."""
        return self in (Outcome.DONE, Outcome.CHANGED, Outcome.NOT_NEEDED)


@dataclass(slots=True)
class FollowUp:
    """One decision of the child's last letter and what happened to it ("Since your last meeting").

    The decision is copied as it was (what, who, by when, due), with where it came from; the child
    reads `said` then `happened`: "Last time we said Tina would find you a swimming club. She did:
    you go on Tuesdays."
    """

    what: str
    who: str = ""
    by_when: str = ""
    due: date | None = None
    outcome: Outcome = Outcome.UNRECORDED
    said: str = ""  # "Last time we said Tina would find you a swimming club."
    happened: str = ""  # the IRO's words: "She did: you go on Tuesdays."
    letter: int | None = None  # the letter the decision was made in
    number: int | None = None  # its place among that letter's decisions, from 1


@dataclass(slots=True)
class GlossaryEntry:
    """A word the IRO kept and explains on the glossary page at the end of the child's letter."""

    term: str  # the lexicon entry it explains, by its term: "IRO", "foster carer"
    word: str  # the word as the glossary shows it: "Your IRO", "Foster carers"
    text: str  # what it means, for this child: "That's me, Sam. I check that your plan is right for you."


@dataclass(slots=True)
class Pronunciation:
    """How the letter read aloud says a name or initials (a per-letter list the IRO edits)."""

    written: str  # as the letter writes it: "Siobhan", "BW"
    say: str = ""  # a sound-alike spelling ("Shiv-awn", "Bethany"); empty: as written
    letters: bool = False  # read letter by letter ("B W"), only when the IRO asks for it


@dataclass(slots=True)
class PictureSettings:
    """Pictures in the child's Word letter (see `letters.export.pictures`)."""

    show: bool | None = None  # None: for readers under the configured age (8 by default)
    #: Another picture for a concept ("school": "backpack"), or "" for none there.
    choices: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Section:
    key: str
    text: str = ""
    title: str = ""  # empty means the default title for the key
    included: bool = True

    @property
    def heading(self) -> str:
        return self.title or SECTION_TITLES.get(self.key, self.key.replace("_", " ").capitalize())


def default_sections() -> list[Section]:
    return [Section(spec.key) for spec in SECTION_SPECS]


@dataclass(slots=True)
class Letter:
    child: Child
    meeting: Meeting
    people: list[Person] = field(default_factory=list)
    sections: list[Section] = field(default_factory=default_sections)
    decisions: list[Decision] = field(default_factory=list)
    status: Status = Status.DRAFT
    sent_on: date | None = None
    allow: list[str] = field(default_factory=list)  # words the checker must accept in this letter
    disabled_rules: list[str] = field(default_factory=list)
    pronunciations: list[Pronunciation] = field(default_factory=list)  # for the letter read aloud
    pictures: PictureSettings = field(default_factory=PictureSettings)
    followups: list[FollowUp] = field(default_factory=list)  # the "since your last meeting" section
    glossary: list[GlossaryEntry] = field(default_factory=list)  # the page of words explained
    iro_photo: str = ""  # the IRO's photo beside "About me": its digest in the store, "" for none
    id: int | None = None
    #: The child's record in the store (`letters child show`): set when stored, or given to start
    #: a letter from a child's record.
    child_id: int | None = None
    #: The stored revision this letter was read at (or last saved as): a save based on an older
    #: one than the database's is refused, so that two windows never overwrite each other.
    revision: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def child_age(self) -> int | None:
        return self.child.age_on(self.meeting.date)

    def work_contacts(self) -> list[str]:
        """The IRO's work phone and email from their person entry (the letter may give them)."""
        return [c for p in self.people if p.is_iro for c in (p.phone, p.email) if c.strip()]

    def allow_list(self) -> list[str]:
        """Everything the checker should accept as the child's or the letter's own words."""
        words: list[str] = [self.child.name, *self.child.words.all_words(), *self.allow]
        for person in self.people:
            words.append(person.name)
            if person.shown_as:
                words.append(person.shown_as)
        return [w for w in dict.fromkeys(w.strip() for w in words) if w]


def participation_problem(code: str | None, age: int | None) -> str | None:
    """Why a participation code does not fit the child's age at the review, or None if it does.

    Follows the national return's validation: a code is required; PN1-PN7 for a child under 4 is an
    error; PN0 for a child of 4 or over is suspect.
    """
    if not code:
        return "Choose a participation code (PN0 to PN7)."
    if code not in PARTICIPATION:
        return f"{code} is not a participation code: use PN0 to PN7."
    if age is None:
        return None
    if age < 4 and code != "PN0":
        return f"The child was {age} at the review: children under 4 are recorded as PN0."
    if age >= 4 and code == "PN0":
        return f"PN0 is for children under 4, and the child was {age} at the review."
    return None
