"""One analysis pass shared by every rule: units (paragraphs, headings, list items), sentences, words.

A text is cut into *units*: a line of its own (a Word paragraph, a heading, a list item, a greeting)
or several hard-wrapped lines joined. Each unit is analysed once and cached by its text, so after a
one-character edit only the edited unit is analysed again (the app re-checks on every keystroke).
Everything in a `UnitAnalysis` is relative to the unit's start; the checker shifts offsets.

This module knows nothing of rules' thresholds or the reader: it records facts (counts, candidate
matches) and `letters.checks.checker` decides what to report.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from letters.checks import resources, tokens
from letters.checks.lexicon import Entry, Lexicon
from letters.checks.quotes import own_words_spans
from letters.checks.rules.personal_data import find_personal_data

# --- units -------------------------------------------------------------------------------------

TERMINAL = frozenset(".!?…")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•‣◦▪–]|\d{1,2}[.)]|[a-z][.)])\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SALUTATION = re.compile(r"^\s*(?:dear|hi|hello|hiya|to)\b[^.!?\n]{0,60}?,?\s*$", re.I)
_SIGNOFF = re.compile(
    r"^\s*(?:from|love|lots of love|best wishes|warm wishes|kind regards|regards|yours sincerely|"
    r"yours|with best wishes|all the best|take care|see you soon|speak soon|bye for now|thank you)"
    r"\b[^.!?\n]{0,40}?[,!]?\s*$",
    re.I,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff\ud800-\udfff]")
_IGNORE_COMMENT = re.compile(r"<!--\s*letters-ignore(?::?\s*([a-z, -]*))?\s*-->")
_CLOSERS = frozenset("\"'”’)]»")

UNIT_TEXT = "text"
UNIT_HEADING = "heading"
UNIT_LIST = "list"
UNIT_SALUTATION = "salutation"
UNIT_SIGNOFF = "signoff"


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    kind: str


def _word_count(line: str) -> int:
    return len(line.split())


@functools.lru_cache(maxsize=16384)
def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped[-1] in ":;")


@functools.lru_cache(maxsize=16384)
def _line_kind(line: str, is_last_line: bool) -> str:
    if _LIST_MARKER.match(line):
        return UNIT_LIST
    if _MD_HEADING.match(line):
        return UNIT_HEADING
    if _SALUTATION.match(line) and not line.rstrip().endswith("!"):
        return UNIT_SALUTATION
    if _SIGNOFF.match(line) and _word_count(line) <= 6 and not _ends_sentence(line):
        return UNIT_SIGNOFF
    if not _ends_sentence(line) and _word_count(line) <= 8:
        # A short line with no full stop: a heading, or a signature at the end of the letter.
        return UNIT_SIGNOFF if is_last_line and _word_count(line) <= 4 else UNIT_HEADING
    return UNIT_TEXT


def split_units(text: str) -> list[Unit]:
    """Cut a letter into units. Hard-wrapped lines of one paragraph are joined into one unit."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    nonblank = [i for i, (_, ln) in enumerate(lines) if ln.strip()]
    last = nonblank[-1] if nonblank else -1
    units: list[Unit] = []
    signed = False
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if not line.strip():
            i += 1
            continue
        kind = _line_kind(line, i == last)
        if signed and kind == UNIT_HEADING:
            kind = UNIT_SIGNOFF  # the name and role under "Yours sincerely,"
        signed = signed or kind == UNIT_SIGNOFF
        end = start + len(line)
        j = i
        if kind in (UNIT_TEXT, UNIT_LIST, UNIT_HEADING):
            # Join following lines that continue this sentence (a hard wrap).
            while j + 1 < len(lines):
                cur = lines[j][1]
                nxt = lines[j + 1][1]
                if not nxt.strip() or _ends_sentence(cur) or _LIST_MARKER.match(nxt):
                    break
                if _MD_HEADING.match(nxt):
                    break
                first = nxt.lstrip()[:1]
                if not (first.islower() or (_word_count(cur) > 8 and kind != UNIT_HEADING)):
                    break
                j += 1
                end = lines[j][0] + len(lines[j][1])
            if j > i and kind == UNIT_HEADING:
                kind = UNIT_TEXT
        # Trim surrounding spaces so spans point at words.
        seg = text[start:end]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        units.append(Unit(start + lead, end - trail, kind))
        i = j + 1
    return units


# --- per-unit analysis -------------------------------------------------------------------------

WORD_CHARS = re.compile(r"[A-Za-z\u00C0-\u024F]")
# A lone "'" after a word is a closing quote ('permanence') or a plural possessive (kids'): either
# way punctuation, not part of the word, so the word still matches the lexicon.
_CLITICS = frozenset(
    {"n't", "'s", "'re", "'ll", "'ve", "'m", "'d", "n’t", "’s", "’re", "’ll", "’ve", "’m", "’d"}
)


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    lower: str
    sentence: int
    initial: bool  # first word of its sentence
    quoted: bool
    name: bool
    upper: bool  # all capitals (an acronym or shouting)
    number: bool
    syllables: int


@dataclass(frozen=True, slots=True)
class Counts:
    """What the readability formulas need, summed over scored sentences."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    letters: int = 0
    polysyllables: int = 0
    hard_dale_chall: int = 0  # not on the easy-word list
    hard_spache: int = 0  # not on the list and two or more syllables
    miniwords: int = 0  # three letters or fewer (McAlpine EFLAW)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
            self.letters + other.letters,
            self.polysyllables + other.polysyllables,
            self.hard_dale_chall + other.hard_dale_chall,
            self.hard_spache + other.hard_spache,
            self.miniwords + other.miniwords,
        )


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    counts: Counts
    scored: bool


@dataclass(frozen=True, slots=True)
class TermMatch:
    entry: int  # index into the lexicon's entries
    start: int
    end: int
    explained: bool


@dataclass(frozen=True, slots=True)
class AcronymUse:
    text: str  # normalised: dots removed
    start: int
    end: int
    defines: bool  # this occurrence spells the acronym out


@dataclass(slots=True)
class UnitAnalysis:
    kind: str
    text: str
    words: list[Word]
    sentences: list[Sentence]
    terms: list[TermMatch]
    acronyms: list[AcronymUse]
    allowed: list[tuple[int, int]]  # spans of allow-listed words and phrases
    ignores: list[tuple[int, int, frozenset[str] | None]]  # (line start, line end, rules or all)
    personal: list[tuple[int, int, str]]
    second_person: int
    third_person: int
    counts: Counts = Counts()  # summed over scored sentences
    about_child: list[tuple[int, int]] = field(default_factory=list)  # "He stated", "the child"
    mid_names: frozenset[str] = frozenset()  # capitalised mid-sentence: names
    initial_caps: frozenset[str] = frozenset()  # sentence-initial capitals not known as names
    #: What this analysis took from the letter-wide names: the sentence-initial capitals whose
    #: reading depends on them, and those of them that were names. It is out of date when the
    #: names change for any of those words (`Analyzer.analyse` then analyses the unit again).
    name_sensitive: frozenset[str] = frozenset()
    names_used: frozenset[str] = frozenset()
    #: The checker's own per-unit results (an Analyzer serves one Checker, so no key is needed).
    memo: dict[str, object] = field(default_factory=dict)


# Used with .match(text, pos): no "^", which would anchor at the start of the text, not at pos.
_EXPLAINED_AFTER = re.compile(
    r"\s*(?:\(|[.!?]\s+(?:it|this|that|they|these)\s+(?:is|are|means|mean)\b|[-–—:]\s|,?\s*(?:which|that|this|it)\s+(?:means|is|are)\b|\s*means\b|"
    r",?\s*(?:is|are)\s+(?:when|where|what|who|how|a|an|the|your|our|people|someone)\b)",
    re.I,
)
# "your health check (health assessment)": plain words first, the term in brackets after them.
_EXPLAINED_BEFORE = re.compile(r"(?:(?:called|known as|named)\s*[\"“‘']?|\w\s*\(\s*)$", re.I)
#: How far before and after a match the explanation patterns look. Every check looks at a window
#: of fixed size around its match, never from the start or to the end of the unit: that is what
#: keeps the pass linear in the text (a search from the start for every match made a 16 KB
#: paragraph of acronyms take 34 s).
_WINDOW = 80
_DEFINES_AFTER = re.compile(r",?\s*(?:which|that|this|it)\s+(?:means|is|stands)")
#: "IRO stands for Independent Reviewing Officer", "IRO is short for…" (not "PEP means…": "your SGO
#: means he lives with Nan" says what it does, not what the letters stand for).
_SPELLED_OUT_AS = re.compile(r"\s+(?:stands\s+for|is\s+short\s+for|is\s+the\s+short\s+name\s+for)\s+\w", re.I)
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_THIRD = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_ABOUT_CHILD = re.compile(
    r"\b(?:the child|the young person|the young people|young person|yp|cyp|the subject child)\b|"
    r"\b[A-Z][a-z]+ is an? \d{1,2}[- ]year[- ]old\b|"
    r"\b(?:he|she) (?:stated|reported|presented|disclosed|expressed|indicated)\b",
    re.I,
)


def _tokens_text(text: str) -> str:
    """A unit's text as the tokenizer reads it, every offset kept: "letters-ignore" comments are
    blanked, and pasted control characters (bell, form feed...) and halves of broken emoji (lone
    surrogates, which spaCy cannot hash) become spaces, which is how they separate words."""
    if "letters-ignore" in text:
        text = _IGNORE_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    return text


class Analyzer:
    """Analyses units against one lexicon and one allow list, caching by unit text."""

    def __init__(self, lexicon: Lexicon, allow: tuple[str, ...] = (), cache_size: int = 4096):
        self.lexicon = lexicon
        self.allow_words = {a.casefold() for a in allow if a and " " not in a.strip()}
        phrases = sorted({a.strip() for a in allow if a.strip()}, key=len, reverse=True)
        self._allow_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.I)
            if phrases
            else None
        )
        #: Names learnt from the whole letter (capitalised mid-sentence somewhere), so that "Kim"
        #: starting a sentence or a signature counts as a name too.
        self.names: set[str] = set()
        self._cache: dict[tuple[str, str], UnitAnalysis] = {}
        self._cache_size = cache_size

    def prefetch(self, units: list[tuple[str, str]]) -> None:
        """Before analysing a letter's units ((text, kind) pairs): when a helper process tokenizes
        (`letters.checks.tokens`), send it every unit not analysed yet in one exchange."""
        if tokens.helper_running():
            tokens.prefetch([_tokens_text(t) for t, kind in units if (kind, t) not in self._cache])

    def forget(self, text: str, kind: str) -> None:
        self._cache.pop((kind, text), None)

    def analyse(self, text: str, kind: str) -> UnitAnalysis:
        """The unit's analysis under the current `names`: from the cache unless the names it
        depends on have changed since (so a check after an edit equals a fresh one)."""
        key = (kind, text)
        hit = self._cache.get(key)
        if hit is not None and (not hit.name_sensitive or hit.name_sensitive & self.names == hit.names_used):
            return hit
        result = self._analyse(text, kind)
        if len(self._cache) >= self._cache_size:
            # Drop the oldest half: simple, and a letter's units stay hot.
            for old in list(self._cache)[: self._cache_size // 2]:
                del self._cache[old]
        self._cache[key] = result
        return result

    # The heart of the pass. Kept as one function because every step reads the same tokens.
    def _analyse(self, text: str, kind: str) -> UnitAnalysis:
        ignores: list[tuple[int, int, frozenset[str] | None]] = []
        if "letters-ignore" in text:
            for m in _IGNORE_COMMENT.finditer(text):
                rules = m.group(1)
                rule_set = frozenset(r.strip() for r in rules.split(",") if r.strip()) if rules else None
                ignores.append((0, len(text), rule_set or None))
        text_for_tokens = _tokens_text(text)
        quotes = own_words_spans(text_for_tokens)  # attributed quotations only (letters.checks.quotes)
        allowed = (
            [(m.start(), m.end()) for m in self._allow_re.finditer(text_for_tokens)] if self._allow_re else []
        )
        words = self._words(tokens.token_spans(text_for_tokens), text_for_tokens, quotes, allowed, kind)
        sentences = self._sentences(words, kind, text)
        skipped: list[tuple[int, int]] = []
        terms = self._terms(words, text_for_tokens, skipped)
        personal = find_personal_data(text_for_tokens)
        # Not an acronym of its own: "LS1" in a postcode, an everyday sense skipped, or a word of a
        # longer term ("CLA review" is flagged whole, with a better suggestion than "CLA" alone).
        entries = self.lexicon.entries
        covered = _Cover(
            [(s, e) for s, e, _ in personal]
            + skipped
            + [(t.start, t.end) for t in terms if not entries[t.entry].is_acronym]
        )
        acronyms = [a for a in _acronyms(words, text_for_tokens, kind) if a.start not in covered]
        second = sum(1 for w in words if w.lower in _SECOND and not w.quoted)
        third = sum(1 for w in words if w.lower in _THIRD and not w.quoted)
        about = [(m.start(), m.end()) for m in _ABOUT_CHILD.finditer(text_for_tokens)]
        third += len(about)
        mid_names = frozenset(w.lower for w in words if w.name and not w.initial)
        sensitive = frozenset(
            form
            for w in words
            if w.initial and w.text[:1].isupper() and w.lower not in mid_names
            for form in (w.lower, _bare(w.lower))
        )
        initial_caps = frozenset(
            w.lower for w in words if w.initial and not w.name and w.text[:1].isupper() and not w.upper
        )
        counts = Counts()
        for s in sentences:
            if s.scored:
                counts = counts + s.counts
        return UnitAnalysis(
            kind,
            text,
            words,
            sentences,
            terms,
            acronyms,
            allowed,
            ignores,
            personal,
            second,
            third,
            counts,
            about,
            mid_names,
            initial_caps,
            name_sensitive=sensitive,
            names_used=sensitive & self.names,
        )

    def _words(
        self,
        spans: list[list[int]],
        text: str,
        quotes: list[tuple[int, int]],
        allowed: list[tuple[int, int]],
        kind: str,
    ) -> list[Word]:
        words: list[Word] = []
        sentence = 0
        at_start = True
        prev_ws = True
        allow_words = self.allow_words
        heading = kind == UNIT_HEADING
        signoff = kind in (UNIT_SIGNOFF, UNIT_SALUTATION)  # "From Jo", "Dear Mia": names
        n_rows = len(spans)
        length = len(text)
        for row in range(n_rows):
            idx, ws = spans[row]
            nxt = spans[row + 1][0] if row + 1 < n_rows else length
            end = nxt - 1 if ws else nxt
            t = text[idx:end]
            if words and not prev_ws and t in _CLITICS:
                # "isn't" is one word for counting and for the dictionary.
                w = words[-1]
                w.text += t
                w.end = end
                w.lower = w.text.lower().replace("’", "'")
                prev_ws = bool(ws)
                continue
            prev_ws = bool(ws)
            first = t[0]
            if not (t.isalpha() or first.isdigit() or WORD_CHARS.search(t)):
                if all(c in TERMINAL for c in t):
                    at_start = True
                continue
            if at_start and words:
                if first.islower():
                    at_start = False  # "... maybe": a pause, not a new sentence
                else:
                    sentence += 1
            start = idx
            lower = t.lower()
            if "’" in lower:
                lower = lower.replace("’", "'")
            upper = t.isupper() and sum(c.isalpha() for c in t) >= 2
            number = first.isdigit()
            quoted = bool(quotes) and _inside(start, quotes)
            name = (
                (bool(allowed) and _inside(start, allowed))
                or lower in allow_words
                or (
                    first.isupper()
                    and not upper
                    and lower != "i"
                    and (signoff or (not at_start and not heading))
                )
            )
            words.append(
                Word(t, start, start + len(t), lower, sentence, at_start, quoted, name, upper, number, 0)
            )
            at_start = False
        # A sentence-initial capitalised word is a name when it is capitalised elsewhere mid-sentence.
        names = {w.lower for w in words if w.name and not w.initial} | self.names
        known = resources.syllable_cache()
        for w in words:
            if w.initial and w.text[:1].isupper() and (w.lower in names or _bare(w.lower) in names):
                w.name = True  # "Kim will ask", "Kayden's nan came": Kim and Kayden are names
            if w.name or w.number:
                w.syllables = 1
            else:
                count = known.get(w.lower)
                w.syllables = count if count is not None else resources.syllables(w.lower)
        return words

    def _sentences(self, words: list[Word], kind: str, text: str) -> list[Sentence]:
        if not words:
            return []
        scored = kind in (UNIT_TEXT, UNIT_LIST)
        is_easy = resources.is_easy_word
        out: list[Sentence] = []
        # Words come in sentence order: cut the list where the sentence number changes.
        bounds = [0] + [i for i in range(1, len(words)) if words[i].sentence != words[i - 1].sentence]
        bounds.append(len(words))
        for n in range(len(bounds) - 1):
            ws = words[bounds[n] : bounds[n + 1]]
            start = ws[0].start
            end = words[bounds[n + 1]].start if bounds[n + 1] < len(words) else len(text)
            while end > start and text[end - 1].isspace():
                end -= 1
            syl = letters = poly = dc = sp = mini = 0
            for w in ws:
                s = w.syllables
                syl += s
                if w.name:
                    letters += 4  # a name reads like a short familiar word
                elif w.number:
                    letters += len(w.text)
                else:
                    t = w.text
                    n_letters = len(t) if t.isalpha() else sum(c.isalpha() for c in t)
                    letters += n_letters
                    if n_letters <= 3:
                        mini += 1
                    if s >= 3:
                        poly += 1
                    if not is_easy(w.lower):
                        dc += 1
                        if s >= 2:
                            sp += 1
            counts = Counts(len(ws), 1, syl, letters, poly, dc, sp, mini)
            out.append(Sentence(start, end, counts, scored))
        return out

    def _terms(self, words: list[Word], text: str, skipped: list[tuple[int, int]]) -> list[TermMatch]:
        matches: list[TermMatch] = []
        lex = self.lexicon
        after = 0  # words before this index are part of a match already
        n = len(words)
        lowers = [w.lower for w in words]
        texts = [w.text for w in words]
        entries = lex.entries
        firsts = lex.first_words
        # Only words that can start an entry need a look; a match consumes the words it spans.
        starts = [j for j in range(n) if lowers[j] in firsts or texts[j] in firsts]
        sentence_words: dict[int, frozenset[str]] = {}  # for `only_with`, made on first need
        for i in starts:
            if i < after:
                continue
            w = words[i]
            found = None
            if not w.quoted:
                for entry_index, seq in lex.candidates(w):
                    k = len(seq)
                    if i + k > n:
                        continue
                    forms = texts if entries[entry_index].case_sensitive else lowers
                    if (k == 1 or tuple(forms[i : i + k]) == seq) and (
                        _joined(words, i, k, text)
                        or (_has_comma(entries[entry_index]) and _joined(words, i, k, text, commas=True))
                    ):
                        if any(words[i + j].quoted for j in range(k)):
                            continue
                        entry = lex.entries[entry_index]
                        prev = words[i - 1].lower if i > 0 and words[i - 1].sentence == w.sentence else ""
                        nxt = words[i + k].lower if i + k < n and words[i + k].sentence == w.sentence else ""
                        if entry.only_if_prev and prev not in entry.only_if_prev:
                            continue
                        if entry.only_with:
                            if not sentence_words:
                                sentence_words.update(_sentence_words(words))
                            if entry.only_with.isdisjoint(sentence_words[w.sentence]):
                                continue
                        if prev in entry.skip_if_prev or nxt in entry.skip_if_next:
                            # An everyday sense ("enjoy DT", "contact me"): not this entry, and
                            # not an acronym to spell out either.
                            skipped.append((words[i].start, words[i + k - 1].end))
                            continue
                        found = (entry_index, k)
                        break
            if found is None:
                continue
            entry_index, k = found
            start, end = words[i].start, words[i + k - 1].end
            explained = bool(
                _EXPLAINED_AFTER.match(text, end, end + _WINDOW) or _explained_before(text, start)
            )
            matches.append(TermMatch(entry_index, start, end, explained))
            after = i + k
        return matches


_NAMED_BEFORE = ("called", "known as", "named")


def _explained_before(text: str, start: int) -> bool:
    """`_EXPLAINED_BEFORE` ("called PEP", "your school plan (PEP)") on the few characters before
    a match, with string methods: a regular expression searched over a window at every one of
    thousands of matches cost more than the rest of the analysis."""
    before = text[max(0, start - _WINDOW) : start]
    bare = before.rstrip()
    if bare.endswith("("):
        bare = bare[:-1].rstrip()
        return bool(bare) and (bare[-1].isalnum() or bare[-1] == "_")
    if before.endswith("\n"):
        before = before[:-1]  # as "$" does
    if before[-1:] in ('"', "“", "‘", "'"):
        before = before[:-1]
    return before.rstrip()[-8:].lower().endswith(_NAMED_BEFORE)


def _bare(lower: str) -> str:
    """A word less its possessive ending ("kayden's" -> "kayden")."""
    return lower[:-2] if lower.endswith("'s") and len(lower) > 2 else lower


def _joined(words: list[Word], i: int, k: int, text: str, *, commas: bool = False) -> bool:
    """Consecutive words of a phrase may be separated only by spaces or a hyphen (and commas, for
    an entry written with them: "education, health and care plan")."""
    strip = " \t-–," if commas else " \t-–"
    for j in range(i, i + k - 1):
        gap = text[words[j].end : words[j + 1].start]
        if gap.strip(strip) or "\n" in gap:
            return False
    return True


@functools.cache
def _has_comma(entry: Entry) -> bool:
    return any("," in form for form in entry.forms())


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of `spans`, which are sorted by start and do not overlap (as
    `finditer` gives them): a binary search, so a unit full of quotes stays linear."""
    i = bisect.bisect_right(spans, (pos, _BIG)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_BIG = 1 << 62


class _Cover:
    """Spans that may overlap, merged, for "is this position inside any of them" in log time."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        self.spans = merged

    def __contains__(self, pos: int) -> bool:
        return bool(self.spans) and _inside(pos, self.spans)


def _sentence_words(words: list[Word]) -> dict[int, frozenset[str]]:
    out: dict[int, set[str]] = {}
    for w in words:
        out.setdefault(w.sentence, set()).add(w.lower)
    return {k: frozenset(v) for k, v in out.items()}


_ACRONYM_TOKEN = re.compile(r"^(?:[A-Z]\.?){2,7}s?$|^[A-Z]{1,2}\.?\d{1,3}$")


def _acronyms(words: list[Word], text: str, kind: str) -> list[AcronymUse]:
    letters = [w for w in words if not w.number]
    if kind == UNIT_HEADING or (
        letters and sum(w.upper for w in letters) * 2 > len(letters) and len(letters) >= 3
    ):
        return []  # a heading or a line in capitals: not acronyms
    out: list[AcronymUse] = []
    for idx, w in enumerate(words):
        if w.quoted or not _ACRONYM_TOKEN.match(w.text):
            continue
        norm = w.text.replace(".", "")
        if norm.endswith("s") and norm[:-1].isupper():
            norm = norm[:-1]  # "PEPs" is the plural of PEP
        if len(norm) < 2:
            continue
        after = text[w.end : w.end + 2]
        before = text[max(0, w.start - 2) : w.start]
        # "Personal Education Plan (PEP)", "your social worker (BW)": defined by the brackets.
        defines = before.endswith("(") and text[w.end : w.end + 1] == ")" and idx > 0
        # "PEP (Personal Education Plan)" or "PEP, which means ..." also spell it out.
        if not defines and (after.startswith(" (") or after.startswith("(")):
            # "PEP (your school plan)" spells it out; "SW (KL)" only adds more initials.
            opening = w.end + after.index("(")
            inside = text[opening + 1 : opening + 1 + _WINDOW].split(")", 1)[0]
            defines = any(c.islower() for c in inside)
        if not defines and _SPELLED_OUT_AS.match(text, w.end, w.end + _WINDOW):
            defines = True
        if (
            not defines
            and _EXPLAINED_AFTER.match(text, w.end, w.end + _WINDOW)
            and not after.startswith(" -")
        ):
            defines = bool(_DEFINES_AFTER.match(text, w.end, w.end + _WINDOW))
        out.append(AcronymUse(norm, w.start, w.end, defines))
    return out
