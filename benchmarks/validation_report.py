"""Figures of the checker on the validation set: recall of what the auditor marked, false alarms on
good letters, "too hard" and "talks about the child" agreement. Prints a table.

    python benchmarks/validation_report.py [MANIFEST.toml ...]

With no arguments it reads tests/checks/data/validation/manifest.toml. The auditor's judgements were
made before the checker was run; this script only counts, it never edits them.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from letters.checks import Checker, ReaderProfile, Severity

DATA = Path(__file__).resolve().parents[1] / "tests" / "checks" / "data" / "validation"
SPAN_RULES = {
    "jargon",
    "acronym",
    "deficit-language",
    "hard-word",
    "personal-data",
    "spelling",
    "placeholder",
}
NEVER_ON_GOOD = {"jargon", "acronym", "deficit-language", "personal-data", "addressed-to-child", "spelling"}


def _check(name: str, info: dict[str, Any], folder: Path) -> Any:
    profile = ReaderProfile(age=info["age"], eal=info["eal"], reading_age=info.get("reading_age"))
    return Checker(profile).check((folder / name).read_text("utf-8"))


def _covered(report: Any, phrase: str, rules: set[str]) -> bool:
    text = report.text
    at = text.index(phrase)
    end = at + len(phrase)
    whole = (0, len(text))
    return any(
        f.rule in rules and (f.start, f.end) != whole and f.start < end and at < f.end
        for f in report.findings
    )


def figures(manifests: list[Path]) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = {
        "must_flag phrases flagged": [0, 0],
        "about-child sentences flagged": [0, 0],
        "must_not_flag phrases left alone": [0, 0],
        "good letters with no warning or error": [0, 0],
        "good letters with no word finding": [0, 0],
        "too hard: agrees with the auditor": [0, 0],
        "talks about the child: agrees": [0, 0],
    }
    for path in manifests:
        manifest = tomllib.loads(path.read_text("utf-8"))
        for name, info in manifest.items():
            report = _check(name, info, path.parent)
            for phrase in info.get("must_flag", []):
                counts["must_flag phrases flagged"][0] += _covered(
                    report, phrase, SPAN_RULES | {"addressed-to-child"}
                )
                counts["must_flag phrases flagged"][1] += 1
            for phrase in info.get("about_child_sentences", []):
                counts["about-child sentences flagged"][0] += _covered(report, phrase, {"addressed-to-child"})
                counts["about-child sentences flagged"][1] += 1
            for phrase in info.get("must_not_flag", []):
                counts["must_not_flag phrases left alone"][0] += not _covered(report, phrase, NEVER_ON_GOOD)
                counts["must_not_flag phrases left alone"][1] += 1
            if info["good"]:
                loud = [f for f in report.findings if f.severity is not Severity.INFO]
                words = [f for f in report.findings if f.rule in NEVER_ON_GOOD]
                counts["good letters with no warning or error"][0] += not loud
                counts["good letters with no warning or error"][1] += 1
                counts["good letters with no word finding"][0] += not words
                counts["good letters with no word finding"][1] += 1
            says = bool(report.above_target)
            counts["too hard: agrees with the auditor"][0] += says is info["too_hard"]
            counts["too hard: agrees with the auditor"][1] += 1
            whole = any(
                f.rule == "addressed-to-child" and f.severity is Severity.ERROR for f in report.findings
            )
            counts["talks about the child: agrees"][0] += whole is bool(info.get("about_child"))
            counts["talks about the child: agrees"][1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main(argv: list[str]) -> None:
    manifests = [Path(a) for a in argv] or [DATA / "manifest.toml"]
    rows = figures(manifests)
    print(f"{'measure':<42} | {'result':>9} | share")
    print("-" * 43 + "|" + "-" * 11 + "|------")
    for label, (hit, total) in rows.items():
        share = f"{100 * hit / total:.0f}%" if total else "-"
        print(f"{label:<42} | {hit:>4} / {total:<3}| {share}")


if __name__ == "__main__":
    main(sys.argv[1:])
