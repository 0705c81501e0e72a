"""Checks for national-02, "Sector risk assessment" (exercises/solutions/national/national-02-risk-assessment.ipynb).

Expected values come from the fictional Republic of Lumeria's sector indicators
(:func:`embargo_kit.national.risk.indicators`) with the rule the notebook teaches: factor = 1 + sum of points,
kept within 1-5; likelihood = (threat + vulnerability) / 2; risk = likelihood x consequence.

The ranking is checked on its logic (each sector at least as risky as the next; ties in any order), the
reasons on what they are (indicators of the first-ranked sector that raise its risk, covering all three
factors), never on one number. No message states an expected value.
"""
from __future__ import annotations

from typing import Any

from embargo_kit.exercises.checking import Result, question
from embargo_kit.exercises.kinds import Advice, IdSet, Ranking, Table, read_items, say

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
    answers = _answers()
    sec = _risk().sectors(COUNTRY).set_index("id")
    items = {i for s in _first_sectors(TOP) for i in sec.loc[s, "checklist"]}
    return {i for i in items if answers.get(i) in ("no", "unknown")}


# ------------------------------------------------------------------------------------------ helpers
def _answers() -> dict[str, str]:
    from embargo_kit import datasets

    return dict(zip(*[datasets.selfassessment_answers(COUNTRY)[c] for c in ("id", "answer")]))


# ------------------------------------------------------------------------------------------ advice
def _q1_advice(given: dict, expected: dict) -> Advice | None:
    values = [v for row in given.values() for v in row.values()]
    wrong = [(s, f) for s in expected if s in given for f in FACTORS if abs(given[s][f] - expected[s][f]) > 1e-9]
    if values and max(values) > 5:
        return Advice(hint="Cap the scores at 5 (and floor them at 1): clip(1, 5) after adding 1.")
    if values and min(values) < 1:
        return Advice(hint="Floor the scores at 1: strong controls cannot make a factor smaller than the scale allows "
                           "(clip(1, 5)).")
    if wrong and all(f == "vulnerability" for _, f in wrong):
        return Advice(hint="Your vulnerability scores are off: mitigating controls have negative points and must be "
                           "added too (do not filter them out).")
    if wrong and all(abs(given[s][f] - expected[s][f]) == 1 for s, f in wrong):
        return Advice(hint="Off by one: the scale starts at 1, so add 1 to the sum of points.")
    return None


def _q2_advice(given: list[str]) -> str | None:
    scores = _expected_scores()
    rules = (({s: sum(v.values()) for s, v in scores.items()}, "You seem to have added the three scores"),
             ({s: v["threat"] * v["vulnerability"] * v["consequence"] for s, v in scores.items()},
              "You seem to have multiplied all three scores"),
             ({s: v["consequence"] for s, v in scores.items()}, "You seem to have ranked by consequence alone"))
    for rule, sentence in rules:
        if all(rule[a] >= rule[b] for a, b in zip(given, given[1:])):
            return (f"{sentence}: threat and vulnerability together make the likelihood, (threat + "
                    "vulnerability) / 2, and risk is likelihood x consequence.")
    return None


# ------------------------------------------------------------------------------------------ questions
q1 = Table("q1", columns=FACTORS, expected=lambda: _expected_scores(), what=_SCORES, noun=("sector", "sectors"),
           build_hint="Build it with pivot_table(index='sector', columns='factor', values='points', aggfunc='sum').",
           columns_hint="The columns must be named threat, vulnerability and consequence (the values of the "
                        "`factor` column).",
           not_numbers="Some scores are not numbers (or are missing).",
           not_numbers_hint="A sector with no indicator for a factor scores 1: fill_value=0 before adding 1.",
           wrong_index="The rows of your table are not sector ids.",
           index_hint="Index the table by the `sector` column (ids such as 'banks').",
           right="{right} of {total} sectors have all three scores right.",
           extra=("1 row is not a sector id.", "{k} rows are not a sector id."),
           passed="All {total} sectors scored on the three factors.",
           hint="Each score is 1 + the sum of the sector's points for that factor, kept between 1 and 5.",
           advise=_q1_advice)

q2 = Ranking("q2", scores=lambda: _expected_risk(), what=_RANKING, noun=("sector", "sectors"),
             passed="Every sector is at least as risky as the one after it: that is the order to act in.",
             inverted=("1 sector is ranked above a riskier one.", "{k} sectors are ranked above a riskier one."),
             reversed_="Your ranking runs from the lowest risk to the highest.",
             reversed_hint="Highest risk first: sort_values(ascending=False).",
             unknown=("1 id is not a sector id (check the spelling).", "{k} ids are not a sector id (check the spelling)."),
             complete_hint="Rank all the sectors, by their id.",
             hint="risk = likelihood x consequence, with likelihood = (threat + vulnerability) / 2; sort by risk.",
             advise=_q2_advice)


@question("q3", expects=_CODES)
def q3(answer: Any) -> Result:
    given = read_items(answer, _CODES, example="['XXX-T1', 'XXX-V2', 'XXX-C1']")
    if isinstance(given, Result):
        return given
    ind = _risk().indicators(COUNTRY).set_index("code")
    top = _first_sectors(1)[0]
    codes = set(given)
    unknown = sorted(c for c in codes if c not in ind.index)
    if unknown:
        return Result.not_yet(say(("{k} code is not an indicator code.", "{k} codes are not an indicator code."),
                                  len(unknown)), hint="Copy codes from the `code` column of the indicators table.")
    other = [c for c in codes if ind.loc[c, "sector"] != top]
    mitigating = [c for c in codes if ind.loc[c, "sector"] == top and ind.loc[c, "points"] < 0]
    if other:
        return Result.not_yet(say(("{k} code belongs to another sector than the one you should act on first.",
                                   "{k} codes belong to another sector than the one you should act on first."),
                                  len(other)),
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


q4 = IdSet("q4", expected=lambda: _act_first(), labels=_answers, what=_IDS, found="{found} of {total} items found.",
           says={("yes", "partly"): ("1 item was answered yes or partly: not a gap here.",
                                     "{k} items were answered yes or partly: not a gap here.")},
           wrong="", unknown=("1 ID is not in the checklist.", "{k} IDs are not in the checklist."),
           passed=f"Those {{total}} self-assessment gaps sit in the {TOP} riskiest sectors: close them first.",
           hint=f"Take the `checklist` items of the {TOP} sectors at the top of your ranking and keep those Lumeria "
                "answered no or unknown.", example="sorted(set_of_ids)")


def leak_probes() -> dict[str, list[str]]:
    r = _expected_risk()
    ranking = sorted(r, key=lambda s: -r[s])
    act = sorted(_act_first())
    return {
        "q2": [repr(ranking), ", ".join(ranking)],
        "q4": [repr(act), ", ".join(act)],
    }
