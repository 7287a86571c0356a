"""What a letter offers for each template slot: its own people and the child's words, and a fill
to start with only when the letter leaves no doubt (never what the child calls a parent)."""

from __future__ import annotations

from letters.checks.slots import SLOTS, slot_fill, slot_fills, slots_in
from letters.demo import demo_letter
from letters.model import Person


def test_slots_are_found_in_order_each_once() -> None:
    assert slots_in("[name] and [name]'s [carers' names]") == ["[name]", "[carers' names]"]


def test_the_letter_fills_what_it_knows() -> None:
    letter = demo_letter()
    assert slot_fill("[child's name]", letter).fill == "Ellie"
    assert slot_fill("[your name]", letter).choices == ("Priya Nandra", "Priya")
    assert slot_fill("[social worker's name]", letter).fill == "BW"
    assert slot_fill("[teacher's name]", letter).fill == "Mr Okoro"  # a "class teacher"
    carers = slot_fill("[carers' names]", letter)
    assert carers.fill == "Anne and Mark" and carers.choices[:3] == ("Anne and Mark", "Anne", "Mark")


def test_who_is_meant_or_what_the_child_calls_someone_is_for_the_iro_to_say() -> None:
    letter = demo_letter()
    letter.people.append(Person("birth mother", "Jo Greene", "Jo"))
    name = slot_fill("[name]", letter)
    assert name.fill == "" and "Ellie" in name.choices and "BW" in name.choices
    mum = slot_fill("[what you call your mum]", letter)
    assert mum.fill == "" and "Jo" in mum.choices and "Nana Pat" in mum.choices  # offered, not chosen
    # A grandmother is not a mother.
    assert "Nana Pat" not in [p.display for p in letter.people if "mother" == p.role]
    assert slot_fill("[what you call your dad]", letter).fill == ""


def test_two_social_workers_means_asking_which() -> None:
    letter = demo_letter()
    letter.people.append(Person("social worker", "Kim Lee", "Kim"))
    fill = slot_fill("[social worker's name]", letter)
    assert fill.fill == "" and fill.choices == ("BW", "Kim")


def test_every_slot_says_what_fills_it() -> None:
    fills = slot_fills(" ".join(SLOTS), demo_letter())
    assert [f.slot for f in fills] == list(SLOTS)
    assert all(f.help for f in fills)
