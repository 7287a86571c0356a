"""Reading age: textstat's formulas applied to our own counts, and the reader's target.

Why our own counts: textstat re-tokenises the text with regular expressions for every formula, and
its syllable counter downloads NLTK's cmudict on first use (LookupError offline). We count once, in
the shared analysis pass, with names counted as short familiar words (a child's name must not make a
letter look hard), and apply the same formulas; tests/checks/test_readability.py shows the formulas
agree with textstat's own on text where the two tokenisations agree.

Formulas by reader (US grades; UK reading age is about grade + 5, shown as the band grade + 5 to
grade + 6): Spache (made for early readers, grades 1-3) with Flesch-Kincaid for targets under 9;
Flesch-Kincaid with Dale-Chall above. For readers with English as an additional language, McAlpine
EFLAW (written for English learners) is reported too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.checks.report import DISAGREE_YEARS, ReaderProfile, ReadingAge

if TYPE_CHECKING:
    from letters.checks.analysis import Counts
    from letters.config import TargetPolicy

UK_OFFSET = 5.0  # UK reading age ~ US grade + 5 (the band runs to grade + 6)
DEFAULT_AGE = 9  # no age given: GOV.UK writes for a reading age of 9
RELIABLE_WORDS = 50  # formulas are unstable on fewer words or sentences than these
RELIABLE_SENTENCES = 3
MAX_GRADE = 13.0  # beyond school: "adult" reading, no finer distinction is meaningful


def flesch_kincaid_grade(c: Counts) -> float:
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def spache_grade(c: Counts) -> float:
    return 0.141 * c.words / c.sentences + 0.086 * (100 * c.hard_spache / c.words) + 0.839


def dale_chall_score(c: Counts) -> float:
    pdw = 100 * c.hard_dale_chall / c.words
    score = 0.1579 * pdw + 0.0496 * c.words / c.sentences
    return score + 3.6365 if pdw > 5 else score


# Dale-Chall's published score-to-grade table (4.9 or lower: grade 4 and below; 5.0-5.9: 5-6;
# 6.0-6.9: 7-8; 7.0-7.9: 9-10; 8.0-8.9: 11-12; 9.0-9.9: 13-15), read as points to interpolate.
_DALE_CHALL_POINTS = (
    (0.0, 0.0),
    (4.9, 4.0),
    (5.0, 5.0),
    (6.0, 7.0),
    (7.0, 9.0),
    (8.0, 11.0),
    (9.0, 13.0),
    (10.0, 16.0),
)


def dale_chall_grade(c: Counts) -> float:
    score = dale_chall_score(c)
    for (x0, y0), (x1, y1) in zip(_DALE_CHALL_POINTS, _DALE_CHALL_POINTS[1:], strict=False):
        if score <= x1:
            return y0 + (y1 - y0) * (score - x0) / (x1 - x0)
    return 16.0


def mcalpine_eflaw(c: Counts) -> float:
    """(words + words of 3 letters or fewer) / sentences. McAlpine: 20 or less is very easy for
    English learners, 21-25 quite easy, 26-29 a little difficult, 30 or more confusing."""
    return (c.words + c.miniwords) / c.sentences


EFLAW_DIFFICULT = 25.0


def reading_age(c: Counts, target: float, *, reliable_words: int = RELIABLE_WORDS) -> ReadingAge | None:
    """A UK reading-age band for these counts, with formulas chosen to suit the target reader."""
    if c.words == 0 or c.sentences == 0:
        return None
    if target < 9:
        grades = {"Spache": spache_grade(c), "Flesch-Kincaid": flesch_kincaid_grade(c)}
    else:
        grades = {"Flesch-Kincaid": flesch_kincaid_grade(c), "Dale-Chall": dale_chall_grade(c)}
    values = [min(max(g, 0.0), MAX_GRADE) for g in grades.values()]
    mean = sum(values) / len(values)
    low, high = mean + UK_OFFSET, mean + UK_OFFSET + 1
    if max(values) - min(values) > DISAGREE_YEARS:  # the formulas disagree: say so with a wider band
        low, high = min(values) + UK_OFFSET, max(values) + UK_OFFSET + 1
    reliable = c.words >= reliable_words and c.sentences >= RELIABLE_SENTENCES
    scores = tuple((name, round(v + UK_OFFSET, 1)) for name, v in zip(grades, values, strict=True))
    return ReadingAge(
        round(low, 1), round(high, 1), " + ".join(grades), reliable, round(mean + UK_OFFSET, 1), scores
    )


def target_reading_age(profile: ReaderProfile, policy: TargetPolicy) -> float:
    """The reading age a letter for this reader should not exceed (README explains the policy)."""
    if profile.reading_age is not None:
        base = float(profile.reading_age)
    else:
        age = profile.age if profile.age is not None else DEFAULT_AGE
        base = age - policy.margin - (policy.eal_margin if profile.eal else 0.0)
    return float(min(max(base, policy.floor), policy.ceiling))


def sentence_limit(profile: ReaderProfile, target: float) -> int:
    """Most words in a sentence before it is "over-long" for this reader.

    These are ceilings, not averages: plain-English guidance aims at an average of 15-20 words for
    adults, and under 7 (read aloud) at about 5-8, so a sentence a little over the aim is not yet a
    problem worth an IRO's attention; one well over it is.
    """
    if profile.age is not None and profile.age < 7:
        limit = 10
    elif target <= 8:
        limit = 15
    elif target <= 10:
        limit = 18
    elif target <= 12:
        limit = 22
    else:
        limit = 25
    if profile.eal:
        limit = round(limit * 0.8)  # shorter, active sentences for English learners
    return limit
