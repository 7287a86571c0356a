"""`letters audit ...`: sample, show, grade, export, rubric (`letters import` is letters.cli.importing).

Thin: each handler parses arguments, calls `letters.audit.service.AuditService` or
`letters.audit.importer`, and prints. Heavy imports (SQLAlchemy, the engine, XlsxWriter, matplotlib)
happen inside the handlers so that other commands do not pay for them. Output names children only
with `--identify`: by default they appear as pseudonymous references.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from letters.cli.records import add_database_option, load_cli_config, open_cli_store
from letters.errors import UserError

if TYPE_CHECKING:
    from letters.audit.grade import Draft
    from letters.audit.service import AuditService
    from letters.store import Store


def who(name: str | None, store: Store) -> str:
    """Who is acting: the auditor's name, given once with --by, then remembered (never the login
    name); in team mode the signed-in person, whatever --by says (the database records them)."""
    from letters.audit.auditor import resolve
    from letters.audit.team import team_store

    team = team_store(store)
    if team is not None:
        if name and name.strip() and name.strip() != team.person:
            print(
                f"letters: --by is ignored in team mode: this is recorded as {team.person} (who signed in).",
                file=sys.stderr,
            )
        return team.person
    return resolve(name)


def _ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of letter ids: write them like 12,15,31"
        ) from None
    if not ids or min(ids) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of letter ids (numbers from 1)")
    return ids


def _pair(text: str) -> tuple[str, str]:
    question, sep, value = text.partition("=")
    if not sep or not question.strip():
        raise argparse.ArgumentTypeError(f"'{text}' should be QUESTION=VALUE, for example jargon=Partly")
    return question.strip(), value.strip()


def _service(args: argparse.Namespace) -> tuple[Store, AuditService]:
    from letters.audit.service import AuditService

    config = load_cli_config()
    store = open_cli_store(args, config)
    try:
        return store, AuditService(store, config)
    except BaseException:
        store.close()
        raise


# -- sample ---------------------------------------------------------------------------------------


def _sample(args: argparse.Namespace) -> int:
    store, service = _service(args)
    with store:
        sample = service.draw_sample(
            args.month,
            drawn_by=who(args.by, store),
            per_iro=args.per_iro,
            seed=args.seed,
            letter_ids=args.letters,
            replace_existing=args.replace,
        )
        how = (
            "picked by hand"
            if sample.method == "by hand"
            else f"drawn at random ({sample.per_iro} per IRO, seed {sample.seed})"
        )
        n = len(sample.items)
        print(f"Sample for {sample.month}: {n} letter{'' if n == 1 else 's'}, {how}, by {sample.drawn_by}.")
        for item in sample.items:
            print(f"  letter {item.letter_id:>5}  {item.iro or '(no IRO)':<24} {item.age_band}")
        if sample.method == "random":
            print(f"Draw the same sample again with --seed {sample.seed}.")
    return 0


# -- show -----------------------------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    from letters.audit.figures import Period

    store, service = _service(args)
    with store:
        if args.letter is not None:
            return _show_letter(service, args.letter, args.identify)
        period = Period.parse_month(args.month)
        sample = service.current_sample(period.label)
        if sample is None:
            sent = service.sent_letters(period)
            print(f"No sample yet for {period.label}; {len(sent)} letters were sent that month.")
            for s in sent:
                print(f"  letter {s.id:>5}  {s.iro or '(no IRO)':<24} sent {s.sent_on}")
            if sent:
                print(f"Draw one with `letters audit sample --month {period.label}`.")
            return 0
        how = "picked by hand" if sample.method == "by hand" else f"seed {sample.seed}"
        print(f"Sample for {sample.month} ({how}), drawn by {sample.drawn_by} on {sample.drawn_at:%d %b %Y}:")
        print(f"  {'Letter':>6}  {'Child':<22} {'IRO':<22} {'Age band':<11} {'Sent':<10}  Grade")
        graded = 0
        for one in service.sampled(period.label):
            child = f"{one.child} ({one.ref})" if args.identify else one.ref
            grade = f"{one.grading.overall} ({one.grading.auditor})" if one.grading else "not graded"
            graded += one.grading is not None
            print(
                f"  {one.item.letter_id:>6}  {child:<22} {one.item.iro:<22} "
                f"{one.item.age_band:<11} {_day(one.sent_on):<10}  {grade}"
            )
        print(f"{graded} of {len(sample.items)} graded.")
    return 0


def _day(day: date | None) -> str:
    # A date formatted with a width ("{day:<10}") goes through strftime and prints "<10".
    return day.isoformat() if day else ""


def _show_letter(service: AuditService, letter_id: int, identify: bool) -> int:
    from letters.audit.figures import Period

    letter, facts, evidence = service.evidence(letter_id)
    who = f"{letter.child.name} ({facts.ref})" if identify else facts.ref
    print(
        f"Letter {letter_id}: {who}, {facts.age_band}, IRO {facts.iro or '(none)'}, "
        f"meeting {facts.meeting_date}, sent {facts.sent_on or 'not yet'}."
    )
    for line in service.store.sending_history(letter_id).lines():  # overridden errors, amendments
        print(f"  {line}")
    from letters.audit.amendments import both_texts

    for line in both_texts(service.store, facts, identify=identify):  # amended after sending
        print(f"  {line}")
    grading = None
    if facts.sent_on is not None:
        grading = service.gradings(Period.month(facts.sent_on.year, facts.sent_on.month)).get(letter_id)
    for q in service.rubric.questions:
        ev = evidence[q.id]
        print(f"\n[{q.id}] {q.text}")
        print(f"  Evidence: {ev.text}")
        print(f"  Suggests: {ev.suggested or 'no suggestion'}")
        answer = grading.answer(q.id) if grading else None
        if answer is not None:
            print(f"  Answer:   {answer.answer}{' - ' + answer.comment if answer.comment else ''}")
            if answer.disagrees:
                print(f"  Disagreed with the evidence: {answer.reason}")
    if grading is not None:
        when = f" on {grading.graded_at:%d %b %Y}" if grading.graded_at else ""
        print(f"\nOverall: {grading.overall} (graded by {grading.auditor}{when})")
        if grading.comment:
            print(f"  {grading.comment}")
    history = service.grading_history(letter_id)
    if len(history) > 1 or (history and grading is None):
        print("\nEvery grading of this letter (the latest in the current sample counts):")
        for g in history:
            mark = "  (counts)" if g.current else ""
            print(f"  {g.graded_at:%d %b %Y %H:%M}  {g.overall} by {g.auditor}, {g.month} sample{mark}")
    return 0


# -- grade ----------------------------------------------------------------------------------------


def _draft_from_args(args: argparse.Namespace) -> tuple[Draft, int | None, str | None]:
    from letters.audit.grade import Draft, draft_from_toml, parse_answer, parse_overall

    draft, letter, auditor = Draft(), None, None
    if args.file:
        path = Path(args.file)
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise UserError(f"{path} does not exist; check the --file path.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {path} ({exc}).") from None
        except tomllib.TOMLDecodeError as exc:
            raise UserError(f"{path}: not valid TOML ({exc}).") from None
        draft, rest = draft_from_toml(data, str(path))
        letter = rest.get("letter")
        if letter is not None and (not isinstance(letter, int) or isinstance(letter, bool)):
            raise UserError(f"{path}: letter must be a letter id (a number).")
        auditor = rest.get("auditor")
        if auditor is not None and not isinstance(auditor, str):
            raise UserError(f"{path}: auditor must be text.")
    for q, v in args.answer:  # a value that cannot be read is reported with every other problem
        draft.unreadable.pop(q, None)
        parse_answer(draft, q, v)
    draft.comments.update(dict(args.comment))
    draft.reasons.update(dict(args.reason))
    if args.overall:
        draft.unreadable.pop("overall", None)
        draft = dataclasses.replace(draft, overall=parse_overall(draft, args.overall))
    if args.overall_comment is not None:
        draft = dataclasses.replace(draft, comment=args.overall_comment)
    return draft, letter, auditor


def _grade(args: argparse.Namespace) -> int:
    draft, file_letter, file_auditor = _draft_from_args(args)
    letter_id = args.letter or file_letter
    if letter_id is None:
        raise UserError("say which letter to grade: --letter ID (or letter = ID in the --file).")
    store, service = _service(args)
    with store:
        auditor = who(args.by or file_auditor, store)
        if args.accept_suggested:
            _, _, evidence = service.evidence(letter_id)
            suggested = {q: e.suggested for q, e in evidence.items() if e.suggested is not None}
            for q, answer in suggested.items():  # never in place of an answer typed wrong
                if q not in draft.unreadable:
                    draft.answers.setdefault(q, answer)
        grading = service.grade(letter_id, auditor, draft, args.month)
    disagreements = sum(a.disagrees for a in grading.answers)
    print(
        f"Graded letter {letter_id}: {grading.overall} by {grading.auditor} "
        f"({len(grading.answers)} answers, {disagreements} "
        f"disagreement{'' if disagreements == 1 else 's'} with the evidence)."
    )
    return 0


# -- export and rubric ----------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from letters.audit.exports import IDENTIFY_NOTE
    from letters.audit.periods import Basis, Period

    period = Period.parse_month(args.month) if args.month else Period.parse_year(args.year)
    basis = Basis.parse(args.by)
    store, service = _service(args)
    with store:
        written = service.export(period, args.format, Path(args.out), identify=args.identify, basis=basis)
    for path in written:
        print(f"Wrote {path}")
    print(f"{period.title}, {basis.label}.")
    if args.identify:
        print(f"Note: {IDENTIFY_NOTE}")
    else:
        print(
            "Pseudonymous: children and IROs appear as references, without names or dates of birth; "
            "names in comments are replaced by a role or reference."
        )
    return 0


def _rubric(args: argparse.Namespace) -> int:
    from letters.audit.rubric import EVIDENCE_KINDS, load_rubric

    rubric = load_rubric(load_cli_config())
    print(f"Rubric: {rubric.source}")
    for q in rubric.questions:
        ev = f" (evidence: {EVIDENCE_KINDS[q.evidence]})" if q.evidence else ""
        print(f"  {q.id:<18} {q.text}{ev}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser(
        "audit",
        help="QA audit: sample, grade and export a month's letters",
        description="The QA audit of outcome letters: draw a month's sample, grade each letter "
        "against the rubric, and export the month for managers.",
    )
    audit.set_defaults(handler=lambda _args: (audit.print_help(), 2)[1])
    commands = audit.add_subparsers(dest="audit_command", metavar="ACTION")

    p = commands.add_parser("sample", help="draw the month's sample (or pick letters by hand)")
    p.add_argument("--month", required=True, help="YYYY-MM: letters sent in this month")
    p.add_argument("--per-iro", type=int, help="letters per IRO (default: config audit sample_per_iro, 3)")
    p.add_argument(
        "--seed", help="draw the same sample again (default: a new random seed, printed and saved)"
    )
    p.add_argument("--letters", type=_ids, metavar="IDS", help="pick these letters by hand: 12,15")
    p.add_argument("--by", metavar="NAME", help="who is drawing it (asked once, then remembered)")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace the month's sample (the old one and its grades are kept)",
    )
    add_database_option(p)
    p.set_defaults(handler=_sample)

    p = commands.add_parser("show", help="the month's sample and grades, or one letter's evidence")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--month", help="YYYY-MM")
    target.add_argument("--letter", type=int, metavar="ID", help="one letter's evidence and answers")
    p.add_argument("--identify", action="store_true", help="show children's names")
    add_database_option(p)
    p.set_defaults(handler=_show)

    p = commands.add_parser(
        "grade",
        help="record answers and the overall grade for a sampled letter",
        description="Answers come from --file (TOML, see README) and/or --answer; every rubric "
        "question needs an answer, and an answer that differs from the evidence's suggestion "
        "needs --reason.",
    )
    p.add_argument("--letter", type=int, metavar="ID", help="the letter (or letter = ID in --file)")
    p.add_argument("--month", help="the sample's month (default: the month the letter was sent)")
    p.add_argument("--file", metavar="TOML", help="answers in a file")
    p.add_argument(
        "--answer",
        type=_pair,
        action="append",
        default=[],
        metavar="Q=ANSWER",
        help="Yes, Partly or No for question Q (repeat for each question)",
    )
    p.add_argument("--comment", type=_pair, action="append", default=[], metavar="Q=TEXT")
    p.add_argument(
        "--reason",
        type=_pair,
        action="append",
        default=[],
        metavar="Q=TEXT",
        help="why you disagree with the evidence for question Q",
    )
    p.add_argument(
        "--accept-suggested", action="store_true", help="answer unanswered questions as the evidence suggests"
    )
    p.add_argument(
        "--overall",
        metavar="GRADE",
        help="Outstanding, Good, 'Requires improvement to be good' (or RI), Inadequate",
    )
    p.add_argument("--overall-comment", metavar="TEXT")
    p.add_argument("--by", metavar="NAME", help="the auditor (asked once, then remembered)")
    add_database_option(p)
    p.set_defaults(handler=_grade)

    p = commands.add_parser(
        "export",
        help="a month's or a year's figures, letters and answers for managers",
        description="Figures with targets and last period's values, per IRO, participation, lists "
        "of late letters and reviews, the letters and the audit answers. A year adds a "
        "month-by-month table beside the year before.",
    )
    period = p.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help="YYYY-MM")
    period.add_argument("--year", help="a calendar year (2025) or a financial year, April to March (2025-26)")
    p.add_argument(
        "--by",
        default="sent",
        metavar="meeting|sent",
        help="count letters by meeting date (reviews held in the period) or by date sent (default)",
    )
    p.add_argument("--format", required=True, choices=("xlsx", "csv", "docx"))
    p.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    p.add_argument(
        "--identify",
        action="store_true",
        help="include children's and IROs' names (internal use; the export says so)",
    )
    add_database_option(p)
    p.set_defaults(handler=_export)

    p = commands.add_parser("rubric", help="list the rubric's questions")
    p.set_defaults(handler=_rubric)
