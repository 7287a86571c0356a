"""Schema checks for the jargon lexicon data (letters/checks/data/lexicon.toml) and its examples.

These tests check the data only: fields, tiers, rule ids, groups, parts of speech, alternatives as
tables that say whether they are exact, sources cited per group, no form claimed by two entries, no
hand-typed inflection, and that the worked examples in tests/checks/data/jargon_examples.toml agree
with the lexicon. Whether the engine flags the examples is tested with the engine, not here; what
an alternative does inside a sentence is tests/checks/test_lexicon_alternatives.py.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from letters.checks.findings import RULES
from letters.checks.inflection import inflect_form
from letters.checks.lexicon import LEXICON_RULES, POS, TIERS, Entry, builtin_entries, fold, tokens_of
from letters.checks.slots import SLOT_PATTERN

LEXICON = Path(__file__).parents[2] / "letters" / "checks" / "data" / "lexicon.toml"
EXAMPLES = Path(__file__).parent / "data" / "jargon_examples.toml"

GROUPS = (
    "care-system",
    "court-legal",
    "health",
    "education",
    "services",
    "plain-english",
    "deficit",
    "acronym",
    "immigration",
    "idiom",
)
REQUIRED = {"term", "pos", "variants", "alternatives", "tier", "rule", "group", "reason"}
OPTIONAL = {
    "inflect",
    "min_age",
    "skip_if_next",
    "skip_if_prev",
    "only_if_prev",
    "only_with",
    "case_sensitive",
    "expansion",
    "eal_only",
}
MIN_ENTRIES = 300
MIN_EXAMPLES = 80


@pytest.fixture(scope="module")
def raw_text() -> str:
    return LEXICON.read_text("utf-8")


@pytest.fixture(scope="module")
def entries(raw_text: str) -> list[dict[str, Any]]:
    return tomllib.loads(raw_text)["term"]


@pytest.fixture(scope="module")
def examples() -> dict[str, Any]:
    with EXAMPLES.open("rb") as f:
        return tomllib.load(f)


def _key(form: str, case_sensitive: bool) -> tuple[str, ...]:
    """How the matcher sees a form: word tokens, folded unless the entry is case-sensitive."""
    seq = tokens_of(form)
    return seq if case_sensitive else tuple(t.casefold() for t in seq)


def test_lexicon_has_enough_entries_and_the_loader_accepts_every_one(entries):
    assert len(entries) >= MIN_ENTRIES
    assert len(builtin_entries()) == len(entries)


def test_every_entry_has_the_required_fields_and_no_unknown_ones(entries):
    problems = []
    for e in entries:
        name = e.get("term", "?")
        if missing := REQUIRED - e.keys():
            problems.append(f"{name}: missing {sorted(missing)}")
        if unknown := e.keys() - REQUIRED - OPTIONAL:
            problems.append(f"{name}: unknown fields {sorted(unknown)}")
        if not isinstance(e.get("variants"), list):
            problems.append(f"{name}: variants must be a list")
        alts = e.get("alternatives")
        if not alts:
            problems.append(f"{name}: needs at least one alternative")
        for n, alt in enumerate(alts or [], start=1):
            # The built-in lexicon says of every alternative whether it is exact (an authority's
            # file may still use plain strings: tests/checks/test_lexicon.py).
            if not isinstance(alt, dict):
                problems.append(f"{name}: alternative {n} must be a table")
            elif alt.get("kind") != "advice" and "exact" not in alt:
                problems.append(f"{name}: alternative {n} ({alt['text']!r}) must say exact = true or false")
            elif alt.get("exact") is False and alt.get("kind") != "advice" and len(alt.get("note", "")) > 120:
                problems.append(f"{name}: alternative {n}: a note is one short line")
        if e.get("pos") not in POS:
            problems.append(f"{name}: pos {e.get('pos')!r} is not one of {POS}")
        reason = e.get("reason", "")
        if not reason.strip() or len(reason) > 160:
            problems.append(f"{name}: reason must be 1-160 characters")
    assert not problems, "\n".join(problems)


def test_tiers_rules_and_groups_are_known(entries):
    problems = []
    for e in entries:
        name = e["term"]
        if e["tier"] not in TIERS:
            problems.append(f"{name}: tier {e['tier']!r}")
        if e["rule"] not in LEXICON_RULES or e["rule"] not in RULES:
            problems.append(f"{name}: rule {e['rule']!r}")
        if e["group"] not in GROUPS:
            problems.append(f"{name}: group {e['group']!r}")
        # Deficit language has its own group so authorities can switch it off as one block.
        if (e["rule"] == "deficit-language") != (e["group"] == "deficit"):
            problems.append(f"{name}: rule deficit-language goes with group deficit only")
    assert not problems, "\n".join(problems)
    assert {e["group"] for e in entries} == set(GROUPS)


def test_acronyms_are_case_sensitive_with_expansions_and_other_terms_are_lower_case(entries):
    problems = []
    for e in entries:
        name = e["term"]
        if e["group"] == "acronym":
            if e.get("case_sensitive") is not True:
                problems.append(f"{name}: acronym must be case_sensitive = true")
            if not e.get("expansion", "").strip():
                problems.append(f"{name}: acronym needs an expansion")
        else:
            if "case_sensitive" in e or "expansion" in e:
                problems.append(f"{name}: case_sensitive/expansion are for acronyms only")
            if name != name.lower():
                problems.append(f"{name}: headword must be lower case")
    assert not problems, "\n".join(problems)


def test_min_ages_and_skip_words_are_well_formed(entries):
    problems = []
    for e in entries:
        name = e["term"]
        if "min_age" in e and (type(e["min_age"]) is not int or not 6 <= e["min_age"] <= 18):
            problems.append(f"{name}: min_age must be a whole age from 6 to 18")
        for key in ("skip_if_next", "skip_if_prev", "only_if_prev", "only_with"):
            for word in e.get(key, []):
                if not re.fullmatch(r"[a-z']+", word):
                    problems.append(f"{name}: {key} {word!r} must be one lower-case word")
    assert not problems, "\n".join(problems)


def test_no_form_is_claimed_by_two_entries(entries):
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    problems = []
    for e in entries:
        forms = [e["term"], *e["variants"]]
        if len(set(forms)) != len(forms):
            problems.append(f"{e['term']}: a variant is listed twice")
        for form in forms:
            if not tokens_of(form):
                problems.append(f"{e['term']}: form {form!r} has no words")
    for entry in builtin_entries():  # with the inflections the loader generates
        for form in entry.forms():
            # Compare folded even for acronyms: "CIC" in one entry and "cic" in another would
            # still confuse the person reading the findings.
            owners[_key(form, case_sensitive=False)].add(entry.term)
    problems += [f"{' '.join(k)!r} is in {sorted(v)}" for k, v in owners.items() if len(v) > 1]
    assert not problems, "\n".join(problems)


def test_no_inflection_is_typed_by_hand(entries):
    """Entries list a lemma and the loader adds its inflections: "kick off" matches "kicked off"."""
    problems = []
    for e in entries:
        if not e.get("inflect", True) or e["pos"] not in ("verb", "noun"):
            continue
        listed = [e["term"], *e["variants"]]
        for form in listed:
            for generated, _tag in inflect_form(form, e["pos"]):
                if generated in listed:
                    problems.append(f"{e['term']}: {generated!r} is generated from {form!r}: leave it out")
    assert not problems, "\n".join(problems)


def test_explain_tier_entries_say_how_to_explain_the_term(entries):
    """A term kept and explained needs advice on how ("Never flag a term that has no plainer
    alternative without saying how to explain it"), and every entry offers something."""
    problems = []
    for e in entries:
        kinds = {a.get("kind", "") for a in e["alternatives"] if isinstance(a, dict)}
        if e["tier"] == "explain" and "advice" not in kinds:
            problems.append(f"{e['term']}: an explain-tier entry needs advice on how to explain it")
    assert not problems, "\n".join(problems)


def test_advice_has_no_slots_and_verb_alternatives_follow_the_tense():
    """Advice is read by the IRO, never filled in; a verb's alternative must take the matched
    form's tense ("utilised" -> "used"), so its first word must be a verb the table knows."""
    problems = []
    for entry in builtin_entries():
        for alt in entry.alternatives:
            if alt.kind == "advice" and SLOT_PATTERN.search(alt.text):
                problems.append(f"{entry.term}: advice {alt.text!r} has a [slot]")
        if entry.pos != "verb":
            continue
        for form, _base, tag in entry.inflected:
            for alt in entry.alternatives_for(form):
                if alt.kind != "advice" and not alt.tenses:
                    problems.append(f"{entry.term}: {alt.text!r} cannot follow {form!r} ({tag})")
    assert not problems, "\n".join(problems)


def test_every_group_block_cites_its_sources_and_holds_only_its_own_entries(raw_text):
    """Entries sit under a `# GROUP <name>:` comment block that lists `Sources:`."""
    problems = []
    current = None
    cited: set[str] = set()
    for block in re.split(r"\n(?=# GROUP |\[\[term\]\])", raw_text):
        header = re.match(r"# GROUP ([a-z-]+):", block)
        if header:
            current = header.group(1)
            if "Sources:" not in block:
                problems.append(f"group {current} has no Sources: list")
            cited.add(current)
        elif block.startswith("[[term]]"):
            entry = tomllib.loads(block)["term"][0]
            if entry["group"] != current:
                problems.append(f"{entry['term']} (group {entry['group']}) sits under {current}")
    assert not problems, "\n".join(problems)
    assert cited == set(GROUPS)


def test_examples_have_enough_flag_and_clean_cases_across_ages(examples):
    flags, cleans = examples["flag"], examples["clean"]
    assert len(flags) >= MIN_EXAMPLES and len(cleans) >= MIN_EXAMPLES
    for kind in (flags, cleans):
        ages = {ex["age"] for ex in kind}
        assert ages <= set(range(6, 18)) and {6, 17} <= ages
    texts = [ex["text"] for ex in flags + cleans]
    assert len(texts) == len(set(texts)), "an example is listed twice"
    for ex in flags:
        assert ex["expect"], ex["text"]
        for expected in ex["expect"]:
            assert expected in ex["text"], (expected, ex["text"])


def test_expected_flags_are_lexicon_forms_not_excused_by_min_age(entries, examples):
    """Each expected substring is a form in the lexicon, and the reader is under its min_age (or,
    for an idiom, has EAL)."""
    by_form: dict[tuple[str, ...], Entry] = {}
    for entry in builtin_entries():
        for form in entry.forms():
            by_form[fold(form, entry.case_sensitive)] = entry
    problems = []
    for ex in examples["flag"]:
        for expected in ex["expect"]:
            found = by_form.get(_key(expected, True)) or by_form.get(_key(expected, False))
            if found is None:
                problems.append(f"{expected!r} is not a lexicon form ({ex['text']})")
            elif not found.applies_to(ex["age"], ex.get("eal", False)):
                problems.append(f"{expected!r} is acceptable at {ex['age']} ({ex['text']})")
    assert not problems, "\n".join(problems)
