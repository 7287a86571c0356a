"""Configuration: one TOML file per user or per authority, read once and passed down as a value.

Where it lives: `$LETTERS_CONFIG` if set, else `config.toml` in the user's config folder
(platformdirs). Every setting has a default, so no file is needed. There is no global mutable
settings object: callers load a `Config` and pass it (or the part they need) to what they call.
The format is documented in README ("Configuration").
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from letters.errors import UserError


class ConfigError(UserError):
    """The config file exists but cannot be used; the message says which setting and why."""


@dataclass(frozen=True, slots=True)
class TargetPolicy:
    """How a child's target reading age is chosen (see README, "How the target is chosen").

    Defaults: the target is the child's age minus `margin` years (many looked-after children read
    below their age), never below `floor` (a child under 7 has the letter read to them, so 7 is the aim), and
    never above `ceiling` (GOV.UK writes for 9, the NHS for 9 to 11: nobody needs harder than 11 to
    13). EAL readers get `eal_margin` more years off. A known reading age replaces the age.
    """

    margin: float = 1.0
    eal_margin: float = 1.0
    floor: float = 7.0
    ceiling: float = 12.0
    #: Reading ages above the target by at most this many years give a warning; more gives an error.
    error_above: float = 2.0
    #: Formulas are good to about a year; less than this over the target is not reported.
    tolerance: float = 0.5


@dataclass(frozen=True, slots=True)
class ChecksConfig:
    disabled: frozenset[str] = frozenset()  # rule ids switched off everywhere
    allow: tuple[str, ...] = ()  # words every letter may use (an authority's own names)
    lexicon: str | None = None  # path of an extra lexicon TOML whose entries add to / override ours
    target: TargetPolicy = field(default_factory=TargetPolicy)


@dataclass(frozen=True, slots=True)
class AuthorityConfig:
    meeting_name: str = "your meeting"  # "My Voice Matters", "your Child in Care review"...
    decisions_working_days: int = 5
    letter_working_days: int = 20
    holiday_subdivision: str = "ENG"  # ENG, WLS, SCT, NIR
    template_dir: str | None = None  # an authority's templates that override the built-ins
    cream_page: bool = True  # page colour of the child's Word letter
    name: str = ""  # the authority's name, on the managers' audit report
    logo: str | None = None  # a PNG or JPEG for the managers' audit report


@dataclass(frozen=True, slots=True)
class AuditConfig:
    sample_per_iro: int = 3
    rubric: str | None = None  # path of a rubric TOML replacing the built-in one


@dataclass(frozen=True, slots=True)
class TargetsConfig:
    """Targets shown beside the audit's figures, as percentages (0 to 100); None: no target.

    Read from the config's `[targets]` table by `_targets` (its own small reader: the values are
    optional numbers, which the generic reader does not handle).
    """

    reviews_on_time: float | None = 95.0
    letters_on_time: float | None = None
    decisions_on_time: float | None = None
    participation_4plus: float | None = 97.0
    within_reading_age: float | None = None
    good_or_better: float | None = None


@dataclass(frozen=True, slots=True)
class Config:
    database_url: str | None = None  # None: SQLite in the user's data folder
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    authority: AuthorityConfig = field(default_factory=AuthorityConfig)
    audit: AuditConfig = field(default_factory=AuditConfig)
    targets: TargetsConfig = field(default_factory=TargetsConfig)


def config_path() -> Path:
    env = os.environ.get("LETTERS_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("letters", appauthor=False)) / "config.toml"


def _build(cls: type, data: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted(known))})")
        default = getattr(cls(), name)
        if isinstance(value, dict):
            if not hasattr(default, "__dataclass_fields__"):
                raise ConfigError(f"{where}.{key}: expected a value, not a table")
            kwargs[name] = _build(type(default), value, f"{where}.{key}")
        elif isinstance(default, frozenset):
            if not isinstance(value, list):
                raise ConfigError(f"{where}.{key}: expected a list")
            kwargs[name] = frozenset(str(v) for v in value)
        elif isinstance(default, tuple):
            if not isinstance(value, list):
                raise ConfigError(f"{where}.{key}: expected a list")
            kwargs[name] = tuple(str(v) for v in value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}.{key}: expected true or false")
            kwargs[name] = value
        elif isinstance(default, (int, float)) and not isinstance(default, bool):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ConfigError(f"{where}.{key}: expected a number")
            kwargs[name] = type(default)(value) if isinstance(default, float) else value
        else:
            if not isinstance(value, str):
                raise ConfigError(f"{where}.{key}: expected text")
            kwargs[name] = value
    return cls(**kwargs)


def _targets(data: Any, where: str) -> TargetsConfig:
    """The `[targets]` table: each a percentage from 0 to 100, or absent for the default."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table of targets, like reviews_on_time = 95")
    known = {f.name for f in fields(TargetsConfig)}
    values: dict[str, float] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted(known))})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ConfigError(f"{where}.{key}: expected a percentage from 0 to 100, like 95")
        values[name] = float(value)
    return TargetsConfig(**values)


def parse_config(data: dict[str, Any], where: str = "config") -> Config:
    from dataclasses import replace

    from letters.checks.findings import RULES

    data = dict(data)
    targets = _targets(data.pop("targets"), f"{where}.targets") if "targets" in data else TargetsConfig()
    config: Config = replace(_build(Config, data, where), targets=targets)
    unknown = config.checks.disabled - set(RULES)
    if unknown:
        raise ConfigError(
            f"{where}.checks.disabled: unknown rule {', '.join(sorted(unknown))} (rules: {', '.join(RULES)})"
        )
    return config


def load_config(path: Path | None = None) -> Config:
    """Read the config file, or the defaults when there is none."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return parse_config(data, str(path))
