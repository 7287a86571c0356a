"""The letter changed elsewhere: say so plainly, and let the IRO reload it, compare, or keep theirs.

`ChangedElsewhereScreen` says who saved which revision when, and that this window's text is kept
as a revision of its own (nothing was lost, nothing was written over). It dismisses with "reload",
"compare" or "mine". `CompareScreen` shows both texts, part by part where they differ, and
dismisses with "reload", "mine" or "back".
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from letters.model import Letter
from letters.store import LetterChangedElsewhere
from letters.tui import bindings


class ChangedElsewhereScreen(ModalScreen[str]):
    BINDINGS = bindings.CONFLICT

    def __init__(self, problem: LetterChangedElsewhere) -> None:
        super().__init__(classes="dialog-screen")
        self.problem = problem

    def compose(self) -> ComposeResult:
        p = self.problem
        who = p.by or "someone"
        kept = (
            f"What you wrote here is kept as revision {p.kept}, so nothing is lost."
            if p.kept is not None
            else "What you wrote is still here."
        )
        with Vertical(classes="dialog", id="conflict-dialog"):
            yield Static("This letter changed elsewhere", classes="dialog-title")
            yield Static(
                f"{who} saved revision {p.current} at {p.at.astimezone():%H:%M} while you were "
                f"writing here (this window had revision {p.based_on}), so your changes were not "
                f"saved over theirs. {kept}\n\nReload shows the letter as they saved it; compare "
                "shows both; keep mine makes your text the letter's (theirs stays in its history).",
                classes="dialog-text",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload (r)", id="reload", variant="primary")
                yield Button("Compare (c)", id="compare")
                yield Button("Keep mine (k)", id="mine", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#reload", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "compare")


def differences(theirs: Letter, mine: Letter) -> list[tuple[str, str, str]]:
    """(part, their text, my text) for each part of the letter the two differ in."""
    out: list[tuple[str, str, str]] = []
    keys = list(dict.fromkeys([s.key for s in theirs.sections] + [s.key for s in mine.sections]))
    for key in keys:
        a, b = theirs.section(key), mine.section(key)
        heading = (a or b).heading if (a or b) else key  # type: ignore[union-attr]
        a_text = "" if a is None else ("" if a.included else "(left out) ") + a.text
        b_text = "" if b is None else ("" if b.included else "(left out) ") + b.text
        if a_text != b_text:
            out.append((heading, a_text.strip() or "(empty)", b_text.strip() or "(empty)"))

    def decisions(letter: Letter) -> str:
        return "\n".join(
            f"- {d.what} (who: {d.who or '?'}; by when: {d.by_when or '?'})" for d in letter.decisions
        )

    if decisions(theirs) != decisions(mine):
        out.append(("Decisions", decisions(theirs) or "(none)", decisions(mine) or "(none)"))
    for label, attr in (("Child", "child"), ("Meeting", "meeting"), ("People", "people")):
        if getattr(theirs, attr) != getattr(mine, attr):
            out.append((label, "changed", "changed"))
    return out


class CompareScreen(ModalScreen[str]):
    BINDINGS = bindings.COMPARE

    def __init__(self, theirs: Letter, mine: Letter, *, who: str) -> None:
        super().__init__(classes="dialog-screen")
        self.theirs, self.mine, self.who = theirs, mine, who

    def compose(self) -> ComposeResult:
        found = differences(self.theirs, self.mine)
        with Vertical(classes="dialog", id="compare-dialog"):
            yield Static(
                f"Theirs (revision {self.theirs.revision}, {self.who}) and yours (revision "
                f"{self.mine.revision}): {len(found)} part(s) differ",
                classes="dialog-title",
                markup=False,
            )
            with VerticalScroll(id="compare-body"):
                if not found:
                    yield Static("The two texts are the same.", markup=False)
                for heading, theirs, mine in found:
                    yield Static(f"{heading}", classes="compare-heading", markup=False)
                    yield Static(f"Theirs:\n{theirs}", classes="compare-theirs", markup=False)
                    yield Static(f"Yours:\n{mine}", classes="compare-mine", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Use theirs (r)", id="reload", variant="primary")
                yield Button("Use mine (k)", id="mine", variant="warning")
                yield Button("Back (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#reload", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "back")
