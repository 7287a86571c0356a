"""Every key the app answers to, in one place: each screen's `BINDINGS` is one of these lists.

Each binding has an id (so a keymap can change it), a description (the footer and the command
palette) and a tooltip (the help screen, f1, which reads Textual's own active bindings of the screen
underneath, so what it lists is what the keys do now: `active_keys`). No actions here: those are
the screens' own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import ActiveBinding, Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.dom import DOMNode

#: Tab and shift+tab handled by the app as each key arrives, on screens with forms. Textual hands
#: keys to the focused widget's queue before it handles them; a non-priority Tab moves the focus
#: only when the field gets to it, so under load the keys typed after it still went into the field
#: before ("Jayden7"). As priority bindings the focus moves first, and the next keys follow it.
FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next field", id="focus.next", priority=True, show=False),
    Binding(
        "shift+tab", "app.focus_previous", "Previous field", id="focus.previous", priority=True, show=False
    ),
]

#: The app: everywhere.
APP: list[BindingType] = [
    Binding(
        "ctrl+n",
        "new_letter",
        "New letter",
        id="app.new_letter",
        priority=True,
        tooltip="Start a new letter, guided step by step",
    ),
    Binding("f1", "help", "Help", id="app.help", tooltip="List the keys for this screen"),
    Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Save and quit the app"),
]

#: Keys that a browser keeps for itself (new window, new tab, close tab, reload, print) moved when
#: the app is served to a browser (`letters serve`): binding id -> the key used there. Textual's
#: keymap applies it, so the footer, the help screen and the palette show the served keys.
SERVED_KEYMAP: dict[str, str] = {
    "app.new_letter": "ctrl+b",  # ctrl+n: a new browser window
    "export.ready": "ctrl+y",  # ctrl+r: reload
    "export.sent": "ctrl+o",  # ctrl+t: a new tab
    "writing.why": "f8",  # f5: reload
    "writing.amend": "f10",  # f8 is "why" when served; amend is also in the command palette
}
#: The command palette's key when served (ctrl+p prints the page).
SERVED_PALETTE = "ctrl+k"

#: Signing in to a team database.
SIGN_IN: list[BindingType] = [
    Binding(
        "ctrl+q", "app.quit", "Quit", id="sign_in.quit", priority=True, tooltip="Leave without signing in"
    ),
]

#: The letters list.
LETTERS: list[BindingType] = [
    Binding("o", "open", "Open", id="letters.open", tooltip="Open the highlighted letter"),
    Binding(
        "slash",
        "search",
        "Search",
        id="letters.search",
        priority=True,  # at once: the letters typed next go into the box, not to the list's keys
        tooltip="Find letters by the child's or the IRO's name",
    ),
    Binding(
        "f",
        "filter",
        "Filter",
        id="letters.filter",
        tooltip="Show all letters, drafts, ready, sent, or the bin",
    ),
    Binding(
        "c",
        "duplicate",
        "Copy",
        id="letters.duplicate",
        tooltip="Copy the highlighted letter as a new draft",
    ),
    Binding(
        "delete",
        "delete",
        "Delete",
        id="letters.delete",
        tooltip="Move the highlighted letter to the bin (it can be restored)",
    ),
    Binding("u", "restore", "Restore", id="letters.restore", tooltip="Take the letter out of the bin"),
    Binding(
        "d",
        "demo",
        "Demo letter",
        id="letters.demo",
        show=False,
        tooltip="Add a made-up letter to see how the app works",
    ),
    Binding(
        "ctrl+e",
        "export",
        "Export",
        id="letters.export",
        priority=True,
        tooltip="Write the highlighted letter as Word files",
    ),
    Binding(
        "a",
        "app.audit",
        "Audit",
        id="letters.audit",
        tooltip="QA audit: draw and grade a month's sample of letters",
    ),
    Binding(
        "escape,down",
        "leave_search",
        "Leave the search",
        id="letters.leave_search",
        show=False,
        tooltip="Back to the list from the search box (the search stays)",
    ),
    Binding(
        "h",
        "child",
        "Child's letters",
        id="letters.child",
        tooltip="The highlighted letter's child: their record and all their letters",
    ),
    Binding(
        "i",
        "iro_profile",
        "About me",
        id="letters.iro_profile",
        tooltip="Your IRO profile: a few words about you for a child's first letter from you",
    ),
]

#: A child's record and letters.
CHILD: list[BindingType] = [
    Binding("enter,o", "open", "Open letter", id="child.open", tooltip="Open the highlighted letter"),
    Binding(
        "n",
        "new_from_child",
        "New letter for this child",
        id="child.new",
        tooltip="Start the child's next letter, filled in from their latest one",
    ),
    Binding(
        "e",
        "edit_record",
        "Edit record",
        id="child.record",
        tooltip="Change the child's case number, when they became looked after, UASC",
    ),
    Binding(
        "w",
        "edit_words",
        "Own words",
        id="child.words",
        tooltip="What the child calls the people and places in their life, and words not to use",
    ),
    Binding(
        "m",
        "edit_review",
        "Review dates",
        id="child.review",
        tooltip="The highlighted review: when decisions were sent, why it was late, the review before",
    ),
    Binding("escape", "back", "Back", id="child.back", tooltip="Back to the letters"),
]

#: A dialog changing the child's record or a review's dates (letters.tui.screens.record_dialogs).
RECORD_DIALOG: list[BindingType] = [
    *FOCUS_KEYS,
    Binding("ctrl+s", "save", "Save", id="record.save", priority=True, tooltip="Save what you changed"),
    Binding(
        "escape", "cancel", "Leave", id="record.cancel", tooltip="Leave (asks first if you changed anything)"
    ),
]

#: The new-letter steps.
NEW_LETTER: list[BindingType] = [
    *FOCUS_KEYS,
    Binding(
        "pagedown",
        "next_step",
        "Next step",
        id="new.next",
        priority=True,
        tooltip="Check this step and go on",
    ),
    Binding(
        "pageup",
        "previous_step",
        "Back",
        id="new.back",
        priority=True,
        tooltip="Go back a step; nothing typed is lost",
    ),
    Binding("escape", "cancel", "Cancel", id="new.cancel", tooltip="Leave without making the letter"),
]

#: The writing screen.
WRITING: list[BindingType] = [
    *FOCUS_KEYS,
    Binding(
        "f2",
        "next_finding",
        "Next finding",
        id="writing.next_finding",
        tooltip="Select the next flagged words (in this section, then the next)",
    ),
    Binding(
        "f3",
        "apply_suggestion",
        "Apply fix",
        id="writing.apply",
        tooltip="Replace the flagged words with the suggestion",
    ),
    Binding(
        "f4",
        "ignore",
        "Ignore",
        id="writing.ignore",
        tooltip="Accept the flagged words in this letter from now on",
    ),
    Binding("f5", "why", "Why?", id="writing.why", tooltip="Why these words were flagged"),
    Binding(
        "f6",
        "preview",
        "Preview",
        id="writing.preview",
        priority=True,
        tooltip="See the letter as the child and the adults will read it",
    ),
    Binding(
        "ctrl+s",
        "save",
        "Save",
        id="writing.save",
        priority=True,
        tooltip="Save now (the app also saves a moment after you stop typing)",
    ),
    Binding(
        "ctrl+e",
        "export",
        "Export",
        id="writing.export",
        priority=True,
        tooltip="Write the Word files and mark the letter ready or sent",
    ),
    Binding(
        "ctrl+down",
        "next_section",
        "Next section",
        id="writing.next_section",
        priority=True,
        show=False,
        tooltip="Write the next section",
    ),
    Binding(
        "ctrl+up",
        "previous_section",
        "Previous section",
        id="writing.previous_section",
        priority=True,
        show=False,
        tooltip="Write the previous section",
    ),
    Binding(
        "ctrl+l",
        "toggle_section",
        "Leave out / put back",
        id="writing.toggle_section",
        show=False,
        tooltip="Leave this section out of the letter, or put it back",
    ),
    Binding(
        "f8",  # f7 is the editor's own "select all"
        "amend",
        "Amend",
        id="writing.amend",
        tooltip="Change this sent letter: asks why first; kept as 'amended after sending'",
    ),
    Binding(
        "ctrl+g",
        "glossary",
        "Glossary",
        id="writing.glossary",
        show=False,  # in f1 help and the palette: the footer keeps the keys used on every letter
        tooltip="Choose words to keep and explain on a page at the end of the letter",
    ),
    Binding(
        "f9",
        "child_words",
        "Child's words",
        id="writing.child_words",
        show=False,
        tooltip="What the child calls the people and places in their life, and words not to use",
    ),
    Binding(
        "escape", "back", "Letters", id="writing.back", tooltip="Save and go back to the list of letters"
    ),
]

#: The preview of both letters.
PREVIEW: list[BindingType] = [
    Binding(
        "1",
        "show_tab('child')",
        "For the child",
        id="preview.child",
        tooltip="The letter the child reads",
    ),
    Binding(
        "2",
        "show_tab('adults')",
        "For the adults",
        id="preview.adults",
        tooltip="The cover page and decisions for the adults, then the letter",
    ),
    Binding(
        "3",
        "show_tab('pictures')",
        "Pictures",
        id="preview.pictures",
        tooltip="The pictures the child's letter shows; pick another or none",
    ),
    Binding(
        "p",
        "toggle_pictures",
        "Pictures on/off",
        id="preview.toggle_pictures",
        tooltip="Turn pictures on or off for this letter",
    ),
    Binding(
        "ctrl+e",
        "export",
        "Export",
        id="preview.export",
        priority=True,
        tooltip="Write the Word files and mark the letter ready or sent",
    ),
    Binding("escape", "back", "Back to writing", id="preview.back", tooltip="Go back to the letter"),
]

#: Exporting a letter and marking it ready or sent.
EXPORT: list[BindingType] = [
    Binding(
        "ctrl+e",
        "export",
        "Write files",
        id="export.write",
        priority=True,
        tooltip="Write the child's letter and the adults' copy as Word files",
    ),
    Binding(
        "ctrl+r",
        "mark('ready')",
        "Mark ready",
        id="export.ready",
        priority=True,
        tooltip="Mark the letter ready to send",
    ),
    Binding(
        "ctrl+t",
        "mark('sent')",
        "Mark sent today",
        id="export.sent",
        priority=True,
        tooltip="Mark the letter sent, today",
    ),
    Binding("escape", "back", "Back", id="export.back", tooltip="Go back"),
]

#: How the letter read aloud says names (a dialog of the export screen).
NAMES_ALOUD: list[BindingType] = [
    Binding("ctrl+s", "keep", "Keep", id="names.keep", priority=True, tooltip="Keep these names"),
    Binding("escape", "cancel", "Cancel", id="names.cancel", tooltip="Close without changing"),
]

#: The child's own words (a dialog of the writing screen).
CHILD_WORDS: list[BindingType] = [
    Binding("ctrl+s", "keep", "Keep", id="words.keep", priority=True, tooltip="Keep these words"),
    Binding("escape", "cancel", "Cancel", id="words.cancel", tooltip="Close without changing"),
]

#: The glossary page (a dialog of the writing screen).
GLOSSARY: list[BindingType] = [
    Binding("ctrl+s", "keep", "Keep", id="glossary.keep", priority=True, tooltip="Keep these words"),
    Binding("escape", "cancel", "Cancel", id="glossary.cancel", tooltip="Close without changing"),
]

#: The IRO's profile.
IRO_PROFILE: list[BindingType] = [
    Binding("ctrl+s", "keep", "Keep", id="profile.keep", priority=True, tooltip="Keep this profile"),
    Binding("escape", "back", "Back", id="profile.back", tooltip="Back to the letters"),
]

#: The QA audit's month.
AUDIT: list[BindingType] = [
    Binding(
        "ctrl+d",
        "draw",
        "Draw sample",
        id="audit.draw",
        priority=True,
        tooltip="Draw the month's sample: letters per IRO, spread across age bands",
    ),
    Binding(
        "ctrl+g",
        "grade",
        "Grade letter",
        id="audit.grade",
        priority=True,
        tooltip="Grade the highlighted letter against the rubric",
    ),
    Binding(
        "ctrl+e",
        "export",
        "Export month",
        id="audit.export",
        priority=True,
        tooltip="Export the month's letters, answers and summary (xlsx, csv or docx)",
    ),
    Binding("escape", "back", "Back", id="audit.back", tooltip="Back to the letters"),
]

#: Grading one letter.
AUDIT_GRADE: list[BindingType] = [
    Binding(
        "ctrl+s",
        "save",
        "Save grading",
        id="grade.save",
        priority=True,
        tooltip="Save the answers and the overall grade",
    ),
    Binding(
        "escape",
        "cancel",
        "Back",
        id="grade.cancel",
        tooltip="Back to the sample (asks first if you have changed anything)",
    ),
]

#: The audit's export dialog.
AUDIT_EXPORT: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="audit_export.cancel"),
    Binding("ctrl+e", "write", "Write", id="audit_export.write", priority=True, tooltip="Write the export"),
]

#: A yes/no question.
CONFIRM: list[BindingType] = [
    Binding("escape", "answer(False)", "No", id="confirm.no"),
    Binding("y", "answer(True)", "Yes", id="confirm.yes"),
]

#: A choice from a list.
CHOICE: list[BindingType] = [Binding("escape", "dismiss_none", "Cancel", id="choice.cancel")]

#: A message.
MESSAGE: list[BindingType] = [Binding("escape,enter,q", "close", "Close", id="message.close")]

#: Asking why (an override, an amendment, a check switched off).
REASON: list[BindingType] = [Binding("escape", "cancel", "Cancel", id="reason.cancel")]

#: The letter changed elsewhere while this window was writing it.
CONFLICT: list[BindingType] = [
    Binding(
        "r", "choose('reload')", "Reload theirs", id="conflict.reload", tooltip="Show the letter as saved"
    ),
    Binding("c", "choose('compare')", "Compare", id="conflict.compare", tooltip="See both texts"),
    Binding(
        "k",
        "choose('mine')",
        "Keep mine",
        id="conflict.mine",
        tooltip="Save this window's text as the letter (the other stays in its history)",
    ),
]

#: Both texts of a letter that changed elsewhere.
COMPARE: list[BindingType] = [
    Binding("r", "choose('reload')", "Use theirs", id="compare.reload"),
    Binding("k", "choose('mine')", "Use mine", id="compare.mine"),
    Binding("escape", "choose('back')", "Back", id="compare.back"),
]

#: Quitting while the letter cannot be saved.
UNSAVED: list[BindingType] = [
    Binding("r", "choose('retry')", "Try again", id="unsaved.retry"),
    Binding("w", "choose('recovery')", "Write a recovery file", id="unsaved.recovery"),
    Binding("escape", "choose('stay')", "Keep the app open", id="unsaved.stay"),
]
#: The apply dialog (f3).
APPLY: list[BindingType] = [Binding("escape", "cancel", "Cancel", id="apply.cancel")]

#: Asking for a date.
ASK_DATE: list[BindingType] = [Binding("escape", "cancel", "Cancel", id="ask_date.cancel")]

#: The help screen.
HELP: list[BindingType] = [
    Binding("escape,f1,q", "dismiss", "Close help", id="help.close"),
]


@dataclass(frozen=True, slots=True)
class ActiveKey:
    """A key that works now on a screen, as the help screen lists it."""

    keys: str  # "f3", or "escape / f1" when several keys do the same
    what: str  # the tooltip, else the description
    enabled: bool  # False: the key does nothing at the moment (no finding to apply, say)
    everywhere: bool  # an app-wide key rather than this screen's or the focused part's


#: Better words for keys Textual itself binds (its descriptions are terse).
TEXTUAL_WORDS: dict[str, str] = {
    "app.focus_next": "Move to the next part of the screen (the next field)",
    "app.focus_previous": "Move to the previous part of the screen (the previous field)",
    "command_palette": "Command palette: search everything this screen can do",
}


def active_keys(screen: Screen[Any]) -> list[ActiveKey]:
    """The keys that work on `screen` now, read from Textual's own active bindings (after any
    keymap, without keys the focused input would type), each action once. A focused widget's own
    keys (a text box's cursor keys) are left out unless it shows them in the footer."""
    found: dict[tuple[int, str], tuple[list[str], ActiveBinding]] = {}
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if not binding.description or binding.system:
            continue
        if not isinstance(node, (App, Screen)) and not binding.show:
            continue
        keys, _ = found.setdefault((id(node), binding.action), ([], active))
        keys.append(key)
    return [
        ActiveKey(
            " / ".join(keys),
            TEXTUAL_WORDS.get(active.binding.action) or active.binding.tooltip or active.binding.description,
            active.enabled,
            isinstance(active.node, App) or active.binding in (*Screen.BINDINGS, *FOCUS_KEYS),
        )
        for keys, active in found.values()
    ]


def described(node_type: type[DOMNode]) -> list[Binding]:
    """A screen's or the app's own bindings that have a description (what the palette offers)."""
    return [b for b in getattr(node_type, "BINDINGS", []) if isinstance(b, Binding) and b.description]
