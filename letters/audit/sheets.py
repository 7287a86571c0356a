"""The export's tables, defined once: the xlsx sheets, the CSV files and the report's tables.

Each function turns `ExportData` into a `Table`: a title that says the period and how letters were
counted, a header, and rows of plain values. A `Share` or a `Percent` in a cell is a percentage
(the xlsx writer stores it as a number formatted as a percentage; CSV writes the number; the Word
report writes "71.4% (5 of 7)"); a `date` is a date. Children appear by reference, IROs by
reference unless the export is identifiable, and free text has names taken out (`ExportData`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from letters.audit.cells import Table, pct, yes_no
from letters.audit.figures import Figure, Share
from letters.audit.report import ExportData, iro_order
from letters.checks.findings import RULES
from letters.model import PARTICIPATION


def _change(now: Figure, before: Figure | None) -> float | int | None:
    if before is None:
        return None
    a, b = now.value, before.value
    if isinstance(a, Share) and isinstance(b, Share):
        if a.percent is None or b.percent is None:
            return None
        return round(a.percent - b.percent, 1)
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return round(a - b, 1) if isinstance(a, float) or isinstance(b, float) else a - b
    return None


def _before(data: ExportData, f: Figure | None) -> Any:
    if f is None:
        return None
    if f.value is None:
        return "none to count"
    return data.free_text(f.value) if isinstance(f.value, str) else f.value


def summary_table(data: ExportData) -> Table:
    previous = {f.key: f for f in data.previous.figures(data.targets)} if data.previous else {}
    last = data.previous.period.short if data.previous else "previous period"
    header = [
        "Figure",
        "Value",
        "Count",
        "Out of",
        "Target",
        "Target met",
        f"Last period ({last})",
        "Change (points or number)",
    ]
    rows: list[list[Any]] = []
    for f in data.summary.figures(data.targets):
        share = f.value if isinstance(f.value, Share) else None
        before = previous.get(f.key)
        value = data.free_text(f.value) if isinstance(f.value, str) else f.value  # jargon: letters' words
        rows.append(
            [
                f.label,
                value if value is not None else "none to count",
                share.n if share else None,
                share.of if share else None,
                pct(f.target),
                yes_no(f.met()),
                _before(data, before),
                _change(f, before),
            ]
        )
    return Table("summary", "Summary", data.heading("Summary"), header, rows)


def months_table(data: ExportData) -> Table:
    first = "Reviews" if data.basis.value == "meeting" else "Letters sent"
    header = [
        "Month",
        first,
        "Letters on time",
        "Reviews on time",
        "Participation 4+",
        "Within target reading age",
        "Audited",
        f"{first}, a year earlier",
        "Letters on time, a year earlier",
        "Reviews on time, a year earlier",
        "Participation 4+, a year earlier",
        "Within target, a year earlier",
    ]
    rows = []
    for m in data.months:
        s, p = m.summary, m.previous
        rows.append(
            [
                m.month.short,
                s.letters,
                s.on_time,
                s.reviews_on_time,
                s.participated_4plus,
                s.within_target,
                s.audited,
                p.letters,
                p.on_time,
                p.reviews_on_time,
                p.participated_4plus,
                p.within_target,
            ]
        )
    return Table("months", "Month by month", data.heading("Month by month"), header, rows)


def iro_table(data: ExportData) -> Table:
    header = [
        "IRO",
        "Children",
        "Reviews",
        "Letters sent",
        "Reviews on time",
        "Letters on time",
        "Within target reading age",
        "Participation 4+",
        "Decisions followed up",
        "Decisions overdue",
        "Audited",
        "Outstanding",
        "Good",
        "Requires improvement to be good",
        "Inadequate",
    ]
    rows = [
        [
            data.iro(r.iro),
            r.children,
            r.reviews,
            r.letters_sent,
            r.reviews_on_time,
            r.letters_on_time,
            r.within_target,
            r.participation_4plus,
            r.followed_up,
            r.decisions_overdue,
            r.audited,
            *r.grades.values(),
        ]
        for r in iro_order(data)
    ]
    return Table("iros", "Per IRO", data.heading("Per IRO"), header, rows)


def participation_table(data: ExportData) -> Table:
    rows: list[list[Any]] = [[r.group, r.share.n, r.share.of, r.share] for r in data.participation]
    return Table(
        "participation",
        "Participation",
        data.heading("Participation of children aged 4+ (PN1-PN6)"),
        ["Group (children aged 4+)", "Participated or with the code", "Reviews", "Share"],
        rows,
    )


def under_four_table(data: ExportData) -> Table:
    rows: list[list[Any]] = []
    if data.young is not None:
        rows += [["By code", code, PARTICIPATION.get(code, ""), n] for code, n in data.young.by_code.items()]
        rows += [["By age", str(age), f"aged {age}", n] for age, n in data.young.by_age.items()]
    return Table(
        "under4",
        "Under 4",
        data.heading("Children under 4, by participation code and by age"),
        ["Count", "Code or age", "Meaning", "Reviews"],
        rows,
    )


def mismatch_table(data: ExportData) -> Table:
    rows = [
        [
            f.ref,
            f.letter_id,
            data.iro(f.iro),
            f.meeting_date,
            f.age,
            f.participation or "",
            f.participation_problem,
        ]
        for f in (data.young.mismatches if data.young else [])
    ]
    return Table(
        "code-problems",
        "Code problems",
        data.heading("Participation code missing or not fitting the child's age"),
        ["Child reference", "Letter id", "IRO", "Meeting date", "Age", "Code", "Problem"],
        rows,
    )


def overdue_table(data: ExportData) -> Table:
    rows = [
        [
            o.facts.ref,
            o.facts.letter_id,
            data.iro(o.facts.iro),
            o.facts.meeting_date,
            o.facts.due,
            o.facts.sent_on,
            o.working_days_late,
        ]
        for o in data.overdue
    ]
    return Table(
        "due-not-sent",
        "Due, not sent",
        f"Letters due in {data.period.title} and not sent by its end (by due date)",
        ["Child reference", "Letter id", "IRO", "Meeting date", "Due date", "Sent date", "Working days late"],
        rows,
    )


def late_reviews_table(data: ExportData) -> Table:
    rows = [
        [
            o.facts.ref,
            o.facts.letter_id,
            data.iro(o.facts.iro),
            o.facts.review_due,
            o.facts.meeting_date,
            o.working_days_late,
            data.free_text(o.facts.review_late_reason, o.facts.letter_id),
        ]
        for o in data.late_reviews
    ]
    return Table(
        "reviews-late",
        "Reviews late",
        data.heading("Reviews held after their due date"),
        ["Child reference", "Letter id", "IRO", "Review due", "Meeting date", "Working days late", "Reason"],
        rows,
    )


def letters_table(data: ExportData) -> Table:
    head = ["Child reference"] + (["Child name"] if data.identify else [])
    head += [
        "Letter id",
        "Age band",
        "IRO",
        "UASC",
        "Review",
        "Review due",
        "Meeting date",
        "Review on time",
        "Due date",
        "Sent date",
        "Working days",
        "On time",
        "Participation code",
        "Participation problem",
        "Reading age from",
        "Reading age to",
        "Target reading age",
        "Within target",
        "Words",
        "Jargon",
        "Jargon per 100 words",
    ]
    head += [f"Findings: {rule}" for rule in RULES]
    head += ["Audit grade", "Auditor"]
    rows = []
    for f in data.letters:
        g = data.gradings.get(f.letter_id)
        row: list[Any] = [f.ref] + ([f.child_name] if data.identify else [])
        row += [
            f.letter_id,
            f.age_band,
            data.iro(f.iro),
            yes_no(f.uasc),
            f.review_kind,
            f.review_due,
            f.meeting_date,
            yes_no(f.review_on_time),
            f.due,
            f.sent_on,
            f.working_days,
            yes_no(f.on_time),
            f.participation or "",
            f.participation_problem or "",
            f.reading_low,
            f.reading_high,
            f.target,
            yes_no(f.within_target),
            f.words,
            f.jargon_count,
            f.jargon_per_100,
        ]
        row += [f.count(rule) for rule in RULES]
        row += [g.overall.value if g else "", g.auditor if g else ""]
        rows.append(row)
    return Table("letters", "Letters", data.heading("Letters"), head, rows)


def answers_table(data: ExportData) -> Table:
    head = ["Child reference"] + (["Child name"] if data.identify else [])
    head += [
        "Letter id",
        "IRO",
        "Auditor",
        "Graded at",
        "Question id",
        "Question",
        "Answer",
        "Comment",
        "Evidence",
        "Evidence suggested",
        "Auditor disagreed",
        "Reason for disagreeing",
    ]
    texts = {q.id: q.text for q in data.rubric.questions}
    rows: list[list[Any]] = []
    for f in data.letters:
        g = data.gradings.get(f.letter_id)
        if g is None:
            continue
        who: list[Any] = [f.ref] + ([f.child_name] if data.identify else [])
        when: datetime | None = g.graded_at.replace(tzinfo=None) if g.graded_at else None
        lid = f.letter_id
        for a in g.answers:
            rows.append(
                who
                + [
                    lid,
                    data.iro(f.iro),
                    g.auditor,
                    when,
                    a.question,
                    texts.get(a.question, a.question),
                    a.answer.value,
                    data.free_text(a.comment, lid),
                    data.free_text(a.evidence, lid),
                    a.suggested.value if a.suggested else "",
                    yes_no(a.disagrees),
                    data.free_text(a.reason, lid),
                ]
            )
        rows.append(
            who
            + [lid, data.iro(f.iro), g.auditor, when, "overall", "Overall grade", g.overall.value]
            + [data.free_text(g.comment, lid), "", "", "", ""]
        )
    return Table("answers", "Audit answers", data.heading("Audit answers"), head, rows)


def all_tables(data: ExportData) -> list[Table]:
    """Every table, in the order of the workbook's sheets."""
    tables = [summary_table(data)]
    if data.months:
        tables.append(months_table(data))
    tables += [
        iro_table(data),
        participation_table(data),
        under_four_table(data),
        mismatch_table(data),
        overdue_table(data),
        late_reviews_table(data),
        letters_table(data),
        answers_table(data),
    ]
    return tables
