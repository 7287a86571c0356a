"""Nothing identifying in a pseudonymous export: names in every free-text field, every cell searched.

The end-to-end test grades real letters in a real SQLite store with comments, reasons and an
overall comment that name the child (first name, surname, in lower case, with a possessive), the
letter's people (by name and by initials), what the child calls them, and the IRO; then it opens
every sheet of the workbook, every CSV file and the Word report, and looks for each name in every
cell.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from letters.audit.grade import Answer, Draft, Grade
from letters.audit.redact import CHILD, OWN_WORD, Redactor
from letters.audit.service import AuditService
from letters.config import Config
from letters.model import Person
from letters.store import open_store
from tests.audit.month import build_facts, build_letter
from tests.stored import add_letter

NAMES = [
    "Ollie",
    "Quennell",
    "Bethany",
    "Walsh",
    "BW",
    "Nana Pat",
    "Pat",
    "Priya",
    "Example",
    "Jasper",
    "Thornbury",
    "Moira",
]


def facts():
    ollie = build_facts(1, "Ollie Quennell", 9, date(2026, 1, 5), date(2026, 1, 9), "PN1", (8, 9), 9)
    jasper = build_facts(2, "Jasper Thornbury", 12, date(2026, 1, 6), date(2026, 1, 9), "PN1", (8, 9), 9)
    social_worker = (("BW", "social worker"), ("Bethany Walsh", "social worker"))
    return [
        replace(ollie, people=social_worker, own_words=("Nana Pat",)),
        replace(jasper, people=(("Moira", "foster carer"),)),
    ]


@pytest.fixture
def redactor():
    return Redactor(facts(), {"Priya Example": "IRO-AB12CD"})


def test_the_letters_own_names_go_whatever_their_case(redactor):
    text = "Addressed to Ollie, and ollie's Nana Pat is named; BW (Bethany Walsh) is not explained."
    assert redactor.text(text, 1) == (
        f"Addressed to {CHILD}, and {CHILD}'s {OWN_WORD} is named; [social worker] "
        "([social worker]) is not explained."
    )


def test_names_from_other_letters_go_as_written(redactor):
    assert redactor.text("Like Jasper's letter; Moira again. JASPER.", 1) == (
        f"Like {CHILD}'s letter; [foster carer] again. {CHILD}."
    )
    # Lower case is matched only for the letter's own names: "moira" could be any word.
    assert redactor.text("moira", 1) == "moira"


def test_the_iro_becomes_their_reference_and_words_inside_words_stay(redactor):
    assert redactor.text("Priya Example wrote it on Monday; Priya agreed.", 1) == (
        "IRO-AB12CD wrote it on Monday; IRO-AB12CD agreed."
    )
    assert redactor.text("Bwana and Olliephant", 1) == "Bwana and Olliephant"
    assert redactor.text("", 1) == ""


def _every_cell(path):
    wb = load_workbook(path)
    return [
        str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None
    ]


def _found(cells, names):
    return sorted({n for n in names for c in cells if n.lower() in c.lower().split() or n in c})


def test_no_name_in_any_cell_of_a_pseudonymous_export(db_url, tmp_path):
    ollie = build_letter("Ollie Quennell", 9, date(2026, 1, 5), date(2026, 1, 9), "PN1")
    ollie.child.name = "Ollie Quennell"  # build_letter keeps the first name only
    ollie.people = [Person("social worker", "Bethany Walsh", shown_as="BW", gets_copy=True)]
    ollie.child.own_words = ["Nana Pat"]
    jasper = build_letter(
        "Jasper Thornbury", 12, date(2026, 1, 6), date(2026, 1, 12), "PN1", iro="Priya Example"
    )
    jasper.child.name = "Jasper Thornbury"
    jasper.people = [Person("foster carer", "Moira")]
    text = (
        "Addressed to Ollie Quennell (ollie's Nana Pat and Pat too); BW, Bethany Walsh, is "
        "not explained; Priya Example should compare Jasper's letter, where Moira is named."
    )
    with open_store(db_url) as store:
        ids = [add_letter(store, ollie), add_letter(store, jasper)]
        service = AuditService(store, Config())
        service.draw_sample("2026-01", drawn_by="Ann Auditor", letter_ids=ids)
        for letter_id in ids:
            _, _, evidence = service.evidence(letter_id)
            answers = {q: Answer.NO for q in evidence}  # disagree everywhere: a reason each time
            reasons = {q: text for q, e in evidence.items() if e.suggested is not Answer.NO}
            comments = dict.fromkeys(evidence, text)
            service.grade(letter_id, "Ann Auditor", Draft(answers, comments, reasons, Grade.INADEQUATE, text))

        written = []
        for fmt, name in (("xlsx", "jan.xlsx"), ("csv", "jan.csv"), ("docx", "jan.docx")):
            written += service.export(service_period(), fmt, tmp_path / name, as_of=date(2026, 2, 2))
        named = service.export(service_period(), "xlsx", tmp_path / "named.xlsx", identify=True)

    cells = _every_cell(tmp_path / "jan.xlsx")
    assert any("[social worker]" in c for c in cells) and any(CHILD in c for c in cells)
    assert _found(cells, NAMES) == []
    for path in written:
        if path.suffix == ".csv":
            with open(path, encoding="utf-8-sig", newline="") as fh:
                csv_cells = [c for row in csv.reader(fh) for c in row]
            assert _found(csv_cells, NAMES) == [], path.name
    doc = Document(str(tmp_path / "jan.docx"))
    doc_cells = [p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for r in t.rows for c in r.cells
    ]
    assert _found(doc_cells, NAMES) == []
    # The identifiable export keeps what the auditor wrote, and says it names people.
    named_cells = _every_cell(named[0])
    assert named_cells[0].startswith("IDENTIFIABLE")
    assert text in named_cells and "Priya Example" in named_cells


def service_period():
    from letters.audit.periods import Period

    return Period.parse_month("2026-01")


def test_the_words_the_childs_record_keeps_never_appear_in_a_pseudonymous_export(db_url, tmp_path):
    """ "Nana Pat" kept on the child's record (changed on the child's screen, in no letter) and
    "Mummy Jo" among the letter's named words are taken out like the letter's other words."""
    from letters.model import ChildWords

    ollie = build_letter("Ollie Quennell", 9, date(2026, 1, 5), date(2026, 1, 9), "PN1")
    ollie.child.words = ChildWords(mum="Mummy Jo")
    text = "Nana Pat and Grandma Rose were there; Mummy Jo sent a card."
    with open_store(db_url) as store:
        letter_id = add_letter(store, ollie)
        child_id = store.get(letter_id).child_id
        store.update_child_words(child_id, ChildWords(carers="Grandma Rose", other=["Nana Pat"]))
        service = AuditService(store, Config())
        service.draw_sample("2026-01", drawn_by="Ann Auditor", letter_ids=[letter_id])
        _, facts, evidence = service.evidence(letter_id)
        assert {"Mummy Jo", "Grandma Rose", "Nana Pat"} <= set(facts.own_words)
        answers = dict.fromkeys(evidence, Answer.NO)
        reasons = {q: text for q, e in evidence.items() if e.suggested is not Answer.NO}
        service.grade(
            letter_id, "Ann Auditor", Draft(answers, dict.fromkeys(evidence, text), reasons, Grade.GOOD, text)
        )
        service.export(service_period(), "xlsx", tmp_path / "jan.xlsx", as_of=date(2026, 2, 2))
    cells = _every_cell(tmp_path / "jan.xlsx")
    assert any(OWN_WORD in c for c in cells)
    assert _found(cells, ["Nana Pat", "Pat", "Grandma Rose", "Rose", "Mummy Jo"]) == []
