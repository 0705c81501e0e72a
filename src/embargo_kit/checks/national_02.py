"""Checks for national-02, "Sector risk assessment" (exercises/solutions/national/national-02-risk-assessment.ipynb).

Expected values come from the fictional Republic of Lumeria's sector indicators
(:func:`embargo_kit.national.risk.indicators`) with the rule the notebook teaches: factor = 1 + sum of points,
kept within 1-5; likelihood = (threat + vulnerability) / 2; risk = likelihood x consequence.

The ranking is checked on its logic (each sector at least as risky as the next; ties in any order), the
reasons on what they are (indicators of the first-ranked sector that raise its risk, covering all three
factors), never on one number. No message states an expected value.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

from embargo_kit.exercises.checking import Result, question, require_type

LESSON = "national-02"
COUNTRY = "lumeria"
FACTORS = ("threat", "vulnerability", "consequence")
TOP = 2

_SCORES = "a table (DataFrame) with one row per sector (index: sector id) and columns threat, vulnerability, consequence"
_RANKING = "a list of the sector ids, highest risk first"
_CODES = "a list of indicator codes, e.g. ['PFZ-T1', ...]"
_IDS = "a list (or set) of self-assessment item IDs, e.g. ['SA-LEG-01', ...]"


# ------------------------------------------------------------------------------------------ data
def _risk():
    from embargo_kit.national import risk

    return risk


def _expected_scores() -> dict[str, dict[str, int]]:
    t = _risk().factor_scores(COUNTRY)
    return {s: {f: int(t.loc[s, f]) for f in FACTORS} for s in t.index}


def _risk_of(scores: dict[str, dict[str, float]]) -> dict[str, float]:
    return {s: (v["threat"] + v["vulnerability"]) / 2 * v["consequence"] for s, v in scores.items()}


def _expected_risk() -> dict[str, float]:
    return _risk_of(_expected_scores())


def _first_sectors(n: int) -> list[str]:
    r = _expected_risk()
    return sorted(r, key=lambda s: -r[s])[:n]


def _act_first() -> set[str]:
    from embargo_kit import datasets

    answers = dict(zip(*[datasets.selfassessment_answers(COUNTRY)[c] for c in ("id", "answer")]))
    sec = _risk().sectors(COUNTRY).set_index("id")
    items = {i for s in _first_sectors(TOP) for i in sec.loc[s, "checklist"]}
    return {i for i in items if answers.get(i) in ("no", "unknown")}


# ------------------------------------------------------------------------------------------ helpers
def _plural(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _number(v: Any) -> float | None:
    if hasattr(v, "item") and getattr(v, "ndim", 1) == 0:
        v = v.item()
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        return None
    x = float(v)
    return None if math.isnan(x) or math.isinf(x) else x


def _str_list(answer: Any, what: str, example: str, ordered: bool) -> tuple[list[str] | None, Result | None]:
    kind = type(answer).__name__
    if kind == "DataFrame":
        return None, Result.cant_check(f"You gave a whole table; expected {what}.",
                                       hint=f"Keep the ids only, e.g. {example}.")
    if isinstance(answer, (str, bytes)):
        return None, Result.cant_check(f"You gave one piece of text; expected {what}.",
                                       hint="Put the ids in a list: ['...', '...'].")
    if kind == "Index" or (hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset))):
        answer = answer.tolist()
    if ordered and isinstance(answer, (set, frozenset)):
        return None, Result.cant_check(f"A set has no order; expected {what}.",
                                       hint="Use a list, e.g. list(table.index) after sorting the table.")
    if (bad := require_type(answer, (list, tuple, set, frozenset), what)) is not None:
        return None, bad
    items = list(answer)
    if not all(isinstance(v, str) for v in items):
        return None, Result.cant_check(f"Expected {what}, but some items are not text.")
    return [v.strip() for v in items], None


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects=_SCORES)
def q1(answer: Any) -> Result:
    if type(answer).__name__ != "DataFrame" or not hasattr(answer, "columns"):
        return Result.cant_check(f"Expected {_SCORES}.",
                                 hint="Build it with pivot_table(index='sector', columns='factor', values='points', "
                                      "aggfunc='sum').")
    missing_cols = [f for f in FACTORS if f not in answer.columns]
    if missing_cols:
        return Result.cant_check(f"Your table has no column {', '.join(repr(c) for c in missing_cols)}.",
                                 hint="The columns must be named threat, vulnerability and consequence (the values "
                                      "of the `factor` column).")
    expected = _expected_scores()
    given: dict[str, dict[str, float]] = {}
    for sector in answer.index:
        row = {}
        for f in FACTORS:
            x = _number(answer.loc[sector, f])
            if x is None:
                return Result.cant_check("Some scores are not numbers (or are missing).",
                                         hint="A sector with no indicator for a factor scores 1: fill_value=0 "
                                              "before adding 1.")
            row[f] = x
        given[str(sector)] = row
    missing = set(expected) - set(given)
    unknown = set(given) - set(expected)
    if unknown and not set(given) & set(expected):
        return Result.cant_check("The rows of your table are not sector ids.",
                                 hint="Index the table by the `sector` column (ids such as 'banks').")
    wrong = [(s, f) for s in expected if s in given for f in FACTORS if abs(given[s][f] - expected[s][f]) > 1e-9]
    if not missing and not unknown and not wrong:
        return Result.passed(f"All {len(expected)} sectors scored on the three factors.")
    parts = [f"{len(expected) - len(missing) - len({s for s, _ in wrong})} of {len(expected)} sectors have all "
             "three scores right."]
    if missing:
        parts.append(f"{_plural(len(missing), 'sector is', 'sectors are')} missing.")
    if unknown:
        parts.append(f"{_plural(len(unknown), 'row is', 'rows are')} not a sector id.")
    values = [v for row in given.values() for v in row.values()]
    hint = "Each score is 1 + the sum of the sector's points for that factor, kept between 1 and 5."
    if values and max(values) > 5:
        hint = "Cap the scores at 5 (and floor them at 1): clip(1, 5) after adding 1."
    elif values and min(values) < 1:
        hint = "Floor the scores at 1: strong controls cannot make a factor smaller than the scale allows (clip(1, 5))."
    elif wrong and all(f == "vulnerability" for _, f in wrong):
        hint = ("Your vulnerability scores are off: mitigating controls have negative points and must be added "
                "too (do not filter them out).")
    elif wrong and all(abs(given[s][f] - expected[s][f]) == 1 for s, f in wrong):
        hint = "Off by one: the scale starts at 1, so add 1 to the sum of points."
    return Result.not_yet(" ".join(parts), hint=hint)


@question("q2", expects=_RANKING)
def q2(answer: Any) -> Result:
    given, bad = _str_list(answer, _RANKING, "list(ranked.index)", ordered=True)
    if bad is not None:
        return bad
    r = _expected_risk()
    if len(given) != len(set(given)):
        return Result.not_yet("Some sectors appear twice in your ranking.", hint="Rank each sector once.")
    missing, unknown = set(r) - set(given), set(given) - set(r)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"{_plural(len(missing), 'sector is', 'sectors are')} missing from your ranking.")
        if unknown:
            parts.append(f"{_plural(len(unknown), 'id is', 'ids are')} not a sector id (check the spelling).")
        return Result.not_yet(" ".join(parts), hint="Rank all the sectors, by their id.")
    inversions = [(a, b) for a, b in zip(given, given[1:]) if r[a] < r[b] - 1e-9]
    if not inversions:
        return Result.passed("Every sector is at least as risky as the one after it: that is the order to act in.")
    if all(r[a] <= r[b] + 1e-9 for a, b in zip(given, given[1:])):
        return Result.not_yet("Your ranking runs from the lowest risk to the highest.",
                              hint="Highest risk first: sort_values(ascending=False).")
    scores = _expected_scores()
    by_sum = {s: sum(v.values()) for s, v in scores.items()}
    by_product = {s: v["threat"] * v["vulnerability"] * v["consequence"] for s, v in scores.items()}
    by_consequence = {s: v["consequence"] for s, v in scores.items()}
    hint = "risk = likelihood x consequence, with likelihood = (threat + vulnerability) / 2; sort by risk."
    for rule, sentence in ((by_sum, "You seem to have added the three scores"),
                           (by_product, "You seem to have multiplied all three scores"),
                           (by_consequence, "You seem to have ranked by consequence alone")):
        if all(rule[a] >= rule[b] for a, b in zip(given, given[1:])):
            hint = (f"{sentence}: threat and vulnerability together make the likelihood, (threat + "
                    "vulnerability) / 2, and risk is likelihood x consequence.")
            break
    return Result.not_yet(f"{_plural(len(inversions), 'sector is', 'sectors are')} ranked above a riskier one.",
                          hint=hint)


@question("q3", expects=_CODES)
def q3(answer: Any) -> Result:
    given, bad = _str_list(answer, _CODES, "['XXX-T1', 'XXX-V2', 'XXX-C1']", ordered=False)
    if bad is not None:
        return bad
    ind = _risk().indicators(COUNTRY).set_index("code")
    top = _first_sectors(1)[0]
    codes = set(given)
    unknown = sorted(c for c in codes if c not in ind.index)
    if unknown:
        return Result.not_yet(f"{_plural(len(unknown), 'code is', 'codes are')} not an indicator code.",
                              hint="Copy codes from the `code` column of the indicators table.")
    other = [c for c in codes if ind.loc[c, "sector"] != top]
    mitigating = [c for c in codes if ind.loc[c, "sector"] == top and ind.loc[c, "points"] < 0]
    if other:
        return Result.not_yet(f"{_plural(len(other), 'code belongs', 'codes belong')} to another sector than the "
                              "one you should act on first.",
                              hint="Give the reasons for the sector at the top of your ranking, from its own indicators.")
    if mitigating:
        return Result.not_yet("A mitigating control lowers the risk; it is not a reason to act first.",
                              hint="Keep indicators with positive points.")
    factors = {ind.loc[c, "factor"] for c in codes}
    lacking = [f for f in FACTORS if f not in factors]
    if lacking:
        return Result.not_yet(f"Your reasons do not cover {' or '.join(lacking)}.",
                              hint="A risk is the combination of threat, vulnerability and consequence: give at "
                                   "least one indicator for each, so a minister sees why all three are high.")
    return Result.passed(f"{len(codes)} reasons, covering threat, vulnerability and consequence of the sector at "
                         "the top.")


@question("q4", expects=_IDS)
def q4(answer: Any) -> Result:
    given, bad = _str_list(answer, _IDS, "sorted(set_of_ids)", ordered=False)
    if bad is not None:
        return bad
    from embargo_kit import datasets

    answers = dict(zip(*[datasets.selfassessment_answers(COUNTRY)[c] for c in ("id", "answer")]))
    expected = _act_first()
    codes = set(given)
    if codes == expected:
        return Result.passed(f"Those {len(expected)} self-assessment gaps sit in the {TOP} riskiest sectors: "
                             "close them first.")
    found = codes & expected
    parts = [f"{len(found)} of {len(expected)} items found."]
    unknown = [c for c in codes if c not in answers]
    not_gap = [c for c in codes if answers.get(c) in ("yes", "partly")]
    if unknown:
        parts.append(f"{_plural(len(unknown), 'ID is', 'IDs are')} not in the checklist.")
    if not_gap:
        parts.append(f"{_plural(len(not_gap), 'item was', 'items were')} answered yes or partly: not a gap here.")
    hint = (f"Take the `checklist` items of the {TOP} sectors at the top of your ranking and keep those Lumeria "
            "answered no or unknown.")
    return Result.not_yet(" ".join(parts), hint=hint)


def leak_probes() -> dict[str, list[str]]:
    r = _expected_risk()
    ranking = sorted(r, key=lambda s: -r[s])
    act = sorted(_act_first())
    return {
        "q2": [repr(ranking), ", ".join(ranking)],
        "q4": [repr(act), ", ".join(act)],
    }
