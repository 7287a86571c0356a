"""A complete, realistic demo letter for trying the app, the checker and the export.

Everyone in it is invented. It is meant to read like a good letter: written to a 9-year-old, short
sentences, no jargon, the child's own words in quotes, every decision with who and by when, adults
introduced with their initials at first use, and a participation code that fits the child's age.
Its dates are fixed (not "today") so screens and exports made from it do not change from day to day.
"""

from __future__ import annotations

from datetime import date

from letters.model import Child, ChildWords, Decision, Letter, Meeting, Person, ReviewKind, Section

MEETING_DATE = date(2026, 11, 18)  # a Wednesday

_SECTIONS: dict[str, str] = {
    "hello": (
        "Dear Ellie,\n\n"
        "I am Priya. My job is to check that the grown-ups are looking after you well. "
        "We had your meeting at your house on Wednesday 18 November. "
        "Anne and Mark were there. "
        "So were your social worker, Bethany (BW), and your teacher, Mr Okoro. "
        "This letter tells you what we talked about and what we decided."
    ),
    "told_us": (
        "You came to the start of the meeting and told us what you think. "
        "You showed us your drawing of Biscuit, the dog.\n\n"
        'You said, "I like living with Anne and Mark because we have pancakes on Sundays."\n\n'
        'You said you miss Nana Pat. You said, "I want to see Nana Pat more, not just at '
        'Christmas."\n\n'
        "You told us that reading out loud in class makes you feel worried."
    ),
    "going_well": (
        "You have lived with Anne and Mark for a year now. "
        "They say you are kind and funny, and you help with Biscuit every day. "
        "You go to swimming on Tuesdays. You can now swim a whole length!"
    ),
    "worries": (
        "Reading out loud in class is hard for you. Mr Okoro knows this, "
        "and he will help you with it.\n\n"
        "You have not seen Nana Pat since the summer. We know this makes you sad."
    ),
    "decisions": ("These are the things we agreed. Each one says who will do it and by when."),
    "family_time": (
        "BW will plan for you to see Nana Pat every other Saturday. "
        "You will meet at the family centre in town. Anne will take you there."
    ),
    "school": (
        "You are in Year 5 at Hillside Primary. "
        "Mr Okoro says you are good at maths and you work hard. "
        "He will start a lunchtime reading club, so you can practise with a friend."
    ),
    "health": (
        "You are healthy and you sleep well. "
        "Anne will take you for an eye test, because words sometimes look blurry to you."
    ),
    "next_meeting": (
        "Your next meeting will be on Wednesday 12 May 2027 at your house. "
        "You can come to all of it or part of it. You can also draw or write what you want "
        "to tell us."
    ),
    "goodbye": (
        "Thank you for talking to me, Ellie. "
        "Do you want to talk to me before then? Ask Anne or Mark to call me.\n\n"
        "From Priya"
    ),
}


def demo_letter() -> Letter:
    """A new letter to Ellie, aged 9, after her review on 18 November 2026 (not yet stored)."""
    return Letter(
        child=Child(
            name="Ellie",
            age=9,
            date_of_birth=date(2017, 3, 8),
            pronouns="she/her",
            words=ChildWords(other=["Nana Pat", "Anne and Mark", "Biscuit"]),
        ),
        meeting=Meeting(
            date=MEETING_DATE,
            review_kind=ReviewKind.LATER,
            place="Ellie's house",
            called="your meeting",
            iro="Priya Nandra",
            participation="PN1",
            advocate_offered=True,
            advocate_used=False,
            views_shared="Ellie came to the start of the meeting and spoke for herself.",
        ),
        people=[
            Person("independent reviewing officer", "Priya Nandra", "Priya", True, True),
            Person("social worker", "Bethany Walsh", "BW", True, True),
            Person("foster carer", "Anne Holloway", "Anne", True, True),
            Person("foster carer", "Mark Holloway", "Mark", True, True),
            Person("class teacher", "Daniel Okoro", "Mr Okoro", True, True),
            Person("grandmother", "Pat Greene", "Nana Pat", False, False),
        ],
        sections=[Section(key, text) for key, text in _SECTIONS.items()],
        decisions=[
            Decision(
                "Plan for you to see Nana Pat every other Saturday.",
                "BW",
                "by Friday 11 December 2026",
            ),
            Decision(
                "Start a lunchtime reading club so you can practise with a friend.",
                "Mr Okoro",
                "before the Christmas holidays",
            ),
            Decision("Book an eye test for you.", "Anne", "by Monday 30 November 2026"),
            Decision(
                "Talk to you about how reading and family time are going.",
                "Priya",
                "before the next meeting on 12 May 2027",
            ),
        ],
    )
