"""The pre-send gate: what is marked ready or sent is what was checked, and its errors are seen.

`check_before_sending` checks the stored letter with the same engine the app and `letters check`
use and returns a `PreSendCheck`: the open findings by severity, and the errors that a rule
switched off for this letter or words accepted in it would hide (each with the reason given for
that, from `Store.waivers`; one hidden without a reason counts as open). The check carries the
content fingerprint of the text it checked; `Store.set_status` marks the letter only if the stored
text still has that fingerprint, and only with a reason when errors are open (`SendBlocked`).
Letters brought in by `letters import` are records of letters sent elsewhere: the check lists
their findings but never blocks.

The CLI (`letters status`, `letters export --status`, `letters new`) and the app's export screen
both go through here; neither decides on its own what may be sent. Plain Python: no Textual, and
no database access beyond the `Store` API.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from letters.model import Letter, Status
from letters.store.documents import letter_fingerprint

if TYPE_CHECKING:
    from letters.checks import Finding
    from letters.checks.parts import PartKey
    from letters.config import ChecksConfig
    from letters.store import Store
    from letters.store.sending import Waiver

SEVERITIES = ("error", "warning", "info")
_SNIPPET = 60  # characters of flagged words kept with a finding


@dataclass(frozen=True, slots=True)
class GateFinding:
    """A finding as the gate reports it: which rule, where in the letter, what it says."""

    rule: str
    severity: str
    where: str  # "Worries", "What we decided, decision 2", "the whole letter"
    text: str  # the flagged words (shortened), "" for a whole-letter finding
    message: str
    waived_by: str = ""  # what hides it: "the jargon check is off for this letter"
    reason: str = ""  # the reason given for that ("" when none was)

    def describe(self) -> str:
        line = f"{self.severity} {self.rule} ({self.where}): {self.message}"
        if self.waived_by:
            line += f" Hidden because {self.waived_by}, " + (
                f"for this reason: {self.reason}" if self.reason else "with no reason given."
            )
        return line

    def to_json(self) -> dict[str, str]:
        data = {
            "rule": self.rule,
            "severity": self.severity,
            "where": self.where,
            "text": self.text,
            "message": self.message,
        }
        if self.waived_by:
            data |= {"waived_by": self.waived_by, "reason": self.reason}
        return data


#: How many open warnings marking ready or sent lists one by one (the rest are counted).
WARNINGS_LISTED = 20


@dataclass(frozen=True, slots=True)
class PreSendCheck:
    """The letter's open findings just before it is marked, and the errors its waivers hide."""

    letter_id: int | None
    fingerprint: str  # of the text checked (letters.store.documents.content_fingerprint)
    imported: bool
    open: tuple[GateFinding, ...]  # what the checks show now, every severity
    waived: tuple[GateFinding, ...] = ()  # errors hidden by a rule off or words accepted
    rules_off: tuple[tuple[str, str], ...] = ()  # (rule, reason or "") switched off in this letter

    @property
    def errors(self) -> tuple[GateFinding, ...]:
        """Open errors, and errors hidden by a waiver nobody gave a reason for."""
        return tuple(f for f in self.open if f.severity == "error") + tuple(
            f for f in self.waived if not f.reason
        )

    @property
    def blocks(self) -> bool:
        """Whether marking ready or sent needs a reason (never for imported letters)."""
        return bool(self.errors) and not self.imported

    def counts(self) -> dict[str, int]:
        counts = {s: sum(1 for f in self.open if f.severity == s) for s in SEVERITIES}
        counts["error"] = len(self.errors)
        return counts

    def summary(self) -> str:
        """ "2 errors, 5 warnings, 1 info", or "no open findings"."""
        counts = self.counts()
        parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s in SEVERITIES if (n := counts[s])]
        return ", ".join(parts) or "no open findings"

    def lines(self) -> list[str]:
        """What to show before marking: the counts, every error, then what is switched off."""
        counts = self.counts()
        out = [f"Open findings: {self.summary()}." if any(counts.values()) else "No open findings."]
        if self.imported:
            out.append("This letter was imported (sent elsewhere): the findings do not stop it.")
        out += [f"  {f.describe()}" for f in self.errors]
        warnings = [f for f in self.open if f.severity == "warning"]
        if warnings:  # by severity: the errors above, then each warning (notes are only counted)
            out.append("Warnings:")
            out += [f"  {f.describe()}" for f in warnings[:WARNINGS_LISTED]]
            if len(warnings) > WARNINGS_LISTED:
                out.append(
                    f"  …and {len(warnings) - WARNINGS_LISTED} more (see them in the app or `letters check`)."
                )
        return out + self.waiver_lines()

    def waiver_lines(self) -> list[str]:
        """The errors accepted with a reason, and the checks switched off with none."""
        out = []
        explained = [f for f in self.waived if f.reason]
        if explained:
            out.append("Errors accepted in this letter, with the reasons given:")
            out += [f"  {f.describe()}" for f in explained]
        silent = [rule for rule, why in self.rules_off if not why]
        if silent:
            out.append(f"Checks switched off for this letter with no reason given: {', '.join(silent)}.")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "letter": self.letter_id,
            "imported": self.imported,
            "counts": self.counts(),
            "errors": [f.to_json() for f in self.errors],
            "waived": [f.to_json() for f in self.waived if f.reason],
        }


def _where(part: PartKey | None, letter: Letter) -> str:
    if part is None:
        return "the whole letter"
    section = letter.section(part.section)
    heading = section.heading if section is not None else part.section
    return f"{heading}, decision {part.decision + 1}" if part.decision is not None else heading


def _findings(
    letter: Letter, config: ChecksConfig | None
) -> dict[tuple[PartKey | None, str, int, int], GateFinding]:
    """Every finding of the letter keyed by (part, rule, start, end)."""
    from letters.checks import check_letter

    report = check_letter(letter, config)
    found: dict[tuple[PartKey | None, str, int, int], GateFinding] = {}

    def add(part: PartKey | None, finding: Finding) -> None:
        text = report.texts.get(part, "")[finding.start : finding.end] if part is not None else ""
        if len(text) > _SNIPPET:
            text = text[: _SNIPPET - 1] + "…"
        found[(part, finding.rule, finding.start, finding.end)] = GateFinding(
            finding.rule, str(finding.severity), _where(part, letter), text, finding.message
        )

    for finding in report.letter_wide:
        add(None, finding)
    for part, findings in report.by_part.items():
        for finding in findings:
            add(part, finding)
    return found


def check_letter_before_sending(
    letter: Letter,
    *,
    config: ChecksConfig | None = None,
    waivers: Iterable[Waiver] = (),
    imported: bool = False,
) -> PreSendCheck:
    """The pre-send check of `letter` as it is (see the module docstring)."""
    reasons = {(w.kind, w.value.casefold()): w.reason for w in waivers}
    shown = _findings(letter, config)
    hidden: list[GateFinding] = []
    if letter.allow or letter.disabled_rules:
        bare = dataclasses.replace(letter, allow=[], disabled_rules=[])
        for key, finding in _findings(bare, config).items():
            if finding.severity != "error" or key in shown:
                continue
            hidden.append(_waived(finding, letter, reasons))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return PreSendCheck(
        letter.id,
        letter_fingerprint(letter),
        imported,
        tuple(sorted(shown.values(), key=lambda f: order.get(f.severity, 3))),
        tuple(hidden),
        tuple((rule, reasons.get(("rule", rule.casefold()), "")) for rule in letter.disabled_rules),
    )


def _waived(finding: GateFinding, letter: Letter, reasons: dict[tuple[str, str], str]) -> GateFinding:
    """The finding with what hides it and the reason given for that."""
    if finding.rule in letter.disabled_rules:
        why = reasons.get(("rule", finding.rule.casefold()), "")
        return dataclasses.replace(
            finding, waived_by=f"the {finding.rule} check is off for this letter", reason=why
        )
    flagged = finding.text.casefold()
    words = [w for w in letter.allow if w.strip() and w.casefold() in flagged] or list(letter.allow)
    given = [reasons.get(("words", w.casefold()), "") for w in words]
    quoted = ", ".join(f"“{w}”" for w in words)
    return dataclasses.replace(
        finding,
        waived_by=f"{quoted} {'is' if len(words) == 1 else 'are'} accepted in this letter",
        reason="; ".join(dict.fromkeys(g for g in given if g)) if all(given) else "",
    )


def check_before_sending(
    store: Store, letter_id: int, *, config: ChecksConfig | None = None
) -> tuple[Letter, PreSendCheck]:
    """The stored letter and its pre-send check."""
    letter = store.get(letter_id)
    check = check_letter_before_sending(
        letter, config=config, waivers=store.waivers(letter_id), imported=store.is_imported(letter_id)
    )
    return letter, check


def mark(
    store: Store,
    letter_id: int,
    status: Status,
    *,
    config: ChecksConfig | None = None,
    sent_on: date | None = None,
    reason: str = "",
    check: PreSendCheck | None = None,
    author: str | None = None,
) -> tuple[int, PreSendCheck | None]:
    """Check the stored letter (unless `check` is given) and mark it; (revision, the check).

    Raises `SendBlocked` listing the errors when some are open and no `reason` is given, and
    `CheckOutdated` when the letter changed after `check` was made. Marking draft needs no check.
    """
    status = Status(status)
    if status is not Status.DRAFT and check is None:
        _, check = check_before_sending(store, letter_id, config=config)
    revision = store.set_status(letter_id, status, sent_on, check=check, reason=reason, author=author)
    return revision, check
