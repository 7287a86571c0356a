"""The config file: defaults with no file, every setting read, clear errors for bad values."""

from __future__ import annotations

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
        ("[checks]\ndisabled = ['spelling']\n", "unknown rule spelling"),
        ("[checks]\ncolour = 'red'\n", "unknown setting 'colour'"),
        ("[authority]\nletter_working_days = 'twenty'\n", "expected a number"),
        ("[authority\n", "not valid TOML"),
        ("[checks.target]\nmargin = true\n", "expected a number"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(path)
