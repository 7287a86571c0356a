"""`letters export ID --out DIR`: write the child's Word letter and the adults' copy.

Prints the two paths, any warnings (characters removed) and the letter's open findings by
severity. With `--status ready|sent` the letter goes through the pre-send gate first
(`letters.store.gate`): open errors stop the export before anything is written (exit status 1)
unless `--override-reason` says why; the files are written from exactly the text that was checked,
and the letter is marked only after every file asked for is written, never before. With `--audio`
the child's letter is also read aloud into an MP3 beside them; if that fails (espeak-ng missing)
the Word files are still written, the reason is printed, the exit status is 1 and nothing is
marked. python-docx, the checks and the store are imported inside the handler so other commands
do not pay for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from letters.cli.records import (
    _letter_id,
    add_database_option,
    add_override_option,
    load_cli_config,
    open_cli_store,
    print_check,
)


def _export(args: argparse.Namespace) -> int:
    from letters.export import export_letter
    from letters.model import Status
    from letters.store import SendBlocked
    from letters.store.gate import check_before_sending

    config = load_cli_config()
    reason = args.override_reason
    with open_cli_store(args, config) as store:
        letter, check = check_before_sending(store, args.id, config=config.checks)
        if args.status and check.blocks and not reason.strip():
            raise SendBlocked(check, args.status, note="Nothing was written.")
        photo = store.photo(letter.iro_photo) if letter.iro_photo else None  # beside "About me"
        result = export_letter(letter, Path(args.out), config, audio=args.audio, photo=photo)
        print(f"Child's letter: {result.child_path}")
        print(f"Adults' copy:   {result.adult_path}")
        if result.audio_path:
            print(f"Read aloud:     {result.audio_path}")
        from letters.store.team import export_detail, note_export

        note_export(store, args.id, export_detail(bool(result.audio_path)))
        for warning in result.warnings:
            print(f"letters: warning: {warning}", file=sys.stderr)
        print_check(check, reason if args.status else "")
        if result.audio_problem:
            print(
                f"letters: error: the letter read aloud was not written: {result.audio_problem}",
                file=sys.stderr,
            )
            if args.status:
                print(f"letters: letter {args.id} was not marked {args.status}.", file=sys.stderr)
            return 1
        if args.status:
            store.set_status(args.id, Status(args.status), check=check, reason=reason)
            print(f"Letter {args.id} is now {args.status}.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    help_text = "Write a letter as two Word files: the child's letter and the adults' copy."
    parser: argparse.ArgumentParser = sub.add_parser("export", help=help_text, description=help_text)
    add_database_option(parser)
    parser.add_argument("id", type=_letter_id, help="the letter's id (see `letters list`)")
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write the files into (must exist)"
    )
    parser.add_argument(
        "--audio",
        action="store_true",
        help="also write the child's letter read aloud, as an MP3 (needs espeak-ng)",
    )
    parser.add_argument(
        "--status",
        choices=("ready", "sent"),
        help="also mark the letter ready, or sent today, once the files are written (open errors "
        "stop it unless --override-reason says why)",
    )
    add_override_option(parser)
    parser.set_defaults(handler=_export)
