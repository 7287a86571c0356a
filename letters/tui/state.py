"""Where the IRO was: the last letter and section open, the last export folder, the last IRO name.

A small JSON file in the user's data folder, keyed by database so that two databases do not share
a "last letter". It holds ids and a folder path, never letter text. Reading a missing or damaged
file gives empty state (it is a convenience, not a record); writing is atomic and 0600.
This module must not import Textual: it is plain data and file handling.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(slots=True)
class PlaceState:
    """What to restore when the app opens on the same database."""

    letter_id: int | None = None
    section: str | None = None
    export_dir: str | None = None
    iro: str | None = None


def state_path() -> Path:
    """`app-state.json` in the user's data folder (the same folder as the default database)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("letters", appauthor=False)) / "app-state.json"


class StateFile:
    """Read and write `PlaceState` for one database key in one JSON file."""

    def __init__(self, key: str, path: Path | None = None) -> None:
        self.key = key
        self.path = path or state_path()

    def _read_all(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self) -> PlaceState:
        raw = self._read_all().get(self.key)
        if not isinstance(raw, dict):
            return PlaceState()
        state = PlaceState()
        letter_id = raw.get("letter_id")
        state.letter_id = letter_id if isinstance(letter_id, int) else None
        for name in ("section", "export_dir", "iro"):
            value = raw.get(name)
            setattr(state, name, value if isinstance(value, str) else None)
        return state

    def save(self, state: PlaceState) -> None:
        """Write atomically; a failure to remember the place is not worth interrupting the IRO."""
        data = self._read_all()
        data[self.key] = asdict(state)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".app-state-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, indent=1)
                os.chmod(tmp, 0o600)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
