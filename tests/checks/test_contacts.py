"""Work contact details (the IRO's, the authority's) are not personal data; anyone else's are."""

from __future__ import annotations

import pytest

from letters.checks import check_letter
from letters.checks.parts import PartKey
from letters.config import ConfigError, parse_config
from letters.demo import demo_letter
from letters.model import Letter


def goodbye_findings(letter: Letter, text: str, config: dict[str, object] | None = None) -> list[str]:
    section = letter.section("goodbye")
    assert section is not None
    section.text = text
    report = check_letter(letter, parse_config(config or {}).checks)
    return [text[f.start : f.end] for f in report.by_part[PartKey("goodbye")] if f.rule == "personal-data"]


def with_iro_contacts(phone: str = "", email: str = "") -> Letter:
    letter = demo_letter()
    iro = next(p for p in letter.people if p.is_iro)
    iro.phone, iro.email = phone, email
    return letter


def test_the_iros_work_phone_and_email_are_not_personal_data_however_written() -> None:
    letter = with_iro_contacts("01632 960123", "Priya.Nandra@example.gov.uk")
    text = "You can ring me on +44 (0)1632 960 123 or email priya.nandra@example.gov.uk. From Priya"
    assert goodbye_findings(letter, text) == []


def test_someone_elses_phone_and_email_still_are() -> None:
    letter = with_iro_contacts("01632 960123")
    text = "Anne's phone is 01632 960999 and her email is anne@example.com."
    assert goodbye_findings(letter, text) == ["01632 960999", "anne@example.com"]
    # The same number on a carer's entry is not a work contact.
    letter = demo_letter()
    carer = next(p for p in letter.people if p.role == "foster carer")
    carer.phone = "01632 960123"
    assert goodbye_findings(letter, "Ring 01632 960123.") == ["01632 960123"]


def test_the_authoritys_work_contacts_come_from_the_settings() -> None:
    settings = {
        "authority": {
            "work_phone": "0113 496 0000",
            "work_email": "iro.team@example.gov.uk",
            "work_address": "Civic Centre, 1 High Street, Leeds LS1 1UR",
        }
    }
    text = "Ring 0113 4960000, email IRO.team@example.gov.uk or write to 1 High Street, Leeds LS1 1UR."
    assert goodbye_findings(demo_letter(), text, settings) == []
    assert goodbye_findings(demo_letter(), text) == [
        "0113 4960000",
        "IRO.team@example.gov.uk",
        "1 High Street",
        "LS1 1UR",
    ]
    # A child's own address is not the office's.
    assert goodbye_findings(demo_letter(), "You live at 4 Elm Road, LS2 9JT.", settings) == [
        "4 Elm Road",
        "LS2 9JT",
    ]


def test_work_contacts_are_not_a_checks_setting() -> None:
    with pytest.raises(ConfigError, match=r"\[authority\] work_phone"):
        parse_config({"checks": {"work_contacts": ["0113 496 0000"]}})


def test_the_iros_contacts_are_kept_with_the_letter() -> None:
    from letters.interchange import letter_from_toml, letter_to_toml

    letter = with_iro_contacts("01632 960123", "priya@example.gov.uk")
    toml = letter_to_toml(letter)
    again = letter_from_toml(toml)
    iro = next(p for p in again.people if p.is_iro)
    assert (iro.phone, iro.email) == ("01632 960123", "priya@example.gov.uk")
    assert toml.count("phone =") == 1  # nobody else's is written
