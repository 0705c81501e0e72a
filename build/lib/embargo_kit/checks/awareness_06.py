"""Checks for awareness-06, "National self-assessment" (exercises/solutions/awareness/awareness-06-self-assessment.ipynb).

Every expected value is derived here from the shipped checklist and the fictional Republic of Lumeria's
answers (:func:`embargo_kit.datasets.selfassessment_checklist`, :func:`~embargo_kit.datasets.selfassessment_answers`),
with the scoring rule the notebook teaches:

* a **gap** is an item answered ``no`` or ``unknown`` (``partly`` lowers the score but is not a gap);
* an item's **credit** is yes = 1, partly = 0.5, no = unknown = 0;
* an area's **readiness** is sum(weight x credit) / sum(weight) over its items, a share between 0 and 1;
* the **top three gaps** are the three gaps of greatest weight.

No message states an expected value.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from embargo_kit.exercises.checking import Result, question, require_type

LESSON = "awareness-06"
COUNTRY = "lumeria"
GAP_ANSWERS = ("no", "unknown")
TOP = 3
TOLERANCE = 0.01

_IDS = "a list (or set) of checklist item IDs, e.g. the values of the `id` column"
_LESSONS = "a list (or set) of lesson IDs, e.g. the values in the `closes_with` lists"
_SCORES = "a dict (or Series) of readiness scores between 0 and 1, one per area"


# ------------------------------------------------------------------------------------------ data
def _table():
    """The checklist joined with Lumeria's answers, with each item's credit."""
    from embargo_kit import datasets

    items = datasets.selfassessment_checklist()
    answers = datasets.selfassessment_answers(COUNTRY)
    t = items.merge(answers, on="id", how="left", validate="one_to_one")
    t["credit"] = t["answer"].map(datasets.ANSWER_CREDIT).fillna(0.0)
    return t


def _gap_ids(t=None) -> set[str]:
    t = _table() if t is None else t
    return set(t.loc[t["answer"].isin(GAP_ANSWERS), "id"])


def _readiness(t=None):
    t = _table() if t is None else t
    weighted = (t["weight"] * t["credit"]).groupby(t["area"]).sum()
    return weighted / t.groupby("area")["weight"].sum()


def _top_gaps(t=None):
    t = _table() if t is None else t
    gaps = t[t["answer"].isin(GAP_ANSWERS)]
    return gaps.sort_values("weight", ascending=False, kind="stable").head(TOP)


def _top_lessons(t=None) -> set[str]:
    return {lesson for lessons in _top_gaps(t)["closes_with"] for lesson in lessons}


# ------------------------------------------------------------------------------------------ helpers
def _plural(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _as_str_set(answer: Any, what: str, example: str) -> tuple[set[str] | None, Result | None]:
    kind = type(answer).__name__
    if kind == "DataFrame":
        return None, Result.cant_check(
            f"You gave a whole table; expected {what}.",
            hint=f"Keep one column and turn it into a list, e.g. {example}.",
        )
    if isinstance(answer, (str, bytes)):
        return None, Result.cant_check(
            f"You gave one piece of text; expected {what}.", hint="Put the IDs in a list: ['...', '...']."
        )
    if hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset)):
        answer = answer.tolist()
    if isinstance(answer, dict):
        answer = list(answer)
    if (bad := require_type(answer, (list, tuple, set, frozenset), what)) is not None:
        return None, bad
    items = list(answer)
    if any(isinstance(v, list) for v in items):
        return None, Result.cant_check(
            f"Expected {what}, but your answer holds lists inside the list.",
            hint="Flatten it: one ID per item (a set comprehension over the inner lists works).",
        )
    if not all(isinstance(v, str) for v in items):
        return None, Result.cant_check(f"Expected {what}, but some items are not text.")
    return {v.strip() for v in items}, None


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects=_IDS)
def q1(answer: Any) -> Result:
    given, bad = _as_str_set(answer, _IDS, "gaps['id'].tolist()")
    if bad is not None:
        return bad
    t = _table()
    expected = _gap_ids(t)
    by_answer = dict(zip(t["id"], t["answer"]))
    found = given & expected
    if given == expected:
        return Result.passed(f"All {len(expected)} gaps: the items Lumeria answered no or unknown.")
    parts = [f"{len(found)} of {len(expected)} gaps found."]
    yes = [i for i in given if by_answer.get(i) == "yes"]
    partly = [i for i in given if by_answer.get(i) == "partly"]
    unknown_ids = [i for i in given if i not in by_answer]
    if yes:
        parts.append(f"You included {_plural(len(yes), 'item', 'items')} that Lumeria answered yes.")
    if partly:
        parts.append(
            f"You included {_plural(len(partly), 'item', 'items')} answered partly: they lower the score "
            "but are not gaps in this exercise."
        )
    if unknown_ids:
        parts.append(f"{_plural(len(unknown_ids), 'ID is', 'IDs are')} not in the checklist (check the spelling).")
    hint = "Keep the rows whose `answer` is 'no' or 'unknown' (answer.isin([...])), then take the `id` column."
    if len(found) < len(expected) and not yes and not partly:
        hint = "'unknown' counts as a gap too: an agency that cannot say whether it does something is not ready."
    return Result.not_yet(" ".join(parts), hint=hint)


@question("q2", expects="an area name as text (str)")
def q2(answer: Any) -> Result:
    if (bad := require_type(answer, str, "an area name as text, copied from the `area` column")) is not None:
        return bad
    scores = _readiness()
    areas = {a.casefold(): a for a in scores.index}
    key = " ".join(answer.split()).casefold()
    if key not in areas:
        return Result.not_yet(
            f"'{answer.strip()}' is not one of the areas of the checklist.",
            hint="Copy the area name from the `area` column (or the index of your readiness scores).",
        )
    area = areas[key]
    if math.isclose(scores[area], scores.min(), abs_tol=1e-9):
        return Result.passed(
            "Right: that is Lumeria's weakest area, and the first place its action plan should look."
        )
    return Result.not_yet(
        f"'{area}' is not Lumeria's weakest area: at least one area scores lower.",
        hint="Sort your readiness scores in ascending order (sort_values()) or use idxmin().",
    )


@question("q3", expects=_LESSONS)
def q3(answer: Any) -> Result:
    given, bad = _as_str_set(answer, _LESSONS, "sorted(set_of_lessons)")
    if bad is not None:
        return bad
    t = _table()
    expected = _top_lessons(t)
    all_lessons = {lesson for lessons in t["closes_with"] for lesson in lessons}
    found = given & expected
    if given == expected:
        return Result.passed(
            f"Those {len(expected)} lessons close Lumeria's {TOP} heaviest gaps: a training plan with a reason."
        )
    parts = [f"You recommended {len(found)} of the {len(expected)} lessons that close the top {TOP} gaps."]
    other = (given & all_lessons) - expected
    unknown = given - all_lessons
    if other:
        parts.append(f"{_plural(len(other), 'lesson closes', 'lessons close')} other items, not the top {TOP} gaps.")
    if unknown:
        parts.append(
            f"{_plural(len(unknown), 'ID is', 'IDs are')} not in any `closes_with` list (lesson IDs look like port-01)."
        )
    return Result.not_yet(
        " ".join(parts),
        hint=f"Sort the gaps by weight (heaviest first), keep the first {TOP} rows, and collect every lesson "
        "in their `closes_with` lists into one set.",
    )


def _number(v: Any) -> float | None:
    if hasattr(v, "item") and getattr(v, "ndim", 1) == 0:
        v = v.item()
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        return None
    x = float(v)
    return None if math.isnan(x) or math.isinf(x) else x


@question("q4", expects=_SCORES)
def q4(answer: Any) -> Result:
    kind = type(answer).__name__
    if kind == "DataFrame":
        return Result.cant_check(
            f"You gave a whole table; expected {_SCORES}.",
            hint="Select the one column of scores (table['readiness']) to get a Series indexed by area.",
        )
    if kind == "Series" and hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if (bad := require_type(answer, dict, _SCORES)) is not None:
        return bad
    given: dict[str, float] = {}
    for k, v in answer.items():
        x = _number(v)
        if not isinstance(k, str) or x is None:
            return Result.cant_check(
                f"Expected {_SCORES}: each key an area name, each value a number.",
                hint="Build it with groupby('area'), so the areas become the index.",
            )
        given[" ".join(k.split()).casefold()] = x
    t = _table()
    expected = {a.casefold(): float(s) for a, s in _readiness(t).items()}
    missing = set(expected) - set(given)
    unknown = set(given) - set(expected)
    right = {a for a in expected if a in given and abs(given[a] - expected[a]) <= TOLERANCE}
    if len(right) == len(expected) and not unknown:
        return Result.passed(f"All {len(expected)} areas scored correctly.")
    verb = "has" if len(right) == 1 else "have"
    parts = [f"{len(right)} of {len(expected)} areas {verb} the right score."]
    if missing:
        parts.append(f"{_plural(len(missing), 'area is', 'areas are')} missing.")
    if unknown:
        parts.append(f"{_plural(len(unknown), 'key is', 'keys are')} not an area of the checklist.")
    common = [a for a in expected if a in given]
    hint = "Score = sum(weight x credit) / sum(weight) per area, with yes = 1, partly = 0.5, no and unknown = 0."
    unweighted = t.groupby(t["area"].str.casefold())["credit"].mean()
    if common and any(given[a] > 1 + TOLERANCE for a in common):
        hint = "Scores are shares between 0 and 1; if you computed percentages, divide by 100."
    elif any(a not in right for a in common) and all(abs(given[a] - unweighted[a]) <= TOLERANCE for a in common):
        hint = "Your scores are plain averages of the credits: weight each item's credit by its `weight`."
    return Result.not_yet(" ".join(parts), hint=hint)


def leak_probes() -> dict[str, list[str]]:
    """Every expected answer as text, for the leak scan of the learner notebook and its page in the learner
    site. Single item IDs and area names are data the learner must read, so sets are probed whole."""
    t = _table()
    scores = _readiness(t)
    weakest = [a for a, s in scores.items() if math.isclose(s, scores.min(), abs_tol=1e-9)]
    gaps, lessons = sorted(_gap_ids(t)), sorted(_top_lessons(t))
    return {
        "q1": [repr(gaps), ", ".join(gaps)],
        "q2": [f"weakest_area = {a!r}" for a in weakest] + [f"weakest area is {a}" for a in weakest],
        "q3": [repr(lessons), ", ".join(lessons)],
        "q4": [f"{a}: {s:.2f}" for a, s in scores.items()],
    }
