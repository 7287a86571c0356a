"""Who each sentence talks about: the facts the `addressed-to-child` rule judges, from the analysis.

Per unit (cached with its analysis, knowing nothing of the child's name): each scored sentence's
mentions in order — "you", capitalised words that may be names (and whether they are said *to*
someone: "Well done, Mia!"), minutes phrases that always mean the child ("the young person", "He
stated"), people ("your mum", "the carers", with their gender or number when the word says it) and
third-person pronouns. Also the names a letter gives its reader: "Dear Kayden,", "Child: Mason",
"Jayden is a 15-year-old".

`resolve` then walks a letter's mentions, unit by unit in reading order, and says which sentences
refer to the child: by name, by a minutes phrase, or by a pronoun whose nearest fitting person (in
that sentence or the two before) is the child. No language model: nearest antecedent by gender and
number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis, Word

SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themself", "themselves"), "p"),
}
_FEMALE = "mum mummy mam mother nan nana nanna nanny gran granny grandma grandmother aunt auntie aunty "
_FEMALE += "sister stepmum stepmother daughter niece girlfriend wife lady woman girl"
_MALE = "dad daddy father grandad grandpa grandfather uncle brother stepdad stepfather son nephew "
_MALE += "boyfriend husband man boy"
_ONE = "carer teacher worker friend cousin doctor nurse advocate adviser officer manager keyworker "
_ONE += "parent person baby partner therapist counsellor coach iro chair"
_MANY = "carers teachers parents friends cousins workers brothers sisters staff people grandparents "
_MANY += "family adults everyone everybody children kids"
PEOPLE = {
    **dict.fromkeys(_FEMALE.split(), "f"),
    **dict.fromkeys(_MALE.split(), "m"),
    **dict.fromkeys(_ONE.split(), "s"),  # one person, he or she
    **dict.fromkeys(_MANY.split(), "p"),
}
_KINDS = {
    **{w: ("you", "") for w in SECOND},
    **{w: ("person", g) for w, g in PEOPLE.items()},
    **{w: ("pronoun", g) for w, g in PRONOUNS.items()},
}
#: Words before a name that say the name is spoken to: "Dear Mia", "Well done Mia", "Thank you Mia".
_TO = frozenset({"dear", "hi", "hello", "hiya", "hey", "done", "thanks", "thank", "congratulations", "love"})
_DECLARED = re.compile(
    r"^\s*(?:child|young person|child's name|name)\s*:\s*([A-Z][\w'’-]+)|"
    r"\b([A-Z][a-z'’-]+) is an? \d{1,2}[- ]year[- ]old\b"
)
_GREETING = re.compile(r"^\s*(?:dear|hi|hello|hiya|to)\s+([A-Z][\w'’-]+)", re.I)


class Mention(NamedTuple):  # a tuple: made for every name and pronoun, so kept cheap
    kind: str  # "name", "minutes", "person", "pronoun"
    start: int
    end: int
    sentence: int  # the sentence's index in its unit
    key: str = ""  # a name's folded text; a person's or pronoun's gender ("m", "f", "s", "p")


@dataclass(frozen=True, slots=True)
class UnitReferents:
    mentions: tuple[Mention, ...]
    sentences: int  # scored sentences in the unit
    you: frozenset[int]  # sentences that speak to the reader: "you", or a name said to them
    given_names: tuple[str, ...]  # names the unit gives its reader ("Dear Kayden,")
    memo: dict[tuple[State, frozenset[str], str], Resolution] = field(default_factory=dict, compare=False)


def name_key(word: str) -> str:
    """A name as compared: folded, with a possessive "'s" dropped ("Mia's" is Mia)."""
    key = word.casefold().replace("’", "'")
    return key[:-2] if key.endswith("'s") else key


def unit_referents(ua: UnitAnalysis) -> UnitReferents:
    """The unit's mentions, in order (see the module's docstring)."""
    text = ua.text
    given = [m.group(1) for m in (_GREETING.match(text),) if m]
    if ":" in text or "year" in text:  # "Child: Mason", "Jayden is a 15-year-old"
        given += [g for m in _DECLARED.finditer(text) for g in m.groups() if g]
    scored = [s for s in ua.sentences if s.scored]
    if not scored:
        return UnitReferents((), 0, frozenset(), tuple(name_key(g) for g in given))
    minutes = ua.about_child
    done: set[tuple[int, int]] = set()
    out: list[Mention] = []
    you: set[int] = set()
    words = ua.words
    kinds = _KINDS
    add = out.append
    # Most words are none of these: pick the few that are in one pass, then look at each.
    picked = [
        (n, w) for n, w in enumerate(words) if (w.lower in kinds or w.text[0].isupper()) and not w.quoted
    ]
    if minutes:
        picked = sorted(
            picked + [(-1, w) for w in words if any(a <= w.start < b for a, b in minutes)],
            key=lambda p: p[1].start,
        )
    for n, w in picked:
        if minutes:
            span = next(((a, b) for a, b in minutes if a <= w.start < b), None)
            if span is not None:
                if span not in done:
                    done.add(span)
                    add(Mention("minutes", span[0], span[1], w.sentence))
                continue
        low = w.lower
        known = kinds.get(low)
        if known is not None:
            if known[0] == "you":
                you.add(w.sentence)
            else:
                add(Mention(known[0], w.start, w.end, w.sentence, known[1]))
        elif not w.upper and low != "i":
            prev = words[n - 1] if n > 0 and words[n - 1].sentence == w.sentence else None
            if _spoken_to(text, w, prev):
                you.add(w.sentence)  # "Well done, Mia!": said to the child, not about them
            else:
                add(Mention("name", w.start, w.end, w.sentence, name_key(w.text)))
    return UnitReferents(tuple(out), len(scored), frozenset(you), tuple(name_key(g) for g in given))


_AFTER_VOCATIVE = re.compile(
    r",\s*(?:you|your|i|i'm|i’m|we|well|thank|thanks|it|it's|it’s|this|here|what|how)\b", re.I
)


def _spoken_to(text: str, w: Word, prev: Word | None) -> bool:
    """ "Dear Mia", "Well done, Mia!", "Mia, you were brilliant": a name said to its reader."""
    if prev is not None and prev.lower in _TO:
        return True
    after = text[w.end : w.end + 1]
    if after not in ("!", "?", ".", ","):
        return False  # "Anne will…": most names go on with the sentence
    gap = text[prev.end : w.start].strip() if prev is not None else ""
    if gap == ",":
        return True  # "Well done, Mia!", "Thank you, Mia."
    return prev is None and _AFTER_VOCATIVE.match(text, w.end) is not None


#: What resolution carries from one unit to the next: the last two sentences' people, as
#: (sentence relative to the next unit's first, kind, gender or name, whether it is the child).
State = tuple[tuple[int, str, str, bool], ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """One unit's sentences about the child, given what came before it."""

    hits: tuple[Mention, ...]  # the first reference to the child in each sentence that has one
    about: int  # sentences that talk about the child
    you: int  # sentences that speak to them ("you", or their name said to them)
    state: State  # what the next unit starts from


def _fits(pronoun: str, kind: str, key: str, child: bool, child_gender: str) -> bool:
    """Whether a pronoun of this gender can refer to an earlier mention."""
    if child:
        return pronoun in (child_gender or "mf")
    if kind == "name":
        return True
    if key == "s":  # one person of either gender: "your teacher"
        return pronoun in "mf"
    return pronoun == key


def resolve(refs: UnitReferents, state: State, names: frozenset[str], gender: str) -> Resolution:
    """Which of the unit's sentences refer to the child in the third person (memoised on `refs`:
    a re-check after a keystroke elsewhere finds the same unit with the same state)."""
    key = (state, names, gender)
    hit = refs.memo.get(key)
    if hit is not None:
        return hit
    recent = list(state)  # (sentence, kind, key, is the child), sentences relative to this unit
    hits: list[Mention] = []
    about_in: set[int] = set()
    for m in refs.mentions:
        n = m.sentence
        recent = [r for r in recent if r[0] >= n - 2]
        child = False
        if m.kind == "minutes":
            child = True
        elif m.kind == "name":
            child = m.key in names
        elif m.kind == "pronoun" and (m.key != "p" or "p" in gender):
            for _, kind, k, was_child in reversed(recent):
                if _fits(m.key, kind, k, was_child, gender):
                    child = was_child
                    break
        recent.append((n, m.kind, m.key, child))
        if child and n not in about_in:
            about_in.add(n)
            hits.append(m)
    last = refs.sentences
    out_state = tuple((n - last, kind, k, c) for n, kind, k, c in recent if n >= last - 2)
    result = Resolution(tuple(hits), len(about_in), len(refs.you), out_state)
    if len(refs.memo) > 32:
        refs.memo.clear()
    refs.memo[key] = result
    return result
