"""Checks for finance-02, "Name screening" (exercises/solutions/finance/finance-02-name-screening.ipynb).

Expected values are derived from the shipped synthetic world through :mod:`embargo_kit.datasets`: the labelled
screening pairs and the list extract. The reference matcher is the one the notebook prescribes:
``fingerprints.generate`` as the normaliser and the best ``rapidfuzz.fuzz.token_sort_ratio`` between the party's
name and the candidate entry's name or any of its aliases. The bank's (fictional) policy: recall of at least
95 % on the tuning part of the labelled set, then the highest such threshold (the fewest alerts); the choice is
judged on the test part, with the 95 % Wilson interval of its recall (D22). Functions the learner writes (q2, q3)
are checked on cases built here, not on the answers, the edge cases included (an empty name must give "", no
alert must give a precision of 0.0). The two alerts of q7 are not labelled pairs (D23: an alert that cannot be
resolved is held, not frozen). No message states an expected value.
"""

from __future__ import annotations

import functools
import math
import numbers
from typing import Any

from embargo_kit.exercises import optional
from embargo_kit.exercises.checking import Result, question, require_type
from embargo_kit.exercises.kinds import Advice, Compared, IdSet, Mapping, Number

LESSON = "finance-02"
RECALL_FLOOR = 0.95
TOLERANCE = 0.005  # on precision and recall reported by the learner (they are computed, not read off a chart)
THRESHOLDS = range(40, 101)

#: the two alerts q7 asks about, and what the analyst should do with each; the alert IDs are named in the data.
#: The second cannot be resolved from what the payment and the list say: hold, never freeze (D23).
DECISIONS = {"AL-0001": "release", "AL-0002": "hold"}
REASON_MIN_WORDS = 8
_DECISION_WORDS = ("release", "hold", "freeze")


# ------------------------------------------------------------------------------------------ data
def _datasets():
    from embargo_kit import datasets

    return datasets


def reference_normalise(name: str) -> str:
    fingerprints = optional.require("fingerprints", "This check")  # the "names" extra: CAN'T CHECK without it

    return fingerprints.generate(str(name)) or ""


@functools.lru_cache(maxsize=1)
def _entry_names() -> dict[str, list[str]]:
    lx = _datasets().list_extract()
    return {r.ref: [r.name, *list(r.aliases or [])] for r in lx.itertuples(index=False)}


@functools.lru_cache(maxsize=1)
def _pairs():
    return _datasets().screening_pairs()


@functools.lru_cache(maxsize=1)
def reference_scores() -> dict[str, float]:
    from rapidfuzz import fuzz

    names = _entry_names()
    out = {}
    for r in _pairs().itertuples(index=False):
        cands = names.get(r.list_ref) or []
        a = reference_normalise(r.party_name)
        out[r.pair_id] = max((fuzz.token_sort_ratio(a, reference_normalise(n)) for n in cands), default=0.0)
    return out


def _truth() -> dict[str, bool]:
    return {r.pair_id: bool(r.is_match) for r in _pairs().itertuples(index=False)}


def _split() -> dict[str, str]:
    return {r.pair_id: r.split for r in _pairs().itertuples(index=False)}


def pr_at(threshold: float, part: str | None = "tuning") -> tuple[float, float, int]:
    """(precision, recall, alerts) of the reference matcher at ``threshold`` on one part of the set (None: all)."""
    scores, truth, split = reference_scores(), _truth(), _split()
    ids = [p for p in scores if part is None or split[p] == part]
    alerts = [p for p in ids if scores[p] >= threshold]
    tp = sum(1 for p in alerts if truth[p])
    positives = sum(1 for p in ids if truth[p])
    precision = tp / len(alerts) if alerts else 0.0
    return precision, (tp / positives if positives else 0.0), len(alerts)


@functools.lru_cache(maxsize=1)
def best() -> tuple[int, float, float]:
    """The policy's threshold: recall >= floor on the tuning part, then the highest such threshold."""
    t = max(t for t in THRESHOLDS if pr_at(t)[1] >= RECALL_FLOOR)
    p, r, _ = pr_at(t)
    return t, p, r


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (95 % by default)."""
    p = k / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), min(1.0, (centre + half) / (1 + z * z / n))


def test_counts(threshold: float) -> tuple[int, int]:
    """(real matches caught, real matches) on the test part at ``threshold``."""
    scores, truth, split = reference_scores(), _truth(), _split()
    ids = [p for p in scores if split[p] == "test" and truth[p]]
    return sum(1 for p in ids if scores[p] >= threshold), len(ids)


def exact_hits() -> int:
    names = _entry_names()
    return sum(1 for r in _pairs().itertuples(index=False) if r.is_match and r.party_name in names.get(r.list_ref, []))


def missed_at(threshold: float) -> set[str]:
    scores, truth = reference_scores(), _truth()
    return {p for p, ok in truth.items() if ok and scores[p] < threshold}


# ------------------------------------------------------------------------------------------ helpers
def _num(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and not math.isnan(float(x))


def _pct(x: float) -> str:
    return f"{x:.0%}"


# ------------------------------------------------------------------------------------------ questions
def _advise_exact(n: Any) -> Result | None:
    if int(n) == sum(_truth().values()):
        return Result.not_yet("That is the number of all real matches, not of those exact matching finds.",
                              hint="Of those real matches, how many would an exact comparison have caught?")
    if int(n) == len(_pairs()):
        return Result.not_yet("That is the number of all pairs.",
                              hint="Which of them does an exact comparison catch, and which of those are real matches?")
    return None


q1 = Number("q1", expected=exact_hits, integer=True, what="the number of real matches exact matching finds, as an int",
            passed="Right: exact matching finds only a small share of the real matches in the labelled set.",
            wrong="{x} is not the number of real matches found by exact comparison.",
            hint="Print a few pairs your comparison counts: is it exact, and against every name of the entry?",
            advise=_advise_exact)


_SHOULD_MEET = [
    ("Kim Chol-su", "KIM CHOL SU", "capitals and hyphens"),
    ("Green Pine Associated Corporation", "GREEN PINE ASSOCIATED CORP.", "legal forms and full stops"),
    ("Ocean  Maritime   Management", "ocean maritime management", "extra spaces"),
    ("Cho'ngsong Yonhap", "CHONGSONG YONHAP", "apostrophes"),
]
_SHOULD_DIFFER = [("Kim Chol-su", "Kim Chol-hui"), ("Korea Ryonbong General Corporation", "Korea Mining General Corporation")]


@question("q2", expects="a function normalise(name) that returns text")
def q2(answer: Any) -> Result:
    if not callable(answer):
        return Result.cant_check("Expected your function `normalise` itself (without brackets), not its result.",
                                 hint="check('finance-02', 'q2', normalise)")
    try:
        outputs = {n: answer(n) for pair in _SHOULD_MEET for n in pair[:2]}
        outputs.update({n: answer(n) for pair in _SHOULD_DIFFER for n in pair})
        hangul = answer("김철수")
        empties = [answer(""), answer("   "), answer("--")]
    except Exception as exc:  # the learner's function failed on a name
        return Result.cant_check(f"Your function raised {type(exc).__name__} on a test name.",
                                 hint="Call it yourself on 'Kim Chol-su' and on '김철수' and read the error.")
    if all(v is None or v is Ellipsis for v in [*outputs.values(), hangul]):
        return Result.cant_check("Your function returns nothing yet: write its body and `return` the normalised name.",
                                 hint="Build it on fingerprints.generate, and make sure it returns text even for an empty name.")
    if not all(isinstance(v, str) for v in [*outputs.values(), hangul]):
        return Result.not_yet("Your function does not always return text (str).",
                              hint="Call it on each test name yourself and look at the type of what comes back.")
    empty_bad = any(v != "" for v in empties)
    failed = [why for a, b, why in _SHOULD_MEET if outputs[a] != outputs[b]]
    merged = [a for a, b in _SHOULD_DIFFER if outputs[a] == outputs[b]]
    ascii_ok = hangul.isascii() and hangul.strip() != ""
    if not failed and not merged and ascii_ok and not empty_bad:
        return Result.passed("Your normaliser removes differences that carry no meaning and keeps the ones that do.")
    parts = []
    if failed:
        parts.append(f"Spellings that differ only in {', '.join(failed)} do not yet come out the same.")
    if merged:
        parts.append("Two different names come out the same: your function removes too much.")
    if not ascii_ok:
        parts.append("A name in Hangul does not come out in Latin letters.")
    if empty_bad:
        parts.append("For an empty name (or one with no letters) your function does not return the empty text \"\" "
                     "the question asks for.")
    if empty_bad and not (failed or merged or not ascii_ok):
        return Result.not_yet(" ".join(parts), hint="Try normalise('') yourself: what does fingerprints.generate give "
                                                    "there, and what should your function give instead?")
    return Result.not_yet(" ".join(parts), hint="fingerprints.generate(name) case-folds, strips punctuation, "
                                                "shortens legal forms and transliterates other scripts.")


_PR_CASES = [
    ([True, True, False, False, True], [True, False, True, False, True], (2 / 3, 2 / 3)),
    ([True, False, False, False], [True, True, False, False], (1.0, 0.5)),
    ([True, True, True, True, False], [True, False, False, False, True], (0.25, 0.5)),
    ([False, False, False, False], [True, False, True, False], (0.0, 0.0)),  # no alert at all
]


@question("q3", expects="a function precision_recall(alerts, truth) returning (precision, recall)")
def q3(answer: Any) -> Result:
    if not callable(answer):
        return Result.cant_check("Expected your function `precision_recall` itself (without brackets).",
                                 hint="check('finance-02', 'q3', precision_recall)")
    import pandas as pd

    swapped = wrong = 0
    for alerts, truth, (p, r) in _PR_CASES:
        for a, t in ((alerts, truth), (pd.Series(alerts), pd.Series(truth))):
            try:
                got = answer(a, t)
                if got is None or got is Ellipsis:
                    return Result.cant_check("Your function returns nothing yet: write its body and return "
                                             "(precision, recall).")
                gp, gr = float(got[0]), float(got[1])
            except ZeroDivisionError:
                return Result.not_yet("Your function divides by zero when nothing raises an alert.",
                                      hint="The question says what precision is when there are no alerts.")
            except Exception as exc:
                return Result.cant_check(f"Your function raised {type(exc).__name__} or did not return two numbers.",
                                         hint="Return a tuple: return precision, recall")
            if math.isnan(gp) or math.isnan(gr):
                wrong += 1
                continue
            if math.isclose(gp, p, abs_tol=1e-6) and math.isclose(gr, r, abs_tol=1e-6):
                continue
            if math.isclose(gp, r, abs_tol=1e-6) and math.isclose(gr, p, abs_tol=1e-6):
                swapped += 1
            else:
                wrong += 1
    n = 2 * len(_PR_CASES)
    if not swapped and not wrong:
        return Result.passed("Your function gives the right precision and recall on test cases, lists and columns alike.")
    if swapped and not wrong:
        return Result.not_yet("Your function returns recall first and precision second.",
                              hint="Look at the order of the tuple the question asks for.")
    return Result.not_yet(f"Your function is wrong on {wrong + swapped} of {n} test cases.",
                          hint="Work one test case by hand (five alerts and five truths) and compare it with what your "
                               "function returns.")


def why_problem(text: Any, threshold: float) -> str | None:
    """Why the written reason of q4 lacks substance (design.md, "Written reasons"), or None: at least eight words,
    naming the evidence the question lists (the part of the set tuned on and the threshold)."""
    import re

    if not isinstance(text, str) or not text.strip():
        return "Your `why` is empty."
    if len(re.findall(r"\w+", text)) < REASON_MIN_WORDS:
        return f"Your `why` is shorter than {REASON_MIN_WORDS} words."
    if "tuning" not in text.casefold() or f"{threshold:g}" not in re.findall(r"\d+(?:\.\d+)?", text):
        return "Your `why` does not say which part of the set you tuned on and which threshold you chose."
    return None


@question("q4", expects="a dict with 'threshold', 'precision', 'recall' (on the tuning part) and 'why'")
def q4(answer: Any) -> Result:
    if (bad := require_type(answer, dict, "a dict with the keys 'threshold', 'precision', 'recall' and 'why'")) is not None:
        return bad
    if not {"threshold", "precision", "recall", "why"} <= set(answer):
        return Result.cant_check("Your dict needs the keys 'threshold', 'precision', 'recall' and 'why'.",
                                 hint="choice = {'threshold': ..., 'precision': ..., 'recall': ..., 'why': '...'}")
    t, p, r = answer["threshold"], answer["precision"], answer["recall"]
    if not all(_num(v) for v in (t, p, r)):
        return Result.cant_check("Threshold, precision and recall must be numbers.",
                                 hint="Precision and recall as fractions between 0 and 1, the threshold as a score 0-100.")
    t, p, r = float(t), float(p), float(r)
    if p > 1 or r > 1:
        return Result.not_yet("Give precision and recall as fractions between 0 and 1, not percentages.")
    ref_p, ref_r, _ = pr_at(t)
    if abs(ref_p - p) > TOLERANCE or abs(ref_r - r) > TOLERANCE:
        all_p, all_r, _ = pr_at(t, None)
        test_p, test_r, _ = pr_at(t, "test")
        if (abs(all_p - p) <= TOLERANCE and abs(all_r - r) <= TOLERANCE) or \
                (abs(test_p - p) <= TOLERANCE and abs(test_r - r) <= TOLERANCE):
            return Result.not_yet("Your precision and recall come from another part of the set than the tuning part.",
                                  hint="Keep the test part out of the choice: it is there to judge it afterwards.")
        return Result.not_yet(
            f"At a threshold of {t:g} the prescribed matcher gives a different precision or recall on the tuning "
            "part from yours.",
            hint="Check your score column on two or three pairs by hand, then recompute the sweep on the tuning part.",
        )
    if ref_r < RECALL_FLOOR:
        return Result.not_yet(f"At {t:g} your matcher misses too many real matches: recall {_pct(ref_r)} is below the "
                              "bank's floor of 95 %.", hint="Which thresholds keep recall at or above the floor?")
    best_t, _, _ = best()
    if t < best_t:
        return Result.not_yet(f"Recall meets the floor at {t:g}, but a higher threshold keeps it there with fewer "
                              "alerts.", hint="Read the policy again: among the thresholds that meet the floor, which one?")
    if (why := why_problem(answer["why"], t)) is not None:
        return Result.not_yet(why, hint="Write it as you would in the screening file: the data, the part, the choice.")
    return Result.passed(f"A defensible choice: recall {_pct(ref_r)} on the tuning part meets the floor with the "
                         "fewest alerts the policy allows. Now judge it on the test part.")


@question("q5", expects="a dict with 'threshold', 'precision', 'recall', 'recall_low' and 'recall_high' (test part)")
def q5(answer: Any) -> Result:
    keys = {"threshold", "precision", "recall", "recall_low", "recall_high"}
    if (bad := require_type(answer, dict, "a dict with the keys " + ", ".join(sorted(keys)))) is not None:
        return bad
    if not keys <= set(answer):
        return Result.cant_check("Your dict needs the keys 'threshold', 'precision', 'recall', 'recall_low' and "
                                 "'recall_high'.", hint="judged = {'threshold': ..., 'precision': ..., ...}")
    if not all(_num(answer[k]) for k in keys):
        return Result.cant_check("Every value must be a number.", hint="Fractions between 0 and 1; the threshold 0-100.")
    t = float(answer["threshold"])
    if abs(t - best()[0]) > 1e-9:
        return Result.not_yet("Judge the threshold the policy chose in question 4, not another one.",
                              hint="Use the threshold of your `choice`, once question 4 passes.")
    ref_p, ref_r, _ = pr_at(t, "test")
    k, n = test_counts(t)
    low, high = wilson(k, n)
    p, r, lo, hi = (float(answer[x]) for x in ("precision", "recall", "recall_low", "recall_high"))
    if abs(ref_p - p) > TOLERANCE or abs(ref_r - r) > TOLERANCE:
        tune_p, tune_r, _ = pr_at(t)
        if abs(tune_p - p) <= TOLERANCE and abs(tune_r - r) <= TOLERANCE:
            return Result.not_yet("These are the tuning part's numbers.", hint="Measure again on the test part only.")
        return Result.not_yet("Your precision or recall on the test part differs from the prescribed matcher's.",
                              hint="Take the rows whose split is 'test' and apply your threshold to their scores.")
    if not (lo <= r <= hi):
        return Result.not_yet("Your recall lies outside your own interval.", hint="Check the order of the two bounds.")
    if abs(lo - low) > 0.01 or abs(min(hi, 1.0) - high) > 0.01:
        return Result.not_yet("Your interval is not the 95 % Wilson interval of that recall.",
                              hint="k is the real matches caught, n all real matches of the test part, z = 1.96; "
                                   "compare your formula with the one above the cell term by term.")
    verdict = ("so the test shows the floor is met" if low >= RECALL_FLOOR else
               "below the bank's floor of 95 %: the test part is too small to show that the floor is met, whatever "
               "the point says. Write that down, with the number of labelled matches you would need")
    return Result.passed(f"Right: on the test part recall is {_pct(r)}, and its interval starts at {_pct(lo)}, {verdict}.")


def _advise_missed(c: Compared) -> Advice | None:
    truth = _truth()
    not_match = {g for g in c.wrong if not truth.get(g)}
    caught = c.wrong - not_match
    sentences = []
    if not_match:
        sentences.append(f"{len(not_match)} of your pairs are not real matches (is_match is False).")
    if caught:
        sentences.append(f"{len(caught)} of your pairs are real matches your matcher does catch.")
    return Advice(*sentences)


q6 = IdSet("q6", expected=lambda: missed_at(best()[0]), universe=lambda: set(_truth()), allow_empty=True,
           what="a list of pair IDs such as 'SP-0001'", noun=("missed real match", "missed real matches"),
           found="You named {found} of {total} missed real matches.", wrong=("", ""),
           unknown=("{k} of your IDs is not a pair of the set.", "{k} of your IDs are not pairs of the set."),
           passed="Right: that real match is written in another script, and no threshold on a Latin-letter score will "
                  "catch it. It needs its own step: compare with the original-script name.",
           hint="Look at the real matches with the lowest scores: which stay under your threshold?",
           advise=_advise_missed, example="table['pair_id'].tolist()")


def _advise_alerts(given: dict, expected: dict) -> Advice | None:
    if any(v == "freeze" for v in given.values()):
        return Advice(hint="A freeze needs a confirmed match: what do the payment and the list entry let you confirm?")
    return None


q7 = Mapping("q7", expected=DECISIONS, labels=_DECISION_WORDS, what="a dict {alert ID: 'release' | 'hold' | 'freeze'}",
             noun=("decision", "decisions"), right="{right} of {total} decisions hold.",
             missing=("{k} alert has no decision.", "{k} alerts have no decision."),
             extra=("{k} key is not an alert of today.", "{k} keys are not alerts of today."),
             passed="Both decisions hold: one namesake cleared on a secondary identifier, one possible match held "
                    "until identity documents resolve it.",
             hint="For each alert, put party_details next to the list entry's other_information: what differs, and "
                  "what cannot be told apart?",
             key_hint="decisions = {'AL-0001': ..., 'AL-0002': ...}", advise=_advise_alerts)


def leak_probes() -> dict[str, list[str]]:
    t, p, r = best()
    k, n = test_counts(t)
    low, _ = wilson(k, n)
    return {
        "q4": [f"{p:.3f}", f"'threshold': {t}"],
        "q5": [f"{low:.3f}"],
        "q6": sorted(missed_at(t)),
        "q7": [repr(DECISIONS), *(f"'{k}': '{v}'" for k, v in DECISIONS.items())],
    }
