"""The IRO's photo in the child's Word letter, beside "About me" (`letters.iro_profile`).

An inline drawing of its own paragraph, 4 cm wide (a passport photo's size on the page), its height
from the picture's own proportions, with alt text saying who it is. This module writes the XML and
adds the image part; `letters.export.docx` places it where the template's "~photo" line is.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

EMU_PER_PT = 12700
WIDTH_PT = 113.4  # 4 cm
MAX_HEIGHT_PT = 170.0  # 6 cm: a tall picture is made narrower rather than longer
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


@dataclass(frozen=True, slots=True)
class Photo:
    data: bytes
    mime: str  # "image/png" or "image/jpeg"
    alt: str  # "A photo of Sam, your IRO."


def photo_xml(doc: object, photo: Photo, number: int) -> str:
    """A paragraph holding the photo; its image part is added to `doc` (a python-docx Document)."""
    from docx.image.image import Image
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.parts.image import ImagePart

    image = Image.from_blob(photo.data)
    width, height = WIDTH_PT, WIDTH_PT * image.px_height / max(image.px_width, 1)
    if height > MAX_HEIGHT_PT:
        width, height = width * MAX_HEIGHT_PT / height, MAX_HEIGHT_PT
    ext = "png" if photo.mime == "image/png" else "jpeg"
    part = ImagePart(PackURI(f"/word/media/iro-photo.{ext}"), photo.mime, photo.data)
    rid = doc.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)  # type: ignore[attr-defined]
    cx, cy = round(width * EMU_PER_PT), round(height * EMU_PER_PT)
    descr = quoteattr(photo.alt)
    return (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:keepNext/></w:pPr><w:r><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="IRO photo" descr={descr} title={descr}/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{_PICTURE_URI}"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="iro-photo.{ext}" descr={descr}/>'
        '<pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
