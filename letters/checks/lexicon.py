"""The jargon lexicon: words children in care have asked us not to use, as data.

Entries live in `data/lexicon.toml` (one `[[term]]` per entry, sources cited per group); an
authority can add or override entries with its own file (config `checks.lexicon`). This module
loads and indexes them; it makes no judgement about a reader (that is the checker's job).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from letters.errors import UserError

TIERS = ("replace", "explain")
LEXICON_RULES = ("jargon", "deficit-language")
_TOKEN = re.compile(r"[\w'’]+(?:\.[\w'’]+)*\.?")


class LexiconError(UserError):
    """A lexicon file that cannot be used; the message names the file, entry and field."""


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    variants: tuple[str, ...]
    alternatives: tuple[str, ...]
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

    @property
    def is_acronym(self) -> bool:
        return self.group == "acronym" or self.case_sensitive

    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


def tokens_of(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase into the word tokens the analyser produces."""
    out = []
    for tok in _TOKEN.findall(phrase):
        if tok.endswith(".") and tok.count(".") == 1:
            tok = tok[:-1]
        out.append(tok.replace("’", "'"))
    return tuple(out)


class Lexicon:
    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = list(entries)
        self._by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.acronyms: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            for form in entry.forms():
                seq = tokens_of(form)
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


def _entry(raw: dict[str, Any], where: str) -> Entry:
    def text(key: str, default: str | None = None) -> str:
        value = raw.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise LexiconError(f"{where}: '{key}' must be text")
        return value

    def words(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{where}: '{key}' must be a list of text")
        return tuple(value)

    tier = text("tier", "replace")
    if tier not in TIERS:
        raise LexiconError(f"{where}: tier must be one of {', '.join(TIERS)}, not '{tier}'")
    rule = text("rule", "jargon")
    if rule not in LEXICON_RULES:
        raise LexiconError(f"{where}: rule must be one of {', '.join(LEXICON_RULES)}, not '{rule}'")
    min_age = raw.get("min_age")
    if min_age is not None and (not isinstance(min_age, (int, float)) or isinstance(min_age, bool)):
        raise LexiconError(f"{where}: min_age must be a number")
    case_sensitive = raw.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise LexiconError(f"{where}: case_sensitive must be true or false")
    return Entry(
        term=text("term"),
        variants=words("variants"),
        alternatives=words("alternatives"),
        tier=tier,
        rule=rule,
        group=text("group", "plain-english"),
        reason=text("reason", ""),
        min_age=float(min_age) if min_age is not None else None,
        skip_if_next=frozenset(w.lower() for w in words("skip_if_next")),
        skip_if_prev=frozenset(w.lower() for w in words("skip_if_prev")),
        only_if_prev=frozenset(w.lower() for w in words("only_if_prev")),
        only_with=frozenset(w.lower() for w in words("only_with")),
        case_sensitive=case_sensitive,
        expansion=text("expansion", ""),
    )


def parse_entries(data: dict[str, Any], where: str) -> list[Entry]:
    terms = data.get("term", [])
    if not isinstance(terms, list):
        raise LexiconError(f"{where}: expected [[term]] tables")
    return [
        _entry(raw, f"{where}, entry {n} ({raw.get('term', '?')})") for n, raw in enumerate(terms, start=1)
    ]


def _load_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{where}: not valid TOML ({exc})") from None


@functools.cache
def builtin_entries() -> tuple[Entry, ...]:
    text = resources.files("letters.checks").joinpath("data/lexicon.toml").read_text("utf-8")
    return tuple(parse_entries(_load_toml(text, "lexicon.toml"), "lexicon.toml"))


@functools.cache
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The built-in lexicon, with an authority's file (if any) adding or replacing entries by term."""
    entries = {e.term.casefold() if not e.case_sensitive else e.term: e for e in builtin_entries()}
    if extra:
        path = Path(extra)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"cannot read lexicon {path}: {exc}") from None
        for e in parse_entries(_load_toml(text, str(path)), str(path)):
            entries[e.term.casefold() if not e.case_sensitive else e.term] = e
    return Lexicon(entries.values())
