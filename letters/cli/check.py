"""`letters check`: lint letters like code, for IROs and auditors, one file or a batch.

Imports of the engine happen inside the handler so that `letters --help` and other commands do not
pay for spaCy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from letters.errors import UserError


def _age(value: str) -> int:
    from letters.limits import MAX_AGE, MIN_AGE

    try:
        age = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of years") from None
    if not MIN_AGE <= age <= MAX_AGE:
        raise argparse.ArgumentTypeError(f"an age between {MIN_AGE} and {MAX_AGE}")
    return age


def _reading_age(value: str) -> float:
    from letters.limits import MAX_READING_AGE, MIN_READING_AGE

    try:
        age = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if not MIN_READING_AGE <= age <= MAX_READING_AGE:  # also refuses nan
        raise argparse.ArgumentTypeError(f"a reading age between {MIN_READING_AGE:g} and {MAX_READING_AGE:g}")
    return age


_PRONOUNS = frozenset(
    "she her hers herself he him his himself they them their theirs themself themselves".split()
)


def _pronouns(value: str) -> str:
    words = [w for w in value.replace(",", "/").replace(" ", "/").split("/") if w]
    unknown = [w for w in words if w.casefold() not in _PRONOUNS]
    if not words or unknown:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a set of pronouns: write them like she/her, he/him or they/them"
        )
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check letters (.txt, .md, .docx) for a child's reading age and jargon",
        description="Check letters for a child of a given age: reading age against the target, "
        "jargon with child-friendly alternatives, acronyms, hard words, personal data. "
        "Exit status: 0 no errors, 1 some finding is an error, 2 bad usage or unreadable file.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--age", type=_age, help="the child's age in years")
    p.add_argument("--eal", action="store_true", help="English is an additional language")
    p.add_argument("--reading-age", type=_reading_age, help="the child's known reading age")
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="WORD",
        help="a word or phrase this child uses (repeatable)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="switch a rule off for this run (repeatable)",
    )
    p.add_argument(
        "--child",
        default="",
        metavar="NAME",
        help="the name the child is called by: sentences about them by name are flagged",
    )
    p.add_argument(
        "--pronouns",
        type=_pronouns,
        default=None,
        metavar="PRONOUNS",
        help="the child's pronouns, e.g. she/her, he/him, they/them",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from letters.checks import RULES, Checker, ReaderProfile, line_col
    from letters.config import ConfigError, load_config
    from letters.textio import read_letter_text

    if args.age is None and args.reading_age is None:
        raise UserError("say who will read the letter: --age N (or --reading-age N)")
    unknown = [r for r in args.disable if r not in RULES]
    if unknown:
        raise UserError(f"unknown rule {', '.join(unknown)} (rules: {', '.join(RULES)})")
    try:
        config = load_config()
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    profile = ReaderProfile(age=args.age, eal=args.eal, reading_age=args.reading_age)
    checker = Checker(
        profile,
        allow=args.allow,
        config=config.checks,
        disabled=args.disable,
        child=args.child.strip(),
        pronouns=args.pronouns or "",
    )
    results: list[dict[str, Any]] = []
    status = 0
    for path in args.files:
        try:
            text = read_letter_text(path)
            report = checker.check(text)
        except UserError as exc:
            print(f"letters: error: {exc}", file=sys.stderr)
            status = 2
            continue
        if report.has_errors and status == 0:
            status = 1
        findings = []
        for f in report.findings:
            line, col = line_col(text, f.start)
            findings.append(
                {
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "start": f.start,
                    "end": f.end,
                    "line": line,
                    "column": col,
                    "text": text[f.start : f.end],
                    "message": f.message,
                    "suggestions": list(f.suggestions),
                    "fixes": [
                        {"kind": x.kind.value, "text": x.text, "exact": x.exact, "slots": list(x.slots)}
                        for x in f.fixes
                    ],
                }
            )
        ra = report.reading_age
        results.append(
            {
                "path": str(path),
                "words": report.words,
                "reading_age": None
                if ra is None
                else {"low": ra.low, "high": ra.high, "formula": ra.formula, "reliable": ra.reliable},
                "target_reading_age": report.target,
                "verdict": _verdict_json(report.verdict),
                "findings": findings,
            }
        )
        if args.format == "text":
            _print_text(path, report, findings)
    if args.format == "json":
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    return status


def _verdict_json(verdict: Any) -> dict[str, Any]:
    return {
        "state": verdict.state,
        "years_over": verdict.years_over,
        "reliable": verdict.reliable,
        "formulas_disagree": verdict.formulas_disagree,
        "text": verdict.describe(),
    }


def summary_line(path: Path | str, report: Any, findings: list[dict[str, Any]]) -> str:
    """The last line for a file: its words, the engine's verdict (never decided here) and counts."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no findings"
    return f"{path}: {report.words} words, {report.verdict.summary()}; {summary}"


def _print_text(path: Path, report: Any, findings: list[dict[str, Any]]) -> None:
    for f in findings:
        tips = [t.rstrip(".") for t in f["suggestions"][:3]]
        tip = f" (try: {'; '.join(tips)})" if tips else ""
        print(f"{path}:{f['line']}:{f['column']}: {f['severity']} {f['rule']}: {f['message']}{tip}")
    print(summary_line(path, report, findings))
