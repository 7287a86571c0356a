"""The checker: turns the shared analysis into findings for one reader.

Per-unit facts come from `Analyzer` (cached by unit text, so a keystroke re-analyses one unit);
everything here is a cheap pass over those facts that applies the reader's thresholds and the
letter-wide state (terms already explained, acronyms already spelled out, names, totals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from letters.checks import readability as ra
from letters.checks.analysis import (
    Analyzer,
    Counts,
    Sentence,
    UnitAnalysis,
    split_units,
)
from letters.checks.findings import RULES, Finding, Severity
from letters.checks.lexicon import Lexicon, load_lexicon
from letters.checks.report import ReaderProfile, ReadingAge, Report, UnitScore
from letters.checks.resources import is_easy_word, zipf_of_stem
from letters.config import ChecksConfig

#: Capitals every child meets: never flagged as acronyms.
COMMON_ACRONYMS = frozenset(
    "OK TV UK PE PS DVD CD BBC ID PC AM PM NHS GCSE GCSES MP USA FIFA LEGO PTO ASAP SMS "
    "XBOX PS4 PS5 WIFI ICT RE".split()
)
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z'’]+")
MAX_CHARS = 1_000_000  # about 170,000 words: far beyond any letter; refuse rather than hang


def _hard_word_zipf(target: float) -> float:
    """Words of three or more syllables rarer than this (Zipf scale) may be hard for the reader."""
    if target <= 8:
        return 3.3
    if target <= 11:
        return 3.0
    return 2.5


class Checker:
    """Checks texts for one reader. Keep one per letter: it caches per-unit analysis."""

    def __init__(
        self,
        profile: ReaderProfile,
        *,
        allow: Iterable[str] = (),
        config: ChecksConfig | None = None,
        disabled: Iterable[str] = (),
        lexicon: Lexicon | None = None,
    ):
        self.config = config or ChecksConfig()
        self.profile = profile
        self.allow = tuple(dict.fromkeys([*allow, *self.config.allow]))
        self.disabled = frozenset(self.config.disabled) | frozenset(disabled)
        self.lexicon = lexicon or load_lexicon(self.config.lexicon)
        self.analyzer = Analyzer(self.lexicon, self.allow)
        self.target = ra.target_reading_age(profile, self.config.target)
        self.limit = ra.sentence_limit(profile, self.target)
        # The age a lexicon entry's min_age is judged against: what the child can read, so a
        # known reading age, or for EAL readers their age less the EAL margin.
        if profile.reading_age is not None:
            self.age = float(profile.reading_age)
        elif profile.age is not None:
            self.age = profile.age - (self.config.target.eal_margin if profile.eal else 0.0)
        else:
            self.age = self.target
        self._allow_folded = {a.casefold() for a in self.allow}

    def check(self, text: str) -> Report:
        if len(text) > MAX_CHARS:
            from letters.errors import InputError

            raise InputError(
                f"the text has {len(text):,} characters; letters checks at most {MAX_CHARS:,}. "
                "Check the file is a letter, or split it."
            )
        findings: list[Finding] = []
        total = Counts()
        unit_scores: list[tuple[int, UnitScore | None, tuple[Sentence, ...]]] = []
        explained: set[int] = set()
        defined: set[str] = set()
        second = third = 0
        ignores: list[tuple[int, int, frozenset[str] | None]] = []
        new_names = self._learn_names(text)
        about: list[tuple[int, int]] = []
        units = split_units(text)
        self.analyzer.prefetch([(text[u.start : u.end], u.kind) for u in units])
        for unit in units:
            unit_text = text[unit.start : unit.end]
            ua = self.analyzer.analyse(unit_text, unit.kind)
            if new_names and ua.initial_caps & new_names:  # analysed before we knew the name
                self.analyzer.forget(unit_text, unit.kind)
                ua = self.analyzer.analyse(unit_text, unit.kind)
            off = unit.start
            about.extend((off + a, off + b) for a, b in ua.about_child)
            total = total + ua.counts
            second += ua.second_person
            third += ua.third_person
            if ua.ignores:
                ignores.extend((off + a, off + b, rules) for a, b, rules in ua.ignores)
            local = ua.memo.get("local")
            if not isinstance(local, UnitLocal):
                local = self._unit_local(ua)
                ua.memo["local"] = local
            unit_scores.append((off, local.paragraph, local.sentences))
            findings.extend(f.shifted(off) for f in local.findings)
            for key, explain_tier, explained_here, finding in local.terms:
                if explain_tier:
                    if explained_here:
                        explained.add(key)  # explained once: fine for the rest of the letter
                        continue
                    if key in explained:
                        continue
                findings.append(finding.shifted(off))
            for acronym, defines, maybe in local.acronyms:
                if defines:
                    defined.add(acronym)
                elif maybe is not None and acronym not in defined:
                    findings.append(maybe.shifted(off))
        letter_ra = ra.reading_age(total, self.target)
        above = None
        if letter_ra is not None:
            above = letter_ra.central > self.target + self.config.target.tolerance
        findings.extend(self._letter_findings(text, total, letter_ra, above, second, third, about))
        findings = [f for f in findings if f.rule not in self.disabled and not _ignored(f, ignores)]
        findings.sort(key=lambda f: (f.start, f.end, RULES.index(f.rule) if f.rule in RULES else 99))
        return Report(
            text=text,
            findings=tuple(findings),
            reading_age=letter_ra,
            target=self.target,
            words=total.words if total.words else len(text.split()),
            above_target=above,
            unit_scores=tuple(unit_scores),
        )

    def _learn_names(self, text: str) -> frozenset[str]:
        """Names capitalised mid-sentence anywhere in the letter make the same word a name at a
        sentence start elsewhere ("Kim will ask…"). Found by one cheap scan before analysis, so a
        first check analyses each unit once; returns the names that are new to the analyser."""
        seen = {m.lower() for m in _MID_SENTENCE_CAPITAL.findall(text)}
        new = frozenset(seen - self.analyzer.names)
        self.analyzer.names |= new
        return new

    def _unit_local(self, ua: UnitAnalysis) -> UnitLocal:
        """Scores and findings that depend on this unit alone (relative offsets), made once."""
        scored = [s for s in ua.sentences if s.scored]
        para = None
        if scored:
            para = UnitScore(
                "paragraph",
                0,
                len(ua.text),
                ua.counts.words,
                ra.reading_age(ua.counts, self.target, reliable_words=50),
            )
        sents = tuple(scored)
        found: list[Finding] = []
        self._sentence_findings(ua, 0, found)
        self._hard_words(ua, 0, found)
        for a, b, what in ua.personal:
            if not self._allowed(ua, a, b):
                found.append(_personal(a, b, what))
        return UnitLocal(para, sents, found, self._term_candidates(ua), self._acronym_candidates(ua))

    # --- parts of the pass ---------------------------------------------------------------------

    def _allowed(self, ua: UnitAnalysis, start: int, end: int) -> bool:
        if ua.text[start:end].casefold() in self._allow_folded:
            return True
        return any(a <= start and end <= b for a, b in ua.allowed)

    def _sentence_findings(self, ua: UnitAnalysis, off: int, out: list[Finding]) -> None:
        limit = self.limit
        for s in ua.sentences:
            if not s.scored:
                continue
            n = s.counts.words
            if n > limit:
                severity = Severity.ERROR if n >= 2 * limit else Severity.WARNING
                out.append(
                    Finding(
                        "sentence-length",
                        severity,
                        off + s.start,
                        off + s.end,
                        f"This sentence has {n} words; for this reader keep sentences to {limit} or fewer.",
                        ("Split it into shorter sentences, one idea each.",),
                        f"Sentence limit {limit} words for reading age {self.target:g}"
                        + (" (English as an additional language: shorter)" if self.profile.eal else "")
                        + ". Long sentences are the first thing that makes a letter hard to follow.",
                    )
                )
            elif n >= 10:  # on fewer words a formula is noise
                grade = ra.flesch_kincaid_grade(s.counts) + ra.UK_OFFSET
                if grade > self.target + 4:
                    out.append(
                        Finding(
                            "sentence-length",
                            Severity.INFO,
                            off + s.start,
                            off + s.end,
                            f"This sentence is hard to read (reading age about {grade:.0f}): "
                            "its words are long.",
                            ("Use shorter, everyday words.",),
                            "Flesch-Kincaid on this sentence alone is far above the reader's target.",
                        )
                    )

    def _term_candidates(self, ua: UnitAnalysis) -> list[tuple[int, bool, bool, Finding]]:
        """Lexicon matches in this unit as (entry, explain tier, explained here, finding)."""
        entries = self.lexicon.entries
        out = []
        for m in ua.terms:
            entry = entries[m.entry]
            if entry.is_acronym:
                continue  # acronyms are judged by the acronym rule, which knows definitions
            if entry.min_age is not None and self.age >= entry.min_age:
                continue
            if self._allowed(ua, m.start, m.end):
                continue
            matched = ua.text[m.start : m.end]
            # The alternatives that fit this form, a verb's in its tense ("utilised" -> "used").
            alts = entry.alternatives_for(matched, _word_before(ua.text, m.start))
            suggestions = tuple(_match_case(matched, alt.text) for alt in alts)
            if entry.rule == "deficit-language":
                severity = Severity.WARNING
                message = f"'{matched}' can read as blaming the child: say what happened and why."
            elif entry.tier == "explain":
                severity = Severity.INFO
                message = f"'{matched}' needs explaining in words the child uses, the first time."
            elif entry.group == "plain-english":
                severity = Severity.WARNING
                message = f"'{matched}' is a formal word: use an everyday one."
            else:
                severity = Severity.WARNING
                message = f"'{matched}' is jargon: children in care have asked for other words."
            finding = Finding(entry.rule, severity, m.start, m.end, message, suggestions, entry.reason)
            out.append((m.entry, entry.tier == "explain", m.explained, finding))
        return out

    def _acronym_candidates(self, ua: UnitAnalysis) -> list[tuple[str, bool, Finding | None]]:
        """Acronyms in this unit as (acronym, spelled out here, finding if not defined earlier)."""
        out: list[tuple[str, bool, Finding | None]] = []
        for use in ua.acronyms:
            norm = use.text
            if use.defines:
                out.append((norm, True, None))
                continue
            if norm in COMMON_ACRONYMS or self._allowed(ua, use.start, use.end):
                continue
            index = self.lexicon.acronyms.get(norm)
            entry = self.lexicon.entries[index] if index is not None else None
            if entry is not None and entry.min_age is not None and self.age >= entry.min_age:
                continue
            suggestions: tuple[str, ...] = ()
            reason = "Initials are jargon unless they are spelled out the first time they are used."
            if entry is not None:
                suggestions = tuple(alt.text for alt in entry.alternatives)
                if entry.expansion:
                    reason = f"{norm} stands for {entry.expansion}. {entry.reason}".strip()
            out.append(
                (
                    norm,
                    False,
                    Finding(
                        "acronym",
                        Severity.WARNING,
                        use.start,
                        use.end,
                        f"{norm} is not spelled out: say what it means, or use plain words.",
                        suggestions,
                        reason,
                    ),
                )
            )
        return out

    def _hard_words(self, ua: UnitAnalysis, off: int, out: list[Finding]) -> None:
        threshold = _hard_word_zipf(self.target)
        easy = is_easy_word
        flagged = [(m.start, m.end) for m in ua.terms]
        for w in ua.words:
            if (
                w.syllables < 3
                or w.quoted
                or w.name
                or w.number
                or w.upper
                or easy(w.lower)
                or not w.text.isalpha()
            ):
                continue
            freq = zipf_of_stem(w.lower)
            if freq >= threshold:
                continue
            if any(a <= w.start < b for a, b in flagged) or self._allowed(ua, w.start, w.end):
                continue
            out.append(
                Finding(
                    "hard-word",
                    Severity.INFO,
                    off + w.start,
                    off + w.end,
                    f"'{w.text}' may be a hard word for this reader.",
                    (),
                    f"It has {w.syllables} syllables and is not common in everyday English "
                    f"(Zipf frequency {freq:.1f}; under {threshold} flags for reading age "
                    f"{self.target:g}). Use a word the child uses every day, or explain it.",
                )
            )

    def _letter_findings(
        self,
        text: str,
        total: Counts,
        letter_ra: ReadingAge | None,
        above: bool | None,
        second: int,
        third: int,
        about: list[tuple[int, int]],
    ) -> list[Finding]:
        out: list[Finding] = []
        end = len(text)
        if letter_ra is not None:
            band = letter_ra
            if above:
                over = band.central - self.target
                severity = Severity.ERROR if over > self.config.target.error_above else Severity.WARNING
                if not band.reliable:
                    severity = Severity.WARNING if severity is Severity.ERROR else Severity.INFO
                out.append(
                    Finding(
                        "readability",
                        severity,
                        0,
                        end,
                        f"Reading age about {band} is above the target of {self.target:g} for this reader.",
                        ("Use shorter sentences.", "Swap long words for everyday ones."),
                        f"Formulas: {band.formula}"
                        + ("" if band.reliable else "; the letter is short, so this is a rough guide")
                        + ". UK reading age is about US grade + 5 to + 6.",
                    )
                )
            if self.profile.eal and total.sentences:
                eflaw = ra.mcalpine_eflaw(total)
                if eflaw > ra.EFLAW_DIFFICULT:
                    out.append(
                        Finding(
                            "readability",
                            Severity.WARNING,
                            0,
                            end,
                            f"Sentences are hard for someone learning English "
                            f"(McAlpine EFLAW {eflaw:.0f}; over 25 is difficult).",
                            ("Use short, active sentences with fewer small linking words.",),
                            "McAlpine EFLAW counts words plus 'mini-words' per sentence; it was made "
                            "for readers of English as an additional language.",
                        )
                    )
        words = total.words
        if words >= 20 and (second == 0 or (third >= 3 and second < third)):
            out.append(
                Finding(
                    "addressed-to-child",
                    Severity.ERROR,
                    0,
                    end,
                    "This letter talks about the child instead of to them: write to them as 'you'.",
                    ("You told me...", "We talked about..."),
                    f"Found {second} uses of 'you/your' and {third} of he/she or 'the child'. "
                    "The outcome letter is written to the child.",
                )
            )
            out.extend(
                Finding(
                    "addressed-to-child",
                    Severity.WARNING,
                    a,
                    b,
                    f"'{text[a:b]}' talks about the child: write to them as 'you'.",
                    ("You told me...", "You said..."),
                    "Phrases like 'the young person' or 'he stated' belong in minutes, not in a "
                    "letter to the child.",
                )
                for a, b in about
            )
        return out


@dataclass(frozen=True, slots=True)
class UnitLocal:
    """What a checker makes of one unit on its own, kept with the unit's analysis and reused."""

    paragraph: UnitScore | None
    sentences: tuple[Sentence, ...]
    findings: list[Finding]  # sentence-length, hard-word, personal-data (unit-relative offsets)
    terms: list[tuple[int, bool, bool, Finding]]  # (entry, explain tier, explained here, finding)
    acronyms: list[tuple[str, bool, Finding | None]]  # (acronym, spelled out here, finding)


def _personal(start: int, end: int, what: str) -> Finding:
    severe = what in ("an NHS number", "a date of birth")
    return Finding(
        "personal-data",
        Severity.ERROR if severe else Severity.WARNING,
        start,
        end,
        f"This looks like {what}: it rarely belongs in a letter to a child.",
        ("Leave it out, or say who the child can ask.",),
        "Letters hold special-category data and are copied to several people: keep personal "
        "data to a minimum (UK GDPR).",
    )


def _ignored(f: Finding, ignores: list[tuple[int, int, frozenset[str] | None]]) -> bool:
    return any(a <= f.start < b and (rules is None or f.rule in rules) for a, b, rules in ignores)


_LAST_WORD = re.compile(r"([\w'’]+)\W*$")


def _word_before(text: str, start: int) -> str:
    """The word just before a span ("has" in "has utilised"): it settles a past form's tense."""
    found = _LAST_WORD.search(text, max(0, start - 40), start)
    return found.group(1) if found else ""


def _match_case(original: str, suggestion: str) -> str:
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def check_text(
    text: str,
    profile: ReaderProfile,
    *,
    allow: Iterable[str] = (),
    config: ChecksConfig | None = None,
) -> Report:
    """Check one text for one reader (a new Checker each call: use `Checker` for repeated checks)."""
    return Checker(profile, allow=allow, config=config).check(text)
