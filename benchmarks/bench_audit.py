"""Benchmark of the monthly audit export on a real SQLite file, with the checking engine run for real.

    python benchmarks/bench_audit.py [--month-letters 250] [--year-letters 3000] [--skip-year]

Fills a temporary database with synthetic letters (the demo letter, with invented names, dates,
ages and IROs spread over 2026), draws and grades a sample, then times exports, each from a fresh
`AuditService` as `letters audit export` does. "first" is the first export of those letters: the
engine checks every one (a year is checked in parallel processes). "again" is any later export:
facts of unchanged letters come from the cache in the database (table audit_facts).
Targets: a month of 250 letters in 3 s or less; a year of 3,000 in 20 s or less.
Prints a table in seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from letters.audit.figures import Period  # noqa: E402
from letters.audit.grade import Answer, Draft, Grade  # noqa: E402
from letters.audit.service import AuditService  # noqa: E402
from letters.config import Config  # noqa: E402
from letters.demo import demo_letter  # noqa: E402
from letters.model import Status  # noqa: E402
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


def fill(store: Store, letters: int, months: int) -> None:
    """`letters` sent letters spread evenly over the first `months` months of 2026."""
    per_month = max(1, letters // months)
    for n in range(letters):
        month = min(n // per_month, months - 1) + 1
        sent = date(2026, month, 1) + timedelta(days=n % 27)
        letter = demo_letter()
        letter.id = None
        letter.child.name = f"Child{n}"
        letter.child.date_of_birth = None
        letter.child.age = 1 + n % 17
        letter.meeting.date = sent - timedelta(days=10 + n % 25)
        letter.meeting.iro = IROS[n % len(IROS)]
        letter.meeting.participation = "PN0" if letter.child.age < 4 else CODES[n % len(CODES)]
        letter.status, letter.sent_on = Status.SENT, sent
        store.add(letter)


def grade_sample(store: Store, config: Config, month: str) -> int:
    service = AuditService(store, config)
    sample = service.draw_sample(month, drawn_by="Bench Auditor", seed="1")
    for n, letter_id in enumerate(sample.letter_ids):
        _, _, evidence = service.evidence(letter_id)
        answers = {q: e.suggested or Answer.PARTLY for q, e in evidence.items()}
        service.grade(letter_id, "Bench Auditor", Draft(answers, overall=list(Grade)[n % 4]))
    return len(sample.letter_ids)


def timed_export(store: Store, config: Config, period: str, fmt: str, out: Path) -> float:
    start = time.perf_counter()
    AuditService(store, config).export(Period.parse(period), fmt, out)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month-letters", type=int, default=250)
    parser.add_argument("--year-letters", type=int, default=3000)
    parser.add_argument("--skip-year", action="store_true")
    args = parser.parse_args()
    config = Config()
    rows: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(str(folder / "month.db"), config=config) as store:
            fill(store, args.month_letters, 1)
            graded = grade_sample(store, config, "2026-01")
            # The first export checks every letter; later ones read the facts cache.
            for n, fmt in enumerate(("xlsx", "xlsx", "csv", "docx")):
                seconds = timed_export(store, config, "2026-01", fmt, folder / f"month.{fmt}")
                when = "first" if n == 0 else "again"
                rows.append((f"month, {fmt}, {when} ({graded} graded)", args.month_letters, seconds, 3.0))
        if not args.skip_year:
            with open_store(str(folder / "year.db"), config=config) as store:
                fill(store, args.year_letters, 12)
                for n, fmt in enumerate(("xlsx", "xlsx", "docx")):
                    seconds = timed_export(store, config, "2026", fmt, folder / f"year.{fmt}")
                    when = "first" if n == 0 else "again"
                    rows.append((f"year, {fmt}, {when}", args.year_letters, seconds, 20.0))
    print(f"{'case':<36} {'letters':>7} {'seconds':>8} {'target':>7}  ok")
    failed = False
    for name, n, seconds, target in rows:
        ok = seconds <= target
        failed |= not ok
        print(f"{name:<36} {n:>7} {seconds:>8.2f} {target:>7.1f}  {'yes' if ok else 'NO'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
