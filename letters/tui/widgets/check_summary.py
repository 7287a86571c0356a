"""What the checks say about a whole letter, in a few lines: counts by severity, the engine's verdict
on its reading age, and every error (an unfilled `[name]`, a date of birth…) with where it is.

Used where a letter leaves the writing screen (the export screen), so that nothing wrong goes to the
child unseen. The checks run in a worker; the words are the engine's (`Verdict.describe()`, each
finding's message), never decided again here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.widgets import Static

from letters.tui.widgets.findings_list import SYMBOLS, rule_label

if TYPE_CHECKING:
    from letters.checks import LetterReport
    from letters.checks.findings import Finding
    from letters.checks.parts import PartKey
    from letters.config import ChecksConfig
    from letters.model import Letter

MAX_ERRORS = 6  # errors listed one by one; more are counted


def _where(letter: Letter, part: PartKey | None) -> str:
    if part is None:
        return ""
    if part.is_decision:
        return part.label.lower()
    section = letter.section(part.section)
    return section.heading if section is not None else part.section


def summary_lines(report: LetterReport, letter: Letter) -> list[str]:
    """The summary as lines of text: counts, the verdict, then each error and where it is."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in report.report.findings:
        counts[str(f.severity)] = counts.get(str(f.severity), 0) + 1
    names = {"error": "error", "warning": "warning", "info": "note"}
    parts = [f"{SYMBOLS[s]} {n} {names[s]}{'' if n == 1 else 's'}" for s, n in counts.items() if n]
    lines = ["Checks: " + (", ".join(parts) if parts else "nothing to fix")]
    lines.append(report.verdict.describe())
    errors: list[tuple[PartKey | None, Finding]] = [
        (part, f) for part, found in report.by_part.items() for f in found if str(f.severity) == "error"
    ]
    errors += [(None, f) for f in report.letter_wide if str(f.severity) == "error"]
    for part, f in errors[:MAX_ERRORS]:
        where = f" ({_where(letter, part)})" if part is not None else ""
        lines.append(f"x {rule_label(f.rule)}{where}: {f.message}")
    if len(errors) > MAX_ERRORS:
        lines.append(f"x …and {len(errors) - MAX_ERRORS} more errors: fix them in the letter first.")
    return lines


class CheckSummary(Static):
    """The checks' summary of one letter, filled in by a worker."""

    DEFAULT_CSS = """
    CheckSummary {
        height: auto;
        padding: 0 0 1 0;
    }
    CheckSummary.-errors { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Checking the letter…", id=id, markup=False)
        self.lines: list[str] = []

    def check(self, letter: Letter, config: ChecksConfig) -> None:
        """Check a copy of the letter (the caller's letter is never touched by the worker)."""
        self._run(letter, config)

    @work(thread=True, exclusive=True, group="check-summary", exit_on_error=False)
    def _run(self, letter: Letter, config: ChecksConfig) -> None:
        from letters.checks import LetterChecker
        from letters.errors import UserError

        try:
            report = LetterChecker(letter, config=config).check(letter)
        except UserError as exc:
            self.app.call_from_thread(self._show, [f"The checks could not run: {exc}"], False)
            return
        except Exception as exc:  # the export still works; say the checks did not
            self.app.call_from_thread(self._show, [f"The checks stopped ({type(exc).__name__})."], False)
            return
        self.app.call_from_thread(self._show, summary_lines(report, letter), report.report.has_errors)

    def _show(self, lines: list[str], errors: bool) -> None:
        self.lines = lines
        self.set_class(errors, "-errors")
        self.update("\n".join(lines))
