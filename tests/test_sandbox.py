"""An authority's template cannot hang the program, fill its memory, or read files outside its folder."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from letters import sandbox
from letters.config import AuthorityConfig, Config
from letters.demo import demo_letter
from letters.prompts import TemplateProblem, prompt_for
from letters.render import render_adult_text, render_child_text


def authority(folder: Path) -> Config:
    return Config(authority=AuthorityConfig(template_dir=str(folder)))


def refusal(folder: Path, body: str) -> tuple[str, float, int]:
    """The message, the seconds it took and the peak memory (bytes) of rendering `body`."""
    folder.mkdir(exist_ok=True)
    (folder / "child_letter.txt.j2").write_text("# Letter\n" + body + "\n")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(TemplateProblem) as info:
            render_child_text(demo_letter(), authority(folder))
        return str(info.value), time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("{{ (10**100000)**100000 }}", "** would make a number of more than 64,000 bits"),
        ("{{ 'x' * 10**9 }}", "the repeated text or list would be 1,000,000,000 long"),
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "stopped after 100,000 steps: look for a loop inside a loop",
        ),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(80) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "the text joined with ~ would be 1,048,576 long",
        ),
        ("{{ (['x' * 900000] * 1000)|join }}", "the result of |join would be 900,000,000 long"),
        ("{{ ['x' * 900000] * 100000 }}", "the printed value would be"),
        ("{{ 'x'|center(10**9) }}", "the number 1000000000 is too large here"),
        ("{{ '{:>999999999}'.format(1) }}", "a format string asks for a width or precision of a million"),
        ("{{ ('a\\n' * 500000)|indent(1000) }}", "the result of |indent would be"),
        ("{% set l = [] %}{{ l.append(1) }}", "access to attribute 'append' of 'list' object is unsafe"),
        (
            "{% macro f(n) %}{% if n %}{% set a = f(n - 1) %}{% set b = f(n - 1) %}{% endif %}"
            "{% endmacro %}{{ f(60) }}",
            "stopped after",
        ),
    ],
)
def test_a_hostile_template_is_stopped_with_its_file_and_line(
    tmp_path: Path, body: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The step and size budgets must stop these, whatever the machine's load: the time budget is
    # set out of the way here (tracemalloc slows rendering severalfold) and tested on its own below.
    monkeypatch.setattr(sandbox, "SECONDS", 600.0)
    message, seconds, peak = refusal(tmp_path / "t", body)
    assert message.startswith(f"template {(tmp_path / 't' / 'child_letter.txt.j2').resolve()}, line 2: ")
    assert reason in message
    assert seconds < 60  # stopped by a budget, not left to run
    assert peak < 64 * 1024 * 1024


def test_a_slow_template_is_stopped_by_the_time_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "SECONDS", 0.01)
    body = "{% for a in range(300) %}{% for b in range(300) %}{% endfor %}{% endfor %}"  # 90,000 steps
    message, seconds, _ = refusal(tmp_path / "t", body)
    assert "stopped after 0.01 seconds: look for a loop that does too much" in message
    assert seconds < 30


def test_a_macro_calling_itself_is_a_message(tmp_path: Path) -> None:
    message, _, _ = refusal(tmp_path / "t", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")
    assert message.endswith("child_letter.txt.j2: stopped: macros or includes call each other without end")


def test_a_letter_that_would_be_enormous_is_refused(tmp_path: Path) -> None:
    message, _, _ = refusal(tmp_path / "t", "{% for i in range(1000) %}{{ 'x' * 999999 }}{% endfor %}")
    assert message.endswith(
        "child_letter.txt.j2: the letter it makes is over 1,000,000 characters: look for a loop that "
        "repeats the letter"
    )


def test_a_template_linking_outside_its_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Not for the child's letter.\n")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "child_letter.txt.j2").symlink_to(secret)
    with pytest.raises(TemplateProblem) as info:
        render_child_text(demo_letter(), authority(folder))
    assert "it leads outside the template folder" in str(info.value)
    assert "Not for the child" not in str(info.value)
    # An include through a link is refused the same way, and so is a path out of the folder.
    (folder / "child_letter.txt.j2").unlink()
    (folder / "part.j2").symlink_to(secret)
    (folder / "child_letter.txt.j2").write_text('{% include "part.j2" %}\n')
    with pytest.raises(TemplateProblem, match="part.j2: it leads outside the template folder"):
        render_child_text(demo_letter(), authority(folder))
    (folder / "child_letter.txt.j2").write_text('{% include "../secret.txt" %}\n')
    with pytest.raises(TemplateProblem, match="secret.txt"):
        render_child_text(demo_letter(), authority(folder))


def test_a_link_inside_the_folder_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "ours.j2").write_text("# Our letter for {{ child.name }}\n")
    (folder / "child_letter.txt.j2").symlink_to(folder / "ours.j2")
    assert render_child_text(demo_letter(), authority(folder)).startswith("Our letter for Ellie")


def test_a_template_that_is_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    os.mkfifo(folder / "adult_copy.txt.j2")
    with pytest.raises(TemplateProblem, match="is a named pipe, not a template"):
        render_adult_text(demo_letter(), authority(folder))


def test_the_built_in_templates_stay_well_inside_the_budget() -> None:
    letter = demo_letter()
    for section in letter.sections:  # a long letter: every section about 2,000 words
        section.text = ("Ellie said she likes the garden and the dog. " * 440).strip()
    text = render_adult_text(letter, Config())
    assert len(text) > 190_000


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ('[hello]\n"7-11" = { prompt = "x", example = "' + "y" * 5000 + '" }\n', "4,000 characters"),
    ],
)
def test_a_hostile_prompts_file_is_a_message(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "prompts.toml").write_text(content)
    with pytest.raises(TemplateProblem, match=reason):
        prompt_for("hello", 9, authority(tmp_path))


def test_a_prompts_file_linking_outside_its_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[hello]\n"7-11" = { prompt = "p", example = "e" }\n')
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "prompts.toml").symlink_to(outside)
    with pytest.raises(TemplateProblem, match="leads outside the template folder"):
        prompt_for("hello", 9, authority(folder))
