"""An IRO's profile: a few sentences about themselves for each age band, and a photo if they want.

Children told one authority they like knowing a little about their IRO. An IRO writes their profile
once (the app's profile screen, or `letters profile set --from FILE`); it is kept in the database,
once per IRO (`letters.store.profiles`), and the first letter a child gets from a new IRO opens with
it ("About me", `letters.followup.next_letter`), where the IRO can still change it for that child.

Why the database and not the config file: the profile belongs with the letters it goes into (one
database for a team, whoever's machine a letter is written on), it is edited in the app like a
letter, and the config file is the authority's settings, edited by hand. The photo is kept by its
digest, never changed once stored, so a letter always names the photo it was sent with.

Plain Python: no I/O, no Textual.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from typing import Any

from letters.errors import InputError
from letters.limits import NAME_CHARS, PARAGRAPH_CHARS, SHORT_CHARS
from letters.prompts import AGE_BANDS, age_band

#: The most a photo may be: a phone photo, reduced, is well under this.
PHOTO_BYTES = 2 * 1024 * 1024
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


@dataclass(slots=True)
class IroProfile:
    name: str  # as letters write the IRO: "Sam Okafor"
    texts: dict[str, str] = field(default_factory=dict)  # age band -> a few sentences
    photo: str = ""  # the digest of their photo in the store, "" for none

    @property
    def key(self) -> str:
        return name_key(self.name)

    def text_for(self, age: int | None) -> str:
        """The sentences for a child of `age`: their band's, else the nearest younger band's
        (simpler words are never wrong), else the nearest older's."""
        band = age_band(age)
        order = list(AGE_BANDS)
        at = order.index(band)
        for b in [*reversed(order[: at + 1]), *order[at + 1 :]]:
            if self.texts.get(b, "").strip():
                return self.texts[b].strip()
        return ""


def name_key(name: str) -> str:
    """How profiles are found by name: spaces and case do not matter."""
    return " ".join(name.split()).casefold()


def profile_problems(profile: IroProfile) -> list[str]:
    """What is wrong with a profile, each in words that say what to do."""
    problems = []
    if not profile.name.strip():
        problems.append("name: give the IRO's name as letters write it.")
    elif len(profile.name) > SHORT_CHARS:
        problems.append(f"name: at most {SHORT_CHARS} characters.")
    for band, text in profile.texts.items():
        if band not in AGE_BANDS:
            problems.append(f"{band}: not an age band (use {', '.join(AGE_BANDS)}).")
        elif len(text) > PARAGRAPH_CHARS:
            problems.append(f"{band}: {len(text):,} characters; keep it to a few sentences.")
    if not any(t.strip() for t in profile.texts.values()):
        problems.append("write a few sentences about yourself for at least one age band.")
    return problems


def photo_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def photo_kind(data: bytes) -> str:
    """The photo's type ("image/png" or "image/jpeg"); InputError saying what to use otherwise."""
    if len(data) > PHOTO_BYTES:
        raise InputError(
            f"the photo is {len(data) / 1024 / 1024:.1f} MB; the most is {PHOTO_BYTES // 1024 // 1024} MB. "
            "Save a smaller copy (about 600 pixels across is plenty) and use that."
        )
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(_JPEG):
        return "image/jpeg"
    raise InputError("the photo must be a PNG or JPEG picture (.png, .jpg).")


# -- the profile file (`letters profile set --from FILE`) ------------------------------------------


def profile_from_toml(text: str) -> tuple[IroProfile, str | None]:
    """A profile from its file, and the photo file it names (None: keep the photo as it is; "":
    no photo). InputError naming the field that is wrong."""
    try:
        data = tomllib.loads(text.lstrip("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not a valid profile file: {exc}; fix the TOML at that place.") from None
    known = {"name", "photo", *AGE_BANDS}
    unknown = [k for k in data if k not in known]
    if unknown:
        raise InputError(f"{unknown[0]}: unknown field (known: {', '.join(sorted(known))}).")

    def text_field(key: str, limit: int) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise InputError(f"{key}: expected text in quotes.")
        if len(value) > limit:
            raise InputError(f"{key}: at most {limit:,} characters.")
        return value.replace("\r\n", "\n")

    profile = IroProfile(
        name=" ".join(text_field("name", NAME_CHARS * 5).split()),
        texts={b: text_field(b, PARAGRAPH_CHARS).strip() for b in AGE_BANDS if b in data},
    )
    problems = profile_problems(profile)
    if problems:
        raise InputError("; ".join(problems))
    photo = text_field("photo", 4096) if "photo" in data else None
    return profile, photo


def profile_to_data(profile: IroProfile) -> dict[str, Any]:
    data: dict[str, Any] = {"name": profile.name}
    data |= {b: profile.texts[b] for b in AGE_BANDS if profile.texts.get(b, "").strip()}
    return data


#: The age each band's words are checked for: its middle, for a child reading them.
BAND_AGES: dict[str, int] = {"under7": 6, "7-11": 9, "12-15": 13, "16+": 16}


def band_problems(profile: IroProfile, config: Any = None) -> dict[str, str]:
    """Band -> why its words do not pass the checks for a child of that band (the first finding
    that is more than information, and not the reading-age score short texts cannot have); bands
    whose words pass, or that have none, are left out. Runs the checks: call it off the UI thread."""
    from letters.checks import Checker, ReaderProfile, Severity

    allow = [profile.name, *profile.name.split()]
    out: dict[str, str] = {}
    for band, text in profile.texts.items():
        if not text.strip() or band not in BAND_AGES:
            continue
        report = Checker(ReaderProfile(age=BAND_AGES[band]), allow=allow, config=config).check(text)
        for f in report.findings:
            if f.rule != "readability" and f.severity is not Severity.INFO:
                out[band] = f"“{text[f.start : f.end]}”: {f.message}"
                break
    return out
