"""Benchmark the Word export: 200 letters (400 files) into a temporary folder.

    python benchmarks/bench_export.py [--letters 200]

Prints median and p95 milliseconds per file for the whole export (render, lay out, write both
files safely) and for its parts, next to python-docx's own cost of opening its default template,
which is what every document would pay without our prepared template. Target: a median of 15 ms
per file or less. The first export in a process also builds the prepared template (once per page
style); it is reported separately.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from docx import Document

from letters.config import Config
from letters.demo import demo_letter
from letters.export import _write_all, export_letter
from letters.export.docx import build_document, page_style
from letters.model import Letter
from letters.render import render_adult_blocks, render_child_blocks


def letters(count: int) -> list[Letter]:
    """Varied letters: ages 5 to 17 (both body sizes), longer and shorter sections."""
    out = []
    for i in range(count):
        letter = demo_letter()
        letter.id = i + 1
        letter.child.age, letter.child.date_of_birth = 5 + i % 13, None
        for j, section in enumerate(letter.sections):
            section.text = section.text * (1 + (i + j) % 3)
        out.append(letter)
    return out


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=200)
    args = parser.parse_args()
    config = Config()
    sample = letters(args.letters)

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        first = timed(lambda: export_letter(sample[0], out, config))
        export_letter(sample[1], out, config)  # warm both page styles
        per_file = [timed(partial(export_letter, x, out, config)) / 2 for x in sample]
        files = len(list(out.iterdir()))

    render = [
        timed(partial(render_child_blocks, x, config)) + timed(partial(render_adult_blocks, x, config))
        for x in sample
    ]
    child_docx, adult_docx = [], []
    for letter in sample:
        style = page_style(letter.child_age, cream=True)
        child_blocks = render_child_blocks(letter, config)
        adult_blocks = render_adult_blocks(letter, config)
        child_docx.append(timed(partial(build_document, child_blocks, style, "t")))
        adult_docx.append(timed(partial(build_document, adult_blocks, style, "t")))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder)
        data = build_document(render_adult_blocks(sample[0], config), style, "t")
        writes = [
            timed(partial(_write_all, [(target / "a.docx", data), (target / "b.docx", data)])) / 2
            for _ in sample
        ]
    baseline = [timed(Document) for _ in range(50)]

    rows = [
        ("export, per file (render + build + safe write)", per_file),
        ("  render both versions, per letter", render),
        ("  build the child's .docx", child_docx),
        ("  build the adults' .docx", adult_docx),
        ("  write one file (temporary file, fsync, rename)", writes),
        ("python-docx Document() alone (no prepared template)", baseline),
    ]
    print(f"{args.letters} letters, {files} files written\n")
    print(f"{'what':<54}{'median ms':>10}{'p95 ms':>10}")
    for label, values in rows:
        print(f"{label:<54}{statistics.median(values):>10.1f}{p95(values):>10.1f}")
    print(f"{'first export in a process (builds the template)':<54}{first:>10.1f}")
    verdict = "meets" if statistics.median(per_file) <= 15 else "MISSES"
    print(f"\nTarget: median <= 15 ms per file: {verdict}")


if __name__ == "__main__":
    main()
