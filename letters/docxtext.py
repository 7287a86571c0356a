"""A Word letter's text as a reader sees it: the body, its tables and text boxes, the headers and
footers, the footnotes; tracked insertions accepted, tracked deletions and comments left out.

A .docx is a zip of XML parts. Before any part is parsed, the zip's directory is checked: a file
whose parts would unpack to more than `UNPACKED_BYTES` (a "zip bomb") or that holds more than
`MAX_PARTS` parts is refused from the sizes the directory declares, without unpacking anything.
The XML is parsed without entities, DTDs or the network.

The text is one line per paragraph (a table cell's paragraphs are lines of their own; a line
break inside a paragraph is a line too), in the order a reader meets them: headers, the body (a
text box after the paragraph it is anchored in), footnotes and endnotes, footers. The checker's
offsets index this text, so its line and column name the paragraph and the place in it.

Must not write anything, and reads nothing but the file it is given.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from letters.errors import InputError

UNPACKED_BYTES = 200 * 1024 * 1024  # a letter with photographs unpacks to a few tens of MB
MAX_PARTS = 5_000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_PART_ORDER = ("header", "body", "footnotes", "endnotes", "footer")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


# Whole subtrees a reader does not see: deleted text, field codes, comments, properties, and the
# VML copy of a text box that Word keeps for old readers (the DrawingML copy is read instead).
_SKIP = frozenset(
    {
        _w("del"),
        _w("moveFrom"),
        _w("delText"),
        _w("instrText"),
        _w("delInstrText"),
        _w("pPr"),
        _w("rPr"),
        _w("commentReference"),
        _w("footnoteReference"),
        _w("endnoteReference"),
        _w("txbxContent"),  # read after its paragraph, not inside it
        f"{{{_MC}}}Fallback",
    }
)
_BLOCKS = frozenset({_w("sdt"), _w("sdtContent"), _w("customXml"), _w("ins"), _w("moveTo"), _w("smartTag")})


def check_zip(path: Path) -> zipfile.ZipFile:
    """The file opened as a zip, once its directory shows it is safe to unpack."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"{path}: not a readable Word document ({type(exc).__name__}); "
            "open it in Word and save it again as .docx"
        ) from None
    infos = archive.infolist()
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or unpacked > UNPACKED_BYTES:
        archive.close()
        what = f"{len(infos):,} parts" if len(infos) > MAX_PARTS else f"{unpacked // (1024 * 1024):,} MB"
        raise InputError(
            f"{path}: this Word file would unpack to {what}, far more than a letter "
            f"(the limit is {UNPACKED_BYTES // (1024 * 1024)} MB); it may be damaged or made to "
            "harm: open it in Word, save a copy as .docx and check that"
        )
    return archive


def _parse(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(archive.read(name), parser)


def _targets(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    """The parts holding the text, by kind, found through the package's relationships."""
    names = set(archive.namelist())
    main = "word/document.xml"
    if "_rels/.rels" in names:
        for rel in _parse(archive, "_rels/.rels").iter(f"{{{_REL}}}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                main = rel.get("Target", main).lstrip("/")
    if main not in names:
        raise KeyError(main)
    found: dict[str, list[str]] = {kind: [] for kind in _PART_ORDER}
    found["body"].append(main)
    folder, base = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels in names:
        for rel in _parse(archive, rels).iter(f"{{{_REL}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in found and kind != "body" and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                if target in names:
                    found[kind].append(target)
    return found


def _runs_text(element: Any, boxes: list[Any]) -> Iterator[str]:
    """The text of a paragraph's content, in order; text boxes met on the way go into `boxes`."""
    for child in element:
        tag = child.tag
        if tag == _w("t"):
            yield child.text or ""
        elif tag == _w("tab") or tag == _w("ptab"):
            yield "\t"
        elif tag in (_w("br"), _w("cr")):
            yield "\n"
        elif tag == _w("noBreakHyphen"):
            yield "-"
        elif tag == _w("txbxContent"):
            boxes.append(child)
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        else:
            yield from _runs_text(child, boxes)


def _paragraph_deleted(paragraph: Any) -> bool:
    """A paragraph whose mark is a tracked deletion (it merges into the next one)."""
    props = paragraph.find(_w("pPr"))
    mark = props.find(_w("rPr")) if props is not None else None
    return mark is not None and mark.find(_w("del")) is not None


def _lines(element: Any) -> Iterator[str]:
    """Every paragraph inside `element` (a body, cell, header, note or text box), in order."""
    for child in element:
        tag = child.tag
        if tag == _w("p"):
            boxes: list[Any] = []
            text = "".join(_runs_text(child, boxes))
            if text or not _paragraph_deleted(child):
                yield text
            for box in boxes:
                yield from _lines(box)
        elif tag == _w("tbl"):
            for row in child.findall(_w("tr")):
                for cell in row.findall(_w("tc")):
                    yield from _lines(cell)
        elif tag in _BLOCKS:
            yield from _lines(child)
        elif tag == f"{{{_MC}}}AlternateContent":
            choice = child.find(f"{{{_MC}}}Choice")
            if choice is not None:
                yield from _lines(choice)


def _notes(root: Any) -> Iterator[str]:
    """The footnotes or endnotes a reader sees (not Word's separator notes)."""
    for note in root:
        if note.get(_w("type")) in (None, "normal"):
            yield from _lines(note)


def docx_text(path: Path) -> str:
    """The letter's text, one line per paragraph; `InputError` when the file cannot be read."""
    from lxml import etree

    with check_zip(path) as archive:
        try:
            parts = _targets(archive)
            lines: list[str] = []
            for kind in _PART_ORDER:
                seen: set[str] = set()
                for name in parts[kind]:
                    root = _parse(archive, name)
                    if kind == "body":
                        body = root.find(_w("body"))
                        found = list(_lines(body)) if body is not None else []
                    elif kind in ("footnotes", "endnotes"):
                        found = list(_notes(root))
                    else:
                        found = list(_lines(root))
                    text = "\n".join(found)
                    if kind in ("header", "footer") and (text in seen or not text.strip()):
                        continue  # the first-page and even-page copies of one header
                    seen.add(text)
                    lines += found
        except KeyError as exc:
            raise InputError(
                f"{path}: not a Word document (it has no {exc.args[0]}); save it from Word as .docx"
            ) from None
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise InputError(
                f"{path}: the Word document is damaged ({type(exc).__name__}); "
                "open it in Word and save it again as .docx"
            ) from None
    return "\n".join(line.replace("\r\n", "\n").replace("\r", "\n") for line in lines)
