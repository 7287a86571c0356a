"""Compare the checking engine's speed in two checkouts, in the same run, with the machine's baseline.

Run: python benchmarks/compare_checks.py OTHER_CHECKOUT [--rounds 3]
e.g. `git worktree add /tmp/before main` (or `git archive main | tar -x -C /tmp/before`), then
`python benchmarks/compare_checks.py /tmp/before`. Each round measures both checkouts, one after the
other, in fresh processes (A B A B…), so a busy machine slows both alike; each row is the median over
rounds. The baseline is a fixed pure-Python loop timed in the same processes: when it is slower
than usual, so is everything else. Figures: a full check of 2,000-word letters (median and p95 over
20 letters) and a re-check after a one-character edit of a 2,000-word letter (median and p95 over
300 edits), in CPU time of the measuring process (less disturbed by other processes than wall time).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

MEASURE = r"""
import json, random, statistics, sys, time
root = sys.argv[1]
sys.path.insert(0, root)
sys.path.insert(0, root + "/benchmarks")
from bench_checks import make_letter
from letters.checks import Checker, ReaderProfile, warm_up
warm_up()
clock = time.process_time
def p95(v):
    return sorted(v)[max(0, int(len(v) * 0.95) - 1)]
def baseline():
    t = clock(); x = 0
    for i in range(300_000):
        x += i * i % 7
    return (clock() - t) * 1000
profile = ReaderProfile(age=10)
texts = [make_letter(2000, s) for s in range(20)]
Checker(profile).check(texts[0])
full = []
for t in texts:
    s = clock(); Checker(profile).check(t); full.append((clock() - s) * 1000)
text = make_letter(2000, 99)
checker = Checker(profile)
checker.check(text)
rng = random.Random(1)
edits = []
for _ in range(300):
    pos = rng.randrange(len(text))
    text = text[:pos] + rng.choice("abcde ") + text[pos + 1:]
    s = clock(); checker.check(text); edits.append((clock() - s) * 1000)
print(json.dumps({
    "baseline": min(baseline() for _ in range(5)),
    "full_median": statistics.median(full), "full_p95": p95(full),
    "edit_median": statistics.median(edits), "edit_p95": p95(edits),
}))
"""

ROWS = (
    ("machine baseline (a fixed Python loop)", "baseline", ""),
    ("full check, 2,000 words, median", "full_median", ""),
    ("full check, 2,000 words, p95", "full_p95", "≤ 25 ms"),
    ("re-check after a keystroke, median", "edit_median", ""),
    ("re-check after a keystroke, p95", "edit_p95", "≤ 2 ms"),
)


def measure(root: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(root)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (e.g. the code before a change)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"this": [], "other": []}
    for _ in range(args.rounds):
        runs["other"].append(measure(args.other.resolve()))
        runs["this"].append(measure(HERE))
    width = max(len(r[0]) for r in ROWS)
    print(f"{'measure'.ljust(width)} | {args.other} | this checkout | target")
    print(f"{'-' * width}-|---|---|---")
    for name, key, target in ROWS:
        other = statistics.median(r[key] for r in runs["other"])
        this = statistics.median(r[key] for r in runs["this"])
        print(f"{name.ljust(width)} | {other:.2f} ms | {this:.2f} ms | {target}")


if __name__ == "__main__":
    main()
