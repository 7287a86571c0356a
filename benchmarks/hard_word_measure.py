"""The hard-word rule on the validation set with adult word frequency and with the child measure.

Run: python benchmarks/hard_word_measure.py

"Adult" is wordfreq's Zipf frequency of the word or its stem (`resources.zipf_of_stem`); "child" is
`resources.child_zipf` (the same, half a step up for concrete nouns and down for abstract ones, from
WordNet). Both run in this one process over tests/checks/data/validation (the auditor's judgements
were made before any checker run; this script only counts). Prints a table.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from letters.checks import Checker, ReaderProfile, resources  # noqa: E402
from letters.checks.rules import hard_word  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "checks" / "data" / "validation"


@contextmanager
def measure(fn: Callable[[str], float]) -> Iterator[None]:
    """The hard-word rule reads how common a word is through `hard_word.child_zipf`."""
    saved = hard_word.child_zipf
    hard_word.child_zipf = fn
    try:
        yield
    finally:
        hard_word.child_zipf = saved


def counts() -> dict[str, int]:
    manifest = tomllib.loads((DATA / "manifest.toml").read_text("utf-8"))
    out = {"must_flag phrases": 0, "covered by hard-word": 0, "covered by any word rule": 0}
    out |= {"hard-word findings": 0, "on good letters": 0, "good letters with one": 0}
    for name, info in manifest.items():
        profile = ReaderProfile(age=info["age"], eal=info["eal"], reading_age=info.get("reading_age"))
        report = Checker(profile).check((DATA / name).read_text("utf-8"))
        whole = (0, len(report.text))
        hard = [f for f in report.findings if f.rule == "hard-word"]
        spans = [f for f in report.findings if (f.start, f.end) != whole]
        out["hard-word findings"] += len(hard)
        if info["good"]:
            out["on good letters"] += len(hard)
            out["good letters with one"] += bool(hard)
        for phrase in info.get("must_flag", []):
            at = report.text.index(phrase)
            end = at + len(phrase)
            out["must_flag phrases"] += 1
            out["covered by hard-word"] += any(f.start < end and at < f.end for f in hard)
            out["covered by any word rule"] += any(f.start < end and at < f.end for f in spans)
    return out


def main() -> None:
    with measure(resources.zipf_of_stem):
        adult = counts()
    with measure(resources.child_zipf):
        child = counts()
    width = max(map(len, adult))
    print(f"{'measure'.ljust(width)} | adult frequency | child measure")
    print(f"{'-' * width}-|-----------------|--------------")
    for key in adult:
        print(f"{key.ljust(width)} | {adult[key]:15} | {child[key]:13}")


if __name__ == "__main__":
    main()
