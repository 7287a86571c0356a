"""Benchmark the checking engine and print a table (targets from issue 2).

Run: python benchmarks/bench_checks.py
Measures: full check of 150-, 600- and 2,000-word letters; re-check after a one-character edit of
a 2,000-word letter (p95); 1,000 letters in one process; `letters check` of one letter end to end;
peak memory of the 1,000-letter run. Letters are synthetic, built from varied sentences so that
no two paragraphs are the same (a cache hit would flatter the numbers).
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from letters.checks import Checker, ReaderProfile, warm_up  # noqa: E402

SUBJECTS = ["You", "Your nan", "Anne", "Your social worker", "Mark", "Your teacher", "We", "Jo"]
VERBS = [
    "told me about",
    "will help with",
    "talked about",
    "wants to plan",
    "asked about",
    "will sort out",
    "is pleased with",
    "worried about",
]
OBJECTS = [
    "your placement",
    "school trips",
    "family time with your dad",
    "your PEP",
    "your new bedroom",
    "football on Saturdays",
    "the facilitation of contact",
    "swimming lessons",
    "your birthday party",
    "the arrangements for the holidays",
]
ENDINGS = [
    "after Christmas.",
    "before the end of June.",
    "every Sunday.",
    "this term.",
    "when you are ready.",
    "at your next meeting.",
    "with Gran.",
    "in the spring.",
]


def make_letter(words: int, seed: int) -> str:
    rng = random.Random(seed)
    paragraphs = ["Dear Sam,"]
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"
            sentences.append(s)
            count += len(s.split())
        paragraphs.append(" ".join(sentences) + f" ({seed}-{count})")
    paragraphs.append("From Jo")
    return "\n\n".join(paragraphs)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def baseline_loop() -> float:
    """A fixed pure-Python loop: this machine's speed today, to read the other figures against."""
    t = time.perf_counter()
    x = 0
    for i in range(300_000):
        x += i * i % 7
    return (time.perf_counter() - t) * 1000


def main() -> None:
    warm_up()
    rows: list[tuple[str, str, str]] = []
    rows.append(
        (
            "machine baseline: a fixed Python loop (best of 5)",
            f"{min(baseline_loop() for _ in range(5)):.1f} ms",
            "",
        )
    )
    profile = ReaderProfile(age=10)
    for n in (150, 600, 2000):
        texts = [make_letter(n, seed) for seed in range(30)]
        times = [timed(lambda t=t: Checker(profile).check(t), 1)[0] for t in texts]
        target = "≤ 25 ms" if n == 2000 else ""  # issue 10: with every rule on
        rows.append(
            (
                f"full check, {n} words (median / p95)",
                f"{statistics.median(times):.1f} / {p95(times):.1f} ms",
                target,
            )
        )
    text = make_letter(2000, 99)
    checker = Checker(profile)
    checker.check(text)
    edits = []
    rng = random.Random(1)
    for _ in range(300):
        pos = rng.randrange(len(text))
        text = text[:pos] + rng.choice("abcde ") + text[pos + 1 :]
        edits.append(timed(lambda t=text: checker.check(t), 1)[0])
    rows.append(
        (
            "re-check after a 1-character edit, 2,000 words (p95)",
            f"{p95(edits):.2f} ms (median {statistics.median(edits):.2f})",
            "≤ 2 ms",
        )
    )
    letters = [make_letter(random.Random(s).choice([150, 300, 600]), s) for s in range(1000)]
    start = time.perf_counter()
    for letter in letters:
        Checker(profile).check(letter)
    rows.append(("1,000 letters in one process", f"{time.perf_counter() - start:.2f} s", "≤ 10 s"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak memory (this process)", f"{peak:.0f} MB", "≤ 250 MB"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "letter.txt"
        path.write_text(make_letter(600, 7))
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "letters", "check", str(path), "--age", "10"],
                capture_output=True,
                check=False,
            )
            runs.append(time.perf_counter() - t)
    rows.append(
        (
            "`letters check` one letter, end to end (median of 5)",
            f"{statistics.median(runs):.2f} s",
            "≤ 1.3 s",
        )
    )
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)} | result | target")
    print(f"{'-' * width}-|--------|-------")
    for name, result, target in rows:
        print(f"{name.ljust(width)} | {result} | {target}")


if __name__ == "__main__":
    main()
