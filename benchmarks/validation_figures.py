"""Print the validation study's figures: recall, false alarms on good letters, "too hard" agreement.

Run: python benchmarks/validation_figures.py [DATA_DIR]
Reads tests/checks/data/validation/manifest.toml (the auditor's judgements, made before the checker
was run) and checks every letter for its reader. Figures:
- recall: must_flag phrases whose first occurrence a span finding covers, out of all of them;
- false alarms: warnings and errors on good letters (and good letters with any), and word findings
  (jargon, acronym, deficit-language, personal-data, addressed-to-child) on good letters;
- too hard: letters whose verdict (above target or not) agrees with the auditor's `too_hard`;
- about the child: letters the auditor marked `about_child` that get the addressed-to-child error.
Works on any version of the engine that has `Checker` and `ReaderProfile` (it reads
`Report.verdict` when there is one, else `Report.above_target`), so a before/after comparison runs
the same script against two checkouts.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from letters.checks import Checker, ReaderProfile  # noqa: E402

SPAN_RULES = {"jargon", "acronym", "deficit-language", "hard-word", "personal-data", "addressed-to-child"}
WORD_RULES = {"jargon", "acronym", "deficit-language", "personal-data", "addressed-to-child"}


def _above(report: object) -> bool | None:
    verdict = getattr(report, "verdict", None)
    if verdict is not None:
        return None if verdict.state == "unscored" else verdict.state != "within"
    return getattr(report, "above_target", None)


def main() -> None:
    data = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "tests/checks/data/validation"
    )
    manifest = tomllib.loads((data / "manifest.toml").read_text("utf-8"))
    flagged = total = 0
    missed: list[str] = []
    loud_good = loud_findings = word_good = 0
    loud_list: list[str] = []
    agree = 0
    disagree: list[str] = []
    about_ok = about_n = 0
    for name, info in manifest.items():
        profile = ReaderProfile(age=info["age"], eal=info["eal"], reading_age=info.get("reading_age"))
        text = (data / name).read_text("utf-8")
        report = Checker(profile).check(text)
        whole = (0, len(text))
        for phrase in info["must_flag"]:
            total += 1
            at = text.index(phrase)
            end = at + len(phrase)
            if any(
                f.rule in SPAN_RULES and (f.start, f.end) != whole and f.start < end and at < f.end
                for f in report.findings
            ):
                flagged += 1
            else:
                missed.append(f"{name}: {phrase}")
        if info["good"]:
            loud = [f for f in report.findings if str(f.severity) != "info"]
            loud_findings += len(loud)
            loud_good += bool(loud)
            loud_list += [f"{name}: {f.rule} {f.severity} {text[f.start : f.end][:50]!r}" for f in loud]
            word_good += sum(1 for f in report.findings if f.rule in WORD_RULES)
        if _above(report) is info["too_hard"]:
            agree += 1
        else:
            disagree.append(f"{name} (auditor: too_hard={info['too_hard']})")
        if info.get("about_child"):
            about_n += 1
            about_ok += any(
                f.rule == "addressed-to-child" and str(f.severity) == "error" for f in report.findings
            )
    good = sum(1 for i in manifest.values() if i["good"])
    print(f"letters: {len(manifest)} ({good} good)")
    print(f"recall of must_flag: {flagged}/{total}")
    for m in missed:
        print(f"  missed {m}")
    print(f"good letters with a warning or error: {loud_good}/{good} ({loud_findings} findings)")
    for m in loud_list:
        print(f"  {m}")
    print(f"word findings on good letters: {word_good}")
    print(f"too hard agrees with the auditor: {agree}/{len(manifest)}")
    for m in disagree:
        print(f"  disagrees: {m}")
    print(f"about the child caught: {about_ok}/{about_n}")


if __name__ == "__main__":
    main()
