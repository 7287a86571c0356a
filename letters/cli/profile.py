"""`letters profile`: an IRO's few words about themselves, for the first letter a child gets from
them (`letters.iro_profile`): set from a file, show, list.

The profile file is TOML:

    name = "Sam Okafor"          # as letters write the IRO
    under7 = "I am Sam. I make sure the grown-ups look after you well."
    "7-11" = "I am Sam. My job is to check that your plan is right for you."
    "12-15" = "..."
    "16+" = "..."
    photo = "sam.jpg"            # optional: a PNG or JPEG beside the file; "" for no photo

Each band is optional (a child in a band with none gets the nearest younger band's words).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from letters.errors import InputError, UserError


def _set(args: argparse.Namespace) -> int:
    from letters.cli.records import _read_letter_file, open_cli_store
    from letters.iro_profile import PHOTO_BYTES, profile_from_toml
    from letters.textio import read_bytes

    text = _read_letter_file(args.source)
    try:
        profile, photo_file = profile_from_toml(text)
    except InputError as exc:
        raise InputError(f"{args.source}: {exc}") from None
    data = None
    if photo_file:
        base = Path(args.source).parent if args.source != "-" else Path.cwd()
        path = (base / photo_file).expanduser()
        data = read_bytes(path, limit=PHOTO_BYTES, what="photo")
    with open_cli_store(args) as store:
        old = store.profile(profile.name)
        if photo_file is None and old is not None:
            profile.photo = old.photo  # the file says nothing of the photo: keep it
        if data is not None:
            try:
                profile.photo = store.add_photo(data)
            except InputError as exc:
                raise InputError(f"{photo_file}: {exc}") from None
        store.save_profile(profile)
    bands = ", ".join(b for b, t in profile.texts.items() if t.strip())
    print(f"Kept the profile of {profile.name} ({bands}" + ("; with a photo" if profile.photo else "") + ").")
    return 0


def _show(args: argparse.Namespace) -> int:
    import tomli_w

    from letters.cli.records import open_cli_store
    from letters.cli.terminal import printable
    from letters.iro_profile import profile_to_data

    with open_cli_store(args) as store:
        profile = store.profile(args.name)
    if profile is None:
        raise UserError(
            f"No profile for {args.name}: write one and add it with `letters profile set --from FILE`."
        )
    text = tomli_w.dumps(profile_to_data(profile), multiline_strings=True)
    if profile.photo:
        text += f"# photo: kept in the database ({profile.photo})\n"
    sys.stdout.write(printable(text, lines=True) + ("" if text.endswith("\n") else "\n"))
    return 0


def _list(args: argparse.Namespace) -> int:
    from letters.cli.records import open_cli_store
    from letters.cli.terminal import printable

    with open_cli_store(args) as store:
        profiles = store.profiles()
    if not profiles:
        print("No IRO profiles yet. Add one with `letters profile set --from FILE`.")
    for p in profiles:
        bands = ", ".join(b for b, t in p.texts.items() if t.strip())
        print(printable(f"{p.name}: {bands}" + (" (photo)" if p.photo else "")))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from letters.cli.records import add_database_option

    profile = sub.add_parser(
        "profile",
        help="an IRO's few words about themselves for a child's first letter from them",
        description="An IRO's few words about themselves, for each age band, put into the first "
        "letter a child gets from them (see `letters profile set --help` for the file).",
    )
    commands = profile.add_subparsers(dest="profile_command", metavar="COMMAND", required=True)
    p = commands.add_parser(
        "set",
        help="keep a profile from its file (TOML)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--from", dest="source", required=True, metavar="FILE", help="profile file, or - for stdin"
    )
    add_database_option(p)
    p.set_defaults(handler=_set)
    p = commands.add_parser("show", help="print an IRO's profile as its file")
    p.add_argument("name", help="the IRO's name as letters write it")
    add_database_option(p)
    p.set_defaults(handler=_show)
    p = commands.add_parser("list", help="list the IROs with a profile")
    add_database_option(p)
    p.set_defaults(handler=_list)
