"""The sandbox letter templates run in: bounded in time, memory and output, and kept in its folder.

An authority writes its own templates, so a template is input like any other: a mistake in one
(a loop inside a loop, `{{ (10**100000)**100000 }}`, a link to a file elsewhere) must end in a
message, not a hung or swollen process. Jinja's `ImmutableSandboxedEnvironment` already refuses
unsafe attributes and changes to lists and dicts; on top of it every render gets a budget:

- **steps**: each loop pass, call, filter and intercepted operator costs one; a render that uses
  up `MAX_STEPS` stops (a letter needs a few thousand);
- **time**: `SECONDS` of wall-clock time, checked at every step;
- **size**: no value may grow past `MAX_VALUE` characters or items, which is checked *before* an
  operation that could make one (`*`, `**`, `+`, `%`, `~`, join, replace, indent, padding,
  formatting), and the output stops at `MAX_OUTPUT` characters; the sizes made along the way
  add up to at most `MAX_WORK`.

Files are loaded only from inside the template folders, after resolving links, and only regular
files of at most `TEMPLATE_BYTES`. This module knows nothing of letters; `letters.render` uses it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound, TemplateRuntimeError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment

from letters.errors import InputError

MAX_STEPS = 100_000
SECONDS = 3.0
MAX_VALUE = 1_000_000
MAX_OUTPUT = 1_000_000
MAX_WORK = 20_000_000
MAX_INT_BITS = 64_000  # about 19,000 digits; Python will not print an int of more than 4,300
TEMPLATE_BYTES = 256 * 1024

_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format string


class TemplateLimit(TemplateRuntimeError):
    """A template went past a limit of the sandbox; the message says which and what to look for."""


class _Budget:
    __slots__ = ("deadline", "output", "steps", "work")

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.work = MAX_WORK
        self.output = MAX_OUTPUT
        self.deadline = time.monotonic() + SECONDS

    def step(self, size: int = 0) -> None:
        self.steps -= 1
        self.work -= size
        if self.steps < 0:
            raise TemplateLimit(
                f"stopped after {MAX_STEPS:,} steps: look for a loop inside a loop, or a macro that "
                "calls itself"
            )
        if self.work < 0:
            raise TemplateLimit(f"stopped: it made more than {MAX_WORK:,} characters of text on the way")
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"stopped after {SECONDS:g} seconds: look for a loop that does too much")


_local = threading.local()


def _budget() -> _Budget:
    budget: _Budget | None = getattr(_local, "budget", None)
    if budget is None:  # rendering outside `render` (a test, a tool): a budget of its own
        budget = _local.budget = _Budget()
    return budget


def _size(value: Any) -> int:
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    return 0


def _too_big(what: str, size: int) -> TemplateLimit:
    return TemplateLimit(f"{what} would be {size:,} long, over the limit of {MAX_VALUE:,}")


def _check_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"a number of more than {MAX_INT_BITS:,} bits is too large for a letter")


def _check_args(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE:
            raise TemplateLimit(f"the number {arg if arg.bit_length() < 64 else 'given'} is too large here")
        if isinstance(arg, str) and len(arg) > MAX_VALUE:
            raise _too_big("a text", len(arg))


def _lengths(items: Any) -> int:
    if isinstance(items, (list, tuple)):
        return sum(len(i) if isinstance(i, (str, list, tuple)) else 20 for i in items)
    return 0


def _estimate(name: str, subject: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How long the result of an operation that can multiply its input may get, before doing it."""
    rest = [*args, *kwargs.values()]
    text = subject if isinstance(subject, str) else ""
    if name in ("join", "do_join", "sum", "do_sum"):
        sep = next((a for a in rest if isinstance(a, str)), "")
        items = subject if name in ("do_join", "do_sum", "join") and not isinstance(subject, str) else None
        if items is None:
            items = next((a for a in args if isinstance(a, (list, tuple))), ())
            sep = subject if isinstance(subject, str) else sep
        return _lengths(items) + len(sep) * (len(items) if isinstance(items, (list, tuple)) else 0)
    if name in ("replace", "do_replace"):
        new = args[1] if len(args) > 1 else kwargs.get("new", "")
        old = args[0] if args else kwargs.get("old", "")
        if isinstance(new, str) and isinstance(old, str):
            hits = text.count(old) if old else len(text) + 1
            return len(text) + hits * len(new)
    if name in ("indent", "do_indent"):
        width = args[0] if args else kwargs.get("width", 4)
        wide = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        return len(text) + (text.count("\n") + 1) * wide
    if name in ("expandtabs",):
        size = args[0] if args and isinstance(args[0], int) else 8
        return len(text) + text.count("\t") * size
    if name in ("format", "do_format", "format_map", "__mod__"):
        if _WIDTH.search(text):
            raise TemplateLimit("a format string asks for a width or precision of a million or more")
        return len(text) + sum(printed_size(a) for a in rest)
    if name in ("do_string", "do_pprint", "do_tojson", "str", "repr"):
        return printed_size(subject if name.startswith("do_") else (args[0] if args else ""))
    return 0


def printed_size(value: Any, depth: int = 0) -> int:
    """About how long `str(value)` is, worked out without making it (a list may repeat one text).

    Stops counting once past `MAX_VALUE`: the answer is then only "too long".
    """
    if isinstance(value, str):
        return len(value)
    if depth > 20:
        return MAX_VALUE + 1
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        total = 2
        items = value.items() if isinstance(value, dict) else ((v, "") for v in value)
        for key, item in items:
            total += printed_size(key, depth + 1) + printed_size(item, depth + 1) + 4
            if total > MAX_VALUE:
                return total
        return total
    return 20


def check_printable(value: Any) -> None:
    """Refuse to print a value whose text would be over the limit (`{{ [text] * 100000 }}`)."""
    if not isinstance(value, str) and printed_size(value) > MAX_VALUE:
        raise _too_big("the printed value", printed_size(value))


def _bounded(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks its arguments and result against the budget."""

    def run(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        values = [a for a in args if not hasattr(a, "environment")]  # not the context / eval ctx
        _check_args(values[1:])
        _check_args(kwargs.values())
        subject = values[0] if values else None
        guess = _estimate(f"do_{name}", subject, tuple(values[1:]), kwargs)
        if guess > MAX_VALUE:
            raise _too_big(f"the result of |{name}", guess)
        result = func(*args, **kwargs)
        budget.step(_size(result))
        if _size(result) > MAX_VALUE:
            raise _too_big(f"the result of |{name}", _size(result))
        return result

    run.__dict__.update(getattr(func, "__dict__", {}))  # keep Jinja's pass_context / pass_eval_context marks
    run.__wrapped__ = func  # type: ignore[attr-defined]
    return run


class _Generator(CodeGenerator):
    """Compiles loops and `~` so that each pass and each join is charged to the budget."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_iter"), [node.iter], [], None, None)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


#: Jinja's filters whose result is never much longer than their input and that take no size: they
#: run unwrapped (each wrapper costs a few microseconds, and a letter calls filters hundreds of
#: times). Every other filter is checked before and after it runs.
_LINEAR_FILTERS = frozenset(
    {
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "float",
        "forceescape",
        "int",
        "last",
        "length",
        "lower",
        "reverse",
        "round",
        "safe",
        "striptags",
        "title",
        "trim",
        "upper",
        "wordcount",
    }
)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a budget per render (see the module docstring).

    `plain_types` are the caller's own data classes: their public attributes are read without
    the sandbox's slower checks for Python internals (they have none, and mutate nothing).
    """

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, *, plain_types: tuple[type, ...] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plain_types = frozenset(plain_types)
        self.filters = {
            name: f if name in _LINEAR_FILTERS else _bounded(name, f) for name, f in self.filters.items()
        }

    def add_filters(self, *, linear: bool = False, **filters: Callable[..., Any]) -> None:
        """Add filters; `linear=True` for ones whose result is about as long as their input."""
        self.filters.update({name: f if linear else _bounded(name, f) for name, f in filters.items()})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj) in self.plain_types:
            return not attr.startswith("_")
        return super().is_safe_attribute(obj, attr, value)

    # -- what compiled templates call ----------------------------------------------------------

    def bounded_iter(self, iterable: Any) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.step()
            yield item

    def bounded_concat(self, parts: tuple[Any, ...]) -> str:
        size = sum(printed_size(p) for p in parts)
        if size > MAX_VALUE:
            raise _too_big("the text joined with ~", size)
        texts = [p if isinstance(p, str) else str(p) for p in parts]
        _budget().step(size)
        return "".join(texts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.step()
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and ints and right > 0 and abs(left) > 1:
            if left.bit_length() * right > MAX_INT_BITS:
                raise TemplateLimit(f"{operator} would make a number of more than {MAX_INT_BITS:,} bits")
        elif operator == "*" and ints:
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateLimit(f"* would make a number of more than {MAX_INT_BITS:,} bits")
        elif operator == "*":
            count = left if isinstance(right, (str, list, tuple)) else right
            if isinstance(count, int) and not isinstance(count, bool):
                size = _size(right if count is left else left) * max(count, 0)
                if size > MAX_VALUE:
                    raise _too_big("the repeated text or list", size)
        elif operator == "+" and _size(left) + _size(right) > MAX_VALUE:
            raise _too_big("the joined text or list", _size(left) + _size(right))
        elif operator == "%" and isinstance(left, str):
            guess = _estimate("__mod__", left, (right,), {})
            if guess > MAX_VALUE:
                raise _too_big("the formatted text", guess)
        result = super().call_binop(context, operator, left, right)
        _check_int(result)
        budget.step(_size(result))
        if _size(result) > MAX_VALUE:
            raise _too_big(f"the result of {operator}", _size(result))
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _budget()
        budget.step()
        _check_args(args)
        _check_args(kwargs.values())
        name = getattr(__obj, "__name__", "")
        # The sandbox hands out str.format wrapped; the format string is the wrapped method's self.
        bound = getattr(__obj, "__self__", None) or getattr(
            getattr(__obj, "__wrapped__", None), "__self__", None
        )
        guess = _estimate(name, bound, args, kwargs)
        if guess > MAX_VALUE:
            raise _too_big(f"the result of {name}()", guess)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_int(result)
        budget.step(_size(result))
        if _size(result) > MAX_VALUE:
            raise _too_big(f"the result of {name or 'a call'}()", _size(result))
        return result


def render(template: Any, context: dict[str, Any]) -> str:
    """Render with a fresh budget; `TemplateLimit` (with the template's line) when one runs out."""
    budget = _local.budget = _Budget()
    out: list[str] = []
    try:
        for chunk in template.generate(context):
            budget.output -= len(chunk)
            if budget.output < 0:
                raise TemplateLimit(
                    f"the letter it makes is over {MAX_OUTPUT:,} characters: look for a loop that "
                    "repeats the letter"
                )
            out.append(chunk)
    finally:
        _local.budget = None
    return "".join(out)


class FolderLoader(BaseLoader):
    """Templates from folders searched in order, each file kept inside its folder.

    A name is looked up in each folder in turn; the file it resolves to (links followed) must be
    inside that folder, be a regular file and be at most `TEMPLATE_BYTES`, or it is refused with
    a message, never read. A file is re-read when its modification time changes.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [f.resolve() for f in folders]

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from letters.textio import read_text

        for folder in self.folders:
            candidate = folder.joinpath(*[p for p in template.split("/") if p not in ("", ".")])
            if not (candidate.exists() or candidate.is_symlink()):
                continue
            real = candidate.resolve()
            if not real.is_relative_to(folder):
                raise InputError(
                    f"template {candidate}: it leads outside the template folder {folder} (to {real}); "
                    "copy the file into the folder instead of linking to it"
                )
            text = read_text(real, limit=TEMPLATE_BYTES, what="template")
            mtime = real.stat().st_mtime
            return text, str(real), lambda real=real, mtime=mtime: _unchanged(real, mtime)
        raise TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False
