"""`placeholder`: a slot or template text left in the letter, which must never reach the child.

A template suggestion such as "seeing [name]" leaves a slot to fill (letters.checks.slots); so do
templates written elsewhere ("<child's name>", "{{ name }}", "on XX/XX/2026", "did not go (say
why)"). Any of these left in the letter is an error, in the app, `letters check` and the export
screen. The fix names what fills the slot (from `letters.checks.slots.SLOTS`); when the letter
already knows the fill (the child's name), it is offered as the replacement.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, Fix, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule
from letters.checks.slots import SLOT_PATTERN, SLOTS

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

# Each kind of leftover. Square brackets: any slot (ours or not); braces: a
# template language's field; angle brackets: "<child's name>" (not an HTML tag or comment);
# capital Xs: a fill-in mask; a bracketed instruction to the writer: "(say why)", "(insert date)".
_HTML_TAGS = frozenset("a b i u p br hr em strong span div sub sup small li ul ol".split())
#: (a character the text must hold, the kind, its pattern): each pattern runs only where it can match.
_LEFTOVERS = (
    ("[", "slot", SLOT_PATTERN),
    ("{", "field", re.compile(r"\{\{?[^{}\n]{1,60}\}\}?")),
    ("<", "angle", re.compile(r"<[A-Za-z][A-Za-z '’_-]{0,40}>")),
    ("/", "mask", re.compile(r"(?<![\w/])(?=[\w/]*[XDMY]{2})[XDMY\d]{1,4}(?:/[XDMY\d]{1,4}){1,2}(?![\w/])")),
    ("XX", "mask", re.compile(r"(?<![\w/])X{2,}(?![\w/])")),
    ("(", "instruction", re.compile(r"\((?:say|insert|add|write|describe|enter|put)\b[^()\n]{0,60}\)")),
)
_NOT_PLACEHOLDERS = frozenset({"[sic]", "[?]", "[...]", "[…]"})
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")

MUST_FLAG = (
    Example("Your meeting is with [name] on Monday.", "[name]", severity=Severity.ERROR),
    Example(
        "Me, [your name], the person who checks your plan is right for you.",
        "[your name]",
        note="a template suggestion applied and not filled",
    ),
    Example("Dear <child's name>, it was good to see you.", "<child's name>"),
    Example("Your next meeting is on XX/XX/2026.", "XX/XX/2026"),
    Example("Dear XXXX, thank you for coming.", "XXXX"),
    Example("Your next meeting is on DD/MM/YYYY.", "DD/MM/YYYY"),
    Example("You did not go to school last week (say why).", "(say why)"),
    Example("Hello {{ child_name }}, thank you for talking to me.", "{{ child_name }}"),
    Example("Sam will ring [who?] about the trip.", "[who?]", note="any square-bracket slot, not only ours"),
)
MUST_NOT_FLAG = (
    Example("Your meeting is with Anne on Monday. You said it was fine (mostly)."),
    Example("You scored 10 (out of 10) and said the film was the best [sic]."),
    Example("You love Xbox games and you play with Xander.", note="X words are not a mask"),
    Example("It was good to see you on 12/03/2026."),
    Example("You said <3 to your nan.", note="not a tag"),
)


def _fixes(slot: str, reader: Reader) -> tuple[Fix, ...]:
    if slot == "[child's name]" and reader.child:
        return (Fix(FixKind.REPLACE, reader.child, exact=True),)
    what = SLOTS.get(slot)
    if what is not None:
        return advice(f"Write {what} in place of {slot}.")
    return advice("Write the words this stands for, or take it out.")


class Placeholder(Rule):
    id = "placeholder"
    label = "Unfilled slot"
    severities = (Severity.ERROR,)
    severity_note = "error"
    fix_kinds = (FixKind.REPLACE, FixKind.ADVICE)
    description = (
        "a template slot or template text left in the letter: `[name]`, `<child's name>`, "
        "`{{ name }}`, `XX/XX/2026`, `(say why)`"
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        text = ua.text
        matches = sorted(
            (
                (m.start(), m.end(), kind)
                for gate, kind, pattern in _LEFTOVERS
                if gate in text
                for m in pattern.finditer(text)
            ),
        )
        out: list[Finding] = []
        last = -1
        for start, end, kind in matches:
            found = text[start:end]
            if start < last:
                continue  # inside one already flagged
            if kind == "slot" and (found.lower() in _NOT_PLACEHOLDERS or _FOOTNOTE.fullmatch(found)):
                continue
            if kind == "angle" and found[1:-1].strip().lower() in _HTML_TAGS:
                continue
            if reader.allowed(ua, start, end):
                continue
            last = end
            if kind == "instruction":
                message = f"'{found}' is a note to the writer: write what it asks, then take it out."
            else:
                message = f"'{found}' is a placeholder: write the words it stands for before this is sent."
            out.append(
                Finding(
                    self.id,
                    Severity.ERROR,
                    start,
                    end,
                    message,
                    _fixes(found, reader),
                    "Template text left in a letter reaches the child as it is: a slot must be filled "
                    "(or the words taken out) before the letter is marked ready or sent.",
                )
            )
        return tuple(out)


RULE = Placeholder()
