"""`letters new --next ID` and `letters profile` as an IRO uses them, on a real SQLite file: the
next letter from the latest, outcomes "not yet recorded" until a letter file says, the IRO's
profile and photo in a child's first letter from them, and plain messages for wrong use."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from letters.cli import main
from letters.interchange import letter_to_toml
from letters.model import ABOUT_ME, Outcome
from letters.store import open_store

PNG = (Path(__file__).parents[2] / "docs" / "picture-letter.png").read_bytes()


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTERS_DATABASE_URL", db_url)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_next_letter_lists_each_decision_not_yet_recorded(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    run(capsys, "demo")
    code, out, err = run(capsys, "new", "--next", "1", "--date", "2026-11-30")
    assert (code, out.strip()) == (0, "2")
    assert "4 decisions of the last letter await what happened" in err
    code, out, _ = run(capsys, "show", "2")
    assert "## Since your last meeting" in out
    assert (
        "- [not yet recorded] Last time we said Anne would book an eye test for you. [what happened] "
        "(letter 1, decision 3)"
    ) in out
    with open_store(db_url) as store:
        letter = store.get(2)
    assert letter.child.name == "Ellie" and letter.meeting.date.isoformat() == "2026-11-30"
    assert [f.outcome for f in letter.followups] == [Outcome.UNRECORDED] * 4


def test_a_letter_file_can_record_what_happened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str
) -> None:
    run(capsys, "demo")
    run(capsys, "new", "--next", "1", "--date", "2026-11-30")
    _, toml, _ = run(capsys, "show", "2", "--toml")
    assert 'outcome = "not yet recorded"' in toml
    edited = toml.replace('outcome = "not yet recorded"', 'outcome = "done"', 3)
    (tmp_path / "next.toml").write_text(edited)
    code, out, _ = run(capsys, "new", "--from", str(tmp_path / "next.toml"))
    assert code == 0
    with open_store(db_url) as store:
        outcomes = [f.outcome for f in store.get(int(out)).followups]
        assert outcomes == [Outcome.DONE] * 3 + [Outcome.UNRECORDED]
        # The first letter's decisions 1 and 3 are settled by it: nothing of it is overdue now.
        assert store.summary(1).overdue_on(store.get(1).meeting.date.replace(year=2027)) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new", "--next", "1", "--from", "x.toml"), "argument --from: not allowed with argument --next"),
        (("new", "--from", "x.toml", "--date", "2026-11-30"), "--date and --iro go with --next ID"),
        (("new", "--next", "9"), "There is no letter 9"),
        (("new", "--next", "1", "--date", "2026-11-10"), "must be after the meeting of letter 1"),
        (("new", "--next", "1", "--date", "2099-01-01"), "--date: The meeting date is in the future"),
        (("new", "--next", "1", "--date", "31/02/2026"), "There is no 31 February 2026"),
        (("new", "--next", "one"), "'one' is not a letter id"),
    ],
)
def test_wrong_use_is_a_plain_message(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    run(capsys, "demo")
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2 and message in err
    assert "Traceback" not in err


def test_a_deleted_letter_must_be_restored_first(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    run(capsys, "delete", "1")
    code, _, err = run(capsys, "new", "--next", "1", "--date", "2026-11-30")
    assert code == 2 and "Letter 1 is in the bin: restore it first" in err


def test_a_new_iro_introduces_themselves_with_their_profile_and_photo(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str
) -> None:
    from docx import Document

    (tmp_path / "sam.png").write_bytes(PNG)
    (tmp_path / "sam.toml").write_text(
        'name = "Sam Okafor"\nunder7 = "I am Sam. I check that grown-ups look after you."\n'
        '"7-11" = "I am Sam, your new Independent Reviewing Officer. I like football."\n'
        'photo = "sam.png"\n'
    )
    code, out, _ = run(capsys, "profile", "set", "--from", str(tmp_path / "sam.toml"))
    assert code == 0 and out.strip() == "Kept the profile of Sam Okafor (under7, 7-11; with a photo)."
    code, out, _ = run(capsys, "profile", "list")
    assert out.strip() == "Sam Okafor: under7, 7-11 (photo)"
    code, out, _ = run(capsys, "profile", "show", "SAM OKAFOR")
    assert '"7-11" = "I am Sam, your new' in out or '7-11 = "I am Sam, your new' in out
    run(capsys, "demo")
    code, out, err = run(capsys, "new", "--next", "1", "--date", "2026-11-30", "--iro", "Sam Okafor")
    assert code == 0 and "your few words about yourself are in “About me”" in err
    with open_store(db_url) as store:
        letter = store.get(int(out))
    assert (
        letter.section(ABOUT_ME).text == "I am Sam, your new Independent Reviewing Officer. I like football."
    )
    assert letter.iro_photo
    code, out, _ = run(capsys, "export", str(letter.id), "--out", str(tmp_path))
    assert code == 0
    child = Document(io.BytesIO((tmp_path / f"letter-{letter.id}-2026-11-30-child.docx").read_bytes()))
    images = [r for r in child.part.rels.values() if "image" in r.reltype]
    assert [r.target_part.blob for r in images] == [PNG]
    drawing = child.element.body.xpath(".//wp:docPr")[0]
    assert drawing.get("descr") == "A photo of Sam, your Independent Reviewing Officer."
    # The same IRO's next letter does not introduce them again.
    code, out, _ = run(capsys, "new", "--next", str(letter.id), "--date", "2026-12-01")
    with open_store(db_url) as store:
        assert store.get(int(out)).section(ABOUT_ME) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "Sam"\n', "write a few sentences about yourself"),
        ('name = "Sam"\n"7-11" = 3\n', "7-11: expected text"),
        ('name = "Sam"\nunder5 = "Hi"\n', "under5: unknown field"),
        ('name = "Sam"\n"7-11" = "Hi"\nphoto = "missing.png"\n', "missing.png"),
        ('name = "Sam"\n"7-11" = "Hi"\nphoto = "bad.png"\n', "the photo must be a PNG or JPEG"),
    ],
)
def test_a_wrong_profile_file_is_refused_naming_what_is_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "bad.png").write_bytes(b"GIF89a not really")
    (tmp_path / "p.toml").write_text(text)
    code, _, err = run(capsys, "profile", "set", "--from", str(tmp_path / "p.toml"))
    assert code == 2 and message in err
    assert run(capsys, "profile", "list")[1].startswith("No IRO profiles yet")


def test_the_letter_file_of_a_next_letter_round_trips(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    run(capsys, "demo")
    run(capsys, "new", "--next", "1", "--date", "2026-11-30")
    with open_store(db_url) as store:
        letter = store.get(2)
    _, toml, _ = run(capsys, "show", "2", "--toml")
    assert toml == letter_to_toml(letter)


def test_show_prints_the_childs_own_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "demo")
    _, toml, _ = run(capsys, "show", "1", "--toml")
    edited = toml.replace(
        "[meeting]", '[child.words]\ncarers = "Nan and Grandad"\navoid = ["foster"]\n\n[meeting]', 1
    )
    (tmp_path / "words.toml").write_text(edited)
    code, out, _ = run(capsys, "new", "--from", str(tmp_path / "words.toml"))
    assert code == 0
    _, shown, _ = run(capsys, "show", out.strip())
    assert (
        "Ellie's own words:\n  Carers: Nan and Grandad\n"
        "  Other words of theirs: Nana Pat, Anne and Mark, Biscuit\n"
        "  Words not to use with Ellie: foster\n"
    ) in shown


def test_the_childs_own_words_come_forward_to_the_next_letter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str
) -> None:
    run(capsys, "demo")
    _, toml, _ = run(capsys, "show", "1", "--toml")
    edited = toml.replace(
        "[meeting]",
        '[child.words]\ncarers = "Nan and Grandad"\nhome = "Nan\'s house"\navoid = ["foster"]\n\n[meeting]',
        1,
    )
    (tmp_path / "words.toml").write_text(edited)
    _, first, _ = run(capsys, "new", "--from", str(tmp_path / "words.toml"))
    code, out, _ = run(capsys, "new", "--next", first.strip(), "--date", "2026-11-30")
    assert code == 0
    with open_store(db_url) as store:
        words = store.get(int(out)).child.words
    assert (words.carers, words.home, words.avoid) == ("Nan and Grandad", "Nan's house", ["foster"])
    _, shown, _ = run(capsys, "show", out.strip())
    assert "Carers: Nan and Grandad\n  Home: Nan's house\n" in shown
    assert "Words not to use with Ellie: foster\n" in shown


def test_the_next_letter_starts_with_the_words_the_childs_record_keeps(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    from letters.model import ChildWords

    run(capsys, "demo")
    with open_store(db_url) as store:
        child_id = store.get(1).child_id
        assert child_id is not None
        store.update_child_words(child_id, ChildWords(carers="Nan and Grandad", avoid=["foster"]))
    code, shown, _ = run(capsys, "child", "show", str(child_id))
    assert code == 0
    assert "Ellie's own words (a new letter starts with these):\n    Carers: Nan and Grandad\n" in shown
    assert "    Words not to use with Ellie: foster\n" in shown
    code, out, _ = run(capsys, "new", "--next", "1", "--date", "2026-11-30")
    assert code == 0
    with open_store(db_url) as store:
        assert store.get(int(out)).child.words == ChildWords(carers="Nan and Grandad", avoid=["foster"])
        assert store.get(1).child.words.other == ["Nana Pat", "Anne and Mark", "Biscuit"]  # its own kept


def test_the_next_letter_starts_from_the_childs_latest_letter_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "demo")
    assert run(capsys, "new", "--next", "1", "--date", "2026-11-30")[:2] == (0, "2\n")
    # Letter 1's decisions are followed up in letter 2: a second "next" from 1 would ask again.
    code, out, err = run(capsys, "new", "--next", "1", "--date", "2026-12-01")
    assert (code, out) == (2, "")
    assert "Letter 1 is not Ellie's latest letter: letter 2 (meeting 2026-11-30) is" in err
    assert "letters new --next 2" in err
    code, out, _ = run(capsys, "new", "--next", "2", "--date", "2026-12-01")
    assert (code, out) == (0, "3\n")
