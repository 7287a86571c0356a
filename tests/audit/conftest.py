"""Fixtures for the audit tests: the January 2026 month of tests/audit/month.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from letters.audit.evidence import LetterFacts
from letters.audit.grade import Grade
from letters.store import Store, open_store
from tests.audit.month import build_facts, january_facts, january_letters
from tests.stored import add_letter


@pytest.fixture
def make_facts() -> Callable[..., LetterFacts]:
    return build_facts


@pytest.fixture
def january() -> list[LetterFacts]:
    """Ten letters; seven sent in January 2026. Expected figures are in test_figures.py."""
    return january_facts()


@pytest.fixture
def january_grades() -> dict[int, Grade]:
    return {1: Grade.GOOD, 4: Grade.INADEQUATE, 5: Grade.GOOD, 7: Grade.OUTSTANDING}


@pytest.fixture
def month_store(db_url: str) -> Iterator[Store]:
    """A SQLite store under tmp_path holding `january_letters()` as letters 1 to 10."""
    with open_store(db_url) as store:
        for letter in january_letters():
            add_letter(store, letter)
        yield store
