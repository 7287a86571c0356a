"""The child's own words (their words profile), edited in a dialog of the writing screen (f9).

What the child calls their mum, dad, parents, carers, home, brothers and sisters and their IRO; any
other words of theirs; and words not to use with them. Each box says what it is for and how the
letter uses it; a word too long is named at once and nothing is kept until every box is right.
The profile comes forward into the child's next letter (`letters.followup.next_letter`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from letters import limits
from letters.child_words import LABELS
from letters.model import CHILD_WORDS, ChildWords
from letters.tui import bindings
from letters.tui.forms import parse_words

#: Placeholders: an example of each, so the IRO sees what kind of words go in.
EXAMPLES = {
    "mum": "Mummy Jo",
    "dad": "Dad",
    "parents": "Mum and Steve",
    "carers": "Nan and Grandad",
    "home": "Nan's house",
    "siblings": "Kai and Rosie",
    "iro": "Sam",
}


def words_problems(words: ChildWords) -> dict[str, str]:
    """Box -> what is wrong with it, in words (nothing: the profile can be kept)."""
    problems = {}
    for key in CHILD_WORDS:
        if message := limits.text_problem(getattr(words, key), limits.SHORT_CHARS):
            problems[key] = message
    for key, values in (("other", words.other), ("avoid", words.avoid)):
        too_long = next((w for w in values if len(w) > limits.SHORT_CHARS), None)
        if too_long or len(values) > limits.LIST_ITEMS:
            problems[key] = (
                f"Keep each word to {limits.SHORT_CHARS} characters, and at most {limits.LIST_ITEMS} of them."
            )
    return problems


class ChildWordsScreen(ModalScreen[ChildWords | None]):
    """Edit the child's own words; dismisses with the profile to keep, or None on escape."""

    DEFAULT_CSS = """
    ChildWordsScreen #words-dialog { width: 90%; max-width: 100; height: 90%; }
    ChildWordsScreen #words-boxes { height: 1fr; }
    ChildWordsScreen .words-row { height: auto; }
    ChildWordsScreen .words-label { width: 24; padding-right: 1; text-style: bold; }
    ChildWordsScreen .words-row Input { width: 1fr; }
    ChildWordsScreen .words-problem { height: auto; color: $text-error; padding-left: 24; }
    ChildWordsScreen .words-hint { height: auto; color: $text-muted; margin-top: 1; }
    """
    BINDINGS = bindings.CHILD_WORDS

    def __init__(self, words: ChildWords, child: str) -> None:
        super().__init__(classes="dialog-screen")
        self.words = words
        self.child = child or "the child"

    def _row(self, key: str, label: str, value: str, placeholder: str) -> ComposeResult:
        with Horizontal(classes="words-row"):
            yield Static(label, classes="words-label", markup=False)
            yield Input(value, placeholder=placeholder, compact=True, id=f"words-{key}")
        yield Static("", classes="words-problem", id=f"words-{key}-problem", markup=False)

    def compose(self) -> ComposeResult:
        w = self.words
        with Vertical(classes="dialog", id="words-dialog"):
            yield Static(f"{self.child}'s own words", classes="dialog-title", markup=False)
            yield Static(
                f"What {self.child} calls the people and places in their life. The checks never "
                "flag these words, and suggestions use them first. They come forward into the "
                "next letter.",
                classes="dialog-text",
                markup=False,
            )
            with VerticalScroll(id="words-boxes"):
                for key in CHILD_WORDS:
                    yield from self._row(key, LABELS[key], getattr(w, key), f"e.g. {EXAMPLES[key]}")
                yield Static("Separate words with commas.", classes="words-hint")
                yield from self._row(
                    "other", "Other words of theirs", ", ".join(w.other), "e.g. Biscuit, my room"
                )
                yield from self._row(
                    "avoid", "Words not to use", ", ".join(w.avoid), "e.g. foster, placement"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query(Input).first().focus()
        self._show_problems()

    def read(self) -> ChildWords:
        value = {key: " ".join(self.query_one(f"#words-{key}", Input).value.split()) for key in CHILD_WORDS}
        return ChildWords(
            **value,
            other=parse_words(self.query_one("#words-other", Input).value),
            avoid=parse_words(self.query_one("#words-avoid", Input).value),
        )

    def _show_problems(self) -> dict[str, str]:
        problems = words_problems(self.read())
        for key in (*CHILD_WORDS, "other", "avoid"):
            line = self.query_one(f"#words-{key}-problem", Static)
            message = problems.get(key, "")
            line.update(f"✗ {message}" if message else "")
            line.display = bool(message)
        return problems

    @on(Input.Changed)
    def _typed(self) -> None:
        self._show_problems()

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        if self._show_problems():
            self.notify("Fix the boxes marked ✗ first.", severity="warning", timeout=4)
            return
        self.dismiss(self.read())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
