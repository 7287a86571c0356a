"""Build data/wordkinds/kinds.txt from WordNet 3.0 (Debian's `wordnet-base`, /usr/share/wordnet).

Why: the hard-word rule asks how well *a child* knows a word, and no age-of-acquisition norms or
children's word list can be installed here (see README, "How hard a word is for a child"). What
predicts the age a word is learnt, after how often it is heard, is how concrete it is (Kuperman,
Stadthagen-Gonzalez and Brysbaert 2012): children learn the names of animals, food and things
before the words for acts, states and ideas, whatever an adult corpus says. WordNet files every
sense of every noun under one of 25 "lexicographer" categories; this builder keeps the nouns of
three or more syllables (the only ones the hard-word rule asks about) that are clearly one or the
other:
- `c` (concrete, a child's world): its first sense, and most of its senses, are animals, food,
  plants, the body, things, substances, events or times ("crocodile", "marshmallow", "sleepover");
- `a` (abstract): its first sense is an act, attribute, idea, communication, state, relation,
  process, possession, phenomenon, quantity, motive or group, and no sense is concrete
  ("assessment", "presentation", "responsibility").

WordNet's licence (shipped as data/wordkinds/LICENSE-WordNet.txt) allows this with its notice kept.
Run: python -m letters.checks.wordkinds_build [--wordnet DIR]. Build-time only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from letters.checks.resources import syllables

OUT = Path(__file__).resolve().parent / "data" / "wordkinds" / "kinds.txt"
#: WordNet's lexicographer files, by number (lexnames(5WN)).
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time"
).split()
CONCRETE = frozenset(
    "noun.animal noun.food noun.plant noun.body noun.artifact noun.object noun.substance noun.event "
    "noun.time noun.shape".split()
)
ABSTRACT = frozenset(
    "noun.act noun.attribute noun.cognition noun.communication noun.state noun.relation noun.process "
    "noun.possession noun.phenomenon noun.quantity noun.motive noun.group".split()
)


def noun_senses(folder: Path) -> dict[str, list[str]]:
    """Each noun lemma's senses' categories, most frequent sense first (index.noun's order)."""
    category: dict[str, str] = {}
    for line in (folder / "data.noun").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top of the file
        offset, lexfile, _ = line.split(" ", 2)
        category[offset] = LEXNAMES[int(lexfile)]
    senses: dict[str, list[str]] = {}
    for line in (folder / "index.noun").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        count = int(parts[2])
        senses[parts[0]] = [category[o] for o in parts[-count:]]
    return senses


def kind(senses: list[str]) -> str | None:
    if not senses:
        return None
    if senses[0] in CONCRETE and sum(s in CONCRETE for s in senses) * 2 > len(senses):
        return "c"
    if senses[0] in ABSTRACT and not any(s in CONCRETE for s in senses):
        return "a"
    return None


def kinds(folder: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma, senses in noun_senses(folder).items():
        if not lemma.isalpha() or not lemma.islower() or syllables(lemma) < 3:
            continue
        k = kind(senses)
        if k is not None:
            out[lemma] = k
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the concrete/abstract noun table from WordNet.")
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args(argv)
    table = kinds(args.wordnet)
    header = (
        "# Nouns of 3+ syllables, c = concrete (a child's world), a = abstract; derived from\n"
        "# WordNet 3.0 by letters/checks/wordkinds_build.py (see LICENSE-WordNet.txt).\n"
    )
    OUT.write_text(header + "".join(f"{w} {k}\n" for w, k in sorted(table.items())), "utf-8")
    concrete = sum(k == "c" for k in table.values())
    print(f"wrote {OUT}: {concrete} concrete, {len(table) - concrete} abstract")


if __name__ == "__main__":
    main()
