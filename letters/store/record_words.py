"""The child's own words on the child's record: kept up to date as letters are saved, and where a
new letter for the child starts from.

`RecordWordsMixin` is part of `letters.store.Store` (with `ChildrenMixin`, which calls
`_learn_words` from `refresh_child`):

- saving a revision whose words differ from the revision before it gives the record those words
  (the record learns only what a save changed, as it does the date of birth: a profile changed
  since on the child's screen is not put back by the next save of an older letter that still has
  the old words);
- a new letter (no revision before) gives the record its words when it has some and no later
  letter of the child's is there (an old letter imported today does not undo the newer words),
  or when the record has none;
- `update_child_words` is the app's child screen changing the profile itself; the letters keep
  their own words (each letter's are what its checks and its Word file use);
- `record_words` is what a new letter for the child starts with (letters.followup.start_letter).

Must not log: the words are the child's personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from letters.child_words import has_words, words_from_record, words_to_record
from letters.store.tables import ChildRow, LetterRow

if TYPE_CHECKING:
    import sqlalchemy

    from letters.model import ChildWords, Letter


class RecordWordsMixin:
    transaction: Any  # StoreCore.transaction
    child: Any  # ChildrenMixin.child

    def _learn_words(
        self, conn: sqlalchemy.Connection, child_id: int, letter: Letter, before: ChildWords | None
    ) -> dict[str, Any]:
        """The `children` values a save of `letter` changes about the child's words ({} or
        {"words": ...}); `before` is the words of the revision before, None for a new letter."""
        words = letter.child.words
        if before is not None:
            return {"words": words_to_record(words)} if words != before else {}
        if not has_words(words):
            return {}
        kept = conn.execute(select(ChildRow.words).where(ChildRow.id == child_id)).scalar_one_or_none()
        if words_from_record(kept) is not None:
            later = conn.execute(
                select(LetterRow.id)
                .where(
                    LetterRow.child_id == child_id,
                    LetterRow.deleted_at.is_(None),
                    LetterRow.meeting_date > letter.meeting.date,
                )
                .limit(1)
            ).first()
            if later is not None:
                return {}
        return {"words": words_to_record(words)}

    def record_words(self, child_id: int | None) -> ChildWords | None:
        """The child's own words as their record keeps them, or None (no record, or none kept)."""
        from letters.errors import UserError

        if child_id is None:
            return None
        try:
            return self.child(child_id).words  # type: ignore[no-any-return]
        except UserError:  # a record this person cannot see, or one merged away: no words from it
            return None

    def update_child_words(self, child_id: int, words: ChildWords) -> None:
        """Set the record's profile (the app's child screen); no letter is changed."""
        from letters.store.children import ChildNotFound, ChildProblem

        with self.transaction(write=True) as conn:
            row = conn.execute(select(ChildRow.merged_into).where(ChildRow.id == child_id)).one_or_none()
            if row is None:
                raise ChildNotFound(child_id)
            if row.merged_into is not None:
                raise ChildProblem(
                    f"Child {child_id} was merged into child {row.merged_into}; change that one."
                )
            conn.execute(update(ChildRow).where(ChildRow.id == child_id).values(words=words_to_record(words)))
