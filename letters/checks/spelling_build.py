"""Build data/spelling/en_GB.words.gz from the Hunspell en_GB dictionary beside it.

Why: a Hunspell dictionary is a list of stems (en_GB.dic) and the rules that make every other
form from them (en_GB.aff). Reading those rules for each word, as Hunspell does, costs about
60 µs a word in pure Python (spylls), far over the per-keystroke budget; a set lookup costs well
under a microsecond. So we ship every form the rules make, one per line, and look words up in a
set. The .aff and .dic are shipped too, unmodified: they are this file's source (the dictionary
is LGPL, see SOURCES.md there), and so is this builder, so that anyone can rebuild the list from
a dictionary of their own; tests/checks/test_spelling.py rebuilds it and fails if the shipped one
differs.

en_GB uses one level of affixes (no affix carries further affixes), so the expansion is: the stem,
each suffix and prefix its flags allow, and each prefix with each suffix where both allow cross
products. "X's" is left out where X is listed (the lookup accepts it). Words flagged ONLYINCOMPOUND
("1th", used only to build "21st") are left out: numbers are never spelling errors anyway. Words
flagged NOSUGGEST (taboo words) are listed apart: accepted, never suggested.

Run: python -m letters.checks.spelling_build [--aff F --dic F --out F] (scripts/build_spelling.py
does the same). Build-time only: the checks never import this.
"""

from __future__ import annotations

import argparse
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "spelling"
OUT = DATA / "en_GB.words.gz"
NOSUGGEST_MARK = "#nosuggest"


@dataclass(frozen=True)
class Affix:
    kind: str  # "PFX" or "SFX"
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool

    def apply(self, word: str) -> str | None:
        if not self.condition.search(word):
            return None
        if self.kind == "SFX":
            if self.strip and not word.endswith(self.strip):
                return None
            return word[: len(word) - len(self.strip)] + self.add
        if self.strip and not word.startswith(self.strip):
            return None
        return self.add + word[len(self.strip) :]


def _condition(kind: str, pattern: str) -> re.Pattern[str]:
    """A Hunspell condition ("[^aeiou]y", ".") as a regular expression at the word's end or start."""
    if pattern == ".":
        return re.compile("")
    body = "".join(
        ch if ch in "[]^." else re.escape(ch) for ch in pattern
    )  # the condition language is [..], [^..] and "."
    return re.compile(body + "$" if kind == "SFX" else "^" + body)


def read_aff(path: Path) -> tuple[dict[str, list[Affix]], dict[str, str]]:
    """The affix rules by flag, and the special flags (NOSUGGEST, ONLYINCOMPOUND)."""
    rules: dict[str, list[Affix]] = {}
    special: dict[str, str] = {}
    cross: dict[str, bool] = {}
    for raw in path.read_text("utf-8").splitlines():
        parts = raw.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] in ("NOSUGGEST", "ONLYINCOMPOUND", "FORBIDDENWORD", "NEEDAFFIX") and len(parts) > 1:
            special[parts[0]] = parts[1]
        if parts[0] not in ("PFX", "SFX") or len(parts) < 4:
            continue
        kind, flag = parts[0], parts[1]
        if flag not in cross:  # the header line: PFX A Y 3
            cross[flag] = parts[2] == "Y"
            rules.setdefault(flag, [])
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add = parts[3].split("/")[0]
        if "/" in parts[3]:
            raise ValueError(f"{path}: affix {flag} has continuation flags, which this expander lacks")
        add = "" if add == "0" else add
        condition = parts[4] if len(parts) > 4 else "."
        rules[flag].append(Affix(kind, strip, add, _condition(kind, condition), cross[flag]))
    return rules, special


def read_dic(path: Path) -> list[tuple[str, str]]:
    """(stem, flags) for each line of a .dic (the first line is a count)."""
    out: list[tuple[str, str]] = []
    lines = path.read_text("utf-8").lstrip("\ufeff").splitlines()
    for line in lines[1:]:
        entry = line.split("\t")[0].strip()  # morphological fields follow a tab
        if not entry:
            continue
        stem, _, flags = entry.partition("/")
        out.append((stem, flags.strip()))
    return out


def expand(aff: Path, dic: Path) -> tuple[set[str], set[str]]:
    """Every word form the dictionary accepts (less compound-only parts), and the NOSUGGEST ones."""
    rules, special = read_aff(aff)
    only_compound = special.get("ONLYINCOMPOUND", "\0")
    nosuggest = special.get("NOSUGGEST", "\0")
    words: set[str] = set()
    taboo: set[str] = set()
    for stem, flags in read_dic(dic):
        if only_compound in flags:
            continue
        forms = {stem}
        prefixes = [a for f in flags for a in rules.get(f, ()) if a.kind == "PFX"]
        for f in flags:
            for affix in rules.get(f, ()):
                if affix.kind != "SFX":
                    continue
                form = affix.apply(stem)
                if form is None:
                    continue
                forms.add(form)
                if affix.cross:
                    for p in prefixes:
                        if p.cross and (both := p.apply(form)) is not None:
                            forms.add(both)
        for p in prefixes:
            if (form := p.apply(stem)) is not None:
                forms.add(form)
        words |= forms
        if nosuggest in flags:
            taboo |= forms
    return words, taboo


def without_possessives(words: set[str]) -> set[str]:
    """The list less "X's" where X is in it (a third of en_GB's forms): the lookup accepts "X's"
    for any word X it knows, so shipping both costs load time and memory for nothing."""
    return {w for w in words if not (w.endswith("'s") and w[:-2] in words)}


def render(words: set[str], taboo: set[str]) -> bytes:
    text = "\n".join(sorted(words)) + f"\n{NOSUGGEST_MARK}\n" + "\n".join(sorted(taboo)) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Expand a Hunspell dictionary into letters' word list.")
    parser.add_argument("--aff", type=Path, default=DATA / "en_GB.aff")
    parser.add_argument("--dic", type=Path, default=DATA / "en_GB.dic")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    words, taboo = expand(args.aff, args.dic)
    words = without_possessives(words)
    args.out.write_bytes(render(words, taboo))
    size = args.out.stat().st_size // 1024
    print(f"wrote {args.out} ({len(words)} words, {len(taboo)} never suggested, {size} KiB)")


if __name__ == "__main__":
    main()
