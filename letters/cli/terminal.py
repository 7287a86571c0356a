"""Printing stored text: control and escape sequences are shown as escapes, never obeyed.

A name or a section pasted from a CSV or a web page can hold terminal escape sequences (ESC [ ...,
the one-character CSI U+009B, OSC titles), other control characters, or the Unicode controls that
reorder text on screen (U+202E and friends, used to disguise words). Printed raw, they recolour the
terminal, move the cursor, rewrite what the IRO reads, or hide part of a line. `printable` turns
each into a visible escape (``\\x1b``, ``\\u202e``); JSON output gets the same characters as
``\\u`` escapes, which JSON readers turn back into the exact text. TOML output (`show --toml`)
is escaped by the TOML writer already.
"""

from __future__ import annotations

import re

#: C0 controls (tab and newline are handled by the caller's choice), DEL, C1 controls, and the
#: bidirectional controls that reorder text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_A_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, lines: bool = False) -> str:
    """`text` safe to print: unsafe characters as escapes. `lines=True` keeps newlines and tabs
    (a section's text); otherwise they are escaped too (a cell of a table, a heading)."""
    return (_UNSAFE if lines else _UNSAFE_IN_A_LINE).sub(_escape, text)


def json_safe(encoded: str) -> str:
    """JSON text (from `json.dumps`, which escapes only C0 controls) with the other unsafe
    characters as ``\\u`` escapes too: the same JSON value, safe to print."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
