"""Who each sentence talks about: the facts the `addressed-to-child` rule judges, from the analysis.

Per unit (cached with its analysis, knowing nothing of the child's name): each scored sentence's
mentions in order — "you", capitalised words that may be names (and whether they are said *to*
someone: "Well done, Mia!"), minutes phrases that always mean the child ("the young person", "He
stated"), people ("your mum", "the carers", with their gender or number when the word says it) and
third-person pronouns. Also the names a letter gives its reader: "Dear Kayden,", "Child: Mason",
"Jayden is a 15-year-old".

`Resolver` then walks a letter's mentions in reading order and says which sentences refer to the
child: by name, by a minutes phrase, or by a pronoun whose nearest fitting person (in that sentence
or the two before) is the child. No language model: nearest-antecedent by gender and number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
#: Words before a name that say the name is spoken to: "Dear Mia", "Well done Mia", "Thank you Mia".
_TO = frozenset({"dear", "hi", "hello", "hiya", "hey", "done", "thanks", "thank", "congratulations", "love"})
_DECLARED = re.compile(
    r"^\s*(?:child|young person|child's name|name)\s*:\s*([A-Z][\w'’-]+)|"
    r"\b([A-Z][a-z'’-]+) is an? \d{1,2}[- ]year[- ]old\b"
)
_GREETING = re.compile(r"^\s*(?:dear|hi|hello|hiya|to)\s+([A-Z][\w'’-]+)", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    kind: str  # "you", "name", "minutes", "person", "pronoun"
    start: int
    end: int
    sentence: int  # the sentence's index in its unit
    key: str = ""  # a name's folded text; a person's or pronoun's gender ("m", "f", "s", "p")
    spoken_to: bool = False  # a name said to someone ("Well done, Mia!"), not about them


@dataclass(frozen=True, slots=True)
class UnitReferents:
    mentions: tuple[Mention, ...]
    sentences: int  # scored sentences in the unit
    given_names: tuple[str, ...]  # names the unit gives its reader ("Dear Kayden,")


def name_key(word: str) -> str:
    """A name as compared: folded, with a possessive "'s" dropped ("Mia's" is Mia)."""
    key = word.casefold().replace("’", "'")
    return key[:-2] if key.endswith("'s") else key


def unit_referents(ua: UnitAnalysis) -> UnitReferents:
    """The unit's mentions, in order (see the module's docstring)."""
    text = ua.text
    given = [m.group(1) for m in (_GREETING.match(text),) if m]
    given += [g for m in _DECLARED.finditer(text) for g in m.groups() if g]
    scored = [s for s in ua.sentences if s.scored]
    if not scored:
        return UnitReferents((), 0, tuple(name_key(g) for g in given))
    minutes = ua.about_child
    done: set[tuple[int, int]] = set()
    out: list[Mention] = []
    words = ua.words
    for n, w in enumerate(words):
        if w.quoted:
            continue  # the child's own words: "I", "my mum", "he"
        low = w.lower
        span = next(((a, b) for a, b in minutes if a <= w.start < b), None) if minutes else None
        if span is not None:
            if span not in done:
                done.add(span)
                out.append(Mention("minutes", span[0], span[1], w.sentence))
            continue
        if low in SECOND:
            out.append(Mention("you", w.start, w.end, w.sentence))
        elif low in PRONOUNS:
            out.append(Mention("pronoun", w.start, w.end, w.sentence, PRONOUNS[low]))
        elif low in PEOPLE:
            out.append(Mention("person", w.start, w.end, w.sentence, PEOPLE[low]))
        elif w.text[:1].isupper() and not w.upper and low != "i":
            prev = words[n - 1] if n and words[n - 1].sentence == w.sentence else None
            out.append(
                Mention("name", w.start, w.end, w.sentence, name_key(w.text), _spoken_to(text, w, prev))
            )
    return UnitReferents(tuple(out), len(scored), tuple(name_key(g) for g in given))


_AFTER_VOCATIVE = re.compile(
    r",\s*(?:you|your|i|i'm|i’m|we|well|thank|thanks|it|it's|it’s|this|here|what|how)\b", re.I
)


def _spoken_to(text: str, w: Word, prev: Word | None) -> bool:
    """ "Dear Mia", "Well done, Mia!", "Mia, you were brilliant": a name said to its reader."""
    if prev is not None and prev.lower in _TO:
        return True
    gap = text[prev.end : w.start].strip() if prev is not None else ""
    if gap == "," and text[w.end : w.end + 1] in ("!", "?", ".", ","):
        return True
    return (prev is None or gap == ",") and _AFTER_VOCATIVE.match(text, w.end) is not None


def _fits(pronoun: str, mention: Mention, child: bool, child_gender: str) -> bool:
    """Whether a pronoun of this gender can refer to the mention."""
    if child:
        return pronoun in (child_gender or "mf")
    if mention.kind == "name":
        return pronoun in "mfp"
    if mention.kind == "person" or mention.kind == "pronoun":
        gender = mention.key
        if gender == "s":
            return pronoun in "mf"
        return pronoun == gender
    return False


class Resolver:
    """Walks a letter's mentions in order and says which refer to the child in the third person."""

    def __init__(self, child_names: frozenset[str], child_pronouns: frozenset[str]):
        self.names = child_names
        genders = {PRONOUNS[p] for p in child_pronouns if p in PRONOUNS}
        self.gender = "".join(sorted(genders))  # "" when unknown: he or she
        self.recent: list[tuple[int, Mention, bool]] = []  # (global sentence, mention, is the child)

    def refers_to_child(self, mention: Mention, sentence: int) -> bool:
        """Feed the next mention (`sentence` counts sentences across the letter); True when it is
        the child spoken of in the third person."""
        self.recent = [r for r in self.recent if r[0] >= sentence - 2]
        if mention.kind == "minutes":
            self.recent.append((sentence, mention, True))
            return True
        if mention.kind == "name":
            child = mention.key in self.names
            if not mention.spoken_to:
                self.recent.append((sentence, mention, child))
            return child and not mention.spoken_to
        if mention.kind == "person":
            self.recent.append((sentence, mention, False))
            return False
        if mention.kind != "pronoun":
            return False
        gender = mention.key
        if gender == "p" and "p" not in self.gender:
            self.recent.append((sentence, mention, False))
            return False  # "they": the child only when the child is "they"
        for _, earlier, child in reversed(self.recent):
            if _fits(gender, earlier, child, self.gender):
                self.recent.append((sentence, mention, child))
                return child
        self.recent.append((sentence, mention, False))
        return False
