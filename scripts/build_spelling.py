"""Rebuild letters/checks/data/spelling/en_GB.words.gz from en_GB.aff and en_GB.dic beside it.

The builder lives in the package (`letters.checks.spelling_build`) so that it ships with the
dictionary it rebuilds (the dictionary is LGPL: see letters/checks/data/spelling/SOURCES.md).
Run: python scripts/build_spelling.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from letters.checks.spelling_build import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv[1:])
