"""The shipped picture set: which pictures there are, their alt text, and where each may appear.

Reads `catalogue.toml` (what the pictures mean, written by hand) and the PNG files beside it in
`png/` (drawn from OpenMoji's SVGs by `scripts/build_pictures.py` when the set changes, never at
run time). Plain data: no python-docx, no Textual; the letter file's reader uses it to check a
letter's picture choices.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
PNG_DIR = HERE / "png"
CATALOGUE = HERE / "catalogue.toml"
BUILT = HERE / "built.toml"


@dataclass(frozen=True, slots=True)
class Picture:
    name: str  # "school": what a letter's choices say
    emoji: str  # OpenMoji's file name, its code points: "1F3EB"
    alt: str  # "a school"

    @property
    def alt_text(self) -> str:
        """What Word and a screen reader say for it."""
        return f"Picture of {self.alt}"

    @property
    def path(self) -> Path:
        return PNG_DIR / f"{self.name}.png"


@dataclass(frozen=True, slots=True)
class Concept:
    key: str  # a section key ("school") or a word concept ("home")
    label: str  # how the app names it: "School", "home"
    words: tuple[str, ...]  # forms that get the picture in the text; empty: headings only
    pictures: tuple[str, ...]  # the choices offered, the default first

    @property
    def default(self) -> str:
        return self.pictures[0]


@dataclass(frozen=True, slots=True)
class Catalogue:
    source: str
    version: str
    attribution: str
    pictures: dict[str, Picture]
    concepts: dict[str, Concept]


@functools.cache
def load_catalogue() -> Catalogue:
    from letters.textio import read_toml_file

    data = read_toml_file(CATALOGUE, what="picture catalogue")
    pictures = {p["name"]: Picture(name=p["name"], emoji=p["emoji"], alt=p["alt"]) for p in data["picture"]}
    concepts = {
        c["key"]: Concept(
            key=c["key"],
            label=c["label"],
            words=tuple(c.get("words", ())),
            pictures=tuple(c["pictures"]),
        )
        for c in data["concept"]
    }
    return Catalogue(
        source=data["source"],
        version=data["version"],
        attribution=data["attribution"],
        pictures=pictures,
        concepts=concepts,
    )


@functools.cache
def png_bytes(name: str) -> bytes:
    """The picture's PNG, read once per process."""
    return load_catalogue().pictures[name].path.read_bytes()
