"""Rebuild the shipped pictures (letters/export/pictures/png/ and built.toml) from OpenMoji.

    python scripts/build_pictures.py [--openmoji DIR]

Why a build step: the child's Word letter embeds PNGs, and turning SVG into PNG needs a renderer
(here Debian's `rsvg-convert`, package librsvg2-bin) that a council laptop will not have. So the
chosen subset is drawn once, here, and committed; nothing is converted at run time. OpenMoji
draws each picture with a wide empty margin; the margin is trimmed (with Pillow, which
matplotlib already installs) so that a picture the height of a line of text fills it.

Where the SVGs come from: DIR is an extracted `openmoji` npm package (`npm pack openmoji@17.0.0`,
then `tar xzf openmoji-17.0.0.tgz`, giving `package/`); without --openmoji the script runs
`npm pack` itself into a temporary folder. It draws every picture named in catalogue.toml at
PNG_SIZE pixels square on a transparent background, and writes built.toml with the version, the
renderer and each file's SHA-256, which tests/export/test_pictures.py checks against the
catalogue and the PNGs (so a picture added to the catalogue, or a PNG changed by hand, fails until
this script is run again). The licence text is copied beside the pictures.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import PIL
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from letters.export.pictures.catalogue import BUILT, HERE, PNG_DIR, load_catalogue  # noqa: E402

#: 128 px is 300 dpi at 31 pt, larger than any picture the letter shows.
PNG_SIZE = 128
#: Drawn this large before trimming, so the trimmed picture is scaled down, never up.
DRAW_SIZE = 4 * PNG_SIZE
#: Colours in each picture's palette.
COLOURS = 64
#: Transparent margin kept around the trimmed picture, as a share of its side.
MARGIN = 0.04
LICENCE = HERE / "LICENSE-OpenMoji.txt"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_package(version: str, into: Path) -> Path:
    subprocess.run(["npm", "pack", f"openmoji@{version}", "--silent"], cwd=into, check=True)
    archive = next(into.glob("openmoji-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "package"


def square(png: bytes) -> Image.Image:
    """The picture without OpenMoji's empty margin, centred on a square of PNG_SIZE pixels."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    box = image.getchannel("A").getbbox()
    if box is None:
        raise SystemExit("an empty picture")
    image = image.crop(box)
    side = round(max(image.size) * (1 + 2 * MARGIN))
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    small = canvas.resize((PNG_SIZE, PNG_SIZE), Image.Resampling.LANCZOS)
    # OpenMoji's flat colours survive a 64-colour palette unchanged to the eye, and the file is a
    # fifth of the size: each Word file deflates its pictures again, so smaller is faster too.
    return small.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)


def renderer_version() -> str:
    out = subprocess.run(["rsvg-convert", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def build(package: Path) -> None:
    catalogue = load_catalogue()
    svg_dir = package / "color" / "svg"
    PNG_DIR.mkdir(exist_ok=True)
    wanted = {f"{p.name}.png" for p in catalogue.pictures.values()}
    for stale in PNG_DIR.glob("*.png"):
        if stale.name not in wanted:
            stale.unlink()
    lines = [
        "# Written by scripts/build_pictures.py: do not edit by hand.",
        f'source = "{catalogue.source}"',
        f'version = "{catalogue.version}"',
        f'renderer = "{renderer_version()}"',
        f'trimmed_with = "Pillow {PIL.__version__}"',
        f"size = {PNG_SIZE}",
        f"colours = {COLOURS}",
        "",
    ]
    for picture in catalogue.pictures.values():
        svg = svg_dir / f"{picture.emoji}.svg"
        if not svg.exists():
            raise SystemExit(f"{picture.name}: OpenMoji {catalogue.version} has no {svg.name}")
        drawn = subprocess.run(
            ["rsvg-convert", "-w", str(DRAW_SIZE), "-h", str(DRAW_SIZE), str(svg)],
            check=True,
            capture_output=True,
        ).stdout
        square(drawn).save(picture.path, optimize=True)
        lines += [
            "[[picture]]",
            f'name = "{picture.name}"',
            f'emoji = "{picture.emoji}"',
            f'svg_sha256 = "{sha256(svg)}"',
            f'png_sha256 = "{sha256(picture.path)}"',
            "",
        ]
    BUILT.write_text("\n".join(lines), encoding="utf-8")
    shutil.copyfile(package / "LICENSE.txt", LICENCE)
    print(f"Drew {len(catalogue.pictures)} pictures into {PNG_DIR.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openmoji", type=Path, help="an extracted openmoji npm package (its package/)")
    args = parser.parse_args()
    if args.openmoji:
        build(args.openmoji)
        return
    with tempfile.TemporaryDirectory() as folder:
        build(fetch_package(load_catalogue().version, Path(folder)))


if __name__ == "__main__":
    main()
