"""The child's letter read aloud: espeak-ng speaks the SSML, and the sound is encoded as MP3.

Speech is offline, from espeak-ng (a system program: Debian's `espeak-ng` package; the README says
how to install it elsewhere), with an English (GB) voice at a pace for a young listener
(`config.export.voice`, `config.export.words_per_minute`). espeak-ng writes WAV; its samples are
encoded in memory with `lameenc` (the LAME encoder, inside the package's wheels): MP3 at a constant
bit rate, which every phone plays and shows the right length for (pyproject says why MP3 and why
this encoder). Nothing is written here and nothing
touches the disk: the caller writes the bytes with the Word files.

Anything that goes wrong becomes an `AudioProblem` whose message says what to do (most often: how
to install espeak-ng). This module must not import python-docx or Textual, or write files.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

from letters.config import Config
from letters.errors import ExportError
from letters.export.speech import letter_ssml, pronunciation_list
from letters.model import Letter
from letters.render import Block

INSTALL = (
    "install espeak-ng, the offline speech program (Debian or Ubuntu: sudo apt-get install espeak-ng; "
    "macOS: brew install espeak-ng; Windows: the espeak-ng installer, from the espeak-ng project's "
    "releases page), then export again"
)
#: Where espeak-ng's Windows installer puts it (it does not add itself to PATH).
_WINDOWS_PLACES = (
    Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "eSpeak NG" / "espeak-ng.exe",
    Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "eSpeak NG" / "espeak-ng.exe",
)
_VOICE = re.compile(r"[A-Za-z0-9_+-]{2,40}")
#: espeak-ng's own limits on speed.
MIN_WPM, MAX_WPM = 80, 450
#: Generous: a 2,000-word letter takes about 3 s of espeak-ng on this project's machine.
TIMEOUT_S = 120
#: Kilobits a second: speech in one channel at espeak-ng's 22 kHz sounds clear at this rate
#: (about 360 kB a minute).
BITRATE_KBPS = 48
#: LAME's quality/speed trade (2 best, 7 fast): 7 encoded a letter in 2.1 s where 5 took 3.4 s on a
#: loaded machine, at the same bit rate and size. (The two were not compared by ear.)
LAME_QUALITY = 7


class AudioProblem(ExportError):
    """The letter read aloud could not be made; the message says why and what to do."""


def find_espeak(config: Config) -> str | None:
    """The espeak-ng program: the configured path, else on PATH, else where Windows installs it."""
    configured = config.export.espeak_ng.strip()
    if configured:
        return configured if Path(configured).is_file() else None
    found = shutil.which("espeak-ng")
    if found:
        return found
    return next((str(p) for p in _WINDOWS_PLACES if p.is_file()), None)


def _settings(config: Config) -> tuple[str, int]:
    voice, wpm = config.export.voice, config.export.words_per_minute
    if not _VOICE.fullmatch(voice):
        raise AudioProblem(f"export.voice: '{voice}' is not an espeak-ng voice name (like en-gb)")
    if not MIN_WPM <= wpm <= MAX_WPM:
        raise AudioProblem(f"export.words_per_minute: {wpm} is outside {MIN_WPM} to {MAX_WPM}")
    return voice, wpm


def speak(ssml: str, config: Config) -> bytes:
    """espeak-ng's WAV for the SSML (kept in memory)."""
    voice, wpm = _settings(config)
    program = find_espeak(config)
    if program is None:
        where = f" at {config.export.espeak_ng}" if config.export.espeak_ng.strip() else ""
        raise AudioProblem(f"espeak-ng was not found{where}: {INSTALL}")
    command = [program, "-v", voice, "-s", str(wpm), "-m", "--stdout", "--stdin"]
    try:
        done = subprocess.run(command, input=ssml.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise AudioProblem(f"espeak-ng did not finish within {TIMEOUT_S} s; try again") from None
    except OSError as exc:
        raise AudioProblem(f"espeak-ng could not be started ({exc.strerror or exc}): {INSTALL}") from None
    # espeak-ng reports a missing voice on stderr (in English, whatever the locale).
    problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0 or len(done.stdout) <= 44:
        if any("voice" in line.lower() for line in problem):
            raise AudioProblem(
                f"espeak-ng has no voice '{voice}' (see `espeak-ng --voices=en`); set export.voice"
            )
        detail = f": {problem[0][:200]}" if problem else ""
        raise AudioProblem(f"espeak-ng failed (status {done.returncode}){detail}; {INSTALL}")
    return done.stdout


def read_wav(wav: bytes) -> tuple[bytes, int]:
    """The 16-bit mono samples and their rate from espeak-ng's WAV.

    espeak-ng streams its WAV to stdout before it knows the length, so the header's sizes are
    placeholders: the samples are everything after the "data" chunk's header.
    """
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise AudioProblem("espeak-ng did not give a WAV sound; try again")
    at = 12
    rate = channels = bits = 0
    while at + 8 <= len(wav):
        kind, size = wav[at : at + 4], struct.unpack_from("<I", wav, at + 4)[0]
        if kind == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", wav, at + 8)
        elif kind == b"data":
            if (channels, bits) != (1, 16) or not rate:
                raise AudioProblem(
                    f"espeak-ng gave {channels} channels of {bits}-bit sound; expected mono 16-bit"
                )
            return wav[at + 8 :], rate
        at += 8 + size + (size & 1)
    raise AudioProblem("espeak-ng's sound had no samples; try again")


def encode_mp3(wav: bytes) -> bytes:
    """MP3 at a constant bit rate, from espeak-ng's WAV."""
    import lameenc

    samples, rate = read_wav(wav)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(LAME_QUALITY)
    return bytes(encoder.encode(samples[: len(samples) // 2 * 2]) + encoder.flush())


def letter_audio(letter: Letter, blocks: list[Block], config: Config) -> bytes:
    """The child's letter (its rendered blocks) read aloud, as MP3 bytes."""
    return encode_mp3(speak(letter_ssml(blocks, pronunciation_list(letter)), config))
