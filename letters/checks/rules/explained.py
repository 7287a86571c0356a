"""Whether the letter explains a term where it uses it: in the same sentence or the next one.

The shared analysis marks a term explained when the words right next to it explain it ("respite
(a short break)", "called respite", "respite means…"). A letter also explains a term a little
further on, and this module looks there, on the unit's text and sentences (no re-tokenising):

- in the same sentence, a few words on: "your pathway plan now, which is the plan for…";
- as an appositive that says what it is: "your personal adviser, the person who…";
- in brackets after plain words: "the plan that says who helps you (your pathway plan)";
- named after the plain words: "It says where you will live… The council calls it a pathway plan.";
- in the next sentence: "It is…", "This means…", "This plan is…", "A pathway plan is…", and
  for the writer's own role ("I am Tom, your Independent Reviewing Officer."), "My job is…";
- for a role children asked to be called by name, the name after it: "your foster carer, Marcia".

Every term is treated alike (the `jargon` rule asks this of every explain-tier term).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

_DETERMINER = r"(?:the|a|an|your|my|our|their|this|that)"
# After the term, in its sentence: a few words, then "which/that/this/it means/is".
_LATER_SAME = re.compile(
    r"(?:[\s'’\"”]+[\w'’-]+){0,3}[\s'’\"”]*,?\s*(?:which|that|this|it)\s+(?:means|is|are|stands for)\b", re.I
)
# An appositive that says what it is: ", the person who…", " – someone who…", ", a place where…".
_APPOSITIVE = re.compile(
    rf"[\s'’\"”]*(?:,|[-–—:])\s*(?:{_DETERMINER}\s+|someone\b|somebody\b|people\b)"
    r"(?:[\w'’-]+\s+){0,4}?(?:[\w'’-]+\s+)?(?:who|which|that|where|when)\b",
    re.I,
)
# Plain words first, the term in brackets after them: "…who helps you (your pathway plan)".
_BRACKETED = re.compile(rf"\w[\s,]*\(\s*(?:{_DETERMINER}\s+)?['‘\"“]?$", re.I)
# The plain words came first and the term names them: "The council calls it a pathway plan."
_NAMES_IT = re.compile(
    rf"\b(?:calls?|called|call)\s+(?:it|this|that|them|these)\s+(?:{_DETERMINER}\s+)?['‘\"“]?$", re.I
)
# The next sentence explains: "It is…", "This means…", "This plan is…", "They are people who…".
_NEXT = re.compile(
    r"^[\"“‘'\s]*(?:(?:it|this|that|they|these|those|here|which)(?:\s+[\w'’-]+)?\s+"
    r"(?:is|are|means|mean|was|will be|says|say|tells|shows|helps|lists)\b)",
    re.I,
)
# The writer names their role and says what it is: "I am Tom, your Independent Reviewing Officer.
# My job is to check…" (only after "I am…", so "My job is…" explains nothing else).
_I_AM = re.compile(r"\b(?:I am|I['’]m|we are|we['’]re)\b", re.I)
_MY_JOB = re.compile(r"^[\"“‘'\s]*(?:my|our)\s+(?:job|role|work)\s+is\b", re.I)
# A person's role named with the person: "your foster carer, Marcia Campbell", "foster carers Jo
# and Pete" (for words children asked to be replaced by names: see `named_after`).
_NAMED = re.compile(r",?\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][a-z'’-]+\b")


def appositive_after(text: str, end: int) -> bool:
    """ ", the person who…", " – someone who…" right after `end`: says what the words before are."""
    return _APPOSITIVE.match(text, end) is not None


def explained_near(
    ua: UnitAnalysis, start: int, end: int, term_words: tuple[str, ...] = (), *, strict: bool = False
) -> bool:
    """Whether the term at [start, end) of this unit is explained in its sentence or the next.
    `strict` (for words children asked to be replaced) takes only the clear forms: an appositive
    that says who or what, plain words before it in brackets, "calls it", or a next sentence that
    says what it is; not "…, which is" a few words on ("ensure this is rebooked" explains nothing)."""
    text = ua.text
    if (not strict and _LATER_SAME.match(text, end)) or _APPOSITIVE.match(text, end):
        return True
    if "(" in text[max(0, start - 12) : start] and _BRACKETED.search(text, max(0, start - 20), start):
        return True
    if "call" in text[max(0, start - 30) : start].lower() and _NAMES_IT.search(
        text, max(0, start - 30), start
    ):
        return True
    sentences = ua.sentences
    for n, s in enumerate(sentences):
        if s.start <= start < max(s.end, s.start + 1):
            if n + 1 < len(sentences):
                nxt = text[sentences[n + 1].start : sentences[n + 1].end]
                if _MY_JOB.match(nxt) and _I_AM.search(text, s.start, start):
                    return not strict
                return bool(_NEXT.match(nxt) or _repeats_as_definition(nxt, term_words))
            return False
    return False


def _repeats_as_definition(sentence: str, term_words: tuple[str, ...]) -> bool:
    """ "A pathway plan is…", "Your personal adviser will be someone who…": the term again, defined."""
    if not term_words:
        return False
    words = r"\s+".join(re.escape(w) for w in term_words)
    pattern = rf"^[\"“‘'\s]*(?:{_DETERMINER}\s+)?{words}['’]?\s+(?:is|are|means|mean|will be|says|helps)\b"
    return re.match(pattern, sentence, re.I) is not None


def named_after(text: str, end: int) -> bool:
    """A name right after a role ("your foster carer, Marcia Campbell"): says who it is."""
    return _NAMED.match(text, end) is not None
