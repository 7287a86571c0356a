"""Word letters read as a reader sees them, from files written by LibreOffice and by python-docx."""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from letters.checks import Checker, ReaderProfile, line_col
from letters.docxtext import UNPACKED_BYTES, docx_text
from letters.errors import InputError
from letters.textio import read_letter_text

DATA = Path(__file__).parent / "data"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def libreoffice_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/reader_sees.fodt saved as .docx by LibreOffice itself."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (scripts/test.sh installs it)")
    out = tmp_path_factory.mktemp("lo")
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{out}/profile",
         "--convert-to", "docx", "--outdir", str(out), str(DATA / "reader_sees.fodt")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / "reader_sees.docx"


def test_a_libreoffice_letter_is_read_whole(libreoffice_docx: Path) -> None:
    with zipfile.ZipFile(libreoffice_docx) as archive:  # LibreOffice wrote real tracked changes
        body = archive.read("word/document.xml").decode()
    assert "<w:del " in body and "<w:ins " in body and "commentReference" in body
    lines = [line.strip() for line in docx_text(libreoffice_docx).split("\n")]
    assert lines == [
        "Ellie Example, born 8 March 2017",  # the header: personal data lives there
        "Dear Ellie,",
        "We met at Nana Pat's house on Tuesday.",  # the insertion accepted, the deletion dropped
        "You told us about school.",
        "See you soon.",  # the comment left out
        "What",
        "Who",
        "Contact with your birth mother at the contact centre",  # a table cell
        "Bethany",
        "After the box.",
        "Your care plan is in the box.",  # the text box, after the paragraph holding it
        "Your LAC review was on Tuesday.",  # the footnote
        "Review record for the family",  # the footer
    ]


def test_jargon_in_a_table_and_a_footnote_is_found_where_it_is(libreoffice_docx: Path) -> None:
    text = read_letter_text(libreoffice_docx)
    report = Checker(ReaderProfile(age=9)).check(text)
    places = {
        text[f.start : f.end].lower(): line_col(text, f.start) for f in report.findings if f.rule == "jargon"
    }
    assert places["contact centre"] == (8, 39)
    assert places["lac review"] == (12, 7)  # after the footnote's tab
    assert "respite" not in text and "in respect of" not in text


def _run(text: str, kind: str = "r") -> etree._Element:
    run = etree.SubElement(etree.Element(qn("w:p")), qn("w:r"))
    if kind == "del":
        etree.SubElement(run, qn("w:delText")).text = text
    else:
        etree.SubElement(run, qn("w:t")).text = text
    return run


def test_a_word_letter_with_tracked_changes_comments_and_a_text_box(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Ellie Example, 12 Oak Road"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    paragraph = document.add_paragraph("We talked ")
    inserted = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "A"})
    inserted.append(_run("about your new school"))
    deleted = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "A"})
    deleted.append(_run(" in respect of your placement", "del"))
    comment = etree.SubElement(paragraph._p, qn("w:r"))
    etree.SubElement(comment, qn("w:commentReference"), {qn("w:id"): "0"})
    paragraph.add_run(".")
    # A text box as Word writes it: DrawingML, with a VML copy for old readers that must not double.
    box = document.add_paragraph("Before the box.")
    xml = (
        f'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:w="{W}"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
        "<w:t>Your care plan, boxed.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Your care plan, boxed.</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
    )
    run = etree.SubElement(box._p, qn("w:r"))
    run.append(etree.fromstring(xml))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Book an eye test", "Anne"
    path = tmp_path / "word.docx"
    document.save(str(path))
    assert docx_text(path).split("\n") == [
        "Ellie Example, 12 Oak Road",
        "We talked about your new school.",
        "Before the box.",
        "Your care plan, boxed.",
        "Book an eye test",
        "Anne",
        "Page footer",
    ]


def _patched_sizes(source: Path, target: Path, size: int) -> None:
    """A copy of a .docx whose zip directory says document.xml unpacks to `size` bytes."""
    data = bytearray(source.read_bytes())
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name:
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    target.write_bytes(bytes(data))


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    bomb = tmp_path / "bomb.docx"
    _patched_sizes(plain, bomb, 4_000_000_000)
    with pytest.raises(InputError) as info:
        read_letter_text(bomb)
    assert str(info.value) == (
        f"{bomb}: this Word file would unpack to 3,815 MB, far more than a letter (the limit is "
        f"{UNPACKED_BYTES // (1024 * 1024)} MB); it may be damaged or made to harm: open it in Word, "
        "save a copy as .docx and check that"
    )


def test_a_docx_with_entities_or_no_document_is_a_message(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Hello Ellie.")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b']><w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
        b"</w:body></w:document>"
    )
    for name, changed in (("entities.docx", {"word/document.xml": laughs}), ("empty.docx", None)):
        with zipfile.ZipFile(tmp_path / name, "w") as target:
            for part, data in (copy.copy(parts) if changed is None else {**parts, **changed}).items():
                if changed is None and part == "word/document.xml":
                    continue
                target.writestr(part, data)
    assert "ha" not in docx_text(tmp_path / "entities.docx")  # entities are never expanded
    with pytest.raises(InputError, match="not a Word document \\(it has no word/document.xml\\)"):
        docx_text(tmp_path / "empty.docx")
