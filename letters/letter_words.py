"""Words the letter's templates add around what the IRO wrote: each decision as one sentence for the
child, and the sign-off (only when the Goodbye does not already sign off).

A decision is stored as what / who / by when, for the adults' table and the audit. The child reads
it once, in words: "Anne will book an eye test for you by Monday 30 November 2026." (not "Book an
eye test for you. Who: Anne. When: ..."). What the IRO typed is kept as typed; the only changes are
a subject put before an instruction ("Book ..." becomes "Anne will book ..."; "I will" when the IRO
does it, "You will" for the child) and the time added unless the words already say it. Everything
this module writes passes the checker at every age (a test renders it and checks it). Plain Python:
no Jinja2, no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letters.model import Decision, Letter

#: A sign-off line: "From Priya", "Take care, Sam", "Love from", "See you soon!".
_SIGN_OFF = re.compile(
    r"(?:(?:love\s+)?from|best wishes|with best wishes|all the best|warm wishes|kind regards|regards|"
    r"yours(?:\s+sincerely)?|take care|see you(?:\s+soon)?|speak (?:to you )?soon|bye(?: for now)?|"
    r"cheers)\b",
    re.IGNORECASE,
)
#: First words that are a subject already ("We will ...", "Your carers will ..."), not an instruction.
_SUBJECTS = frozenset(
    "i we you they he she it your our their his her the a an my this that there everyone someone "
    "nobody all both".split()
)
#: How a "by when" starts when it already reads as a time ("by Friday", "before the holidays").
_TIME_WORDS = frozenset(
    "by before after on in at within until from next this every each soon straight right as when "
    "during over around".split()
)
_WORD = re.compile(r"[\w'’]+")
#: A decision longer than this many words with its time gets the time in a sentence of its own
#: (the youngest readers' sentence limit).
SHORT_SENTENCE = 10


def signer(letter: Letter) -> str:
    """How the IRO signs: their person entry's "shown as" ("Priya"), else their name."""
    iro = next((p for p in letter.people if p.is_iro and p.display.strip()), None)
    return (iro.display if iro is not None else letter.meeting.iro).strip()


def _iro_names(letter: Letter) -> set[str]:
    names = {letter.meeting.iro.strip().casefold()}
    for p in letter.people:
        if p.is_iro:
            names |= {p.name.strip().casefold(), p.display.strip().casefold()}
    names |= {n.split()[0] for n in list(names) if n}
    return {n for n in names if n}


def signs_off(line: str, letter: Letter) -> bool:
    """Whether the Goodbye's last line is a sign-off: a short line that starts like one ("Take
    care, Sam") or ends with the IRO's name ("Sam")."""
    words = _WORD.findall(line)
    if not words or len(words) > 8:
        return False
    if _SIGN_OFF.match(line.strip()):
        return True
    names = _iro_names(letter)
    last = " ".join(words[-2:]).casefold()
    return words[-1].casefold() in names or last in names


def _mentions(text: str, words: str) -> bool:
    return bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE) is not None


def _when_words(by_when: str) -> str:
    first = _WORD.match(by_when)
    if first and first.group(0).casefold() in _TIME_WORDS:
        return by_when
    return f"by {by_when}"  # a bare date or day: "by 30 November"


def _subject(who: str, letter: Letter) -> str:
    folded = who.casefold()
    if folded in _iro_names(letter) or folded in ("me", "i"):
        return "I"
    if folded in ("you", letter.child.name.strip().casefold()):
        return "You"
    return who


def _words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class DecisionWords:
    """A decision as the child reads it, and where the IRO's "what" is inside it: characters
    `what_at` to `what_at + what_length` of `text` are `Decision.what` from `what_from` on (its
    first letter's case may differ), so a finding there maps back to the row the IRO typed in."""

    text: str
    what_at: int = 0
    what_from: int = 0
    what_length: int = 0

    def to_what(self, start: int, end: int) -> tuple[int, int]:
        """A span of `text` as a span of the decision's "what" (clipped to it; a span wholly in
        the added words, such as a sentence-length finding, becomes the whole "what")."""
        first = max(start, self.what_at) - self.what_at
        last = min(end, self.what_at + self.what_length) - self.what_at
        if last <= first:
            first, last = 0, self.what_length
        return first + self.what_from, last + self.what_from


def decision_words(decision: Decision, letter: Letter) -> DecisionWords:
    """One decision in words for the child, saying who and by when once (see the module's
    docstring). A long one keeps its time in a short sentence of its own."""
    typed = decision.what
    what = typed.strip().rstrip(" .").rstrip()
    if not what:
        return DecisionWords("")
    what_from = len(typed) - len(typed.lstrip())
    who = " ".join(decision.who.split()).rstrip(" .")
    when = " ".join(decision.by_when.split()).rstrip(" .")
    first = _WORD.match(what)
    first_word = first.group(0) if first else ""
    names = {who.casefold(), *(w.casefold() for w in who.split()[:1])} if who else set()
    prefix, body, after = "", what, ""
    if who and not _mentions(what, who):
        subject = _subject(who, letter)
        if first_word.casefold() in _SUBJECTS or first_word.casefold() in names:
            after = f". {subject} will do this"
        else:  # an instruction: "Book an eye test" -> "Anne will book an eye test"
            keep = first_word.isupper() and len(first_word) > 1  # an acronym keeps its capitals
            prefix = f"{subject} will "
            body = what if keep or not first_word else what[0].lower() + what[1:]
    if when and not _mentions(what, when):
        time = _when_words(when)
        if after or _words(prefix + body) + _words(time) <= SHORT_SENTENCE:
            after += f" {time}"
        else:
            after += f". This will happen {time}"
    text = prefix + body + after
    if prefix:
        text = text[:1].upper() + text[1:]
    else:  # the what starts the sentence: it takes a capital
        body = body[:1].upper() + body[1:]
        text = body + after
    return DecisionWords(text + ".", len(prefix), what_from, len(what))


def decision_for_child(decision: Decision, letter: Letter) -> str:
    """The decision as one bullet's words for the child ("" for a decision with no "what")."""
    return decision_words(decision, letter).text
