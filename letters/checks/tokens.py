"""Where each word starts: spaCy's rule-based English tokenizer, here or in a helper process.

Importing spaCy takes about a second of one processor, and while it imports (holding Python's
interpreter lock) nothing else in the process moves. The app therefore starts a helper process as
it launches (`start_helper`): spaCy loads there, on another core, while the app paints and opens
the database, and the checks ask the helper for the token spans of each paragraph they have not
seen before. The text goes over an anonymous pipe and is written nowhere; the helper ends when the
app closes its end of the pipe (or dies with it).

Answers are the same whichever process gives them (the same spaCy, the same rules). If the helper
cannot start, dies, answers nonsense or stops answering (a watchdog stops it after
`EXCHANGE_LIMIT` seconds), the checks carry on with spaCy in this process.

Run as `python -m letters.checks.tokens` to be a helper. A request is a 4-byte big-endian count
of texts, then each text as a frame (a 4-byte big-endian length, then UTF-8); the answer is one
frame per text, of 32-bit [start, space] pairs. A check sends all of a letter's new paragraphs in
one request (`prefetch`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from array import array
from pathlib import Path
from typing import IO

_HEADER = 4
_ITEM = array("i").itemsize
#: Seconds an exchange may take before the helper is taken to be stuck and is stopped (the first
#: one waits for spaCy to load, which on a cold disk can take several seconds).
EXCHANGE_LIMIT = 60.0


def spans_in_process(text: str) -> list[list[int]]:
    """[start, followed by a space (0 or 1)] of each spaCy token, read as one array: building a
    Token object per word costs more than the rest of the analysis of that word. A token ends
    where the next begins, less its trailing space.

    spaCy's time grows with the square of the length of a piece without spaces (it rescans the
    piece for every prefix and suffix it strips: 4,000 characters of "!!!???" took 3 s), so what
    it is given is capped (`pieces.safe_spans`); ordinary text goes to it whole, unchanged."""
    from letters.checks import pieces

    return pieces.safe_spans(text, _spacy_spans)


def _spacy_spans(text: str) -> list[list[int]]:
    from spacy.attrs import IDX, SPACY

    from letters.checks import resources

    rows: list[list[int]] = resources.tokenizer()(text).to_array([IDX, SPACY]).tolist()
    return rows


def _read_frame(stream: IO[bytes]) -> bytes | None:
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header, "big")
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return payload


def _write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(len(payload).to_bytes(_HEADER, "big"))
    stream.write(payload)
    stream.flush()


class TokenizerHelper:
    """A helper process that tokenizes for this one; `spans` is safe to call from any thread."""

    def __init__(self, limit: float = EXCHANGE_LIMIT) -> None:
        self._lock = threading.Lock()
        self._broken = False
        self.limit = limit
        self._busy_since: float | None = None  # when the exchange in progress began
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (package_root, env.get("PYTHONPATH"))))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "letters.checks.tokens"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a helper's crash must not print over the app
            env=env,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        threading.Thread(target=self._watch, name="tokenizer-watchdog", daemon=True).start()

    def _watch(self) -> None:
        """Stop a helper that has stopped answering: the exchange waiting on it then gives up,
        and the checks go on in this process, instead of waiting for ever."""
        while not self._broken and self._process.poll() is None:
            time.sleep(min(1.0, self.limit / 4))
            since = self._busy_since
            if since is not None and time.monotonic() - since > self.limit:
                self._process.kill()
                return

    @property
    def alive(self) -> bool:
        return not self._broken and self._process.poll() is None

    def spans(self, text: str) -> list[list[int]] | None:
        """The token spans of `text`, or None when the helper is gone (the caller then does it)."""
        answers = self.spans_many([text])
        return None if answers is None else answers[0]

    def spans_many(self, texts: list[str]) -> list[list[list[int]]] | None:
        """The token spans of each of `texts`, in one exchange; None when the helper is gone."""
        request = [len(texts).to_bytes(_HEADER, "big")]
        for text in texts:
            data = text.encode("utf-8", "surrogatepass")
            request += [len(data).to_bytes(_HEADER, "big"), data]
        with self._lock:
            if self._broken:
                return None
            stdin, stdout = self._process.stdin, self._process.stdout
            assert stdin is not None and stdout is not None
            payloads: list[bytes] = []
            self._busy_since = time.monotonic()
            try:
                stdin.write(b"".join(request))
                stdin.flush()
                for _ in texts:
                    payload = _read_frame(stdout)
                    if payload is None or len(payload) % (2 * _ITEM):
                        break
                    payloads.append(payload)
            except (OSError, ValueError):
                pass
            self._busy_since = None
            if len(payloads) < len(texts):
                self._give_up()
                return None
        answers = []
        for payload in payloads:
            flat = array("i")
            flat.frombytes(payload)
            values = flat.tolist()
            answers.append([values[i : i + 2] for i in range(0, len(values), 2)])
        return answers

    def _give_up(self) -> None:
        self._broken = True
        self._process.kill()
        self._process.wait()

    def close(self) -> None:
        """End the helper: closing its input ends its loop; kill it if it does not go at once."""
        self._broken = True  # not under the lock: an exchange in another thread may hold it
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except (OSError, ValueError):  # in use by an exchange that will now give up
                    pass
        try:
            self._process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


_helper: TokenizerHelper | None = None


def start_helper() -> TokenizerHelper | None:
    """Start the helper process and send the checks to it; None if it cannot start."""
    global _helper
    if _helper is not None:
        if _helper.alive:
            return _helper
        _helper.close()  # a helper that died: let go of its pipes before starting another
    try:
        _helper = TokenizerHelper()
    except OSError:  # no fork allowed, no executable: spaCy will load in this process
        _helper = None
    return _helper


def stop_helper() -> None:
    """End the helper (the app calls this as it closes); later checks tokenize here."""
    global _helper
    helper, _helper = _helper, None
    if helper is not None:
        helper.close()


def helper_running() -> bool:
    return _helper is not None and _helper.alive


#: Answers fetched ahead by `prefetch`, taken (once) by `token_spans`.
_prefetched: dict[str, list[list[int]]] = {}
_PREFETCH_LIMIT = 20_000


def prefetch(texts: list[str]) -> None:
    """Ask the helper for many texts in one exchange (a letter's new paragraphs), so that the
    `token_spans` calls that follow need no round trip each. Does nothing without a helper."""
    helper = _helper
    if helper is None or len(texts) < 2:
        return
    answers = helper.spans_many(texts)
    if answers is None:
        return
    if len(_prefetched) > _PREFETCH_LIMIT:  # fetched and never asked for: do not grow forever
        _prefetched.clear()
    _prefetched.update(zip(texts, answers, strict=True))


def token_spans(text: str) -> list[list[int]]:
    """[start, followed by a space] of each token of `text`, from the helper if there is one."""
    helper = _helper
    if helper is not None:
        spans = _prefetched.pop(text, None)
        if spans is None:
            spans = helper.spans(text)
        if spans is not None:
            return spans
    return spans_in_process(text)


def serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """The helper's loop: load spaCy, then answer each batch of texts until the input closes."""
    from letters.checks import resources

    resources.tokenizer()
    while (header := source.read(_HEADER)) and len(header) == _HEADER:
        # Read the whole batch before answering: the asker writes it all before it reads, so
        # answering early could fill both pipes and leave each side waiting for the other.
        texts = []
        for _ in range(int.from_bytes(header, "big")):
            request = _read_frame(source)
            if request is None:
                return
            texts.append(request.decode("utf-8", "surrogatepass"))
        for text in texts:
            flat = array("i", [value for row in spans_in_process(text) for value in row])
            _write_frame(sink, flat.tobytes())


if __name__ == "__main__":
    try:
        serve(sys.stdin.buffer, sys.stdout.buffer)
    except (KeyboardInterrupt, BrokenPipeError):
        pass
