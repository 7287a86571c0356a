"""Schema checks for the jargon lexicon data (letters/checks/data/lexicon.toml) and its examples.

These tests check the data only: fields, tiers, rule ids, groups, sources cited per group, no form
claimed by two entries, and that the worked examples in tests/checks/data/jargon_examples.toml agree
with the lexicon. Whether the engine flags the examples is tested with the engine, not here.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from letters.checks.findings import RULES
from letters.checks.lexicon import LEXICON_RULES, TIERS, builtin_entries, tokens_of

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
)
REQUIRED = {"term", "variants", "alternatives", "tier", "rule", "group", "reason"}
OPTIONAL = {
    "min_age",
    "skip_if_next",
    "skip_if_prev",
    "only_if_prev",
    "only_with",
    "case_sensitive",
    "expansion",
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
        if not alts or not all(isinstance(a, str) and a.strip() for a in alts):
            problems.append(f"{name}: needs at least one alternative")
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
            # Compare folded even for acronyms: "CIC" in one entry and "cic" in another would
            # still confuse the person reading the findings.
            owners[_key(form, case_sensitive=False)].add(e["term"])
    problems += [f"{' '.join(k)!r} is in {sorted(v)}" for k, v in owners.items() if len(v) > 1]
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
    """Each expected substring is a form in the lexicon, and the reader is under its min_age."""
    by_form: dict[tuple[str, ...], dict[str, Any]] = {}
    for e in entries:
        for form in (e["term"], *e["variants"]):
            by_form[_key(form, e.get("case_sensitive", False))] = e
    problems = []
    for ex in examples["flag"]:
        for expected in ex["expect"]:
            entry = by_form.get(_key(expected, True)) or by_form.get(_key(expected, False))
            if entry is None:
                problems.append(f"{expected!r} is not a lexicon form ({ex['text']})")
            elif entry.get("min_age") is not None and ex["age"] >= entry["min_age"]:
                problems.append(f"{expected!r} is acceptable at {ex['age']} ({ex['text']})")
    assert not problems, "\n".join(problems)
