"""What the spelling and hidden-agent rules add to a check, against the checker without them.

Run: python benchmarks/bench_new_rules.py

Both are measured in this one run, alternately, so a busy machine slows both alike. "with the
rules" runs them over each unit's shared analysis and keeps the result with that analysis (as the
checker keeps each unit's own findings), so after a one-character edit they run on the edited unit
only. Targets (issue 10 §7): a full check of 2,000 words ≤ 25 ms, a re-check ≤ 2 ms p95.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_checks import make_letter, p95  # noqa: E402

from letters.checks import Checker, ReaderProfile, spelling, warm_up  # noqa: E402
from letters.checks.analysis import split_units  # noqa: E402
from letters.checks.rules import hidden_agent  # noqa: E402
from letters.checks.rules import spelling as spelling_rule  # noqa: E402


def with_rules(checker: Checker, text: str) -> int:
    checker.check(text)
    allow = spelling_rule.allowed_words(checker.allow)
    found = 0
    for unit in split_units(text):
        ua = checker.analyzer.analyse(text[unit.start : unit.end], unit.kind)
        mine = ua.memo.get("new-rules")
        if not isinstance(mine, list):
            mine = spelling_rule.find(ua, checker.lexicon, allow, checker.analyzer.names)
            mine += hidden_agent.find(ua)
            ua.memo["new-rules"] = mine
        found += len(mine)
    return found


def main() -> None:
    warm_up()
    spelling.dictionary()
    profile = ReaderProfile(age=10)
    texts = [make_letter(2000, seed) for seed in range(30)]
    base, new = [], []
    for text in texts:
        for run, out in (
            (lambda t: Checker(profile).check(t), base),
            (lambda t: with_rules(Checker(profile), t), new),
        ):
            start = time.perf_counter()
            run(text)
            out.append((time.perf_counter() - start) * 1000)
    text = make_letter(2000, 99)
    plain, ruled = Checker(profile), Checker(profile)
    plain.check(text)
    with_rules(ruled, text)
    edit_base, edit_new = [], []
    rng = random.Random(1)
    for _ in range(300):
        pos = rng.randrange(len(text))
        text = text[:pos] + rng.choice("abcde ") + text[pos + 1 :]
        start = time.perf_counter()
        plain.check(text)
        edit_base.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        with_rules(ruled, text)
        edit_new.append((time.perf_counter() - start) * 1000)
    rows = [
        ("full check, 2,000 words (median / p95)", base, new, "≤ 25 ms"),
        ("re-check after a 1-character edit (median / p95)", edit_base, edit_new, "≤ 2 ms p95"),
    ]
    print("measure                                          | without new rules | with them       | target")
    print("-------------------------------------------------|-------------------|-----------------|-------")
    for name, a, b, target in rows:
        fa = f"{statistics.median(a):.2f} / {p95(a):.2f} ms"
        fb = f"{statistics.median(b):.2f} / {p95(b):.2f} ms"
        print(f"{name:<49}| {fa:<18}| {fb:<16}| {target}")


if __name__ == "__main__":
    main()
