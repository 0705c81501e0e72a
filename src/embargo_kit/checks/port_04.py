"""Checks for port-04, "Who is this vessel?" (exercises/solutions/port/port-04-who-is-this-vessel.ipynb).

Expected answers are derived here from the shipped practice world (``vessels``, ``vessel_history``,
``ais_static``, ``companies``, ``company_links``, ``list_extract``) with the rules the notebook states; the test
module compares them with the world's salted ground truth (``datasets.planted``). No message states an expected
value.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from embargo_kit.exercises.checking import Result, question
from embargo_kit.exercises.kinds import Advice, Compared, Entries, IdSet, Mapping, Number

LESSON = "port-04"
SCREENING_DAY = dt.date(2026, 10, 1)
PARTICULARS = ("build_year", "length_m", "beam_m", "gross_tonnage")
#: the tolerance the notebook teaches for matching two records of one hull
LENGTH_TOL, BEAM_TOL_M, GT_TOL = 0.05, 1, 0.05

_IMO = "an IMO number as an int"
_IMO_SET = "a list (or set) of IMO numbers as ints"
_LINKS = "a dict {imo: list reference}, e.g. {1234567: 'KPe.001'}"
_CODES = "a dict {imo: [indicator codes]}, e.g. {1234567: ['PORT-06']}"

#: numbers the learner's check-digit function is tried on (fictional range; none is an answer)
_TRIALS = {
    1234567: True, 3814220: True, 2475302: True, 9074729: True, 1000007: True, 4999998: True,
    2475305: False, 1234568: False, 3814221: False, 9074720: False, 1000000: False, 4999999: False,
}


# ------------------------------------------------------------------------------------------ the data
def _ds():
    from embargo_kit import datasets

    return datasets


def imo_ok(number: int) -> bool:
    s = f"{int(number):07d}"
    return len(s) == 7 and sum(int(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2))) % 10 == int(s[6])


@functools.lru_cache(maxsize=1)
def false_imos() -> frozenset[int]:
    return frozenset(int(i) for i in _ds().vessels()["imo"] if not imo_ok(i))


@functools.lru_cache(maxsize=1)
def zombie_imos() -> frozenset[int]:
    v = _ds().vessels()
    scrapped = set(int(i) for i in v.loc[v["status"] == "scrapped", "imo"])
    return frozenset(int(i) for i in _ds().ais_static()["imo"].unique() if int(i) in scrapped)


@functools.lru_cache(maxsize=1)
def twins() -> "pd.DataFrame":
    """Ships in service paired with a ship removed from the register of the same build year whose particulars
    agree within the lesson's tolerance (records of one hull differ by remeasurement, rounding, and length
    overall against length between perpendiculars). A lead only: sister ships pass it too."""
    v = _ds().vessels()
    live = v[v["status"] == "in service"]
    gone = v[v["status"] == "removed from register"]
    m = live.merge(gone, on="build_year", suffixes=("", "_old"))
    close = (((m["length_m"] - m["length_m_old"]).abs() <= LENGTH_TOL * m["length_m"])
             & ((m["beam_m"] - m["beam_m_old"]).abs() <= BEAM_TOL_M)
             & ((m["gross_tonnage"] - m["gross_tonnage_old"]).abs() <= GT_TOL * m["gross_tonnage"]))
    return m[close].reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def laundered() -> dict[int, int]:
    """{current IMO: IMO of the identity it had before}: the tolerance pairs confirmed as one hull by the
    evidence sister ships do not share, the same shipyard and hull (yard) number."""
    m = twins()
    m = m[(m["shipyard"] == m["shipyard_old"]) & (m["hull_number"] == m["hull_number_old"])]
    return {int(a): int(b) for a, b in zip(m["imo"], m["imo_old"])}


def sister_ships() -> set[int]:
    """Tolerance pairs from the same yard under another hull number: sister ships, not the old hull."""
    m = twins()
    m = m[(m["shipyard"] == m["shipyard_old"]) & (m["hull_number"] != m["hull_number_old"])]
    return {int(i) for i in m["imo"]} - set(laundered())


@functools.lru_cache(maxsize=1)
def list_links() -> dict[int, frozenset[str]]:
    """{current IMO: list references} reached from the old identity's owners and managers through
    ``company_links`` (any relation to a list reference)."""
    h = _ds().vessel_history()
    comps = _ds().companies()
    links = _ds().company_links()
    refs = set(_ds().list_extract()["ref"])
    by_name = {str(n).casefold(): str(c) for n, c in zip(comps["name"], comps["company_id"])}
    out = {}
    for new, old in laundered().items():
        rows = h[h["imo"] == old]
        names = set(rows["registered_owner"]) | set(rows["manager"])
        ids = {by_name.get(str(n).casefold()) for n in names} - {None}
        hit = links[links["source_id"].isin(ids) & links["target_id"].isin(refs)]
        out[new] = frozenset(str(t) for t in hit["target_id"])
    return out


def flag_changes_24m(imo: int) -> int:
    import pandas as pd

    h = _ds().vessel_history()
    rows = h[h["imo"] == imo].sort_values("valid_from")
    since = pd.Timestamp(SCREENING_DAY) - pd.DateOffset(months=24)
    flags, starts = list(rows["flag"]), list(rows["valid_from"])
    return sum(1 for i in range(1, len(flags)) if flags[i] != flags[i - 1] and starts[i] >= since)


def owner_changed_12m(imo: int) -> bool:
    import pandas as pd

    h = _ds().vessel_history()
    rows = h[h["imo"] == imo].sort_values("valid_from")
    since = pd.Timestamp(SCREENING_DAY) - pd.DateOffset(months=12)
    owners, starts = list(rows["registered_owner"]), list(rows["valid_from"])
    return any(owners[i] != owners[i - 1] and starts[i] >= since for i in range(1, len(owners)))


def expected_codes() -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """{imo: (required codes, also accepted codes)} for the laundered hulls, the zombie and the false IMO."""
    out: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    for imo in laundered():
        req = {"PORT-06"} | ({"PORT-11"} if flag_changes_24m(imo) >= 3 else set())
        ok = {"PORT-12"} if owner_changed_12m(imo) else set()
        out[imo] = (frozenset(req), frozenset(ok))
    for imo in zombie_imos():
        out[imo] = (frozenset({"PORT-06"}), frozenset({"PORT-03", "PORT-04"}))
    for imo in false_imos():
        out[imo] = (frozenset({"PORT-03"}), frozenset({"PORT-05"}))
    return out


@functools.lru_cache(maxsize=1)
def port_codes() -> frozenset[str]:
    import yaml
    from importlib import resources

    text = (resources.files("embargo_kit") / "data" / "reference" / "indicators.yaml").read_text(encoding="utf-8")
    return frozenset(i["code"] for i in yaml.safe_load(text)["indicators"] if i["role"] == "port")


#: how a value of port indicator codes is read ({id: [codes]} answers, here and in port-05)
CODE_VALUES = dict(values="set", items=port_codes, item_normalize=lambda code: code.strip().upper(),
                   odd=("{k} code is not a port indicator code.", "{k} codes are not port indicator codes."),
                   items_hint="Use the codes of the port indicators, PORT-01 to PORT-17, from the indicator table.")


# ------------------------------------------------------------------------------------------ helpers
def _known_imos() -> set[int]:
    return {int(i) for i in _ds().vessels()["imo"]} | {int(i) for i in _ds().vessel_history()["imo"]}


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects="a function that takes an IMO number and returns True or False")
def q1(answer: Any) -> Result:
    if not callable(answer):
        return Result.cant_check("Expected a function, e.g. imo_ok, not the result of calling it.",
                                 hint="Pass the function itself: check('port-04', 'q1', imo_ok).")
    wrong_valid, wrong_invalid = 0, 0
    for number, valid in _TRIALS.items():
        try:
            got = answer(number)
        except Exception as exc:  # the learner's code; report, never raise
            return Result.not_yet(f"Your function raised {type(exc).__name__} for {number}.",
                                  hint="It should take an int and return True or False.")
        if not isinstance(got, bool) and type(got).__name__ != "bool_":
            return Result.cant_check(f"Your function returned {type(got).__name__}, not True or False.",
                                     hint="End it with a comparison, e.g. return total % 10 == last_digit.")
        if bool(got) != valid:
            wrong_valid += valid
            wrong_invalid += not valid
    if not wrong_valid and not wrong_invalid:
        return Result.passed(f"Your function is right on all {len(_TRIALS)} test numbers.")
    parts = [f"Your function is right on {len(_TRIALS) - wrong_valid - wrong_invalid} of {len(_TRIALS)} test numbers."]
    if wrong_valid:
        parts.append(f"It rejects {_n(wrong_valid, 'valid number', 'valid numbers')}.")
    if wrong_invalid:
        parts.append(f"It accepts {_n(wrong_invalid, 'invalid number', 'invalid numbers')}.")
    return Result.not_yet(" ".join(parts), hint="Weights 7, 6, 5, 4, 3, 2 on the first six digits; the last digit of "
                                                "the sum (total % 10) must equal the seventh digit.")


def _q2_advice(imo: int) -> Result:
    if imo not in _known_imos():
        return Result.not_yet("That number is not in the fleet's registry records.",
                              hint="Apply your function to datasets.vessels()['imo'].")
    return Result.not_yet("That IMO number passes the check.",
                          hint="Apply your function to every number and keep the one that fails.")


def _q3_advice(imo: int) -> Result:
    if imo in false_imos():
        return Result.not_yet("That is the malformed number of question 2, not a scrapped ship's.",
                              hint="Join the broadcast IMO numbers (ais_static) with vessels() and look at `status`.")
    if imo not in {int(i) for i in _ds().ais_static()["imo"].unique()}:
        return Result.not_yet("No ship broadcast that IMO number on AIS this month.",
                              hint="Start from the IMO numbers in datasets.ais_static().")
    return Result.not_yet("The registry record of that number is a ship in service.",
                          hint="Keep the broadcast numbers whose record has status 'scrapped'.")


q2 = Number("q2", expected=false_imos, integer=True, what=_IMO, advise=_q2_advice,
            passed="Right: that registry record carries an IMO number that fails its check digit (PORT-03).")
q3 = Number("q3", expected=zombie_imos, integer=True, what=_IMO, advise=_q3_advice,
            passed="Right: a ship is broadcasting the IMO number of a ship the registry says was broken up.")


def _hull_labels() -> dict[int, str]:
    """Every IMO number of the records: what it is for question 4."""
    new, old, sisters = set(laundered()), set(laundered().values()), sister_ships()
    return {i: "laundered" if i in new else "old identity" if i in old else "sister" if i in sisters else "other"
            for i in _known_imos()}


def _q4_advice(c: Compared) -> Advice | None:
    labels = {c.labels.get(i) for i in c.wrong}
    if "sister" in labels:
        return Advice(hint="A tolerance match is a lead, not a finding: sister ships share yard, design and build "
                           "year. Keep the pairs that also share the one thing a hull never changes.")
    if "old identity" in labels:
        return Advice(hint="Give the IMO number of the ship in service.")
    return None


q4 = IdSet("q4", expected=lambda: set(laundered()), item=int, labels=_hull_labels, what=_IMO_SET,
           noun=("laundered hull", "laundered hulls"), example="[int(i) for i in table['imo']]",
           says={"old identity": ("{k} number is the old identity, removed from the register, not the number the "
                                  "hull trades under now.",
                                  "{k} numbers are the old identity, removed from the register, not the number the "
                                  "hull trades under now."),
                 "sister": ("{k} ship matches a removed ship within the tolerance but is another hull: a sister "
                            "ship from the same yard.",
                            "{k} ships match a removed ship within the tolerance but are other hulls: sister ships "
                            "from the same yard.")},
           wrong=("{k} number has no twin among the removed ships.", "{k} numbers have no twin among the removed ships."),
           unknown=("{k} number is not in the registry records.", "{k} numbers are not in the registry records."),
           passed="Right: {total} hulls trading under new numbers, each matching a ship removed from the register "
                  "within tolerance and built under the same yard and hull number (PORT-06); the sister ship is set "
                  "aside. On real papers a new identity usually gives a new yard or hull number too: a match "
                  "confirms, a mismatch does not clear; check the old hull's builder and class records.",
           hint="Pair each ship in service with the removed ships of the same build year, then ask which differences "
                "in the other particulars the question allows. Exact equality misses real records.",
           advise=_q4_advice)


def _q5_advice(c: Entries) -> Advice | None:
    return Advice(hint="Use the hulls of question 4 as the keys.") if c.missing or c.extra else None


q5 = Mapping("q5", expected=list_links, what=_LINKS, key=int, int_text=True, values="set", match="within",
             items=lambda: set(_ds().list_extract()["ref"]), noun=("laundered hull", "laundered hulls"),
             key_hint="Use the IMO number (an int) as key.",
             not_a_list="Expected {what}; each value is a list reference as text.",
             value_hint="List references look like the `ref` column of datasets.list_extract().",
             odd=("{k} value is not a reference in the list extract.", "{k} values are not a reference in the list "
                  "extract."),
             items_hint="Copy the reference from the `ref` column of datasets.list_extract().",
             right="{right} of {total} links are right.",
             missing=("{k} laundered hull has no link in your dict.", "{k} laundered hulls have no link in your dict."),
             extra=("{k} key is not a laundered hull.", "{k} keys are not laundered hulls."),
             passed="Right: each hull's old identity was run by a company linked to a list entry.",
             hint="Follow the old identity: its registry records (vessel_history) give the owner and manager; "
                  "companies() gives their company_id; company_links() leads to the reference.",
             advise=_q5_advice)


def _q6_advice(c: Entries) -> Advice | None:
    if c.missing or c.extra:
        return Advice(hint="Explain the false IMO (q2), the zombie (q3) and each laundered hull (q4): one entry each.")
    if "PORT-07" in {code for _, code in c.unsupported}:
        return Advice(hint="PORT-07 needs the vessel, its IMO number or a former name on the list; here the link "
                           "runs through a company, which you record in question 5.")
    return None


q6 = Mapping("q6", expected=lambda: {k: req for k, (req, _) in expected_codes().items()},
             optional=lambda: {k: ok for k, (_, ok) in expected_codes().items()}, what=_CODES, key=int,
             int_text=True, match="covers", **CODE_VALUES, noun=("finding", "findings"),
             key_hint="Use the IMO number (an int) as key.",
             not_a_list="Expected {what}; each value is a list of codes.",
             right="{right} of {total} findings carry every indicator the data shows.",
             missing=("{k} vessel of your findings has no explanation.",
                      "{k} vessels of your findings have no explanation."),
             extra=("{k} key is not among the findings of questions 2 to 4.",
                    "{k} keys are not among the findings of questions 2 to 4."),
             unsupported="Not supported by the data: {which}.",
             passed="Right: each finding is explained by the indicators the data supports.",
             hint="PORT-06 is a hull whose particulars do not fit its number's record (or fit an old one); PORT-03 a "
                  "malformed or mismatched identifier; PORT-11 three or more flags in 24 months.",
             advise=_q6_advice)


def leak_probes() -> dict[str, list[str]]:
    """Expected answers in written-out forms, for the leak scan of the learner notebook and its page. The
    numbers themselves appear in ordinary data displays, so they are probed as assignments and collections."""
    return {
        "q2": [f"= {i}" for i in sorted(false_imos())],
        "q3": [f"= {i}" for i in sorted(zombie_imos())],
        "q4": [repr(sorted(laundered())), repr(set(laundered()))],
        "q5": [repr({k: sorted(v)[0] for k, v in sorted(list_links().items()) if v})],
        "q6": [f"{k}: {sorted(req)!r}" for k, (req, _) in sorted(expected_codes().items())],
    }
