"""The letter read aloud, listened to by decoding the MP3 (libsndfile's decoder, not the encoder
that wrote it): its length for its words, the silences between sections, how it is written, and
what happens when espeak-ng is missing or fails (the Word files are written all the same).

Needs the Debian package espeak-ng (scripts/setup.sh --test installs it).
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import numpy as np
import pytest
import soundfile
from msgspec.structs import replace

from letters.config import Config, ExportConfig
from letters.export import audio_name, export_letter
from letters.interchange import letter_from_toml
from letters.model import Letter
from letters.render import render_child_blocks, render_child_text

CONFIG = Config()
DATA = Path(__file__).parent / "data"
needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="needs espeak-ng: apt-get install espeak-ng"
)
WINDOW_S = 0.05
#: RMS below this (full scale 1.0) is silence: espeak-ng's speech sits around 0.05 to 0.25.
QUIET = 0.01


def young(age: int) -> Letter:
    letter = letter_from_toml((DATA / f"young_age{age}.toml").read_text(encoding="utf-8"))
    letter.id = age
    return letter


def silences(path: Path) -> tuple[float, list[float]]:
    """The sound's length in seconds, and the length of each silence in it (RMS in windows)."""
    samples, rate = soundfile.read(str(path), dtype="float64")
    size = int(rate * WINDOW_S)
    count = len(samples) // size
    rms = np.sqrt((samples[: count * size].reshape(count, size) ** 2).mean(axis=1))
    runs: list[float] = []
    length = 0
    for quiet in rms < QUIET:
        if quiet:
            length += 1
        elif length:
            runs.append(length * WINDOW_S)
            length = 0
    return len(samples) / rate, runs


@needs_espeak
@pytest.mark.parametrize("age", [5, 7])
def test_the_letter_read_aloud_lasts_as_long_as_its_words_with_a_silence_before_each_section(
    tmp_path: Path, age: int
) -> None:
    letter = young(age)
    result = export_letter(letter, tmp_path, CONFIG, audio=True)
    assert result.audio_problem == ""
    assert result.audio_path == tmp_path / audio_name(letter)
    assert result.audio_path.name == f"letter-{age}-{letter.meeting.date.isoformat()}-child.mp3"
    head = result.audio_path.read_bytes()[:2]
    assert head[0] == 0xFF and head[1] & 0xE6 == 0xE2  # an MPEG audio frame, Layer III

    seconds, quiet = silences(result.audio_path)
    words = len(render_child_text(letter, CONFIG).split())
    assert 0.25 <= seconds / words <= 0.8, (seconds, words)
    headings = sum(1 for b in render_child_blocks(letter, CONFIG) if b.kind == "heading")
    long_quiet = [q for q in quiet if q >= 1.5]
    # One long silence before each heading, and only there: sentences get shorter pauses.
    assert len(long_quiet) == headings == 8, quiet
    assert sum(1 for q in quiet if 0.3 <= q < 1.5) >= 10  # sentences and paragraphs are paced too


@needs_espeak
def test_the_audio_is_private_and_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = export_letter(young(5), out, CONFIG, audio=True)
    assert result.audio_path is not None
    assert stat.S_IMODE(result.audio_path.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [result.child_path.name, result.adult_path.name, result.audio_path.name]
    )  # no temporary file left behind


def test_no_audio_unless_asked(tmp_path: Path) -> None:
    result = export_letter(young(5), tmp_path, CONFIG)
    assert result.audio_path is None and result.audio_problem == ""
    assert not list(tmp_path.glob("*.mp3"))


def test_without_espeak_the_word_files_are_written_and_the_message_says_how_to_install(
    tmp_path: Path,
) -> None:
    missing = replace(CONFIG, export=ExportConfig(espeak_ng=str(tmp_path / "no-such-espeak")))
    result = export_letter(young(5), tmp_path, missing, audio=True)
    assert result.child_path.exists() and result.adult_path.exists()
    assert result.audio_path is None and not list(tmp_path.glob("*.mp3"))
    assert "espeak-ng was not found" in result.audio_problem
    assert "apt-get install espeak-ng" in result.audio_problem


def test_a_failing_espeak_is_reported_and_the_word_files_are_still_written(tmp_path: Path) -> None:
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\necho 'something went wrong' >&2\nexit 3\n")
    fake.chmod(0o700)
    out = tmp_path / "out"
    out.mkdir()
    failing = replace(CONFIG, export=ExportConfig(espeak_ng=str(fake)))
    result = export_letter(young(7), out, failing, audio=True)
    assert result.child_path.exists() and result.adult_path.exists()
    assert "espeak-ng failed (status 3): something went wrong" in result.audio_problem
    assert not list(out.glob("*.mp3"))


@needs_espeak
def test_an_unknown_voice_is_named(tmp_path: Path) -> None:
    config = replace(CONFIG, export=ExportConfig(voice="xx-nowhere"))
    result = export_letter(young(5), tmp_path, config, audio=True)
    assert "no voice 'xx-nowhere'" in result.audio_problem and "export.voice" in result.audio_problem


@pytest.mark.parametrize(
    "settings, message",
    [
        (ExportConfig(voice="en-gb; rm -rf"), "export.voice"),
        (ExportConfig(words_per_minute=20), "export.words_per_minute: 20 is outside 80 to 450"),
    ],
)
def test_bad_speech_settings_are_named(tmp_path: Path, settings: ExportConfig, message: str) -> None:
    result = export_letter(young(5), tmp_path, replace(CONFIG, export=settings), audio=True)
    assert message in result.audio_problem and result.child_path.exists()
