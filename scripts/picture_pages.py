"""Make the README's picture of a young reader's letter: export, convert to PDF, then to PNG.

    python scripts/picture_pages.py [--out docs/picture-letter.png] [--age 5|7] [--keep DIR]

Exports the synthetic letter tests/export/data/young_age<AGE>.toml (a 5-year-old's by default),
turns the child's Word file into PDF with LibreOffice (as a reader's Word would lay it out) and
its first page into a PNG with poppler's pdftoppm. Needs the Debian packages
libreoffice-writer-nogui and poppler-utils. With --keep, the .docx, .pdf and every page's PNG are
left in DIR to look at.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from letters.config import Config  # noqa: E402
from letters.export import export_letter  # noqa: E402
from letters.interchange import letter_from_toml  # noqa: E402


def pages(age: int, folder: Path, dpi: int) -> list[Path]:
    letter = letter_from_toml((ROOT / "tests" / "export" / "data" / f"young_age{age}.toml").read_text())
    letter.id = age
    result = export_letter(letter, folder, Config())
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(result.child_path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = result.child_path.with_suffix(".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "picture-letter.png")
    parser.add_argument("--age", type=int, choices=(5, 7), default=5)
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--keep", type=Path, help="leave the files and every page here")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        made = pages(args.age, args.keep, args.dpi)
        shutil.copyfile(made[0], args.out)
    else:
        with tempfile.TemporaryDirectory() as folder:
            shutil.copyfile(pages(args.age, Path(folder), args.dpi)[0], args.out)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
