"""Checks for port-05, "Pre-arrival screening" (exercises/solutions/port/port-05-pre-arrival-screening.ipynb).

The indicators planted on the week's notices are recovered at run time from the world's salted ground truth
(``datasets.planted("notice_flags")``) by hashing every notice and indicator code, so no answer is stored here;
the AIS indicators (PORT-01, PORT-02, PORT-08) are added from the AIS data with the rules of port-02, because the
ground truth lists them only for the ships planted for this week.
The decisions, legal bases and ranking follow from those indicators by the rules the notebook states (and
lesson port-05 teaches). The warm-up answers (q1, q2) are derived from the notices with plain rules.
No message states an expected value.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from embargo_kit.exercises.checking import Result, hashed, question, require_type
from embargo_kit.exercises.kinds import IdSet

LESSON = "port-05"
SCREENING_DAY = dt.date(2026, 10, 1)
DPRK_WINDOW_DAYS = 180
NEAR_NM = 20.0  # a gap that starts or ends this close to a zone of concern counts for PORT-01

DUTY = ("PORT-07", "PORT-10", "PORT-16")  # trigger a duty (deny, or mandatory inspection)
GROUNDS = ("PORT-01", "PORT-02", "PORT-03", "PORT-06", "PORT-08", "PORT-17")  # support reasonable grounds
CONTEXT = ("PORT-04", "PORT-05", "PORT-09", "PORT-11", "PORT-12", "PORT-13", "PORT-14", "PORT-15")
#: codes that are judgement calls on this data: accepted where the data supports them, never required
OPTIONAL = ("PORT-12",)
DECISIONS = ("deny", "inspect", "clear")
#: the closed list of legal bases the learner picks from (registry citation IDs)
BASES = ("2270/18", "2397", "2371", "2094/17", "2321/23", "2397/8", "1718/8(d)", "1874/17", "national")
#: identity indicators: on their own they rest on national port-state-control and registration law, not on a
#: resolution (lesson port-04: "the resolutions do not by themselves forbid entry")
IDENTITY = ("PORT-03", "PORT-06")
#: indicators of activity that give reasonable grounds under resolution 2397 (para 9: seize, inspect and freeze)
ACTIVITY = ("PORT-01", "PORT-02", "PORT-08", "PORT-17")
WEIGHT = {**{c: 3 for c in DUTY}, **{c: 2 for c in GROUNDS}, **{c: 1 for c in CONTEXT}}

_FLAGS = "a dict {notice_id: [indicator codes]}, e.g. {'PAN-2026-0001': ['PORT-10']}"
_DECISIONS = "a dict {notice_id: 'deny' | 'inspect' | 'clear'} with one entry per notice"
_BASES = "a dict {notice_id: citation ID} for every notice you deny or inspect, e.g. {'PAN-2026-0001': '2270/18'}"
_IDS = "a list (or set) of notice IDs such as 'PAN-2026-0001'"

_HINT_BY_CODE = {
    "PORT-01": "Measure each ship's AIS silences (by MMSI) as in port-02, and keep those over 12 hours that start or "
               "end within 20 nautical miles of a zone of concern.",
    "PORT-02": "Look for a silence over 12 hours that ends at, or within 2 hours before, a meeting at sea.",
    "PORT-03": "Test the check digit of every IMO number in the notices.",
    "PORT-06": "Join the notices with datasets.vessels() on imo: compare build years and status (a scrapped ship "
               "cannot arrive); and look for ships in service whose build year matches, and whose length, beam and "
               "tonnage come within the tolerance of, a ship removed from the register, and that share its yard and "
               "hull number (a sister ship shares the tolerance, not the hull number).",
    "PORT-08": "Find the pairs close (500 m) and slow (under 1 knot) for 2 hours or more in open water, as in port-02.",
    "PORT-10": "Look for a DPRK port (datasets.ports(), is_dprk) in last_ports with a date within 180 days of "
               "1 October 2026.",
    "PORT-11": "Count the changes of flag in each ship's registry history (datasets.vessel_history()) in the "
               "24 months before 1 October 2026.",
    "PORT-14": "Look for DPRK nationals in crew_nationalities on a ship that does not fly the DPRK flag.",
    "PORT-15": "Combine age (built 2001 or earlier), a sale in the last 12 months and detentions in the last 3 years.",
}


# ------------------------------------------------------------------------------------------ the data
def _ds():
    from embargo_kit import datasets

    return datasets


@functools.lru_cache(maxsize=1)
def _notices():
    return _ds().arrival_notices()


def notice_ids() -> list[str]:
    return [str(n) for n in _notices()["notice_id"]]


@functools.lru_cache(maxsize=1)
def all_port_codes() -> tuple[str, ...]:
    import yaml
    from importlib import resources

    text = (resources.files("embargo_kit") / "data" / "reference" / "indicators.yaml").read_text(encoding="utf-8")
    return tuple(i["code"] for i in yaml.safe_load(text)["indicators"] if i["role"] == "port")


@functools.lru_cache(maxsize=1)
def true_flags() -> dict[str, frozenset[str]]:
    """{notice_id: codes} recovered from the planted hashes (notices without a planted flag are left out)."""
    planted = set(_ds().planted("notice_flags")["hashes"])
    out: dict[str, set[str]] = {}
    for nid in notice_ids():
        for code in all_port_codes():
            if hashed("world", "notice_flags", f"{nid}:{code}") in planted:
                out.setdefault(nid, set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def ais_flags() -> dict[str, frozenset[str]]:
    """PORT-01, PORT-02 and PORT-08 worked out from the AIS data with the rules of port-02 (a ship that went dark
    is flagged whether or not the world's notice ground truth lists it: the data shows it)."""
    import pandas as pd

    from embargo_kit.checks import port_02

    gaps = port_02.dark_gaps()
    near = set()
    for m, a, b in zip(gaps["mmsi"], gaps["start_nm"], gaps["end_nm"]):
        dists = [x for x in (a, b) if x is not None and not pd.isna(x)]
        if dists and min(dists) <= NEAR_NM:
            near.add(int(m))
    meetings = port_02.meetings()
    keep = meetings[(meetings["hours"] >= port_02.STS_MIN_HOURS) & ~meetings["in_port_area"] & ~meetings["at_anchor"]]
    first = {}
    for a, b, t in zip(keep["mmsi_a"], keep["mmsi_b"], keep["first"]):
        first[int(a)] = first[int(b)] = t
    dark_then_met = {int(m) for m, end, still in zip(gaps["mmsi"], gaps["end"], gaps["still_dark"])
                     if not still and int(m) in first
                     and pd.Timedelta(0) <= first[int(m)] - end <= pd.Timedelta(hours=2)}
    out: dict[str, set[str]] = {}
    for nid, mmsi in zip(_notices()["notice_id"], _notices()["mmsi"]):
        mmsi = int(mmsi)
        codes = {c for c, hit in (("PORT-01", mmsi in near), ("PORT-08", mmsi in first),
                                  ("PORT-02", mmsi in dark_then_met)) if hit}
        if codes:
            out[str(nid)] = codes
    return {k: frozenset(v) for k, v in out.items()}


def required_flags() -> dict[str, frozenset[str]]:
    """The indicators a complete screening finds: the planted ones (PORT-12 aside) and the AIS ones."""
    req: dict[str, set[str]] = {k: set(v) - set(OPTIONAL) for k, v in true_flags().items()}
    for k, v in ais_flags().items():
        req.setdefault(k, set()).update(v)
    return {k: frozenset(v) for k, v in req.items() if v}


@functools.lru_cache(maxsize=1)
def owner_changed_recently() -> frozenset[str]:
    """Notices whose ship changed registered owner in the 12 months before the screening day (PORT-12 may be
    argued for these, and only these)."""
    h = _ds().vessel_history()
    cutoff = SCREENING_DAY - dt.timedelta(days=365)
    out = set()
    for nid, imo, sale in zip(_notices()["notice_id"], _notices()["imo"], _notices()["last_sale"]):
        rows = h[h["imo"] == imo].sort_values("valid_from")
        owners = list(rows["registered_owner"])
        starts = [d.date() for d in rows["valid_from"]]
        changed = any(owners[i] != owners[i - 1] and starts[i] >= cutoff for i in range(1, len(owners)))
        sold = sale is not None and str(sale) not in ("NaT", "None", "nan") and _to_date(sale) >= cutoff
        if changed or sold:
            out.add(str(nid))
    return frozenset(out)


def _to_date(value) -> dt.date:
    import pandas as pd

    return pd.Timestamp(value).date()


def imo_ok(imo: int) -> bool:
    s = f"{int(imo):07d}"
    return len(s) == 7 and sum(int(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2))) % 10 == int(s[6])


def bad_check_digit() -> set[str]:
    n = _notices()
    return {str(i) for i, imo in zip(n["notice_id"], n["imo"]) if not imo_ok(imo)}


def dprk_call_recent() -> set[str]:
    n = _notices()
    p = _ds().ports()
    dprk = {str(x).casefold() for x in p.loc[p["is_dprk"], "name"]}
    cutoff = SCREENING_DAY - dt.timedelta(days=DPRK_WINDOW_DAYS)
    out = set()
    for nid, ports, dates in zip(n["notice_id"], n["last_ports"], n["last_port_dates"]):
        for port, day in zip(ports, dates):
            if str(port).casefold() in dprk and _to_date(day) >= cutoff:
                out.add(str(nid))
    return out


def decision_for(codes: frozenset[str] | set[str]) -> str:
    codes = set(codes)
    if codes & {"PORT-07", "PORT-16"}:
        return "deny"
    if codes - set(OPTIONAL) - {"PORT-11", "PORT-15"}:
        return "inspect"
    return "clear"


def decisions() -> dict[str, str]:
    flags = required_flags()
    return {nid: decision_for(flags.get(nid, frozenset())) for nid in notice_ids()}


def bases_for(codes: frozenset[str] | set[str], laundered: bool = False) -> set[str]:
    """The acceptable legal bases for a notice, given its indicators (rules stated in the notebook).

    ``laundered``: the ship is a hull whose old identity was a DPRK-flagged ship removed from the register. A DPRK
    vessel trading under a new identity gives reasonable grounds (2397) and raises the asset freeze on vessels
    of designated parties (1718/8(d)); a failed identity check alone (a bad check digit, a zombie) rests on
    national law (B11). A DPRK crew on a foreign flag: crewing services from the DPRK (2321/23) and the
    repatriation of DPRK nationals earning income abroad (2397/8), not 2270/18, which is about cargo (B12)."""
    codes = set(codes)
    if "PORT-07" in codes:
        return {"2371"}
    if "PORT-16" in codes:
        return {"2094/17"}
    out: set[str] = set()
    if "PORT-10" in codes:
        out.add("2270/18")
    if "PORT-14" in codes:
        out |= {"2321/23", "2397/8"}
    if codes & set(ACTIVITY):
        out.add("2397")
    if codes & set(IDENTITY):
        if laundered:
            out |= {"2397", "1718/8(d)"}
        elif not out:
            out.add("national")
    return out


def laundered_notices() -> frozenset[str]:
    """Notices of hulls trading under a new IMO number whose old identity was removed from the register."""
    from embargo_kit.checks import port_04

    imos = set(port_04.laundered())
    n = _notices()
    return frozenset(str(i) for i, imo in zip(n["notice_id"], n["imo"]) if int(imo) in imos)


def expected_bases() -> dict[str, set[str]]:
    flags = required_flags()
    laundered = laundered_notices()
    return {nid: bases_for(flags[nid], nid in laundered) for nid, d in decisions().items() if d != "clear"}


def score(codes) -> int:
    return sum(WEIGHT.get(c, 1) for c in set(codes) - set(OPTIONAL))


def top_two() -> list[str]:
    flags = required_flags()
    ranked = sorted(flags, key=lambda nid: (-score(flags[nid]), nid))
    return ranked[:2]


# ------------------------------------------------------------------------------------------ helpers
def _id_set(answer: Any, what: str = _IDS) -> tuple[set[str] | None, Result | None]:
    if type(answer).__name__ == "DataFrame":
        return None, Result.cant_check(f"You gave a whole table; expected {what}.",
                                       hint="Keep the notice_id column: set(table['notice_id']).")
    if isinstance(answer, (str, bytes)):
        return None, Result.cant_check(f"You gave one piece of text; expected {what}.",
                                       hint="Put the notice IDs in a list, even if there is only one.")
    if hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset)):
        answer = answer.tolist()
    if (bad := require_type(answer, (list, tuple, set, frozenset), what, allow_empty=True)) is not None:
        return None, bad
    if not all(isinstance(v, str) for v in answer):
        return None, Result.cant_check(f"Expected {what}, but some items are not text.",
                                       hint="Notice IDs look like 'PAN-2026-0001'.")
    return {v.strip().upper() for v in answer}, None


def _unknown_ids(ids) -> set[str]:
    return set(ids) - set(notice_ids())


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _dict_of(answer: Any, what: str) -> tuple[dict | None, Result | None]:
    if type(answer).__name__ == "Series":
        answer = answer.to_dict()
    if (bad := require_type(answer, dict, what, allow_empty=True)) is not None:
        return None, bad
    if not all(isinstance(k, str) for k in answer):
        return None, Result.cant_check(f"Expected {what}; the keys must be notice IDs (text).")
    return {k.strip().upper(): v for k, v in answer.items()}, None


# ------------------------------------------------------------------------------------------ questions
def _notice_set(qid: str, expected, found: str, wrong: tuple[str, str], passed: str, hint: str) -> IdSet:
    """A set of this week's notice IDs (any case; an empty set is an answer)."""
    return IdSet(qid, expected=expected, what=_IDS, universe=notice_ids, normalize=lambda v: v.upper(),
                 allow_empty=True, noun=("notice", "notices"), found=found, wrong=wrong, passed=passed, hint=hint,
                 unknown=("{k} ID is not a notice ID of this week.", "{k} IDs are not notice IDs of this week."),
                 unknown_hint="Copy the IDs from the notice_id column.", example="list(table['notice_id'])")


q1 = _notice_set("q1", bad_check_digit, "You found {found} of {total} notices whose IMO number fails the check.",
                 ("{k} notice you gave has a valid check digit.", "{k} notices you gave have a valid check digit."),
                 "Right: that IMO number fails its check digit (PORT-03).",
                 "Multiply the first six digits by 7, 6, 5, 4, 3, 2, add them, and compare the last digit of the sum "
                 "with the seventh digit.")
q2 = _notice_set("q2", dprk_call_recent,
                 "You found {found} of {total} notices with a DPRK port call in the last 180 days.",
                 ("{k} notice you gave lists no DPRK port within 180 days.",
                  "{k} notices you gave list no DPRK port within 180 days."),
                 "Right: a DPRK port call within 180 days (PORT-10): establish whether any cargo aboard originated in "
                 "or is destined for the DPRK; such cargo shall be inspected (S/RES/2270 (2016), para 18).",
                 _HINT_BY_CODE["PORT-10"])


@question("q3", expects=_FLAGS)
def q3(answer: Any) -> Result:
    if isinstance(answer, dict) and not any(answer.values()):
        return Result.cant_check("Your dict holds no indicator yet.",
                                 hint="Run the steps above; each add_flag(...) call adds codes to `flags`.")
    given_raw, bad = _dict_of(answer, _FLAGS)
    if bad is not None:
        return bad
    codes = set(all_port_codes())
    given: dict[str, set[str]] = {}
    for nid, v in given_raw.items():
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, (list, tuple, set, frozenset)):
            return Result.cant_check(f"Expected {_FLAGS}; each value must be a list of codes.",
                                     hint="Write [] for a notice with no indicator, or leave it out.")
        vals = {str(c).strip().upper() for c in v}
        if odd := vals - codes:
            return Result.cant_check(f"{_n(len(odd), 'code is', 'codes are')} not port indicator codes.",
                                     hint="Use the codes of the port indicators, PORT-01 to PORT-17.")
        if vals:
            given[nid] = vals
    if unknown := _unknown_ids(given):
        return Result.not_yet(f"{_n(len(unknown), 'key is', 'keys are')} not notice IDs of this week.",
                              hint="Copy the IDs from the notice_id column.")
    required = required_flags()
    allowed_optional = owner_changed_recently()
    need = {(n, c) for n, cs in required.items() for c in cs}
    have = {(n, c) for n, cs in given.items() for c in cs}
    found = need & have
    extra = {(n, c) for n, c in have - need
             if not (c in OPTIONAL and n in allowed_optional) and c not in true_flags().get(n, frozenset())}
    if found == need and not extra:
        return Result.passed(f"All {len(need)} indicators on the {len(required)} notices that carry one, and nothing "
                             "the data does not support.")
    parts = [f"You found {len(found)} of {len(need)} indicators on the week's notices."]
    hint = ""
    missed_codes = sorted({c for _, c in need - have})
    if missed_codes:
        parts.append("Missing: " + ", ".join(
            f"{c} on {_n(sum(1 for _, x in need - have if x == c), 'notice', 'notices')}" for c in missed_codes) + ".")
        hint = _HINT_BY_CODE.get(missed_codes[0], "Work through the seven checks of the workflow in order.")
    if extra:
        extra_codes = sorted({c for _, c in extra})
        parts.append(f"{_n(len(extra), 'indicator you gave is', 'indicators you gave are')} not supported by the "
                     f"data ({', '.join(extra_codes)}).")
        hint = hint or _HINT_BY_CODE.get(extra_codes[0], "Re-read the indicator's wording in the reference table.")
    return Result.not_yet(" ".join(parts), hint=hint)


@question("q4", expects=_DECISIONS)
def q4(answer: Any) -> Result:
    given, bad = _dict_of(answer, _DECISIONS)
    if bad is not None:
        return bad
    vals = {str(v).strip().lower() for v in given.values()}
    if vals - set(DECISIONS):
        return Result.cant_check("Each decision must be 'deny', 'inspect' or 'clear'.",
                                 hint="Use exactly one of the three words for every notice.")
    given = {k: str(v).strip().lower() for k, v in given.items()}
    if unknown := _unknown_ids(given):
        return Result.not_yet(f"{_n(len(unknown), 'key is', 'keys are')} not notice IDs of this week.",
                              hint="Copy the IDs from the notice_id column.")
    expected = decisions()
    missing = set(expected) - set(given)
    if missing:
        return Result.not_yet(f"{_n(len(missing), 'notice has', 'notices have')} no decision.",
                              hint="Every notice gets a decision, 'clear' included.")
    wrong = {k for k in expected if given[k] != expected[k]}
    if not wrong:
        return Result.passed("Right: every notice has the decision its indicators call for.")
    parts = [f"{len(expected) - len(wrong)} of {len(expected)} decisions agree with the rules."]
    hint = ""
    denied = {k for k in wrong if given[k] == "deny"}
    cleared = {k for k in wrong if given[k] == "clear"}
    inspected = {k for k in wrong if given[k] == "inspect"}
    if denied:
        parts.append(f"{_n(len(denied), 'denial has', 'denials have')} no ground for denial (no port-entry ban, no "
                     "refused inspection).")
        hint = "Deny only on PORT-07 (a port-entry ban) or PORT-16 (a refused inspection); otherwise inspect."
    if cleared:
        parts.append(f"{_n(len(cleared), 'cleared notice carries', 'cleared notices carry')} an indicator that calls "
                     "for an inspection.")
        hint = hint or "A notice with any indicator other than PORT-11, PORT-12 or PORT-15 alone is inspected."
    if inspected:
        parts.append(f"{_n(len(inspected), 'inspection rests', 'inspections rest')} only on context signs or on no "
                     "indicator at all.")
        hint = hint or ("Context signs alone (flag changes, a new owner, an old ship recently sold) do not give a "
                        "sanctions ground: clear, and pass the note to port state control.")
    return Result.not_yet(" ".join(parts), hint=hint)


@question("q5", expects=_BASES)
def q5(answer: Any) -> Result:
    given, bad = _dict_of(answer, _BASES)
    if bad is not None:
        return bad
    norm = {}
    for k, v in given.items():
        if not isinstance(v, str):
            return Result.cant_check(f"Expected {_BASES}; each value is one citation ID as text.",
                                     hint=f"Pick from: {', '.join(BASES)}.")
        norm[k] = v.strip()
    if odd := {v for v in norm.values() if v not in BASES}:
        return Result.cant_check(f"{_n(len(odd), 'legal basis is', 'legal bases are')} not in the closed list.",
                                 hint=f"Pick from: {', '.join(BASES)}.")
    if unknown := _unknown_ids(norm):
        return Result.not_yet(f"{_n(len(unknown), 'key is', 'keys are')} not notice IDs of this week.",
                              hint="Copy the IDs from the notice_id column.")
    expected = expected_bases()
    missing = set(expected) - set(norm)
    extra = set(norm) - set(expected)
    wrong = {k for k in set(expected) & set(norm) if norm[k] not in expected[k]}
    if not missing and not extra and not wrong:
        return Result.passed("Right: each denial or inspection rests on a legal basis that fits its facts.")
    parts = [f"{len(set(expected) & set(norm)) - len(wrong)} of {len(expected)} legal bases fit."]
    hint = ""
    if missing:
        parts.append(f"{_n(len(missing), 'notice you should deny or inspect has', 'notices you should deny or inspect have')}"
                     " no basis.")
        hint = "Give a basis for every notice you deny or inspect (question 4)."
    if extra:
        parts.append(f"{_n(len(extra), 'basis is given for a notice', 'bases are given for notices')} that the rules "
                     "clear.")
    if wrong:
        used = sorted({norm[k] for k in wrong})
        parts.append(f"{_n(len(wrong), 'basis does', 'bases do')} not fit the indicators of its notice.")
        if "2371" in used or "2094/17" in used:
            hint = hint or "2371 and 2094/17 are grounds for denial; none of this week's ships is banned or refused."
        hint = hint or ("Ask of each notice what the data show: DPRK-linked cargo, a DPRK crew, activity at sea, or "
                        "only an identity that does not hold. Which of these does a resolution itself reach, and "
                        "which rests on your own port-state-control law?")
    return Result.not_yet(" ".join(parts), hint=hint)


@question("q6", expects="a list of two notice IDs, highest risk first")
def q6(answer: Any) -> Result:
    if isinstance(answer, (set, frozenset)):
        return Result.cant_check("A set has no order; give a list, highest risk first.",
                                 hint="Use [first, second].")
    given, bad = _id_set(answer, "a list of two notice IDs, highest risk first")
    if bad is not None:
        return bad
    if not isinstance(answer, (list, tuple)) and not hasattr(answer, "tolist"):
        return Result.cant_check("Expected a list of two notice IDs, highest risk first.")
    order = [str(x).strip().upper() for x in (answer.tolist() if hasattr(answer, "tolist") else answer)]
    if len(order) != 2:
        return Result.cant_check(f"Expected two notice IDs; you gave {len(order)}.", hint="Keep the top two.")
    expected = top_two()
    if order == expected:
        return Result.passed("Right: those two score highest under the stated weights, in that order.")
    if set(order) == set(expected):
        return Result.not_yet("Those are the two highest, but in the wrong order.",
                              hint="Add the weights of each notice's indicators and compare the two totals.")
    return Result.not_yet(f"{len(set(order) & set(expected))} of your two are among the two highest scores.",
                          hint="Score each notice: 3 for PORT-07, -10 or -16; 2 for PORT-01, -02, -03, -06, -08 or "
                               "-17; 1 for any other code (PORT-12 does not count); then sort.")


def leak_probes() -> dict[str, list[str]]:
    """Expected answers in their written-out forms, for the leak scan of the learner notebook and its page."""
    req = required_flags()
    return {
        "q1": [repr(sorted(bad_check_digit())), repr(bad_check_digit())],
        "q2": [repr(sorted(dprk_call_recent())), repr(dprk_call_recent())],
        "q3": [repr({k: sorted(v) for k, v in sorted(req.items())})]
              + [f"'{k}': {sorted(v)!r}" for k, v in sorted(req.items())],
        "q4": [f"'{k}': 'inspect'" for k, v in decisions().items() if v == "inspect"],
        "q5": [f"'{k}': '{sorted(v)[0]}'" for k, v in sorted(expected_bases().items())],
        "q6": [repr(top_two())],
    }
