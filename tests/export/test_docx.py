"""The Word files as a reader sees them: text, fonts, sizes, spacing, alignment, tables, page colour,
and document properties free of personal data. Every file is a real .docx reopened with python-docx.
"""

from __future__ import annotations

import statistics
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from letters.config import AuthorityConfig, Config
from letters.export import ExportResult, export_letter
from letters.export.docx import MEAN_CHAR_EM
from letters.model import PARTICIPATION
from letters.render import render_adult_text, render_child_text
from tests.export.helpers import body_lines, synthetic_letter, text_lines

CONFIG = Config()


@pytest.fixture
def exported(tmp_path: Path) -> ExportResult:
    return export_letter(synthetic_letter(age=9), tmp_path, CONFIG)


def effective(paragraph_or_style: object, attribute: str, part: str = "paragraph_format") -> object:
    """A formatting value as Word resolves it: the paragraph's own, else its style's, else the
    style's base styles'."""
    owner = getattr(paragraph_or_style, part)
    value = getattr(owner, attribute)
    style = getattr(paragraph_or_style, "style", None)
    if hasattr(paragraph_or_style, "base_style"):
        style = paragraph_or_style.base_style  # type: ignore[attr-defined]
    while value is None and style is not None:
        value = getattr(getattr(style, part), attribute)
        style = style.base_style
    return value


def xml_parts(path: Path) -> dict[str, str]:
    """The document's XML parts by name (a young reader's letter also holds PNG pictures)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


# ------------------------------------------------------------------------------------------- text


def test_both_files_hold_exactly_the_letters_text(exported: ExportResult) -> None:
    letter = synthetic_letter(age=9)
    assert body_lines(exported.child_path) == text_lines(render_child_text(letter, CONFIG))
    assert body_lines(exported.adult_path) == text_lines(render_adult_text(letter, CONFIG))


def test_the_childs_file_has_the_greeting_and_nothing_only_for_adults(
    exported: ExportResult,
) -> None:
    lines = body_lines(exported.child_path)
    assert "Dear Zarah," in lines
    text = "\n".join(lines)
    for adult_only in ("PN1", "Copies to", "Lorna Quayle", "Ruth Adeyemi", "Who attended"):
        assert adult_only not in text
    adult = "\n".join(body_lines(exported.adult_path))
    assert f"PN1: {PARTICIPATION['PN1']}" in adult


def test_headings_are_the_sections_headings_in_heading_styles(exported: ExportResult) -> None:
    doc = Document(str(exported.child_path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings[:3] == ["What you told us", "What is going well", "Worries"]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == ["Your meeting on 3 March 2026"]


# ------------------------------------------------------------------------------------------ style


@pytest.mark.parametrize("age, body_pt", [(5, 14), (11, 14), (None, 14), (12, 12), (16, 12)])
def test_body_is_arial_14pt_under_12_and_12pt_otherwise(
    tmp_path: Path, age: int | None, body_pt: int
) -> None:
    result = export_letter(synthetic_letter(age=age), tmp_path, CONFIG)
    for path in (result.child_path, result.adult_path):
        doc = Document(str(path))
        normal = doc.styles["Normal"]
        assert normal.font.name == "Arial"
        assert normal.font.size == Pt(body_pt)
        defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
        fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial"
        # No run overrides the font or the size: what the styles say is what the child sees.
        for run in doc.element.body.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            assert rpr is None or (rpr.find(qn("w:rFonts")) is None and rpr.find(qn("w:sz")) is None)
        # No style uses theme fonts, which would win over Arial in Word.
        assert "asciiTheme" not in xml_parts(path)["word/styles.xml"]


@pytest.mark.parametrize("age", [8, 14])
def test_headings_are_bold_and_at_least_a_fifth_larger(tmp_path: Path, age: int) -> None:
    doc = Document(str(export_letter(synthetic_letter(age=age), tmp_path, CONFIG).child_path))
    body = doc.styles["Normal"].font.size
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        assert style.font.bold is True
        assert style.font.size >= body * 1.2
        assert effective(style, "name", "font") == "Arial"


def test_every_paragraph_is_left_aligned_with_line_spacing_one_and_a_half(
    exported: ExportResult,
) -> None:
    doc = Document(str(exported.child_path))
    assert doc.paragraphs
    for paragraph in doc.paragraphs:
        assert effective(paragraph, "line_spacing") == 1.5, paragraph.text
        assert effective(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.LEFT, paragraph.text
    for path in (exported.child_path, exported.adult_path):
        for name, xml in xml_parts(path).items():
            assert 'w:val="both"' not in xml and 'w:val="distribute"' not in xml, name


def test_no_italics_or_underlining_anywhere(exported: ExportResult) -> None:
    for path in (exported.child_path, exported.adult_path):
        doc = Document(str(path))
        for root in (doc.element, doc.styles.element):
            for tag in ("w:i", "w:iCs", "w:u", "w:caps"):
                for element in root.iter(qn(tag)):
                    assert element.get(qn("w:val")) in ("0", "false", "none"), (path.name, tag)


@pytest.mark.parametrize("age", [8, 14])
def test_one_column_on_a4_about_65_characters_wide(tmp_path: Path, age: int) -> None:
    doc = Document(str(export_letter(synthetic_letter(age=age), tmp_path, CONFIG).child_path))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    cols = section._sectPr.find(qn("w:cols"))
    assert cols is None or cols.get(qn("w:num")) in (None, "1")
    text_width_pt = section.page_width.pt - section.left_margin.pt - section.right_margin.pt
    chars = text_width_pt / (MEAN_CHAR_EM * doc.styles["Normal"].font.size.pt)
    assert 60 <= chars <= 70


def test_cream_page_for_the_child_white_for_the_adults(tmp_path: Path) -> None:
    result = export_letter(synthetic_letter(), tmp_path, CONFIG)
    child = xml_parts(result.child_path)
    assert '<w:background w:color="FDF6E3"/>' in child["word/document.xml"]
    assert "<w:displayBackgroundShape/>" in child["word/settings.xml"]
    assert "w:background" not in xml_parts(result.adult_path)["word/document.xml"]

    plain = Config(authority=AuthorityConfig(cream_page=False))
    white = export_letter(synthetic_letter(), tmp_path, plain)
    assert "w:background" not in xml_parts(white.child_path)["word/document.xml"]


def test_the_childs_letter_starts_a_new_page_in_the_adults_copy(exported: ExportResult) -> None:
    doc = Document(str(exported.adult_path))
    title = next(p for p in doc.paragraphs if p.text == "Your meeting on 3 March 2026")
    assert title.paragraph_format.page_break_before is True


# ----------------------------------------------------------------------------------------- tables


def test_adults_cover_tables(exported: ExportResult) -> None:
    doc = Document(str(exported.adult_path))
    facts, attended, decisions, copies = (
        [[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables
    )
    assert ["Child", "Zarah"] in facts
    assert ["Participation", f"PN1: {PARTICIPATION['PN1']}"] in facts
    assert ["Independent Reviewing Officer", "Tomasz Brennan"] in facts
    assert attended == [
        ["Role", "Name"],
        ["Social worker", "Lorna Quayle"],
        ["Foster carer", "Joy Ferreira"],
    ]
    assert decisions == [
        ["What", "Who", "By when"],
        ["Get your bike back from Dad's house", "LQ", "the end of March"],
        ["Find a spelling helper", "Mrs Adeyemi", "before Easter"],
    ]
    assert [row[1] for row in copies[1:]] == ["Lorna Quayle", "Joy Ferreira", "Ruth Adeyemi"]
    # Header rows bold and repeated on each page; fact labels bold; values not.
    header = doc.tables[2].rows[0]
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    first_fact = doc.tables[0].rows[0].cells
    assert first_fact[0].paragraphs[0].runs[0].bold is True
    assert not first_fact[1].paragraphs[0].runs[0].bold


def test_the_decisions_table_gives_most_room_to_what(exported: ExportResult) -> None:
    table = Document(str(exported.adult_path)).tables[2]
    widths = [cell.width for cell in table.rows[0].cells]
    assert widths[0] > widths[1] and widths[0] > widths[2]


# ---------------------------------------------------------------------------------------- privacy


def test_document_properties_carry_no_personal_data(exported: ExportResult) -> None:
    letter = synthetic_letter()
    names = [letter.child.name, letter.meeting.iro] + [p.name for p in letter.people]
    for path in (exported.child_path, exported.adult_path):
        props = Document(str(path)).core_properties
        assert props.author == "letters" and props.last_modified_by == "letters"
        assert props.title in ("Letter after a review meeting", "Review record (adults' copy)")
        assert props.subject == props.keywords == props.comments == ""
        # Only the document body may name anyone: not the properties, styles or settings.
        for part, xml in xml_parts(path).items():
            if part != "word/document.xml":
                for name in names:
                    assert name not in xml, (path.name, part, name)


def test_exports_are_small_and_quick_to_open(exported: ExportResult) -> None:
    # The pruned template: a letter is a few kB, not the 30 kB python-docx's default makes.
    sizes = [exported.child_path.stat().st_size, exported.adult_path.stat().st_size]
    assert statistics.mean(sizes) < 12_000
