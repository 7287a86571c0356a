"""Benchmark of the store on a real SQLite file: save a revision, open the store, list letters.

    python benchmarks/bench_store.py [--letters 1500] [--saves 300] [--database URL]

Prints a table in milliseconds. Targets: saving a revision 5 ms or less (median), because the app
saves as the IRO types (a revision on each pause, the journal row about once a second); listing a
year of one authority's letters (about 1,500) without a pause.
Uses a temporary folder unless --database is given (which must be an empty database).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from letters.demo import demo_letter  # noqa: E402
from letters.store import open_store  # noqa: E402


def timings(action: Callable[[int], object], times: int) -> list[float]:
    result = []
    for n in range(times):
        start = time.perf_counter()
        action(n)
        result.append((time.perf_counter() - start) * 1000)
    return result


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def run(url: str, letters: int, saves: int) -> list[tuple[str, float, float, str]]:
    store = open_store(url)
    letter = demo_letter()
    store.add(letter)

    def save(n: int) -> None:
        letter.section("worries").text = f"Edit number {n}. " + "Reading is hard. " * 20  # type: ignore[union-attr]
        store.save(letter)

    save_ms = timings(save, saves)

    def journal(n: int) -> None:  # what the app writes about once a second while the IRO types
        letter.section("worries").text = f"Typing {n}. " + "Reading is hard. " * 20  # type: ignore[union-attr]
        store.write_journal(letter)

    journal_ms = timings(journal, saves)
    store.forget_journal(1)

    start = date(2026, 1, 5)
    for n in range(letters - 1):
        other = demo_letter()
        other.child.name = f"Child {n}"
        other.meeting.date = start + timedelta(days=n % 365)
        store.add(other)
    list_ms = timings(lambda _n: store.list(), 20)
    assert len(store.list()) == letters
    get_ms = timings(lambda n: store.get(1 + n % letters), 200)
    store.close()

    def reopen(_n: int) -> None:
        open_store(url).close()

    open_ms = timings(reopen, 20)
    return [
        ("save a revision", statistics.median(save_ms), p95(save_ms), "target <= 5 ms"),
        ("write the journal", statistics.median(journal_ms), p95(journal_ms), "once a second while typing"),
        ("open the store", statistics.median(open_ms), p95(open_ms), ""),
        (f"list {letters} letters", statistics.median(list_ms), p95(list_ms), ""),
        ("read one letter", statistics.median(get_ms), p95(get_ms), ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1500)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--database", help="an empty database URL (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.db'}"
        rows = run(url, args.letters, args.saves)
    print(f"{'operation':<22} {'median ms':>10} {'p95 ms':>8}  note")
    for name, median, high, note in rows:
        print(f"{name:<22} {median:>10.2f} {high:>8.2f}  {note}")
    return 0 if rows[0][1] <= 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
