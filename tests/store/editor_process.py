"""A separate process that uses the store as an editor would, for tests that need real processes.

python -m tests.store.editor_process URL LETTER_ID journal TEXT
    appends TEXT to the letter's Hello section in this process's journal row, prints "ready"
    and waits to be killed (as an app killed while the IRO types);
python -m tests.store.editor_process URL LETTER_ID edits NAME COUNT
    COUNT times: reads the letter, appends "[NAME k]" to Hello, saves; when told the letter
    changed elsewhere, reloads and does the edit again. Prints one line per refusal and "done".
"""

from __future__ import annotations

import sys
import time

from letters.store import LetterChangedElsewhere, open_store


def journal(url: str, letter_id: int, text: str, person: str | None) -> None:
    with open_store(url, person=person) as store:
        letter = store.get(letter_id)
        hello = letter.section("hello")
        assert hello is not None
        hello.text += text
        store.write_journal(letter)
        print("ready", flush=True)
        while True:
            time.sleep(60)


def edits(url: str, letter_id: int, name: str, count: int) -> None:
    with open_store(url, person=name) as store:
        print("started", flush=True)
        sys.stdin.readline()  # wait for the test to start both editors together
        for k in range(count):
            while True:
                letter = store.get(letter_id)
                hello = letter.section("hello")
                assert hello is not None
                hello.text += f" [{name} {k}]"
                try:
                    store.save(letter)
                    break
                except LetterChangedElsewhere as exc:
                    print(f"refused kept={exc.kept}", flush=True)
        print("done", flush=True)


if __name__ == "__main__":
    url, letter_id, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "journal":
        journal(url, letter_id, sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None)
    else:
        edits(url, letter_id, sys.argv[4], int(sys.argv[5]))
