"""The next letter for a child: what comes forward from the last one, and what happened since.

`next_letter(previous, meeting_date)` makes the child's next letter from their latest one: the child,
the people, the child's own words, the names read aloud and the pictures come forward; the
sections start empty; each decision of the last letter becomes a `FollowUp` in a section "Since
your last meeting", its outcome "not yet recorded" until the IRO says what happened (done, not
yet, changed, no longer needed). The child reads each one as a sentence or two:
"Last time we said Anne would book an eye test for you. Anne did this."

A decision's due date (`due_date`) is the one it was given, else the one its "by when" names
(`letters.limits.decision_date`); a decision is overdue when that day has passed and no later
letter has settled it (done, changed or no longer needed): `overdue_numbers`.

Plain Python: no I/O, no Textual, no database. What the IRO is shown and may change comes from here;
nothing here is written into a letter without the IRO seeing it (an outcome not yet recorded is
shown to the child's letter's checks as "[what happened]", a placeholder the checks flag).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from letters.child_words import copy_words
from letters.iro_profile import IroProfile
from letters.limits import age_on, decision_date
from letters.model import (
    ABOUT_ME,
    SINCE_LAST,
    Child,
    ChildWords,
    Decision,
    FollowUp,
    Letter,
    Meeting,
    Outcome,
    Person,
    PictureSettings,
    Pronunciation,
    ReviewKind,
    Section,
    default_sections,
)

#: What an outcome not yet recorded reads as, in the checks and the preview: a placeholder.
NOT_RECORDED = "[what happened]"

#: First words that are already a sentence's subject ("You will...", "The school will...").
_SUBJECTS = frozenset(
    "i we you they he she it your our their his her the a an my this that there everyone someone "
    "nobody all both".split()
)
_WORD = re.compile(r"[\w'’]+")
_MODAL = re.compile(r"\b(?:will|shall)\b|(?<=\w)['’]ll\b|\b(is|are|am) going to\b", re.IGNORECASE)
_PAST = {"is": "was", "are": "were", "am": "was"}


# -- due dates and overdue --------------------------------------------------------------------------


def due_date(decision: Decision | FollowUp, meeting: date) -> date | None:
    """The day a decision is due: the one given, else the one its "by when" names, else None."""
    return decision.due or decision_date(decision.by_when, meeting)


def decisions_due(letter: Letter) -> list[tuple[int, date]]:
    """(number from 1, due date) of each of the letter's decisions that has a date."""
    out = []
    for number, decision in enumerate(letter.decisions, start=1):
        day = due_date(decision, letter.meeting.date)
        if decision.what.strip() and day is not None:
            out.append((number, day))
    return out


def settled_decisions(letter: Letter) -> list[tuple[int, int, Outcome]]:
    """(letter id, number, outcome) of each earlier decision this letter records an outcome for."""
    return [
        (f.letter, f.number, f.outcome)
        for f in letter.followups
        if f.letter is not None and f.number is not None and f.outcome is not Outcome.UNRECORDED
    ]


def overdue_numbers(
    due: Iterable[tuple[int, date]], today: date, outcomes: Mapping[int, Outcome] | None = None
) -> list[int]:
    """The numbers of decisions past their day (`due` from `decisions_due`) and not settled by a
    later letter (`outcomes`: number -> the outcome recorded for it)."""
    outcomes = outcomes or {}
    return [n for n, day in due if day < today and not (n in outcomes and outcomes[n].settles)]


def followup_overdue(followup: FollowUp, meeting: date, today: date) -> date | None:
    """The day a follow-up's decision was due, if it has passed and the decision is not settled."""
    day = due_date(followup, meeting)
    if day is None or day >= today or followup.outcome.settles:
        return None
    return day


# -- the sentences the child reads ------------------------------------------------------------------


def _is_iro_role(role: str) -> bool:
    return role.strip().casefold() in ("iro", "independent reviewing officer", "reviewing officer")


def _names_of_iro(letter: Letter) -> set[str]:
    names = {letter.meeting.iro.strip().casefold()}
    for p in letter.people:
        if _is_iro_role(p.role):
            names |= {p.name.strip().casefold(), p.display.strip().casefold()}
    names |= {n.split()[0] for n in list(names) if n}
    return {n for n in names if n}


def subject_for(who: str, letter: Letter) -> str:
    """Who did it, as the child reads it: "I" for the IRO writing, "you" for the child."""
    folded = " ".join(who.split()).casefold().rstrip(".")
    if folded in _names_of_iro(letter) or folded in ("me", "i"):
        return "I"
    if folded in ("you", letter.child.name.strip().casefold()):
        return "you"
    return " ".join(who.split()).rstrip(".")


def _mentions(text: str, words: str) -> bool:
    return bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE) is not None


def _backshift(clause: str) -> str:
    """ "Anne will book..." -> "Anne would book...": the decision as something said then."""

    def past(m: re.Match[str]) -> str:
        if m.group(1):
            return f"{_PAST[m.group(1).lower()]} going to"
        return " would" if m.group(0)[0] in "'’" else "would"

    return _MODAL.sub(past, clause, count=1)


#: A decision that starts with its subject: up to four words, then a verb ("Nana Pat will visit",
#: "Seeing your mum stays", "The school is going to").
_SUBJECT_THEN_VERB = re.compile(
    r"^((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:will|shall|would|can|could|should|must|may|might|is|are|"
    r"was|were|has|have|had|stays?|goes|keeps?|gets?|starts?|carries|carry)\b",
    re.IGNORECASE,
)


def said_sentence(decision: Decision | FollowUp, letter: Letter) -> str:
    """ "Last time we said Anne would book an eye test for you." (`letter` is the new letter: its
    IRO is "I")."""
    what = " ".join(decision.what.split()).rstrip(" .!")
    if not what:
        return ""
    who = " ".join(decision.who.split()).rstrip(".")
    first = _WORD.match(what)
    first_word = first.group(0) if first else ""
    bare_first = re.sub(r"['’]\w+$", "", first_word).casefold()
    subject = _SUBJECT_THEN_VERB.match(what)
    if bare_first in _SUBJECTS or subject or (who and _mentions(what, who)):
        clause = _backshift(what)
        if bare_first == "i" and who and subject_for(who, letter) != "I":
            clause = who + clause[1:]  # the IRO then is not the IRO writing now: say who
        words_before = subject.group(1).split() if subject else [first_word]
        if not all(_is_name(w, letter) or w[:1].isupper() for w in words_before) or bare_first in _SUBJECTS:
            if bare_first != "i":
                clause = clause[:1].lower() + clause[1:]
        elif len(words_before) == 1 and not _is_name(first_word, letter) and not subject:
            clause = clause[:1].lower() + clause[1:]
    else:  # an instruction: "Book an eye test" -> "Anne would book an eye test"
        keep = first_word.isupper() and len(first_word) > 1  # an acronym keeps its capitals
        body = what if keep or _is_name(first_word, letter) else what[:1].lower() + what[1:]
        clause = f"{subject_for(who, letter) if who else 'we'} would {body}"
    return f"Last time we said {clause}."


def _is_name(word: str, letter: Letter) -> bool:
    """Whether a word keeps its capital inside a sentence: "I", initials, a name of the letter's
    child or people or one of the child's own words."""
    bare = re.sub(r"['’](?:ll|s|d|re|ve|m)$", "", word, flags=re.IGNORECASE)
    if bare == "I" or (bare.isupper() and len(bare) > 1):
        return True
    names = [letter.child.name, *letter.child.own_words, letter.meeting.iro]
    for p in letter.people:
        names += [p.name, p.shown_as]
    return any(bare in n.split() for n in names if n.strip())


def default_happened(followup: FollowUp, letter: Letter) -> str:
    """Words for an outcome the IRO has chosen but not yet written about (they may change them)."""
    outcome = followup.outcome
    if outcome is Outcome.DONE:
        who = followup.who.strip()
        return f"{_capital(subject_for(who, letter))} did this." if who else "This happened."
    if outcome is Outcome.NOT_YET:
        return "This has not happened yet."
    if outcome is Outcome.CHANGED:
        return "We changed this plan."
    if outcome is Outcome.NOT_NEEDED:
        return "We do not need to do this any more."
    return NOT_RECORDED


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def followup_words(followup: FollowUp, letter: Letter) -> str:
    """What the child reads for one follow-up: what was said, then what happened."""
    said = followup.said.strip() or said_sentence(followup, letter)
    if followup.outcome is Outcome.UNRECORDED:
        happened = NOT_RECORDED
    else:
        happened = followup.happened.strip() or default_happened(followup, letter)
    return " ".join(p for p in (said, happened) if p)


def unrecorded(letter: Letter) -> list[int]:
    """Numbers (from 1) of the follow-ups whose outcome the IRO has not recorded yet."""
    return [i for i, f in enumerate(letter.followups, start=1) if f.outcome is Outcome.UNRECORDED]


# -- the next letter --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextLetter:
    """The new letter, not yet stored, and what the IRO should check in it."""

    letter: Letter
    notes: list[str] = field(default_factory=list)


def _child_for(previous: Letter, meeting_date: date) -> tuple[Child, list[str]]:
    # No words of its own: `start_letter` gives it the record's, else the last letter's.
    child = replace(previous.child, words=ChildWords())
    notes: list[str] = []
    if child.date_of_birth is None and child.age is not None:
        years = max(age_on(previous.meeting.date, meeting_date), 0)
        child.age += years
        notes.append(
            f"The child's age is {child.age}, worked out from the last letter without a date of "
            "birth: check it."
        )
    return child, notes


def next_letter(
    previous: Letter,
    meeting_date: date,
    *,
    iro: str = "",
    profile: IroProfile | None = None,
    record_words: ChildWords | None = None,
) -> NextLetter:
    """The child's next letter after `previous` (their latest letter), for a meeting on
    `meeting_date`, by `iro` (default: the previous letter's IRO): `letters new --next`.

    The child, the meeting's place and name and the people come from `previous`; then
    `start_letter` brings forward the rest (the child's own words from `record_words`, their
    record's, when it keeps some), as it does for a next letter started in the app.
    """
    if meeting_date <= previous.meeting.date:
        raise ValueError(
            f"the next meeting ({meeting_date:%-d %B %Y}) must be after the last one "
            f"({previous.meeting.date:%-d %B %Y})"
        )
    child, notes = _child_for(previous, meeting_date)
    old = previous.meeting
    meeting = Meeting(
        date=meeting_date,
        review_kind=ReviewKind.SECOND if old.review_kind is ReviewKind.FIRST else ReviewKind.LATER,
        place=old.place,
        called=old.called,
        iro=iro.strip() or old.iro,
    )
    people = [replace(p) for p in previous.people if isinstance(p, Person)]
    if _same_iro(meeting.iro, old.iro) is False:  # the IRO before is not at this meeting as its IRO
        kept = [p for p in people if not _is_iro_role(p.role)]
        if len(kept) != len(people):
            first = meeting.iro.split()[0] if meeting.iro.split() else ""
            kept.insert(0, Person("independent reviewing officer", meeting.iro, first, True, True))
        people = kept
    letter = Letter(child=child, meeting=meeting, people=people, child_id=previous.child_id)  # their record
    made = start_letter(letter, previous, profile, record_words=record_words)
    return NextLetter(made.letter, notes + made.notes)


def _same_iro(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _words_forward(given: ChildWords, before: ChildWords) -> ChildWords:
    """The child's own words for the new letter: what the IRO gave for it, else what the last
    letter had (each named word, the other words and the words to avoid on their own)."""
    words = copy_words(before)
    for key, value in given.named().items():
        setattr(words, key, value)
    if given.other:
        words.other = list(given.other)
    if given.avoid:
        words.avoid = list(given.avoid)
    return words


def start_letter(
    letter: Letter,
    previous: Letter | None,
    profile: IroProfile | None = None,
    *,
    record_words: ChildWords | None = None,
) -> NextLetter:
    """A new letter made ready to write: the one mechanism behind `letters new --next` and the
    app's new letter (from the child's record, or for a child new to the app).

    `letter` holds what the IRO gave for it (the child, the meeting, the people); `previous` is the
    child's latest letter, or None for a child's first. The child's own words are their record's
    (`record_words`, when it keeps some; else `previous`'s), except where the new letter has its
    own (each named word, the other words, the words to avoid on their own). From `previous` come
    the allow list, the names read aloud, the pictures, and
    each of its decisions as a follow-up in "Since your last meeting", its outcome "not yet
    recorded" until the IRO says what happened. `profile` is the new letter's IRO's
    (`letters.iro_profile`): their few words for this child's age band, and their photo, open the
    letter ("About me") when the IRO is new to the child (a child's first letter, or another IRO
    than last time's). Sections the letter already has keep their text.
    """
    notes: list[str] = []
    if record_words is not None:
        letter.child.words = _words_forward(letter.child.words, record_words)
    elif previous is not None:
        letter.child.words = _words_forward(letter.child.words, previous.child.words)
    if previous is not None:
        letter.allow = list(dict.fromkeys([*letter.allow, *previous.allow]))
        letter.pronunciations = letter.pronunciations or [
            replace(p) for p in previous.pronunciations if isinstance(p, Pronunciation)
        ]
        letter.pictures = PictureSettings(previous.pictures.show, dict(previous.pictures.choices))
    sections: list[Section] = letter.sections or default_sections()
    have = {s.key for s in sections}
    extra: list[Section] = []
    new_iro = previous is None or not _same_iro(letter.meeting.iro, previous.meeting.iro)
    about_me = profile.text_for(letter.child_age) if profile is not None else ""
    if new_iro and about_me and ABOUT_ME not in have:
        extra.append(Section(ABOUT_ME, about_me))
        letter.iro_photo = profile.photo if profile is not None else ""
        notes.append("You are new to this child: your few words about yourself are in “About me”.")
    made = previous.decisions if previous is not None else []
    decisions = [(n, d) for n, d in enumerate(made, start=1) if d.what.strip()]
    if previous is not None and decisions and not letter.followups:
        if SINCE_LAST not in have:
            extra.append(Section(SINCE_LAST))
        for number, d in decisions:
            item = FollowUp(
                what=d.what,
                who=d.who,
                by_when=d.by_when,
                due=due_date(d, previous.meeting.date),
                letter=previous.id,
                number=number if previous.id is not None else None,
            )
            item.said = said_sentence(item, letter)
            letter.followups.append(item)
        notes.append(
            f"{len(decisions)} decision{'s' if len(decisions) != 1 else ''} of the last letter "
            "await what happened (“Since your last meeting”)."
        )
    hello = next((i for i, s in enumerate(sections) if s.key == "hello"), -1)
    letter.sections = sections[: hello + 1] + extra + sections[hello + 1 :]
    return NextLetter(letter, notes)


def record_outcome(followup: FollowUp, outcome: Outcome, letter: Letter) -> None:
    """Set a follow-up's outcome; words the IRO has not written themselves follow it (the words of
    the outcome before are replaced, the IRO's own are kept)."""
    defaults = {default_happened(replace(followup, outcome=o), letter) for o in Outcome}
    if not followup.happened.strip() or followup.happened.strip() in defaults:
        followup.happened = (
            ""
            if outcome is Outcome.UNRECORDED
            else default_happened(replace(followup, outcome=outcome), letter)
        )
    followup.outcome = outcome
