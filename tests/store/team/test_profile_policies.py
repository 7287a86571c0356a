"""IRO profiles and photos in team mode: everyone in the team reads them, an IRO writes only their
own (the profile under their name as the team knows it), with the database's policies deciding."""

from __future__ import annotations

from pathlib import Path

import pytest

from letters.errors import UserError
from letters.iro_profile import IroProfile
from letters.store.team import open_for
from tests.store.team.sql import plain, refused
from tests.teamdb import TeamDatabase

PNG = (Path(__file__).parents[3] / "docs" / "picture-letter.png").read_bytes()


def test_an_iro_keeps_their_own_profile_and_photo_and_everyone_reads_them(team_db: TeamDatabase) -> None:
    with open_for(team_db.url("priya")).store as store:
        digest = store.add_photo(PNG)
        store.save_profile(IroProfile("Priya Nandra", {"7-11": "I am Priya. I check your plan."}, digest))
        store.save_profile(IroProfile("priya  nandra", {"7-11": "I am Priya, your IRO."}, digest))
    with open_for(team_db.url("sam")).store as store:  # a covering IRO exports her letter
        profile = store.profile("Priya Nandra")
        assert profile is not None and profile.texts == {"7-11": "I am Priya, your IRO."}
        assert store.photo(digest) == ("image/png", PNG)
    with open_for(team_db.url("mo")).store as store:
        assert store.profile("Priya Nandra") is not None


def test_an_iro_cannot_write_a_colleagues_profile(team_db: TeamDatabase) -> None:
    with open_for(team_db.url("sam")).store as store:
        store.save_profile(IroProfile("Sam Okafor", {"7-11": "I am Sam."}))
    with open_for(team_db.url("priya")).store as store:
        with pytest.raises(UserError):
            store.save_profile(IroProfile("Sam Okafor", {"7-11": "Not Sam's words."}))
    with plain(team_db, "priya") as conn:
        # Changing it is not refused but finds no row she may change; adding one under his name is.
        assert (
            conn.execute("UPDATE iro_profiles SET texts = '{}' WHERE name_key = 'sam okafor'").rowcount == 0
        )
        refused(
            conn,
            "INSERT INTO iro_profiles (name_key, name, texts, updated_at, updated_by) "
            "VALUES ('sam okafor 2', 'Sam Okafor 2', '{}', now(), session_user)",
        )
        refused(conn, "DELETE FROM iro_photos")
    with plain(team_db, "mo") as conn:  # a manager reads, never writes
        refused(
            conn,
            "INSERT INTO iro_profiles (name_key, name, texts, updated_at, updated_by) "
            "VALUES ('mo', 'Mo', '{}', now(), session_user)",
        )
    kept = team_db.sql("SELECT texts FROM iro_profiles WHERE name_key = 'sam okafor'")
    assert [r[0] for r in kept] == ['{"7-11": "I am Sam."}']


def test_a_profile_copied_in_by_the_owner_is_still_its_iros_to_change(team_db: TeamDatabase) -> None:
    # migrate-from writes rows as the owner, with the author's name from the old database.
    team_db.sql(
        "INSERT INTO iro_profiles (name_key, name, texts, updated_at, updated_by) "
        "VALUES ('sam okafor', 'Sam Okafor', '{\"7-11\": \"Old words.\"}', now(), 'Sam Okafor') "
        "ON CONFLICT (name_key) DO UPDATE SET texts = excluded.texts, updated_by = excluded.updated_by"
    )
    with open_for(team_db.url("sam")).store as store:
        store.save_profile(IroProfile("Sam Okafor", {"7-11": "New words."}))
        profile = store.profile("Sam Okafor")
    assert profile is not None and profile.texts == {"7-11": "New words."}
    (who,) = team_db.sql("SELECT updated_by FROM iro_profiles WHERE name_key = 'sam okafor'")[0]
    assert who == team_db.login("sam")
