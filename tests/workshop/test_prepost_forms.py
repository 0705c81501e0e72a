"""Pre/post tests that measure: exclusive uses, parallel forms with no shared item, sized to their slot."""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from embargo_kit import quizbank
from embargo_kit.workshop.planfile import PlanInputs, make_agenda, make_forms
from embargo_kit.workshop.prepost import parallel_forms, plan_forms

# The README's suggested port path (Awareness 01-05, then the port track) over two 09:00-16:30 days.
PORT_PATH = PlanInputs(lessons=[f"awareness-0{n}" for n in range(1, 6)] + [f"port-0{n}" for n in range(1, 6)],
                       days=2, end="16:30", lunch=60)
MAX_SHARED = 0.0  # the share of items two forms may have in common


@pytest.fixture(scope="module")
def bank():
    return quizbank.load_bank()


def test_every_item_is_quiz_or_pre_post_never_both(bank):
    both = [i.id for i in bank if "quiz" in i.use and "pre-post" in i.use]
    neither = [i.id for i in bank if not set(i.use) & {"quiz", "pre-post"}]
    assert not both, f"items used both in the site's quizzes and on pre/post forms: {both}"
    assert not neither, f"items with no use: {neither}"


def test_every_lesson_with_a_quiz_keeps_quiz_items(root, bank):
    from embargo_kit.workshop.lessons import discover

    lessons = [lesson.id for lesson in discover(root).values() if lesson.has_quiz]
    thin = [lesson for lesson in lessons if not any(i.lesson == lesson and "quiz" in i.use for i in bank)]
    assert not thin, f"lessons whose page quiz would be empty: {thin}"


def _shared(forms) -> float:
    pre, post = ({i.id for i in f.items} for f in forms)
    return len(pre & post) / max(1, min(len(pre), len(post)))


def test_port_path_forms_fit_the_slot_share_nothing_and_cover_each_measured_objective(root, bank):
    agenda = make_agenda(root, PORT_PATH)
    plan = make_forms(agenda, bank)
    pre, post = plan.forms
    minutes = agenda.settings.pre_test
    # about one item per minute of the slot, and the bank holds enough for it
    assert len(pre.items) == len(post.items) and minutes - 2 <= len(pre.items) <= minutes
    assert _shared(plan.forms) <= MAX_SHARED, "pre and post share items: the gain would be inflated"
    planned = {lesson.id for lesson in agenda.lessons}
    for form in plan.forms:
        assert {i.lesson for i in form.items} <= planned, "an item on a lesson the trainer did not plan"
        assert all(i.use == ("pre-post",) for i in form.items), "an in-page quiz item on a form"
    assert {i.objective for i in pre.items} == {i.objective for i in post.items} == set(plan.measured)
    assert {i.lesson for i in pre.items} == planned, "every planned lesson is measured"


def test_dropping_a_lesson_drops_its_items(root, bank):
    agenda = make_agenda(root, PORT_PATH.merged(drop=["port-05"], days=2))
    pre, post = make_forms(agenda, bank).forms
    assert not any(i.lesson == "port-05" for f in (pre, post) for i in f.items)


def test_a_shorter_slot_gives_a_shorter_form(root, bank):
    agenda = make_agenda(root, PORT_PATH.merged(pre_test=10, post_test=10))
    pre, post = make_forms(agenda, bank).forms
    assert len(pre.items) == len(post.items) == 10


def test_whole_track_forms_share_no_item(bank):
    for track in ("awareness", "port", "customs", "finance"):
        forms = parallel_forms(track, bank)
        assert _shared(forms) <= MAX_SHARED, track
        assert Counter(i.objective for i in forms[0].items) == Counter(i.objective for i in forms[1].items)


def test_an_overlap_would_be_caught(bank):
    pre, post = parallel_forms("port", bank)
    post.items.append(pre.items[0])
    assert _shared((pre, post)) > MAX_SHARED


def test_an_objective_with_one_item_is_named_not_measured(bank):
    items = [i for i in bank if i.lesson == "port-02" and i.use == ("pre-post",)]
    two = items[0].objective
    pairs = [i for i in items if i.objective == two][:2]
    lonely = next(i for i in items if i.objective != two)
    plan = plan_forms(["port-02"], 20, pairs + [lonely], objectives=[two, lonely.objective])
    assert plan.measured == [two] and plan.unmeasured == [lonely.objective]
    assert all(lonely not in f.items for f in plan.forms)
    assert any(lonely.objective in note for note in plan.notes)
    assert any("single item per form" in note for note in plan.notes)


def test_items_per_objective_of_the_port_path(root, bank):
    """The figure the issue asks for: pre/post items per objective of the planned lessons."""
    agenda = make_agenda(root, PORT_PATH)
    per = defaultdict(int)
    for item in bank:
        if item.use == ("pre-post",):
            per[item.objective] += 1
    objectives = [oid for lesson in agenda.lessons for oid, _ in lesson.objectives]
    counts = [per.get(o, 0) for o in objectives]
    measured = sum(1 for c in counts if c >= 2)
    assert measured >= len(agenda.lessons) * 2, "two objectives of every planned lesson should be measurable"
    print(f"\n[port path: {len(objectives)} objectives; pre/post items per objective: "
          f"{dict(Counter(counts))}; measurable (2+ items): {measured}]")
