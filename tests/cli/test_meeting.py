"""`letters meeting ID`: a stored review's decisions-sent date, late reason and previous review,
set from the command line on a real SQLite file and read back by the store and the audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from letters.audit.figures import Basis, Share
from letters.audit.periods import Period
from letters.audit.service import AuditService
from letters.cli import main
from letters.config import Config
from letters.model import Child, Letter, Meeting, ReviewKind, Status
from letters.store import open_store
from letters.store.gate import mark

MEETING = date(2026, 3, 10)  # a Tuesday: decisions due 5 working days on, 17 March


def run(capsys, *args):
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def stored(db_url: str) -> int:
    with open_store(db_url, config=Config()) as store:
        return store.add(
            Letter(
                Child("Remi", age=11, looked_after_since=date(2025, 6, 2)),
                Meeting(MEETING, review_kind=ReviewKind.SECOND, iro="Asha Example", participation="PN1"),
            )
        )


def test_the_meeting_command_is_new_and_listed():
    from letters.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert "meeting" in commands
    # No other command sets these: `letters meeting` is the one way from the command line.
    others = [n for n, p in commands.items() if n != "meeting" and "--decisions-sent" in p.format_help()]
    assert others == []


def test_setting_a_reviews_dates_saves_a_revision_that_the_audit_reads(db_url, capsys):
    letter_id = stored(db_url)
    code, out, err = run(
        capsys,
        "meeting",
        str(letter_id),
        "--decisions-sent",
        "18/03/2026",
        "--late-reason",
        "  Remi was in hospital  ",
        "--previous-review",
        "2025-06-24",
        "--database",
        db_url,
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Letter {letter_id}: saved as revision 2.",
        "Decisions sent:   2026-03-18 (late: due by 2026-03-17)",
        "Late reason:      Remi was in hospital",
        "Previous review:  2025-06-24",
    ]
    with open_store(db_url, config=Config()) as store:
        meeting = store.get(letter_id).meeting
        assert (meeting.decisions_sent_on, meeting.late_reason, meeting.previous_review) == (
            date(2026, 3, 18),
            "Remi was in hospital",
            date(2025, 6, 24),
        )
        assert [r.number for r in store.history(letter_id)] == [1, 2]
        data = AuditService(store, Config()).export_data(
            Period.calendar_year(2026), basis=Basis.MEETING, as_of=date(2026, 4, 30)
        )
        assert data.summary.decisions_on_time == Share(0, 1)
        # The second review is due 3 months after the first (24 June 2025): held late, with its reason.
        assert [(o.facts.letter_id, o.facts.review_late_reason) for o in data.late_reviews] == [
            (letter_id, "Remi was in hospital")
        ]

    # The same again changes nothing; `none` and '' take a value back.
    code, out, _ = run(
        capsys, "meeting", str(letter_id), "--decisions-sent", "2026-03-18", "--database", db_url
    )
    assert code == 0 and out.startswith(f"Nothing to change: letter {letter_id} already says so.")
    code, out, _ = run(
        capsys,
        "meeting",
        str(letter_id),
        "--decisions-sent",
        "none",
        "--late-reason",
        "",
        "--database",
        db_url,
    )
    assert code == 0 and "Decisions sent:   not recorded" in out and "Late reason:      not recorded" in out
    with open_store(db_url, config=Config()) as store:
        assert store.get(letter_id).meeting.decisions_sent_on is None
        assert len(store.history(letter_id)) == 3


def test_absurd_values_are_refused_with_the_option_named_and_nothing_saved(db_url, capsys):
    letter_id = stored(db_url)
    ahead = (date.today() + timedelta(days=40)).isoformat()
    cases = [
        (
            ["--decisions-sent", "2026-03-09"],
            "--decisions-sent: The decisions sent date 9 March 2026 is before the meeting",
        ),
        (["--decisions-sent", ahead], "is in the future: give the day they were sent."),
        (["--decisions-sent", "2027-04-01"], None),  # in the future or over a year on: refused either way
        (
            ["--previous-review", "2026-03-10"],
            "--previous-review: The previous review (10 March 2026) is not before",
        ),
        (["--previous-review", "1988-01-01"], "before 14 October 1991, the earliest this service accepts"),
        (["--late-reason", "x" * 5001], "--late-reason: This is 5,001 characters long"),
    ]
    for options, said in cases:
        code, out, err = run(capsys, "meeting", str(letter_id), *options, "--database", db_url)
        assert code == 2 and out == "", options
        assert f"Nothing was saved to letter {letter_id}." in err
        if said:
            assert said in err, err
    with pytest.raises(SystemExit) as stopped:  # argparse refuses a day that does not exist
        main(["meeting", str(letter_id), "--decisions-sent", "31/02/2026", "--database", db_url])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --decisions-sent: '31/02/2026': There is no 31 February 2026" in err
    code, _, err = run(capsys, "meeting", str(letter_id), "--database", db_url)
    assert code == 2 and "say what to set: --decisions-sent DATE" in err
    code, _, err = run(capsys, "meeting", "999", "--late-reason", "x", "--database", db_url)
    assert code == 2 and "999" in err
    with open_store(db_url, config=Config()) as store:
        assert len(store.history(letter_id)) == 1


def test_a_sent_letter_changes_only_as_an_amendment(db_url, capsys):
    letter_id = stored(db_url)
    with open_store(db_url, config=Config()) as store:
        mark(store, letter_id, Status.SENT, sent_on=date(2026, 3, 20), reason="Synthetic test letter")
        before = len(store.history(letter_id))
    code, out, err = run(
        capsys, "meeting", str(letter_id), "--decisions-sent", "2026-03-12", "--database", db_url
    )
    assert code == 2 and out == ""
    assert "was sent on 2026-03-20: recording these on it is an amendment" in err and "--amend-reason" in err
    code, out, _ = run(
        capsys,
        "meeting",
        str(letter_id),
        "--decisions-sent",
        "2026-03-12",
        "--amend-reason",
        "Found in the case file",
        "--database",
        db_url,
    )
    assert code == 0 and "Decisions sent:   2026-03-12 (on time: due by 2026-03-17)" in out
    with open_store(db_url, config=Config()) as store:
        history = store.history(letter_id)
        assert len(history) == before + 1
        assert (history[-1].kind, history[-1].reason) == ("amended", "Found in the case file")
        assert store.get(letter_id).status is Status.SENT
