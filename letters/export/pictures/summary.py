"""The pictures of a letter as a list the IRO can read and change (the app's preview uses it).

One row per concept the letter's headings and words meet, in the order they first appear: the
picture it will show (or none, where the IRO turned it off), and where. Turning a concept's picture
off keeps its row, so it can be turned on again. Plain data, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from letters.config import Config
from letters.export.pictures import Placement, chosen_picture, pictures_wanted, plan_pictures, reader_age, why
from letters.export.pictures.catalogue import Picture, load_catalogue
from letters.model import Letter, PictureSettings
from letters.render import Block


@dataclass(slots=True)
class PictureRow:
    concept: str
    label: str
    picture: Picture | None  # None: turned off for this letter
    places: list[str] = field(default_factory=list)  # "the heading “School”", "“school”"

    def describe(self) -> str:
        if self.picture is None:
            return f"{self.label}: no picture (turned off for this letter)"
        where = ", ".join(self.places[:3]) + (
            f" and {len(self.places) - 3} more" if len(self.places) > 3 else ""
        )
        return f"{self.label}: {self.picture.alt} ({self.picture.name}), beside {where}"


def _where(blocks: list[Block], placement: Placement) -> str:
    text = blocks[placement.block].text
    if placement.heading:
        return f"the heading “{text}”"
    return f"“{text[placement.start : placement.end]}”"


def picture_rows(blocks: list[Block], letter: Letter, config: Config) -> tuple[str, list[PictureRow]]:
    """Why the letter has pictures or not, and a row for each concept it meets."""
    reason = why(letter, config)
    if not pictures_wanted(letter, config):
        return f"{reason} Press p to add them.", []
    catalogue = load_catalogue()
    actual = plan_pictures(blocks, letter, config)
    # Where each concept would appear with every picture on: rows for those turned off too.
    everything = replace(letter, pictures=PictureSettings(show=True))
    possible = plan_pictures(blocks, everything, config)
    rows: dict[str, PictureRow] = {}
    for placement in possible.placements if possible else ():
        concept = catalogue.concepts[placement.concept]
        rows.setdefault(
            concept.key,
            PictureRow(concept.key, concept.label, chosen_picture(letter, concept.key, catalogue)),
        )
    for placement in actual.placements if actual else ():
        rows[placement.concept].places.append(_where(blocks, placement))
    shown = sum(len(r.places) for r in rows.values())
    return f"{reason} {shown} pictures will appear. Press p to turn them off.", list(rows.values())


def choices_for(row: PictureRow) -> tuple[list[str], dict[str, str | None]]:
    """What the IRO can pick for a row: the concept's pictures, none, then the rest of the set.

    Returns the labels to show and, for each, the picture name to keep ("" for none, None for the
    usual picture).
    """
    catalogue = load_catalogue()
    concept = catalogue.concepts[row.concept]
    names: dict[str, str | None] = {}
    default = catalogue.pictures[concept.default]
    names[f"The usual picture: {default.alt} ({default.name})"] = None
    names[f"No picture for “{row.label}”"] = ""
    others = [n for n in catalogue.pictures if n not in concept.pictures]
    for name in (*concept.pictures[1:], *others):
        picture = catalogue.pictures[name]
        names[f"{picture.alt} ({picture.name})"] = name
    return list(names), names


def toggled(letter: Letter, config: Config) -> bool | None:
    """The letter's `pictures.show` after "pictures on/off": the opposite of what it shows now,
    or None where that is what the reader's age would give anyway."""
    show = not pictures_wanted(letter, config)
    age = reader_age(letter)
    by_age = age is not None and age < config.export.pictures_below_age
    return None if show == by_age else show
