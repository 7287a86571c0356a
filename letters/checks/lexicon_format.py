"""Reading a lexicon file (TOML): every field validated, inflections generated, one Entry per term.

The format is described at the top of data/lexicon.toml and in README's lexicon section. Every
problem is a LexiconError naming the file, the entry and the field, so that an authority's own
file (config `checks.lexicon`) fails with a message its author can act on, never a traceback.

Older files with plain-string alternatives still load: each is a judgement (exact = false), a
template when its only brackets are known slots, and advice (shown, never inserted) when it is
an instruction ("say what happened", "(leave it out)") or has a bracket that is not a slot.
"""

from __future__ import annotations

import tomllib
from typing import Any

from letters.checks.inflection import VERB_TAGS, inflect_form, inflect_text
from letters.checks.lexicon import (
    KINDS,
    LEXICON_RULES,
    POS,
    TIERS,
    Alternative,
    Entry,
    LexiconError,
    fold,
    tokens_of,
)
from letters.checks.slots import SLOTS, slots_in

ENTRY_FIELDS = frozenset(
    "term pos variants alternatives tier rule group reason min_age skip_if_next skip_if_prev "
    "only_if_prev only_with case_sensitive expansion inflect eal_only".split()
)
ALTERNATIVE_FIELDS = ("text", "exact", "kind", "fits", "note")
_ADVICE_OPENERS = ("say ", "describe ", "explain ", "use the ", "talk about the child")


def _known_slots() -> str:
    return ", ".join(SLOTS)


class _Reader:
    """The fields of one [[term]] table, each read with a message naming where it is."""

    def __init__(self, raw: dict[str, Any], where: str):
        self.raw, self.where = raw, where

    def fail(self, field: str, problem: str) -> LexiconError:
        return LexiconError(f"{self.where}: '{field}' {problem}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(key, "must be text")
        return value

    def words(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of text")
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in options:
            raise self.fail(key, f"must be one of {', '.join(options)}, not '{value}'")
        return value


def _alternative(
    value: Any, field: str, reader: _Reader, forms: set[tuple[str, ...]], cs: bool
) -> Alternative:
    if isinstance(value, str):
        return _legacy_alternative(value, field, reader)
    if not isinstance(value, dict):
        raise reader.fail(field, 'must be a table like { text = "...", exact = true } (or text)')
    if unknown := sorted(set(value) - set(ALTERNATIVE_FIELDS)):
        raise reader.fail(
            field, f"has unknown field {unknown[0]!r}; the fields are {', '.join(ALTERNATIVE_FIELDS)}"
        )
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise reader.fail(f"{field}.text", "must be text")
    exact = value.get("exact", False)
    if not isinstance(exact, bool):
        raise reader.fail(f"{field}.exact", "must be true or false")
    note = value.get("note", "")
    if not isinstance(note, str):
        raise reader.fail(f"{field}.note", "must be text")
    slots = slots_in(text)
    kind = value.get("kind", "template" if slots else "replace")
    if kind not in KINDS:
        raise reader.fail(f"{field}.kind", f"must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind != "advice":
        if unknown_slots := [s for s in slots if s not in SLOTS]:
            raise reader.fail(
                f"{field}.text",
                f"uses {unknown_slots[0]}, which is not a slot; the slots are {_known_slots()}",
            )
        if kind == "replace" and slots:
            raise reader.fail(
                f"{field}.kind", f"is replace but the text has the slot {slots[0]}: leave kind out"
            )
        if kind == "template" and not slots:
            raise reader.fail(f"{field}.kind", "is template but the text has no [slot]")
    elif exact:
        raise reader.fail(f"{field}.exact", "cannot be true for advice, which is never inserted")
    fits = value.get("fits", [])
    if not isinstance(fits, list) or not all(isinstance(f, str) for f in fits):
        raise reader.fail(f"{field}.fits", "must be a list of the entry's forms")
    for form in fits:
        if fold(form, cs) not in forms:
            raise reader.fail(f"{field}.fits", f"names {form!r}, which is not one of this entry's forms")
    return Alternative(text, kind, exact, tuple(fits), note)


def _legacy_alternative(text: str, field: str, reader: _Reader) -> Alternative:
    """A plain-string alternative (the format before alternatives were tables): a judgement."""
    if not text.strip():
        raise reader.fail(field, "must be text")
    slots = slots_in(text)
    stripped = text.strip()
    if (
        any(s not in SLOTS for s in slots)
        or (stripped.startswith("(") and stripped.endswith(")"))
        or stripped.lower().startswith(_ADVICE_OPENERS)
    ):
        return Alternative(text, "advice")
    return Alternative(text, "template" if slots else "replace")


def _entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: expected a [[term]] table")
    r = _Reader(raw, where)
    if unknown := sorted(set(raw) - ENTRY_FIELDS):
        raise r.fail(unknown[0], f"is not a lexicon field; the fields are {', '.join(sorted(ENTRY_FIELDS))}")
    term = r.text("term")
    group = r.text("group", "plain-english")
    pos = r.choice("pos", POS, "acronym" if group == "acronym" else "phrase")
    tier = r.choice("tier", TIERS, "replace")
    rule = r.choice("rule", LEXICON_RULES, "jargon")
    min_age = raw.get("min_age")
    if min_age is not None and (not isinstance(min_age, (int, float)) or isinstance(min_age, bool)):
        raise r.fail("min_age", "must be a number")
    case_sensitive = r.flag("case_sensitive", False)
    inflect = r.flag("inflect", True)
    variants = r.words("variants")
    listed = (term, *variants)
    for form in listed:
        if not tokens_of(form):
            raise r.fail("variants", f"has {form!r}, which has no words")
    # Inflections of every listed form that are not listed already ("kick off" -> "kicked off").
    seen = {fold(f, case_sensitive) for f in listed}
    inflected: list[tuple[str, str, str]] = []
    if inflect and not case_sensitive and pos in ("verb", "noun"):
        for form in listed:
            for generated, tag in inflect_form(form, pos):
                key = fold(generated)
                if key not in seen:
                    seen.add(key)
                    inflected.append((generated, form, tag))
    raw_alts = raw.get("alternatives", [])
    if not isinstance(raw_alts, list):
        raise r.fail("alternatives", "must be a list")
    alternatives = []
    for n, value in enumerate(raw_alts, start=1):
        alt = _alternative(value, f"alternatives[{n}]", r, seen, case_sensitive)
        if pos == "verb" and alt.kind != "advice":
            tenses = tuple((tag, t) for tag in VERB_TAGS if (t := inflect_text(alt.text, tag)) is not None)
            alt = Alternative(alt.text, alt.kind, alt.exact, alt.fits, alt.note, tenses)
        alternatives.append(alt)
    forms = (*listed, *(form for form, _, _ in inflected))
    return Entry(
        term=term,
        variants=variants,
        alternatives=tuple(alternatives),
        tier=tier,
        rule=rule,
        group=group,
        reason=r.text("reason", ""),
        min_age=float(min_age) if min_age is not None else None,
        skip_if_next=frozenset(w.lower() for w in r.words("skip_if_next")),
        skip_if_prev=frozenset(w.lower() for w in r.words("skip_if_prev")),
        only_if_prev=frozenset(w.lower() for w in r.words("only_if_prev")),
        only_with=frozenset(w.lower() for w in r.words("only_with")),
        case_sensitive=case_sensitive,
        expansion=r.text("expansion", ""),
        pos=pos,
        inflect=inflect,
        inflected=tuple(inflected),
        tokens=tuple(tokens_of(form) for form in forms),
        eal_only=r.flag("eal_only", False),
    )


def parse_entries(data: dict[str, Any], where: str) -> list[Entry]:
    terms = data.get("term", [])
    if not isinstance(terms, list):
        raise LexiconError(f"{where}: expected [[term]] tables")
    return [
        _entry(raw, f"{where}, entry {n} ({raw.get('term', '?') if isinstance(raw, dict) else '?'})")
        for n, raw in enumerate(terms, start=1)
    ]


def parse_lexicon(text: str, where: str) -> list[Entry]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{where}: not valid TOML ({exc})") from None
    return parse_entries(data, where)
