"""Applying a finding's fix to the letter's text so that the sentence still reads right.

`apply_fix(text, start, end, fix, fills)` returns the `Edit` to make; it never edits anything
itself, so the caller (the app, a script) can show the result before writing it. The rules:

- **Advice is never inserted**, and a **template** is written only once every slot has a fill
  (`FixError` says which are missing).
- A **determiner or possessive** just before the flagged words ("your", "the", "a", "my"...) is
  absorbed when the new words bring their own ("your LAC review" + "your meeting" gives "your
  meeting", not "your your meeting"), are a name ("the [carers' names]" gives "Anne and Mark") or
  start with a verb's -ing ("your placement" + "living with [name]" gives "living with Anne").
  "a" / "an" left before the new words is made to agree with them.
- **Capitals follow the sentence position**: the first letter is capitalised at the start of a
  sentence, a line or the text; elsewhere a capitalised first word that is a determiner or a
  pronoun ("Your", "The") is put in lower case and anything else is kept as the fix writes it (the
  lexicon writes its words in lower case, so a name, "Mum and Dad" or "I" stays as written). The
  old words' capitals are not copied.
- **Punctuation and spacing survive**: only the flagged words (and an absorbed determiner) are
  replaced; a fix's own end punctuation is dropped when the text already has some, and a word the
  fix would double with its neighbour ("your meeting meeting") is not repeated.

Verb tenses are the lexicon's business (`Entry.alternatives_for` gives "used" for "utilised"): the
fix arrives already in the right form. Plain Python: no Textual, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letters.checks.slots import SLOT_PATTERN, slots_in

if TYPE_CHECKING:
    from letters.checks.findings import Fix

#: Words before a noun that the new words may bring their own of.
DETERMINERS = frozenset(
    "a an the your my his her their our its this that these those some any each every".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)(\s+)$")
_FIRST_WORD = re.compile(r"^\W*?([\w'’]+)")
_LAST_WORD = re.compile(r"([\w'’]+)\W*$")
_NEXT_WORD = re.compile(r"^\s+([\w'’]+)")
_SENTENCE_END = ".!?…"
_OPENERS = "\"'“‘([«"
_QUOTE_OPENS = re.compile(r"(?:^|[\s,:])[\"“]\s*$")  # quoted speech starts a sentence
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])[ \t]*$")
_END_PUNCTUATION = ".!?,;:"
#: Words that start with a vowel letter but a consonant sound, and the reverse ("an hour").
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|uti|ure|eu|one|once|u[bcfgklmnprstvz][aeiou])", re.I)
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir)", re.I)
_VOWEL_LETTER_NAMES = set("AEFHILMNORSX")  # "an MP", "an SW": acronyms read letter by letter
_GERUND = re.compile(r"^[a-z]{2,}ing$")
#: Words ending in -ing that are nouns, not a verb's -ing ("your meeting", "your sibling").
_ING_NOUNS = frozenset(
    "thing something nothing everything anything morning evening meeting building sibling wedding "
    "ceiling king ring spring string swing wing earring".split()
)
#: First words put in lower case inside a sentence (a name or "Mum" is left as written).
_LOWER_INSIDE = DETERMINERS | frozenset("you we they he she it me us them someone something".split())


class FixError(ValueError):
    """Why a fix cannot be written yet (advice, or slots still to fill); the message says so."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `text[start:end]` with `new`; `start` may be before the flagged words (a determiner)."""

    start: int
    end: int
    new: str

    def applied_to(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.end :]

    @property
    def inserted(self) -> tuple[int, int]:
        """Where the new words are in the edited text."""
        return self.start, self.start + len(self.new)


def missing_slots(template: str, fills: Mapping[str, str]) -> list[str]:
    """The template's slots that have no fill (empty or blank counts as none)."""
    return [slot for slot in slots_in(template) if not fills.get(slot, "").strip()]


def fill_template(template: str, fills: Mapping[str, str]) -> str:
    """The template with every slot replaced by its fill; FixError if any is missing or a fill is
    itself a placeholder."""
    missing = missing_slots(template, fills)
    if missing:
        raise FixError("Fill in " + ", ".join(missing) + " first: nothing is written until then.")
    for slot in slots_in(template):
        if SLOT_PATTERN.search(fills[slot]):
            raise FixError(f"Write the words for {slot}, not another placeholder.")
    return SLOT_PATTERN.sub(lambda m: fills[m.group(0)].strip(), template)


def at_sentence_start(before: str) -> bool:
    """Whether text following `before` starts a sentence (or the text, a line or a list item)."""
    if _BULLET.search(before) or _QUOTE_OPENS.search(before):
        return True
    stripped = before.rstrip(" \t").rstrip(_OPENERS).rstrip(" \t")
    if not stripped or stripped.endswith("\n"):
        return True
    return stripped[-1] in _SENTENCE_END


def wants_an(word: str) -> bool:
    """Whether "an" (not "a") goes before `word`."""
    if len(word) > 1 and word.isupper():  # an acronym, read letter by letter
        return word[0] in _VOWEL_LETTER_NAMES
    if _VOWEL_SOUND.match(word):
        return True
    return word[:1].lower() in "aeiou" and not _CONSONANT_SOUND.match(word)


def _first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    return m.group(1) if m else ""


def _brings_own(template: str) -> bool:
    """Whether the fix's words need no determiner before them: they start with one, or with a
    slot (every slot is a name or the child's own word for someone or somewhere), with "I", or
    with a verb's -ing ("your placement" -> "living with Anne", not "your living with Anne")."""
    if template.lstrip().startswith("["):
        return True
    first = _first_word(template)
    if _GERUND.match(first) and first.casefold() not in _ING_NOUNS and " " in template.strip():
        return True
    return first.casefold() in DETERMINERS or first in ("I", "I'm", "I’m")


def _capitalise(words: str) -> str:
    for i, ch in enumerate(words):
        if ch.isalpha():
            return words[:i] + ch.upper() + words[i + 1 :]
    return words


def apply_fix(text: str, start: int, end: int, fix: Fix, fills: Mapping[str, str] | None = None) -> Edit:
    """The edit that puts `fix` in place of `text[start:end]`, fitted to the sentence (see above)."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}-{end} is outside the text ({len(text)} characters)")
    if str(fix.kind) == "advice":
        raise FixError("This is advice for you, not words for the letter: rewrite it in your own words.")
    template = fix.text.strip()
    words = fill_template(template, fills or {})  # also a "replace" that holds a slot by mistake
    before, after = text[:start], text[end:]

    # A determiner just before: absorbed when the new words bring their own.
    previous = _WORD_BEFORE.search(before)
    if previous and previous.group(1).casefold() in DETERMINERS and _brings_own(template):
        start = previous.start(1)
        before = text[:start]
        previous = _WORD_BEFORE.search(before)

    # No word twice over at either edge ("to to", "meeting meeting").
    first = _first_word(words)
    if previous and first and previous.group(1).casefold() == first.casefold() and " " in words.strip():
        words = words[words.index(first) + len(first) :].lstrip()
    following = _NEXT_WORD.match(after)
    last = _LAST_WORD.search(words)
    if following and last and following.group(1).casefold() == last.group(1).casefold() and " " in words:
        words = words[: last.start(1)].rstrip()

    # Capitals by position; end punctuation not doubled.
    if at_sentence_start(before):
        words = _capitalise(words)
    else:
        first = _first_word(words)
        if first[:1].isupper() and first[1:].islower() and first.casefold() in _LOWER_INSIDE:
            at = words.index(first)
            words = words[:at] + first[0].lower() + words[at + 1 :]
    if words and words[-1] in _END_PUNCTUATION and after[:1] in (*_END_PUNCTUATION, ""):
        words = words.rstrip(_END_PUNCTUATION)

    # "a" / "an" before the new words agrees with them.
    if previous and previous.group(1).casefold() in ("a", "an") and words:
        article = "an" if wants_an(_first_word(words)) else "a"
        if previous.group(1).casefold() != article:
            old = previous.group(1)
            article = article.capitalize() if old[0].isupper() else article
            return Edit(previous.start(1), end, article + previous.group(2) + words)
    return Edit(start, end, words)
