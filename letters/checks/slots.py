"""Template slots: the closed set of `[...]` places a suggestion may leave for the letter's own words.

A suggestion such as "seeing [name]" is a *template*: nothing is written into a child's letter
until every slot is filled, from the letter's people and the child's own words or by the IRO in
the apply dialog. The lexicon may use only the slots below (a test enforces it); the placeholder
rule flags any `[...]` left in a letter. Plain data: no I/O, no Textual.
"""

from __future__ import annotations

import re

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
