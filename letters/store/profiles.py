"""IRO profiles and their photos in the store (migration 0007), and what a child's letters say of
the decisions made for them.

- `profile(name)` / `save_profile(profile)` / `profiles()`: an IRO's few words about themselves
  for each age band, kept once per IRO (by name as letters write it; case and spaces do not
  matter) (`letters.iro_profile`);
- `add_photo(data)` keeps a photo by its SHA-256 digest and `photo(digest)` reads it back: a photo
  is never changed or removed once stored, so a letter names the photo it was sent with;
- `outcomes_for(letter_id)`: what later letters (not deleted) recorded happened to this letter's
  decisions, for the writing screen's "overdue".

Must not log: profiles and photos are personal data about staff.
"""

from __future__ import annotations

import builtins
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update

from letters.errors import StorageError
from letters.iro_profile import IroProfile, name_key, photo_digest, photo_kind, profile_problems
from letters.model import Outcome
from letters.store.core import StoreCore
from letters.store.documents import now
from letters.store.summaries import followed_up_of
from letters.store.tables import IroPhotoRow, IroProfileRow, LetterRow

if TYPE_CHECKING:
    import sqlalchemy


class ProfilesMixin(StoreCore):
    """IRO profiles, their photos, and the outcomes later letters recorded."""

    def profile(self, name: str) -> IroProfile | None:
        """The IRO's profile, or None if they have not written one."""
        key = name_key(name)
        if not key:
            return None
        with self.transaction(write=False) as conn:
            row = conn.execute(_COLUMNS.where(IroProfileRow.name_key == key)).first()
        return None if row is None else _from_row(row)

    def profiles(self) -> builtins.list[IroProfile]:
        """Every IRO's profile, by name."""
        with self.transaction(write=False) as conn:
            rows = conn.execute(_COLUMNS.order_by(IroProfileRow.name_key)).all()
        return [_from_row(row) for row in rows]

    def save_profile(self, profile: IroProfile) -> None:
        """Keep the IRO's profile, replacing what they wrote before (ValueError saying what is
        wrong with it; a photo it names must be stored already)."""
        problems = profile_problems(profile)
        if problems:
            raise ValueError("; ".join(problems))
        texts = json.dumps({b: t for b, t in profile.texts.items() if t.strip()}, ensure_ascii=False)
        values = {
            "name": " ".join(profile.name.split()),
            "texts": texts,
            "photo": profile.photo or None,
            "updated_at": now(),
            "updated_by": self.person,
        }
        with self.transaction(write=True) as conn:
            if (
                profile.photo
                and not conn.execute(
                    select(IroPhotoRow.digest).where(IroPhotoRow.digest == profile.photo)
                ).first()
            ):
                raise StorageError(
                    "That photo is not in this database: add it first (letters profile photo)."
                )
            done = conn.execute(
                update(IroProfileRow).where(IroProfileRow.name_key == profile.key).values(**values)
            )
            if done.rowcount == 0:
                conn.execute(insert(IroProfileRow).values(name_key=profile.key, **values))

    def add_photo(self, data: bytes) -> str:
        """Keep a photo (PNG or JPEG, InputError otherwise) and return its digest."""
        mime = photo_kind(data)
        digest = photo_digest(data)
        with self.transaction(write=True) as conn:
            if not conn.execute(select(IroPhotoRow.digest).where(IroPhotoRow.digest == digest)).first():
                conn.execute(insert(IroPhotoRow).values(digest=digest, mime=mime, data=data, added_at=now()))
        return digest

    def photo(self, digest: str) -> tuple[str, bytes] | None:
        """(type, bytes) of a stored photo, or None if this database does not have it."""
        if not digest:
            return None
        with self.transaction(write=False) as conn:
            row = conn.execute(
                select(IroPhotoRow.mime, IroPhotoRow.data).where(IroPhotoRow.digest == digest)
            ).first()
        return None if row is None else (str(row.mime), bytes(row.data))

    def outcomes_for(self, letter_id: int) -> dict[int, Outcome]:
        """Decision number -> the outcome a later letter (not deleted) recorded for it."""
        with self.transaction(write=False) as conn:
            return self._outcomes(conn).get(letter_id, {})

    @staticmethod
    def _outcomes(conn: sqlalchemy.Connection) -> dict[int, dict[int, Outcome]]:
        """Letter id -> decision number -> the outcome a later letter (not deleted) recorded."""
        t = LetterRow
        found: dict[int, dict[int, Outcome]] = {}
        texts = conn.execute(select(t.followed_up).where(t.followed_up.isnot(None), t.deleted_at.is_(None)))
        for text in texts.scalars():
            for letter_id, number, outcome in followed_up_of(text):
                found.setdefault(letter_id, {})[number] = outcome
        return found


_COLUMNS = select(IroProfileRow.name, IroProfileRow.texts, IroProfileRow.photo)


def _from_row(row: Any) -> IroProfile:
    try:
        texts = {str(k): str(v) for k, v in json.loads(row.texts).items()}
    except (ValueError, AttributeError):
        texts = {}
    return IroProfile(row.name, texts, row.photo or "")
