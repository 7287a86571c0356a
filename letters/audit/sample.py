"""Drawing a month's audit sample: a few letters per IRO, spread across age bands, reproducible.

`draw` is a pure function of the candidates, the number per IRO and the seed: the same inputs give
the same sample on any machine, so a sample can be checked by drawing it again. Storing samples is
`letters.audit.service`; this module must not touch the database.
"""

from __future__ import annotations

import random
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

    @property
    def letter_ids(self) -> tuple[int, ...]:
        return tuple(i.letter_id for i in self.items)


def draw(candidates: Iterable[Candidate], per_iro: int, seed: str) -> list[Candidate]:
    """Up to `per_iro` letters for each IRO, taking one from each age band in turn.

    Within an IRO the bands are visited in an order chosen by the seed, and letters within a band
    are shuffled by the seed, so a sample of 3 from an IRO with letters in three bands has one from
    each. Results are grouped by IRO (alphabetical), in the order drawn.
    """
    if per_iro < 1:
        raise ValueError("per_iro must be at least 1")
    # A string seed is hashed the same way on every platform and Python 3 version.
    rng = random.Random(f"letters-audit:{seed}")
    by_iro: dict[str, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: c.letter_id):
        by_iro.setdefault(c.iro, []).append(c)
    chosen: list[Candidate] = []
    for iro in sorted(by_iro):
        buckets = {band: [c for c in by_iro[iro] if c.age_band == band] for band in AGE_BANDS}
        for bucket in buckets.values():
            rng.shuffle(bucket)
        order = list(AGE_BANDS)
        rng.shuffle(order)
        picked: list[Candidate] = []
        while len(picked) < per_iro and any(buckets.values()):
            for band in order:
                if buckets[band] and len(picked) < per_iro:
                    picked.append(buckets[band].pop())
        chosen.extend(picked)
    return chosen
