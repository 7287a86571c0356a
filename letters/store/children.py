"""Children as records: every letter belongs to a child, and a child's letters are read together.

A record holds what is true of the child across letters: the authority's case number (the ID in
LCS or Mosaic), the name they like to be called, date of birth, when they became looked after, and
whether they are an unaccompanied asylum-seeking child. `ChildrenMixin` is part of
`letters.store.Store`:

- adding a letter attaches it to a record (`attach_child`): the one it names (`Letter.child_id`,
  a letter started from the child), else the record with its case number, else the same name and
  date of birth, else (no date of birth) the same name and an earlier letter by the same IRO,
  else a new record. Migration 0005 grouped the letters there were by the same rules;
- saving a letter brings its record up to date with what the letter says (`refresh_child`),
  the child's own words included (letters.store.record_words);
- `merge_children` and `split_child` mend a wrong grouping; every letter and revision is kept,
  and a merged record's row stays, pointing at the record its letters went to.

Must not log: records hold children's names.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from letters.child_words import words_from_record
from letters.errors import UserError
from letters.interchange import letter_from_data
from letters.model import Child, ChildWords, Letter
from letters.store.documents import aware, fit, now
from letters.store.tables import ChildRow, LetterRow

if TYPE_CHECKING:
    import sqlalchemy

#: How a record's letters were first grouped (`ChildRecord.grouped_by`).
NEW, BY_LETTER, BY_CASE, BY_BIRTH, BY_IRO = (
    "new",
    "started from the child",
    "case number",
    "name and date of birth",
    "name and IRO",
)


class ChildNotFound(UserError):
    def __init__(self, what: object) -> None:
        super().__init__(
            f"There is no child {what}. Run `letters child list` to see the children and their numbers."
        )


class ChildProblem(UserError):
    """A change to children's records that cannot be made as asked; nothing was changed."""


@dataclass(frozen=True, slots=True)
class ChildRecord:
    id: int
    name: str
    date_of_birth: date | None
    case_id: str
    looked_after_since: date | None
    uasc: bool | None
    grouped_by: str
    created_at: datetime
    merged_into: int | None
    letters: tuple[int, ...]  # letters not in the bin, oldest meeting first
    #: The child's own words (migration 0008); None: none kept yet (then a new letter takes its
    #: latest letter's). Never filled for managers' figures (`TeamStore.figure_children`).
    words: ChildWords | None = None


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


class ChildrenMixin:
    transaction: Any  # StoreCore.transaction
    document: Any  # StoreCore.document (TeamStore reads it through team_read)
    _learn_words: Any  # RecordWordsMixin._learn_words

    # -- reading --------------------------------------------------------------------------------

    def _records(self, conn: sqlalchemy.Connection, *conditions: Any) -> builtins.list[ChildRecord]:
        rows = conn.execute(select(ChildRow.__table__).where(*conditions).order_by(ChildRow.id)).all()
        ids = [r.id for r in rows]
        letters: dict[int, builtins.list[int]] = {}
        for start in range(0, len(ids), 500):
            for child_id, letter_id in conn.execute(
                select(LetterRow.child_id, LetterRow.id)
                .where(LetterRow.child_id.in_(ids[start : start + 500]), LetterRow.deleted_at.is_(None))
                .order_by(LetterRow.meeting_date, LetterRow.id)
            ):
                letters.setdefault(int(child_id or 0), []).append(letter_id)
        return [
            ChildRecord(
                r.id,
                r.name,
                r.date_of_birth,
                r.case_id or "",
                r.looked_after_since,
                r.uasc,
                r.grouped_by,
                aware(r.created_at),
                r.merged_into,
                tuple(letters.get(r.id, ())),
                words_from_record(r.words),
            )
            for r in rows
        ]

    def children(self, *, include_merged: bool = False) -> builtins.list[ChildRecord]:
        """Every child's record, oldest first (records merged away only with `include_merged`)."""
        with self.transaction(write=False) as conn:
            return self._records(conn, *([] if include_merged else [ChildRow.merged_into.is_(None)]))

    def child(self, child_id: int) -> ChildRecord:
        with self.transaction(write=False) as conn:
            found = self._records(conn, ChildRow.id == child_id)
        if not found:
            raise ChildNotFound(child_id)
        return found[0]

    def grouped_at(self) -> datetime | None:
        """When the letters there already were were grouped into children (migration 0005), or
        None if the database had no letters then (references never changed)."""
        with self.transaction(write=False) as conn:
            first = conn.execute(select(func.min(ChildRow.created_at))).scalar_one_or_none()
            if first is None:
                return None
            older = conn.execute(select(func.count()).where(LetterRow.created_at < first)).scalar_one()
        return aware(first) if older else None

    def child_by_case(self, case_id: str) -> ChildRecord | None:
        with self.transaction(write=False) as conn:
            found = self._records(
                conn, func.lower(ChildRow.case_id) == case_id.strip().lower(), ChildRow.merged_into.is_(None)
            )
        return found[0] if found else None

    # -- attaching letters ----------------------------------------------------------------------

    def _live(self, conn: sqlalchemy.Connection, child_id: int) -> int:
        """The record a record's letters are now under (following merges)."""
        seen = set()
        while True:
            row = conn.execute(select(ChildRow.merged_into).where(ChildRow.id == child_id)).one_or_none()
            if row is None:
                raise ChildNotFound(child_id)
            if row.merged_into is None or child_id in seen:
                return child_id
            seen.add(child_id)
            child_id = int(row.merged_into)

    def _find(self, conn: sqlalchemy.Connection, letter: Letter) -> tuple[int | None, str]:
        child = letter.child
        live = ChildRow.merged_into.is_(None)
        if letter.child_id is not None:
            return self._live(conn, letter.child_id), BY_LETTER
        if child.case_id.strip():
            found = conn.execute(
                select(ChildRow.id).where(live, func.lower(ChildRow.case_id) == child.case_id.strip().lower())
            ).scalar_one_or_none()
            if found is not None:
                return int(found), BY_CASE
        names = conn.execute(
            select(ChildRow.id, ChildRow.name, ChildRow.date_of_birth, ChildRow.case_id).where(live)
        )
        same = [r for r in names if _norm(r.name) == _norm(child.name)]
        if child.date_of_birth is not None:
            for r in same:
                if r.date_of_birth == child.date_of_birth and not (r.case_id and child.case_id.strip()):
                    return int(r.id), BY_BIRTH
            return None, BY_CASE if child.case_id.strip() else BY_BIRTH
        iro = _norm(letter.meeting.iro)
        for r in same:
            if (
                r.date_of_birth is None
                and iro
                and any(
                    _norm(i or "") == iro
                    for i in conn.execute(select(LetterRow.iro).where(LetterRow.child_id == r.id)).scalars()
                )
            ):
                return int(r.id), BY_IRO
        return None, BY_CASE if child.case_id.strip() else NEW

    def attach_child(self, conn: sqlalchemy.Connection, letter_id: int, letter: Letter) -> int:
        """Put a new letter under its child's record (see the module docstring); the record's id."""
        child_id, how = self._find(conn, letter)
        if child_id is None:
            child_id = int(
                conn.execute(
                    insert(ChildRow)
                    .values(name=fit(letter.child.name, 200), grouped_by=how, created_at=now())
                    .returning(ChildRow.id)
                ).scalar_one()
            )
        conn.execute(update(LetterRow).where(LetterRow.id == letter_id).values(child_id=child_id))
        self.refresh_child(conn, child_id, letter)
        return child_id

    def refresh_child(
        self, conn: sqlalchemy.Connection, child_id: int, letter: Letter, *, before: Child | None = None
    ) -> None:
        """The record brought up to date with what a letter just saved says about the child.

        With `before` (the child as the letter's previous revision had them), only what this save
        changed is taken: a record corrected since (`update_child`, the app's record dialog) is
        not put back by the next save of an older letter that still says the old value."""
        child = letter.child

        def changed(name: str) -> bool:
            return before is None or getattr(before, name) != getattr(child, name)

        values: dict[str, Any] = {"name": fit(child.name, 200)}
        for name in ("date_of_birth", "looked_after_since", "uasc"):
            if getattr(child, name) is not None and changed(name):
                values[name] = getattr(child, name)
        case = child.case_id.strip()
        if case and changed("case_id"):
            other = conn.execute(
                select(ChildRow.id).where(
                    func.lower(ChildRow.case_id) == case.lower(),
                    ChildRow.id != child_id,
                    ChildRow.merged_into.is_(None),
                )
            ).scalar_one_or_none()
            if other is not None:
                raise ChildProblem(
                    f"Case number {case} is already another child's record (child {other}). Nothing "
                    f"was saved; if they are the same child, run `letters child merge {other} {child_id}`."
                )
            values["case_id"] = case
        values |= self._learn_words(conn, child_id, letter, before.words if before is not None else None)
        conn.execute(update(ChildRow).where(ChildRow.id == child_id).values(**values))

    def _child_saved(
        self, conn: sqlalchemy.Connection, letter_id: int, letter: Letter, before: dict[str, Any]
    ) -> None:
        """After a revision of a letter is saved: its record learns what the letter says.

        `before` is the document that was current until this save, as `write_revision` already
        read it (through `document`, the one way team mode may read a text): selecting
        `revisions.document` here would be refused to every team role, and every save refused."""
        child_id = conn.execute(
            select(LetterRow.child_id).where(LetterRow.id == letter_id)
        ).scalar_one_or_none()
        if child_id is None:
            self.attach_child(conn, letter_id, letter)  # a letter that has none yet
            return
        try:
            previous = letter_from_data(before).child if before else None
        except (UserError, ValueError):  # an old revision this version cannot read: take it all
            previous = None
        self.refresh_child(conn, int(child_id), letter, before=previous)

    # -- mending --------------------------------------------------------------------------------

    def update_child(
        self,
        child_id: int,
        *,
        case_id: str | None = None,
        date_of_birth: date | None = None,
        looked_after_since: date | None = None,
        uasc: bool | None = None,
        clear: Collection[str] = (),
    ) -> ChildRecord:
        """Set record fields (the ones given); the letters themselves are not changed.

        `clear` names fields to set back to not recorded ("case_id", "looked_after_since",
        "uasc", "date_of_birth")."""
        unknown = set(clear) - {"case_id", "date_of_birth", "looked_after_since", "uasc"}
        if unknown:
            raise ValueError(f"not a record field: {', '.join(sorted(unknown))}")
        with self.transaction(write=True) as conn:
            record = self._records(conn, ChildRow.id == child_id)
            if not record:
                raise ChildNotFound(child_id)
            if record[0].merged_into is not None:
                raise ChildProblem(
                    f"Child {child_id} was merged into child {record[0].merged_into}; change that one."
                )
            values: dict[str, Any] = {}
            if case_id is not None:
                case = case_id.strip()
                if case:
                    other = conn.execute(
                        select(ChildRow.id).where(
                            func.lower(ChildRow.case_id) == case.lower(),
                            ChildRow.id != child_id,
                            ChildRow.merged_into.is_(None),
                        )
                    ).scalar_one_or_none()
                    if other is not None:
                        raise ChildProblem(
                            f"Case number {case} is already child {other}'s; merge them if they are one."
                        )
                values["case_id"] = case or None
            for name, value in (
                ("date_of_birth", date_of_birth),
                ("looked_after_since", looked_after_since),
                ("uasc", uasc),
            ):
                if value is not None:
                    values[name] = value
            for name in clear:
                values.setdefault(name, None)
            if values:
                conn.execute(update(ChildRow).where(ChildRow.id == child_id).values(**values))
        return self.child(child_id)

    def merge_children(self, keep: int, other: int) -> ChildRecord:
        """Put `other`'s letters under `keep`; `other`'s row stays, marked merged into `keep`."""
        if keep == other:
            raise ChildProblem("Give two different children to merge.")
        with self.transaction(write=True) as conn:
            records = {r.id: r for r in self._records(conn, ChildRow.id.in_([keep, other]))}
            for wanted in (keep, other):
                if wanted not in records:
                    raise ChildNotFound(wanted)
                if records[wanted].merged_into is not None:
                    raise ChildProblem(
                        f"Child {wanted} was already merged into child {records[wanted].merged_into}."
                    )
            a, b = records[keep], records[other]
            if a.case_id and b.case_id and a.case_id.lower() != b.case_id.lower():
                raise ChildProblem(
                    f"Child {keep} has case number {a.case_id} and child {other} has {b.case_id}: "
                    "records with different case numbers are different children. Nothing was changed."
                )
            filled = {
                name: getattr(b, name)
                for name in ("case_id", "date_of_birth", "looked_after_since", "uasc")
                if getattr(a, name) in (None, "") and getattr(b, name) not in (None, "")
            }
            if a.words is None and b.words is not None:  # the child's own words, if only OTHER had some
                filled["words"] = conn.execute(
                    select(ChildRow.words).where(ChildRow.id == other)
                ).scalar_one()
            conn.execute(update(LetterRow).where(LetterRow.child_id == other).values(child_id=keep))
            conn.execute(update(ChildRow).where(ChildRow.id == other).values(merged_into=keep, case_id=None))
            if filled:
                conn.execute(update(ChildRow).where(ChildRow.id == keep).values(**filled))
        return self.child(keep)

    def split_child(self, child_id: int, letter_ids: builtins.list[int]) -> ChildRecord:
        """Move some of a child's letters to a new record (its name and birth date from them)."""
        wanted = list(dict.fromkeys(letter_ids))
        if not wanted:
            raise ChildProblem("Say which letters to move: --letters 12,15.")
        with self.transaction(write=True) as conn:
            record = self._records(conn, ChildRow.id == child_id)
            if not record:
                raise ChildNotFound(child_id)
            mine = set(conn.execute(select(LetterRow.id).where(LetterRow.child_id == child_id)).scalars())
            strangers = [i for i in wanted if i not in mine]
            if strangers:
                raise ChildProblem(
                    f"Letter {strangers[0]} is not one of child {child_id}'s letters; nothing was changed."
                )
            if set(wanted) >= mine:
                raise ChildProblem("Those are all the child's letters: a split leaves at least one behind.")
            newest = conn.execute(
                select(LetterRow.id, LetterRow.current_revision)
                .where(LetterRow.id.in_(wanted))
                .order_by(LetterRow.meeting_date.desc(), LetterRow.id.desc())
                .limit(1)
            ).one()
            # Read through `document`, the one way team mode may read a text (no team role may
            # select `revisions.document`).
            text = self.document(conn, int(newest.id), int(newest.current_revision))
            if text is None:
                raise ChildProblem(
                    f"Letter {newest.id} has no text to take the child from; nothing was changed."
                )
            moved = letter_from_data(text)  # the child as their newest moved letter has them
            new_id = int(
                conn.execute(
                    insert(ChildRow)
                    .values(
                        name=fit(moved.child.name, 200),
                        grouped_by=f"split from child {child_id}",
                        created_at=now(),
                    )
                    .returning(ChildRow.id)
                ).scalar_one()
            )
            conn.execute(update(LetterRow).where(LetterRow.id.in_(wanted)).values(child_id=new_id))
            moved.child.case_id = ""  # the case number stays with the record it was on
            self.refresh_child(conn, new_id, moved)
        return self.child(new_id)
