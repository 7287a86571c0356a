"""The checker: runs the registered rules over the shared analysis, for one reader.

Per-unit facts come from `Analyzer` (cached by unit text, so a keystroke re-analyses one unit).
Each rule's unit step runs once per unit and its result is kept with the unit's analysis; the
letter-wide steps are cheap passes over those results (terms already explained, acronyms already
spelled out, totals). The verdict on the letter's reading age is decided here, once, and every rule
and surface reads it. The rules themselves live in `letters.checks.rules`, one module each.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from letters.checks import readability as ra
from letters.checks.analysis import Analyzer, Counts, Sentence, UnitAnalysis, split_units
from letters.checks.findings import Finding
from letters.checks.lexicon import Lexicon, load_lexicon
from letters.checks.report import ReaderProfile, Report, UnitScore, verdict_for
from letters.checks.rules import all_rules, rule_ids
from letters.checks.rules.base import Reader, Rule, Scan, pronoun_set
from letters.config import ChecksConfig

_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z'’]+")
MAX_CHARS = 1_000_000  # about 170,000 words: far beyond any letter; refuse rather than hang
_RUN = "run"  # the key of this checker's unit results in the unit analysis' memo


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
        child: str = "",
        pronouns: str = "",
        explained: Iterable[str] = (),
        avoid: Iterable[str] = (),
        avoid_advice: str = "",
    ):
        """`explained`: terms of the lexicon (an entry's `term`) that the letter's glossary page
        explains, so that they count as explained wherever the letter uses them. `avoid`: words
        not to use with this child (their words profile), with `avoid_advice` saying what to say
        instead (the `child-words` rule)."""
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
        self.reader = Reader(
            profile,
            self.config,
            self.lexicon,
            self.target,
            self.limit,
            self.age,
            frozenset(a.casefold() for a in self.allow),
            child.strip(),
            pronoun_set(pronouns),
            _entries(self.lexicon, explained),
            tuple(dict.fromkeys(w.strip() for w in avoid if w.strip())),
            avoid_advice,
        )
        self.rules: tuple[Rule, ...] = tuple(r for r in all_rules() if r.id not in self.disabled)
        self._unit_rules = tuple(r for r in self.rules if r.per_unit)
        self._letter_rules = tuple(r for r in self.rules if not r.local)
        self._slot = {r.id: n for n, r in enumerate(self._unit_rules)}
        self._order = {rule: n for n, rule in enumerate(rule_ids())}
        self._names_cache: dict[str, frozenset[str]] = {}

    def check(self, text: str) -> Report:
        if len(text) > MAX_CHARS:
            from letters.errors import InputError

            raise InputError(
                f"the text has {len(text):,} characters; letters checks at most {MAX_CHARS:,}. "
                "Check the file is a letter, or split it."
            )
        units = split_units(text)
        texts = [text[u.start : u.end] for u in units]
        self._learn_names(texts)
        self.analyzer.prefetch([(t, u.kind) for t, u in zip(texts, units, strict=True)])
        total = Counts()
        unit_scores: list[tuple[int, UnitScore | None, tuple[Sentence, ...]]] = []
        ignores: list[tuple[int, int, frozenset[str] | None]] = []
        scanned: list[tuple[int, UnitAnalysis]] = []
        runs: list[tuple[Any, ...]] = []
        findings: list[Finding] = []
        terms: list[tuple[int, int, int]] = []
        for unit, unit_text in zip(units, texts, strict=True):
            # Analysed again if the names it read changed (`Analyzer.analyse`): equals a fresh check.
            ua = self.analyzer.analyse(unit_text, unit.kind)
            off = unit.start
            scanned.append((off, ua))
            terms.extend((off + m.start, off + m.end, m.entry) for m in ua.terms)
            total = total + ua.counts
            if ua.ignores:
                ignores.extend((off + a, off + b, rules) for a, b, rules in ua.ignores)
            run = ua.memo.get(_RUN)
            if not isinstance(run, _UnitRun):
                run = ua.memo[_RUN] = self._run(ua)
            unit_scores.append((off, run.paragraph, run.sentences))
            runs.append(run.results)
            # The unit-local rules' findings, at this offset: shifted once, reused while it stays.
            if run.shifted_to != off:
                run.shifted = [f.shifted(off) for f in run.local]
                run.shifted_to = off
            findings.extend(run.shifted)
        letter_ra = ra.reading_age(total, self.target)
        words = total.words if total.words else len(text.split())
        verdict = verdict_for(letter_ra, self.target, words, self.config.target)
        scan = Scan(text, scanned, total, letter_ra, verdict, runs, self._slot)
        reader = self.reader
        for rule in self._letter_rules:
            findings.extend(rule.letter(reader, scan))
        if ignores:
            findings = [f for f in findings if not _ignored(f, ignores)]
        order = self._order
        findings.sort(key=lambda f: (f.start, f.end, order.get(f.rule, 99)))
        return Report(
            text=text,
            findings=tuple(findings),
            reading_age=letter_ra,
            target=self.target,
            words=words,
            verdict=verdict,
            unit_scores=tuple(unit_scores),
            terms=tuple(terms),
        )

    def _learn_names(self, texts: list[str]) -> None:
        """Names capitalised mid-sentence anywhere in the letter make the same word a name at a
        sentence start elsewhere ("Kim will ask…"). Found by a cheap scan of each unit (cached by
        its text) before analysis, so a first check analyses each unit once. The names are this
        text's only: a name no longer in the letter is forgotten (issue 14: "Hi, Mia." then
        "Hi. Mia." must read as a fresh check of "Hi. Mia." does)."""
        cache = self._names_cache
        seen: set[str] = set()
        for t in texts:
            names = cache.get(t)
            if names is None:
                if len(cache) >= 4096:
                    cache.clear()
                names = cache[t] = frozenset(m.lower() for m in _MID_SENTENCE_CAPITAL.findall(t))
            seen |= names
        self.analyzer.names = seen

    def _run(self, ua: UnitAnalysis) -> _UnitRun:
        """Everything this checker makes of one unit on its own, made once and kept with it."""
        reader = self.reader
        results = tuple(rule.unit(reader, ua) for rule in self._unit_rules)
        local = [
            f for rule, found in zip(self._unit_rules, results, strict=True) if rule.local for f in found
        ]
        paragraph, sentences = self._unit_scores(ua)
        return _UnitRun(paragraph, sentences, results, local)

    def _unit_scores(self, ua: UnitAnalysis) -> tuple[UnitScore | None, tuple[Sentence, ...]]:
        """The unit's paragraph score and its scored sentences (unit-relative)."""
        scored = tuple(s for s in ua.sentences if s.scored)
        if not scored:
            return None, scored
        score = ra.reading_age(ua.counts, self.target, reliable_words=50)
        return UnitScore("paragraph", 0, len(ua.text), ua.counts.words, score), scored


@dataclass(slots=True)
class _UnitRun:
    """What a checker makes of one unit, kept in the unit's analysis (an Analyzer serves one
    Checker, so no key is needed) and reused on every re-check while the unit is unchanged."""

    paragraph: UnitScore | None
    sentences: tuple[Sentence, ...]
    results: tuple[Any, ...]  # each per-unit rule's result, in `Checker._unit_rules` order
    local: list[Finding]  # the findings of rules that need nothing but the unit (unit offsets)
    shifted_to: int = -1  # the offset `shifted` was made for
    shifted: list[Finding] = field(default_factory=list)


def _entries(lexicon: Lexicon, terms: Iterable[str]) -> frozenset[int]:
    """The lexicon entries with these terms (case as the lexicon writes them, else folded)."""
    wanted = {t.strip() for t in terms if t.strip()}
    if not wanted:
        return frozenset()
    folded = {t.casefold() for t in wanted}
    return frozenset(
        i
        for i, e in enumerate(lexicon.entries)
        if e.term in wanted or (not e.case_sensitive and e.term.casefold() in folded)
    )


def _ignored(f: Finding, ignores: list[tuple[int, int, frozenset[str] | None]]) -> bool:
    """Whether an ignore comment covers the finding. `ignores` hold their units' spans in reading
    order (units do not overlap; a unit with two comments appears twice), so a binary search
    finds the unit that may (a scan per finding made a letter full of ignore comments quadratic)."""
    i = bisect.bisect_right(ignores, f.start, key=lambda x: x[0]) - 1
    if i < 0:
        return False
    unit_start = ignores[i][0]
    while i >= 0 and ignores[i][0] == unit_start:
        _, end, rules = ignores[i]
        if f.start < end and (rules is None or f.rule in rules):
            return True
        i -= 1
    return False


def check_text(
    text: str,
    profile: ReaderProfile,
    *,
    allow: Iterable[str] = (),
    config: ChecksConfig | None = None,
) -> Report:
    """Check one text for one reader (a new Checker each call: use `Checker` for repeated checks)."""
    return Checker(profile, allow=allow, config=config).check(text)
