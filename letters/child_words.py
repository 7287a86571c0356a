"""The child's own words (`letters.model.ChildWords`): which template slots they fill, how they go
into the letter file, what is wrong with them, and how they change the checks' suggestions.

A child who calls her carers "Nan and Grandad" should never be told to use their names: where a
finding's template has a slot the profile fills ("[carers' names]"), the suggestion becomes those
words, offered first (`prefer_child_words`); the profile's words are never flagged (they are on
the letter's allow list); and a word on the child's list of words to avoid is flagged wherever the
letter uses it (the `child-words` rule, letters/checks/rules/child_words.py).

Plain Python: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from letters.model import CHILD_WORDS, ChildWords

if TYPE_CHECKING:
    from letters.checks.findings import Finding

#: Template slots (letters.checks.slots spells them) and the profile's field that fills each.
SLOT_FIELDS: dict[str, str] = {
    "[what you call your mum]": "mum",
    "[what you call your dad]": "dad",
    "[what you call your parents]": "parents",
    "[carers' names]": "carers",
    "[what you call your home]": "home",
    "[brothers' and sisters' names]": "siblings",
    "[your name]": "iro",  # in the child's letter, the IRO is who the child knows them as
}

#: How the app and `letters show` label each named word.
LABELS: dict[str, str] = {
    "mum": "Mum",
    "dad": "Dad",
    "parents": "Parents",
    "carers": "Carers",
    "home": "Home",
    "siblings": "Brothers and sisters",
    "iro": "Their IRO",
}


def copy_words(words: ChildWords) -> ChildWords:
    return replace(words, other=list(words.other), avoid=list(words.avoid))


def slot_fill(words: ChildWords, slot: str) -> str:
    """The child's own words for a template slot, or "" when the profile does not say."""
    field = SLOT_FIELDS.get(slot)
    if field is None:
        return ""
    fill = str(getattr(words, field)).strip()
    if not fill and field == "parents" and words.mum.strip() and words.dad.strip():
        fill = f"{words.mum.strip()} and {words.dad.strip()}"
    return fill


def fill_slots(text: str, words: ChildWords) -> str | None:
    """`text` with every slot filled from the profile, or None if one of its slots is not."""
    import re

    out = text
    for slot in dict.fromkeys(re.findall(r"\[[^\[\]]+\]", text)):
        fill = slot_fill(words, slot)
        if not fill:
            return None
        out = out.replace(slot, fill)
    return out


def prefer_child_words(finding: Finding, words: ChildWords, child: str = "") -> Finding:
    """The finding with the child's own words first: each template whose slots the profile fills
    becomes those words (as exact as the template was), ahead of the lexicon's other fixes."""
    from letters.checks.findings import Fix, FixKind

    if not finding.fixes or not words.named():
        return finding
    mine: list[Fix] = []
    rest: list[Fix] = []
    for fix in finding.fixes:
        filled = fill_slots(fix.text, words) if fix.kind is FixKind.TEMPLATE else None
        if filled is not None and filled.strip():
            note = f"{child}'s own words" if child else "the child's own words"
            mine.append(Fix(FixKind.REPLACE, filled, exact=fix.exact, note=note))
        else:
            rest.append(fix)
    if not mine:
        return finding
    fixes = tuple(dict.fromkeys([*mine, *rest]))
    return replace(finding, fixes=fixes)


# -- the letter file ------------------------------------------------------------------------------


def words_to_data(words: ChildWords) -> dict[str, Any]:
    """The named words and the words to avoid as the letter file's `[child.words]` table (empty
    when there are none; the other words stay the file's `child.own_words`)."""
    data: dict[str, Any] = dict(words.named())
    if words.avoid:
        data["avoid"] = list(words.avoid)
    return data


KNOWN_FIELDS = (*CHILD_WORDS, "avoid")


def describe(words: ChildWords, name: str = "") -> list[str]:
    """The profile in lines for `letters show` and the app: "Carers: Nan and Grandad"."""
    lines = [f"{LABELS[k]}: {v}" for k, v in words.named().items()]
    if words.other:
        lines.append("Other words of theirs: " + ", ".join(words.other))
    if words.avoid:
        lines.append(f"Words not to use with {name or 'them'}: " + ", ".join(words.avoid))
    return lines


def advice_for_avoided(words: ChildWords, child: str = "") -> str:
    """What a letter should say instead of a word the child does not want used."""
    who = child or "the child"
    own = [f"{v} ({'IRO' if k == 'iro' else LABELS[k].lower()})" for k, v in words.named().items()]
    if own:
        return f"Use {who}'s own words: " + "; ".join(own) + "."
    return f"Say it another way, in words {who} uses."


# -- the child's record ---------------------------------------------------------------------------


def words_to_record(words: ChildWords) -> str:
    """The whole profile as the child's record keeps it (`children.words`, JSON): the named
    words, the other words and the words to avoid."""
    import json

    data: dict[str, Any] = dict(words.named())
    if words.other:
        data["other"] = list(words.other)
    if words.avoid:
        data["avoid"] = list(words.avoid)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def words_from_record(text: str | None) -> ChildWords | None:
    """The profile a record keeps, or None when it keeps none (or none this version can read:
    a new letter then takes the words of the child's latest letter, as before records had them)."""
    import json

    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    words = ChildWords()
    for key in CHILD_WORDS:
        value = data.get(key, "")
        setattr(words, key, " ".join(value.split()) if isinstance(value, str) else "")
    for key in ("other", "avoid"):
        values = data.get(key, [])
        if isinstance(values, list):
            setattr(words, key, [w for w in (" ".join(v.split()) for v in values if isinstance(v, str)) if w])
    return words


def has_words(words: ChildWords) -> bool:
    """Whether the profile says anything (a named word, another word or a word to avoid)."""
    return bool(words.all_words() or words.avoid)
