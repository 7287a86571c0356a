"""`personal-data`: what rarely belongs in a letter to a child: phone numbers, email addresses,
postcodes, street addresses, NHS numbers and dates of birth (domain primer, "Privacy"), and
details of someone else's health (a parent's illness, their drug or alcohol treatment).

Patterns are deliberately specific (a valid NHS check digit, a UK-shaped number, a real postcode
shape) because a false alarm on a good letter costs as much trust as a missed one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d{3}[\s)-]?\d{3}")  # the core of every phone and NHS number
_INWARD_CODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")  # "4AB" ends every postcode
_PHONE = re.compile(r"(?<![\w/.-])(?:\+44\s?\(0\)\s?|\+44\s?|\(?0)(?:\d[\s)-]?){8,10}\d(?![\w/-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?![\w-])")
_POSTCODE = re.compile(
    r"(?<![\w-])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w-])"
)
_STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Crescent|Grove|Place|Gardens|"
    "Terrace|Square|Walk|Mews|Row|Parade|Rise|Hill|Green|Vale|View"
)
_STREET_WORD = re.compile(r"\b(?:" + _STREET_WORDS + r")\b")
_STREET = re.compile(r"(?<![\w-])\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,3}(?:" + _STREET_WORDS + r")\b")
_NHS = re.compile(r"(?<![\w-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w-])")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTHS
    + r",?\s+\d{4}|"
    + _MONTHS
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
_DOB = re.compile(
    r"(?:\bdate of birth|\bD\.?O\.?B\.?|\bborn on|\bbirthday is)\s*(?:is|:|-)?\s*(?:the\s+)?" + _DATE,
    re.I,
)


# Someone else's health: a special-category fact about a third person (a parent's illness, their
# drug or alcohol treatment) belongs in the adults' copy, not the child's letter (domain primer,
# "The letter will be read again"; UK GDPR art. 9). Only named conditions, organs and services
# that reveal one, said of someone else ("her liver", "his drug worker", "Mum has cancer"): an
# everyday ailment ("a bad knee") and the child's own health ("your asthma") are left alone.
_HEALTH_WORDS = (
    r"liver|kidneys?|lungs|cancer|tumou?r|hiv|hepatitis|cirrhosis|overdosed?|dialysis|chemo(?:therapy)?|"
    r"dementia|schizophreni[ac]|bipolar|psychosis|psychotic|personality disorder|eating disorder|"
    r"mental health (?:team|nurse|worker|problems?|condition|illness|crisis|unit|ward)|mental illness|"
    r"psychiatri(?:st|c (?:unit|ward|hospital))|sectioned|detox|rehab|methadone|"
    r"drugs? (?:and alcohol )?(?:worker|service|team|use|problems?|habit|addiction|treatment)|"
    r"alcohol (?:worker|service|team|problems?|addiction|treatment)|substance (?:mis)?use|addiction|"
    r"alcoholism|alcoholic|drinking problem|miscarriage|terminal(?:ly)? ill(?:ness)?|diagnosed with"
)
SOMEONE_ELSES_HEALTH = "details of someone else's health"
#: A cheap test first (substrings of lower-cased text): most paragraphs have none of these.
_HEALTH_HINTS = (
    "liver kidney lung cancer tumo hiv hepatitis cirrhosis overdos dialysis chemo dementia schizophren "
    "bipolar psycho disorder mental psychiatr sectioned detox rehab methadone drug alcohol substance "
    "addict drinking miscarriage terminal diagnosed"
).split()
_HEALTH = re.compile(rf"\b(?:{_HEALTH_WORDS})\b", re.I)
_OTHERS = (
    r"(?i:her|his|their|mum['’]?s|dad['’]?s|mother['’]s|father['’]s|nan['’]s|gran['’]s|grandma['’]s|"
    r"grandad['’]s|grandpa['’]s|aunt(?:ie)?['’]s|uncle['’]s|brother['’]s|sister['’]s|parents['’]|"
    r"partner['’]s)|(?!(?:It|That|There|What|Here|Let|Who|Where|Today|He|She)['’]s)[A-Z][a-z]+['’]s"
)
_SUBJECTS = r"(?i:she|he|they|mum|dad|your (?:mum|dad|mother|father|nan|gran|grandad|aunt|uncle|parents?))"
# Said of someone else, just before the health words: "her liver", "his drug worker", "Mum has
# been diagnosed with" (searched in a short window before each health word: linear time).
_SAID_OF_OTHERS = re.compile(
    rf"\b(?:(?:{_OTHERS})\s+(?:[\w-]+\s+){{0,2}}"
    rf"|(?:{_SUBJECTS})\s+(?i:has|had|have|is|was|were|are)\s+(?:[\w-]+\s+){{0,3}})$"
)


def _someone_elses_health(text: str) -> list[tuple[int, int, str]]:
    lowered = text.lower()
    if not any(h in lowered for h in _HEALTH_HINTS):
        return []
    return [
        (m.start(), m.end(), SOMEONE_ELSES_HEALTH)
        for m in _HEALTH.finditer(text)
        if _SAID_OF_OTHERS.search(text, max(0, m.start() - 60), m.start())
    ]


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit (NHS Data Dictionary)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_ok(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0") if digits[2:3] == "0" else "0" + digits[2:]
    return len(digits) in (10, 11) and digits.startswith("0") and digits[1] in "1235789"


def find_personal_data(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what) for each piece of personal data, earliest first, without overlaps."""
    found: list[tuple[int, int, str]] = []
    found.extend(_someone_elses_health(text))
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and "@" not in text:
        found.sort()
        return found  # every other pattern but an email needs a digit: most paragraphs stop here
    lowered = text.lower()
    if has_digit and any(k in lowered for k in ("birth", "dob", "d.o.b", "born")):
        for m in _DOB.finditer(text):
            found.append((m.start(), m.end(), "a date of birth"))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            found.append((m.start(), m.end(), "an email address"))
    if not has_digit:
        found.sort()
        return found
    # Cheap scans first: the full patterns only run where their core can be (speed per keystroke).
    if _DIGIT_RUN.search(text):
        for m in _NHS.finditer(text):
            if nhs_number_valid("".join(m.groups())):
                found.append((m.start(), m.end(), "an NHS number"))
        for m in _PHONE.finditer(text):
            if _phone_ok(m.group(0)):
                found.append((m.start(), m.end(), "a phone number"))
    if _STREET_WORD.search(text):
        for m in _STREET.finditer(text):
            found.append((m.start(), m.end(), "a street address"))
    if _INWARD_CODE.search(text):
        for m in _POSTCODE.finditer(text):
            found.append((m.start(), m.end(), "a postcode"))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue  # an NHS number is not also a phone number
        kept.append(item)
    return kept


# --- the rule ------------------------------------------------------------------------------------

MUST_FLAG = (
    Example("Ring Sam on 07700 900123 after school.", "07700 900123"),
    Example("Email me at sam.jones@example.com.", "sam.jones@example.com"),
    Example("Your NHS number is 943 476 5919.", "943 476 5919", severity=Severity.ERROR),
    Example("Your new home is at 14 Acacia Avenue.", "14 Acacia Avenue"),
    Example("The post code is LS1 4AB.", "LS1 4AB"),
    Example("Your date of birth is 03/05/2016.", "date of birth is 03/05/2016", severity=Severity.ERROR),
    Example("Mum is seeing her drug worker every week.", "drug worker", note="someone else's health"),
    Example("Her doctor told her that her liver is not working well.", "liver"),
    Example("Your dad has been diagnosed with cancer.", "diagnosed with"),
)
MUST_NOT_FLAG = (
    Example("We will meet again on 12 March 2026 at 4pm."),
    Example("You scored 10 out of 10 and ran 1500 metres."),
    Example("The number 123 456 7890 is not an NHS number.", note="its check digit is wrong"),
    Example("Nan has had a bad knee, so she might come to you instead.", note="an everyday ailment"),
    Example("Your asthma is much better and you use your inhaler at school.", note="the child's own"),
    Example("Your mum told me she loves you with all her heart."),
)
_SEVERE = ("an NHS number", "a date of birth")
_ADVICE = advice("Leave it out, or say who the child can ask.")
_HEALTH_ADVICE = advice(
    "Put it in the adults' copy; tell the child only what they have been told, in their words."
)
_HEALTH_REASON = (
    "Facts about another person's health are special-category data about a third party: they belong "
    "in the adults' copy, not the child's letter, which the child may keep and reread for years."
)


class PersonalData(Rule):
    id = "personal-data"
    label = "Personal data"
    severities = (Severity.ERROR, Severity.WARNING)
    severity_note = "warning; error for NHS numbers (check digit validated) and dates of birth"
    fix_kinds = (FixKind.ADVICE,)
    description = (
        "UK phone numbers, email addresses, postcodes, street addresses, NHS numbers, dates of birth, "
        "and details of someone else's health (a parent's illness or drug treatment)"
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        return tuple(
            Finding(
                self.id,
                Severity.ERROR if what in _SEVERE else Severity.WARNING,
                a,
                b,
                f"This looks like {what}: it rarely belongs in a letter to a child.",
                _HEALTH_ADVICE if what == SOMEONE_ELSES_HEALTH else _ADVICE,
                _HEALTH_REASON
                if what == SOMEONE_ELSES_HEALTH
                else "Letters hold special-category data and are copied to several people: keep personal "
                "data to a minimum (UK GDPR).",
            )
            for a, b, what in ua.personal
            if not reader.allowed(ua, a, b)
        )


RULE = PersonalData()
