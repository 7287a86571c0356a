"""The rubric file: the built-in one, an authority's own (config.audit.rubric), and bad files."""

from __future__ import annotations

import pytest

from letters.audit.rubric import EVIDENCE_KINDS, RubricError, load_rubric
from letters.config import AuditConfig, Config


def test_builtin_rubric_has_the_primers_questions():
    rubric = load_rubric()
    assert rubric.ids == (
        "to-child",
        "reading-age",
        "jargon",
        "own-words",
        "well-and-worries",
        "decisions",
        "on-time",
        "participation",
        "adults-data",
    )
    assert all(q.evidence in EVIDENCE_KINDS for q in rubric.questions)
    assert rubric.question("on-time").text == "Was the letter sent on time?"


def test_config_points_at_an_authoritys_rubric(tmp_path):
    path = tmp_path / "rubric.toml"
    path.write_text(
        '[[question]]\nid = "voice"\ntext = "Is the child\'s voice heard?"\nevidence = "own-words"\n'
        '[[question]]\nid = "kind"\ntext = "Is the letter kind?"\n',
        "utf-8",
    )
    rubric = load_rubric(Config(audit=AuditConfig(rubric=str(path))))
    assert rubric.ids == ("voice", "kind")
    assert rubric.question("kind").evidence is None
    assert rubric.source == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no questions"),
        ('[[question]]\nid = "a"\n', "question 'a': text is missing"),
        ('[[question]]\nid = "A b"\ntext = "x"\n', "id must be lower-case"),
        ('[[question]]\nid = "a"\ntext = "x"\n[[question]]\nid = "a"\ntext = "y"\n', "used twice"),
        ('[[question]]\nid = "a"\ntext = "x"\nevidence = "vibes"\n', "evidence 'vibes' is unknown"),
        ('[[question]]\nid = "a"\ntext = "x"\nweight = 2\n', "unknown key weight"),
        ('title = "x"\n', "unknown key title"),
        ("[[question]\n", "not valid TOML"),
    ],
)
def test_bad_rubric_files_name_the_problem(tmp_path, text, message):
    path = tmp_path / "rubric.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(RubricError, match=message) as info:
        load_rubric(path=path)
    assert str(path) in str(info.value)


def test_missing_rubric_file(tmp_path):
    with pytest.raises(RubricError, match="does not exist"):
        load_rubric(Config(audit=AuditConfig(rubric=str(tmp_path / "nope.toml"))))


def test_unknown_question_lists_the_questions():
    with pytest.raises(RubricError, match="questions: to-child, reading-age"):
        load_rubric().question("tone")
