"""The apply dialog (f3): choose one of a finding's fixes, fill its slots, see the sentence, apply.

Each fix is listed with its kind (words to use, words to fill in, or advice), whether it means
exactly what the flagged words mean or needs the IRO's judgement, and its note. Advice is shown and
cannot be chosen. A template's slots (`[name]`, `[carers' names]`...) are filled from the letter's
own people and the child's words (`letters.checks.slots.slot_fills`), offered as completions, and
the IRO can type anything else; the sentence as it will read is shown as they go. Nothing is
returned, so nothing is written, until every slot is filled. Every text here is shown as plain
text, never as Rich markup, so "[name]'s meeting" reads as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from letters.tui import bindings

if TYPE_CHECKING:
    from letters.checks.findings import Fix
    from letters.checks.slots import SlotFill
    from letters.model import Letter
    from letters.tui.widgets.findings_list import FindingEntry

KIND_WORDS = {"replace": "words to use", "template": "words to fill in", "advice": "advice: not put in"}


@dataclass(frozen=True, slots=True)
class Chosen:
    """The fix the IRO chose and what they filled its slots with (every slot has a fill)."""

    fix: Fix
    fills: dict[str, str]


def fix_label(fix: Fix) -> Text:
    """A fix as a list option: its words, then its kind, exactness and note, in plain text."""
    label = Text(fix.text, style="bold" if fix.inserts else "")
    about = [KIND_WORDS.get(str(fix.kind), str(fix.kind))]
    if fix.inserts:
        about.append("means the same" if fix.exact else "check it fits what you mean")
    label.append("\n  " + " · ".join(about), style="dim")
    if fix.note:
        label.append(f"\n  {fix.note}", style="dim italic")
    return label


class ApplyScreen(ModalScreen[Chosen | None]):
    """Replace a finding's words with one of its fixes, once every slot in it is filled."""

    BINDINGS = bindings.APPLY

    def __init__(self, entry: FindingEntry, letter: Letter, fixes: Sequence[Fix] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.entry = entry
        self.letter = letter
        offered = tuple(entry.finding.fixes if fixes is None else fixes)  # or made on request (spelling)
        # Words first (in the engine's order, best first), then advice, which cannot be chosen.
        self.fixes = [f for f in offered if f.inserts] + [f for f in offered if not f.inserts]
        self.chosen: Fix | None = None
        self.slots: list[SlotFill] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="apply"):
            yield Static(f"Replace “{self.entry.flagged}” with:", classes="dialog-text", markup=False)
            yield OptionList(
                *[Option(fix_label(f), disabled=not f.inserts) for f in self.fixes], id="choices"
            )
            yield Static("", id="apply-chosen", classes="dialog-text", markup=False)
            yield VerticalScroll(id="slots")
            yield Static("", id="apply-preview", classes="dialog-text", markup=False)
            yield Static("", id="apply-problem", classes="dialog-problem", markup=False)
            yield Static(
                "enter: use it · escape: cancel", id="apply-hint", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#slots").display = False
        self.query_one("#apply-chosen").display = False
        self._say("")
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        self.set_focus(choices)
        self._preview()

    # -- choosing a fix ---------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#choices")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.chosen is None:
            self._preview(self.fixes[event.option_index])

    @on(OptionList.OptionSelected, "#choices")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        fix = self.fixes[event.option_index]
        if not fix.inserts:
            return
        if not fix.slots:
            self.dismiss(Chosen(fix, {}))
            return
        await self._ask_slots(fix)

    async def _ask_slots(self, fix: Fix) -> None:
        from letters.checks.slots import slot_fills

        self.chosen = fix
        self.slots = slot_fills(fix.text, self.letter)
        box = self.query_one("#slots", VerticalScroll)
        await box.remove_children()
        widgets: list[Widget] = []
        for number, slot in enumerate(self.slots):
            offered = f" From the letter: {' · '.join(slot.choices)}." if slot.choices else ""
            widgets.append(Static(f"{slot.slot}: {slot.help}.{offered}", classes="slot-label", markup=False))
            suggester = SuggestFromList(slot.choices, case_sensitive=False) if slot.choices else None
            widgets.append(
                Input(
                    slot.fill,
                    placeholder=f"type {slot.slot[1:-1]}",
                    id=f"slot-{number}",
                    classes="slot",
                    compact=True,
                    suggester=suggester,
                )
            )
        await box.mount_all(widgets)
        box.display = True
        # The list gives way to the slots (room at 80×24): the fix chosen stays named above them.
        choices = self.query_one(OptionList)
        choices.display = False
        self.query_one("#apply-chosen", Static).update(fix_label(fix))
        self.query_one("#apply-chosen").display = True
        self.query_one("#apply-hint", Static).update(
            "Fill in each part (→ takes the suggestion) · enter: apply · escape: cancel"
        )
        self.set_focus(self.query_one("#slot-0", Input))
        self._preview(fix)

    # -- filling the slots ------------------------------------------------------------------------

    def fills(self) -> dict[str, str]:
        return {
            slot.slot: self.query_one(f"#slot-{n}", Input).value.strip() for n, slot in enumerate(self.slots)
        }

    @on(Input.Changed, ".slot")
    def _filled(self) -> None:
        self._say("")
        self._preview(self.chosen)

    @on(Input.Submitted, ".slot")
    def _slot_done(self, event: Input.Submitted) -> None:
        inputs = list(self.query(".slot").results(Input))
        empty = [box for box in inputs if not box.value.strip()]
        if empty:
            if event.input in inputs and event.input is not inputs[-1] and event.input.value.strip():
                self.set_focus(inputs[inputs.index(event.input) + 1])
                return
            missing = ", ".join(self.slots[inputs.index(box)].slot for box in empty)
            self._say(f"✗ Fill in {missing} first: nothing is written until then.")
            self.set_focus(empty[0])
            return
        self.action_apply()

    def action_apply(self) -> None:
        if self.chosen is None:
            return
        from letters.checks.fixes import FixError, fill_template

        fills = self.fills()
        try:
            fill_template(self.chosen.text, fills)
        except FixError as exc:
            self._say(f"✗ {exc}")
            return
        self.dismiss(Chosen(self.chosen, fills))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, problem: str) -> None:
        line = self.query_one("#apply-problem", Static)
        line.update(problem)
        line.display = bool(problem)  # no blank line when there is nothing wrong

    # -- the sentence as it will read -------------------------------------------------------------

    def _preview(self, fix: Fix | None = None) -> None:
        line = self.query_one("#apply-preview", Static)
        fix = fix or next((f for f in self.fixes if f.inserts), None)
        if fix is None or not fix.inserts:
            line.update("")
            return
        from letters.checks.fixes import FixError, apply_fix

        entry, fills = self.entry, self.fills() if fix is self.chosen else {}
        try:
            edit = apply_fix(entry.text, entry.finding.start, entry.finding.end, fix, fills)
        except FixError:  # slots still to fill: show where they go
            edit = apply_fix(entry.text, entry.finding.start, entry.finding.end, fix, _as_written(fix))
        except ValueError:
            line.update("")
            return
        line.update("It will read: " + _sentence_around(edit.applied_to(entry.text), *edit.inserted))


def _as_written(fix: Fix) -> dict[str, str]:
    from letters.checks.slots import slots_in

    return {slot: "…" + slot[1:-1] + "…" for slot in slots_in(fix.text)}


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], on one line (at most about 200 characters)."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    right_marks = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    right = min(right_marks) + 1 if right_marks else len(text)
    sentence = " ".join(text[left + 1 : right].split())
    return sentence if len(sentence) <= 200 else sentence[:197] + "…"
