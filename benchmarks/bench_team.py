"""Benchmark of team mode on one PostgreSQL server: 13 IROs saving at once, and a list under RLS.

    python benchmarks/bench_team.py --owner-url postgresql+psycopg://letters:letters@127.0.0.1/letters_test
        [--clients 13] [--seconds 120] [--letters 15000]

Makes a team database of its own beside the one named (`<name>_bench`, dropped at the end), runs
`letters team init` on it and adds one IRO login per client. Then:

1. the machine's baseline: a round trip (`SELECT 1`) and a save by the database's owner (no
   row-level security), one process;
2. `--clients` separate processes, each signed in as its own IRO through the real store, each
   saving its own letter once a second for `--seconds`: every save's time, every error, and at the
   end whether each letter holds exactly the last text its IRO saved and one revision per save
   (no lost update);
3. `--letters` letters spread over the IROs, then one IRO's `letters list` under row-level
   security, read again as the app does (target: 50 ms), and the first list of a newly opened
   store (every line made), beside the same rows selected by the owner without RLS.

The owner URL's role needs CREATEDB and CREATEROLE. Prints a table; exits 1 if a target is missed
or any save failed or was lost.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy  # noqa: E402

from letters.demo import demo_letter  # noqa: E402
from letters.store import open_store  # noqa: E402
from letters.store.documents import document_for, encode  # noqa: E402
from letters.store.team import open_for, with_login  # noqa: E402
from letters.store.team.people import add_person  # noqa: E402
from letters.store.team.setup import groups_for, init_team  # noqa: E402

PASSWORD = "a long benchmark password"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def timed(action: Any, times: int) -> list[float]:
    out = []
    for n in range(times):
        start = time.perf_counter()
        action(n)
        out.append((time.perf_counter() - start) * 1000)
    return out


def make_database(owner_url: str, clients: int) -> tuple[str, list[str]]:
    base = sqlalchemy.make_url(owner_url)
    name = f"{base.database}_bench"
    admin = sqlalchemy.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    prefix = groups_for(name).prefix
    drop_logins(url, prefix)
    init_team(url)
    logins = [f"{prefix}_iro{n:02d}" for n in range(clients)]
    with open_store(url) as owner:
        for n, login in enumerate(logins):
            add_person(owner, login, PASSWORD, roles=["iro"], name=f"Bench IRO {n}")
    return url, logins


def drop_logins(url: str, prefix: str) -> None:
    engine = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for role in list(
            conn.execute(
                sqlalchemy.text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                {"p": f"{prefix}\\_iro%"},
            ).scalars()
        ):
            if role != f"{prefix}_iro":
                conn.execute(sqlalchemy.text(f'GRANT "{role}" TO CURRENT_USER'))  # to end its sessions
                conn.execute(
                    sqlalchemy.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"
                    ),
                    {"r": role},
                )
                conn.execute(sqlalchemy.text(f'DROP ROLE "{role}"'))
    engine.dispose()


def drop_database(url: str) -> None:
    parsed = sqlalchemy.make_url(url)
    drop_logins(url, groups_for(parsed.database or "").prefix)
    admin = sqlalchemy.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        for group in ("iro", "auditor", "manager", "admin", "member"):
            conn.execute(
                sqlalchemy.text(f'DROP ROLE IF EXISTS "{groups_for(parsed.database or "").prefix}_{group}"')
            )
    admin.dispose()


def client(url: str, seconds: float, start_at: float, queue: Any) -> None:
    """One IRO's process: save its own letter once a second; report times and what it saved."""
    latencies: list[float] = []
    errors: list[str] = []
    store = open_for(url).store
    letter = demo_letter()
    letter_id = store.add(letter)
    saves = 0
    time.sleep(max(0.0, start_at - time.time()))
    began = time.time()
    while time.time() - began < seconds:
        due = began + saves + 1
        time.sleep(max(0.0, due - time.time()))
        letter.section("worries").text = f"Save {saves + 1} by this IRO. " + "Reading is hard. " * 20  # type: ignore[union-attr]
        t0 = time.perf_counter()
        try:
            store.save(letter)
            saves += 1
        except Exception as exc:  # every error is counted, none hidden
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
        latencies.append((time.perf_counter() - t0) * 1000)
    store.close()
    queue.put({"letter": letter_id, "saves": saves, "latencies": latencies, "errors": errors})


def check_no_lost_update(owner_url: str, results: list[dict[str, Any]]) -> list[str]:
    problems = []
    with open_store(owner_url) as owner:
        for r in results:
            letter = owner.get(r["letter"])
            text = letter.section("worries").text  # type: ignore[union-attr]
            revisions = len(owner.history(r["letter"]))
            if not text.startswith(f"Save {r['saves']} by this IRO."):
                problems.append(f"letter {r['letter']}: holds {text[:20]!r}, last saved was {r['saves']}")
            if revisions != r["saves"] + 1:
                problems.append(f"letter {r['letter']}: {revisions} revisions for {r['saves']} saves")
    return problems


def fill(owner_url: str, logins: list[str], letters: int) -> None:
    """`letters` letters spread over the IROs (bulk inserts by the owner, a revision each)."""
    data = json.loads(encode(document_for(demo_letter())[1]))
    now = datetime.utcnow()
    engine = sqlalchemy.create_engine(owner_url)
    meta = sqlalchemy.MetaData()
    meta.reflect(engine, only=["letters", "revisions"])
    t_letters, t_revisions = meta.tables["letters"], meta.tables["revisions"]
    with engine.begin() as conn:
        first = (
            int(conn.execute(sqlalchemy.text("SELECT coalesce(max(id), 0) FROM letters")).scalar() or 0) + 1
        )
        for chunk in range(0, letters, 1000):
            rows, revs = [], []
            for n in range(chunk, min(letters, chunk + 1000)):
                letter_id = first + n
                meeting = date(2024, 1, 1) + timedelta(days=n % 700)
                rows.append(
                    {
                        "id": letter_id,
                        "created_at": now,
                        "updated_at": now,
                        "current_revision": 1,
                        "child_name": f"Child {n}",
                        "child_age": 4 + n % 13,
                        "meeting_date": meeting,
                        "iro": f"Bench IRO {n % len(logins)}",
                        "status": "sent" if n % 3 else "draft",
                        "sent_on": meeting + timedelta(days=10) if n % 3 else None,
                        "imported": False,
                        "owner": logins[n % len(logins)],
                    }
                )
                revs.append(
                    {
                        "letter_id": letter_id,
                        "number": 1,
                        "saved_at": now,
                        "author": logins[n % len(logins)],
                        "summary": "First version",
                        "document": json.dumps(data),
                        "kind": "edit",
                        "reason": "",
                        "place": "",
                    }
                )
            conn.execute(t_letters.insert(), rows)
            conn.execute(t_revisions.insert(), revs)
        conn.execute(
            sqlalchemy.text(
                "SELECT setval(pg_get_serial_sequence('letters', 'id'), (SELECT max(id) FROM letters))"
            )
        )
        conn.execute(sqlalchemy.text("ANALYZE letters"))
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--owner-url", required=True)
    parser.add_argument("--clients", type=int, default=13)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--letters", type=int, default=15000)
    args = parser.parse_args()
    url, logins = make_database(args.owner_url, args.clients)
    rows: list[tuple[str, str, str]] = []
    ok = True
    with open("/proc/loadavg", encoding="ascii") as load:
        rows.append(("machine: load average (1 min) at the start", load.read().split()[0], ""))
    try:
        engine = sqlalchemy.create_engine(url)
        with engine.connect() as conn:
            trip = timed(lambda _: conn.execute(sqlalchemy.text("SELECT 1")).scalar(), 300)
        engine.dispose()
        rows.append(
            (
                "baseline: round trip (SELECT 1), median / p95",
                f"{statistics.median(trip):.2f} / {p95(trip):.2f} ms",
                "",
            )
        )
        with open_store(url) as owner:
            letter = demo_letter()
            owner.add(letter)

            def save(n: int) -> None:
                letter.section("worries").text = f"Owner edit {n}. " + "Reading is hard. " * 20  # type: ignore[union-attr]
                owner.save(letter)

            own = timed(save, 200)
        rows.append(
            (
                "baseline: one save by the owner (no RLS), median / p95",
                f"{statistics.median(own):.1f} / {p95(own):.1f} ms",
                "",
            )
        )

        queue: Any = multiprocessing.get_context("spawn").Queue()
        start_at = time.time() + 8.0  # every client signed in and holding its letter first
        processes = [
            multiprocessing.get_context("spawn").Process(
                target=client, args=(with_login(url, login, PASSWORD), args.seconds, start_at, queue)
            )
            for login in logins
        ]
        for p in processes:
            p.start()
        results = [queue.get(timeout=args.seconds + 120) for _ in processes]
        for p in processes:
            p.join(30)
        latencies = [x for r in results for x in r["latencies"]]
        errors = [e for r in results for e in r["errors"]]
        lost = check_no_lost_update(url, results)
        rows.append(
            (
                f"{args.clients} IROs saving once a second for {args.seconds:.0f} s: saves",
                str(sum(r["saves"] for r in results)),
                "",
            )
        )
        rows.append(
            (
                "  save time, median / p95 / max",
                f"{statistics.median(latencies):.1f} / {p95(latencies):.1f} / {max(latencies):.1f} ms",
                "",
            )
        )
        rows.append(("  errors", str(len(errors)), "0"))
        rows.append(("  lost updates (text or revision missing)", str(len(lost)), "0"))
        ok &= not errors and not lost
        for problem in (errors + lost)[:5]:
            print("  !", problem)

        fill(url, logins, args.letters)
        first = []  # a list in a newly opened store: every line made (the app's first list)
        for _ in range(5):
            fresh = open_for(with_login(url, logins[0], PASSWORD)).store
            started = time.perf_counter()
            fresh.list()
            first.append((time.perf_counter() - started) * 1000)
            fresh.close()
        iro = open_for(with_login(url, logins[0], PASSWORD)).store
        iro.list()
        listing = timed(lambda _: iro.list(), 30)  # read again: lines of unchanged letters kept
        seen = len(iro.list())
        iro.close()
        from letters.store.tables import LetterRow

        with open_store(url) as owner:  # the same list lines, made by the owner without RLS
            same = timed(
                lambda _: owner._summaries(LetterRow.owner == logins[0], LetterRow.deleted_at.is_(None)), 30
            )
        engine = sqlalchemy.create_engine(url)
        with engine.connect() as conn:
            plain = timed(
                lambda _: conn.execute(
                    sqlalchemy.text(
                        "SELECT * FROM letters WHERE owner = :o AND deleted_at IS NULL "
                        "ORDER BY meeting_date DESC, id DESC"
                    ),
                    {"o": logins[0]},
                ).all(),
                30,
            )
        engine.dispose()
        total = args.letters + args.clients + 1
        rows.append(
            (
                f"one IRO's list of {seen} under RLS, of {total} letters, median / p95",
                f"{statistics.median(listing):.1f} / {p95(listing):.1f} ms",
                "≤ 50 ms",
            )
        )
        rows.append(
            (
                "  the first list in a newly opened store (every line made), median / max",
                f"{statistics.median(first):.1f} / {max(first):.1f} ms",
                "",
            )
        )
        rows.append(
            (
                "  baseline: the same list lines made by the owner (no RLS)",
                f"{statistics.median(same):.1f} / {p95(same):.1f} ms",
                "",
            )
        )
        rows.append(
            (
                "  baseline: the same rows selected by the owner (SQL only, no RLS)",
                f"{statistics.median(plain):.1f} / {p95(plain):.1f} ms",
                "",
            )
        )
        ok &= p95(listing) <= 50
    finally:
        drop_database(url)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}} | result | target")
    print(f"{'-' * width}-|--------|-------")
    for name, value, target in rows:
        print(f"{name:<{width}} | {value} | {target}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
