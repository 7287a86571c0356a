"""The tokenizer helper process: the same words as spaCy here, and the checks carry on without it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from letters.checks import ReaderProfile, check_text, tokens
from letters.checks.tokens import TokenizerHelper, spans_in_process

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"  # copies of the shared samples
AWKWARD = [
    "",
    "   ",
    "Mr. Okoro said you're doing well, e.g. in maths (B.W. agreed).",
    "Emoji 😀 and accents: café, naïve — “quoted” ‘words’.",
    "Control\x07characters\x0cand a zero\u200bwidth space.",
    "Tabs\tand\r\nWindows lines\u2028and a line separator.",
    "x" * 50_000,
    "word " * 20_000,
]


@pytest.fixture
def helper() -> Iterator[TokenizerHelper]:
    started = TokenizerHelper()
    yield started
    started.close()


def test_helper_gives_the_same_tokens_as_spacy_here(helper: TokenizerHelper) -> None:
    texts = AWKWARD + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for text in texts:
        assert helper.spans(text) == spans_in_process(text), text[:60]


def test_helper_is_safe_from_several_threads(helper: TokenizerHelper) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Sentence {i} about the child's plan, and who will help." * (i + 1) for i in range(40)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(helper.spans, texts))
    assert answers == [spans_in_process(t) for t in texts]


def test_a_batch_gives_the_same_tokens_as_one_text_at_a_time(helper: TokenizerHelper) -> None:
    assert helper.spans_many(AWKWARD) == [spans_in_process(t) for t in AWKWARD]
    assert helper.spans_many([]) == []


def test_a_check_through_the_helper_finds_what_a_check_here_finds() -> None:
    """Findings and reading ages are the same whichever process tokenizes (a letter's new
    paragraphs go to the helper in one batch)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    profile = ReaderProfile(age=9)
    here = [check_text(t, profile) for t in texts]
    assert tokens.start_helper() is not None
    try:
        there = [check_text(t, profile) for t in texts]
    finally:
        tokens.stop_helper()
    assert [r.findings for r in there] == [r.findings for r in here]
    assert [r.reading_age for r in there] == [r.reading_age for r in here]


def test_checks_carry_on_when_the_helper_dies() -> None:
    text = "Your LAC review was held. We talked about contact with your mum."
    expected = check_text(text, ReaderProfile(age=10)).findings
    started = tokens.start_helper()
    assert started is not None and tokens.helper_running()
    try:
        started._process.kill()
        started._process.wait()
        assert check_text(text, ReaderProfile(age=10)).findings == expected
        assert not tokens.helper_running()
    finally:
        tokens.stop_helper()


def test_stopping_the_helper_ends_its_process() -> None:
    started = tokens.start_helper()
    assert started is not None
    tokens.stop_helper()
    assert started._process.poll() is not None
    assert not tokens.helper_running()


def test_an_app_process_with_a_helper_never_imports_spacy(tmp_path: Path) -> None:
    """What the helper is for: the app's own process stays free to paint and take keys."""
    script = textwrap.dedent(
        """
        import json, sys
        from letters.checks import tokens
        tokens.start_helper()
        from letters.checks import LetterChecker, warm_up
        from letters.demo import demo_letter
        warm_up()
        letter = demo_letter()
        letter.sections[1].text += " We looked at your placement and your LAC review."
        report = LetterChecker(letter).check(letter)
        tokens.stop_helper()
        print(json.dumps({"spacy": "spacy" in sys.modules,
                          "findings": len(report.report.findings)}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True, cwd=tmp_path
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"spacy": False, "findings": result["findings"]}
    assert result["findings"] >= 2  # "placement" and "LAC" were found without spaCy here


def test_the_letters_command_runs_the_app_with_a_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    from letters import cli
    from letters.tui import app

    seen: list[bool] = []
    monkeypatch.setattr(app, "run_app", lambda: seen.append(tokens.helper_running()) or 0)
    assert cli.main([]) == 0
    assert seen == [True]
    assert not tokens.helper_running()


def test_a_batch_bigger_than_a_pipe_does_not_deadlock(helper: TokenizerHelper) -> None:
    """An enormous paste: the request and the answers are each far larger than a pipe holds."""
    import threading

    texts = ["word " * 20_000] * 5  # 500 KB of text, 800 KB of answers
    answers: list[object] = []
    worker = threading.Thread(target=lambda: answers.append(helper.spans_many(texts)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the exchange with the helper hung"
    assert answers == [[spans_in_process(texts[0])] * 5]


def test_a_helper_that_stops_answering_is_given_up_on() -> None:
    """A helper that hangs (here: paused) must not hang the checks: after the limit it is
    stopped and the answer comes from spaCy in this process."""
    import os
    import signal
    import time

    stuck = TokenizerHelper()
    try:
        assert stuck.spans("warm up") is not None  # spaCy has loaded in the helper
        stuck.limit = 1.0
        os.kill(stuck._process.pid, signal.SIGSTOP)
        started = time.monotonic()
        assert stuck.spans("Hello there.") is None
        assert time.monotonic() - started < 10
        assert not stuck.alive
    finally:
        stuck.close()
