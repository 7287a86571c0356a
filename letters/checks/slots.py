"""Template slots: the closed set of `[...]` places a suggestion may leave for the letter's own words.

A suggestion such as "seeing [name]" is a *template*: nothing is written into a child's letter
until every slot is filled, from the letter's people and the child's own words or by the IRO in
the apply dialog. The lexicon may use only the slots below (a test enforces it); the placeholder
rule flags any `[...]` left in a letter. `slot_fills` says what a letter offers for each slot of a
template (its child, IRO and people, and the child's own words). Plain data: no I/O, no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letters.model import Letter

#: Every slot, and what fills it (shown in the apply dialog).
SLOTS: dict[str, str] = {
    "[name]": "a person in the letter (choose who)",
    "[child's name]": "the name the child likes to be called",
    "[your name]": "your own name (the IRO writing the letter)",
    "[social worker's name]": "the child's social worker",
    "[carers' names]": "the child's carers, as the child calls them",
    "[what you call your mum]": "what the child calls their mum",
    "[what you call your dad]": "what the child calls their dad",
    "[what you call your parents]": "what the child calls their parents",
    "[what you call your home]": "what the child calls where they live",
    "[brothers' and sisters' names]": "the child's brothers and sisters",
    "[teacher's name]": "the child's teacher",
}

#: A `[...]` in text: a slot of ours, or any other bracketed placeholder left in a letter.
SLOT_PATTERN = re.compile(r"\[[^\[\]\n]{1,60}\]")


def slots_in(text: str) -> list[str]:
    """The slots a template uses, in order, each once."""
    return list(dict.fromkeys(m.group(0) for m in SLOT_PATTERN.finditer(text)))


#: Roles (as typed on the people step, lower case) that each slot's fills come from.
_ROLES: dict[str, tuple[str, ...]] = {
    "[social worker's name]": ("social worker",),
    "[carers' names]": ("carer",),
    "[teacher's name]": ("teacher",),
    "[brothers' and sisters' names]": ("brother", "sister", "sibling"),
    "[what you call your mum]": ("mum", "mother", "mam"),
    "[what you call your dad]": ("dad", "father"),
    "[what you call your parents]": ("mum", "mother", "mam", "dad", "father", "parent"),
}
#: Slots only the IRO can fill: what the child calls someone is the child's word, so a parent is
#: never made "Mum" by default (the child may call someone else that). Offered, never pre-filled.
_NEVER_DEFAULT = frozenset(
    {
        "[name]",
        "[what you call your mum]",
        "[what you call your dad]",
        "[what you call your parents]",
        "[what you call your home]",
    }
)


@dataclass(frozen=True, slots=True)
class SlotFill:
    """What the apply dialog offers for one slot: choices from the letter, and the fill it starts
    with ("" when the IRO must choose or type one)."""

    slot: str
    choices: tuple[str, ...]
    fill: str
    help: str


def _has_role(role: str, words: tuple[str, ...]) -> bool:
    """Whole words only: a "grandmother" is not a "mother", a "foster carer" is a "carer"."""
    return any(re.search(rf"\b{re.escape(w)}s?\b", role.casefold()) for w in words)


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def slot_fill(slot: str, letter: Letter) -> SlotFill:
    """The choices the letter offers for `slot`, best first, and the default fill if it has one."""
    help_text = SLOTS.get(slot, "words of your own")
    people = [p for p in letter.people if p.display.strip()]
    iro = letter.meeting.iro.strip()
    choices: list[str] = []
    matched: list[str] = []
    if slot == "[child's name]":
        choices = [letter.child.name]
    elif slot == "[your name]":
        choices = [iro, iro.split()[0]] if iro else []
    elif slot == "[name]":
        choices = [letter.child.name, *(p.display for p in people), *([iro] if iro else [])]
    elif slot in _ROLES:
        matched = [p.display for p in people if _has_role(p.role, _ROLES[slot])]
        if slot in ("[carers' names]", "[brothers' and sisters' names]", "[what you call your parents]"):
            choices = [_joined(matched)] if len(matched) > 1 else []
        choices += matched
    if slot.startswith("[what you call") or slot in ("[carers' names]", "[brothers' and sisters' names]"):
        choices += letter.child.own_words  # the child's own words for people and places
    choices = [c for c in dict.fromkeys(c.strip() for c in choices) if c]
    fill = "" if slot in _NEVER_DEFAULT or not choices else choices[0]
    if slot in ("[social worker's name]", "[teacher's name]") and len(matched) > 1:
        fill = ""  # two of them: say which
    return SlotFill(slot, tuple(choices), fill, help_text)


def slot_fills(template: str, letter: Letter) -> list[SlotFill]:
    """What the apply dialog offers for each slot of a template, in order."""
    return [slot_fill(slot, letter) for slot in slots_in(template)]
