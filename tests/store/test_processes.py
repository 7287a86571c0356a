"""Two real processes saving one letter at the same time lose nothing and overwrite nothing, on
one SQLite file and on one PostgreSQL database.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from letters.demo import demo_letter
from letters.store import open_store

REPO = Path(__file__).resolve().parents[2]
EDITS = 15


def test_two_processes_editing_one_letter_keep_every_edit(store_url: str) -> None:
    with open_store(store_url) as store:
        letter_id = store.add(demo_letter())
    editors = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.store.editor_process",
                store_url,
                str(letter_id),
                "edits",
                name,
                str(EDITS),
            ],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    for editor in editors:
        assert editor.stdout is not None and editor.stdout.readline().strip() == "started"
    for editor in editors:  # both go at once
        assert editor.stdin is not None
        editor.stdin.write("go\n")
        editor.stdin.flush()
    outputs = [editor.communicate(timeout=300)[0] for editor in editors]
    assert [editor.returncode for editor in editors] == [0, 0], outputs
    assert all(out.strip().endswith("done") for out in outputs)
    refusals = sum(out.count("refused") for out in outputs)
    with open_store(store_url) as store:
        text = store.get(letter_id).section("hello").text  # type: ignore[union-attr]
        for name in ("one", "two"):
            assert all(f"[{name} {k}]" in text for k in range(EDITS)), name
        history = store.history(letter_id)
        kinds = [r.kind for r in history]
        assert kinds.count("edit") == 1 + 2 * EDITS
        assert kinds.count("kept") == refusals  # every refused save is in the history
        assert {r.author for r in history if r.kind != "kept"} >= {"one", "two"}
