"""The `letters` command line: the same engine as the app, without the screen.

`letters` with no arguments opens the app; subcommands are registered by the modules listed in
`_COMMAND_MODULES`, each of which keeps its heavy imports inside its handlers so that
`letters check` pays only for what it uses.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from letters import __version__
from letters.errors import UserError

_COMMAND_MODULES = (
    "letters.cli.check",
    "letters.cli.records",
    "letters.cli.export",
    "letters.cli.audit",
    "letters.cli.profile",
    "letters.cli.importing",
    "letters.cli.children",
    "letters.cli.meeting",
    "letters.cli.team",
    "letters.cli.serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="letters",
        description="Write, check and export review outcome letters to children in care. "
        "Run with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"letters {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        # spaCy loads in a helper process, on another core, while the app starts and paints.
        from letters.checks.tokens import start_helper, stop_helper

        start_helper()
        try:
            from letters.tui.app import run_app

            return run_app()
        finally:
            stop_helper()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"letters: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("letters: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("LETTERS_DEBUG"):
            raise
        print(
            f"letters: unexpected error ({type(exc).__name__}). Nothing was changed by this error. "
            "Run again with LETTERS_DEBUG=1 to see details, and report it.",
            file=sys.stderr,
        )
        return 3
