"""Pictures for young readers, as a reader opens the Word file: where each picture is, its alt
text, none for an older reader, and the IRO's choices. Every file is a real .docx reopened."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from msgspec.structs import replace
from PIL import Image

from letters.config import Config, ExportConfig
from letters.export import export_letter
from letters.export.pictures import plan_pictures
from letters.export.pictures.catalogue import BUILT, CATALOGUE, HERE, load_catalogue
from letters.interchange import letter_from_toml
from letters.model import Letter, PictureSettings
from letters.render import render_child_blocks, render_child_text
from tests.export.helpers import body_lines, synthetic_letter, text_lines

CONFIG = Config()
DATA = Path(__file__).parent / "data"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def young(age: int) -> Letter:
    letter = letter_from_toml((DATA / f"young_age{age}.toml").read_text(encoding="utf-8"))
    letter.id = age
    return letter


def pictures_in(path: Path) -> list[tuple[str, str, str]]:
    """Each picture in the body: (its alt text, the paragraph's style, the text right after it)."""
    found = []
    for paragraph in Document(str(path)).element.body.iter(qn("w:p")):
        style = paragraph.find(qn("w:pPr"))
        style_id = style.find(qn("w:pStyle")).get(qn("w:val")) if style is not None else "Normal"
        runs = list(paragraph.iter(qn("w:r")))
        for i, run in enumerate(runs):
            docpr = next(run.iter(WP_DOCPR), None)
            if docpr is None:
                continue
            after = "".join(t.text or "" for r in runs[i + 1 : i + 3] for t in r.iter(qn("w:t")))
            found.append((docpr.get("descr"), style_id, after))
    return found


# ---------------------------------------------------------------------------------- the picture set


def test_the_shipped_pictures_are_the_ones_the_build_script_drew() -> None:
    """A picture added to the catalogue, or a PNG changed by hand, fails until
    `python scripts/build_pictures.py` is run again."""
    catalogue = load_catalogue()
    built = tomllib.loads(BUILT.read_text(encoding="utf-8"))
    assert built["version"] == catalogue.version
    drawn = {p["name"]: p for p in built["picture"]}
    assert set(drawn) == set(catalogue.pictures)
    for name, picture in catalogue.pictures.items():
        assert drawn[name]["emoji"] == picture.emoji, name
        assert hashlib.sha256(picture.path.read_bytes()).hexdigest() == drawn[name]["png_sha256"], name
        with Image.open(picture.path) as image:
            assert image.size == (built["size"], built["size"]) and image.mode == "P", name
            assert image.info.get("transparency") is not None, name  # the page shows through
    assert {p.name for p in (HERE / "png").glob("*.png")} == {f"{n}.png" for n in catalogue.pictures}
    assert "Attribution-ShareAlike 4.0" in (HERE / "LICENSE-OpenMoji.txt").read_text(encoding="utf-8")


def test_every_concept_offers_pictures_that_exist_with_alt_text() -> None:
    catalogue = load_catalogue()
    assert "CC BY-SA 4.0" in catalogue.attribution and "OpenMoji" in catalogue.attribution
    for concept in catalogue.concepts.values():
        assert concept.pictures and all(p in catalogue.pictures for p in concept.pictures), concept.key
    for picture in catalogue.pictures.values():
        assert picture.alt.strip() and picture.alt_text.startswith("Picture of "), picture.name
    # The key words the issue names all have a picture.
    words = {w for c in catalogue.concepts.values() for w in c.words}
    for word in (
        "meeting",
        "home",
        "school",
        "family time",
        "feelings",
        "doctor",
        "decisions",
        "next meeting",
    ):
        assert word in words, word
    assert CATALOGUE.exists()


# ------------------------------------------------------------------------------ in the Word file


@pytest.mark.parametrize("age", [5, 7])
def test_a_young_readers_letter_has_a_picture_beside_each_heading(tmp_path: Path, age: int) -> None:
    result = export_letter(young(age), tmp_path, CONFIG)
    found = pictures_in(result.child_path)
    doc = Document(str(result.child_path))
    heading_paragraphs = [p for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert len(heading_paragraphs) == 8  # every section but hello and goodbye has a heading
    for paragraph in heading_paragraphs:
        first_run = paragraph._p.find(qn("w:r"))
        assert next(first_run.iter(WP_DOCPR), None) is not None, paragraph.text
    heading_alts = [alt for alt, style, _ in found if style == "Heading2"]
    assert heading_alts[:3] == [
        "Picture of a person speaking",
        "Picture of a thumbs up",
        "Picture of a worried face",
    ]


@pytest.mark.parametrize("age", [5, 7])
def test_key_words_have_their_picture_just_before_them(tmp_path: Path, age: int) -> None:
    found = pictures_in(export_letter(young(age), tmp_path, CONFIG).child_path)
    beside_words = [(alt, after) for alt, style, after in found if style != "Heading2"]
    assert beside_words
    catalogue = load_catalogue()
    alt_of_word = {
        w: catalogue.pictures[c.default].alt_text for c in catalogue.concepts.values() for w in c.words
    }
    for alt, after in beside_words:
        # A no-break space, then the word itself: the line never breaks between them.
        assert after.startswith("\u00a0"), (alt, after)
        word = next(w for w in sorted(alt_of_word, key=len, reverse=True) if after[1:].lower().startswith(w))
        assert alt_of_word[word] == alt, (alt, after)
    afters = [after[1:].split()[0].strip(".,").lower() for _, after in beside_words]
    assert "meeting" in afters and ("home" in afters or "house" in afters) and "school" in afters


def test_every_picture_has_alt_text_and_the_words_are_unchanged(tmp_path: Path) -> None:
    letter = young(5)
    result = export_letter(letter, tmp_path, CONFIG)
    found = pictures_in(result.child_path)
    assert len(found) >= 12
    assert all(alt and alt.startswith("Picture of ") for alt, _, _ in found)
    shown = [line.replace("\u00a0", "") for line in body_lines(result.child_path)]
    assert shown == text_lines(render_child_text(letter, CONFIG))


def test_a_picture_is_not_repeated_in_a_section_or_beside_its_own_heading(tmp_path: Path) -> None:
    letter = young(7)
    blocks = render_child_blocks(letter, CONFIG)
    plan = plan_pictures(blocks, letter, CONFIG)
    assert plan is not None
    # "family time" in the Family time section: its heading already shows the family.
    family = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.text == "Family time")
    in_family = [p for p in plan.placements if p.block == family + 1]
    assert "family time" in blocks[family + 1].text and not in_family
    per_paragraph: dict[int, int] = {}
    for p in plan.placements:
        per_paragraph[p.block] = per_paragraph.get(p.block, 0) + 1
    assert max(per_paragraph.values()) <= 2


def test_the_credit_is_in_the_properties_and_the_adults_footer_not_the_childs_page(tmp_path: Path) -> None:
    result = export_letter(young(5), tmp_path, CONFIG)
    child = Document(str(result.child_path))
    assert "OpenMoji" in child.core_properties.comments and "CC BY-SA 4.0" in child.core_properties.comments
    assert not any("OpenMoji" in line for line in body_lines(result.child_path))
    adults = Document(str(result.adult_path))
    footer = " ".join(p.text for p in adults.sections[0].footer.paragraphs)
    assert "OpenMoji" in footer and "CC BY-SA 4.0" in footer
    assert not pictures_in(result.adult_path)  # the adults' copy has no pictures of its own


@pytest.mark.parametrize("age", [8, 9, 12, 16])
def test_no_pictures_for_an_older_reader(tmp_path: Path, age: int) -> None:
    letter = young(7)
    letter.child.age = age
    result = export_letter(letter, tmp_path, CONFIG)
    assert not pictures_in(result.child_path)
    assert not Document(str(result.child_path)).inline_shapes
    assert not Document(str(result.child_path)).core_properties.comments
    assert not Document(str(result.adult_path)).sections[0].footer.paragraphs[0].text


def test_a_known_reading_age_under_eight_brings_pictures(tmp_path: Path) -> None:
    letter = synthetic_letter(age=10)
    letter.child.reading_age = 6.5
    assert pictures_in(export_letter(letter, tmp_path, CONFIG).child_path)


def test_the_letter_and_the_config_can_turn_pictures_on_or_off(tmp_path: Path) -> None:
    off = young(5)
    off.pictures = PictureSettings(show=False)
    on = synthetic_letter(age=14)
    on.pictures = PictureSettings(show=True)
    never = replace(CONFIG, export=ExportConfig(pictures_below_age=0))
    for name, letter, config, shown in (
        ("off", off, CONFIG, False),
        ("on", on, CONFIG, True),
        ("never", young(5), never, False),
    ):
        (tmp_path / name).mkdir()
        assert bool(pictures_in(export_letter(letter, tmp_path / name, config).child_path)) is shown, name


def test_the_iro_can_pick_another_picture_or_none(tmp_path: Path) -> None:
    letter = young(5)
    letter.pictures = PictureSettings(choices={"school": "backpack", "home": ""})
    alts = [alt for alt, _, _ in pictures_in(export_letter(letter, tmp_path, CONFIG).child_path)]
    assert "Picture of a school bag" in alts and "Picture of a school" not in alts
    assert "Picture of a house" not in alts
    assert alts.count("Picture of a school bag") >= 2  # the heading and the word: one picture, one meaning
