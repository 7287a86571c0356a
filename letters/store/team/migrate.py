"""`letters team migrate-from sqlite:///…`: copy a single-person database into a team database.

Run as the team database's owner, into a team database with no letters yet. Every table the two
databases share is copied row by row, ids kept (so every link between rows stays right): letters,
revisions, pre-send checks, waivers, samples, gradings, imports, the audit's facts, and the
pseudonym key (so children keep their references) — and children, word profiles and whatever a
later version adds, when both databases have them. Each letter gets its owner from `--map NAME=LOGIN`
(its IRO name as written in the letter): every IRO name must be mapped to a login that is an IRO in
the team, or nothing is copied; it never guesses. Names in "who did it" columns (revision authors,
auditors, who drew a sample) that the map names become logins; others stay as they were written.
Unsaved journal rows are not copied (they are counted: open the old database in the app once to
turn them into revisions first). All in one transaction: it copies everything or nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from letters.errors import UserError

if TYPE_CHECKING:
    from letters.config import Config
    from letters.store import Store

#: Columns that hold who did something: mapped through `--map` when they hold a mapped name.
PERSON_COLUMNS = {"author", "person", "drawn_by", "auditor", "imported_by", "updated_by"}
SKIP = {"alembic_version", "journal", "access_log", "shares", "people", "team_settings", "child_claims"}


def parse_map(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, login = pair.rpartition("=")
        if not sep or not login.strip():
            raise UserError(f"'{pair}' should be NAME=LOGIN, for example 'Priya Nandra=priya'.")
        mapping[" ".join(name.split())] = login.strip()
    return mapping


@dataclass(slots=True)
class MigrationReport:
    counts: dict[str, int] = field(default_factory=dict)
    owners: Counter[str] = field(default_factory=Counter)
    journal_left: int = 0

    def lines(self) -> list[str]:
        out = [f"Copied {self.counts.get('letters', 0)} letter(s):"]
        out += [f"  {login}: {n}" for login, n in sorted(self.owners.items())]
        out += [f"  {table}: {n} row(s)" for table, n in self.counts.items() if table != "letters"]
        if self.journal_left:
            out.append(
                f"{self.journal_left} unsaved journal row(s) were not copied: open the old database "
                "in the letters app once to keep them as revisions, then copy again into an empty database."
            )
        return out


def migrate_from(
    source_url: str, target: Store, mapping: dict[str, str], *, config: Config
) -> MigrationReport:
    """Copy everything from the SQLite database at `source_url` into `target` (see the docstring)."""
    import sqlalchemy

    from letters.store import open_store
    from letters.store.team.people import members

    if getattr(target, "team", None) is not None:
        raise UserError("migrate-from copies every letter: run it with the team database owner's URL.")
    if target.engine.url.get_backend_name() != "postgresql":
        raise UserError("migrate-from copies into a team database (PostgreSQL): give it with --database.")
    if not source_url.startswith("sqlite:///"):
        raise UserError(
            f"'{source_url}' is not a SQLite database URL: write it as sqlite:///PATH/letters.db."
        )
    iros = {m.login for m in members(target) if "iro" in m.roles}
    with open_store(source_url, config=config) as source:
        src_meta = sqlalchemy.MetaData()
        src_meta.reflect(source.engine)
        dst_meta = sqlalchemy.MetaData()
        dst_meta.reflect(target.engine)
        with source.engine.connect() as src:
            names = Counter(
                " ".join(str(r[0] or "").split())
                for r in src.execute(sqlalchemy.text("SELECT iro FROM letters"))
            )
            unmapped = [n for n in names if n not in mapping]
            if unmapped:
                shown = "; ".join(f"'{n}' ({names[n]} letter(s))" for n in sorted(unmapped))
                raise UserError(
                    f"these IRO names have no --map NAME=LOGIN: {shown}. Nothing was copied; map each "
                    "to the login of the IRO whose letters they are (an empty name: --map '=LOGIN')."
                )
            wrong = sorted({login for name, login in mapping.items() if name in names and login not in iros})
            if wrong:
                raise UserError(
                    f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not an IRO in this team "
                    "(letters team list-users). Nothing was copied."
                )
            report = MigrationReport()
            with target.transaction(write=True) as dst:
                if dst.execute(sqlalchemy.text("SELECT count(*) FROM letters")).scalar():
                    raise UserError(
                        "the team database already has letters: migrate-from copies into an empty one."
                    )
                for table in src_meta.sorted_tables:
                    if table.name in SKIP or table.name not in dst_meta.tables:
                        continue
                    report.counts[table.name] = _copy(
                        src, dst, table, dst_meta.tables[table.name], mapping, report
                    )
                _reset_sequences(dst, dst_meta)
            report.journal_left = int(
                src.execute(sqlalchemy.text("SELECT count(*) FROM journal")).scalar() or 0
            )
    return report


def _copy(
    src: Any, dst: Any, table: Any, target_table: Any, mapping: dict[str, str], report: MigrationReport
) -> int:
    import sqlalchemy

    columns = [c.name for c in table.columns if c.name in target_table.columns]
    if table.name == "audit_keys":  # the old key, so children keep their references
        dst.execute(sqlalchemy.delete(target_table))
    # A row pointing at another row of its own table (a child's record merged into a later one):
    # copied empty, then filled in once every row is there.
    own = [fk.parent.name for fk in target_table.foreign_keys if fk.column.table is target_table]
    links: list[dict[str, Any]] = []
    count = 0
    batch: list[dict[str, Any]] = []
    for row in src.execute(sqlalchemy.select(*[table.c[c] for c in columns])).mappings():
        values = dict(row)
        if own and any(values.get(c) is not None for c in own):
            links.append({"row_id": values["id"], **{c: values[c] for c in own}})
            values.update(dict.fromkeys(own))
        for column in PERSON_COLUMNS & set(values):
            who = " ".join(str(values[column] or "").split())
            if who in mapping:
                values[column] = mapping[who]
        if table.name == "letters":
            values["owner"] = mapping[" ".join(str(values.get("iro") or "").split())]
            report.owners[values["owner"]] += 1
        batch.append(values)
        if len(batch) >= 500:
            dst.execute(sqlalchemy.insert(target_table), batch)
            count, batch = count + len(batch), []
    if batch:
        dst.execute(sqlalchemy.insert(target_table), batch)
        count += len(batch)
    if links:
        dst.execute(
            sqlalchemy.update(target_table)
            .where(target_table.c.id == sqlalchemy.bindparam("row_id"))
            .values({c: sqlalchemy.bindparam(c) for c in own}),
            links,
        )
    return count


def _reset_sequences(dst: Any, meta: Any) -> None:
    """Ids were copied as they were: move each table's id sequence past the highest one."""
    import sqlalchemy

    for table in meta.sorted_tables:
        if "id" not in table.columns or not isinstance(table.c.id.type, sqlalchemy.Integer):
            continue
        sequence = dst.execute(
            sqlalchemy.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
        ).scalar()
        if sequence:
            dst.execute(
                sqlalchemy.text(
                    f"SELECT setval(:s, coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                ),
                {"s": sequence},
            )
