"""What the spelling and hidden-agent rules add to a check, against the checker without them.

Run: python benchmarks/bench_new_rules.py

Both are measured in this one run, alternately (a checker with the two rules disabled, then one
with every rule on), so a busy machine slows both alike. After a one-character edit only the edited
unit is looked at again, by every rule. Times are this process's processor time (time.process_time),
not wall-clock time: on a machine shared with other work, wall-clock time measures the others too.
Targets (issue 10 §7): with every new rule on, a full check
of 2,000 words ≤ 25 ms and a re-check ≤ 2 ms p95.
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

from letters.checks import Checker, ReaderProfile, warm_up  # noqa: E402

NEW = ("spelling", "hidden-agent")


def main() -> None:
    warm_up()
    profile = ReaderProfile(age=10)

    def without(t: str) -> object:
        return Checker(profile, disabled=NEW).check(t)

    def with_all(t: str) -> object:
        return Checker(profile).check(t)

    texts = [make_letter(2000, seed) for seed in range(30)]
    base, new = [], []
    for text in texts:
        for run, out in ((without, base), (with_all, new)):
            start = time.process_time()
            run(text)
            out.append((time.process_time() - start) * 1000)
    text = make_letter(2000, 99)
    plain, ruled = Checker(profile, disabled=NEW), Checker(profile)
    plain.check(text)
    ruled.check(text)
    edit_base, edit_new = [], []
    rng = random.Random(1)
    for _ in range(300):
        pos = rng.randrange(len(text))
        text = text[:pos] + rng.choice("abcde ") + text[pos + 1 :]
        start = time.process_time()
        plain.check(text)
        edit_base.append((time.process_time() - start) * 1000)
        start = time.process_time()
        ruled.check(text)
        edit_new.append((time.process_time() - start) * 1000)
    rows = [
        ("full check, 2,000 words (median / p95)", base, new, "≤ 25 ms"),
        ("re-check after a 1-character edit (median / p95)", edit_base, edit_new, "≤ 2 ms p95"),
    ]
    print("processor time                                   | without new rules | with them       | target")
    print("-------------------------------------------------|-------------------|-----------------|-------")
    for name, a, b, target in rows:
        fa = f"{statistics.median(a):.2f} / {p95(a):.2f} ms"
        fb = f"{statistics.median(b):.2f} / {p95(b):.2f} ms"
        print(f"{name:<49}| {fa:<18}| {fb:<16}| {target}")


if __name__ == "__main__":
    main()
