"""The IRO's writing prompts: what to write in each section, with an example, for the child's age.

They live in `letters/templates/prompts.toml`, next to the letter templates; an authority's own
prompts.toml in `authority.template_dir` overrides the entries it names. Kept apart from
`letters.render` so that the writing screen can show a prompt without importing Jinja2.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from letters.config import Config
from letters.errors import UserError
from letters.model import OPTIONAL_SECTION_SPECS, SECTION_SPECS

BUILTIN_DIR = Path(__file__).parent / "templates"
PROMPTS_FILE = "prompts.toml"
PROMPTS_BYTES = 512 * 1024
PROMPT_CHARS = 4_000  # a prompt and its example sentence, shown above the editor

#: Age bands for prompts; "under7" letters are read aloud to the child by an adult.
AGE_BANDS: tuple[str, ...] = ("under7", "7-11", "12-15", "16+")
#: The prompts used for sections an IRO adds (keys not in SECTION_SPECS).
OTHER_SECTION = "other"


class TemplateProblem(UserError):
    """A template (built-in or the authority's) cannot be used; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Prompt:
    prompt: str  # what to write in this section, for this age
    example: str  # a good sentence to model


def age_band(age: int | None) -> str:
    """The prompt band for a child's age; an unknown age gets the 7-11 band (the middle ground)."""
    if age is None:
        return "7-11"
    if age < 7:
        return "under7"
    if age < 12:
        return "7-11"
    if age < 16:
        return "12-15"
    return "16+"


def template_dir(config: Config) -> Path | None:
    folder = config.authority.template_dir
    if not folder:
        return None
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise TemplateProblem(
            f"template folder {path} does not exist: create it or fix authority.template_dir in your config"
        )
    return path


def _read_prompts(path: Path, folder: Path | None = None) -> dict[str, dict[str, Prompt]]:
    from letters.textio import FileProblem, read_toml_file

    if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
        raise TemplateProblem(
            f"prompts file {path}: it leads outside the template folder (to {path.resolve()}); "
            "copy the file into the folder instead of linking to it"
        )
    try:
        data = read_toml_file(path, what="prompts file", limit=PROMPTS_BYTES)
    except FileProblem as exc:
        raise TemplateProblem(f"prompts file: {exc}") from None
    prompts: dict[str, dict[str, Prompt]] = {}
    for key, bands in data.items():
        if not isinstance(bands, dict):
            raise TemplateProblem(f"prompts file {path}: [{key}] must be a table of age bands")
        for band, entry in bands.items():
            if band not in AGE_BANDS:
                raise TemplateProblem(
                    f"prompts file {path}: [{key}.{band}] is not an age band (use {', '.join(AGE_BANDS)})"
                )
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("prompt"), str)
                and isinstance(entry.get("example"), str)
                and len(entry["prompt"]) + len(entry["example"]) <= PROMPT_CHARS
            ):
                raise TemplateProblem(
                    f'prompts file {path}: [{key}."{band}"] needs text for both prompt and example '
                    f"({PROMPT_CHARS:,} characters at most together)"
                )
            prompts.setdefault(key, {})[band] = Prompt(entry["prompt"], entry["example"])
    return prompts


@functools.lru_cache(maxsize=1)
def _builtin_prompts() -> dict[str, dict[str, Prompt]]:
    return _read_prompts(BUILTIN_DIR / PROMPTS_FILE)


def prompt_for(section_key: str, age: int | None, config: Config | None = None) -> Prompt:
    """The prompt and example sentence for a section, for a child of `age`.

    An authority's prompts.toml (in its template folder) overrides the built-in entries it names.
    Sections an IRO adds get the prompts for "other".
    """
    band = age_band(age)
    known = {spec.key for spec in (*SECTION_SPECS, *OPTIONAL_SECTION_SPECS)}
    key = section_key if section_key in known else OTHER_SECTION
    if config is not None:
        folder = template_dir(config)
        if folder is not None and ((folder / PROMPTS_FILE).exists() or (folder / PROMPTS_FILE).is_symlink()):
            own = _read_prompts(folder / PROMPTS_FILE, folder)
            if band in own.get(key, {}):
                return own[key][band]
    return _builtin_prompts()[key][band]
