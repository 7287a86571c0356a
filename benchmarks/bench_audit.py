"""Benchmark of the audit export on a real SQLite file, with the checking engine run for real.

    python benchmarks/bench_audit.py [--month-letters 250] [--year-letters 3000] [--skip-year]

Fills temporary databases with synthetic letters (the demo letter with invented names, dates, ages
and IROs), draws and grades a sample, then times exports, each from a fresh `AuditService` as
`letters audit export` does. "first" is the first export of those letters: the engine checks every
one (a year is checked in parallel processes). "again" is any later export: facts of unchanged
letters come from the cache in the database (table audit_facts).

The year is financial year 2025-26 counted by meeting date, with 2024-25 beside it (another
`--year-letters` letters), so the first export checks both years' letters: the previous year's
figures and the month-by-month table need them. Targets: a month of 250 letters in 3 s; the
year with the year before in 30 s first and 3 s again.

The machine's speed varies from day to day; the first rows time what the export's work is made of
on this machine, in this run: checking 200 letters in this process, and reading them from the store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from letters.audit.grade import Answer, Draft, Grade  # noqa: E402
from letters.audit.periods import Basis, Period  # noqa: E402
from letters.audit.service import AuditService  # noqa: E402
from letters.config import Config  # noqa: E402
from letters.demo import demo_letter  # noqa: E402
from letters.model import Letter, Status  # noqa: E402
from letters.store import Store, open_store  # noqa: E402

IROS = [
    f"IRO {name} Example"
    for name in (
        "Ash",
        "Birch",
        "Cedar",
        "Elm",
        "Fir",
        "Hazel",
        "Lime",
        "Oak",
        "Pine",
        "Rowan",
        "Willow",
        "Yew",
        "Alder",
    )
]
CODES = ["PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]
TODAY = date(2026, 11, 30)


def synthetic(n: int, meeting: date) -> Letter:
    letter = demo_letter()
    letter.id = None
    letter.child.name = f"Child{n}"
    letter.child.date_of_birth = None
    letter.child.age = 1 + n % 17
    letter.meeting.date = meeting
    letter.meeting.iro = IROS[n % len(IROS)]
    letter.meeting.participation = "PN0" if letter.child.age < 4 else CODES[n % len(CODES)]
    sent = meeting + timedelta(days=10 + n % 25)
    if n % 40 != 0 and sent <= TODAY:  # one in forty never sent
        letter.status, letter.sent_on = Status.SENT, sent
    return letter


def fill(store: Store, letters: int, start: date, days: int, first: int = 0) -> None:
    """`letters` letters with meetings spread evenly over `days` days from `start`."""
    for n in range(letters):
        store.add(synthetic(first + n, start + timedelta(days=n * days // letters)), imported=True)


def grade_sample(store: Store, config: Config, month: str) -> int:
    service = AuditService(store, config)
    sample = service.draw_sample(month, drawn_by="Bench Auditor", seed="1")
    for n, letter_id in enumerate(sample.letter_ids):
        _, _, evidence = service.evidence(letter_id)
        answers = {q: e.suggested or Answer.PARTLY for q, e in evidence.items()}
        service.grade(letter_id, "Bench Auditor", Draft(answers, overall=list(Grade)[n % 4]))
    return len(sample.letter_ids)


def timed_export(store: Store, config: Config, period: Period, fmt: str, out: Path, basis: Basis) -> float:
    start = time.perf_counter()
    AuditService(store, config).export(period, fmt, out, basis=basis, as_of=TODAY)
    return time.perf_counter() - start


def baseline(folder: Path, config: Config) -> list[tuple[str, int, float, float | None]]:
    """What the work is made of, timed on this machine now: the engine, and reading the store."""
    from letters.checks import check_letter

    letters = [synthetic(n, date(2026, 1, 5)) for n in range(200)]
    check_letter(letters[0], config.checks)  # load the engine first: not part of the figure
    start = time.perf_counter()
    for letter in letters:
        check_letter(letter, config.checks)
    checked = time.perf_counter() - start
    with open_store(str(folder / "baseline.db"), config=config) as store:
        ids = [store.add(letter, imported=True) for letter in letters]
        start = time.perf_counter()
        for i in ids:
            store.get(i)
        read = time.perf_counter() - start
    return [
        ("machine: check letters in one process", 200, checked, None),
        ("machine: read letters from the store", 200, read, None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--month-letters", type=int, default=250)
    parser.add_argument("--year-letters", type=int, default=3000)
    parser.add_argument("--skip-year", action="store_true")
    args = parser.parse_args()
    config = Config()
    rows: list[tuple[str, int, float, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows += baseline(folder, config)
        with open_store(str(folder / "month.db"), config=config) as store:
            fill(store, args.month_letters, date(2025, 12, 1), 31)
            graded = grade_sample(store, config, "2026-01")
            month = Period.parse_month("2026-01")
            for n, fmt in enumerate(("xlsx", "xlsx", "csv", "docx")):
                seconds = timed_export(store, config, month, fmt, folder / f"month.{fmt}", Basis.SENT)
                when = "first" if n == 0 else "again"
                rows.append((f"month, {fmt}, {when} ({graded} graded)", args.month_letters, seconds, 3.0))
        if not args.skip_year:
            with open_store(str(folder / "year.db"), config=config) as store:
                fill(store, args.year_letters, date(2024, 4, 1), 365)
                fill(store, args.year_letters, date(2025, 4, 1), 365, first=args.year_letters)
                graded = grade_sample(store, config, "2025-10")
                year = Period.parse_year("2025-26")
                both = 2 * args.year_letters
                for n, fmt in enumerate(("xlsx", "xlsx", "csv", "docx")):
                    seconds = timed_export(store, config, year, fmt, folder / f"year.{fmt}", Basis.MEETING)
                    when = "first" if n == 0 else "again"
                    target = 30.0 if n == 0 else 3.0
                    rows.append((f"2025-26 + 2024-25, {fmt}, {when}", both, seconds, target))
    print(f"{'case':<40} {'letters':>7} {'seconds':>8} {'target':>7}  ok")
    failed = False
    for name, n, seconds, limit in rows:
        ok = limit is None or seconds <= limit
        failed |= not ok
        shown = f"{limit:>7.1f}" if limit is not None else f"{'':>7}"
        verdict = "" if limit is None else ("yes" if ok else "NO")
        print(f"{name:<40} {n:>7} {seconds:>8.2f} {shown}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
