"""Grading one sampled letter: each rubric question with its evidence, answer, comment and reason.

Answers start as the evidence suggests (or as the last grading had them). Choosing an answer that
differs from the suggestion shows a "why" box: the reason is required and kept. Saving checks
everything in `letters.audit.grade` (in a worker); a problem is shown and nothing is lost from the
form. Dismisses with True when a grading was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, RadioButton, RadioSet, Select, Static

from letters.audit.grade import Answer, Draft, Grade
from letters.tui import bindings

if TYPE_CHECKING:
    from letters.audit.evidence import Evidence, LetterFacts
    from letters.audit.grade import Grading
    from letters.audit.rubric import Rubric
    from letters.store import Store
    from letters.tui.app import LettersApp

ANSWERS = tuple(Answer)


@dataclass(frozen=True, slots=True)
class GradeForm:
    rubric: Rubric
    facts: LetterFacts
    evidence: dict[str, Evidence]
    previous: Grading | None


class GradeScreen(Screen[bool]):
    """Answer the rubric for one letter and give it an overall grade."""

    HELP_TITLE = "Grade a letter"
    DEFAULT_CSS = """
    GradeScreen #grade-head { height: auto; margin: 1 2 0 2; text-style: bold; }
    GradeScreen #grade-form { height: 1fr; margin: 1 1 0 1; }
    GradeScreen .question { height: auto; margin-bottom: 1; padding: 0 1; border-left: thick $primary; }
    GradeScreen .question-text { text-style: bold; }
    GradeScreen .evidence { color: $text-muted; }
    GradeScreen .answer-row { height: auto; }
    GradeScreen RadioSet { layout: horizontal; height: auto; width: auto; border: none; }
    GradeScreen RadioSet > RadioButton { width: auto; margin-right: 1; }
    GradeScreen .answer-row Input { width: 1fr; }
    GradeScreen .reason.hidden { display: none; }
    GradeScreen #overall-row { height: auto; margin: 0 1; }
    GradeScreen #overall { width: 40; }
    GradeScreen #overall-comment { width: 1fr; }
    GradeScreen #grade-actions { height: auto; margin: 1 1 0 1; }
    GradeScreen #grade-actions Button { margin-right: 2; }
    """
    BINDINGS = bindings.AUDIT_GRADE

    app: LettersApp

    def __init__(self, letter_id: int, month: str, auditor: str) -> None:
        super().__init__(id="grade")
        self.letter_id, self.month, self.auditor = letter_id, month, auditor
        self.form: GradeForm | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Letter {self.letter_id}: loading the evidence...", id="grade-head", markup=False)
        yield VerticalScroll(id="grade-form")
        with Horizontal(id="overall-row"):
            yield Select([(g.value, g) for g in Grade], prompt="Overall grade", id="overall")
            yield Input(placeholder="Overall comment", id="overall-comment")
        with Horizontal(id="grade-actions"):
            yield Button("Save (ctrl+s)", id="grade-save", variant="primary")
            yield Button("Back (esc)", id="grade-back")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Grade letter {self.letter_id}"
        letter_id, month, app = self.letter_id, self.month, self.app

        def job(store: Store) -> GradeForm:
            from letters.audit.figures import Period

            service = app.audit_service(store)
            _, facts, evidence = service.evidence(letter_id)
            previous = service.gradings(Period.parse(month)).get(letter_id)
            return GradeForm(service.rubric, facts, evidence, previous)

        self.app.db(job, self._build, failed="Could not load the letter's evidence")

    def _build(self, form: GradeForm) -> None:
        self.form = form
        f = form.facts
        self.query_one("#grade-head", Static).update(
            f"Letter {f.letter_id} · child {f.ref} · {f.age_band} · IRO {f.iro or '(none)'} · "
            f"meeting {f.meeting_date:%-d %b %Y} · sent "
            f"{f'{f.sent_on:%-d %b %Y}' if f.sent_on else 'not yet'}"
        )
        body = self.query_one("#grade-form", VerticalScroll)
        for n, q in enumerate(form.rubric.questions, start=1):
            ev = form.evidence[q.id]
            before = form.previous.answer(q.id) if form.previous else None
            chosen = before.answer if before else ev.suggested
            suggests = f" Suggests: {ev.suggested}." if ev.suggested else ""
            body.mount(
                Vertical(
                    Static(f"{n}. {q.text}", classes="question-text", markup=False),
                    Static(f"Evidence: {ev.text}{suggests}", classes="evidence", markup=False),
                    Horizontal(
                        RadioSet(
                            *[
                                RadioButton(a.value, value=a is chosen, id=f"answer-{q.id}-{a.name.lower()}")
                                for a in ANSWERS
                            ],
                            id=f"answer-{q.id}",
                        ),
                        Input(
                            before.comment if before else "",
                            placeholder="Comment",
                            id=f"comment-{q.id}",
                            compact=True,
                        ),
                        classes="answer-row",
                    ),
                    Input(
                        before.reason if before else "",
                        placeholder="Why you disagree with the evidence (required)",
                        id=f"reason-{q.id}",
                        classes="reason",
                        compact=True,
                    ),
                    classes="question",
                    id=f"question-{q.id}",
                )
            )
        if form.previous is not None:
            self.query_one("#overall", Select).value = form.previous.overall
            self.query_one("#overall-comment", Input).value = form.previous.comment
        self.call_after_refresh(self._show_reasons)

    def _answer(self, qid: str) -> Answer | None:
        radio = self.query_one(f"#answer-{qid}", RadioSet)
        index = radio.pressed_index
        return ANSWERS[index] if index >= 0 else None

    def _show_reasons(self) -> None:
        """Show the "why" box only where the answer differs from the evidence's suggestion."""
        if self.form is None:
            return
        for q in self.form.rubric.questions:
            suggested = self.form.evidence[q.id].suggested
            answer = self._answer(q.id)
            differs = suggested is not None and answer is not None and answer is not suggested
            self.query_one(f"#reason-{q.id}", Input).set_class(not differs, "hidden")

    @on(RadioSet.Changed)
    def _answer_changed(self) -> None:
        self._show_reasons()

    def draft(self) -> Draft:
        """What is on the form now (checked against the rubric when saved)."""
        assert self.form is not None
        answers: dict[str, Answer] = {}
        comments: dict[str, str] = {}
        reasons: dict[str, str] = {}
        for q in self.form.rubric.questions:
            answer = self._answer(q.id)
            if answer is not None:
                answers[q.id] = answer
            comments[q.id] = self.query_one(f"#comment-{q.id}", Input).value
            reason = self.query_one(f"#reason-{q.id}", Input)
            if not reason.has_class("hidden"):
                reasons[q.id] = reason.value
        overall = self.query_one("#overall", Select).value
        return Draft(
            answers,
            comments,
            reasons,
            overall if isinstance(overall, Grade) else None,
            self.query_one("#overall-comment", Input).value,
        )

    @on(Button.Pressed, "#grade-save")
    def action_save(self) -> None:
        if self.form is None:
            return
        draft, letter_id, month = self.draft(), self.letter_id, self.month
        auditor, app = self.auditor, self.app

        def job(store: Store) -> Grading:
            return app.audit_service(store).grade(letter_id, auditor, draft, month)

        def done(grading: Grading) -> None:
            self.notify(f"Graded letter {letter_id}: {grading.overall}.", markup=False)
            self.dismiss(True)

        self.app.db(job, done, failed="Could not save the grading")

    @on(Button.Pressed, "#grade-back")
    def action_cancel(self) -> None:
        self.dismiss(False)
