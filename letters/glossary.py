"""The glossary page at the end of a child's letter: words the IRO kept, and what they mean.

Some words stay in a letter because the child will hear them (an IRO, a care order, an advocate):
the lexicon's explain-tier terms. `candidates` lists those the letter uses, from the checker's own
record of the lexicon terms it matched (`Report.terms`: nothing is searched for again), each with a
meaning for the child's age band (`meaning_for`: letters/templates/glossary.toml, else the
lexicon's own explanation), filled in from the letter ("That's me, Sam. I check that your plan is
right for you."). The IRO chooses which to keep (`letters.model.GlossaryEntry`, in the letter) and
may change the words; the checker then counts each kept term as explained wherever the letter uses
it, and checks the meanings as part of the child's letter.

Plain Python: no Textual, no I/O beyond reading the shipped glossary file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from letters.model import GlossaryEntry, Letter
from letters.prompts import AGE_BANDS, BUILTIN_DIR, age_band

if TYPE_CHECKING:
    from letters.checks.letter import LetterReport
    from letters.checks.lexicon import Entry, Lexicon
    from letters.config import ChecksConfig

GLOSSARY_FILE = "glossary.toml"
GLOSSARY_BYTES = 256 * 1024
#: The slots a meaning may use (letters.checks.slots spells them).
SLOTS = ("[your name]", "[social worker's name]", "[carers' names]")

_EXPLAINED = re.compile(r"""['‘"“][^'’"”]*?\(([^()]{3,200})\)['’"”]""")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


class GlossaryProblem(ValueError):
    """The shipped glossary file cannot be read: a packaging fault, named with its place."""


@functools.cache
def _meanings() -> dict[str, dict[str, str]]:
    """term -> band -> meaning, from the shipped glossary file."""
    from letters.textio import FileProblem, read_toml_file

    path = BUILTIN_DIR / GLOSSARY_FILE
    try:
        data = read_toml_file(path, what="glossary file", limit=GLOSSARY_BYTES)
    except FileProblem as exc:
        raise GlossaryProblem(f"glossary file: {exc}") from None
    out: dict[str, dict[str, str]] = {}
    for n, word in enumerate(data.get("word", []), start=1):
        terms = word.get("terms") if isinstance(word, dict) else None
        bands = {b: word[b] for b in AGE_BANDS if isinstance(word, dict) and isinstance(word.get(b), str)}
        if not isinstance(terms, list) or not terms or not bands:
            raise GlossaryProblem(f"{path}: word {n} needs terms and a meaning for at least one age band")
        for term in terms:
            out[str(term)] = bands
    return out


def _in_band(bands: dict[str, str], band: str) -> str:
    """The meaning for `band`, else the nearest older band's, else the nearest younger's."""
    order = list(AGE_BANDS)
    at = order.index(band)
    for b in [*order[at:], *reversed(order[:at])]:
        if b in bands:
            return bands[b]
    return ""


def lexicon_meaning(entry: Entry) -> str:
    """The lexicon's own explanation of a term: the words in brackets of its "explain it the first
    time: 'word (meaning)'" advice, else its first plain alternative."""
    for alt in entry.alternatives:
        if str(alt.kind) == "advice":
            found = _EXPLAINED.search(alt.text)
            if found:
                return _as_sentence(found.group(1))
    for alt in entry.alternatives:
        if str(alt.kind) != "advice" and "[" not in alt.text:
            return _as_sentence(alt.text)
    return ""


def _as_sentence(words: str) -> str:
    words = " ".join(words.split()).rstrip(" .,;")
    return words[:1].upper() + words[1:] + "." if words else ""


def _iro_name(letter: Letter) -> str:
    for p in letter.people:
        if p.role.strip().casefold() in ("iro", "independent reviewing officer", "reviewing officer"):
            if p.display.strip():
                return p.display.strip()
    return letter.meeting.iro.split()[0] if letter.meeting.iro.split() else ""


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fills(letter: Letter) -> dict[str, str]:
    """Each slot's words from the child's own words, else the letter's people ("" when neither
    says, or when two people could be meant: a glossary never guesses who someone is)."""
    people = [p for p in letter.people if p.display.strip()]
    workers = [
        p.display
        for p in people
        if re.search(r"\bsocial worker\b", p.role, re.I) and "supervising" not in p.role.casefold()
    ]
    carers = [p.display for p in people if re.search(r"\bcarers?\b", p.role, re.I)]
    own = letter.child.words  # the child's own words come first
    return {
        "[your name]": own.iro.strip() or _iro_name(letter),
        "[social worker's name]": workers[0] if len(workers) == 1 else "",
        "[carers' names]": own.carers.strip() or (_joined(carers) if carers else ""),
    }


def fill(meaning: str, letter: Letter) -> str:
    """The meaning with its slots filled from the letter; a sentence whose slot the letter cannot
    fill is left out."""
    fills = _fills(letter)
    kept = []
    for sentence in _SENTENCE.findall(meaning):
        text = sentence.strip()
        for slot in SLOTS:
            if slot in text:
                text = text.replace(slot, fills[slot]) if fills[slot] else ""
        if text and "[" not in text:
            kept.append(text)
    return " ".join(kept)


def meaning_for(entry: Entry, letter: Letter) -> str:
    """What the term means, in words for this child's age band, filled in from the letter."""
    bands = _meanings().get(entry.term)
    band = age_band(letter.child_age)
    if bands:
        text = fill(_in_band(bands, band), letter)
        if text:
            return text
    return lexicon_meaning(entry)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An explain-tier term the letter uses, as the glossary would explain it."""

    term: str  # the lexicon's term ("foster carer")
    word: str  # as the letter first writes it, with a capital ("Foster carers")
    meaning: str  # for this child (the IRO may change it)
    uses: int  # how many times the letter uses it
    kept: bool  # already on the letter's glossary page

    def entry(self) -> GlossaryEntry:
        return GlossaryEntry(self.term, self.word, self.meaning)


def candidates(
    letter: Letter, report: LetterReport, lexicon: Lexicon, config: ChecksConfig | None = None
) -> list[Candidate]:
    """The explain-tier terms the letter uses (outside its glossary page), in order of first use.

    Each meaning offered passes the checker for this child (checked here, all at once); a term
    whose meaning would not is offered with none, for the IRO to write.
    """
    glossary_from = min(
        (at for part, at in report.offsets.items() if part.section == "glossary"),
        default=len(report.joined_text) + 1,
    )
    kept = {g.term for g in letter.glossary}
    first: dict[int, tuple[str, int]] = {}
    for start, end, index in report.report.terms:
        if start >= glossary_from or lexicon.entries[index].tier != "explain":
            continue
        word, uses = first.get(index, (report.joined_text[start:end], 0))
        first[index] = (word, uses + 1)
    out = []
    for index, (word, uses) in first.items():
        entry = lexicon.entries[index]
        shown = word if entry.is_acronym else word[:1].upper() + word[1:]
        out.append(Candidate(entry.term, shown, meaning_for(entry, letter), uses, entry.term in kept))
    passing = meanings_that_pass([c.meaning for c in out], [c.term for c in out], letter, config)
    return [c if ok else replace(c, meaning="") for c, ok in zip(out, passing, strict=True)]


def meanings_that_pass(
    meanings: list[str], terms: list[str], letter: Letter, config: ChecksConfig | None = None
) -> list[bool]:
    """Whether each meaning passes the checker for this letter's child, with `terms` explained:
    no finding but information and the reading-age score (which short texts cannot have)."""
    problems = meaning_problems(meanings, terms, letter, config)
    return [bool(m) and not p for m, p in zip(meanings, problems, strict=True)]


def meaning_problems(
    meanings: list[str], terms: list[str], letter: Letter, config: ChecksConfig | None = None
) -> list[str]:
    """For each meaning, why it does not pass the checker for this letter's child (the first
    finding's message), or "" when it passes (an empty meaning passes nothing: the app says to
    write one). Checked all at once, with `terms` explained."""
    if not any(meanings):
        return ["" for _ in meanings]
    from letters.checks import Checker, Severity, profile_for_letter

    checker = Checker(profile_for_letter(letter), allow=letter.allow_list(), config=config, explained=terms)
    text = "\n\n".join(m or "." for m in meanings)
    report = checker.check(text)
    found: dict[int, str] = {}
    starts = []
    at = 0
    for m in meanings:
        starts.append(at)
        at += len(m or ".") + 2
    for f in report.findings:
        if f.rule == "readability" or f.severity is Severity.INFO:
            continue
        found.setdefault(max(i for i, s in enumerate(starts) if s <= f.start), f.message)
    return [found.get(i, "") if m else "" for i, m in enumerate(meanings)]
