"""Render a letter from Jinja2 templates (the writing prompts are in `letters.prompts`).

The templates in `letters/templates/` (or an authority's folder named by
`config.authority.template_dir`, searched first) produce a small line-based markup described at the
top of `child_letter.txt.j2`. `render_child_blocks` / `render_adult_blocks` parse it into `Block`
values: the Word export lays those out, and `render_child_text` / `render_adult_text` join them into
the plain text the app previews, so the preview and the Word file hold the same words.

Templates are user input (an authority edits them), so they run in `letters.sandbox` (bounded in
time, memory and output; files only from inside the template folders) with strict undefined
variables, and any failure becomes a `TemplateProblem` naming the file, line and reason. This module
must not import python-docx or Textual, touch storage, or write files.
"""

from __future__ import annotations

import functools
import re
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError

from letters import sandbox
from letters.config import Config
from letters.errors import InputError
from letters.letter_words import decision_for_child, signer, signs_off
from letters.model import (
    PARTICIPATION,
    SINCE_LAST,
    Child,
    Decision,
    FollowUp,
    GlossaryEntry,
    Letter,
    Meeting,
    Person,
    Section,
)
from letters.prompts import BUILTIN_DIR, TemplateProblem, template_dir

CHILD_TEMPLATE = "child_letter.txt.j2"
ADULT_TEMPLATE = "adult_copy.txt.j2"

_DEFAULT_MEETING_NAME = str(Meeting.__dataclass_fields__["called"].default)

# Characters that mean something in the markup. Values printed by a template are escaped with a
# backslash so that a letter's own text ("# of visits", "a | b") is never read as markup.
_MARKUP_CHARS = re.compile(r"[\\#•|~=]")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
# An IRO may write the greeting and the signature into the hello and goodbye sections themselves;
# the template then leaves out its own so the child does not read them twice.
_GREETING = re.compile(r"(dear|hello|hi|hiya)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Block:
    """One line of rendered letter: what kind of thing it is and its exact text."""

    kind: str  # "title", "heading", "paragraph", "bullet", "row", "header", "term", "photo", "page_break"
    text: str = ""  # for rows, the cells joined by " | "
    cells: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------- filters


def _long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _day_date(value: date) -> str:
    return f"{value:%A} {_long_date(value)}"


def _upper_first(value: str) -> str:
    return value[:1].upper() + value[1:]


def _sentence(value: str) -> str:
    value = value.rstrip()
    return value if not value or value[-1] in ".!?\"'”’)" else value + "."


def _cell(value: str) -> str:
    """One line of text, for a table cell or a bullet."""
    return " ".join(str(value).split("\n")).strip()


def _finalize(value: Any) -> str:
    if value is None:
        return ""
    sandbox.check_printable(value)
    return _MARKUP_CHARS.sub(lambda m: "\\" + m.group(0), str(value))


# ------------------------------------------------------------------------------------ environment


@functools.lru_cache(maxsize=8)
def _environment(folder: Path | None) -> sandbox.BoundedEnvironment:
    # Cached per folder: compiling templates costs more than rendering them. Jinja's loader still
    # notices when an authority edits a template file; the built-in templates change only with
    # the program, so without an authority folder they are not looked at again once compiled.
    env = sandbox.BoundedEnvironment(
        loader=sandbox.FolderLoader([folder, BUILTIN_DIR] if folder else [BUILTIN_DIR]),
        plain_types=(Letter, Child, Meeting, Person, Decision, Section, FollowUp, GlossaryEntry),
        auto_reload=folder is not None,
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.add_filters(
        linear=True,  # ours: each returns about the text it was given
        long_date=_long_date,
        day_date=_day_date,
        upper_first=_upper_first,
        sentence=_sentence,
        cell=_cell,
    )
    return env


def _problem(exc: Exception, name: str, folders: list[Path]) -> TemplateProblem:
    """Turn any failure inside a template into a message with its file, line and reason."""
    if isinstance(exc, TemplateSyntaxError):
        where, line, reason = exc.filename or exc.name or name, exc.lineno, exc.message or str(exc)
    else:
        where, line = name, None
        # Jinja rewrites tracebacks so template frames carry the template's file and line.
        for frame in traceback.extract_tb(exc.__traceback__):
            path = Path(frame.filename)
            if any(path.is_relative_to(folder) for folder in folders):
                where, line = frame.filename, frame.lineno
        message = getattr(exc, "message", None) or str(exc)
        reason = message if isinstance(exc, TemplateError) else f"{type(exc).__name__}: {message}"
    at = f", line {line}" if line else ""
    return TemplateProblem(f"template {where}{at}: {reason}")


def _render(template_name: str, letter: Letter, config: Config) -> str:
    folder = template_dir(config)
    folders = [p.resolve() for p in (folder, BUILTIN_DIR) if p is not None]
    name = template_name
    try:
        template = _environment(folder).get_template(template_name)
        name = template.filename or template_name
        return sandbox.render(template, _context(letter, config))
    except InputError as exc:  # a file the loader refused: its message names it
        raise TemplateProblem(str(exc)) from None
    except RecursionError:
        raise TemplateProblem(
            f"template {name}: stopped: macros or includes call each other without end"
        ) from None
    except Exception as exc:  # an authority's template can fail in any way: report, never crash
        raise _problem(exc, name, folders) from None


def meeting_name(letter: Letter, config: Config) -> str:
    """What the letter calls the meeting: the letter's own name, else the authority's."""
    called = letter.meeting.called.strip()
    return called if called and called != _DEFAULT_MEETING_NAME else config.authority.meeting_name


def _edge_line(letter: Letter, key: str, last: bool) -> str:
    section = letter.section(key)
    if section is None or not section.included:
        return ""
    lines = [line.strip() for line in section.text.splitlines() if line.strip()]
    return (lines[-1] if last else lines[0]) if lines else ""


def _greeted(letter: Letter) -> bool:
    """The hello section starts with a greeting that names the child ("Dear Ellie,")."""
    first = _edge_line(letter, "hello", last=False)
    name = letter.child.name.strip().lower()
    return bool(_GREETING.match(first)) and bool(name) and name in first.lower()


def _signed(letter: Letter) -> bool:
    """The goodbye section ends with a sign-off line ("From Priya", "Take care, Sam")."""
    return signs_off(_edge_line(letter, "goodbye", last=True), letter)


def _context(letter: Letter, config: Config) -> dict[str, Any]:
    from letters.followup import followup_words

    decisions = [d for d in letter.decisions if d.what.strip()]
    followups = [f for f in letter.followups if f.what.strip()]
    lists = {"decisions": bool(decisions), SINCE_LAST: bool(followups)}
    shown = [s for s in letter.sections if s.included and (s.text.strip() or lists.get(s.key, False))]
    since = letter.section(SINCE_LAST)
    code = letter.meeting.participation
    return {
        "letter": letter,
        "child": letter.child,
        "meeting": letter.meeting,
        "meeting_name": meeting_name(letter, config),
        "age": letter.child_age,
        "sections": shown,
        "decisions": decisions,
        # Each decision of the last letter and what happened, as the child reads it (and the
        # adults, with the outcome): only when the letter shows its "since your last meeting".
        "followups_for_child": [followup_words(f, letter) for f in followups],
        "followups": [(f, str(f.outcome)) for f in followups] if since and since.included else [],
        "glossary": [g for g in letter.glossary if g.word.strip() and g.text.strip()],
        "decisions_for_child": [decision_for_child(d, letter) for d in decisions],
        "signer": signer(letter),
        "attended": [p for p in letter.people if p.attended],
        "copies": [p for p in letter.people if p.gets_copy],
        "participation": code,
        "participation_meaning": PARTICIPATION.get(code or "", "not a known code"),
        "review_kind": str(letter.meeting.review_kind),
        "greeted": _greeted(letter),
        "signed": _signed(letter),
    }


# ----------------------------------------------------------------------------------------- markup


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _cells(text: str) -> tuple[str, ...]:
    """Split a table row on unescaped "|" and unescape each cell."""
    cells: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == "|":
            cells.append("".join(current).strip(" \t"))
            current = []
        else:
            current.append(ch)
    cells.append("".join(current).strip(" \t"))
    return tuple(cells)


def parse_blocks(rendered: str) -> list[Block]:
    """Read the template markup (see child_letter.txt.j2) into blocks; blank lines are dropped."""
    blocks: list[Block] = []
    # Split on real line ends only: str.splitlines would also split on control characters that
    # the export must find and report.
    for raw in rendered.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip(" \t")
        if not line:
            continue
        if line == "~~~":
            blocks.append(Block("page_break"))
        elif line == "~photo":  # the IRO's photo, where the Word file shows it (no words)
            blocks.append(Block("photo"))
        elif line.startswith("# "):
            blocks.append(Block("title", _unescape(line[2:].strip(" \t"))))
        elif line.startswith("## "):
            blocks.append(Block("heading", _unescape(line[3:].strip(" \t"))))
        elif line.startswith("• "):
            blocks.append(Block("bullet", "• " + _unescape(line[2:].strip(" \t"))))
        elif line.startswith("= "):  # a word and what it means (the glossary page)
            cells = _cells(line[2:])
            word, meaning = cells[0], " | ".join(cells[1:])
            blocks.append(Block("term", f"{word}: {meaning}" if meaning else word, (word, meaning)))
        elif line.startswith(("|! ", "| ")):
            header = line.startswith("|!")
            cells = _cells(line[2:])
            blocks.append(Block("header" if header else "row", " | ".join(cells), cells))
        else:
            blocks.append(Block("paragraph", _unescape(line)))
    return blocks


def blocks_to_text(blocks: list[Block]) -> str:
    """Plain text: a blank line between blocks, none inside a list or a table."""
    grouped = {"bullet": "bullet", "row": "table", "header": "table"}
    out: list[str] = []
    previous: str | None = None
    for block in blocks:
        if block.kind in ("page_break", "photo"):
            previous = None
            continue
        group = grouped.get(block.kind)
        if out:
            out.append("\n" if group is not None and group == previous else "\n\n")
        out.append(block.text)
        previous = group
    return "".join(out) + "\n" if out else ""


# ------------------------------------------------------------------------------------- public API


def render_child_blocks(letter: Letter, config: Config) -> list[Block]:
    return parse_blocks(_render(CHILD_TEMPLATE, letter, config))


def render_adult_blocks(letter: Letter, config: Config) -> list[Block]:
    return parse_blocks(_render(ADULT_TEMPLATE, letter, config))


def render_child_text(letter: Letter, config: Config) -> str:
    """The child's letter as plain text (the words of the child's Word file)."""
    return blocks_to_text(render_child_blocks(letter, config))


def render_adult_text(letter: Letter, config: Config) -> str:
    """The adults' copy as plain text: the cover, then the child's letter."""
    return blocks_to_text(render_adult_blocks(letter, config))
