"""Drawing a month's audit sample: a few letters per IRO, spread across age bands, reproducible.

`draw` is a pure function of the candidates, the number per IRO and the seed: the same inputs give
the same sample on any machine, so a sample can be checked by drawing it again. Each letter's place
in the draw comes from a hash of the seed and its own id, not from its position among the others,
so a letter that lands in the month later can change only its own IRO's picks, and only if it
ranks ahead of them; the service also draws again from the letters as they stood when the sample
was first drawn (`letters.audit.service`). This module must not touch the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from letters.audit.evidence import AGE_BANDS, age_band


@dataclass(frozen=True, slots=True)
class Candidate:
    letter_id: int
    iro: str
    age: int | None

    @property
    def age_band(self) -> str:
        return age_band(self.age)


@dataclass(frozen=True, slots=True)
class SampleItem:
    letter_id: int
    iro: str
    age_band: str


@dataclass(frozen=True, slots=True)
class Sample:
    id: int
    month: str
    method: str  # "random" or "by hand"
    seed: str
    per_iro: int | None
    drawn_by: str
    drawn_at: datetime
    items: tuple[SampleItem, ...]
    letters_as_of: datetime | None = None  # its letters as they stood then (None: drawn_at)

    @property
    def letter_ids(self) -> tuple[int, ...]:
        return tuple(i.letter_id for i in self.items)


def _rank(seed: str, *parts: object) -> str:
    # sha256 of text is the same on every platform and Python version (unlike hash()).
    return hashlib.sha256("|".join(["letters-audit", seed, *map(str, parts)]).encode()).hexdigest()


def draw(candidates: Iterable[Candidate], per_iro: int, seed: str) -> list[Candidate]:
    """Up to `per_iro` letters for each IRO, taking one from each age band in turn.

    Within an IRO the bands are visited in an order chosen by the seed, and letters within a band
    are ranked by the seed and their id, so a sample of 3 from an IRO with letters in three bands
    has one from each. Results are grouped by IRO (alphabetical), in the order drawn.
    """
    if per_iro < 1:
        raise ValueError("per_iro must be at least 1")
    by_iro: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_iro.setdefault(c.iro, []).append(c)
    chosen: list[Candidate] = []
    for iro in sorted(by_iro):
        buckets = {
            band: sorted(
                (c for c in by_iro[iro] if c.age_band == band),
                key=lambda c: _rank(seed, "letter", c.letter_id),
                reverse=True,  # popped from the end: the best rank first
            )
            for band in AGE_BANDS
        }
        order = sorted(AGE_BANDS, key=lambda band: _rank(seed, "band", iro, band))
        picked: list[Candidate] = []
        while len(picked) < per_iro and any(buckets.values()):
            for band in order:
                if buckets[band] and len(picked) < per_iro:
                    picked.append(buckets[band].pop())
        chosen.extend(picked)
    return chosen
