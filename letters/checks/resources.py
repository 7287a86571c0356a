"""The checker's offline data, each loaded once, lazily, on first use.

Nothing here may touch the network: the tokenizer is spaCy's blank English pipeline (rules only, no
model weights), syllable counts come from the CMU dictionary shipped as `data/syllables.bin`
(see scripts/build_syllables.py), the easy-word list is the one textstat ships for Dale-Chall and
Spache, and word frequencies are read straight from the data file inside the `wordfreq` wheel.
Loading is deferred so that `import letters.checks` is cheap and the app can paint first.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import marshal
import re
import zlib
from importlib import resources
from pathlib import Path
from typing import Any


def _package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it.

    `importlib.resources.files("textstat")` would import textstat, which imports NLTK (0.2 s);
    wordfreq's import costs 0.15 s. We only read their data files.
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {name} package is not installed (pip install {name})")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def tokenizer() -> Any:
    """spaCy's rule-based English tokenizer (handles "Mr.", "e.g.", "B.W.", "n't")."""
    import spacy

    return spacy.blank("en").tokenizer


@functools.cache
def syllable_table() -> dict[str, int]:
    data = resources.files("letters.checks").joinpath("data/syllables.bin").read_bytes()
    table: dict[str, int] = marshal.loads(zlib.decompress(data))
    return table


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def estimate_syllables(word: str) -> int:
    """Syllables of a word the CMU dictionary lacks (often British: "maths", "colour"): its vowel
    groups, less a silent final "e" ("programme"), but not "-le" ("bubble"). Loading a
    hyphenation dictionary for this (pyphen, textstat's fallback) costs 0.1 s, and hyphenation
    points are not syllables anyway."""
    count = len(_VOWEL_GROUPS.findall(word))
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1
    return max(count, 1)


_syllable_cache: dict[str, int] = {}


def syllable_cache() -> dict[str, int]:
    """Counts already worked out (the analysis reads it directly: one lookup per word)."""
    return _syllable_cache


def syllables(word: str) -> int:
    """Syllables in a lower-case word: the CMU dictionary (as textstat, without its NLTK
    download), else an estimate from its vowel groups."""
    count = _syllable_cache.get(word)
    if count is None:
        count = syllable_table().get(word)
        if count is None:
            count = estimate_syllables(word) if word.isalpha() else 1
        _syllable_cache[word] = count
    return count


@functools.cache
def easy_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 words familiar to most 10-year-olds (textstat's copy)."""
    text = _package_dir("textstat").joinpath("resources/en/easy_words.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


#: British everyday words whose American forms are on the (American) Dale-Chall list.
BRITISH_EASY = frozenset(
    "mum mummy mums nan nana nanna gran granny grandad grandma grandpa maths colour colours "
    "favourite neighbour neighbours centre theatre programme practise telly sweets rubbish "
    "pavement lorry jumper trainers football holiday holidays term pocket".split()
)
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("ier", "y"),
    ("iest", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
    ("'s", ""),
    ("ly", ""),
)


_easy_cache: dict[str, bool] = {}


def is_easy_word(word: str) -> bool:
    """On the Dale-Chall list, counting regular inflections of listed words as easy too (Dale and
    Chall's own rule: "asking", "days", "biggest" are familiar when "ask", "day", "big" are)."""
    known = _easy_cache.get(word)
    if known is None:
        if len(_easy_cache) > 200_000:  # bounded: a batch of letters will not grow it forever
            _easy_cache.clear()
        known = _easy_cache[word] = _is_easy_word(word)
    return known


def _is_easy_word(word: str) -> bool:
    easy = easy_words()
    if word in easy or word in BRITISH_EASY:
        return True
    for suffix, repl in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            if stem in easy or stem in BRITISH_EASY:
                return True
            if suffix in ("ed", "ing", "er", "est") and len(stem) > 2 and stem[-1] == stem[-2]:
                if stem[:-1] in easy:  # "biggest", "stopped"
                    return True
    return False


@functools.cache
def word_zipf() -> dict[str, float]:
    """English word frequencies on the Zipf scale (log10 of uses per billion words).

    Read directly from wordfreq's packaged "small" list: importing wordfreq itself costs ~0.15 s
    (it pulls in ftfy, regex and langcodes) and we need only this table. The file is a list of
    buckets, bucket i holding the words used 10^(-i/100) of the time ("cB" format).
    """
    import msgpack

    raw = _package_dir("wordfreq").joinpath("data/small_en.msgpack.gz").read_bytes()
    buckets = msgpack.unpackb(gzip.decompress(raw), raw=False)
    table: dict[str, float] = {}
    for index, bucket in enumerate(buckets[1:], start=1):
        zipf = round(9.0 - index / 100.0, 2)
        for word in bucket:
            table.setdefault(word, zipf)
    return table


def zipf(word: str) -> float:
    """How common a lower-case word is (0 when it is not among English's common words)."""
    return word_zipf().get(word, 0.0)


_SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("est", ""),
)


def zipf_of_stem(word: str) -> float:
    """How common the word or its simple base form is: "crocodiles" is as easy as "crocodile".

    Inflected forms are rarer than their base in any corpus, but a child who knows the word knows
    its plural; this keeps the hard-word rule about vocabulary, not grammar.
    """
    table = word_zipf()
    best = table.get(word, 0.0)
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            best = max(best, table.get(word[: -len(suffix)] + repl, 0.0))
    return best


def warm_up() -> None:
    """Load everything now (the app calls this in a worker after its first paint). spaCy only
    when no helper process is tokenizing for us (see `letters.checks.tokens`)."""
    from letters.checks.tokens import helper_running

    if not helper_running():
        tokenizer()
    syllable_table()
    easy_words()
    word_zipf()
    word_kinds()
    from letters.checks import spelling

    spelling.dictionary()
    spelling.near_common("")  # the common words a slip is taken for


#: How much commoner (or rarer) a concrete (abstract) noun is to a child than an adult corpus says,
#: on the Zipf scale: half a step, a factor of about three. A round figure, not fitted to letters.
CONCRETE_BONUS = 0.5
ABSTRACT_PENALTY = 0.5


@functools.cache
def word_kinds() -> dict[str, str]:
    """Nouns of three or more syllables known to be concrete ("c") or abstract ("a"), derived from
    WordNet (see letters/checks/wordkinds_build.py)."""
    text = resources.files("letters.checks").joinpath("data/wordkinds/kinds.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, kind = line.partition(" ")
            table[word] = kind
    return table


def word_kind(word: str) -> str | None:
    """ "c" for a concrete noun (or its plural), "a" for an abstract one, None when unknown."""
    kinds = word_kinds()
    found = kinds.get(word)
    if found is None:
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
            if word.endswith(suffix) and (found := kinds.get(word[: -len(suffix)] + repl)):
                break
    return found


def child_zipf(word: str) -> float:
    """How common a word is *for a child*: adult frequency (`zipf_of_stem`), half a step higher for
    a concrete noun (children know "crocodile" and "marshmallow" better than adult text says)
    and half a step lower for an abstract one ("assessment", "presentation": adult words).
    No age-of-acquisition norms are installable here: concreteness is, after frequency, what
    best predicts the age a word is learnt."""
    adjust = {"c": CONCRETE_BONUS, "a": -ABSTRACT_PENALTY}.get(word_kind(word) or "", 0.0)
    return zipf_of_stem(word) + adjust
