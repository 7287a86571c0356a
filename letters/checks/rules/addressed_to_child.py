"""`addressed-to-child`: a letter that talks *about* the child ("He stated…", "the young person")
instead of *to* them.

The outcome letter is written to the child as "you". A letter with almost no "you", or with more
third-person references than "you", is an error for the whole letter, and each minutes-style phrase
in it is a warning.
"""

from __future__ import annotations

from collections.abc import Iterable

from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule, Scan

_MINUTES = (
    "Jayden is a 12 year old boy who lives with his foster carers. He stated that he "
    "likes school. He wants to see his mother more often and his carers support this."
)
MUST_FLAG = (Example(_MINUTES, _MINUTES, severity=Severity.ERROR),)
MUST_NOT_FLAG = (
    Example(
        "You told me you like living with Gran. She takes you swimming and she makes "
        "your tea. Her dog is called Pepper and you walk him after school.",
        note="she and her are Gran",
    ),
)


class AddressedToChild(Rule):
    id = "addressed-to-child"
    label = "Written to the child"
    severities = (Severity.ERROR, Severity.WARNING)
    severity_note = (
        "error for a letter that mostly talks about the child; warning at each minutes-style phrase in it"
    )
    fix_kinds = (FixKind.ADVICE,)
    description = (
        'a letter that talks *about* the child ("He stated…", "the young person") instead of *to* them'
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG
    letter_wide = True
    per_unit = False

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        second = third = 0
        about: list[tuple[int, int]] = []
        for off, ua in scan.units:
            second += ua.second_person
            third += ua.third_person
            about.extend((off + a, off + b) for a, b in ua.about_child)
        if scan.total.words < 20 or not (second == 0 or (third >= 3 and second < third)):
            return
        text = scan.text
        yield Finding(
            self.id,
            Severity.ERROR,
            0,
            len(text),
            "This letter talks about the child instead of to them: write to them as 'you'.",
            advice("You told me...", "We talked about..."),
            f"Found {second} uses of 'you/your' and {third} of he/she or 'the child'. "
            "The outcome letter is written to the child.",
        )
        for a, b in about:
            yield Finding(
                self.id,
                Severity.WARNING,
                a,
                b,
                f"'{text[a:b]}' talks about the child: write to them as 'you'.",
                advice("You told me...", "You said..."),
                "Phrases like 'the young person' or 'he stated' belong in minutes, not in a "
                "letter to the child.",
            )


RULE = AddressedToChild()
