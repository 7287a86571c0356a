"""The IRO's profile, written once in the app (`i` on the letters list): "About me".

A few sentences about the IRO for each age band, and a photo if they want one, kept in the
database once per IRO (`Store.save_profile`); the first letter a child gets from an IRO new to them
opens with it (`letters.followup.start_letter`), where it can still be changed for that child.
Each band's words are checked for a child of that band before they are kept, and a photo must be
a PNG or JPEG of at most 2 MB; what is wrong is said in words and nothing is kept until it is
right. Database work goes through `app.db` (a worker).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static, TextArea

from letters.iro_profile import IroProfile, band_problems, profile_problems
from letters.prompts import AGE_BANDS
from letters.tui import bindings

if TYPE_CHECKING:
    from letters.store import Store
    from letters.tui.app import LettersApp

BAND_LABELS = {"under7": "Under 7", "7-11": "7 to 11", "12-15": "12 to 15", "16+": "16 and over"}
#: Widget ids for the bands ("16+" is not an identifier).
BAND_IDS = {"under7": "under7", "7-11": "7-11", "12-15": "12-15", "16+": "16-plus"}


class IroProfileScreen(Screen[None]):
    """Write or change an IRO's profile."""

    HELP_TITLE = "Your IRO profile"
    DEFAULT_CSS = """
    IroProfileScreen #profile-body { padding: 0 2; height: 1fr; }
    IroProfileScreen .profile-intro { height: auto; margin-bottom: 1; color: $text-muted; }
    IroProfileScreen .profile-row { height: auto; margin-bottom: 1; }
    IroProfileScreen .profile-label { width: 14; text-style: bold; }
    IroProfileScreen .profile-row Input { width: 1fr; }
    IroProfileScreen TextArea { height: 4; width: 1fr; }
    IroProfileScreen .profile-problem { height: auto; color: $text-error; padding-left: 14; }
    IroProfileScreen #profile-photo-state { height: auto; padding-left: 14; color: $text-muted; }
    IroProfileScreen #profile-remove-photo { margin-left: 1; }
    """
    BINDINGS = bindings.IRO_PROFILE

    app: LettersApp

    def __init__(self) -> None:
        super().__init__(id="iro-profile")
        self.photo = ""  # the kept photo's digest ("" for none)
        self.remove_photo = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="profile-body"):
            yield Static(
                "A few sentences about you for each age band: the first letter a child gets from "
                "you opens with them (“About me”). Children say they like knowing a little about "
                "their IRO. Leave a band empty to use the nearest younger band's words.",
                classes="profile-intro",
            )
            with Horizontal(classes="profile-row"):
                yield Static("Your name", classes="profile-label")
                yield Input(placeholder="As your letters write it: Sam Okafor", id="profile-name")
            yield Static("", classes="profile-problem", id="profile-name-problem", markup=False)
            for band in AGE_BANDS:
                with Horizontal(classes="profile-row"):
                    yield Static(BAND_LABELS[band], classes="profile-label")
                    yield TextArea(id=f"profile-{BAND_IDS[band]}", soft_wrap=True, show_line_numbers=False)
                yield Static(
                    "", classes="profile-problem", id=f"profile-{BAND_IDS[band]}-problem", markup=False
                )
            with Horizontal(classes="profile-row"):
                yield Static("Photo", classes="profile-label")
                yield Input(placeholder="A PNG or JPEG file: ~/Pictures/me.jpg", id="profile-photo")
                yield Button("No photo", id="profile-remove-photo", compact=True)
            yield Static("No photo.", id="profile-photo-state", markup=False)
            yield Static("", classes="profile-problem", id="profile-photo-problem", markup=False)
            yield Button("Keep (ctrl+s)", id="profile-keep", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Your IRO profile"
        for line in self.query(".profile-problem"):
            line.display = False
        name = self.app.place.iro or ""
        self.query_one("#profile-name", Input).value = name
        self.query_one("#profile-name", Input).focus()
        if name:
            self.load(name)

    # -- loading --------------------------------------------------------------------------------

    @on(Input.Submitted, "#profile-name")
    def _name_given(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.load(event.value)

    def load(self, name: str) -> None:
        def job(store: Store) -> IroProfile | None:
            return store.profile(name)

        self.app.db(job, lambda found: self._show(name, found), failed="Could not read the profile")

    def _show(self, name: str, profile: IroProfile | None) -> None:
        if profile is None:
            self.notify(f"No profile for {name} yet: write one and keep it.", timeout=4, markup=False)
            return
        self.query_one("#profile-name", Input).value = profile.name
        for band in AGE_BANDS:
            self.query_one(f"#profile-{BAND_IDS[band]}", TextArea).load_text(profile.texts.get(band, ""))
        self.photo, self.remove_photo = profile.photo, False
        self._photo_state()

    def _photo_state(self) -> None:
        text = "A photo is kept." if self.photo and not self.remove_photo else "No photo."
        if self.photo and self.remove_photo:
            text = "The photo will be taken off when you keep the profile."
        self.query_one("#profile-photo-state", Static).update(text)

    @on(Button.Pressed, "#profile-remove-photo")
    def _no_photo(self) -> None:
        self.remove_photo = True
        self.query_one("#profile-photo", Input).value = ""
        self._photo_state()

    # -- keeping --------------------------------------------------------------------------------

    def read(self) -> IroProfile:
        name = " ".join(self.query_one("#profile-name", Input).value.split())
        texts = {b: self.query_one(f"#profile-{BAND_IDS[b]}", TextArea).text.strip() for b in AGE_BANDS}
        return IroProfile(
            name, {b: t for b, t in texts.items() if t}, "" if self.remove_photo else self.photo
        )

    def _problems(self, problems: dict[str, str]) -> None:
        for key in ("name", *AGE_BANDS, "photo"):
            line = self.query_one(f"#profile-{BAND_IDS.get(key, key)}-problem", Static)
            message = problems.get(key, "")
            line.update(f"✗ {message}" if message else "")
            line.display = bool(message)

    @on(Button.Pressed, "#profile-keep")
    def action_keep(self) -> None:
        profile = self.read()
        problems: dict[str, str] = {}
        for problem in profile_problems(profile):
            field, _, message = problem.partition(": ")
            key = field if field in ("name", *AGE_BANDS) else AGE_BANDS[1]
            problems.setdefault(key, message if key == field else problem)
        self._problems(problems)
        if problems:
            self.notify("Fix what is marked ✗ first.", severity="warning", timeout=4)
            return
        self._check(profile, self.query_one("#profile-photo", Input).value.strip())

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False)
    def _check(self, profile: IroProfile, photo_file: str) -> None:
        """Each band's words checked for a child of that band, and the photo file read (a worker)."""
        from letters.errors import UserError
        from letters.iro_profile import PHOTO_BYTES, photo_kind
        from letters.textio import read_bytes

        problems = band_problems(profile, self.app.config.checks)
        data = None
        if photo_file:
            try:
                data = read_bytes(Path(photo_file).expanduser(), limit=PHOTO_BYTES, what="photo")
                photo_kind(data)
            except (UserError, OSError) as exc:
                problems["photo"] = str(exc)
        self.app.call_from_thread(self._checked, profile, data, problems)

    def _checked(self, profile: IroProfile, data: bytes | None, problems: dict[str, str]) -> None:
        self._problems(
            {k: (v if k == "photo" else f"Not yet in words for this age: {v}") for k, v in problems.items()}
        )
        if problems:
            self.notify("Fix what is marked ✗ first.", severity="warning", timeout=4)
            return

        def job(store: Store) -> IroProfile:
            if data is not None:
                profile.photo = store.add_photo(data)
            store.save_profile(profile)
            return profile

        def done(kept: IroProfile) -> None:
            self.photo, self.remove_photo = kept.photo, False
            self.query_one("#profile-photo", Input).value = ""
            self._photo_state()
            self.app.remember(iro=kept.name)
            self.notify(f"Kept the profile of {kept.name}.", timeout=4, markup=False)

        self.app.db(job, done, failed="Could not keep the profile")

    def action_back(self) -> None:
        self.dismiss()
