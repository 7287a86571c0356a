"""Build the lexicon's shipped data: letters/checks/data/inflections.bin and lexicon.bin.

Why: `lexicon.toml` is the lexicon's source, written and reviewed by people; parsing it with
tomllib takes about 60 ms, in every process that checks a letter (the app's launch budget is
tight). `lexicon.bin` holds the same entries already validated and with their inflections worked
out, as a zlib-compressed marshal of plain tuples that loads in a few milliseconds. It records the
SHA-256 of the lexicon.toml it was built from: when the two differ (an edit not yet rebuilt) the
loader parses the TOML instead, so an edit is never silently ignored, only slower.

`inflections.bin` is lemminflect's English dictionary cut to what the lexicon needs: verbs' -s,
past, participle and -ing forms and nouns' plurals (see letters/checks/inflection.py). lemminflect
itself is only needed here and in the test that the table is up to date: importing it imports
spaCy.

tests/checks/test_lexicon_inflections.py fails when either file is out of date.
Run: python scripts/build_lexicon.py
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "letters" / "checks" / "data"
#: Plurals lemminflect lacks or gets wrong for these letters: British words, and "person", whose
#: plural in a letter is "people" ("young people"), not "persons".
NOUN_OVERRIDES = {
    "carer": "carers",
    "leaver": "leavers",
    "adopter": "adopters",
    "keyworker": "keyworkers",
    "stakeholder": "stakeholders",
    "person": "people",
}
#: Nouns the lexicon uses uncounted ("care", "planning"): lemminflect gives them plurals that no
#: letter uses ("care plannings"), which would only bloat the forms matched.
UNCOUNTED = frozenset(
    "care work planning housing living parenting respite kinship wellbeing support help handling "
    "advocacy accommodation safeguarding information advice".split()
)


def _british(word: str) -> str | None:
    """The -ise spelling of an -ize word ("immunization" -> "immunisation"), else None."""
    if "iz" not in word or word.endswith(("size", "sized", "sizes")) or word in ("prize", "capsize", "seize"):
        return None
    british = word.replace("ization", "isation").replace("izing", "ising").replace("izes", "ises")
    british = british.replace("ized", "ised").replace("izer", "iser")
    if british.endswith("ize"):
        british = british[:-3] + "ise"
    return british if british != word else None


def inflection_table() -> tuple[str, dict[str, tuple[str, str, str, str]], str, dict[str, str]]:
    """(regular verbs, irregular verbs' forms, regular nouns, irregular plurals) from lemminflect.

    "Regular" means the spelling rules in letters.checks.inflection give lemminflect's answer;
    the rest are stored whole. Only lower-case alphabetic lemmas (no names)."""
    from lemminflect import Inflections

    from letters.checks.inflection import regular_plural, regular_verb

    regular_verbs: list[str] = []
    verbs: dict[str, tuple[str, str, str, str]] = {}
    regular_nouns: list[str] = []
    nouns: dict[str, str] = {}
    for lemma, forms in sorted(Inflections()._getInflDict().items()):
        if not (lemma.isalpha() and lemma.islower()):
            continue
        if "VBD" in forms:
            vbd = forms["VBD"][0]
            got = (forms.get("VBZ", (lemma + "s",))[0], vbd, forms.get("VBN", (vbd,))[0])
            got4 = (*got, forms.get("VBG", (lemma + "ing",))[0])
            if got4 == regular_verb(lemma):
                regular_verbs.append(lemma)
            else:
                verbs[lemma] = got4
        if "NNS" in forms and forms["NNS"][0] != lemma and lemma not in UNCOUNTED:
            if forms["NNS"][0] == regular_plural(lemma):
                regular_nouns.append(lemma)
            else:
                nouns[lemma] = forms["NNS"][0]
    # British spellings lemminflect lacks: "immunisation" as well as "immunization".
    for lemma in [*regular_nouns, *nouns]:
        british = _british(lemma)
        if british and british not in nouns and british not in regular_nouns:
            if lemma in nouns:
                nouns[british] = _british(nouns[lemma]) or nouns[lemma]
            else:
                regular_nouns.append(british)
    for lemma in [*regular_verbs, *verbs]:
        british = _british(lemma)
        if british and british not in verbs and british not in regular_verbs:
            if lemma in verbs:
                verbs[british] = tuple(_british(f) or f for f in verbs[lemma])  # type: ignore[assignment]
            else:
                regular_verbs.append(british)
    regular_nouns.sort()
    regular_verbs.sort()
    for lemma, plural in NOUN_OVERRIDES.items():
        if lemma in regular_nouns:
            regular_nouns.remove(lemma)
        nouns[lemma] = plural
    return "\n".join(regular_verbs), verbs, "\n".join(regular_nouns), nouns


def compiled_lexicon() -> bytes:
    """lexicon.bin's bytes for the lexicon.toml beside it (needs inflections.bin up to date)."""
    from letters.checks import lexicon

    source = (DATA / "lexicon.toml").read_bytes()
    entries = lexicon.parse_lexicon(source.decode("utf-8"), "lexicon.toml")
    payload: Any = (lexicon.FORMAT, lexicon.source_digest(source), [e.to_plain() for e in entries])
    return zlib.compress(marshal.dumps(payload), 9)


def main() -> None:
    from letters.checks import inflection

    table = DATA / "inflections.bin"
    table.write_bytes(zlib.compress(marshal.dumps(inflection_table()), 9))
    inflection._table.cache_clear()
    out = DATA / "lexicon.bin"
    out.write_bytes(compiled_lexicon())
    for path in (table, out):
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
