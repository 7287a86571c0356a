"""The live checks on the writing screen: run in a worker, then shown as marks, flags, gauges, findings.

A moment after each edit the checks run on a copy of the letter in a thread worker (`group="checks"`,
exclusive, incremental: one `LetterChecker` kept for the letter), so typing never waits for them.
The report comes back to the UI thread and is the only map from findings to sections: the section
marks, the flagged words in the editor, the reading-age gauges and the findings list are all read
from it (`LetterReport.in_section`), never rebuilt here. The checking engine is imported inside the
worker only (importing it loads the tokenizer).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.widgets import Static
from textual.worker import get_current_worker

from letters.model import SINCE_LAST, Outcome
from letters.tui.screens.writing_save import snapshot
from letters.tui.widgets.findings_list import FindingEntry, FindingsList
from letters.tui.widgets.flagged_text_area import Flag, FlaggedTextArea
from letters.tui.widgets.reading_gauge import ReadingGauge, gauge_notes
from letters.tui.widgets.section_list import SectionList

if TYPE_CHECKING:
    from textual.timer import Timer

    from letters.checks import LetterChecker, LetterReport
    from letters.model import Letter
    from letters.tui.screens.writing import WritingScreen

CHECK_DELAY = 0.15  # seconds after a keystroke before the checks start


class LiveChecks:
    """Checks the letter on screen as it changes and shows what they found."""

    def __init__(self, screen: WritingScreen) -> None:
        self.screen = screen
        self.report: LetterReport | None = None
        self.problem: str | None = None  # why the checks are off, in words
        self.checker: LetterChecker | None = None
        self._lock = threading.Lock()
        self._timer: Timer | None = None

    # -- running ----------------------------------------------------------------------------------

    def changed(self) -> None:
        """The letter changed: check it again once the key presses pause for a moment."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(CHECK_DELAY, self.run)

    def run(self) -> None:
        letter = snapshot(self.screen.letter)
        self.screen.run_worker(
            lambda: self._check(letter), thread=True, exclusive=True, group="checks", exit_on_error=False
        )

    def _check(self, letter: Letter) -> None:
        """In the worker: check `letter` (a copy) and hand the report to the UI thread."""
        worker = get_current_worker()
        from letters.errors import UserError

        with self._lock:
            if worker.is_cancelled:
                return
            try:
                from letters.checks import LetterChecker

                if self.checker is None:
                    self.checker = LetterChecker(letter, config=self.screen.app.config.checks)
                report = self.checker.check(letter)
            except UserError as exc:
                self.screen.app.call_from_thread(self._failed, str(exc))
                return
            except Exception as exc:  # the letter is still written and saved without checks
                self.screen.app.call_from_thread(self._failed, f"the checks stopped ({type(exc).__name__}).")
                return
        if not worker.is_cancelled:
            self.screen.app.call_from_thread(self._done, report)

    def _failed(self, problem: str) -> None:
        self.problem = f"✗ Checks off: {problem}"
        self.screen.show_status()

    def _done(self, report: LetterReport) -> None:
        self.report = report
        self.problem = None
        self.show()
        self.screen.show_status()

    def status(self) -> str:
        return self.problem or ("Checking…" if self.report is None else "")

    # -- showing ----------------------------------------------------------------------------------

    def entries_for(self, key: str) -> list[FindingEntry]:
        """Findings in a section (and, for "what we decided", in each decision), from the report."""
        if self.report is None:
            return []
        return [FindingEntry(p.part, p.finding, p.text) for p in self.report.in_section(key)]

    def show(self) -> None:
        """Show the last report: section marks, then the open section's findings."""
        self.show_marks()
        self.show_current()

    def show_marks(self) -> None:
        letter, report = self.screen.letter, self.report
        counts = {s.key: report.count_in(s.key) if report else 0 for s in letter.sections}
        filled = {"decisions"} if letter.decisions else set()
        if letter.followups and all(f.outcome is not Outcome.UNRECORDED for f in letter.followups):
            filled.add(SINCE_LAST)  # what happened is said for each of last time's decisions
        self.screen.query_one(SectionList).show_sections(letter.sections, counts, self.screen.current, filled)

    def show_current(self) -> None:
        """The open section's findings in the list, its flagged words in the editor, the gauges."""
        screen = self.screen
        entries = self.entries_for(screen.current)
        screen.query_one(FindingsList).show_entries(entries)
        screen.refresh_bindings()  # apply / ignore / why depend on there being findings
        flags = [
            Flag(e.finding.start, e.finding.end, e.flagged, str(e.finding.severity))
            for e in entries
            if not e.part.is_decision
        ]
        screen.query_one(FlaggedTextArea).set_flags(flags)
        self._show_gauges()

    def _show_gauges(self) -> None:
        """Reading age of the open section and of the letter, against the target, in words too."""
        if self.report is None:
            return
        screen, whole = self.screen, self.report.report
        section = self.report.section_verdicts.get(screen.current)
        screen.query_one("#gauge-letter", ReadingGauge).show(self.report.verdict)
        screen.query_one("#gauge-section", ReadingGauge).show(section)
        shown = [f.message for f in self.report.letter_wide]
        notes = gauge_notes(self.report.verdict, section, shown)
        target = f"Target reading age: {whole.target:g} or under"
        target += "".join(f"\n{n}" for n in notes) + "".join(f"\n! {m}" for m in shown)
        screen.query_one("#target", Static).update(target)
