"""The jargon lexicon: words children in care have asked us not to use, as data.

Entries live in `data/lexicon.toml` (one `[[term]]` per entry, sources cited per group, the format
described at its top and in README); an authority can add or override entries with its own file
(config `checks.lexicon`). The built-in entries load from `data/lexicon.bin`, the same file
compiled by scripts/build_lexicon.py (tomllib would take 60 ms). This module holds the entries
and indexes them; reading and validating a TOML file is `lexicon_format`'s job, and it makes no
judgement about a reader (that is the checker's).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import marshal
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letters.checks.slots import slots_in
from letters.errors import UserError

TIERS = ("replace", "explain")
LEXICON_RULES = ("jargon", "deficit-language")
#: Parts of speech: they choose how an entry inflects and how an alternative is applied.
POS = ("noun", "verb", "adjective", "adverb", "preposition", "phrase", "clause", "acronym")
#: An alternative is drop-in words, words with [slots] to fill first, or advice never inserted.
KINDS = ("replace", "template", "advice")
#: lexicon.bin's layout; a file of another version is ignored and the TOML parsed instead.
FORMAT = 3  # 3: Entry.eal_only
#: The package's data folder (read directly: importlib.resources costs milliseconds on first use).
DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[\w'’]+(?:\.[\w'’]+)*\.?")


class LexiconError(UserError):
    """A lexicon file that cannot be used; the message names the file, entry and field."""


@dataclass(frozen=True, slots=True)
class Alternative:
    """One way to say a flagged term: what it is, whether it means exactly the same, and where."""

    text: str
    kind: str = "replace"  # "replace" | "template" | "advice" (letters.checks.findings.FixKind)
    #: True: it means exactly what the flagged words mean; False: the IRO must judge (see note).
    exact: bool = False
    #: The forms it fits ("weekly" fits "weekly basis", not "on a weekly basis"); () = all.
    fits: tuple[str, ...] = ()
    note: str = ""  # why judgement is needed, shown when it is applied
    #: In a verb entry: the text in each tense, (tag, text) ("use": ("VBD", "used"), ...).
    tenses: tuple[tuple[str, str], ...] = ()

    @property
    def slots(self) -> list[str]:
        return slots_in(self.text) if self.kind == "template" else []

    def to_plain(self) -> tuple[Any, ...]:
        return (self.text, self.kind, self.exact, self.fits, self.note, self.tenses)


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    variants: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    tier: str
    rule: str
    group: str
    reason: str
    min_age: float | None = None
    skip_if_next: frozenset[str] = frozenset()
    skip_if_prev: frozenset[str] = frozenset()
    #: Context the entry needs: the word before must be one of these ("will progress": a verb)...
    only_if_prev: frozenset[str] = frozenset()
    #: ...or one of these words must be in the same sentence ("challenging" said of behaviour).
    only_with: frozenset[str] = frozenset()
    case_sensitive: bool = False
    expansion: str = ""
    pos: str = "phrase"
    #: Whether the term and variants match their inflections (verbs and nouns; see `inflected`).
    inflect: bool = True
    #: The forms generated from the term and variants, as (form, the form it inflects, tag).
    inflected: tuple[tuple[str, str, str], ...] = ()
    #: `forms()` as word tokens, worked out once when the file is compiled (indexing is faster).
    tokens: tuple[tuple[str, ...], ...] = ()
    #: Flagged only for a reader with English as an additional language, and (when `min_age` is
    #: set) for any reader under it: idioms a fluent reader knows and a learner reads literally
    #: ("over the moon"). For an EAL reader `min_age` does not excuse the entry.
    eal_only: bool = False

    def applies_to(self, age: float, eal: bool) -> bool:
        """Whether the entry is flagged for a reader judged at `age` (with EAL or not)."""
        if self.eal_only:
            return eal or (self.min_age is not None and age < self.min_age)
        return self.min_age is None or age < self.min_age

    @property
    def is_acronym(self) -> bool:
        return self.group == "acronym" or self.case_sensitive

    def forms(self) -> tuple[str, ...]:
        """Every surface form matched: term, variants and their generated inflections."""
        return (self.term, *self.variants, *(form for form, _, _ in self.inflected))

    def origin(self, form: str) -> tuple[str, str]:
        """(the listed form, tag) a matched form comes from: "kicked off" -> ("kick off", "VBD");
        a listed form is its own origin, with no tag."""
        key = fold(form, self.case_sensitive)
        for generated, base, tag in self.inflected:
            if fold(generated, self.case_sensitive) == key:
                return base, tag
        return form, ""

    def alternatives_for(self, form: str, previous_word: str = "") -> tuple[Alternative, ...]:
        """The alternatives that fit a matched form, a verb's in the form's tense ("utilised" ->
        "used"; "has undertaken" -> "has done": pass the word before the form to settle a past
        form that is also a participle). Those written for this form (`fits`) come first, then
        the rest in the data's order, best first."""
        from letters.checks.inflection import resolve_tag

        base, tag = self.origin(form)
        keys = {fold(form, self.case_sensitive), fold(base, self.case_sensitive)}
        tag = resolve_tag(tag, previous_word)
        fitted: list[Alternative] = []
        general: list[Alternative] = []
        for alt in self.alternatives:
            if alt.fits and not keys & {fold(f, self.case_sensitive) for f in alt.fits}:
                continue
            tense = dict(alt.tenses).get(tag) if tag else None
            (fitted if alt.fits else general).append(dataclasses.replace(alt, text=tense) if tense else alt)
        return (*fitted, *general)  # the ones written for this very form first

    def to_plain(self) -> tuple[Any, ...]:
        """The entry as plain tuples, for lexicon.bin (marshal holds no classes)."""
        values = [getattr(self, f.name) for f in dataclasses.fields(self)]
        values[2] = tuple(a.to_plain() for a in self.alternatives)
        return tuple(values)

    @classmethod
    def from_plain(cls, values: tuple[Any, ...]) -> Entry:
        items = list(values)
        items[2] = tuple(Alternative(*a) for a in items[2])
        return cls(*items)


def tokens_of(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase into the word tokens the analyser produces."""
    out = []
    for tok in _TOKEN.findall(phrase):
        if tok.endswith(".") and tok.count(".") == 1:
            tok = tok[:-1]
        out.append(tok.replace("’", "'"))
    return tuple(out)


def fold(form: str, case_sensitive: bool = False) -> tuple[str, ...]:
    """How the matcher compares forms: word tokens, case-folded unless case-sensitive."""
    seq = tokens_of(form)
    return seq if case_sensitive else tuple(t.casefold() for t in seq)


class Lexicon:
    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = list(entries)
        self._by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.acronyms: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            for seq in entry.tokens or tuple(tokens_of(form) for form in entry.forms()):
                if not seq:
                    continue
                if not entry.case_sensitive:
                    seq = tuple(t.lower() for t in seq)
                if entry.is_acronym and len(seq) == 1:
                    self.acronyms[seq[0].replace(".", "")] = index
                key = seq[0] if entry.case_sensitive else "\0" + seq[0]
                self._by_first.setdefault(key, []).append((index, seq))
        for options in self._by_first.values():
            options.sort(key=lambda item: -len(item[1]))  # longest phrase wins
        #: Every word a phrase can start with (either case): most words are not, and skip here.
        self.first_words = frozenset(k.lstrip("\0") for k in self._by_first)

    def candidates(self, word: Any) -> list[tuple[int, tuple[str, ...]]]:
        """Lexicon phrases that could start at this word (case-sensitive ones by exact text)."""
        exact = self._by_first.get(word.text)
        folded = self._by_first.get("\0" + word.lower)
        if exact and folded:  # "LAC review" (any case) must beat "LAC" (exact): longest first
            return sorted(exact + folded, key=lambda item: -len(item[1]))
        return exact or folded or []

    def __len__(self) -> int:
        return len(self.entries)


def parse_lexicon(text: str, where: str) -> list[Entry]:
    """Entries of a lexicon file's text; LexiconError naming the file, entry and field."""
    from letters.checks.lexicon_format import parse_lexicon as parse

    return parse(text, where)


def source_digest(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


@functools.cache
def builtin_entries() -> tuple[Entry, ...]:
    """The built-in entries: lexicon.bin when it was built from this lexicon.toml, else the TOML."""
    source = (DATA / "lexicon.toml").read_bytes()
    try:
        version, digest, plain = marshal.loads(zlib.decompress((DATA / "lexicon.bin").read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        version, digest, plain = None, None, None
    if version == FORMAT and digest == source_digest(source):
        return tuple(Entry.from_plain(values) for values in plain)
    # An edit not yet compiled (run scripts/build_lexicon.py): correct, only slower.
    return tuple(parse_lexicon(source.decode("utf-8"), "lexicon.toml"))


def _key(entry: Entry) -> str:
    return entry.term if entry.case_sensitive else entry.term.casefold()


@functools.cache
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The built-in lexicon, with an authority's file (if any) adding or replacing entries by term."""
    entries = {_key(e): e for e in builtin_entries()}
    if extra:
        path = Path(extra).expanduser()
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"cannot read lexicon {path}: {exc}") from None
        for e in parse_lexicon(text, str(path)):
            entries[_key(e)] = e
    return Lexicon(entries.values())
