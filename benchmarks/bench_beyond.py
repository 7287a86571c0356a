"""Benchmark the young reader's export: Word files with and without pictures, and the letter read aloud.

    python benchmarks/bench_beyond.py [--letters 100] [--audio 5]

The same letters (the demo letter with varied sections, as in bench_export.py) are exported with
pictures forced off and forced on: median and p95 milliseconds per Word file (the export writes
two), against bench_export.py's target of 15 ms. Then the letter read aloud for a few letters:
seconds for espeak-ng, for the MP3 encoding and for the whole export with audio, and the audio's
seconds per word. Needs espeak-ng for the audio part (skipped without it).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_export import letters, p95, timed  # noqa: E402
from letters.config import Config  # noqa: E402
from letters.export import export_letter  # noqa: E402
from letters.export.audio import encode_mp3, speak  # noqa: E402
from letters.export.speech import letter_ssml, pronunciation_list  # noqa: E402
from letters.model import PictureSettings  # noqa: E402
from letters.render import render_child_blocks, render_child_text  # noqa: E402


def row(name: str, values: list[float], unit: str = "ms", target: str = "") -> str:
    return f"{name:<46} | {statistics.median(values):8.1f} | {p95(values):8.1f} | {unit:<3} | {target}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--audio", type=int, default=5, help="letters to read aloud (0: none)")
    args = parser.parse_args()
    config = Config()
    sample = letters(args.letters)
    print(f"{'measure':<46} | {'median':>8} | {'p95':>8} | unit | target")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for show in (False, True):
            for letter in sample:
                letter.pictures = PictureSettings(show=show)
            export_letter(sample[0], out, config)  # warm the page style and the pictures
            per_file = [timed(lambda x=x: export_letter(x, out, config)) / 2 for x in sample]
            name = "Word export per file, " + ("with pictures" if show else "no pictures")
            print(row(name, per_file, target="<= 15 ms"))

        if not args.audio or shutil.which("espeak-ng") is None:
            print("letter read aloud: skipped (no espeak-ng, or --audio 0)")
            return
        spoken, encoded, whole, per_word = [], [], [], []
        for letter in sample[: args.audio]:
            blocks = render_child_blocks(letter, config)
            ssml = letter_ssml(blocks, pronunciation_list(letter))
            start = time.perf_counter()
            wav = speak(ssml, config)
            spoken.append(time.perf_counter() - start)
            start = time.perf_counter()
            encode_mp3(wav)
            encoded.append(time.perf_counter() - start)
            whole.append(timed(lambda x=letter: export_letter(x, out, config, audio=True)) / 1000)
            seconds = (len(wav) - 44) / 2 / 22050
            per_word.append(seconds / len(render_child_text(letter, config).split()))
        print(row("espeak-ng, one letter", spoken, "s"))
        print(row("MP3 encoding, one letter", encoded, "s"))
        print(row("whole export with audio (3 files)", whole, "s"))
        print(row("audio length per word", per_word, "s", "0.25 to 0.8 s"))


if __name__ == "__main__":
    main()
