"""What goes to the tokenizer is capped, every offset still points into the text as given, and
ordinary text goes to spaCy whole and unchanged (issue 14: linear time on any text)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from letters.checks import pieces
from letters.checks.analysis import _EXPLAINED_BEFORE, _explained_before
from letters.checks.tokens import _spacy_spans, spans_in_process


def _tokens(text: str, rows: list[list[int]]) -> list[str]:
    out = []
    for i, (start, space) in enumerate(rows):
        nxt = rows[i + 1][0] if i + 1 < len(rows) else len(text)
        out.append(text[start : nxt - 1 if space else nxt])
    return out


class Recorder:
    """spaCy, remembering every text it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, text: str) -> list[list[int]]:
        self.seen.append(text)
        return _spacy_spans(text)


def test_ordinary_text_goes_to_spacy_whole_and_unchanged() -> None:
    text = "Dear Sam,\n\nYou told me (and Mr. B.W. agreed) that you isn't sure... OK!"
    recorder = Recorder()
    assert pieces.safe_spans(text, recorder) == _spacy_spans(text)
    assert recorder.seen == [text]


def test_nothing_long_without_a_space_reaches_spacy() -> None:
    texts = [
        "!!!???" * 3000,
        "x" * 50_000,
        "(((" * 5000 + "word",
        "you " + " " * 5000 + "me",
        ("Your placement is good. " * 2000),
    ]
    for text in texts:
        recorder = Recorder()
        rows = pieces.safe_spans(text, recorder)
        assert all(len(t) <= pieces.MAX_CHUNK for t in recorder.seen)
        longest = max((len(run) for t in recorder.seen for run in re.findall(r"\S+", t)), default=0)
        assert longest <= pieces.MAX_PIECE
        assert all(a[0] < b[0] for a, b in zip(rows, rows[1:], strict=False))  # in order
        assert "".join(_tokens(text, rows)).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_runs_of_punctuation_are_one_token_a_character_as_spacy_makes_them() -> None:
    text = "Wow!!!!!!!! yes"
    assert _tokens(text, spans_in_process(text)) == _tokens(text, _spacy_spans(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b ", " ", "  ", "\n", "!", "?", "(", ")", "'s", "-", "word "]), max_size=60
    )
)
def test_text_without_long_runs_is_tokenized_as_spacy_does(parts: list[str]) -> None:
    text = "".join(parts)
    if pieces.regions(text):  # long runs: checked above
        return
    assert spans_in_process(text) == _spacy_spans(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["called", "known as", "named", "Called", " ", "(", '"', "“", "‘", "'", "x", "_", "\n"]
        ),
        max_size=8,
    )
)
def test_explained_before_is_the_regular_expression_on_a_window(parts: list[str]) -> None:
    text = "".join(parts)
    assert _explained_before(text, len(text)) == bool(_EXPLAINED_BEFORE.search(text, 0, len(text)))
