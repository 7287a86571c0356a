"""Build letters/bank_holidays.bin from the `holidays` package.

Why: the `holidays` package finds a country by importing every country it knows (about 300
modules): 0.6 s of one processor, paid on the way to the letters list, whose due dates need the
bank holidays. We ship the one fact we need, the bank holidays of each UK nation for the years a
review is likely to fall in, as a zlib-compressed marshal dict of day ordinals that loads in a
millisecond; letters.workdays asks the package itself about any other year.
tests/test_workdays.py proves the file matches the installed package, so it cannot drift
silently. Run: python scripts/build_bank_holidays.py (after upgrading `holidays`).
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path

import holidays

OUT = Path(__file__).resolve().parent.parent / "letters" / "bank_holidays.bin"
FIRST, LAST = 2010, 2050  # years the table covers (both included)
NATIONS = ("ENG", "WLS", "SCT", "NIR")  # as letters.config.NATIONS


def bank_holidays() -> dict[str, object]:
    table: dict[str, object] = {"first": FIRST, "last": LAST, "version": holidays.__version__}
    for nation in NATIONS:
        calendar = holidays.country_holidays("GB", subdiv=nation, years=range(FIRST, LAST + 1))
        table[nation] = sorted(day.toordinal() for day in calendar)
    return table


def main() -> None:
    table = bank_holidays()
    OUT.write_bytes(zlib.compress(marshal.dumps(table), 9))
    print(f"wrote {OUT} ({FIRST}-{LAST}, holidays {table['version']}, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
