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

from embargo_kit.exercises.kinds import Advice, Compared, IdSet, Mapping, OneOf

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


def _weakest_areas() -> list[str]:
    scores = _readiness()
    return [a for a, v in scores.items() if math.isclose(v, scores.min(), abs_tol=1e-9)]


def _all_lessons() -> set[str]:
    return {lesson for lessons in _table()["closes_with"] for lesson in lessons}


# ------------------------------------------------------------------------------------------ advice
def _answer_of() -> dict[str, str]:
    t = _table()
    return dict(zip(t["id"], t["answer"]))


def _q1_advice(c: Compared) -> Advice | None:
    if len(c.found) < c.total and not c.wrong:
        return Advice(hint="'unknown' counts as a gap too: an agency that cannot say whether it does something is "
                           "not ready.")
    return None


def _q4_advice(given: dict, expected: dict) -> Advice | None:
    common = [a for a in expected if a in given]
    t = _table()
    unweighted = t.groupby(t["area"].str.casefold())["credit"].mean()
    if common and any(given[a] > 1 + TOLERANCE for a in common):
        return Advice(hint="Scores are shares between 0 and 1; if you computed percentages, divide by 100.")
    wrong = [a for a in common if abs(given[a] - expected[a]) > TOLERANCE]
    if wrong and all(abs(given[a] - unweighted[a]) <= TOLERANCE for a in common):
        return Advice(hint="Your scores are plain averages of the credits: weight each item's credit by its `weight`.")
    return None


# ------------------------------------------------------------------------------------------ questions
q1 = IdSet("q1", expected=_gap_ids, labels=_answer_of, what=_IDS, noun=("gap", "gaps"),
           found="{found} of {total} gaps found.",
           says={"yes": ("You included 1 item that Lumeria answered yes.",
                         "You included {k} items that Lumeria answered yes."),
                 "partly": ("You included 1 item answered partly: they lower the score but are not gaps in this "
                            "exercise.", "You included {k} items answered partly: they lower the score but are "
                            "not gaps in this exercise.")},
           unknown=("1 ID is not in the checklist (check the spelling).",
                    "{k} IDs are not in the checklist (check the spelling)."),
           passed="All {total} gaps: the items Lumeria answered no or unknown.",
           hint="Keep the rows whose `answer` is 'no' or 'unknown' (answer.isin([...])), then take the `id` column.",
           example="gaps['id'].tolist()", advise=_q1_advice)

q2 = OneOf("q2", accepted=_weakest_areas, options=lambda: list(_readiness().index),
           what="an area name as text, copied from the `area` column",
           passed="Right: that is Lumeria's weakest area, and the first place its action plan should look.",
           wrong="'{x}' is not Lumeria's weakest area: at least one area scores lower.",
           hint="Sort your readiness scores in ascending order (sort_values()) or use idxmin().",
           not_an_option="'{x}' is not one of the areas of the checklist.",
           option_hint="Copy the area name from the `area` column (or the index of your readiness scores).")

q3 = IdSet("q3", expected=_top_lessons, universe=_all_lessons, what=_LESSONS, noun=("lesson", "lessons"),
           found=f"You recommended {{found}} of the {{total}} lessons that close the top {TOP} gaps.",
           wrong=(f"1 lesson closes other items, not the top {TOP} gaps.",
                  f"{{k}} lessons close other items, not the top {TOP} gaps."),
           unknown=("1 ID is not in any `closes_with` list (lesson IDs look like port-01).",
                    "{k} IDs are not in any `closes_with` list (lesson IDs look like port-01)."),
           passed=f"Those {{total}} lessons close Lumeria's {TOP} heaviest gaps: a training plan with a reason.",
           hint=f"Sort the gaps by weight (heaviest first), keep the first {TOP} rows, and collect every lesson "
                "in their `closes_with` lists into one set.", example="sorted(set_of_lessons)")

q4 = Mapping("q4", expected=lambda: {a: float(v) for a, v in _readiness().items()}, what=_SCORES, values="number",
             tolerance=TOLERANCE, fold_keys=True, noun=("area", "areas"),
             right=("{right} of {total} areas has the right score.", "{right} of {total} areas have the right score."),
             missing=("1 area is missing.", "{k} areas are missing."),
             extra=("1 key is not an area of the checklist.", "{k} keys are not areas of the checklist."),
             passed="All {total} areas scored correctly.",
             hint="Score = sum(weight x credit) / sum(weight) per area, with yes = 1, partly = 0.5, no and unknown = 0.",
             key_hint="Build it with groupby('area'), so the areas become the index.",
             table_hint="Select the one column of scores (table['readiness']) to get a Series indexed by area.",
             advise=_q4_advice)


def leak_probes() -> dict[str, list[str]]:
    """Every expected answer as text, for the leak scan of the learner notebook and its page in the learner
    site. Single item IDs and area names are data the learner must read, so sets are probed whole."""
    t = _table()
    scores = _readiness(t)
    weakest = _weakest_areas()
    gaps, lessons = sorted(_gap_ids(t)), sorted(_top_lessons(t))
    return {
        "q1": [repr(gaps), ", ".join(gaps)],
        "q2": [f"weakest_area = {a!r}" for a in weakest] + [f"weakest area is {a}" for a in weakest],
        "q3": [repr(lessons), ", ".join(lessons)],
        "q4": [f"{a}: {s:.2f}" for a, s in scores.items()],
    }
