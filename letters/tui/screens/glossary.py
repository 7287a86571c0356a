"""The glossary page, chosen in a dialog of the writing screen (ctrl+g): words kept and explained.

Some words stay in a letter because the child will hear them (an IRO, a care order, an advocate).
The dialog lists those the letter uses (`letters.glossary.candidates`, from the last check), each
with a meaning in words for the child's age, filled in from the letter ("That's me, Sam. I check
that your plan is right for you."); the IRO ticks the ones to keep and may change the words. What
is kept is checked as the child reads it before it is kept: a meaning that does not pass says why,
and nothing is kept until every ticked word has a meaning that passes. The page comes last in the
child's letter; a word on it counts as explained wherever the letter uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from letters.config import ChecksConfig
from letters.model import GlossaryEntry, Letter
from letters.tui import bindings
from letters.tui.widgets.text_checkbox import TextCheckbox


@dataclass(slots=True)
class GlossaryRow:
    term: str
    word: str
    meaning: str
    keep: bool
    uses: int  # how many times the letter uses it now (0: no longer)


def glossary_rows(letter: Letter, offered: list[GlossaryRow]) -> list[GlossaryRow]:
    """The words offered, with those already on the page as the IRO left them (a kept word the
    letter no longer uses is listed too, so that it can be taken off)."""
    kept = {g.term: g for g in letter.glossary}
    rows = []
    for row in offered:
        mine = kept.pop(row.term, None)
        if mine is not None:
            row = GlossaryRow(row.term, mine.word, mine.text, True, row.uses)
        rows.append(row)
    rows += [GlossaryRow(g.term, g.word, g.text, True, 0) for g in kept.values()]
    return rows


class GlossaryScreen(ModalScreen[list[GlossaryEntry] | None]):
    """Choose and word the glossary page; dismisses with the entries to keep, or None on escape."""

    DEFAULT_CSS = """
    GlossaryScreen #glossary-dialog { width: 90%; max-width: 110; height: 90%; }
    GlossaryScreen #glossary-rows { height: 1fr; }
    GlossaryScreen .glossary-row { height: auto; margin-bottom: 1; }
    GlossaryScreen .glossary-row Horizontal { height: auto; }
    GlossaryScreen .glossary-row TextCheckbox { width: auto; margin-right: 1; }
    GlossaryScreen .glossary-word { width: 28; margin-right: 1; }
    GlossaryScreen .glossary-meaning { width: 1fr; }
    GlossaryScreen .glossary-note { height: auto; color: $text-muted; }
    GlossaryScreen .glossary-problem { height: auto; color: $text-error; }
    """
    BINDINGS = bindings.GLOSSARY

    def __init__(self, letter: Letter, rows: list[GlossaryRow], config: ChecksConfig) -> None:
        super().__init__(classes="dialog-screen")
        self.letter = letter
        self.rows = rows
        self.config = config

    def compose(self) -> ComposeResult:
        name = self.letter.child.name
        with Vertical(classes="dialog", id="glossary-dialog"):
            yield Static("Words in this letter: the glossary page", classes="dialog-title")
            yield Static(
                f"Words the letter keeps because {name} will hear them. Tick the ones to explain on "
                "a page at the end of the letter, and change the words if you like.",
                classes="dialog-text",
                markup=False,
            )
            with VerticalScroll(id="glossary-rows"):
                if not self.rows:
                    yield Static(
                        "This letter uses no words that need explaining on a glossary page.", markup=False
                    )
                for n, row in enumerate(self.rows):
                    with Vertical(classes="glossary-row", id=f"glossary-{n}"):
                        with Horizontal():
                            yield TextCheckbox("Keep", row.keep, compact=True, classes="glossary-keep")
                            yield Input(row.word, compact=True, classes="glossary-word")
                            yield Input(
                                row.meaning,
                                placeholder=f"What it means, in words {name} knows",
                                compact=True,
                                classes="glossary-meaning",
                            )
                        uses = (
                            "no longer used in the letter: untick it to take it off"
                            if not row.uses
                            else f"used {row.uses} time{'' if row.uses == 1 else 's'}"
                        )
                        yield Static(f"{row.term}: {uses}", classes="glossary-note", markup=False)
                        yield Static("", classes="glossary-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        for line in self.query(".glossary-problem"):
            line.display = False
        boxes = self.query(TextCheckbox)
        if boxes:
            boxes.first().focus()

    def read(self) -> list[GlossaryRow]:
        out = []
        for n, row in enumerate(self.rows):
            box = self.query_one(f"#glossary-{n}")
            out.append(
                GlossaryRow(
                    row.term,
                    " ".join(box.query_one(".glossary-word", Input).value.split()),
                    " ".join(box.query_one(".glossary-meaning", Input).value.split()),
                    box.query_one(TextCheckbox).value,
                    row.uses,
                )
            )
        return out

    def _show(self, problems: dict[int, str]) -> None:
        for n in range(len(self.rows)):
            line = self.query_one(f"#glossary-{n} .glossary-problem", Static)
            message = problems.get(n, "")
            line.update(f"✗ {message}" if message else "")
            line.display = bool(message)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        rows = self.read()
        missing = {
            n: "Write the word and what it means, or untick it."
            for n, r in enumerate(rows)
            if r.keep and not (r.word and r.meaning)
        }
        self._show(missing)
        if missing:
            self.notify("Fix the words marked ✗ first.", severity="warning", timeout=4)
            return
        self._check(rows)

    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False)
    def _check(self, rows: list[GlossaryRow]) -> None:
        """The ticked meanings, checked as the child will read them (a worker: it runs the checks)."""
        from letters.glossary import meaning_problems

        kept = [(n, r) for n, r in enumerate(rows) if r.keep]
        found = meaning_problems(
            [r.meaning for _, r in kept], [r.term for _, r in kept], self.letter, self.config
        )
        problems = {
            n: f"For {self.letter.child.name}: {p}" for (n, _), p in zip(kept, found, strict=True) if p
        }
        self.app.call_from_thread(self._checked, rows, problems)

    def _checked(self, rows: list[GlossaryRow], problems: dict[int, str]) -> None:
        self._show(problems)
        if problems:
            self.notify("Some meanings do not pass the checks: change the words marked ✗.", timeout=5)
            return
        self.dismiss([GlossaryEntry(r.term, r.word, r.meaning) for r in rows if r.keep])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
