"""The hidden-agent rule: a decision or a worry with no one doing it.

"It was decided", "it was agreed", "a referral will be made", "you will be moved": a passive
(a form of "be" and a past participle from `PARTICIPLES`, a word list: no model) with no "by ..."
after it leaves a child not knowing who decided, or who to ask. The rule reads the shared analysis
of a unit (`UnitAnalysis`) and reports `info`; where the finding falls in the letter decides the
rest (`in_sections`, given the section map of `LetterReport`): a `warning` in the decisions and
the worries, and nothing in a decision row whose "who" is filled in (the row says who).

Fixes name who: "It was decided" becomes "We decided" (the writer must judge: "we" means everyone
at the meeting); "A referral will be made" becomes the template "[name] will make a referral",
whose slot the apply dialog fills from the letter's people (letters.checks.slots); and the advice
to say who, with an example. This module decides what is flagged, not how it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, Fix, FixKind, Severity, words
from letters.checks.rules.base import Example, Reader, Rule
from letters.checks.spelling import dictionary

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis, Word
    from letters.checks.parts import PartKey
    from letters.model import Letter

RULE_ID = "hidden-agent"

#: Past participle -> (base form, past tense), for the verbs of decisions, plans and worries.
#: Adjectival participles of feeling ("pleased", "worried", "interested") are left out on
#: purpose: "you were worried" says who.
PARTICIPLES: dict[str, tuple[str, str]] = {
    "agreed": ("agree", "agreed"),
    "allocated": ("allocate", "allocated"),
    "applied": ("apply", "applied"),
    "approved": ("approve", "approved"),
    "arranged": ("arrange", "arranged"),
    "asked": ("ask", "asked"),
    "assessed": ("assess", "assessed"),
    "authorised": ("authorise", "authorised"),
    "authorized": ("authorize", "authorized"),
    "booked": ("book", "booked"),
    "cancelled": ("cancel", "cancelled"),
    "changed": ("change", "changed"),
    "chosen": ("choose", "chose"),
    "commissioned": ("commission", "commissioned"),
    "completed": ("complete", "completed"),
    "concluded": ("conclude", "concluded"),
    "confirmed": ("confirm", "confirmed"),
    "considered": ("consider", "considered"),
    "consulted": ("consult", "consulted"),
    "contacted": ("contact", "contacted"),
    "decided": ("decide", "decided"),
    "delayed": ("delay", "delayed"),
    "determined": ("determine", "determined"),
    "discussed": ("discuss", "discussed"),
    "done": ("do", "did"),
    "ended": ("end", "ended"),
    "escalated": ("escalate", "escalated"),
    "established": ("establish", "established"),
    "expected": ("expect", "expected"),
    "explained": ("explain", "explained"),
    "extended": ("extend", "extended"),
    "felt": ("feel", "felt"),
    "given": ("give", "gave"),
    "granted": ("grant", "granted"),
    "held": ("hold", "held"),
    "helped": ("help", "helped"),
    "highlighted": ("highlight", "highlighted"),
    "identified": ("identify", "identified"),
    "increased": ("increase", "increased"),
    "informed": ("inform", "informed"),
    "made": ("make", "made"),
    "monitored": ("monitor", "monitored"),
    "moved": ("move", "moved"),
    "noted": ("note", "noted"),
    "offered": ("offer", "offered"),
    "organised": ("organise", "organised"),
    "organized": ("organize", "organized"),
    "placed": ("place", "placed"),
    "planned": ("plan", "planned"),
    "proposed": ("propose", "proposed"),
    "provided": ("provide", "provided"),
    "raised": ("raise", "raised"),
    "recommended": ("recommend", "recommended"),
    "reduced": ("reduce", "reduced"),
    "referred": ("refer", "referred"),
    "refused": ("refuse", "refused"),
    "reported": ("report", "reported"),
    "requested": ("request", "requested"),
    "required": ("require", "required"),
    "reviewed": ("review", "reviewed"),
    "sent": ("send", "sent"),
    "shared": ("share", "shared"),
    "stopped": ("stop", "stopped"),
    "submitted": ("submit", "submitted"),
    "suggested": ("suggest", "suggested"),
    "supported": ("support", "supported"),
    "taken": ("take", "took"),
    "thought": ("think", "thought"),
    "told": ("tell", "told"),
    "undertaken": ("undertake", "undertook"),
    "updated": ("update", "updated"),
    "written": ("write", "wrote"),
}
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "it's", "it’s"})
_HAVE = frozenset({"has", "have", "had"})
#: Words that may stand between "be" and the participle ("was also agreed", "is being reviewed").
_BETWEEN = frozenset({"also", "now", "then", "not", "already", "still", "just", "currently", "being", "all"})
_FUTURE = frozenset({"will", "shall", "would", "should", "must", "can", "could", "may", "might", "to"})
_DUMMY = frozenset({"it", "it's", "it’s"})
#: Subjects that end a search backwards for the passive's subject ("that a referral will be made").
_CLAUSE_START = frozenset({"that", "and", "but", "so", "because", "when", "if", "then", "also"})
_MAX_SUBJECT = 4
_AGENT_WINDOW = 4  # "by ..." within this many words after the participle names who

ADVICE = "Say who will do it, by name or role: 'Your social worker, BW, will...'."
_WE = "'we' means everyone at the meeting: say who, if it was one person"
REASON = (
    "A decision or worry that does not say who ('it was decided', 'a referral will be made') "
    "leaves the child not knowing who decided or who to ask. Say who: 'We decided', "
    "'Your social worker, BW, will...'."
)
#: Sections where a hidden agent is a warning (a decision's own "what" is in "decisions" too).
WARN_IN = frozenset({"decisions", "worries"})


def find(ua: UnitAnalysis) -> list[Finding]:
    """Hidden agents in one unit, as `info` (see `in_sections`), offsets relative to the unit."""
    words = ua.words
    out: list[Finding] = []
    for j, w in enumerate(words):
        forms = PARTICIPLES.get(w.lower)
        if forms is None or w.quoted:
            continue
        be = _be_before(words, j)
        if be is None or _agent_after(words, j):
            continue
        out.append(_finding(ua.text, words, be, j, forms))
    return out


def _be_before(words: Sequence[Word], j: int) -> int | None:
    """Index of the form of "be" this participle follows (one adverb may stand between)."""
    for k in (j - 1, j - 2):
        if k < 0 or words[k].sentence != words[j].sentence:
            return None
        if words[k].lower in _BE:
            if k == j - 2 and words[j - 1].lower not in _BETWEEN:
                return None
            return k
        if words[k].lower not in _BETWEEN:
            return None
    return None


def _agent_after(words: Sequence[Word], j: int) -> bool:
    for k in range(j + 1, min(len(words), j + 1 + _AGENT_WINDOW)):
        if words[k].sentence != words[j].sentence:
            break
        if words[k].lower == "by":
            return True
    return False


def _finding(text: str, words: Sequence[Word], be: int, j: int, forms: tuple[str, str]) -> Finding:
    base, past = forms
    sentence = words[j].sentence
    # The verb group: "will be made", "has been agreed", "should be decided".
    start = be
    while (
        start > 0
        and words[start - 1].sentence == sentence
        and words[start - 1].lower in _FUTURE | _HAVE | _BE - _DUMMY
    ):
        start -= 1
    group = [words[k].lower for k in range(start, j + 1)]
    modal = next((g for g in group if g in _FUTURE), None)
    if modal is not None:
        verb = f"{'will' if modal == 'to' else modal} {base}"  # "will be made" -> "will make"
    elif "been" in group:
        verb = f"{'had' if 'had' in group else 'have'} {words[j].lower}"
    elif words[be].lower in ("is", "are", "it's", "it’s"):
        verb = "present"  # "we expect"; "[name] reviews your plan" needs more than a word list
    else:
        verb = past
    fixes: list[Fix] = []
    dummy = words[be].lower in _DUMMY or (start > 0 and words[start - 1].lower in _DUMMY)
    if verb == "present":
        verb = base if dummy else ""
    if dummy:
        # "It was decided (that)": the plainest fix is "We decided".
        if words[be].lower not in _DUMMY:
            start -= 1
        if verb:
            fixes.append(Fix(FixKind.REPLACE, _case_of(words[start], f"we {verb}"), note=_WE))
    else:
        subject = _subject(words, start)
        if subject is not None:
            if verb:
                obj = text[words[subject].start : words[start - 1].end]
                if words[subject].lower in dictionary() and not words[subject].name:
                    obj = obj[:1].lower() + obj[1:]  # "Your plan" -> "your plan", not "Mia's"
                verb = verb.replace("have ", "has ") if verb.startswith("have ") else verb
                fixes.append(words_fix(_case_of(words[subject], f"[name] {verb} {obj}")))
            start = subject
    fixes.append(Fix(FixKind.ADVICE, ADVICE))
    span_start, span_end = words[start].start, words[j].end
    flagged = text[span_start:span_end]
    return Finding(
        RULE_ID,
        Severity.INFO,
        span_start,
        span_end,
        f"'{flagged}' does not say who: name who decided, or who will do it.",
        tuple(fixes),
        REASON,
    )


def _subject(words: Sequence[Word], start: int) -> int | None:
    """Where the passive's subject begins ("A referral", "your contact"), if it is short and
    starts its clause; None otherwise (then only the verb group is flagged)."""
    sentence = words[start].sentence
    k = start
    while k > 0 and words[k - 1].sentence == sentence and words[k - 1].lower not in _CLAUSE_START:
        k -= 1
        if start - k > _MAX_SUBJECT:
            return None
    if k == start:
        return None
    return k


def _case_of(first: Word, text: str) -> str:
    """`text` capitalised as the flagged words were: "It was decided" -> "We decided"."""
    if text.startswith("["):
        return text
    return (text[:1].upper() if first.text[:1].isupper() else text[:1].lower()) + text[1:]


def in_sections(
    by_part: Mapping[PartKey, Sequence[Finding]], letter: Letter
) -> dict[PartKey, tuple[Finding, ...]]:
    """`LetterReport`'s map with hidden agents judged by where they are: a warning in the worries
    and the decisions (and in a decision with no "who"), none in a decision whose "who" is filled
    in, info elsewhere."""
    out: dict[PartKey, tuple[Finding, ...]] = {}
    for part, findings in by_part.items():
        kept: list[Finding] = []
        for f in findings:
            if f.rule != RULE_ID:
                kept.append(f)
            elif part.decision is not None and _who(letter, part.decision):
                continue
            elif part.section in WARN_IN:
                kept.append(_as_warning(f))
            else:
                kept.append(f)
        out[part] = tuple(kept)
    return out


def _who(letter: Letter, index: int) -> bool:
    return 0 <= index < len(letter.decisions) and bool(letter.decisions[index].who.strip())


def _as_warning(f: Finding) -> Finding:
    return Finding(f.rule, Severity.WARNING, f.start, f.end, f.message, f.fixes, f.reason)


def words_fix(text: str) -> Fix:
    return words(text, note="choose who from the letter's people")


class HiddenAgent(Rule):
    id = RULE_ID
    label = "Who decided"
    severities = (Severity.WARNING, Severity.INFO)
    severity_note = (
        "warning in the worries and the decisions, info elsewhere; none where the decision's "
        "'who' is filled in"
    )
    fix_kinds = (FixKind.REPLACE, FixKind.TEMPLATE, FixKind.ADVICE)
    description = "a decision or worry that does not say who: 'it was decided', 'a referral will be made'"
    must_flag = (
        Example("It was decided that you will stay with Anne and Mark.", "It was decided"),
        Example("It was agreed you can have a phone.", "It was agreed"),
        Example("A referral will be made to the dentist.", "A referral will be made"),
        Example("Your family time will be reduced to once a month.", "Your family time will be reduced"),
        Example("It has been decided that you will move school.", "It has been decided"),
        Example("We talked, and it was also agreed that you can go.", "it was also agreed"),
    )
    must_not_flag = (
        Example("We decided that you will stay with Anne and Mark."),
        Example("A referral will be made by your social worker, BW.", note="says who"),
        Example("You were pleased with your new bike.", note="a feeling, not a decision"),
        Example('You said "it was decided without me" and we listened.', note="the child's words"),
        Example("Your worker is called Sam."),
    )

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        return tuple(find(ua))


RULE = HiddenAgent()
