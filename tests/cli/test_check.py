"""`letters check` as an IRO or auditor uses it: text and JSON output, .docx, exit codes, bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from letters.cli import main

POOR = (
    "Dear Tyler,\n\nIt was noted that your placement is stable. Contact with your father will "
    "remain supervised. Your PEP was reviewed.\n\nFrom Jo\n"
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_is_one_line_per_finding(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "tyler.txt"
    letter.write_text(POOR)
    code, out, _ = _run(capsys, "check", str(letter), "--age", "10")
    lines = out.strip().splitlines()
    placement = next(line for line in lines if "jargon" in line and "'placement'" in line)
    assert placement.startswith(f"{letter}:3:")
    assert "warning jargon:" in placement and "(try: home" in placement
    assert any(" acronym: PEP" in line for line in lines)
    assert lines[-1].startswith(f"{letter}: ") and "target 9" in lines[-1]
    assert code in (0, 1)


def test_json_output_spans_index_the_decoded_text(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "tyler.md"
    letter.write_bytes(("\ufeff" + POOR).replace("\n", "\r\n").encode())
    code, out, _ = _run(capsys, "check", str(letter), "--age", "10", "--format", "json")
    data = json.loads(out)
    decoded = POOR  # BOM dropped, universal newlines
    assert [d["path"] for d in data] == [str(letter)]
    item = data[0]
    assert item["target_reading_age"] == 9.0
    assert item["words"] > 10
    assert {"low", "high"} <= set(item["reading_age"])
    for f in item["findings"]:
        assert f["text"] == decoded[f["start"] : f["end"]]
        assert set(f) == {
            "rule",
            "severity",
            "start",
            "end",
            "line",
            "column",
            "text",
            "message",
            "suggestions",
            "fixes",
        }
        # "suggestions" stays a list of strings: the fixes' texts, in order.
        assert f["suggestions"] == [x["text"] for x in f["fixes"]]
        for x in f["fixes"]:
            assert set(x) == {"kind", "text", "exact", "slots"}
            assert x["kind"] in ("replace", "template", "advice")
            slots = list(dict.fromkeys(re.findall(r"\[[^\[\]]+\]", x["text"])))
            assert x["slots"] == slots if x["kind"] == "template" else not x["slots"]
    kinds = {x["kind"] for f in item["findings"] for x in f["fixes"]}
    assert {"replace", "advice"} <= kinds
    assert code == (1 if any(f["severity"] == "error" for f in item["findings"]) else 0)


def test_docx_letters_are_read_paragraph_by_paragraph(tmp_path: Path, capsys) -> None:
    document = docx.Document()
    for para in POOR.strip().split("\n\n"):
        document.add_paragraph(para)
    path = tmp_path / "tyler.docx"
    document.save(str(path))
    code, out, _ = _run(capsys, "check", str(path), "--age", "10", "--format", "json")
    item = json.loads(out)[0]
    decoded = "\n".join(POOR.strip().split("\n\n"))
    texts = {f["text"] for f in item["findings"]}
    assert {"placement", "PEP"} <= texts
    for f in item["findings"]:
        assert f["text"] == decoded[f["start"] : f["end"]]


def test_allow_list_and_disable(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "tyler.txt"
    letter.write_text(POOR)
    _, out, _ = _run(
        capsys,
        "check",
        str(letter),
        "--age",
        "10",
        "--allow",
        "placement",
        "--disable",
        "acronym",
        "--format",
        "json",
    )
    texts = {f["text"] for f in json.loads(out)[0]["findings"]}
    rules = {f["rule"] for f in json.loads(out)[0]["findings"]}
    assert "placement" not in texts and "acronym" not in rules


def test_error_finding_exits_1(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "about.txt"
    letter.write_text(
        "Jayden is a 12 year old boy. He stated that he likes school and he wants "
        "to see his mother more. His carers agree with him."
    )
    code, out, _ = _run(capsys, "check", str(letter), "--age", "12")
    assert code == 1
    assert "error addressed-to-child" in out


def test_clean_letter_exits_0(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "good.txt"
    letter.write_text(
        "Dear Noah,\n\nYou told me you like living with Gran. You like her dog.\n"
        "We will meet again after Christmas.\n\nFrom Sam\n"
    )
    code, out, _ = _run(capsys, "check", str(letter), "--age", "8")
    assert code == 0
    assert "no findings" in out


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n\n", "empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("latin1.txt", "Café with Zoë".encode("latin-1"), "not UTF-8"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "Word document"),
        ("text.docx", b"just text in a docx name", "Word document"),
        ("letter.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_unreadable_input_exits_2_with_a_reason(
    tmp_path: Path, capsys, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _run(capsys, "check", str(path), "--age", "9")
    assert code == 2
    assert reason in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_and_missing_age(tmp_path: Path, capsys) -> None:
    code, _, err = _run(capsys, "check", str(tmp_path / "nope.txt"), "--age", "9")
    assert code == 2 and "no such file" in err
    letter = tmp_path / "a.txt"
    letter.write_text("You are great.")
    code, _, err = _run(capsys, "check", str(letter))
    assert code == 2 and "--age" in err


def test_bad_age_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "letters", "check", "x.txt", "--age", "ten"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "not a whole number" in result.stderr and "Traceback" not in result.stderr


def test_child_and_pronouns_judge_each_sentence_as_the_app_does(tmp_path: Path, capsys) -> None:
    letter = tmp_path / "mia.txt"
    letter.write_text(
        "You told me school is going well and you like your teacher. "
        "Mia is doing really well in maths. She got a gold star last week. "
        "Your nan came to the meeting. She brought cake.\n"
    )

    def about(*extra: str) -> list[tuple[str, str]]:
        code, out, _ = _run(capsys, "check", str(letter), "--age", "9", "--format", "json", *extra)
        assert code == 0  # a sentence or two about Mia is a warning, not an error
        found = json.loads(out)[0]["findings"]
        return [(f["text"], f["severity"]) for f in found if f["rule"] == "addressed-to-child"]

    assert about() == []  # who Mia is, the letter does not say
    # "She got a gold star" is Mia; "She brought cake" is your nan.
    assert about("--child", "Mia") == [("Mia", "warning"), ("She", "warning")]
    assert about("--child", "Mia", "--pronouns", "she/her") == [("Mia", "warning"), ("She", "warning")]
    assert about("--child", "Mia", "--pronouns", "he/him") == [("Mia", "warning")]  # "she" is not him

    with pytest.raises(SystemExit) as exit_:
        main(["check", str(letter), "--age", "9", "--pronouns", "she/9"])
    assert exit_.value.code == 2 and "not a set of pronouns" in capsys.readouterr().err
