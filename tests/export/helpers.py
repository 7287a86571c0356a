"""Synthetic letters and ways to read back what a Word file shows, shared by the export tests.

Every person here is invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from letters.model import Child, Decision, Letter, Meeting, Person, Section


def synthetic_letter(age: int | None = 9, name: str = "Zarah", letter_id: int | None = 41) -> Letter:
    """A complete letter to an invented child, with people, decisions and every section."""
    texts = {
        "hello": "It was good to see you at Maple Court on Tuesday.",
        "told_us": 'You said, "I want my bike back from Dad\'s house."\nYou said school is fine.',
        "going_well": "You have made two new friends, Ola and Finn.",
        "worries": "You find it hard to get to sleep. Joy will leave the landing light on.",
        "decisions": "This is what we agreed.",
        "family_time": "You will see your dad every other Saturday at the family centre.",
        "school": "Mrs Adeyemi will help you with spelling on Mondays.",
        "health": "You went to the dentist. Your teeth are healthy.",
        "next_meeting": "Your next meeting is in May. You can come, or send me a drawing.",
        "goodbye": "Have fun at football!",
    }
    return Letter(
        id=letter_id,
        child=Child(name=name, age=age),
        meeting=Meeting(
            date=date(2026, 3, 3),
            place="Maple Court",
            iro="Tomasz Brennan",
            participation="PN1" if age is None or age >= 4 else "PN0",
            advocate_offered=True,
            views_shared="Zarah came to the meeting and spoke for herself.",
        ),
        people=[
            Person("social worker", "Lorna Quayle", "LQ", attended=True, gets_copy=True),
            Person("foster carer", "Joy Ferreira", "Joy", attended=True, gets_copy=True),
            Person("class teacher", "Ruth Adeyemi", "Mrs Adeyemi", attended=False, gets_copy=True),
            Person("dad", "Colin Marsh", "Dad", attended=False, gets_copy=False),
        ],
        sections=[Section(key, text) for key, text in texts.items()],
        decisions=[
            Decision("Get your bike back from Dad's house", "LQ", "the end of March"),
            Decision("Find a spelling helper", "Mrs Adeyemi", "before Easter"),
        ],
    )


def body_lines(path: Path) -> list[str]:
    """What the document body shows, in order: each paragraph, and each table row as cells
    joined by " | " (the same form as the letter's plain text). Empty paragraphs are skipped."""
    body = Document(str(path)).element.body
    lines: list[str] = []
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text:
                lines.append(text)
        elif element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                lines.append(" | ".join(cells))
    return lines


def text_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]
