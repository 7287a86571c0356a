"""Each letter's audit facts, worked out by the checking engine once per saved version.

`FactsCache` keeps facts in memory for the life of a service and in the `audit_facts` table
between runs: a row is valid while the letter's version (when its revision was saved) and the
engine's fingerprint (its code, data and the config) are unchanged. A big batch (a year) is checked
in several processes. Reads and writes go through `Store.transaction`; a cache that cannot be
written (a read-only database) only makes the next export slower. Must not log: facts hold names.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select

from letters.audit.evidence import LetterFacts, facts_for, facts_from_json, facts_to_json
from letters.audit.tables import FactsRow
from letters.config import Config
from letters.errors import UserError
from letters.model import Letter

if TYPE_CHECKING:
    from letters.store import LetterSummary, Store

#: From this many letters to check, the engine runs in several processes (a year, not a month:
#: starting the processes and loading the engine in each costs about two seconds).
PARALLEL_FROM = 600

#: The shape of cached facts; bump it when LetterFacts changes so old cache rows are ignored.
#: 3: jargon as written, people, own words, UASC, review dates; 4: the verdict; 5: the review's
#: previous date, late reason and decisions circulated (format 2 letters); 6: the verdict's years
#: over, band and whether the formulas disagree; places about the child are sentences; 8: own words
#: include the named ones (what the child calls their carers, home...), not only the others.
FACTS_FORMAT = 8


def _facts_job(job: tuple[Letter, str], config: Config) -> LetterFacts:
    """One letter's facts, in a worker process."""
    from letters.checks import check_letter

    letter, ref = job
    return facts_for(letter, check_letter(letter, config.checks), config, ref)


def _version(updated_at: datetime) -> str:
    """A letter's version for the cache: when its current revision was saved (UTC)."""
    return updated_at.astimezone(UTC).replace(tzinfo=None).isoformat()


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _files(folder: Any) -> Iterator[Any]:
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _files(entry)
        elif not entry.name.endswith(".pyc"):
            yield entry


class FactsCache:
    """Facts of letters, from memory, the database's cache, or the engine (in that order)."""

    def __init__(self, store: Store, config: Config, ref: Callable[[Letter], str]) -> None:
        self.store = store
        self.config = config
        self._ref = ref
        self._memory: dict[tuple[int, datetime | None], LetterFacts] = {}
        self._fingerprint: str | None = None

    def facts(self, letter: Letter) -> LetterFacts:
        """The audit's facts about a letter (the engine is run once per saved version)."""
        key = (letter.id or 0, letter.updated_at)
        if key not in self._memory:
            self._memory[key] = _facts_job((letter, self._ref(letter)), self.config)
        return self._memory[key]

    def many(self, letters: Sequence[Letter]) -> list[LetterFacts]:
        """Facts for many letters; a big batch (a year) is checked in parallel processes."""
        todo = [x for x in letters if (x.id or 0, x.updated_at) not in self._memory]
        workers = min(4, os.cpu_count() or 1)
        if len(todo) >= PARALLEL_FROM and workers > 1:
            jobs = [(x, self._ref(x)) for x in todo]
            try:
                # "spawn", not "fork": the app calls this from a worker thread, and forking a
                # process with threads can deadlock the child.
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(workers, mp_context=context) as pool:
                    done = list(
                        pool.map(
                            partial(_facts_job, config=self.config),
                            jobs,
                            chunksize=max(1, len(jobs) // (workers * 4)),
                        )
                    )
            except (OSError, BrokenProcessPool):  # no processes allowed here: check one by one
                done = []
            for letter, facts in zip(todo, done, strict=False):
                self._memory[(letter.id or 0, letter.updated_at)] = facts
        return [self.facts(x) for x in letters]

    def fingerprint(self) -> str:
        """What the facts depend on besides the letter: the engine's code and data, the config."""
        if self._fingerprint is None:
            from importlib import resources

            digest = hashlib.sha256(
                f"{FACTS_FORMAT}|{self.config.checks!r}|{self.config.authority!r}".encode()
            )
            root = resources.files("letters.checks")
            for path in sorted(_files(root), key=str):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
            if self.config.checks.lexicon:
                try:
                    digest.update(Path(self.config.checks.lexicon).expanduser().read_bytes())
                except OSError:
                    pass  # the engine reports an unreadable lexicon when it checks
            self._fingerprint = digest.hexdigest()
        return self._fingerprint

    def cached(self, summaries: Sequence[LetterSummary]) -> list[LetterFacts]:
        """Facts for listed letters, from the cache where the letter and engine are unchanged.

        Letters not in the cache are read and checked, and their facts saved for next time.
        """
        fingerprint = self.fingerprint()
        versions = {s.id: _version(s.updated_at) for s in summaries}
        found: dict[int, LetterFacts] = {}
        with self.store.transaction(write=False) as conn:
            for chunk in _chunks(list(versions), 500):
                for row in conn.execute(
                    select(FactsRow.letter_id, FactsRow.letter_version, FactsRow.facts).where(
                        FactsRow.letter_id.in_(chunk), FactsRow.fingerprint == fingerprint
                    )
                ):
                    if row.letter_version == versions[row.letter_id]:
                        try:
                            found[row.letter_id] = facts_from_json(row.facts)
                        except ValueError:
                            continue  # an unreadable row is worked out again and replaced
        missing = [self.store.get(i) for i in versions if i not in found]
        fresh = self.many(missing)
        if fresh:
            rows = [
                {
                    "letter_id": f.letter_id,
                    "letter_version": versions[f.letter_id],
                    "fingerprint": fingerprint,
                    "facts": facts_to_json(f),
                }
                for f in fresh
            ]
            try:
                with self.store.transaction(write=True) as conn:
                    for chunk in _chunks([f.letter_id for f in fresh], 500):
                        conn.execute(delete(FactsRow).where(FactsRow.letter_id.in_(chunk)))
                    conn.execute(insert(FactsRow), rows)
            except UserError:
                pass  # see the class docstring: the export goes on without the cache
            found.update((f.letter_id, f) for f in fresh)
        return [found[s.id] for s in summaries]
