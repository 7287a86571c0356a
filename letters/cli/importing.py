"""`letters import FOLDER`: .docx letters written elsewhere, with a CSV listing them, for the audit.

Thin: `letters.audit.importer` checks every row and file and imports all or nothing; this prints
what was imported and the warnings (participation codes that do not fit the age). Who is
importing is a person's name, given once with --by and remembered (`letters.audit.auditor`); in
team mode, the signed-in person.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from letters.cli.records import add_database_option, load_cli_config, open_cli_store


def _import(args: argparse.Namespace) -> int:
    from letters.audit.importer import import_folder
    from letters.cli.audit import who

    config = load_cli_config()
    with open_cli_store(args, config) as store:
        imported = import_folder(
            store,
            Path(args.folder),
            csv_path=Path(args.csv) if args.csv else None,
            imported_by=who(args.by, store),
            dry_run=args.dry_run,
            limits=config.limits,
        )
    verb = "Checked" if args.dry_run else "Imported"
    n = len(imported.letters)
    print(f"{verb} {n} letter{'' if n == 1 else 's'}{' (nothing was saved)' if args.dry_run else ''}.")
    for item in imported.letters:
        target = f" as letter {item.letter_id}" if item.letter_id else ""
        print(f"  {item.file_name}{target}")
    if imported.warnings:
        print(f"{len(imported.warnings)} to look at (imported as they are):")
        for warning in imported.warnings:
            print(f"  {warning}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="bring in .docx letters written elsewhere, for the audit",
        description="Import every .docx letter listed in a CSV file in FOLDER (format in README, "
        "'Importing letters'). All rows are checked first; if any is wrong nothing is imported.",
    )
    p.add_argument("folder", help="folder holding the .docx files and the CSV")
    p.add_argument("--csv", metavar="FILE", help="the CSV (default: the one .csv in FOLDER)")
    p.add_argument("--by", metavar="NAME", help="who is importing (asked once, then remembered)")
    p.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
    add_database_option(p)
    p.set_defaults(handler=_import)
