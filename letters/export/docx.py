"""Lay rendered letter blocks out as a Word document, in a dyslexia-friendly style.

The style follows the British Dyslexia Association guide (see the domain primer): Arial, 14 pt body
for children under 12 and 12 pt otherwise, bold headings at least 20% larger, line spacing 1.5,
left aligned, no italics or underlining, one column about 65 characters wide, optionally on a cream
page. The same styles serve the adults' copy, which adds tables.

Speed: python-docx's default template carries 900 kB of styles that it parses on every
`Document()` and writes on every save. We prune it once per style (body size, page colour) to the
few styles we use, keep the result as bytes, and open those bytes for each letter.

Pictures (for young readers, `letters.export.pictures`): given a `PicturePlan`, the child's letter
draws each picture inline beside its heading or word, with its alt text, and its document
properties carry the picture set's attribution; the adults' copy can carry it as a small footer.

This module only turns blocks into .docx bytes: it must not render templates, name or write files.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor

from letters.render import Block

if TYPE_CHECKING:
    from letters.export.photo import Photo
    from letters.export.pictures import PicturePlan, Placement

FONT = "Arial"
TEXT_COLOUR = RGBColor(0x1A, 0x1A, 0x1A)  # near-black: softer than pure black on cream
CREAM = "FDF6E3"
LINE_SPACING = 1.5
#: Heading sizes relative to the body; the BDA asks for at least 20% larger.
TITLE_SCALE = 1.5
HEADING_SCALE = 1.3
#: Characters a line should hold (the BDA asks for 60 to 70): lines break at word ends, so the
#: measure is set a little above the middle to average about 65.
CHARS_PER_LINE = 68
#: Mean advance of Arial/Liberation Sans over English letter text, in ems (measured on our corpus
#: with fontTools: 0.443).
MEAN_CHAR_EM = 0.443
A4_WIDTH_PT = 595.3
A4_HEIGHT_PT = 841.9
TOP_BOTTOM_MARGIN_PT = 60.0
#: Column shares of tables by number of columns: the "what" of a decision needs the room.
#: Table text size: tables are for the adults' cover, who need no larger print.
TABLE_PT = 12.0
FOOTER_PT = 8.0
COLUMN_SHARES = {2: (0.38, 0.62), 3: (0.54, 0.2, 0.26), 4: (0.4, 0.15, 0.2, 0.25)}

BULLET_STYLE = "Letter Bullet"
TABLE_STYLE_TEXT = "Table Text"
TABLE_TEXT_ID = "TableText"
#: Style ids (as Word stores them) for each kind of block.
_STYLE_IDS = {
    "title": "Heading1",
    "heading": "Heading2",
    "bullet": "LetterBullet",
    "paragraph": "Normal",
}
_KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Heading 1",
    "Heading 2",
}
# Parts of the default template we do not use: Word and LibreOffice open the file without them.
_DROP_RELS = ("stylesWithEffects", "webSettings", "customXml", "numbering", "theme")
_DROP_PACKAGE_RELS = ("thumbnail", "extended-properties")


@dataclass(frozen=True, slots=True)
class PageStyle:
    body_pt: float  # 14 for children under 12, else 12
    cream: bool  # cream page colour (it may not print: the README suggests cream paper)

    @property
    def text_width_pt(self) -> float:
        return CHARS_PER_LINE * MEAN_CHAR_EM * self.body_pt

    @property
    def side_margin_pt(self) -> float:
        return (A4_WIDTH_PT - self.text_width_pt) / 2


def page_style(age: int | None, cream: bool) -> PageStyle:
    """14 pt for children under 12 (and when the age is unknown: bigger is the safer guess)."""
    return PageStyle(body_pt=14.0 if age is None or age < 12 else 12.0, cream=cream)


# ---------------------------------------------------------------------------------- base template


def _drop_parts(doc: DocxDocument) -> None:
    for rels, unwanted in (
        (doc.part.rels, _DROP_RELS),
        (doc.part.package.rels, _DROP_PACKAGE_RELS),
    ):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in unwanted:
                del rels[r_id]


def _reset_run_properties(element: BaseOxmlElement) -> None:
    """Remove run formatting (theme fonts and colours would beat the fonts we set)."""
    for rpr in element.findall(qn("w:rPr")):
        element.remove(rpr)


def _prune_styles(doc: DocxDocument) -> None:
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in list(doc.styles):
        if style.name not in _KEEP_STYLES:
            styles.remove(style.element)
    for style in styles.findall(qn("w:style")):
        for link in style.findall(qn("w:link")):
            style.remove(link)
        _reset_run_properties(style)
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _reset_run_properties(rpr_default)
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.extend([fonts, lang])
    rpr_default.append(rpr)


def _set_font(style: object, size_pt: float, bold: bool = False) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size_pt)
    font.bold = bold
    font.italic = False
    font.underline = False
    font.color.rgb = TEXT_COLOUR


def _set_styles(doc: DocxDocument, page: PageStyle) -> None:
    body = page.body_pt
    normal = doc.styles["Normal"]
    _set_font(normal, body)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.line_spacing = LINE_SPACING
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(round(body * 0.6))
    fmt.widow_control = True

    for name, scale, before in (
        ("Heading 1", TITLE_SCALE, 0.0),
        ("Heading 2", HEADING_SCALE, body),
    ):
        heading = doc.styles[name]
        _set_font(heading, round(body * scale * 2) / 2, bold=True)
        hfmt = heading.paragraph_format
        hfmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        hfmt.line_spacing = LINE_SPACING
        hfmt.space_before = Pt(before)
        hfmt.space_after = Pt(round(body * 0.3))
        hfmt.keep_with_next = True

    bullet = doc.styles.add_style(BULLET_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    bullet.base_style = normal
    bullet.quick_style = True
    bfmt = bullet.paragraph_format
    # "• " is about 0.63 em wide in Arial: a hanging indent that wide lines wrapped text up.
    bfmt.left_indent = Pt(round(body * 0.63, 1))
    bfmt.first_line_indent = Pt(-round(body * 0.63, 1))
    bfmt.space_after = Pt(round(body * 0.3))

    cell = doc.styles.add_style(TABLE_STYLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cfmt = cell.paragraph_format
    cell.font.size = Pt(min(body, TABLE_PT))
    cfmt.line_spacing = 1.15  # tables are for the adults' cover; 1.5 wastes a page there
    cfmt.space_before = Pt(2)
    cfmt.space_after = Pt(2)


def _set_page(doc: DocxDocument, page: PageStyle) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Pt(A4_WIDTH_PT)
    section.page_height = Pt(A4_HEIGHT_PT)
    section.left_margin = section.right_margin = Pt(round(page.side_margin_pt, 1))
    section.top_margin = section.bottom_margin = Pt(TOP_BOTTOM_MARGIN_PT)


def _settings_child(doc: DocxDocument, tag: str) -> None:
    """Add an empty flag element to settings.xml right after w:zoom (the schema's order)."""
    settings = doc.settings.element
    if settings.find(qn(tag)) is None:
        settings.find(qn("w:zoom")).addnext(OxmlElement(tag))


def _set_background(doc: DocxDocument) -> None:
    background = OxmlElement("w:background")
    background.set(qn("w:color"), CREAM)
    doc.element.insert(0, background)
    _settings_child(doc, "w:displayBackgroundShape")


@functools.lru_cache(maxsize=4)
def base_template(page: PageStyle) -> bytes:
    """The pruned, styled empty document for a page style, built once per process."""
    doc = Document()
    _drop_parts(doc)
    _prune_styles(doc)
    _set_styles(doc, page)
    _set_page(doc, page)
    if page.cream:
        _set_background(doc)
    # Ask Word to strip the author and reviewers' names whenever someone saves the file again.
    _settings_child(doc, "w:removePersonalInformation")
    props = doc.core_properties
    props.author = props.last_modified_by = "letters"
    props.comments = props.subject = props.keywords = props.category = ""
    props.language = "en-GB"
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------ build
# The body is written as WordprocessingML text and parsed once: building it element by element
# through python-docx (or its Paragraph and Table objects, which look every style up by name) took
# most of the time of a letter.


def _run(text: str, bold: bool) -> str:
    if not text:
        return ""
    # Tabs become w:tab elements, as Word writes them; everything else is escaped text.
    pieces = [f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in text.split("\t")]
    return f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{'<w:tab/>'.join(pieces)}</w:r>"


def _paragraph(style_id: str, text: str, bold: bool = False, page_break: bool = False) -> str:
    before = "<w:pageBreakBefore/>" if page_break else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{before}</w:pPr>{_run(text, bold)}</w:p>'


def _twips(points: float) -> int:
    return round(points * 20)


def _table(rows: list[Block], page: PageStyle) -> str:
    columns = max(len(row.cells) for row in rows)
    shares = COLUMN_SHARES.get(columns, (1 / columns,) * columns)
    widths = [_twips(page.text_width_pt * share) for share in shares]
    out = [
        "<w:tbl><w:tblPr>",
        '<w:tblStyle w:val="TableGrid"/>',
        f'<w:tblW w:w="{_twips(page.text_width_pt)}" w:type="dxa"/>',
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblLook w:val="0020" w:firstRow="1" w:firstColumn="0"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    # Without a header row the first column holds labels ("Child", "Date"): bold them instead.
    labels = rows[0].kind != "header"
    for block in rows:
        header = block.kind == "header"
        # A row never breaks across pages; a header row repeats on each page the table runs onto.
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>")
        for index, width in enumerate(widths):
            text = block.cells[index] if index < len(block.cells) else ""
            bold = header or (labels and index == 0)
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"{_paragraph(TABLE_TEXT_ID, text, bold=bold)}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def _body_xml(
    blocks: list[Block], page: PageStyle, pictures: _Pictures | None = None, photo: str = ""
) -> str:
    """`photo`: the IRO's photo's paragraph, put where the blocks have it (else left out)."""
    parts: list[str] = []
    rows: list[Block] = []
    break_next = False

    def flush_rows() -> None:
        if rows:
            parts.append(_table(rows, page))
            rows.clear()

    for index, block in enumerate(blocks):
        if block.kind in ("row", "header"):
            # A header row starts a new table, so two tables in a row stay separate.
            if block.kind == "header":
                flush_rows()
            if break_next and not rows:
                parts.append(_PAGE_BREAK)
                break_next = False
            rows.append(block)
            continue
        flush_rows()
        if block.kind == "page_break":
            break_next = True
            continue
        if block.kind == "photo":
            parts.append(photo)
            continue
        placed = pictures.plan.at(index) if pictures else []
        if block.kind == "term":  # the glossary: the word in bold, then what it means
            word, meaning = (*block.cells, "", "")[:2]
            before = "<w:pageBreakBefore/>" if break_next else ""
            runs = _run(word, True) + (_run(f": {meaning}", False) if meaning else "")
            parts.append(f'<w:p><w:pPr><w:pStyle w:val="Normal"/>{before}</w:pPr>{runs}</w:p>')
        elif pictures and placed:
            parts.append(pictures.paragraph(block, placed, page, break_next))
        else:
            parts.append(_paragraph(_STYLE_IDS[block.kind], block.text, page_break=break_next))
        break_next = False
    flush_rows()
    return f"<w:body {nsdecls('w', 'wp', 'a', 'pic', 'r')}>{''.join(parts)}</w:body>"


class _Pictures:
    """A picture plan bound to one document: its image parts and its drawings' ids."""

    def __init__(self, doc: DocxDocument, plan: PicturePlan) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.parts.image import ImagePart

        from letters.export.pictures.catalogue import png_bytes

        self.plan = plan
        self.rids: dict[str, str] = {}
        # One image part per picture, made directly: python-docx's get_or_add_image reads every
        # image's header and hashes every part already there, which cost a millisecond a picture.
        for placement in plan.placements:
            name = placement.picture.name
            if name not in self.rids:
                uri = PackURI(f"/word/media/{name}.png")
                part = ImagePart(uri, "image/png", png_bytes(name))
                self.rids[name] = doc.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
        self.count = 0

    def next_id(self) -> int:
        self.count += 1
        return self.count

    def paragraph(self, block: Block, placed: list[Placement], page: PageStyle, page_break: bool) -> str:
        from letters.export.pictures.drawing import picture_paragraph

        font = page.body_pt * (HEADING_SCALE if block.kind == "heading" else 1.0)
        return picture_paragraph(
            _STYLE_IDS[block.kind], block.text, placed, self.rids, self.next_id, font, _run, page_break
        )


def _add_footer(doc: DocxDocument, text: str) -> None:
    """A small footer line on every page (the adults' copy's picture credit)."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.font.size = Pt(FOOTER_PT)


def build_document(
    blocks: list[Block],
    page: PageStyle,
    title: str,
    pictures: PicturePlan | None = None,
    footer: str = "",
    photo: Photo | None = None,
) -> bytes:
    """A .docx holding exactly the blocks' text, in the page style; `title` is generic.

    With `pictures`, the planned pictures are drawn beside their headings and words and the
    document properties credit the picture set; `footer` is a small line on every page.
    """
    doc = Document(io.BytesIO(base_template(page)))
    bound = _Pictures(doc, pictures) if pictures else None
    photo_part = ""
    if photo is not None and any(b.kind == "photo" for b in blocks):
        from letters.export.photo import photo_xml

        photo_part = photo_xml(doc, photo, 9000)  # drawing ids of pictures count up from 1
    section_properties = doc.element.body.find(qn("w:sectPr"))
    for element in list(parse_xml(_body_xml(blocks, page, bound, photo_part))):
        section_properties.addprevious(element)
    if footer:
        _add_footer(doc, footer)

    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    if pictures:
        props.comments = pictures.attribution  # File > Info > Properties: out of the child's way
    props.title = title
    props.created = props.modified = now
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
