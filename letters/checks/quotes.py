"""Which quotations are the child's own words: left as they are, never flagged or "fixed".

Quotation marks alone do not make words the child's: a letter also puts quotes around a term it is
wary of ("what 'permanence' means for you"), around official names ("your 'Child in Care
review'") and around what an adult said ("your social worker said the 'placement' is going
well"), and those words reach the child like any others, so they are checked. A quotation is the
child's own words when it is attributed to them:

- "you" says it, before the quote: `You said, "…"`, `You told us "…"`, `you wrote: "…"`,
  `In your words, "…"`; or after it: `"…," you said.`;
- or it speaks in the first person and no one else is said to have said it (`"I want to stay
  here."`, `"My room is the best."`, as under a heading "In your words").

Plain text in, spans out: no tokenizer, no rules.
"""

from __future__ import annotations

import re

# Double quotes, curly or straight; single curly quotes that open after a space or at the start
# (so "Bev's" and "it’s" are not quotes). An unclosed quote runs to the end of the text.
_QUOTE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|(?:(?<=\s)|^)[‘'][^’'\n]*(?:[’'](?!\w)|$)")
_SAYING = (
    r"said|say|says|saying|told|tell|tells|telling|wrote|write|writes|written|asked|ask|asks|"
    r"explained|explain|shared|share|added|add|replied|answered|put it|described|describe"
)
_VERB = re.compile(rf"\b(?:{_SAYING})\b", re.I)
_GAP = re.compile(r"[^.!?\"“”]{0,40}")
# The word before the verb that says who: "You (also) said", "your social worker (has) said".
_WHO = re.compile(r"([\w'’]+)(?:\s+(?:also|then|just|really|once|always|have|has|had|did|\w+ly))?\s*$")
_YOUR_WORDS = re.compile(
    r"\b(?:in your (?:own )?words|your (?:own )?words (?:were|are|was))\b[^.!?\"“”]{0,20}$", re.I
)
# "…," you said. / "…" Sam told me.
_AFTER = re.compile(rf"^[\s,]*(?P<who>[\w'’]+)(?:\s+\w+)?\s+(?:{_SAYING})\b", re.I)
_FIRST_PERSON = re.compile(r"^[\"“‘'\s]*(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|My|Me|We|We're|We’re|Our)\b")
_CHILD = frozenset({"you", "you've", "you’ve"})


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Every span inside quotation marks (the marks included)."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def speaker(text: str, start: int, end: int) -> str | None:
    """Who the quotation at [start, end) is attributed to: "child", "other", or None (nobody)."""
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    before = text[sentence_start:start]
    if _YOUR_WORDS.search(before):
        return "child"
    verbs = list(_VERB.finditer(before))
    if verbs and _GAP.fullmatch(before, verbs[-1].end()):  # the nearest saying verb, just before
        who = _WHO.search(before, 0, verbs[-1].start())
        return "child" if who is not None and who.group(1).lower() in _CHILD else "other"
    after = _AFTER.match(text[end : end + 40])
    if after is not None:
        return "child" if after.group("who").lower() in _CHILD else "other"
    return None


def attributed(text: str, start: int, end: int) -> bool:
    """Whether the quotation at [start, end) is the child's own words (see the module's docstring)."""
    who = speaker(text, start, end)
    if who is not None:
        return who == "child"
    return _FIRST_PERSON.match(text, start) is not None


def own_words_spans(text: str) -> list[tuple[int, int]]:
    """The quotations that are the child's own words: the spans no rule may flag."""
    if not any(c in text for c in "\"“‘'"):
        return []
    return [(a, b) for a, b in quote_spans(text) if attributed(text, a, b)]
