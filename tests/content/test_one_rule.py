"""One rule, one source: a quiz item that decides a paragraph's rule agrees with the registry's force.

A quiz or pre/post item declares the paragraph it applies (`applies: 2397/9` in the quiz bank). The right options
and the explanation must not say "may" where the Council wrote "shall" (or "must" where it only called upon
states); a key that does is a wrong rule taught with confidence. The capstone keys are held to the same force by
the capstone's own tests (tests/capstone/answer_key.py `duties`), which read the same registry.
"""
from __future__ import annotations

import pytest

from embargo_kit.content.wording import disagreements
from embargo_kit.quizbank import Item, Option, item_errors, load_bank


def key_problems(item: Item) -> list[str]:
    """Where an item's key or explanation contradicts the force of the paragraphs it applies."""
    problems = []
    for cite in item.applies:
        for n, option in enumerate(item.options, start=1):
            if option.correct:
                problems += [f"{item.id} option {n} (marked correct): {p}" for p in disagreements(option.text, cite)]
        problems += [f"{item.id} explanation: {p}" for p in disagreements(item.explanation, cite)]
    return problems


def annotated() -> list[Item]:
    return [item for item in load_bank() if item.applies]


def test_enough_items_declare_the_rule_they_apply():
    ids = [item.id for item in annotated()]
    assert len(ids) >= 5, f"only {ids} declare `applies:`; annotate the items that decide a paragraph's rule"


@pytest.mark.parametrize("item", annotated(), ids=lambda item: item.id)
def test_item_key_agrees_with_the_registry_force(item):
    assert not item_errors(item) or not any("applies" in e for e in item_errors(item)), item_errors(item)
    problems = key_problems(item)
    assert not problems, "\n".join(problems)


def test_a_key_that_teaches_may_for_shall_is_caught():
    wrong = Item(id="port-03.q9", lesson="port-03", objective="port-03.o1", type="single",
                 stem="A tanker in Port Anselm took part in a prohibited transfer. What does Lumeria do?",
                 options=(Option("Lumeria may impound her if it wishes.", correct=True),
                          Option("Lumeria must seize, inspect and impound her.")),
                 explanation="Resolution 2397 lets states impound such ships.", applies=("2397/9",))
    problems = key_problems(wrong)
    assert any("option 1 (marked correct)" in p and "obligation" in p for p in problems), problems
    assert any("explanation" in p for p in problems), problems
    right = Item(id="port-03.q9", lesson="port-03", objective="port-03.o1", type="single", stem=wrong.stem,
                 options=(Option("Lumeria may impound her if it wishes."),
                          Option("Lumeria must seize, inspect and impound her.", correct=True)),
                 explanation="Resolution 2397 requires a state to seize and impound such a ship in port.",
                 applies=("2397/9",))
    assert key_problems(right) == []


def test_a_call_taught_as_a_duty_is_caught():
    item = Item(id="port-01.q9", lesson="port-01", objective="port-01.o1", type="single", stem="Aircraft?",
                options=(Option("States must deny take-off to the aircraft.", correct=True), Option("Nothing.")),
                applies=("2094/18",))
    assert any("only calls upon" in p for p in key_problems(item))


def test_applies_must_name_a_paragraph_with_force():
    item = Item(id="port-01.q9", lesson="port-01", objective="port-01.o1", type="single", stem="?",
                options=(Option("a", correct=True), Option("b")), applies=("2397/99",))
    assert any("applies '2397/99'" in e for e in item_errors(item)), item_errors(item)
