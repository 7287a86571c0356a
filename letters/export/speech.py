"""The child's letter as SSML for espeak-ng: paced for a young listener, names said right.

What it does to the words of the child's Word file (the same rendered blocks):
- names and initials go through the letter's pronunciation list (`pronunciation_list`): a
  sound-alike spelling ("Siobhan" said "Shiv-awn"), initials said as the person's name ("BW" said
  "Bethany", the default when the letter knows who BW is) or, where the IRO asks, letter by letter
  (SSML `say-as characters`); "Bethany (BW)" is then said once, not "Bethany, Bethany";
- dates, times, money and ranges are written out in words (`letters.export.spoken`);
- each sentence is followed by a short pause, each paragraph by a longer one, and each heading by
  a long silence before it and a pause after it, so a child hears where one part ends.

Plain text in, SSML text out: no subprocess here (that is `letters.export.audio`).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from letters.export.spoken import spoken
from letters.model import Letter, Pronunciation
from letters.render import Block

#: Silences, in milliseconds. A section's silence is long enough to find by ear (and by a test).
SECTION_PAUSE_MS = 1800
AFTER_HEADING_MS = 700
PARAGRAPH_PAUSE_MS = 900
SENTENCE_PAUSE_MS = 400

_INITIALS = re.compile(r"(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})")
_ABBREVIATION = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|St)\.(?=\s)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def is_initials(text: str) -> bool:
    return bool(_INITIALS.fullmatch(text.strip()))


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


def pronunciation_list(letter: Letter) -> list[Pronunciation]:
    """The letter's names list: its own entries, then one for every name it does not cover.

    Names are the child's, the people's (full name and how the letter shows them) and the
    child's own words. Initials default to the person's first name when it starts with the
    same letter ("BW" for Bethany Walsh is said "Bethany"); other initials are said as letters.
    """
    entries = list(letter.pronunciations)
    covered = {e.written for e in entries}

    def add(entry: Pronunciation) -> None:
        if entry.written.strip() and entry.written not in covered:
            covered.add(entry.written)
            entries.append(entry)

    add(Pronunciation(letter.child.name.strip()))
    for person in letter.people:
        shown = person.shown_as.strip()
        if shown and is_initials(shown):
            first = _first_name(person.name)
            # A first name, not an initial ("J. Okafor" gives no name to say for "JO").
            if len(first) > 1 and first.isalpha() and first[0].upper() == shown[0]:
                add(Pronunciation(shown, say=first))
            else:
                add(Pronunciation(shown, letters=True))
        elif shown:
            add(Pronunciation(shown))
        add(Pronunciation(person.name.strip()))
    for words in letter.child.words.all_words():
        add(Pronunciation(words.strip()))
    return entries


def _apply_names(text: str, names: list[Pronunciation]) -> tuple[str, list[str]]:
    """Replace each listed name with a placeholder for its SSML; return the text and the SSML."""
    changed = [n for n in names if n.letters or (n.say.strip() and n.say.strip() != n.written)]
    pieces: list[str] = []
    for entry in sorted(changed, key=lambda n: len(n.written), reverse=True):
        written, say = entry.written.strip(), entry.say.strip()
        if not entry.letters:
            # "Bethany (BW)": once the initials are said as the name, the brackets would repeat it.
            text = re.sub(rf"(?<!\w)({re.escape(say)})\s*\(\s*{re.escape(written)}\s*\)", r"\1", text)
        pattern = re.compile(rf"(?<![\w\ue000])({re.escape(written)})(?P<s>['’]s)?(?!\w)")

        def place(match: re.Match[str], entry: Pronunciation = entry, say: str = say) -> str:
            if entry.letters:
                ssml = f'<say-as interpret-as="characters">{escape(match.group(1))}</say-as>'
                ssml += "s" if match["s"] else ""  # "BW's": the letters, then "s"
            else:
                ssml = escape(say + (match["s"] or ""))
            pieces.append(ssml)
            return f"\ue000{len(pieces) - 1}\ue001"

        text = pattern.sub(place, text)
    return text, pieces


def speakable(text: str, names: list[Pronunciation]) -> list[str]:
    """A paragraph as SSML sentences: names placed, dates and times in words, XML escaped."""
    # The placeholders' private-use characters cannot come from the letter itself.
    text = _ABBREVIATION.sub(r"\1", " ".join(text.replace("\ue000", "").replace("\ue001", "").split()))
    text, pieces = _apply_names(text, names)
    text = escape(spoken(text))
    text = _PLACEHOLDER.sub(lambda m: pieces[int(m.group(1))], text)
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def letter_ssml(blocks: list[Block], names: list[Pronunciation]) -> str:
    """The whole child's letter as one SSML document for `espeak-ng -m`."""
    out: list[str] = ["<speak>"]
    # espeak-ng does not add up breaks in a row, so each gap is one break of the longest pause due.
    pause = 0

    def gap(ms: int) -> None:
        nonlocal pause
        pause = max(pause, ms)

    def say(sentence: str) -> None:
        nonlocal pause
        if pause:
            out.append(f'<break time="{pause}ms"/>')
        out.append(f"<s>{sentence}</s>")
        pause = 0

    for block in blocks:
        if block.kind in ("row", "header", "page_break"):
            continue  # tables belong to the adults' cover, never the child's letter
        text = block.text[2:] if block.kind == "bullet" else block.text
        sentences = speakable(text, names)
        if not sentences:
            continue
        if block.kind in ("title", "heading"):
            if block.kind == "heading":
                gap(SECTION_PAUSE_MS)
            say(" ".join(sentences).rstrip(".!?,;:") + ".")
            gap(AFTER_HEADING_MS)
            continue
        for sentence in sentences:
            say(sentence)
            gap(SENTENCE_PAUSE_MS)
        gap(PARAGRAPH_PAUSE_MS)
    out.append("</speak>")
    return "\n".join(out)
