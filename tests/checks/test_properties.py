"""Any Unicode text: findings lie inside the text and checking never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from letters.checks import Checker, ReaderProfile

PIECES = st.sampled_from(
    [
        "Dear Mia,",
        "\n",
        "\n\n",
        " ",
        "Your placement",
        " PEP ",
        "(PEP)",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "Mr. B.W.",
        "e.g.",
        "S.20",
        "07700 900123",
        "LS1 4AB",
        "!",
        "?",
        "...",
        "- ",
        "# ",
        "From Jo",
        "you",
        "He stated",
        "commensurate",
        "\u200b",
        "\x00",
        "\t",
        "é",
        "😀",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
)
CHECKERS = {age: Checker(ReaderProfile(age=age)) for age in (5, 9, 15)}


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, age=st.sampled_from([5, 9, 15]))
def test_findings_lie_inside_the_text(text: str, age: int) -> None:
    report = CHECKERS[age].check(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
    for unit in (*report.paragraphs, *report.sentences):
        assert 0 <= unit.start <= unit.end <= len(text)
