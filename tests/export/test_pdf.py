"""The Word files as LibreOffice prints them: the real-world reader of these files.

Converts both files to PDF with LibreOffice headless (a private profile per run, so parallel runs
do not collide) and reads the PDF back with poppler: its words, line lengths, fonts and page colour.
Needs the Debian packages libreoffice-writer-nogui, fonts-liberation and poppler-utils.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from letters.config import Config
from letters.demo import demo_letter
from letters.export import ExportResult, export_letter
from letters.model import Letter
from letters.render import render_adult_text, render_child_text

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="needs LibreOffice and poppler: apt-get install libreoffice-writer-nogui "
    "fonts-liberation poppler-utils",
)

CONFIG = Config()


def to_pdf(result: ExportResult, tmp_path: Path) -> tuple[Path, Path]:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(result.child_path.parent),
            str(result.child_path),
            str(result.adult_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return result.child_path.with_suffix(".pdf"), result.adult_path.with_suffix(".pdf")


def pdf_text(pdf: Path, *options: str) -> str:
    done = subprocess.run(["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True, text=True)
    return done.stdout


def words(text: str) -> list[str]:
    # Table cells are " | "-separated in the letter's plain text; a PDF shows them side by side.
    return [w for w in text.split() if w != "|"]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Letter, Path, Path]]:
    """The demo letter to a 9-year-old (14 pt) and the same letter to a 14-year-old (12 pt)."""
    teen = demo_letter()
    teen.child.age, teen.child.date_of_birth = 14, None
    out: dict[str, tuple[Letter, Path, Path]] = {}
    for name, letter in (("demo", demo_letter()), ("teen", teen)):
        letter.id = 7
        folder = tmp_path_factory.mktemp(name)
        result = export_letter(letter, folder, CONFIG)
        out[name] = (letter, *to_pdf(result, folder))
    return out


@pytest.mark.parametrize("name", ["demo", "teen"])
def test_pdfs_hold_exactly_the_letters_words(
    converted: dict[str, tuple[Letter, Path, Path]], name: str
) -> None:
    letter, child_pdf, adult_pdf = converted[name]
    assert words(pdf_text(child_pdf)) == words(render_child_text(letter, CONFIG))
    # -raw keeps LibreOffice's order: table cells one after another, row by row.
    assert words(pdf_text(adult_pdf, "-raw")) == words(render_adult_text(letter, CONFIG))


def test_the_childs_pdf_names_no_participation_code_and_the_adults_does(
    converted: dict[str, tuple[Letter, Path, Path]],
) -> None:
    _, child_pdf, adult_pdf = converted["demo"]
    assert "PN1" not in pdf_text(child_pdf)
    assert "PN1: Attends and speaks for themselves" in " ".join(pdf_text(adult_pdf).split())


@pytest.mark.parametrize("name", ["demo", "teen"])
def test_printed_lines_are_60_to_70_characters(
    converted: dict[str, tuple[Letter, Path, Path]], name: str
) -> None:
    _, child_pdf, _ = converted[name]
    # Lines that wrapped (followed by more of the same paragraph) show the measure; last lines
    # of paragraphs and headings are shorter by nature.
    lines = pdf_text(child_pdf).split("\n")
    wrapped = [line for line, after in zip(lines, lines[1:], strict=False) if line and after]
    full = [len(line) for line in wrapped if len(line) >= 45]
    assert len(full) >= 10
    assert 60 <= statistics.median(full) <= 70
    assert max(full) <= 72


def test_only_sans_serif_regular_and_bold_fonts_are_used(
    converted: dict[str, tuple[Letter, Path, Path]],
) -> None:
    for _, child_pdf, adult_pdf in converted.values():
        for pdf in (child_pdf, adult_pdf):
            listing = subprocess.run(
                ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
            ).stdout
            fonts = [line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]]
            # Arial, or Liberation Sans (metrically identical) where Arial is not installed.
            assert fonts and all(f.startswith(("Arial", "LiberationSans")) for f in fonts), fonts
            assert not any("Italic" in f or "Oblique" in f for f in fonts), fonts


def test_the_childs_page_is_cream_and_the_adults_white(
    converted: dict[str, tuple[Letter, Path, Path]], tmp_path: Path
) -> None:
    _, child_pdf, adult_pdf = converted["demo"]
    corners = []
    for pdf in (child_pdf, adult_pdf):
        prefix = tmp_path / pdf.stem
        subprocess.run(
            ["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "1", "-singlefile", str(pdf), prefix],
            check=True,
        )
        with Image.open(prefix.with_suffix(".png")) as image:
            corners.append(image.convert("RGB").getpixel((2, 2)))
    cream, white = corners
    assert cream[0] > 240 and cream[1] > 235 and 215 < cream[2] < 235, cream
    assert white == (255, 255, 255)
