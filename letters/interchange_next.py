"""The letter file's parts for the next letter: what happened to the last letter's decisions
("followups"), the glossary page, the IRO's photo and the child's own words (`child.words`), to and
from plain data.

Kept out of `letters.interchange` (which calls these) so that module stays one screen of the
format; the rules are its rules: every value checked, a wrong one named by its path
("followups[2].outcome"), and parts written only when set, so letters without them read and store
exactly as before. No I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from letters.errors import InputError
from letters.model import CHILD_WORDS, ChildWords, FollowUp, GlossaryEntry, Letter, Outcome

if TYPE_CHECKING:
    from letters.interchange import _Reader

_DIGEST = re.compile(r"[0-9a-f]{64}")


def next_parts_to_data(letter: Letter) -> dict[str, Any]:
    """The follow-ups, glossary and photo of a letter as TOML-ready data (empty when unset)."""
    data: dict[str, Any] = {}
    if letter.followups:
        data["followups"] = [
            {
                k: v
                for k, v in {
                    "what": f.what,
                    "who": f.who,
                    "by_when": f.by_when,
                    "due": f.due,
                    "outcome": str(f.outcome),
                    "said": f.said,
                    "happened": f.happened,
                    "letter": f.letter,
                    "number": f.number,
                }.items()
                if v is not None
            }
            for f in letter.followups
        ]
    if letter.glossary:
        data["glossary"] = [{"term": g.term, "word": g.word, "text": g.text} for g in letter.glossary]
    if letter.iro_photo:
        data["iro_photo"] = letter.iro_photo
    return data


def _outcome(value: Any, where: str) -> Outcome:
    choices = [str(o) for o in Outcome]
    if not isinstance(value, str) or value not in choices:
        shown = ", ".join(f'"{c}"' for c in choices)
        raise InputError(f"{where}: expected one of {shown} (what happened to the decision).")
    return Outcome(value)


def _digest(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _DIGEST.fullmatch(value):
        raise InputError(
            f"{where}: expected the photo's digest as `letters profile show` gives it "
            "(64 letters and digits), or leave it out."
        )
    return value


def read_child_words(child: _Reader, other: list[str]) -> ChildWords:
    """The child's own words: `child.words` (what they call their mum, carers, home... and words to
    avoid) and `child.own_words` (their other words, given as `other`)."""
    from letters.interchange import _text, _texts

    words = ChildWords(other=other)
    if "words" not in child.data:
        child.used.add("words")
        return words
    table = child.table("words")
    for key in CHILD_WORDS:
        setattr(words, key, " ".join(table.get(key, _text, "").split()))
    avoid: list[str] = table.get("avoid", _texts, [])
    words.avoid = [w for w in (" ".join(a.split()) for a in avoid) if w]
    table.done()
    return words


def read_next_parts(top: _Reader, letter: Letter) -> None:
    """Read the follow-ups, glossary and photo of the file into `letter` (InputError naming the
    field that is wrong)."""
    from letters.interchange import _date, _int, _text

    def number(value: Any, where: str) -> int:
        n = _int(value, where)
        if n < 1:
            raise InputError(f"{where}: a number from 1.")
        return n

    letter.followups = []
    for f in top.tables("followups") or []:
        item = FollowUp(
            what=f.required("what", _text),
            who=f.get("who", _text, ""),
            by_when=f.get("by_when", _text, ""),
            due=f.get("due", _date, None),
            outcome=f.get("outcome", _outcome, Outcome.UNRECORDED),
            said=f.get("said", _text, ""),
            happened=f.get("happened", _text, ""),
            letter=f.get("letter", number, None),
            number=f.get("number", number, None),
        )
        f.done()
        letter.followups.append(item)
    letter.glossary = []
    seen: set[str] = set()
    for g in top.tables("glossary") or []:
        entry = GlossaryEntry(
            term=g.required("term", _text), word=g.required("word", _text), text=g.required("text", _text)
        )
        g.done()
        if not entry.term.strip() or not entry.word.strip():
            raise InputError(f"{g.path('word')}: give the word and the term it explains.")
        if entry.term in seen:
            raise InputError(f'{g.path("term")}: "{entry.term}" is explained twice; keep one.')
        seen.add(entry.term)
        letter.glossary.append(entry)
    letter.iro_photo = top.get("iro_photo", _digest, "")
