"""The letter as text from the templates, authority overrides, broken templates, and the prompts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from letters.config import AuthorityConfig, Config
from letters.demo import demo_letter
from letters.model import PARTICIPATION, SECTION_SPECS, Decision, Section
from letters.prompts import AGE_BANDS, TemplateProblem, age_band, prompt_for
from letters.render import (
    render_adult_blocks,
    render_adult_text,
    render_child_blocks,
    render_child_text,
)
from tests.export.helpers import synthetic_letter, text_lines

CONFIG = Config()


def authority(folder: Path | None = None, **settings: object) -> Config:
    return Config(
        authority=AuthorityConfig(template_dir=str(folder) if folder else None, **settings)  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------------- the child's text


def test_child_letter_reads_in_order_with_title_greeting_headings_and_sign_off() -> None:
    letter = synthetic_letter()
    lines = text_lines(render_child_text(letter, CONFIG))
    assert lines[0] == "Your meeting on 3 March 2026"
    assert lines[1] == "Dear Zarah,"
    assert lines[2] == "It was good to see you at Maple Court on Tuesday."
    headings = [b.text for b in render_child_blocks(letter, CONFIG) if b.kind == "heading"]
    # Hello and goodbye are the letter's opening and closing, not headed sections.
    assert headings == [s.title for s in SECTION_SPECS if s.key not in ("hello", "goodbye")]
    assert lines[-2:] == [
        "Have fun at football!",
        "From Tomasz Brennan",  # no IRO person entry says how they sign: their name as recorded
    ]


def test_child_letter_keeps_the_childs_own_words_and_lines_exactly() -> None:
    text = render_child_text(synthetic_letter(), CONFIG)
    assert 'You said, "I want my bike back from Dad\'s house."\nYou said school is fine.' not in text
    lines = text_lines(text)
    told = lines.index("What you told us")
    assert lines[told + 1 : told + 3] == [
        'You said, "I want my bike back from Dad\'s house."',
        "You said school is fine.",
    ]


def test_each_decision_is_a_bullet_saying_who_and_when() -> None:
    lines = text_lines(render_child_text(synthetic_letter(), CONFIG))
    bullets = [line for line in lines if line.startswith("• ")]
    assert bullets == [  # once, in words for the child (not "Who: LQ. When: ...")
        "• LQ will get your bike back from Dad's house. This will happen by the end of March.",
        "• Mrs Adeyemi will find a spelling helper before Easter.",
    ]


def test_child_letter_holds_nothing_only_the_adults_should_read() -> None:
    text = render_child_text(synthetic_letter(), CONFIG)
    for adult_only in ("PN1", PARTICIPATION["PN1"], "Copies to", "Lorna Quayle", "Quayle", "Marsh"):
        assert adult_only not in text


def test_left_out_and_empty_sections_are_not_shown() -> None:
    letter = synthetic_letter()
    letter.section("health").included = False  # type: ignore[union-attr]
    letter.section("school").text = "   "  # type: ignore[union-attr]
    text = render_child_text(letter, CONFIG)
    assert "Health" not in text and "dentist" not in text
    assert "School\n" not in text


def test_decisions_heading_shows_for_decisions_without_intro_text() -> None:
    letter = synthetic_letter()
    letter.section("decisions").text = ""  # type: ignore[union-attr]
    lines = text_lines(render_child_text(letter, CONFIG))
    assert lines[lines.index("What we decided") + 1].startswith("• LQ will get your bike back")


def test_an_added_section_and_a_custom_heading_appear_in_the_childs_words() -> None:
    letter = synthetic_letter()
    letter.section("worries").title = "Things that are hard"  # type: ignore[union-attr]
    letter.sections.insert(5, Section("football", "You play on Sundays."))
    lines = text_lines(render_child_text(letter, CONFIG))
    assert "Things that are hard" in lines and "Worries" not in lines
    assert lines[lines.index("Football") + 1] == "You play on Sundays."


def test_greeting_and_signature_written_by_the_iro_are_not_doubled() -> None:
    text = render_child_text(demo_letter(), CONFIG)
    assert text.count("Dear Ellie,") == 1
    assert text.count("From Priya") == 1
    assert "Independent Reviewing Officer" not in text  # the IRO signed it themselves


def test_a_greeting_without_the_childs_name_still_gets_one_with_it() -> None:
    letter = synthetic_letter()
    letter.section("hello").text = "Hello! It was good to see you."  # type: ignore[union-attr]
    assert text_lines(render_child_text(letter, CONFIG))[1:3] == [
        "Dear Zarah,",
        "Hello! It was good to see you.",
    ]


def test_letter_text_is_never_read_as_markup() -> None:
    letter = synthetic_letter()
    tricky = ["# of visits: 3", "## not a heading", "| a | b", "• typed bullet", "~~~", "C:\\x \\#"]
    letter.section("told_us").text = "\n".join(tricky)  # type: ignore[union-attr]
    letter.decisions.append(Decision("Choose | a # name", "Joy", "~ soon"))
    blocks = render_child_blocks(letter, CONFIG)
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    for line in tricky:
        assert line in paragraphs
    assert [b.kind for b in blocks].count("title") == 1
    assert "page_break" not in [b.kind for b in blocks]
    assert "• Joy will choose | a # name by ~ soon." in [b.text for b in blocks]


def test_the_authoritys_meeting_name_is_used_unless_the_letter_names_its_own() -> None:
    config = authority(meeting_name="My Voice Matters")
    letter = synthetic_letter()
    assert render_child_text(letter, config).startswith("My Voice Matters on 3 March 2026\n")
    letter.meeting.called = "your Child in Care review"
    assert render_child_text(letter, config).startswith("Your Child in Care review on 3 March")


# -------------------------------------------------------------------------------- the adults' copy


def test_adults_copy_cover_then_the_childs_letter() -> None:
    letter = synthetic_letter()
    text = render_adult_text(letter, CONFIG)
    lines = text_lines(text)
    assert lines[0] == "Review record: adults' copy"
    for row in (
        "Child | Zarah",
        "Date | Tuesday 3 March 2026",
        "Independent Reviewing Officer | Tomasz Brennan",
        f"Participation | PN1: {PARTICIPATION['PN1']}",
    ):
        assert row in lines
    attended = lines[lines.index("Who attended") + 1 : lines.index("Decisions")]
    assert attended == ["Role | Name", "Social worker | Lorna Quayle", "Foster carer | Joy Ferreira"]
    decisions = lines[lines.index("Decisions") + 1 : lines.index("Copies to")]
    assert decisions == [
        "What | Who | By when",
        "Get your bike back from Dad's house | LQ | the end of March",
        "Find a spelling helper | Mrs Adeyemi | before Easter",
    ]
    copies = lines[lines.index("Copies to") + 1 : lines.index("Your meeting on 3 March 2026")]
    assert copies == [
        "Role | Name",
        "Social worker | Lorna Quayle",
        "Foster carer | Joy Ferreira",
        "Class teacher | Ruth Adeyemi",
    ]
    assert text.endswith(render_child_text(letter, CONFIG))
    assert [b.kind for b in render_adult_blocks(letter, CONFIG)].count("page_break") == 1


def test_adults_copy_says_when_things_are_missing() -> None:
    letter = synthetic_letter()
    letter.people, letter.decisions = [], []
    letter.meeting.participation = None
    lines = text_lines(render_adult_text(letter, CONFIG))
    assert "Participation | Not recorded" in lines
    assert "No one is recorded as attending." in lines
    assert "No decisions are recorded." in lines
    assert "No one is on the distribution list." in lines


# -------------------------------------------------------------------------- authority templates


def test_an_authoritys_template_overrides_the_built_in_one_in_both_versions(tmp_path: Path) -> None:
    (tmp_path / "child_letter.txt.j2").write_text(
        "# Your Review\n\nHi {{ child.name }}!\n{% for s in sections %}\n{{ s.text }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    config = authority(tmp_path)
    letter = synthetic_letter()
    assert text_lines(render_child_text(letter, config))[:2] == ["Your Review", "Hi Zarah!"]
    adult = text_lines(render_adult_text(letter, config))
    assert adult[0] == "Review record: adults' copy"  # built-in cover
    assert "Hi Zarah!" in adult  # the authority's letter inside it


def test_a_template_with_a_syntax_error_names_file_line_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "child_letter.txt.j2"
    path.write_text("# Title\n\nDear {{ child.name }},\n{% for s in sections %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_child_text(synthetic_letter(), authority(tmp_path))
    message = str(caught.value)
    assert str(path) in message and "line 4" in message and "endfor" in message
    assert "\n" not in message


def test_an_undefined_variable_names_file_line_and_the_name(tmp_path: Path) -> None:
    path = tmp_path / "child_letter.txt.j2"
    path.write_text("# Title\n\nDear {{ child.name }},\n{{ child.nickname }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_child_text(synthetic_letter(), authority(tmp_path))
    message = str(caught.value)
    assert str(path) in message and "line 4" in message and "nickname" in message


def test_an_error_in_an_included_template_names_that_file(tmp_path: Path) -> None:
    path = tmp_path / "child_letter.txt.j2"
    path.write_text("# Title\n{{ missing_variable }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_adult_text(synthetic_letter(), authority(tmp_path))
    assert f"{path}, line 2" in str(caught.value) and "missing_variable" in str(caught.value)


@pytest.mark.parametrize(
    "body, reason",
    [
        ("{{ child.__class__.__mro__ }}", "unsafe"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ meeting.date|no_such_filter }}", "no_such_filter"),
    ],
)
def test_unsafe_or_failing_templates_are_reported_not_run(tmp_path: Path, body: str, reason: str) -> None:
    (tmp_path / "child_letter.txt.j2").write_text(f"# T\n\n{body}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=reason):
        render_child_text(synthetic_letter(), authority(tmp_path))


def test_a_missing_template_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem, match="does not exist"):
        render_child_text(synthetic_letter(), authority(tmp_path / "nowhere"))


# ------------------------------------------------------------------------------------------ prompts


@pytest.mark.parametrize(
    "age, band",
    [
        (0, "under7"),
        (6, "under7"),
        (7, "7-11"),
        (11, "7-11"),
        (12, "12-15"),
        (15, "12-15"),
        (16, "16+"),
        (19, "16+"),
        (None, "7-11"),
    ],
)
def test_age_bands(age: int | None, band: str) -> None:
    assert age_band(age) == band


AGE_IN_BAND = {"under7": 5, "7-11": 9, "12-15": 13, "16+": 17}


@pytest.mark.parametrize("key", [spec.key for spec in SECTION_SPECS])
def test_every_section_has_a_distinct_prompt_and_example_for_every_band(key: str) -> None:
    prompts = [prompt_for(key, AGE_IN_BAND[band]) for band in AGE_BANDS]
    for prompt in prompts:
        assert len(prompt.prompt.split()) >= 8
        assert len(prompt.example.split()) >= 4
    assert len({p.prompt for p in prompts}) == len(AGE_BANDS)


def test_prompts_are_child_centred_where_it_matters() -> None:
    for band in AGE_BANDS:
        told_us = prompt_for("told_us", AGE_IN_BAND[band])
        assert "own words" in told_us.prompt and "quotation marks" in told_us.prompt
        assert '"' in told_us.example  # the example quotes the child
        assert "who" in prompt_for("decisions", AGE_IN_BAND[band]).prompt.lower()
    assert "read" in prompt_for("hello", 4).prompt and "aloud" in prompt_for("hello", 4).prompt
    # Read aloud to under-7s: short example sentences.
    for spec in SECTION_SPECS:
        example = prompt_for(spec.key, 5).example
        sentences = [s for s in example.replace("!", ".").split(".") if s.strip()]
        assert max(len(s.split()) for s in sentences) <= 12, example


def test_an_added_section_gets_the_general_prompt() -> None:
    assert prompt_for("football", 9) == prompt_for("other", 9)
    assert prompt_for("football", 9).prompt


def test_an_authority_can_override_some_prompts(tmp_path: Path) -> None:
    (tmp_path / "prompts.toml").write_text(
        '[told_us."7-11"]\nprompt = "Ask what they think of MVM."\nexample = "You said it was fun."\n',
        encoding="utf-8",
    )
    config = authority(tmp_path)
    assert prompt_for("told_us", 8, config).prompt == "Ask what they think of MVM."
    assert prompt_for("told_us", 14, config) == prompt_for("told_us", 14)


@pytest.mark.parametrize(
    "content, reason",
    [
        ("[told_us\n", "not valid TOML"),
        ('[told_us.teen]\nprompt = "x"\nexample = "y"\n', "not an age band"),
        ('[told_us."7-11"]\nprompt = "x"\n', "needs text for both"),
    ],
)
def test_a_broken_prompts_file_is_reported(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "prompts.toml").write_text(content, encoding="utf-8")
    with pytest.raises(TemplateProblem, match=reason) as caught:
        prompt_for("told_us", 8, authority(tmp_path))
    assert str(tmp_path / "prompts.toml") in str(caught.value)


def test_rendering_does_not_change_the_letter() -> None:
    letter = synthetic_letter()
    before = replace(letter, sections=[replace(s) for s in letter.sections])
    render_adult_text(letter, CONFIG)
    assert letter == before
