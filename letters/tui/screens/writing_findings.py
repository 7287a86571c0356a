"""Acting on findings on the writing screen: go to the next one, apply a fix, ignore it, ask why.

The finding acted on is the one under the editor's cursor, else the one highlighted in the list.
Findings come from the live checks' report (`LiveChecks.entries_for`). A fix is chosen and its
slots filled in the apply dialog (`apply.ApplyScreen`), fitted to the sentence by
`letters.checks.fixes.apply_fix`, and written into the section's editor or the decision's row only
if the flagged words are still where they were checked.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.widgets import Input
from textual.widgets.text_area import Selection

from letters.checks.rules import rule_for
from letters.model import SINCE_LAST
from letters.tui.screens.confirm import MessageScreen
from letters.tui.widgets.findings_list import FindingEntry, FindingsList
from letters.tui.widgets.flagged_text_area import FlaggedTextArea

if TYPE_CHECKING:
    from letters.checks.findings import Fix
    from letters.checks.rules.base import Rule
    from letters.tui.screens.apply import Chosen
    from letters.tui.screens.writing import WritingScreen

LONG_SPAN = 60  # a flagged span longer than this is a sentence: ignoring it turns the rule off


class FindingActions:
    """The writing screen's f2–f5 and choosing a finding in the list."""

    def __init__(self, screen: WritingScreen) -> None:
        self.screen = screen

    @property
    def _editor(self) -> FlaggedTextArea:
        return self.screen.query_one(FlaggedTextArea)

    @property
    def _findings(self) -> FindingsList:
        return self.screen.query_one(FindingsList)

    def any(self) -> bool:
        return bool(self._findings.entries)

    # -- which finding ----------------------------------------------------------------------------

    def current_entry(self) -> FindingEntry | None:
        """The finding under the editor's cursor, else the one highlighted in the list."""
        findings = self._findings
        if self.screen.focused is not findings:
            editor = self._editor
            first, last = sorted(editor.index_of(end) for end in editor.selection)
            for index, entry in enumerate(findings.entries):
                f = entry.finding
                if not entry.part.is_decision and f.start <= first and last <= f.end:
                    findings.highlighted = index
                    return entry
        return findings.current

    def select(self, entry: FindingEntry) -> None:
        findings = self._findings
        if entry in findings.entries:
            findings.highlighted = findings.entries.index(entry)
        if entry.part.is_decision:
            return
        editor = self._editor
        editor.selection = Selection(
            editor.location_of(entry.finding.start), editor.location_of(entry.finding.end)
        )
        editor.scroll_cursor_visible()
        editor.focus()

    def _is_selected(self, entry: FindingEntry) -> bool:
        editor = self._editor
        start, end = sorted(editor.selection)
        return (editor.index_of(start), editor.index_of(end)) == (entry.finding.start, entry.finding.end)

    def next_finding(self) -> None:
        screen = self.screen
        entries_for = screen.checks.entries_for
        keys = [s.key for s in screen.letter.sections]
        entries = entries_for(screen.current)
        here = [e for e in entries if not e.part.is_decision]
        editor = self._editor
        offset = editor.index_of(editor.selection.end)
        after = [e for e in here if e.finding.start >= offset and not self._is_selected(e)]
        if after:
            self.select(min(after, key=lambda e: e.finding.start))
            return
        others = [e for e in entries if e.part.is_decision]
        if others:
            self.select(others[0])
            return
        start = keys.index(screen.current) if screen.current in keys else 0
        for step in range(1, len(keys) + 1):
            key = keys[(start + step) % len(keys)]
            found = entries_for(key)
            if found:
                if key != screen.current:
                    screen.open_section(key)
                editor.move_cursor((0, 0))
                self.select(entries_for(key)[0])
                return
        screen.notify("No findings: nothing to fix in this letter.", timeout=3)

    # -- apply, ignore, why -----------------------------------------------------------------------

    def apply(self) -> None:
        """Open the apply dialog on the finding, unless it has only advice (said in a message)."""
        entry = self.current_entry()
        if entry is None:
            return
        rule = rule_for(entry.finding.rule)
        if not entry.fixes and rule is not None and rule.lazy_fixes:
            # Fixes too slow to make for every finding (spelling): made now, off the UI thread.
            self.screen.run_worker(
                partial(self._ask_rule, rule, entry), thread=True, group="more-fixes", exclusive=True
            )
            return
        self._offer(entry, entry.finding.fixes)

    def _ask_rule(self, rule: Rule, entry: FindingEntry) -> None:
        found = tuple(rule.more_fixes(entry.finding, entry.flagged))
        self.screen.app.call_from_thread(self._offer, entry, found + entry.finding.fixes)

    def _offer(self, entry: FindingEntry, fixes: tuple[Fix, ...]) -> None:
        if not any(f.inserts for f in fixes):
            tip = f" Tip: {entry.advice[0]}" if entry.advice else ""
            self.screen.notify(
                "No ready-made fix for this one: rewrite it in your own words."
                + tip
                + " Press f5 to see why it was flagged.",
                markup=False,
            )
            return
        from letters.tui.screens.apply import ApplyScreen

        def chosen(choice: Chosen | None) -> None:
            if choice is not None:
                self._write(entry, choice)

        self.screen.app.push_screen(ApplyScreen(entry, self.screen.letter, fixes), chosen)

    def _write(self, entry: FindingEntry, choice: Chosen) -> None:
        """Write the chosen fix into the section's editor or the decision's row, fitted to the
        sentence as it is now, if the flagged words are still where they were checked."""
        from letters.checks.fixes import FixError, apply_fix

        screen = self.screen
        start, end = entry.finding.start, entry.finding.end
        what: Input | None = None
        if entry.part.decision is None:
            current = self._editor.text
        elif entry.part.section == SINCE_LAST:  # what happened to last time's decision
            followups = screen.next_parts.followups_editor()
            found = followups.locate(entry.part.decision, start, end, entry.flagged) if followups else None
            if found is None:
                screen.notify(
                    "Those words are not in a box you wrote (or have changed since the check): "
                    "choose what happened and write the sentence yourself.",
                    markup=False,
                )
                return
            what, offset = found
            start, end = start + offset, end + offset
            current = what.value
        else:
            decisions = screen.decisions_editor()
            rows = decisions.rows if decisions is not None else []
            if entry.part.decision >= len(rows):
                return
            what = rows[entry.part.decision].query_one(".what", Input)
            current = what.value
        if current[start:end] != entry.flagged:
            screen.notify("The text has changed since it was checked: try again in a moment.")
            return
        try:
            edit = apply_fix(current, start, end, choice.fix, choice.fills)
        except FixError as exc:  # the dialog only returns complete fills: say so if not
            screen.notify(str(exc), severity="error", markup=False)
            return
        if what is not None:
            what.value = edit.applied_to(current)
        else:
            editor = self._editor
            editor.replace(edit.new, editor.location_of(edit.start), editor.location_of(edit.end))
            editor.move_cursor(editor.location_of(edit.inserted[1]))
            editor.focus()
        replaced = current[edit.start : edit.end]
        screen.notify(f"Replaced “{replaced}” with “{edit.new}”.", timeout=3, markup=False)

    def ignore(self) -> None:
        """Accept the flagged words in this letter (or, for a long span, switch the rule off).

        Switching a rule off, or accepting words flagged as an error, needs a reason: it is kept
        for the audit (`Store.waive`) before the letter changes, and the pre-send gate reads it.
        """
        from letters.tui.screens.reason import ReasonScreen

        entry = self.current_entry()
        if entry is None:
            return
        screen = self.screen
        words = entry.flagged.strip()
        rule = entry.finding.rule
        if len(words) > LONG_SPAN or not words:

            def turn_off(reason: str | None) -> None:
                if reason and rule not in screen.letter.disabled_rules:
                    self._waive("rule", rule, reason, f"The {rule} check is off for this letter.")

            screen.app.push_screen(
                ReasonScreen(
                    f"Turn the {rule} check off for this letter?",
                    "Why? The reason is kept with the letter for the audit.",
                    go="Turn off",
                ),
                turn_off,
            )
            return
        accepted = f"“{words}” is accepted in this letter from now on."
        if str(entry.finding.severity) == "error":

            def accept(reason: str | None) -> None:
                if reason:
                    self._waive("words", words, reason, accepted)

            screen.app.push_screen(
                ReasonScreen(
                    f"Accept “{words[:40]}” in this letter?",
                    "It is flagged as an error. Why may it stay? The reason is kept with the letter "
                    "for the audit.",
                    go="Accept",
                    detail=entry.finding.message,
                ),
                accept,
            )
            return
        if words not in screen.letter.allow:
            screen.letter.allow.append(words)
        self._settings_changed(accepted)

    def _waive(self, kind: str, value: str, reason: str, message: str) -> None:
        """Keep the reason, then change the letter (a failure leaves the letter as it was)."""
        screen = self.screen
        letter_id = screen.letter.id
        if letter_id is None:
            return

        def done(_: None) -> None:
            target = screen.letter.disabled_rules if kind == "rule" else screen.letter.allow
            if value not in target:
                target.append(value)
            self._settings_changed(message)

        screen.app.db(
            lambda store: store.waive(letter_id, kind, value, reason),
            done,
            failed="Could not keep the reason",
        )

    def _settings_changed(self, message: str) -> None:
        self.screen.notify(message, timeout=4, markup=False)
        self.screen.letter_changed()

    def why(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        f = entry.finding
        lines = [f.message]
        if f.reason:
            lines += ["", f.reason]
        if f.suggestions:
            lines += ["", "Try: " + " / ".join(f.suggestions)]
        lines += ["", f"Rule: {f.rule} ({f.severity}). f4 accepts these words in this letter."]
        title = f"Why “{entry.flagged}” was flagged" if len(entry.flagged) <= 40 else "Why this was flagged"
        self.screen.app.push_screen(MessageScreen(title, "\n".join(lines)))
