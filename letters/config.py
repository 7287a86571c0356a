"""Configuration: one TOML file per user or per authority, read once and passed down as a value.

Where it lives: `$LETTERS_CONFIG` if set, else `config.toml` in the user's config folder
(platformdirs). Every setting has a default, so no file is needed. There is no global mutable
settings object: callers load a `Config` and pass it (or the part they need) to what they call.
The format is documented in README ("Configuration").
"""

from __future__ import annotations

import os
import re
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, field

from letters.errors import UserError
from letters.limits import MAX_READING_AGE, MIN_READING_AGE, DateLimits

#: The nations `holiday_subdivision` may name (the `holidays` package's subdivisions of GB).
NATIONS = ("ENG", "WLS", "SCT", "NIR")
Nation = Literal["ENG", "WLS", "SCT", "NIR"]

_Years = Annotated[float, Meta(ge=0, le=10)]
_ReadingAge = Annotated[float, Meta(ge=MIN_READING_AGE, le=MAX_READING_AGE)]


class ConfigError(UserError):
    """The config file exists but cannot be used; the message says which setting and why."""


# Each table of the file is a frozen msgspec Struct: every setting has a default, an unknown one is
# refused, and the types and bounds below are checked when the file is read (`parse_config`).


class TargetPolicy(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How a child's target reading age is chosen (see README, "How the target is chosen").

    Defaults: the target is the child's age minus `margin` years (many looked-after children read
    below their age), never below `floor` (a child under 7 has the letter read to them, so 7 is the aim), and
    never above `ceiling` (GOV.UK writes for 9, the NHS for 9 to 11: nobody needs harder than 11 to
    13). EAL readers get `eal_margin` more years off. A known reading age replaces the age.
    """

    margin: _Years = 1.0
    eal_margin: _Years = 1.0
    floor: _ReadingAge = 7.0
    ceiling: _ReadingAge = 12.0
    #: Reading ages above the target by at most this many years give a warning; more gives an error.
    error_above: _Years = 2.0
    #: Formulas are good to about a year; less than this over the target is not reported.
    tolerance: Annotated[float, Meta(ge=0, le=5)] = 0.5

    def __post_init__(self) -> None:
        if self.floor > self.ceiling:
            raise ValueError(
                f"floor {self.floor:g} is above ceiling {self.ceiling:g}: make floor the lower one"
            )


class ChecksConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    disabled: frozenset[str] = frozenset()  # rule ids switched off everywhere
    allow: tuple[str, ...] = ()  # words every letter may use (an authority's own names)
    lexicon: str | None = None  # path of an extra lexicon TOML whose entries add to / override ours
    target: TargetPolicy = field(default_factory=TargetPolicy)
    #: Work phone numbers, emails and addresses a letter may give (not personal-data findings).
    #: Filled from [authority] work_phone / work_email / work_address; not a setting of its own.
    work_contacts: tuple[str, ...] = ()


class AuthorityConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    meeting_name: Annotated[str, Meta(min_length=1, max_length=200)] = "your meeting"
    decisions_working_days: Annotated[int, Meta(ge=0, le=60)] = 5
    letter_working_days: Annotated[int, Meta(ge=1, le=120)] = 20
    # Statutory review intervals (the IRO Handbook's; an authority's own may be shorter).
    first_review_working_days: Annotated[int, Meta(ge=1, le=120)] = 20  # after becoming looked after
    second_review_months: Annotated[int, Meta(ge=1, le=12)] = 3  # after the first review
    later_review_months: Annotated[int, Meta(ge=1, le=12)] = 6  # after the review before
    holiday_subdivision: Nation = "ENG"
    template_dir: str | None = None  # an authority's templates that override the built-ins
    cream_page: bool = True  # page colour of the child's Word letter
    #: The authority's (or the IRO team's) work contact details: a letter may give them to the
    #: child without a personal-data finding. A child's, carer's or parent's details still get one.
    work_phone: Annotated[str, Meta(max_length=40)] = ""
    work_email: Annotated[str, Meta(max_length=200)] = ""
    work_address: Annotated[str, Meta(max_length=300)] = ""
    name: Annotated[str, Meta(max_length=200)] = ""  # the authority's name, on the managers' report
    logo: str | None = None  # a PNG or JPEG file for the managers' report


class ExportConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The child's letter's pictures and its read-aloud audio (README, "Exporting to Word")."""

    #: Pictures for readers younger than this (0: never, unless a letter asks).
    pictures_below_age: Annotated[int, Meta(ge=0, le=18)] = 8
    #: An espeak-ng voice (`espeak-ng --voices=en` lists them).
    voice: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_+-]{2,40}$")] = "en-gb"
    #: espeak-ng's default is 175; slower suits a young listener.
    words_per_minute: Annotated[int, Meta(ge=80, le=450)] = 140
    espeak_ng: str = ""  # the espeak-ng program, when it is not on PATH


class AuditConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    sample_per_iro: Annotated[int, Meta(ge=1, le=100)] = 3
    rubric: str | None = None  # path of a rubric TOML replacing the built-in one


_Percent = Annotated[float, Meta(ge=0, le=100)]


class TargetsConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Targets shown beside the audit's figures, as percentages (0 to 100); none: no target."""

    reviews_on_time: _Percent | None = 95.0
    letters_on_time: _Percent | None = None
    decisions_on_time: _Percent | None = None
    participation_4plus: _Percent | None = 97.0
    within_reading_age: _Percent | None = None
    good_or_better: _Percent | None = None


class Config(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    database_url: str | None = None  # None: SQLite in the user's data folder
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    authority: AuthorityConfig = field(default_factory=AuthorityConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    audit: AuditConfig = field(default_factory=AuditConfig)
    limits: DateLimits = field(default_factory=DateLimits)
    targets: TargetsConfig = field(default_factory=TargetsConfig)


def config_path() -> Path:
    env = os.environ.get("LETTERS_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("letters", appauthor=False)) / "config.toml"


# -- reading ----------------------------------------------------------------------------------------

_TYPES = {
    "int": "a whole number",
    "float": "a number",
    "str": "text in quotes",
    "bool": "true or false",
    "array": "a list",
    "object": "a table of settings",
    "date": "a date like 2026-01-21",
    "null": "nothing",
}
_ERROR = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)


def _normalise(data: Any) -> Any:
    """Settings may be spelt with hyphens (`letter-working-days`)."""
    if isinstance(data, dict):
        return {str(k).replace("-", "_"): _normalise(v) for k, v in data.items()}
    return data


def _setting(path: str) -> tuple[str, type | None]:
    """`.authority.days[0]` as the file names it (`authority.days[1]`), and the table's class."""
    names = [n for n in re.split(r"\.|\[\d+\]", path) if n]
    shown = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m[1]) + 1}]", path.lstrip("."))
    cls: Any = Config
    for name in names:
        hints = typing.get_type_hints(cls) if isinstance(cls, type) else {}
        cls = hints.get(name)
    return shown, cls


def _choices(path: str) -> tuple[str, ...]:
    parent, _, last = path.lstrip(".").rpartition(".")
    _, cls = _setting("." + parent if parent else "")
    if isinstance(cls, type):
        hint = typing.get_type_hints(cls).get(last)
        if typing.get_origin(hint) is Literal:
            return tuple(str(a) for a in typing.get_args(hint))
    return ()


def _message(exc: msgspec.ValidationError, where: str) -> str:
    found = _ERROR.match(str(exc))
    assert found is not None  # the pattern matches any text
    what, path = found["what"], found["path"] or ""
    setting, cls = _setting(path)
    unknown = re.fullmatch(r"Object contains unknown field `(.*)`", what)
    if unknown:
        known = sorted(f.name for f in msgspec.structs.fields(cls)) if isinstance(cls, type) else []
        name = f"{setting}.{unknown[1]}" if setting else unknown[1]
        return (
            f"{where}: {name}: unknown setting '{unknown[1]}' (known: {', '.join(known)}); check its spelling"
        )
    enum = re.fullmatch(r"Invalid enum value (.*)", what)
    if enum:
        return f"{where}: {setting}: {enum[1]} is not allowed; use one of {', '.join(_choices(path))}"
    typed = re.fullmatch(r"Expected `([^`]*)`(?:, got `([^`]*)`)?(?: (.*))?", what)
    if typed:
        wanted = " or ".join(
            _TYPES.get(t.strip(), t.strip()) for t in typed[1].split("|") if t.strip() != "null"
        )
        if typed[2]:
            got = _TYPES.get(typed[2], typed[2])
            return f"{where}: {setting}: expected {wanted}, got {got}"
        bound = typed[3] or ""
        if bound == "of length >= 1":
            return f"{where}: {setting}: must not be empty"
        bound = re.sub(r"of length <= (\d+)", r"of at most \1 characters", bound)
        bound = bound.replace("<=", "at most").replace(">=", "at least")
        return f"{where}: {setting}: expected {wanted} {bound}".rstrip()
    if what.startswith("Invalid RFC3339"):
        return f"{where}: {setting}: expected a date written like 1991-10-14"
    return f"{where}: {setting or 'the file'}: {what}"


def parse_config(data: dict[str, Any], where: str = "config") -> Config:
    """Check and build the settings from the file's data; `ConfigError` names the bad setting."""
    from letters.checks import RULES

    if "work_contacts" in data.get("checks", {}):
        raise ConfigError(
            f"{where}.checks.work_contacts: set [authority] work_phone, work_email or work_address instead"
        )
    try:
        config = msgspec.convert(_normalise(data), Config)
    except msgspec.ValidationError as exc:
        raise ConfigError(_message(exc, where)) from None
    authority = config.authority
    contacts = tuple(
        c for c in (authority.work_phone, authority.work_email, authority.work_address) if c.strip()
    )
    if contacts:
        checks = msgspec.structs.replace(config.checks, work_contacts=contacts)
        config = msgspec.structs.replace(config, checks=checks)
    unknown = config.checks.disabled - set(RULES)
    if unknown:
        raise ConfigError(
            f"{where}: checks.disabled: unknown rule {', '.join(sorted(unknown))} (rules: {', '.join(RULES)})"
        )
    return config


def load_config(path: Path | None = None) -> Config:
    """Read the config file, or the defaults when there is none."""
    from letters.textio import FileMissing, FileProblem, read_toml_file

    path = path or config_path()
    try:
        data = read_toml_file(path, what="config file")
    except FileMissing:
        return Config()
    except FileProblem as exc:
        raise ConfigError(str(exc)) from None
    return parse_config(data, str(path))
