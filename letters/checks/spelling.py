"""British English spelling: is a word in the dictionary, and (only when asked) what was meant.

The dictionary is Hunspell's en_GB (LibreOffice's, maintained by Marco A.G. Pinto; LGPL: see
data/spelling/SOURCES.md), shipped inside the package as every form its affix rules make
(`scripts/build_spelling.py`), plus `extra_words.txt`: words of children's lives and of children's
services that it lacks ("wellbeing", "Minecraft"). Lookups are set lookups; nothing is loaded
until the first check that needs it.

British and American spellings: both -ise and -ize are accepted ("organise", "organize": Oxford
spelling is British too, and councils' style guides differ), as en_GB does. Other American
spellings ("color", "center", "traveled", "defense", "mom") are not in en_GB: they are flagged,
and `british_form` finds the British spelling without a search, so the finding can offer it at
once. For any other unknown word, `suggest` searches for words one or two edits away; it is slow
(tens of milliseconds), so it runs only when the writer asks for a fix.

Case follows Hunspell: a word in lower case in the dictionary may be written Capitalised or in
CAPITALS; a name in the dictionary ("Leo") is accepted capitalised, not in lower case. Plain data
and functions: no rule thresholds here (the spelling rule decides what to check).
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

_DATA = "data/spelling"
_NOSUGGEST = "#nosuggest"
_ALPHABET = "abcdefghijklmnopqrstuvwxyz'-"


@functools.cache
def dictionary() -> frozenset[str]:
    """Every word form the dictionary accepts, as written (case kept)."""
    words, _ = _load()
    return words


@functools.cache
def _load() -> tuple[frozenset[str], frozenset[str]]:
    folder = resources.files("letters.checks").joinpath(_DATA)
    lines = gzip.decompress(folder.joinpath("en_GB.words.gz").read_bytes()).decode("utf-8").split("\n")
    cut = lines.index(_NOSUGGEST)
    extra = [
        w.strip()
        for w in folder.joinpath("extra_words.txt").read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    return frozenset([*lines[:cut], *extra]), frozenset(w for w in lines[cut + 1 :] if w)


def _never_suggested() -> frozenset[str]:
    return _load()[1]


def known(word: str) -> bool:
    """Whether `word` is spelled as British English writes it (Hunspell's rules for case)."""
    words = dictionary()
    if word in words:
        return True
    if "’" in word:
        return known(word.replace("’", "'"))
    if word.endswith("'s") and len(word) > 2:
        return known(word[:-2])  # the list keeps "X's" only where X is not in it
    lower = word.lower()
    if lower != word:
        if lower in words:
            return True  # "Colour", "COLOUR"
        if word.isupper() and word.capitalize() in words:
            return True  # "LONDON"
    return False


#: Words at least this common (Zipf: once in a million words) are the ones a slip is taken for.
NEAR_COMMON_ZIPF = 3.0


@functools.cache
def _common() -> frozenset[str]:
    """The dictionary's common words, in lower case: the words a slip is taken for."""
    from letters.checks.resources import word_zipf

    words = dictionary()
    return frozenset(w for w, z in word_zipf().items() if z >= NEAR_COMMON_ZIPF and w in words)


@functools.lru_cache(maxsize=8192)
def near_common(word: str) -> bool:
    """Whether a word not in the dictionary looks like a slip for a common word: the two are the
        same after at most one deletion from each (symmetric-delete distance, as SymSpell uses), which
        covers one letter added, dropped or changed, two swapped, and one dropped with one added
        ("thier", "tommorow"). A few thousand set lookups (a fraction of a millisecond), made once per
    unknown word. Words far from any
        ("pierogi", "Oluwaseun") are more likely names, loanwords or the child's own words."""
    common = _common()
    x = word.lower().replace("’", "'")
    if x in common:
        return True
    deletes = {x[:i] + x[i + 1 :] for i in range(len(x))}
    if not common.isdisjoint(deletes):
        return True
    # A common word that one insertion into the word, or into one of its deletions, makes.
    inserted = {
        stem[:i] + c + stem[i:] for stem in (x, *deletes) for i in range(len(stem) + 1) for c in _ALPHABET
    }
    return not common.isdisjoint(inserted)


#: Where an American spelling differs from the British one, as (American, British) pieces: one
#: piece changed anywhere in the word ("behavior", "favorite", "traveler", "analyzing").
_AMERICAN_PIECES: tuple[tuple[str, str], ...] = (
    ("or", "our"),
    ("er", "re"),
    ("ense", "ence"),
    ("ses", "ces"),
    ("og", "ogue"),
    ("yz", "ys"),
    ("el", "ell"),
    ("ll", "l"),
    ("gment", "gement"),
    ("am", "amme"),
    ("e", "ae"),
    ("e", "oe"),
)
_AMERICAN_WORDS = {
    "mom": "mum",
    "moms": "mums",
    "mommy": "mummy",
    "pajamas": "pyjamas",
    "cozy": "cosy",
    "gotten": "got",
    "aluminum": "aluminium",
    "math": "maths",
    "plow": "plough",
    "mold": "mould",
}


def british_form(word: str) -> str | None:
    """The British spelling of an American one that en_GB lacks ("color" -> "colour"), else None.
    Cheap (a few dozen set lookups), so the finding can offer it straight away."""
    lower = word.lower()
    if known(lower):
        return None
    words = dictionary()
    candidate = _AMERICAN_WORDS.get(lower)
    if candidate is None:
        for american, british in _AMERICAN_PIECES:
            at = lower.find(american)
            while at > 0:  # never the first letter: "error" is not "rerror"
                form = lower[:at] + british + lower[at + len(american) :]
                if form in words:
                    return _same_case(word, form)
                at = lower.find(american, at + 1)
    return None if candidate is None else _same_case(word, candidate)


#: How much less likely a word two edits away is than one a single edit away, on the Zipf scale
#: (a word ten times as common two edits away wins: "skool" -> "school" before "stool").
_SECOND_EDIT = 1.5
#: Changing the first letter is a rarer slip than any other (also on the Zipf scale).
_FIRST_LETTER = 1.0
#: A word one edit away at least this common (Zipf: ten in a million words) needs no second search.
_COMMON = 4.0
#: Words longer than this get one-edit suggestions only (two edits of a long word are slow).
_TWO_EDITS_UP_TO = 14


def suggest(word: str, limit: int = 5) -> tuple[str, ...]:
    """Words the writer may have meant, likeliest first: the British form of an American
    spelling, then dictionary words one or two edits away (a letter left out, added, changed or
    two swapped), ranked by how common each is, less a step for a second edit or a changed first
    letter. Slow (up to a few hundred milliseconds): only call it when the writer asks."""
    from letters.checks.resources import zipf

    lower = word.lower().replace("’", "'")
    if not lower:
        return ()
    words = dictionary()
    taboo = _never_suggested()

    def as_listed(candidate: str) -> str | None:
        for form in (candidate, candidate.capitalize()):
            if form in words and form not in taboo and form.lower() != lower:
                return form
        return None

    scores: dict[str, float] = {}

    def consider(candidates: set[str], penalty: float) -> None:
        for candidate in candidates:
            form = as_listed(candidate)
            if form is None or form in scores:
                continue
            score = zipf(candidate) - penalty
            if candidate[:1] != lower[:1]:
                score -= _FIRST_LETTER
            scores[form] = score

    british = british_form(word)
    near = _edits(lower)
    consider(near, 0.0)
    # Two edits cost a few hundred thousand lookups: only when one edit found nothing common.
    if not british and len(lower) <= _TWO_EDITS_UP_TO and max(scores.values(), default=0.0) < _COMMON:
        for one in near:
            consider(_edits(one), _SECOND_EDIT)
    ranked = sorted(scores, key=lambda form: (-scores[form], form))
    ordered = ([british] if british else []) + [_same_case(word, form) for form in ranked]
    return tuple(dict.fromkeys(ordered))[:limit]


def _edits(word: str) -> set[str]:
    """Every string one edit from `word` (Norvig's spelling corrector)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    changes = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + swaps + changes + inserts)


def _same_case(original: str, word: str) -> str:
    """`word` in the case `original` was written in ("Recieve" -> "Receive"); a name keeps its own."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
