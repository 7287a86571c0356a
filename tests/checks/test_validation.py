"""The validation set: synthetic outcome letters the lexicon and rules were NOT built from.

tests/checks/data/validation/manifest.toml says, per letter, what a QA auditor decided before the
checker was run: whether the letter is good, the phrases a good checker must flag, whether it is too
hard for its reader and whether it talks about the child. The checker must agree:

(a) a good letter gets no warning or error, and no jargon, acronym, deficit-language, personal-data
    or addressed-to-child finding at all (a false alarm on a good letter costs as much trust as a
    missed word);
(b) the first occurrence of every must_flag phrase is covered by a finding of a word rule;
(c) "too hard" (the formulas' estimate is above the reader's target by more than the tolerance)
    matches the auditor;
(d) a letter that talks about the child gets the addressed-to-child error.

Known failures are marked xfail(strict=True), so a fix makes the test fail until the mark is removed:
ENGINE lists those caused by engine issues reported to the lead (they need code, not lexicon data);
DISPUTED lists cases where the auditor's own judgement looks wrong (reported; the
manifest was not edited to match the checker).
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

import pytest

from letters.checks import Checker, ReaderProfile, Report, Severity

DATA = Path(__file__).parent / "data" / "validation"
MANIFEST: dict[str, dict[str, Any]] = tomllib.loads((DATA / "manifest.toml").read_text("utf-8"))
SPAN_RULES = {"jargon", "acronym", "deficit-language", "hard-word", "personal-data"}
NEVER_ON_GOOD = {"jargon", "acronym", "deficit-language", "personal-data", "addressed-to-child"}

_FORMAL = (
    "readability: the formulas score this formal letter at 11-12 against a target of 11 (its "
    "sentences are short and its words mostly common); what makes it hard is its formal words, "
    "which the jargon rule flags one by one"
)

#: Failures caused by engine issues (reported to the lead with input, result and suggested fix).
ENGINE: dict[tuple[str, str, str], str] = {
    ("too_hard", "mid_age12_formal.txt", ""): _FORMAL,
}

#: Where the auditor now thinks the manifest's judgement was wrong (reported, not edited away).
DISPUTED: dict[tuple[str, str, str], str] = {}
# (The dispute over good_age9_oaklodge.txt, a 16-word sentence for a 9-year-old against a limit of
# 15, is settled: a sentence a little over the limit in everyday words is now an info note, as the
# auditor judged.)


#: Where the checker disagreed with the second study's auditor (2026-12-01) when its letters joined
#: the set: engine gaps for issue 10, each to be fixed in the engine (then its mark removed).
SECOND_STUDY: dict[tuple[str, str, str], str] = {
    ("must_flag", "poor_age13_mixed_chidi.txt", "supervised"): "not flagged (missed)",
    ("must_flag", "poor_age16_eal_uasc_selam.txt", "age assessment"): "not flagged (missed)",
    ("must_flag", "poor_age16_eal_uasc_selam.txt", "local authority"): "not flagged (missed)",
}


#: The held-out study (ten letters kept out of the engine's tuning, added 2026-12-01 after it): where
#: the checker still disagrees with its auditor. Not fitted: each is a gap to fix in general ways.
HELDOUT: dict[tuple[str, str, str], str] = {
    ("must_flag", "poor_age14_behaviour_bilal.txt", "association with older peers"): "not flagged (missed)",
    ("must_flag", "poor_age14_behaviour_bilal.txt", "exploitation"): "not flagged (missed)",
    ("must_flag", "poor_age14_behaviour_bilal.txt", "managed move"): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "outcome-focused provision"): "not flagged (missed)",
    (
        "must_flag",
        "leaflet_age16_pathway_formal.txt",
        "subject to assessment of need",
    ): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "Staying Put arrangements"): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "supported lodgings"): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "semi-independent provision"): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "joint housing protocol"): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "maximise"): "not flagged (missed)",
    ("must_flag", "leaflet_age16_pathway_formal.txt", "key performance indicators"): "not flagged (missed)",
    (
        "about_sentence",
        "mid_age7_thirdperson_tyler.txt",
        "He would like more time with his dad",
    ): "third-person sentence about the child not marked ('his dad' is read as about Dad)",
}


def _params(kind: str, cases: list[tuple[str, str]]) -> list[Any]:
    out = []
    for name, phrase in cases:
        key = (kind, name, phrase)
        reason = ENGINE.get(key) or DISPUTED.get(key) or SECOND_STUDY.get(key) or HELDOUT.get(key)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(name, phrase, id=f"{name}:{phrase}" if phrase else name, marks=marks))
    return out


@functools.cache
def _checker(profile: ReaderProfile, child: str, pronouns: str) -> Checker:
    # One per reader: the lexicon and caches load once. The child's name and pronouns, when the
    # manifest gives them, are what the app passes from the letter's record.
    return Checker(profile, child=child, pronouns=pronouns)


@functools.cache
def _report(name: str) -> Report:
    info = MANIFEST[name]
    profile = ReaderProfile(age=info["age"], eal=info["eal"], reading_age=info.get("reading_age"))
    checker = _checker(profile, info.get("child", ""), info.get("pronouns", ""))
    return checker.check((DATA / name).read_text("utf-8"))


GOOD = [(n, "") for n, i in MANIFEST.items() if i["good"]]
MUST_FLAG = [(n, p) for n, i in MANIFEST.items() for p in i["must_flag"]]
ALL = [(n, "") for n in MANIFEST]
ABOUT_CHILD = [(n, "") for n, i in MANIFEST.items() if i.get("about_child")]
ABOUT_SENTENCES = [(n, p) for n, i in MANIFEST.items() for p in i.get("about_child_sentences", [])]
MUST_NOT_FLAG = [(n, p) for n, i in MANIFEST.items() for p in i.get("must_not_flag", [])]


def test_the_set_covers_what_the_study_promised() -> None:
    ages = {i["age"] for i in MANIFEST.values()}
    assert len(MANIFEST) >= 24 and set(range(4, 18)) <= ages
    assert any(i["eal"] for i in MANIFEST.values())
    assert any("reading_age" in i for i in MANIFEST.values())
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(MANIFEST)


@pytest.mark.parametrize(("name", "phrase"), _params("good_errors", GOOD))
def test_good_letter_has_no_warning_or_error(name: str, phrase: str) -> None:
    report = _report(name)
    loud = [
        (f.rule, f.severity.value, report.text[f.start : f.end][:60])
        for f in report.findings
        if f.severity is not Severity.INFO
    ]
    assert loud == []


@pytest.mark.parametrize(("name", "phrase"), _params("good_words", GOOD))
def test_good_letter_has_no_word_or_data_finding(name: str, phrase: str) -> None:
    report = _report(name)
    found = [(f.rule, report.text[f.start : f.end][:60]) for f in report.findings if f.rule in NEVER_ON_GOOD]
    assert found == []


@pytest.mark.parametrize(("name", "phrase"), _params("must_flag", MUST_FLAG))
def test_must_flag_phrase_is_flagged(name: str, phrase: str) -> None:
    report = _report(name)
    at = report.text.index(phrase)
    end = at + len(phrase)
    whole = (0, len(report.text))
    hits = [
        f
        for f in report.findings
        if (f.rule in SPAN_RULES or f.rule == "addressed-to-child")
        and (f.start, f.end) != whole
        and f.start < end
        and at < f.end
    ]
    assert hits, f"{phrase!r} (at {at}) is not flagged"


@pytest.mark.parametrize(("name", "phrase"), _params("too_hard", ALL))
def test_too_hard_agrees_with_the_auditor(name: str, phrase: str) -> None:
    report = _report(name)
    assert report.reading_age is not None
    checker_says = report.above_target
    assert checker_says is MANIFEST[name]["too_hard"], (
        f"band {report.reading_age} ({report.reading_age.formula}), target {report.target:g}"
    )
    # The readability rule reports exactly when the letter is above its target.
    assert (
        any(f.rule == "readability" and f.message.startswith("Reading age") for f in report.findings)
        is checker_says
    )


@pytest.mark.parametrize(("name", "phrase"), _params("about_child", ABOUT_CHILD))
def test_letter_about_the_child_is_caught(name: str, phrase: str) -> None:
    report = _report(name)
    assert any(f.rule == "addressed-to-child" and f.severity is Severity.ERROR for f in report.findings)


@pytest.mark.parametrize(("name", "phrase"), _params("about_sentence", ABOUT_SENTENCES))
def test_sentence_about_the_child_is_marked(name: str, phrase: str) -> None:
    report = _report(name)
    at = report.text.index(phrase)
    end = at + len(phrase)
    whole = (0, len(report.text))
    assert any(
        f.rule == "addressed-to-child" and (f.start, f.end) != whole and f.start < end and at < f.end
        for f in report.findings
    ), f"{phrase!r} (at {at}) talks about the child and is not marked"


@pytest.mark.parametrize(("name", "phrase"), _params("must_not_flag", MUST_NOT_FLAG))
def test_must_not_flag_phrase_is_left_alone(name: str, phrase: str) -> None:
    report = _report(name)
    at = report.text.index(phrase)
    end = at + len(phrase)
    hits = [
        (f.rule, report.text[f.start : f.end][:40])
        for f in report.findings
        if f.rule in NEVER_ON_GOOD
        and f.start < end
        and at < f.end
        and (f.start, f.end) != (0, len(report.text))
    ]
    assert hits == [], f"{phrase!r} (at {at}) should be left alone"
