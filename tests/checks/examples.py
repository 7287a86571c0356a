"""Examples every rule must flag and must not flag (after proselint's tests/examples.py).

Each example: the rule, the reader, the text, and either the exact text a finding of that rule must
cover (`flag=`) or nothing from that rule at all (`flag=None`). Written for this project; none is
taken from the sample letters in tests/checks/data/corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Example:
    rule: str
    text: str
    flag: str | None  # the flagged text, or None: this rule must stay silent
    age: int = 9
    eal: bool = False
    allow: tuple[str, ...] = field(default=())


LONG_MINUTES = (
    "The review considered the arrangements for supervised family time and concluded that the "
    "current frequency remains appropriate, subject to the outcome of the ongoing assessment. "
    "Professionals acknowledged the considerable progress achieved in relation to educational "
    "attainment and emotional wellbeing. Consideration will subsequently be given to "
    "transitional arrangements regarding accommodation."
)
SIMPLE = (
    "You told me you like your new school. You play football at lunch. "
    "You want to see your nan more. Your nan will come on Sundays. "
    "We will meet again in the summer. You can pick where we meet."
)

EXAMPLES: tuple[Example, ...] = (
    # readability: the whole letter against the reader's target
    Example("readability", LONG_MINUTES, LONG_MINUTES, age=8),
    Example("readability", SIMPLE, None, age=8),
    Example("readability", SIMPLE, None, age=15),
    # sentence-length: age-based limits
    Example(
        "sentence-length",
        "You told me that you would like to go to the park with your brother and your sister "
        "on Saturdays after football when the weather is nice and warm.",
        "You told me that you would like to go to the park with your brother and your sister "
        "on Saturdays after football when the weather is nice and warm.",
        age=8,
    ),
    Example("sentence-length", "You like school. You like your teacher. You want to stay.", None, age=6),
    Example(
        "sentence-length",
        "You told me that you want to keep going to your dance class on "
        "Tuesday nights with your best friend.",
        None,
        age=15,
    ),
    Example(
        "sentence-length",
        "Your nan will visit you every Sunday and you will go for a walk.",
        "Your nan will visit you every Sunday and you will go for a walk.",
        age=9,
        eal=True,
    ),
    # jargon: words children in care have asked us not to use
    Example("jargon", "Your placement with Anne and Mark will carry on.", "placement"),
    Example("jargon", "Your placement\x07 is good.\x0c", "placement"),  # pasted control characters
    Example("jargon", "Your placement \ud83d is good.", "placement"),  # half an emoji, pasted
    Example("jargon", "We will facilitate more time with your dad.", "facilitate"),
    Example("jargon", "Your social worker will progress your life story book.", "progress"),
    Example("jargon", "Your teacher is pleased with your progress in maths.", None),
    Example("jargon", "You went to respite last month.", "respite"),
    Example("jargon", "Please ring me or contact me if you want to talk.", None),
    Example("jargon", "Your placement is good. <!-- letters-ignore: jargon -->", None),  # inline off
    Example("jargon", "Your placement is good. <!-- letters-ignore: acronym -->", "placement"),
    Example("jargon", 'You said, "I hate contact at the centre."', None),
    Example("jargon", "You said your placement feels like home.", None, allow=("placement",)),
    Example("jargon", "You will have a pathway plan. It is your plan for the future.", None, age=15),
    # acronym: capitals not spelled out
    Example("acronym", "Your PEP meeting is next week.", "PEP"),
    Example("acronym", "The LADO will look into it.", "LADO"),
    Example("acronym", "Your Personal Education Plan (PEP) is ready. Your PEP says you read well.", None),
    Example("acronym", "Your social worker (BW) will visit. BW will bring the photos.", None),
    Example("acronym", "You watch TV after school and you are OK.", None),
    Example("acronym", "WHAT WE DECIDED", None),
    Example("acronym", "Your SW (KL) will ring you on Monday.", "SW"),  # more initials: not spelled out
    Example("acronym", "You enjoy DT and made a lamp.", None),  # the school subject
    # hard-word: long, rare words beyond the lexicon
    Example("hard-word", "Your carers are commensurate with your needs.", "commensurate", age=8),
    Example("hard-word", "You told me you love dinosaurs and crocodiles.", None, age=7),
    Example("hard-word", 'You said the film was "extraordinarily unputdownable".', None, age=8),
    Example("hard-word", "You went to Bournemouth with Tamsin.", None, age=8),
    # deficit-language: blaming words
    Example("deficit-language", "You kicked off at school on Monday.", "kicked off"),
    Example("deficit-language", "Your behaviour was described as attention seeking.", "attention seeking"),
    Example("deficit-language", "You were upset at school because a boy took your bag.", None),
    Example("deficit-language", "Your behaviour at school has been challenging.", "challenging"),
    Example("deficit-language", "The spelling test was challenging but you did it.", None),
    # personal-data: contact details and identifiers
    Example("personal-data", "Ring Sam on 07700 900123 after school.", "07700 900123"),
    Example("personal-data", "Email me at sam.jones@example.com.", "sam.jones@example.com"),
    Example("personal-data", "Your NHS number is 943 476 5919.", "943 476 5919"),
    Example("personal-data", "Your new home is at 14 Acacia Avenue.", "14 Acacia Avenue"),
    Example("personal-data", "The post code is LS1 4AB.", "LS1 4AB"),
    Example("personal-data", "Your date of birth is 03/05/2016.", "date of birth is 03/05/2016"),
    Example("personal-data", "We will meet again on 12 March 2026 at 4pm.", None),
    Example("personal-data", "You scored 10 out of 10 and ran 1500 metres.", None),
    Example("personal-data", "The number 123 456 7890 is not an NHS number.", None),
    # addressed-to-child: written to the child, not about them
    Example(
        "addressed-to-child",
        "Jayden is a 12 year old boy who lives with his foster carers. He stated that he "
        "likes school. He wants to see his mother more often and his carers support this.",
        "Jayden is a 12 year old boy who lives with his foster carers. He stated that he "
        "likes school. He wants to see his mother more often and his carers support this.",
    ),
    Example(
        "addressed-to-child",
        "You told me you like living with Gran. She takes you swimming and she makes "
        "your tea. Her dog is called Pepper and you walk him after school.",
        None,
    ),
)
