"""WordprocessingML for a paragraph with pictures in it (the child's letter for young readers).

A picture is an inline drawing: it sits in the line like a letter, so it moves with the words when
Word rewraps the text, and it is never a floating shape a child's reader could knock out of place.
Beside a heading it comes first, then the heading's words; beside a key word it comes just before
the word, joined to it by a no-break space so a line never ends between the two. Every picture
carries its alt text (`descr`, which Word shows as "Alt Text" and screen readers read).

Sizes follow the text: a heading's picture is a little taller than the heading's capitals, a key
word's about the height of the body text, and each is lowered so that it sits centred on the line
rather than on the baseline. This module only writes XML strings; `letters.export.docx` puts them
in the document and adds the image parts (`relationship ids` are passed in).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from letters.export.pictures import Placement

EMU_PER_PT = 12700
#: Picture heights relative to the font size of the line they sit in.
HEADING_SCALE = 1.3
WORD_SCALE = 1.1
#: How far below the baseline a picture's bottom goes, as a share of its height (the descender).
DROP = 0.2
NBSP = "\u00a0"

_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def _drawing(rid: str, number: int, name: str, alt: str, size_pt: float) -> str:
    emu = round(size_pt * EMU_PER_PT)
    descr = quoteattr(alt)
    # w:position lowers the run in half-points, so the picture centres on the line.
    drop = round(size_pt * DROP * 2)
    return (
        f'<w:r><w:rPr><w:position w:val="-{drop}"/></w:rPr><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{emu}" cy="{emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="Picture {number}" descr={descr} title={descr}/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{_PICTURE_URI}"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="{escape(name)}.png" descr={descr}/>'
        '<pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="{emu}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def picture_paragraph(
    style_id: str,
    text: str,
    placements: Sequence[Placement],
    rids: dict[str, str],
    next_id: Callable[[], int],
    font_pt: float,
    run: Callable[[str, bool], str],
    page_break: bool = False,
) -> str:
    """A paragraph of `text` with the pictures placed in it; `run` writes a run of text."""
    scale = HEADING_SCALE if any(p.heading for p in placements) else WORD_SCALE
    size = font_pt * scale
    parts: list[str] = []
    at = 0
    for placement in sorted(placements, key=lambda p: p.start):
        parts.append(run(text[at : placement.start], False))
        picture = placement.picture
        parts.append(_drawing(rids[picture.name], next_id(), picture.name, picture.alt_text, size))
        # A no-break space: a line never ends between the picture and its word. Beside a heading
        # it is an ordinary gap, which the no-break space also gives.
        parts.append(run(NBSP, False))
        at = placement.start
    parts.append(run(text[at:], False))
    before = "<w:pageBreakBefore/>" if page_break else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{before}</w:pPr>{"".join(parts)}</w:p>'
