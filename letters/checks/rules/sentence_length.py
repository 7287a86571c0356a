"""`sentence-length`: sentences longer than this reader can follow, and short ones of very long words.

The ceiling comes from `letters.checks.readability.sentence_limit` (10 words under 7, where the aim
is 5-8; then 15 / 18 / 22 / 25 for targets up to 8 / 10 / 12 / above; EAL x 0.8). Headings,
greetings and sign-offs are not sentences, and the child's own words quoted in a sentence do not
count. Over the ceiling is a warning when the sentence is half as long again, or when its words
are long too (syllables a word at or above adult written English's average); a little over in
everyday words is an info note; twice the ceiling is an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.checks import readability as ra
from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

#: Syllables a word below which a sentence's words are everyday: about the average of adult
#: written English (1.4-1.5); everyday speech and children's books run nearer 1.2-1.3.
EVERYDAY_SYLLABLES = 1.4

_LONG = (
    "You told me that you would like to go to the park with your brother and your sister "
    "on Saturdays after football when the weather is nice and warm."
)
_EAL = "Your nan will visit you every Sunday and you will go for a walk."

_FORMAL = "Your carers reported that your presentation has been appropriate following the arrangements."

MUST_FLAG = (
    Example(_LONG, _LONG, age=8, severity=Severity.WARNING),
    Example(_EAL, _EAL, age=9, eal=True, note="shorter sentences for English learners"),
    Example(
        "Bryn will ask Nan if you and Cerys can go to the cinema together.",
        "Bryn will ask Nan if you and Cerys can go to the cinema together.",
        age=6,
        severity=Severity.INFO,
        note="a little over the limit in everyday words: a note",
    ),
    Example(_FORMAL, _FORMAL, age=6, severity=Severity.WARNING, note="a little over, in long words"),
)
MUST_NOT_FLAG = (
    Example("You like school. You like your teacher. You want to stay.", age=6),
    Example(
        "You told me that you want to keep going to your dance class on "
        "Tuesday nights with your best friend.",
        age=15,
    ),
    Example(
        'You said, "I want the twins to sleep over at my house on Saturday."',
        age=6,
        note="the child's own words do not count against the sentence",
    ),
)


class SentenceLength(Rule):
    id = "sentence-length"
    label = "Long sentence"
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    severity_note = (
        "warning at 1.5 times the limit, or over it in long words; info a little over it in everyday "
        "words, and for a short sentence of very long words; error at twice the limit"
    )
    fix_kinds = (FixKind.ADVICE,)
    description = (
        "sentences longer than the reader's ceiling (10 words under 7, where the aim is 5–8; then "
        "15 / 18 / 22 / 25 words for targets up to 8 / 10 / 12 / above; EAL × 0.8)"
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        limit = reader.limit
        out: list[Finding] = []
        quoted: dict[int, int] | None = None
        for i, s in enumerate(ua.sentences):
            if not s.scored:
                continue
            n = s.counts.words
            if n > limit:
                # The child's own words in the sentence are theirs: the IRO cannot shorten them.
                if quoted is None:
                    quoted = {}
                    for w in ua.words:
                        if w.quoted:
                            quoted[w.sentence] = quoted.get(w.sentence, 0) + 1
                n -= quoted.get(i, 0)
            if n > limit:
                everyday = s.counts.syllables < EVERYDAY_SYLLABLES * s.counts.words
                if n >= 2 * limit:
                    severity = Severity.ERROR
                elif n * 2 >= 3 * limit or not everyday:
                    severity = Severity.WARNING
                else:
                    severity = Severity.INFO  # a little over, in everyday words: worth a look
                message = f"This sentence has {n} words; for this reader keep sentences to {limit} or fewer."
                if severity is Severity.INFO:
                    message += " Its words are short, so it may read well: split it if it holds two ideas."
                out.append(
                    Finding(
                        self.id,
                        severity,
                        s.start,
                        s.end,
                        message,
                        advice("Split it into shorter sentences, one idea each."),
                        f"Sentence limit {limit} words for reading age {reader.target:g}"
                        + (" (English as an additional language: shorter)" if reader.profile.eal else "")
                        + ". Long sentences are the first thing that makes a letter hard to follow; "
                        "one a little over the limit, in everyday words, is a note, not a warning.",
                    )
                )
            elif n >= 10:  # on fewer words a formula is noise
                grade = ra.flesch_kincaid_grade(s.counts) + ra.UK_OFFSET
                if grade > reader.target + 4:
                    out.append(
                        Finding(
                            self.id,
                            Severity.INFO,
                            s.start,
                            s.end,
                            f"This sentence is hard to read (reading age about {grade:.0f}): "
                            "its words are long.",
                            advice("Use shorter, everyday words."),
                            "Flesch-Kincaid on this sentence alone is far above the reader's target.",
                        )
                    )
        return tuple(out)


RULE = SentenceLength()
