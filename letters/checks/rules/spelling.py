"""The spelling rule: words not in the British English dictionary are a `warning`.

Reads the shared analysis of a unit (`UnitAnalysis`: it never re-tokenises) and the dictionary in
`letters.checks.spelling`. Never flagged:
- names: capitalised words mid-sentence, words of the letter's people and allow list (every word
  of "Bethany Walsh" and of the child's own words), greetings and sign-offs ("Dear Kacper");
- the child's own words in quotation marks (as the analysis marks them): a child's spelling is
  theirs, and is never "fixed";
- numbers and anything with a digit ("1st", "S.20"), initials and abbreviations with full stops
  ("B.W.", "e.g."), web and email addresses, words in CAPITALS (the acronym rule's), single letters;
- words the lexicon knows (its terms and their variants), and words inside a lexicon match;
- a hyphenated word whose parts are all words ("after-school"), "X's" where X is known.

A word the dictionary lacks is flagged only when it looks like a slip for a common word (one
letter added, dropped or changed, or two swapped: "recieve", "thier", "tommorow"), or is an
American spelling. A word far from every common word ("pierogi", "bolani", "Oluwaseun") is more
likely a name, a loanword or the child's own word than a misspelling: it is left alone (on the
validation letters, the dishes children's families cook were the only words flagged before this).
A capitalised word at the start of a sentence is checked in lower case too ("Becuase" is flagged)
unless it is a name known from elsewhere in the letter.

Suggestions: the British form of an American spelling is offered at once (it is cheap and
exact); any other suggestion is a search (`suggest`), made only when the writer asks for a fix.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from letters.checks import spelling
from letters.checks.findings import Finding, Fix, FixKind, Severity
from letters.checks.lexicon import Lexicon
from letters.checks.rules.base import Example, Reader, Rule

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis, Word

RULE_ID = "spelling"

_CHECKABLE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*['’]?")
_POSSESSIVE = ("'s", "’s", "'", "’")
REASON = (
    "Checked against the British English Hunspell dictionary (en_GB, LibreOffice's) and the "
    "names and words of this letter. If it is a name or a word the child uses, add it to the "
    "letter's allow list (Ignore for this letter)."
)


@functools.lru_cache(maxsize=8)
def lexicon_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word of every lexicon term and variant, in lower case, less American spellings: the
    lexicon's words ("genogram", "termly") are the jargon rules' to judge, never misspellings. The
    lexicon lists American forms ("contact center") so that it can flag them as jargon; on their
    own they are still American spellings."""
    out: set[str] = set()
    for entry in lexicon.entries:
        for form in entry.forms():
            out.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", form))
    return frozenset(w for w in out if spelling.known(w) or spelling.british_form(w) is None)


def allowed_words(allow: Iterable[str]) -> frozenset[str]:
    """Every word of every allow-list entry, casefolded ("Nana Pat" allows "Nana" and "Pat")."""
    return frozenset(w.casefold() for entry in allow for w in re.findall(r"[^\W\d_]+", entry))


def find(ua: UnitAnalysis, lexicon: Lexicon, allow: frozenset[str] = frozenset()) -> list[Finding]:
    """Spelling findings in one unit, with offsets relative to the unit's start. `allow` is
    `allowed_words(...)` of the letter's allow list. Names the letter uses elsewhere come from the
    analysis (a sentence-initial word capitalised mid-sentence elsewhere is marked a name)."""
    terms = [(t.start, t.end) for t in ua.terms]
    starts = [a for a, _ in terms]
    lex_words = lexicon_words(lexicon)
    out: list[Finding] = []
    for w in ua.words:
        if w.quoted or w.name or w.number or w.upper:
            continue
        if w.text[:1].isupper() and not w.initial:
            continue  # capitalised after the start of a sentence or heading: a name
        if not _CHECKABLE.fullmatch(w.text) or len(w.text) < 2:
            continue  # digits, full stops, "@", "/", a single letter: not words to spell-check
        i = bisect.bisect_right(starts, w.start) - 1
        if i >= 0 and terms[i][0] <= w.start < terms[i][1]:
            continue
        if _accepted(w.text, lex_words, allow):
            continue
        finding = _finding(w)
        if finding is not None:
            out.append(finding)
    return out


def _base(text: str) -> str:
    """`text` less a possessive ending: "Kayden's" -> "Kayden", "carers'" -> "carers"."""
    for ending in _POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


def _accepted(text: str, lex_words: frozenset[str], allow: frozenset[str]) -> bool:
    base = _base(text)
    folded = base.casefold().replace("’", "'")
    if folded in allow or folded in lex_words or spelling.known(text) or spelling.known(base):
        return True
    if "-" in base:
        return all(not part or spelling.known(part) or part.lower() in lex_words for part in base.split("-"))
    return False


def _finding(w: Word) -> Finding | None:
    british = spelling.british_form(w.text)
    if british is not None:
        return Finding(
            RULE_ID,
            Severity.WARNING,
            w.start,
            w.end,
            f"'{w.text}' is the American spelling: British English writes '{british}'.",
            (Fix(FixKind.REPLACE, british, exact=True),),
            REASON,
        )
    if not spelling.near_common(_base(w.text)):
        return None  # far from any common word: a name, a loanword, the child's word
    if w.initial and w.text[:1].isupper():
        message = f"'{w.text}' is not in the dictionary: check the spelling, or if it is a name, allow it."
    else:
        message = f"'{w.text}' is not in the British English dictionary: check the spelling."
    return Finding(RULE_ID, Severity.WARNING, w.start, w.end, message, (), REASON)


def suggest(word: str, limit: int = 5) -> tuple[str, ...]:
    """Replacements for a flagged word, likeliest first (slow: call it when the writer asks)."""
    return spelling.suggest(word, limit)


_SUGGESTED = "a spelling suggestion: check it is the word you meant"


class Spelling(Rule):
    id = RULE_ID
    label = "Spelling"
    severities = (Severity.WARNING,)
    severity_note = "warning"
    fix_kinds = (FixKind.REPLACE,)
    description = (
        "words not in the British English dictionary (Hunspell en_GB) that look like a slip for a "
        "common word, and American spellings; suggestions only when asked"
    )
    lazy_fixes = True
    must_flag = (
        Example("You said you would recieve a letter.", "recieve"),
        Example("We talked about your favorite colour.", "favorite"),
        Example("Becuase you asked, we will meet at school.", "Becuase"),
        Example("Your nan will visit definately.", "definately"),
        Example("The centre is near the park, not the center of town.", "center"),
        Example("You like going to the after-skool club.", "skool", note="the part, not the whole"),
        Example("We will meet tommorow at thier house.", "tommorow", note="two slips away"),
    )
    must_not_flag = (
        Example("You told me about Kacper and Oluwaseun at school.", note="names mid-sentence"),
        Example("You want to organise a party, or organize one with Gran.", note="-ise and -ize"),
        Example('You wrote "I want to see my mum evry day" and we listened.', note="the child's words"),
        Example("Your social worker (BW) will ring you on the 3rd of May, e.g. after 4pm.", note="initials"),
        Example("You can look at www.example.org or email info@example.org.", note="addresses"),
        Example("Your PEP and CAMHS appointments are in the plan.", note="capitals: the acronym rule's"),
        Example("Your carers' dog and Mia's cat play in the children's garden.", note="possessives"),
        Example("You play Minecraft and talk on FaceTime about your wellbeing.", note="en_GB lacks these"),
        Example(
            "Dear Kayden,\n\nKayden's nan came. At school, Kayden is happy.", note="a name in the letter"
        ),
        Example("You cooked pierogi and bolani with Babcia.", note="loanwords: far from any common word"),
        Example("Mya will visit you.", allow=("Mya Adeyemi",), note="the letter's people"),
    )

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        return tuple(find(ua, reader.lexicon, _allow_words(reader.allow_folded)))

    def more_fixes(self, finding: Finding, flagged: str) -> tuple[Fix, ...]:
        """Words the writer may have meant: searched now, because the writer asked."""
        have = {f.text for f in finding.fixes}
        return tuple(
            Fix(FixKind.REPLACE, s, exact=False, note=_SUGGESTED) for s in suggest(flagged) if s not in have
        )


@functools.lru_cache(maxsize=32)
def _allow_words(allow_folded: frozenset[str]) -> frozenset[str]:
    return allowed_words(allow_folded)


RULE = Spelling()
