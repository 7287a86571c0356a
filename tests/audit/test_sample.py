"""Drawing a sample: per IRO, spread across age bands, the same from the same seed."""

from __future__ import annotations

from collections import Counter

from letters.audit.sample import Candidate, draw


def _candidates() -> list[Candidate]:
    ages = [2, 5, 9, 10, 11, 13, 14, 16, 17, 8]
    out = []
    for n, iro in enumerate(["Priya Example", "Tom Sample", "Jo Placeholder"]):
        out += [Candidate(100 * n + i, iro, age) for i, age in enumerate(ages)]
    out.append(Candidate(999, "Solo Example", 12))
    return out


def test_per_iro_and_reproducible():
    first = draw(_candidates(), 3, "42")
    assert draw(list(reversed(_candidates())), 3, "42") == first  # input order does not matter
    assert Counter(c.iro for c in first) == {
        "Priya Example": 3,
        "Tom Sample": 3,
        "Jo Placeholder": 3,
        "Solo Example": 1,
    }
    assert [c.iro for c in first] == sorted(c.iro for c in first)


def test_spread_across_age_bands():
    for seed in map(str, range(30)):
        picked = [c for c in draw(_candidates(), 4, seed) if c.iro == "Tom Sample"]
        # Tom has letters in four bands: a sample of four takes one from each.
        assert len({c.age_band for c in picked}) == 4


def test_different_seeds_differ():
    samples = {tuple(c.letter_id for c in draw(_candidates(), 3, str(s))) for s in range(10)}
    assert len(samples) > 1


def test_fewer_letters_than_asked_takes_them_all():
    assert [c.letter_id for c in draw(_candidates(), 20, "1") if c.iro == "Solo Example"] == [999]


def test_a_letter_for_one_iro_does_not_change_anothers_picks():
    from letters.audit.sample import Candidate, draw

    base = [Candidate(i, "Priya" if i % 2 else "Tom", 5 + i % 12) for i in range(1, 30)]
    before = draw(base, 3, "11")
    after = draw(base + [Candidate(100 + i, "Tom", 9) for i in range(20)], 3, "11")
    assert [c for c in before if c.iro == "Priya"] == [c for c in after if c.iro == "Priya"]
