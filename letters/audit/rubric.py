"""The audit rubric as data: load the built-in `rubric.toml` or an authority's own, and validate it.

A rubric is a list of questions, each with an id, the text the auditor reads and, optionally, the
kind of evidence the software pre-fills (`EVIDENCE_KINDS`). This module only reads and checks the
file; it must not compute evidence (that is `evidence.py`) or touch the database.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from letters.config import Config
from letters.errors import UserError

#: The evidence the software knows how to pre-fill, with what each one looks at.
EVIDENCE_KINDS: dict[str, str] = {
    "addressed-to-child": "the letter says 'you' to the child",
    "reading-age": "reading age against the child's target",
    "jargon": "jargon and unexplained acronyms, per 100 words",
    "own-words": "the child's views are there, in their own words",
    "going-well-worries": "what is going well and the worries are both there",
    "decisions": "decisions missing who or by when",
    "on-time": "working days from the meeting to the letter being sent",
    "participation": "participation code recorded and consistent with age",
    "personal-data": "phone numbers, emails, addresses, dates of birth in the letter",
}

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RubricError(UserError):
    """The rubric file cannot be used; the message names the file and the question."""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    evidence: str | None = None  # one of EVIDENCE_KINDS, or None: the auditor alone answers


@dataclass(frozen=True, slots=True)
class Rubric:
    questions: tuple[Question, ...]
    source: str  # where it was read from, for messages

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise RubricError(
            f"'{qid}' is not a question in the rubric ({self.source}); questions: {', '.join(self.ids)}."
        )

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


def parse_rubric(data: dict[str, Any], source: str) -> Rubric:
    """Validate parsed TOML and build a Rubric; every problem names the file and the question."""
    unknown_top = set(data) - {"question"}
    if unknown_top:
        raise RubricError(
            f"{source}: unknown key {', '.join(sorted(unknown_top))}; "
            "the rubric holds only [[question]] tables."
        )
    raw = data.get("question")
    if not isinstance(raw, list) or not raw:
        raise RubricError(f"{source}: no questions; add at least one [[question]] with id and text.")
    questions: list[Question] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, start=1):
        where = f"{source}: question {n}"
        if not isinstance(item, dict):
            raise RubricError(f"{where}: expected a [[question]] table.")
        extra = set(item) - {"id", "text", "evidence"}
        if extra:
            raise RubricError(f"{where}: unknown key {', '.join(sorted(extra))} (keys: id, text, evidence).")
        qid, text, evidence = item.get("id"), item.get("text"), item.get("evidence")
        if not isinstance(qid, str) or not _ID.match(qid):
            raise RubricError(f"{where}: id must be lower-case letters, digits and hyphens (got {qid!r}).")
        where = f"{source}: question '{qid}'"
        if qid in seen:
            raise RubricError(f"{where}: the id is used twice; give each question its own id.")
        seen.add(qid)
        if not isinstance(text, str) or not text.strip():
            raise RubricError(f"{where}: text is missing; write the question the auditor answers.")
        if evidence is not None and evidence not in EVIDENCE_KINDS:
            raise RubricError(
                f"{where}: evidence '{evidence}' is unknown; use one of "
                f"{', '.join(EVIDENCE_KINDS)}, or leave it out."
            )
        questions.append(Question(qid, text.strip(), evidence))
    return Rubric(tuple(questions), source)


def load_rubric(config: Config | None = None, path: Path | None = None) -> Rubric:
    """The rubric from `path`, else from config.audit.rubric, else the built-in one."""
    if path is None and config is not None and config.audit.rubric:
        path = Path(config.audit.rubric).expanduser()
    if path is None:
        text = resources.files("letters.audit").joinpath("rubric.toml").read_text("utf-8")
        source = "built-in rubric"
    else:
        source = str(path)
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            raise RubricError(
                f"rubric file {path} does not exist; fix [audit] rubric in the config file."
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RubricError(f"cannot read rubric file {path} ({exc}).") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{source}: not valid TOML ({exc}).") from None
    return parse_rubric(data, source)
