"""`addressed-to-child`: sentences that talk *about* the child ("He stated…", "the young person",
"Mia is doing well") instead of *to* them.

The outcome letter is written to the child as "you". Each sentence that refers to the child in the
third person — by name, by a minutes phrase, or by a he/she that resolves to them (letters.checks.
rules.referents) — is a warning there; pronouns about other people ("your nan… she") are not. A
letter written as minutes is an error for the whole letter: it never says "you", or at least three
sentences, and a third or more of those that speak of the child, speak of them in the third person.
The child's name and pronouns come from the letter (`--child`, `--pronouns` for `letters check`);
without them, the name the letter greets ("Dear Kayden,") or declares ("Child: Mason") is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule, Scan
from letters.checks.rules.referents import PRONOUNS, State, UnitReferents, name_key, resolve, unit_referents

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

_ADVICE = advice("You told me...", "You said...")
_MINUTES = (
    "Jayden is a 12 year old boy who lives with his foster carers. He stated that he "
    "likes school. He wants to see his mother more often and his carers support this."
)
_ONE_PASTED = (
    "You told me you like your new school and your teacher, Mr Khan. He stated that he is happy "
    "in placement. We will meet again in the summer and you can choose where."
)
MUST_FLAG = (
    Example(_MINUTES, _MINUTES, severity=Severity.ERROR),
    Example(
        _ONE_PASTED, "He stated", severity=Severity.WARNING, note="one minutes sentence in a letter to 'you'"
    ),
    Example(
        "You told me school is going well. Mia is doing really well in maths.",
        "Mia",
        child="Mia",
        note="the child by name",
    ),
    Example(
        "Dear Kayden,\n\nYou were brave at your meeting. Kayden's teacher says he works hard.",
        "Kayden's",
        note="the name from the greeting",
    ),
    Example(
        "You told me you love football. Leo plays for the school team. He scored last week.",
        "He",
        child="Leo",
        pronouns="he/him",
        note="'He' resolves to Leo, the child",
    ),
    Example("The young person told us about school. You are doing well.", "The young person"),
)
MUST_NOT_FLAG = (
    Example(
        "You told me you like living with Gran. She takes you swimming and she makes "
        "your tea. Her dog is called Pepper and you walk him after school.",
        note="she and her are Gran",
    ),
    Example(
        "You see your mum on Saturdays. She brings her dog and he likes the park. Your dad "
        "rings you on Sundays; he works away.",
        child="Sam",
        pronouns="he/him",
        note="he is the dog, then your dad: other people",
    ),
    Example("Well done, Mia! You worked so hard this term. Mia, you should be proud.", child="Mia"),
    Example('You said, "He is my best friend and she is my nan."', child="Leo"),
    Example(
        "Your carers, Anne and Mark, are proud of you. They say you are kind. Anne says she loves "
        "your jokes.",
        child="Ellie",
        pronouns="she/her",
    ),
)


class AddressedToChild(Rule):
    id = "addressed-to-child"
    label = "Written to the child"
    severities = (Severity.ERROR, Severity.WARNING)
    severity_note = (
        "warning at each sentence that talks about the child (their name, he/she resolving to them, "
        '"the young person"); error for a letter that mostly does'
    )
    fix_kinds = (FixKind.ADVICE,)
    description = (
        'sentences that talk *about* the child ("He stated…", "the young person", "Mia is doing '
        'well") instead of *to* them; pronouns about other people are fine'
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG
    letter_wide = True

    def unit(self, reader: Reader, ua: UnitAnalysis) -> UnitReferents:
        return unit_referents(ua)

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        units = list(scan.each(self.id))
        names = _child_names(reader.child, units)
        gender = "".join(sorted({PRONOUNS[p] for p in reader.pronouns if p in PRONOUNS}))
        text = scan.text
        label = reader.child or "the child"
        state: State = ()
        about = you = 0
        out: list[Finding] = []
        for off, _, refs in units:
            resolved = resolve(refs, state, names, gender)
            state = resolved.state
            about += resolved.about
            you += resolved.you
            for m in resolved.hits:
                a, b = off + m.start, off + m.end
                out.append(
                    Finding(
                        self.id,
                        Severity.WARNING,
                        a,
                        b,
                        f"'{text[a:b]}' talks about {label}: write to them as 'you'.",
                        _ADVICE,
                        "This sentence speaks of the child in the third person, as minutes do; "
                        "the outcome letter is written to the child.",
                    )
                )
        # The whole letter: it never says "you", or a third or more of the sentences that speak of
        # the child speak of them in the third person (three at least: one pasted sentence is not
        # a letter written as minutes).
        if scan.total.words >= 20 and (you == 0 or (about >= 3 and 2 * about >= you)):
            yield Finding(
                self.id,
                Severity.ERROR,
                0,
                len(text),
                "This letter talks about the child instead of to them: write to them as 'you'.",
                advice("You told me...", "We talked about..."),
                f"{about} sentences talk about the child and {you} speak to them as 'you'. "
                "The outcome letter is written to the child.",
            )
        yield from out


def _child_names(child: str, units: Sequence[tuple[int, Any, UnitReferents]]) -> frozenset[str]:
    """The child's name as the letter may write it: each word of the given name, else the name the
    letter greets or declares."""
    if child.strip():
        return frozenset(name_key(w) for w in child.split())
    for _, _, refs in units:
        if refs.given_names:
            return frozenset(refs.given_names[:1])
    return frozenset()


RULE = AddressedToChild()
