"""What goes to the tokenizer in one piece: capped, so that tokenizing stays linear in the text.

spaCy splits a text at spaces, then strips prefixes and suffixes from each piece one at a time,
rescanning the piece each time: its time grows with the square of a piece's length, and long runs
of spaces are slow too. Letters never have such pieces, but a pasted line of "!!!???", a row of
dashes or a text with no spaces at all made a check take minutes (issue 14). So before spaCy sees
a text, these *regions* are taken out of it:

- a run of `PUNCT_RUN` or more punctuation characters: one token per character (which is what
  spaCy makes of "!!!!!!" anyway);
- a run of `SPACE_RUN` or more spaces and line breaks: one space token;
- in a piece with no space longer than `MAX_PIECE` characters (no word, email or web address is
  so long), every `MAX_PIECE + 1`th character: a token of its own, cutting the piece.

Each region becomes one space in the copy spaCy reads, and spaCy's offsets are mapped back, so
every offset is into the text as given. A text longer than `MAX_CHUNK` goes to spaCy in chunks cut
at spaces. Ordinary text (the case every keystroke meets) goes to spaCy whole and unchanged, and
its answer is returned as it is. Pure functions: no I/O, no state.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

#: Longest piece without a space that goes to spaCy.
MAX_PIECE = 100
#: Punctuation characters in a row from which each becomes a token without spaCy.
PUNCT_RUN = 6
#: Spaces in a row from which the run becomes one token without spaCy.
SPACE_RUN = 32
#: Longest text given to spaCy in one call (chunks are cut at a space).
MAX_CHUNK = 20_000

_PUNCT = re.compile(rf"[^\w\s]{{{PUNCT_RUN},}}")
_SPACES = re.compile(rf"\s{{{SPACE_RUN},}}")
_LONG = re.compile(rf"\S{{{MAX_PIECE + 1},}}")
_CHARS, _SPACE = 0, 1

Tokenize = Callable[[str], list[list[int]]]


def regions(text: str) -> list[tuple[int, int, int]]:
    """(start, end, kind) of each stretch that spaCy does not see, sorted, not overlapping."""
    found = [(m.start(), m.end(), _CHARS) for m in _PUNCT.finditer(text)]
    found += [(m.start(), m.end(), _SPACE) for m in _SPACES.finditer(text)]
    blanked = text
    if found:
        chars = list(text)
        for a, b, _ in found:
            chars[a:b] = " " * (b - a)
        blanked = "".join(chars)
    for m in _LONG.finditer(blanked):
        found += [(p, p + 1, _CHARS) for p in range(m.start() + MAX_PIECE, m.end(), MAX_PIECE + 1)]
    found.sort()
    return found


def safe_spans(text: str, tokenize: Tokenize) -> list[list[int]]:
    """[start, followed by a space] of each token of `text`, as `tokenize` (spaCy) gives them, with
    no piece longer than `MAX_PIECE`, no long run of punctuation or spaces and no call longer than
    `MAX_CHUNK` reaching it."""
    taken = regions(text)
    if not taken and len(text) <= MAX_CHUNK:
        return tokenize(text)
    # The copy spaCy reads: each region collapsed to one space. `starts[i]` is where kept stretch
    # i begins in the copy, `origins[i]` where it begins in `text`.
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    holes: list[int] = []  # where each region's space is in the copy
    pos = copy_pos = 0
    for a, b, _ in taken:
        parts.append(text[pos:a])
        starts.append(copy_pos)
        origins.append(pos)
        copy_pos += a - pos
        parts.append(" ")
        holes.append(copy_pos)
        copy_pos += 1
        pos = b
    parts.append(text[pos:])
    starts.append(copy_pos)
    origins.append(pos)
    copy = "".join(parts)

    def original(c: int) -> int:  # a character of a kept stretch, copy to text
        i = bisect.bisect_right(starts, c) - 1
        return origins[i] + c - starts[i]

    tokens: list[tuple[int, int]] = []
    for ca, cb in _chunks(copy):
        rows = tokenize(copy[ca:cb])
        for i, (idx, ws) in enumerate(rows):
            nxt = rows[i + 1][0] if i + 1 < len(rows) else cb - ca
            start, end = ca + idx, ca + (nxt - 1 if ws else nxt)
            # A token holding a region's space (only spaCy's space tokens can): split around it.
            h = bisect.bisect_left(holes, start)
            while h < len(holes) and holes[h] < end:
                if holes[h] > start:
                    tokens.append((original(start), original(holes[h] - 1) + 1))
                start = holes[h] + 1
                h += 1
            if end > start:
                tokens.append((original(start), original(end - 1) + 1))
    for a, b, kind in taken:
        if kind == _CHARS:
            tokens.extend((p, p + 1) for p in range(a, b))
        elif text[a] == " " and b - a > 1:
            tokens.append((a + 1, b))  # its first space trails the token before it
        else:
            tokens.append((a, b))
    tokens.sort()
    return _rows(text, tokens)


def _rows(text: str, tokens: list[tuple[int, int]]) -> list[list[int]]:
    """spaCy's [start, followed by a space] rows for tokens given as sorted [start, end) spans:
    a single space after a token is its trailing space; any other gap becomes a space token."""
    out: list[list[int]] = []
    n = len(text)
    pending_end = 0  # where the last row's token (and its trailing space) ends
    for start, end in [*tokens, (n, n)]:
        if start > pending_end:  # a gap no token covers
            if out and not out[-1][1] and text[pending_end] == " ":
                out[-1][1] = 1
                pending_end += 1
            if start > pending_end:
                out.append([pending_end, 0])
        if start == end:
            break
        if out and not out[-1][1] and text[start:end] == " " and start == pending_end:
            out[-1][1] = 1  # a lone space after a token is its trailing space
            pending_end = end
            continue
        out.append([start, 0])
        pending_end = end
    return out


def _chunks(text: str) -> list[tuple[int, int]]:
    """[start, end) pieces of at most `MAX_CHUNK` characters, each ending just before a space
    where there is one (`text` has no piece without a space longer than `MAX_PIECE`)."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > MAX_CHUNK:
        cut = max(text.rfind(c, start + 1, start + MAX_CHUNK) for c in " \n\t")
        if cut <= start:
            cut = start + MAX_CHUNK
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out
