"""Grading one sampled letter: each rubric question with its evidence, answer, comment and reason.

Answers start as the evidence suggests (or as the last grading had them). Choosing an answer that
differs from the suggestion shows a "why" box: the reason is required and kept. Saving with
answers still as the software suggested them asks first ("7 answers are the evidence's
suggestions..."), so one ctrl+s never accepts them all unseen. Saving checks everything in
`letters.audit.grade` (in a worker); every problem is listed at the top and nothing is lost from
the form. Esc asks before throwing away a half-done grading. Earlier gradings are listed with who
and when. The chosen answer is marked ● (others ○), so it shows without colour (NO_COLOR).
Dismisses with True when a grading was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, RadioButton, RadioSet, Select, Static

from letters.audit.grade import Answer, Draft, Grade, GradeError
from letters.errors import UserError
from letters.tui import bindings

if TYPE_CHECKING:
    from letters.audit.evidence import Evidence, LetterFacts
    from letters.audit.grade import Grading
    from letters.audit.rubric import Rubric
    from letters.audit.service import GradingInfo
    from letters.store import Store
    from letters.tui.app import LettersApp

ANSWERS = tuple(Answer)


class AnswerButton(RadioButton):
    """A radio button whose mark is a symbol as well as a shade: ● chosen, ○ not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button


@dataclass(frozen=True, slots=True)
class GradeForm:
    rubric: Rubric
    facts: LetterFacts
    evidence: dict[str, Evidence]
    previous: Grading | None
    history: list[GradingInfo]
    amended: list[str]  # a letter changed after sending: both texts (names out), else []


def history_text(history: list[GradingInfo]) -> str:
    """Earlier gradings, newest last: "3 Feb 2026 10:00 Good by Ann Auditor; ..."."""
    if not history:
        return "Not graded before."
    shown = [
        f"{g.graded_at.astimezone():%-d %b %Y %H:%M} {g.overall} by {g.auditor}"
        + (" (an earlier sample)" if g.old_sample else "")
        for g in history[-4:]
    ]
    more = f" (and {len(history) - 4} earlier)" if len(history) > 4 else ""
    return f"Graded before{more}: " + "; ".join(shown) + "."


class GradeScreen(Screen[bool]):
    """Answer the rubric for one letter and give it an overall grade."""

    HELP_TITLE = "Grade a letter"
    DEFAULT_CSS = """
    GradeScreen #grade-head { height: auto; margin: 1 2 0 2; text-style: bold; }
    GradeScreen #grade-history { height: auto; margin: 0 2; color: $text-muted; }
    GradeScreen #grade-amended { height: auto; max-height: 12; overflow-y: auto; margin: 0 2; }
    GradeScreen #grade-amended { color: $text-warning; }
    GradeScreen #grade-problems { height: auto; margin: 0 2; color: $text-error; text-style: bold; }
    GradeScreen #grade-problems.hidden { display: none; }
    GradeScreen #grade-amended.hidden { display: none; }
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
        self._start: Draft | None = None  # the form as first shown, to know what has changed
        self._chosen: set[str] = set()  # questions whose answer the auditor chose themselves

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Letter {self.letter_id}: loading the evidence...", id="grade-head", markup=False)
        yield Static("", id="grade-history", markup=False)
        yield Static("", id="grade-amended", classes="hidden", markup=False)
        yield Static("", id="grade-problems", classes="hidden", markup=False)
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
            from letters.audit.amendments import both_texts

            previous = service.gradings(Period.parse_month(month)).get(letter_id)
            history = service.grading_history(letter_id)
            amended = both_texts(store, facts, identify=False)
            return GradeForm(service.rubric, facts, evidence, previous, history, amended)

        self.app.db(job, self._build, failed="Could not load the letter's evidence")

    def _build(self, form: GradeForm) -> None:
        self.form = form
        f = form.facts
        self.query_one("#grade-head", Static).update(
            f"Letter {f.letter_id} · child {f.ref} · {f.age_band} · IRO {f.iro or '(none)'} · "
            f"meeting {f.meeting_date:%-d %b %Y} · sent "
            f"{f'{f.sent_on:%-d %b %Y}' if f.sent_on else 'not yet'}"
        )
        self.query_one("#grade-history", Static).update(
            f"Grading as {self.auditor}. {history_text(form.history)}"
        )
        amended = self.query_one("#grade-amended", Static)
        amended.update("Amended after sending. " + "\n".join(form.amended) if form.amended else "")
        amended.set_class(not form.amended, "hidden")
        if form.previous is not None:  # the last grading's answers were a person's choices
            self._chosen = {a.question for a in form.previous.answers}
        body = self.query_one("#grade-form", VerticalScroll)
        mounts = []
        for n, q in enumerate(form.rubric.questions, start=1):
            ev = form.evidence[q.id]
            before = form.previous.answer(q.id) if form.previous else None
            chosen = before.answer if before else ev.suggested
            suggests = f" Suggests: {ev.suggested}." if ev.suggested else ""
            mounts.append(
                body.mount(
                    Vertical(
                        Static(f"{n}. {q.text}", classes="question-text", markup=False),
                        Static(f"Evidence: {ev.text}{suggests}", classes="evidence", markup=False),
                        Horizontal(
                            RadioSet(
                                *[
                                    AnswerButton(
                                        a.value, value=a is chosen, id=f"answer-{q.id}-{a.name.lower()}"
                                    )
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
            )
        if form.previous is not None:
            self.query_one("#overall", Select).value = form.previous.overall
            self.query_one("#overall-comment", Input).value = form.previous.comment

        async def when_mounted() -> None:
            for mount in mounts:  # a radio set takes its pressed button once it is mounted
                await mount
            self.call_after_refresh(self._ready)

        self.run_worker(when_mounted(), group="grade-form")

    def _ready(self) -> None:
        """The form as first shown, once every question is mounted: what later edits are compared
        with (so that leaving without a change never asks to throw it away)."""
        self._show_reasons()
        self._start = self.draft()

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
    def _answer_changed(self, event: RadioSet.Changed) -> None:
        if self._start is not None and event.radio_set.id:  # not the buttons' first values
            self._chosen.add(event.radio_set.id.removeprefix("answer-"))
        self._show_reasons()

    def unseen(self) -> list[str]:
        """Questions whose answer is still the evidence's suggestion, never chosen by the auditor."""
        if self.form is None:
            return []
        draft = self.draft()
        return [
            q.id
            for q in self.form.rubric.questions
            if q.id not in self._chosen
            and self.form.evidence[q.id].suggested is not None
            and draft.answers.get(q.id) is self.form.evidence[q.id].suggested
        ]

    def changed(self) -> bool:
        return self._start is not None and self.draft() != self._start

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
        unseen = self.unseen()
        if not unseen:
            self._save()
            return
        from letters.tui.screens.confirm import ConfirmScreen

        numbers = [str(self.form.rubric.ids.index(q) + 1) for q in unseen]
        n = len(unseen)
        question = (
            f"{n} answer{'s are' if n != 1 else ' is'} still as the evidence suggested and "
            f"{'were' if n != 1 else 'was'} not chosen by you (question{'s' if n != 1 else ''} "
            f"{', '.join(numbers)}). Save {'them' if n != 1 else 'it'} as your answer"
            f"{'s' if n != 1 else ''}?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._chosen.update(unseen)
                self._save()

        self.app.push_screen(ConfirmScreen(question, yes="Save them", no="Look again"), answered)

    def _save(self) -> None:
        draft, letter_id, month = self.draft(), self.letter_id, self.month
        auditor, app = self.auditor, self.app

        def job(store: Store) -> Grading:
            return app.audit_service(store).grade(letter_id, auditor, draft, month)

        def done(grading: Grading) -> None:
            self.notify(f"Graded letter {letter_id}: {grading.overall}.", markup=False)
            self.dismiss(True)

        def refused(problem: UserError) -> None:
            lines = problem.problems if isinstance(problem, GradeError) else [str(problem)]
            box = self.query_one("#grade-problems", Static)
            box.update("Not saved:\n" + "\n".join(f"• {p}" for p in lines))
            box.remove_class("hidden")

        self.app.db(job, done, failed="Could not save the grading", on_error=refused)

    @on(Button.Pressed, "#grade-back")
    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(False)
            return
        from letters.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen(
                "Throw away this grading? The answers, comments and reasons you changed are not saved.",
                yes="Throw away",
                no="Keep grading",
            ),
            answered,
        )
