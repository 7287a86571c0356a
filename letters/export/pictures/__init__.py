"""Pictures for young readers: which picture goes where in the child's Word letter.

For a reader under `config.export.pictures_below_age` (8 by default; the younger of the child's
age and a known reading age) the child's letter shows a picture beside each section heading and
beside the key words a young child meets in these letters (meeting, home, school, family time,
feelings, doctor, decisions, next meeting...). A letter can turn pictures on or off whatever the
age (`letter.pictures.show`) and choose another picture, or none, for any concept
(`letter.pictures.choices`). One concept keeps one picture throughout the letter: a young child
learns what a picture means by seeing it again.

How many: each concept's picture appears at most once a section, never twice in a row with the
section's own heading picture, and at most `MAX_PER_PARAGRAPH` times in a paragraph, so that the
pictures support the words rather than crowd them.

`plan_pictures` works on the rendered blocks (the words of the Word file) and returns
`Placement`s; `letters.export.docx` draws them. Plain data here: no python-docx, no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letters.config import Config
from letters.export.pictures.catalogue import Catalogue, Picture, load_catalogue
from letters.model import Letter
from letters.render import Block

#: Keyword pictures allowed in one paragraph.
MAX_PER_PARAGRAPH = 2


@dataclass(frozen=True, slots=True)
class Placement:
    block: int  # index into the blocks
    start: int  # where the picture goes in the block's text (0 beside a heading)
    end: int  # end of the word it stands beside (= start beside a heading)
    concept: str
    picture: Picture

    @property
    def heading(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True, slots=True)
class PicturePlan:
    placements: tuple[Placement, ...]
    attribution: str

    def at(self, block: int) -> list[Placement]:
        return [p for p in self.placements if p.block == block]


def reader_age(letter: Letter) -> float | None:
    """The younger of the child's age at the meeting and a known reading age."""
    ages = [a for a in (letter.child_age, letter.child.reading_age) if a is not None]
    return min(ages) if ages else None


def pictures_wanted(letter: Letter, config: Config) -> bool:
    """Whether the child's letter shows pictures: the letter's own choice, else by the reader's age."""
    if letter.pictures.show is not None:
        return letter.pictures.show
    age = reader_age(letter)
    return age is not None and age < config.export.pictures_below_age


def why(letter: Letter, config: Config) -> str:
    """In words, why the letter does or does not show pictures (for the preview)."""
    below = config.export.pictures_below_age
    if letter.pictures.show is True:
        return "Pictures are on for this letter."
    if letter.pictures.show is False:
        return "Pictures are off for this letter."
    age = reader_age(letter)
    if age is None:
        return f"No pictures: the child's age is not known (they are for readers under {below})."
    shown = f"{age:g}"
    if age < below:
        return f"Pictures are on: they are for readers under {below}, and this reader is {shown}."
    return f"No pictures: they are for readers under {below}, and this reader is {shown}."


def chosen_picture(letter: Letter, concept: str, catalogue: Catalogue) -> Picture | None:
    """The concept's picture in this letter: the IRO's choice, or the default; None when off."""
    name = letter.pictures.choices.get(concept)
    if name is None:
        name = catalogue.concepts[concept].default
    return catalogue.pictures.get(name) if name else None


def _word_pattern(catalogue: Catalogue) -> tuple[re.Pattern[str], dict[str, str]]:
    concept_of = {w.lower(): c.key for c in catalogue.concepts.values() for w in c.words}
    words = sorted(concept_of, key=len, reverse=True)  # "next meeting" before "meeting"
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])", re.IGNORECASE), concept_of


def _section_keys(blocks: list[Block], letter: Letter) -> list[str | None]:
    """Each block's section key: headings name their section; the text before the first heading
    belongs to hello, and the signature after the goodbye text to goodbye."""
    by_heading = {s.heading: s.key for s in letter.sections if s.included}
    current: str | None = "hello"
    keys: list[str | None] = []
    for block in blocks:
        if block.kind == "heading":
            current = by_heading.get(block.text)
        keys.append(current)
    return keys


def plan_pictures(blocks: list[Block], letter: Letter, config: Config) -> PicturePlan | None:
    """Where the child's letter shows pictures; None when it shows none."""
    if not pictures_wanted(letter, config):
        return None
    catalogue = load_catalogue()
    pattern, concept_of = _word_pattern(catalogue)
    sections = _section_keys(blocks, letter)
    placements: list[Placement] = []
    used: dict[str | None, set[str]] = {}  # per section: pictures shown already
    for index, (block, section) in enumerate(zip(blocks, sections, strict=True)):
        seen = used.setdefault(section, set())
        if block.kind == "heading":
            if section in catalogue.concepts and (picture := chosen_picture(letter, section, catalogue)):
                placements.append(Placement(index, 0, 0, section, picture))
                seen.add(picture.name)
            continue
        if block.kind not in ("paragraph", "bullet"):
            continue
        in_paragraph = 0
        for match in pattern.finditer(block.text):
            concept = concept_of[re.sub(r"\s+", " ", match.group(0).lower())]
            picture = chosen_picture(letter, concept, catalogue)
            if picture is None or picture.name in seen or in_paragraph >= MAX_PER_PARAGRAPH:
                continue
            placements.append(Placement(index, match.start(), match.end(), concept, picture))
            seen.add(picture.name)
            in_paragraph += 1
    if not placements:
        return None
    return PicturePlan(tuple(placements), catalogue.attribution)
