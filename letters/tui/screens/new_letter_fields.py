"""The fields of the guided new-letter steps (letters.tui.screens.new_letter), made as each step
is first shown.

Each field's control has the id `in-<attribute>` of the `NewLetterForm` attribute it edits, and its
`FormField` the id `f-<attribute>`, which is how the screen reads them and shows their problems.
Only widgets here: what a value means and why it is refused live in `letters.tui.forms`.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Select, Static

from letters.model import PARTICIPATION, ReviewKind
from letters.tui.forms import UASC_CHOICES, NewLetterForm, PersonRow
from letters.tui.widgets.form_field import FormField
from letters.tui.widgets.people_editor import PeopleEditor
from letters.tui.widgets.text_checkbox import TextCheckbox

STEPS: tuple[tuple[str, str], ...] = (
    ("child", "The child"),
    ("meeting", "The meeting"),
    ("people", "Who was there"),
)

REVIEW_KINDS = [
    ("First review", ReviewKind.FIRST.value),
    ("Second review", ReviewKind.SECOND.value),
    ("A later review", ReviewKind.LATER.value),
]

PARTICIPATION_HINT = "The SSDA903 code for how the child took part."

#: Which form attribute each text input edits, by step.
TEXT_FIELDS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    # (attribute, label, placeholder, hint)
    "child": (
        ("name", "Name they like", "e.g. Mia", "The name the child likes to be called."),
        ("age", "Age", "e.g. 9", "Or give the date of birth below."),
        ("born", "Date of birth", "day/month/year", ""),
        ("pronouns", "Pronouns", "e.g. she/her", ""),
        ("first_language", "First language", "e.g. Arabic", ""),
        ("reading_age", "Reading age, if known", "e.g. 8", "Leave empty to aim for their age."),
        (
            "own_words",
            "Their own words",
            "e.g. Mummy Jo, Anne and Mark, my house",
            "What they call people and places, separated by commas: the checks accept them.",
        ),
        (
            "case_id",
            "Case number",
            "e.g. LCS-40213",
            "The child's ID in your case system (LCS, Mosaic), if you have it: it keeps their "
            "letters together. Never shown to the child.",
        ),
        ("looked_after_since", "Looked after since", "day/month/year", "For the review's due dates."),
    ),
    "meeting": (
        ("meeting_date", "Date of the meeting", "day/month/year", ""),
        ("place", "Where", "e.g. at school", ""),
        ("called", "What it is called", "e.g. your meeting", "What your authority calls the review."),
        ("iro", "IRO", "your name", ""),
        ("views_shared", "How views were shared", "e.g. talked with me before the meeting", ""),
        (
            "previous_review",
            "Review before this",
            "day/month/year",
            "Only if that review is not in this app: it sets this review's due date.",
        ),
        (
            "decisions_sent_on",
            "Decisions sent",
            "day/month/year",
            "The day the decisions went to the adults, if they have (or later: m on the child's letters).",
        ),
        (
            "late_reason",
            "Why it was late",
            "e.g. moved at the carer's request",
            "If the review was held late.",
        ),
    ),
}


def text_field(form: NewLetterForm, attribute: str, label: str, placeholder: str, hint: str) -> FormField:
    value = str(getattr(form, attribute))
    control = Input(value, placeholder=placeholder, id=f"in-{attribute}", compact=True)
    return FormField(label, control, hint=hint, id=f"f-{attribute}")


def step_widgets(form: NewLetterForm, key: str) -> list[Widget]:
    """The fields of one step, filled in from `form`."""
    fields = {f[0]: f for f in TEXT_FIELDS.get(key, ())}

    def texts(*names: str) -> list[Widget]:
        return [text_field(form, *fields[name]) for name in names]

    if key == "child":
        return [
            *texts("name", "age", "born", "pronouns"),
            FormField(
                "English",
                TextCheckbox("English is an additional language", form.eal, id="in-eal", compact=True),
                id="f-eal",
            ),
            *texts("first_language", "reading_age", "own_words", "case_id", "looked_after_since"),
            FormField(
                "UASC",
                Select(UASC_CHOICES, value=form.uasc, allow_blank=False, id="in-uasc", compact=True),
                hint="An unaccompanied asylum-seeking child: counted apart in the participation figures.",
                id="f-uasc",
            ),
        ]
    if key == "meeting":
        codes = [(f"{code}: {meaning}", code) for code, meaning in PARTICIPATION.items()]
        return [
            *texts("meeting_date"),
            FormField(
                "Which review",
                Select(
                    REVIEW_KINDS, value=form.review_kind, allow_blank=False, id="in-review_kind", compact=True
                ),
                id="f-review_kind",
            ),
            *texts("place", "called", "iro"),
            FormField(
                "Participation code",
                Select(
                    codes,
                    prompt="Choose PN0 to PN7",
                    value=form.participation or Select.NULL,
                    id="in-participation",
                    compact=True,
                ),
                hint=PARTICIPATION_HINT,
                id="f-participation",
            ),
            FormField(
                "Advocate",
                TextCheckbox(
                    "An advocate was offered", form.advocate_offered, id="in-advocate_offered", compact=True
                ),
                id="f-advocate_offered",
            ),
            FormField(
                "",
                TextCheckbox("An advocate was used", form.advocate_used, id="in-advocate_used", compact=True),
                id="f-advocate_used",
            ),
            *texts("views_shared", "previous_review", "decisions_sent_on", "late_reason"),
        ]
    return [
        Static(
            "Add the adults who were there or get a copy. How the letter shows them "
            "(a first name, initials) is what the child reads.",
            classes="step-intro",
        ),
        PeopleEditor(form.people or [PersonRow()], id="people"),
    ]
