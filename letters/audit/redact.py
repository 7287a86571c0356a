"""Taking names out of free text for a pseudonymous export: auditors' comments, reasons, evidence.

An auditor writes "Addressed to Ollie, but Bethany's role is not explained"; a pseudonymous export
must not carry either name. `Redactor` replaces, in any text, every name the export's letters
hold: the child's (whole and each part: "Ollie", "Stonebridge"), the letter's people's names and
how the letter shows them ("BW"), what the child calls people ("Nana Pat"), and the IROs' names.
The child becomes "[child]", a person their role ("[social worker]"), a word of the child's own
"[child's word for someone]", an IRO their reference.

For the letter a text is about, names are matched whatever their case ("ollie" too); names from the
export's other letters are matched as they are written (capitalised or in capitals), so that a
child called Will does not take the word "will" out of every comment. Matching is by whole words,
so "Mo" is not found in "Monday", and a possessive keeps its ending ("[child]'s").

Pure: no database, no files; it must not log what it replaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from letters.audit.evidence import LetterFacts

CHILD = "[child]"
OWN_WORD = "[child's word for someone]"
SOMEONE = "[someone in the letter]"

# Words inside a name that are not themselves names ("Anne and Mark", "Mr Patel").
_NOT_NAMES = frozenset("a an and & the of my your our to in at on for with mr mrs ms miss mx dr".split())
_WORD = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


@lru_cache(maxsize=65536)
def _words(phrase: str) -> tuple[str, ...]:
    """A name's words; remembered, since the same names recur across a year of letters."""
    return tuple(m.group() for m in _WORD.finditer(phrase))


@dataclass(frozen=True, slots=True)
class _Phrase:
    words: tuple[str, ...]
    replacement: str


class _Index:
    """Phrases by their first word; the longest phrase at a place wins."""

    def __init__(self, fold: bool) -> None:
        self.fold = fold
        self.by_first: dict[str, dict[tuple[str, ...], _Phrase]] = {}
        self._longest_first: dict[str, list[_Phrase]] = {}  # made when first matched
        self._names: set[tuple[str, str, bool]] = set()  # names already added

    def key(self, word: str) -> str:
        return word.casefold() if self.fold else word

    def add(self, phrase: str, replacement: str) -> None:
        words = tuple(self.key(w) for w in _words(phrase))
        if not words:
            return
        variants = [words]
        if not self.fold:  # as written, and in capitals ("ELLIE" in a heading)
            variants.append(tuple(w.upper() for w in words))
        for v in variants:
            # The first name added for these words keeps its replacement.
            self.by_first.setdefault(v[0], {}).setdefault(v, _Phrase(v, replacement))
            self._longest_first.pop(v[0], None)

    def add_name(self, name: str, replacement: str, *, every_word: bool = False) -> None:
        """The whole name and each of its words that could be a name on its own.

        A word counts as a name when capitalised ("Bethany Walsh": both), so that a letter showing
        someone as "your social worker" does not take "worker" out of every comment;
        `every_word` splits a name however it is written (the child's).
        """
        if (name, replacement, every_word) in self._names:
            return
        self._names.add((name, replacement, every_word))
        self.add(name, replacement)
        for word in _words(name):
            if len(word) < 2 or word.casefold() in _NOT_NAMES:
                continue
            if every_word or word[0].isupper():
                self.add(word, replacement)

    def match(self, words: list[str], i: int) -> _Phrase | None:
        first = self.key(words[i])
        phrases = self._longest_first.get(first)
        if phrases is None:
            phrases = sorted(self.by_first.get(first, {}).values(), key=lambda p: -len(p.words))
            self._longest_first[first] = phrases
        for phrase in phrases:
            n = len(phrase.words)
            if n == 1 or tuple(self.key(w) for w in words[i : i + n]) == phrase.words:
                return phrase
        return None


def _role(role: str) -> str:
    role = " ".join(role.split())
    return f"[{role}]" if role else SOMEONE


class Redactor:
    """Replaces the names of an export's letters in free text (see the module docstring)."""

    def __init__(self, facts: Iterable[LetterFacts], iro_refs: Mapping[str, str]) -> None:
        self._facts = {f.letter_id: f for f in facts}
        self._iro_refs = dict(iro_refs)
        self._local: dict[int, _Index] = {}
        self._everyone = _Index(fold=False)
        for f in self._facts.values():
            self._fill(self._everyone, f, iro=False)
        for iro, ref in self._iro_refs.items():
            self._everyone.add_name(iro, ref)

    def _fill(self, index: _Index, f: LetterFacts, *, iro: bool = True) -> None:
        # Own words first: a child's "Nana Pat" is replaced as one phrase, and "Pat" alone too.
        for words in f.own_words:
            index.add_name(words, OWN_WORD)
        for name, role in f.people:
            index.add_name(name, _role(role))
        index.add_name(f.child_name, CHILD, every_word=True)
        if iro and f.iro in self._iro_refs:
            index.add_name(f.iro, self._iro_refs[f.iro])

    def _local_index(self, letter_id: int) -> _Index | None:
        if letter_id not in self._local:
            f = self._facts.get(letter_id)
            if f is None:
                return None
            index = _Index(fold=True)
            self._fill(index, f)
            self._local[letter_id] = index
        return self._local[letter_id]

    def text(self, text: str, letter_id: int | None = None) -> str:
        """`text` with every known name replaced; text with no names comes back unchanged."""
        if not text:
            return text
        found = _tokens(text)
        if not found:
            return text
        words = [m.group() for m in found]
        local = self._local_index(letter_id) if letter_id is not None else None
        out: list[str] = []
        last = 0
        i = 0
        while i < len(found):
            phrase = (local.match(words, i) if local else None) or self._everyone.match(words, i)
            if phrase is None:
                i += 1
                continue
            end = found[i + len(phrase.words) - 1].end()
            out.append(text[last : found[i].start()])
            out.append(phrase.replacement)
            last = end
            i += len(phrase.words)
        out.append(text[last:])
        return "".join(out)
