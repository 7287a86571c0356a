"""English inflections for the lexicon: a verb's -s, past, past participle and -ing forms, a noun's plural.

A lexicon entry lists a lemma ("kick off", "utilise", "care plan") and matches its inflections
("kicked off", "utilised", "care plans"); a verb alternative is inflected to the matched form when
it is applied ("utilised" -> "used"). The facts come from `lemminflect`'s dictionary, shipped as
`data/inflections.bin` by scripts/build_lexicon.py: importing lemminflect imports spaCy (about a
second) and loads 0.35 s of data, while this table loads in about 5 ms, and only when an entry
has to be inflected at run time (an authority's own lexicon file; the built-in lexicon ships with
its forms already worked out). The table holds every word whose forms the spelling rules below
get wrong, and the list of words whose forms they get right.

Plain data and string rules only: no I/O besides reading the table, no guessing at words the
table does not know (an unknown word is not inflected, so it cannot invent a false alarm).
"""

from __future__ import annotations

import functools
import marshal
import re
import zlib
from pathlib import Path

#: Penn Treebank tags of the verb forms generated from a lemma (VB/VBP is the lemma itself).
VERB_TAGS = ("VBZ", "VBD", "VBN", "VBG")
PLURAL = "NNS"
#: Words before a past form that make it a participle ("has utilised", "was notified").
_PARTICIPLE_AFTER = frozenset(
    "have has had having haven't hasn't hadn't 've be been being is are was were am "
    "isn't aren't wasn't weren't get gets got getting".split()
)

#: Words after which a noun phrase's last word is not its head ("change of placement").
_NOT_HEAD = frozenset("of for by in from with to on at about under".split())
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh|o)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def regular_verb(lemma: str) -> tuple[str, str, str, str]:
    """The forms English spelling rules give a verb, without doubling (VBZ, VBD, VBN, VBG)."""
    if _SIBILANT.search(lemma):
        vbz = lemma + "es"
    elif _CONSONANT_Y.search(lemma):
        vbz = lemma[:-1] + "ies"
    else:
        vbz = lemma + "s"
    if lemma.endswith("e"):
        vbd = lemma + "d"
    elif _CONSONANT_Y.search(lemma):
        vbd = lemma[:-1] + "ied"
    else:
        vbd = lemma + "ed"
    if lemma.endswith("ie"):
        vbg = lemma[:-2] + "ying"
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        vbg = lemma[:-1] + "ing"
    else:
        vbg = lemma + "ing"
    return vbz, vbd, vbd, vbg


def regular_plural(lemma: str) -> str:
    if re.search(r"(?:s|x|z|ch|sh)$", lemma):
        return lemma + "es"
    if _CONSONANT_Y.search(lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


@functools.cache
def _table() -> tuple[frozenset[str], dict[str, tuple[str, str, str, str]], frozenset[str], dict[str, str]]:
    data = (Path(__file__).resolve().parent / "data" / "inflections.bin").read_bytes()
    regular_verbs, verbs, regular_nouns, nouns = marshal.loads(zlib.decompress(data))
    return frozenset(regular_verbs.split("\n")), verbs, frozenset(regular_nouns.split("\n")), nouns


def verb_forms(lemma: str) -> dict[str, str]:
    """{tag: form} for a verb lemma the table knows ("refer" -> referred, referring); else {}."""
    regular, irregular, _, _ = _table()
    if lemma in irregular:
        forms = irregular[lemma]
    elif lemma in regular:
        forms = regular_verb(lemma)
    else:
        return {}
    return dict(zip(VERB_TAGS, forms, strict=True))


def plural(lemma: str) -> str | None:
    """A count noun's plural ("child" -> "children"), or None for a word the table does not know
    as a noun with a plural of its own ("wellbeing", "feelings")."""
    _, _, regular, irregular = _table()
    if lemma in irregular:
        return irregular[lemma]
    if lemma in regular:
        return regular_plural(lemma)
    return None


def inflect_form(form: str, pos: str) -> list[tuple[str, str]]:
    """The inflections of a lexicon form, as (form, tag): a verb's first word ("kick off" ->
    "kicked off", VBD), a noun's last word ("care plan" -> "care plans", NNS). A form whose word
    the table does not know as a lemma ("placed with", "did not engage") gets none."""
    words = form.split(" ")
    out: list[tuple[str, str]] = []
    if pos == "verb":
        head = words[0]
        tags: dict[str, list[str]] = {}
        for tag, inflected in verb_forms(head).items():
            if inflected != head:
                tags.setdefault(inflected, []).append(tag)
        # "utilised" is both past and participle: "VBD/VBN", settled by the word before it.
        out = [(" ".join([inflected, *words[1:]]), "/".join(t)) for inflected, t in tags.items()]
    elif pos == "noun" and not _NOT_HEAD.intersection(words[:-1]):
        # The last word is the head of "care plan", not of "change of placement" or "care planning".
        head = words[-1]
        inflected_noun = plural(head)
        if inflected_noun and inflected_noun != head:
            out.append((" ".join([*words[:-1], inflected_noun]), PLURAL))
    return out


def inflect_text(text: str, tag: str) -> str | None:
    """A verb alternative in the matched form's tense ("use", VBD -> "used"; "find out", VBG ->
    "finding out"); None when its first word is not a verb lemma the table knows."""
    if tag not in VERB_TAGS:
        return None
    first, _, rest = text.partition(" ")
    forms = verb_forms(first)
    if not forms:
        return None
    return forms[tag] + (" " + rest if rest else "")


def resolve_tag(tag: str, previous_word: str) -> str:
    """One tag for a matched form: "VBD/VBN" ("utilised", "notified") is a participle after
    have/be ("has utilised" -> "has used", "was notified" -> "was told"), else the simple past."""
    if tag != "VBD/VBN":
        return tag
    return "VBN" if previous_word.casefold().replace("’", "'") in _PARTICIPLE_AFTER else "VBD"
