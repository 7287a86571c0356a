"""Reviews on time, UASC and decisions circulated, from children's records in a real store, against
dates counted by hand. Letters come in through `letters import` with the record columns.

England's bank holidays in range: 25 August and 25-26 December 2025, 1 January 2026.
"""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from letters.audit.figures import Basis, Share
from letters.audit.importer import import_folder
from letters.audit.periods import Period
from letters.audit.service import AuditService
from letters.config import Config
from letters.store import open_store

HEADER = (
    "file,child,age,date_of_birth,meeting_date,sent_date,iro,review,participation,child_id,"
    "looked_after_since,previous_review_date,uasc,decisions_sent_date,late_reason\n"
)
ROWS = [
    # Tia: looked after from Monday 4 August 2025. First review due 20 working days later: 5-8 (4)
    # 11-15 (9) 18-22 (14) [25 Aug] 26-29 (18) 1, 2 Sep (20): Tuesday 2 September. Held the 3rd:
    # one working day late. Decisions by 5 working days after: 4, 5, 8, 9, 10 Sep: sent the 10th.
    "x1.docx,Tia North,,2010-05-01,2025-09-03,2025-09-10,Asha Example,first,PN1,LCS-1,2025-08-04,,yes,"
    "2025-09-10,The interpreter Tia knows was ill\n",
    # Second review due 3 months after the first: 3 December. Held then: on time. Decisions sent
    # the 11th: 4, 5, 8, 9, 10, 11 December is six working days: late. No case number on this
    # row: the same name and date of birth put it with Tia's record.
    "x2.docx,Tia North,,2010-05-01,2025-12-03,2025-12-10,Asha Example,second,PN7,,,,,2025-12-11,\n",
    # Remi: looked after from Friday 19 December 2025; first review due Wednesday 21 January 2026
    # (the primer's example over Christmas); held the 20th.
    "y1.docx,Remi South,9,,2026-01-20,2026-01-26,Ben Example,first,PN2,LCS-2,2025-12-19,,no,,\n",
    # Ola and Kit: the review before was 31 August 2025, not in this database: the next was due 6
    # months on, the last day of February 2026 (Saturday 28th). Ola's on Friday 27th: on time;
    # Kit's on Monday 2 March: one working day late (2 March).
    "z1.docx,Ola East,12,,2026-02-27,2026-03-04,Ben Example,later,PN6,LCS-3,,2025-08-31,,,\n",
    "w1.docx,Kit West,13,,2026-03-02,2026-03-05,Cara Example,later,PN1,LCS-4,,2025-08-31,no,,\n",
    # Ash's first review, with no date looked after: its due date cannot be known.
    "v1.docx,Ash Vale,8,,2026-03-10,2026-03-12,Cara Example,first,PN7,,,,,,\n",
]
FY = Period.parse_year("2025-26")


@pytest.fixture
def service(tmp_path, db_url):
    folder = tmp_path / "letters"
    folder.mkdir()
    for row in ROWS:
        name = row.split(",")[0]
        doc = Document()
        doc.add_paragraph(f"Hello, letter {name}.")
        doc.add_heading("What you told us", level=2)
        doc.add_paragraph('You said "I like my room".')
        doc.save(str(folder / name))
    (folder / "letters.csv").write_text(HEADER + "".join(ROWS), "utf-8")
    with open_store(db_url) as store:
        done = import_folder(store, folder, imported_by="Ann Auditor")
        assert len(done.letters) == 6
        yield AuditService(store, Config())


def test_reviews_on_time_from_the_childrens_records(service):
    data = service.export_data(FY, basis=Basis.MEETING, as_of=date(2026, 4, 1))
    s = data.summary
    assert (s.letters, s.children) == (6, 5)  # Tia's two reviews share her record
    by_file = {f.letter_id: f for f in data.letters}
    dues = sorted((f.meeting_date, f.review_due) for f in by_file.values())
    assert dues == [
        (date(2025, 9, 3), date(2025, 9, 2)),
        (date(2025, 12, 3), date(2025, 12, 3)),
        (date(2026, 1, 20), date(2026, 1, 21)),
        (date(2026, 2, 27), date(2026, 2, 28)),
        (date(2026, 3, 2), date(2026, 2, 28)),
        (date(2026, 3, 10), None),
    ]
    assert s.reviews_on_time == Share(3, 5)  # Tia's first and Kit's late; Ash's not known
    late = [
        (o.facts.meeting_date, o.working_days_late, o.facts.review_late_reason) for o in data.late_reviews
    ]
    assert late == [
        (date(2025, 9, 3), 1, "The interpreter Tia knows was ill"),
        (date(2026, 3, 2), 1, ""),
    ]
    assert s.decisions_on_time == Share(1, 2)  # Tia's second review's decisions were a day late
    groups = {r.group: r.share for r in data.participation}
    assert groups["Unaccompanied asylum-seeking children (UASC)"] == Share(1, 2)  # Tia: PN1, PN7
    assert groups["Not UASC"] == Share(2, 2)  # Remi PN2, Kit PN1
    assert groups["UASC not recorded"] == Share(1, 2)  # Ola PN6, Ash PN7
    tia = [f for f in data.letters if f.child_name == "Tia North"]
    assert len({f.ref for f in tia}) == 1 and tia[0].uasc is True


def test_the_late_reason_is_listed_without_the_childs_name(service, tmp_path):
    out = tmp_path / "fy.xlsx"
    service.export(FY, "xlsx", out, basis=Basis.MEETING, as_of=date(2026, 4, 1))
    rows = list(load_workbook(out)["Reviews late"].iter_rows(values_only=True))
    reasons = [r[-1] for r in rows[2:]]
    assert "The interpreter [child] knows was ill" in reasons
    cells = [
        str(c) for ws in load_workbook(out).worksheets for r in ws.iter_rows(values_only=True) for c in r if c
    ]
    assert not [c for c in cells if "Tia" in c or "Remi" in c]


def test_two_children_of_one_name_get_two_references(db_url):
    from letters.model import Child, Letter, Meeting

    with open_store(db_url) as store:
        jays = [
            Letter(Child("Jay", age=7), Meeting(date(2026, 1, 5), iro="Asha Example", participation="PN1")),
            Letter(Child("Jay", age=15), Meeting(date(2026, 1, 6), iro="Ben Example", participation="PN1")),
        ]
        for jay in jays:
            store.add(jay)
        service = AuditService(store, Config())
        refs = {service.child_ref(store.get(j.id)) for j in jays}
        assert len(refs) == 2
