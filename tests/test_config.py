"""The config file: defaults with no file, every setting read, clear errors for bad values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letters.config import Config, ConfigError, load_config


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "missing.toml") == Config()


def test_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'database_url = "sqlite:////tmp/x.db"\n'
        "[checks]\ndisabled = ['hard-word']\nallow = ['Mummy Jo']\n"
        "[checks.target]\nmargin = 0\nceiling = 11\n"
        "[authority]\nmeeting_name = 'My Voice Matters'\nletter_working_days = 15\n"
    )
    config = load_config(path)
    assert config.database_url == "sqlite:////tmp/x.db"
    assert config.checks.disabled == frozenset({"hard-word"})
    assert config.checks.allow == ("Mummy Jo",)
    assert config.checks.target.margin == 0.0 and config.checks.target.ceiling == 11.0
    assert config.authority.meeting_name == "My Voice Matters"
    assert config.authority.letter_working_days == 15


def test_env_var_points_at_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "authority.toml"
    path.write_text("[authority]\ncream_page = false\n")
    monkeypatch.setenv("LETTERS_CONFIG", str(path))
    assert load_config().authority.cream_page is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[checks]\ndisabled = ['grammar']\n", "unknown rule grammar"),  # spelling is a rule now
        ("[checks]\ncolour = 'red'\n", r"checks.colour: unknown setting 'colour' \(known: allow, disabled"),
        (
            "[authority]\nletter_working_days = 'twenty'\n",
            "letter_working_days: expected a whole number, got text",
        ),
        ("[authority]\nletter_working_days = 0\n", "letter_working_days: expected a whole number at least 1"),
        (
            "[authority]\nholiday_subdivision = 'XX'\n",
            "authority.holiday_subdivision: 'XX' is not allowed; use one of ENG, WLS, SCT, NIR",
        ),
        ("[authority]\nmeeting_name = ''\n", "authority.meeting_name: must not be empty"),
        ("[checks.target]\nfloor = 12\nceiling = 9\n", "checks.target: floor 12 is above ceiling 9"),
        ("[checks.target]\nfloor = 40\n", "checks.target.floor: expected a number at most 18"),
        ("[checks]\nallow = ['Jo', 3]\n", r"checks.allow\[2\]: expected text in quotes, got a whole number"),
        ("authority = 3\n", "authority: expected a table of settings, got a whole number"),
        ("[limits]\nearliest_meeting = 'soon'\n", "limits.earliest_meeting: expected a date"),
        (
            "[limits]\nmeeting_days_ahead = 9000\n",
            "limits.meeting_days_ahead: expected a whole number at most 366",
        ),
        ("[audit]\nsample_per_iro = 0\n", "audit.sample_per_iro: expected a whole number at least 1"),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("[authority\n", "not valid TOML"),
        ("[checks.target]\nmargin = true\n", "expected a number"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_the_meeting_date_limits_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[limits]\nearliest_meeting = 1975-01-01\nmeeting-days-ahead = 7\n")
    limits = load_config(path).limits
    assert (limits.earliest_meeting, limits.meeting_days_ahead) == (date(1975, 1, 1), 7)


def test_a_config_that_is_not_a_file_is_a_message(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    with pytest.raises(ConfigError, match="is a named pipe, not a config file"):
        load_config(pipe)  # returns at once: a pipe nobody writes to is never read
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="is a device, not a config file"):
        load_config(zero)
    with pytest.raises(ConfigError, match="is a folder, not a config file"):
        load_config(tmp_path)
