"""Benchmark the checker on pathological texts against a normal letter of the same size (issue 14).

Run: python benchmarks/bench_pathological.py [--size CHARS] [--rounds N]

Every case is about the same number of characters. Each round checks every case once, in a new
order, with a new Checker (a full check: no cache helps); the table gives each case's median
and how many times the normal letter's median it is. Target: the worst case at most 3 times the
normal letter. Run at two sizes to see the growth is linear (the ratios stay put as size grows).
Times are this process's processor time (time.process_time): on a machine shared with other work,
wall-clock time measures the others too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_checks import make_letter  # noqa: E402

from letters.checks import Checker, ReaderProfile, warm_up  # noqa: E402

TARGET = 3.0


def fit(text: str, size: int) -> str:
    """`text` repeated or cut to `size` characters."""
    return (text * (size // max(1, len(text)) + 1))[:size]


def cases(size: int) -> dict[str, str]:
    normal = make_letter(size // 5, 1)
    while len(normal) < size:
        normal += "\n\n" + make_letter(size // 5, len(normal))
    normal = normal[:size]
    rng = random.Random(7)
    return {
        "normal letter": normal,
        "one giant paragraph": normal.replace("\n\n", " ").replace("\n", " "),
        "runs of punctuation": fit("!!!???", size),
        "punctuation and words": fit("Why?!?!?!?! ", size),
        "thousands of acronyms": fit("Your PEP and CAMHS, the IRO, your SW and the LAC team. ", size),
        "acronyms alone": fit("PEP CAMHS IRO LAC SW UASC DT ", size),
        "one word repeated": fit("placement ", size),
        "jargon and hard words": fit("placement commensurate ", size),
        "ignore comments": fit("You recieve a placement. <!-- letters-ignore: jargon -->\n", size),
        "no spaces": "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size)),
        "all capitals": normal.upper(),
        "runs of spaces": fit("you" + " " * 200, size),
        "quote marks": fit('"you" said “me” ‘him’ ', size),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=16_000, help="characters per text (default 16,000)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    warm_up()
    profile = ReaderProfile(age=10)
    texts = cases(args.size)
    Checker(profile).check(texts["normal letter"])  # the lexicon and caches load once
    times: dict[str, list[float]] = {name: [] for name in texts}
    rng = random.Random(1)
    for _ in range(args.rounds):
        order = list(texts)
        rng.shuffle(order)
        for name in order:
            start = time.process_time()
            Checker(profile).check(texts[name])
            times[name].append((time.process_time() - start) * 1000)
    normal = statistics.median(times["normal letter"])
    width = max(len(n) for n in texts)
    print(f"{'case'.ljust(width)} | chars  | words | median ms (processor) | × normal")
    print(f"{'-' * width}-|--------|-------|-----------------------|---------")
    for name, text in texts.items():
        median = statistics.median(times[name])
        words = len(text.split())
        print(f"{name.ljust(width)} | {len(text):6} | {words:5} | {median:21.1f} | {median / normal:5.2f}")
    worst = max(texts, key=lambda n: statistics.median(times[n]))
    ratio = statistics.median(times[worst]) / normal
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"\nworst: {worst}, {ratio:.2f} × the normal letter (target ≤ {TARGET:g}×: {verdict})")


if __name__ == "__main__":
    main()
