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

from embargo_kit.exercises.checking import Result, hashed, question
from embargo_kit.checks import port_04
from embargo_kit.exercises.kinds import Advice, Entries, IdSet, Mapping, read_items

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
    "PORT-01": "Re-read PORT-01 under step 4 of the notebook and apply each of its conditions to every silence you "
               "measure with the port-02 method (by MMSI); distances need the projection it names.",
    "PORT-02": "Re-read PORT-02 under step 4 of the notebook: it ties a silence to a meeting. Take the silences and "
               "the meetings you already found for PORT-01 and PORT-08 and compare their times ship by ship.",
    "PORT-03": "Re-read the check-digit rule in step 1 of the notebook and apply it to every IMO number in the "
               "notices with your imo_ok.",
    "PORT-06": "Re-read step 1 of the notebook after question 1: it describes two identity problems that only a "
               "join of the notices with datasets.vessels() on imo shows. Apply every condition it gives for each, "
               "the tolerance (not exact equality) included, and ask which condition tells the same hull from a "
               "sister ship.",
    "PORT-08": "Re-read PORT-08 under step 4 of the notebook and apply each of its conditions with the meeting "
               "code of port-02.",
    "PORT-10": "Re-read step 3 of the notebook (the voyage) and apply each of its conditions to last_ports and "
               "last_port_dates; datasets.ports() tells you which ports are in the DPRK.",
    "PORT-11": "Re-read PORT-11 under steps 5 to 7 of the notebook and apply it to each ship's registry periods in "
               "datasets.vessel_history().",
    "PORT-14": "Re-read PORT-14 under steps 5 to 7 of the notebook and apply each of its conditions to "
               "crew_nationalities and the flag.",
    "PORT-15": "Re-read PORT-15 under steps 5 to 7 of the notebook: it has several conditions, and a ship needs "
               "all of them. Check each one against the notice's columns.",
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
def true_flags() -> dict[str, frozenset[str]]:
    """{notice_id: codes} recovered from the planted hashes (notices without a planted flag are left out)."""
    planted = set(_ds().planted("notice_flags")["hashes"])
    out: dict[str, set[str]] = {}
    for nid in notice_ids():
        for code in port_04.port_codes():
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


# ------------------------------------------------------------------------------------------ questions
def _notice_set(qid: str, expected, found: str, wrong: tuple[str, str], passed: str, hint: str) -> IdSet:
    """A set of this week's notice IDs (any case; an empty set is an answer)."""
    return IdSet(qid, expected=expected, what=_IDS, universe=notice_ids, normalize=lambda v: v.upper(),
                 allow_empty=True, noun=("notice", "notices"), found=found, wrong=wrong, passed=passed, hint=hint,
                 unknown=_UNKNOWN, unknown_hint=_COPY_IDS, example="list(table['notice_id'])")


def _by_notice(qid: str, **options) -> Mapping:
    """A dict keyed by this week's notice IDs (any case); a key that is no notice ID is NOT YET."""
    return Mapping(qid, key=str, fold_keys=True, universe=notice_ids, unknown=_KEYS_UNKNOWN,
                   unknown_hint=_COPY_IDS, key_hint="The keys are notice IDs (text), such as 'PAN-2026-0001'.",
                   noun=("notice", "notices"), allow_empty=True, **options)


_UNKNOWN = ("{k} ID is not a notice ID of this week.", "{k} IDs are not notice IDs of this week.")
_KEYS_UNKNOWN = ("{k} key is not a notice ID of this week.", "{k} keys are not notice IDs of this week.")
_COPY_IDS = "Copy the IDs from the notice_id column."

q1 = _notice_set("q1", bad_check_digit, "You found {found} of {total} notices whose IMO number fails the check.",
                 ("{k} notice you gave has a valid check digit.", "{k} notices you gave have a valid check digit."),
                 "Right: that IMO number fails its check digit (PORT-03).",
                 "Re-read the check-digit rule at the start of step 1 of the notebook and test your imo_ok on a "
                 "notice you can work by hand: which digits does it weight, and which digit does it compare with?")
q2 = _notice_set("q2", dprk_call_recent,
                 "You found {found} of {total} notices with a DPRK port call in the last 180 days.",
                 ("{k} notice you gave lists no DPRK port within 180 days.",
                  "{k} notices you gave list no DPRK port within 180 days."),
                 "Right: a DPRK port call within 180 days (PORT-10): establish whether any cargo aboard originated in "
                 "or is destined for the DPRK; such cargo shall be inspected (S/RES/2270 (2016), para 18).",
                 _HINT_BY_CODE["PORT-10"])


def accepted_extra_flags() -> dict[str, frozenset[str]]:
    """Indicators accepted on a notice without being required: planted ones (PORT-12 included) and PORT-12 where
    the owner changed in the last 12 months."""
    owners = owner_changed_recently()
    return {nid: true_flags().get(nid, frozenset()) | (frozenset(OPTIONAL) if nid in owners else frozenset())
            for nid in notice_ids()}


def _q3_advice(c: Entries) -> Advice:
    missed = sorted({code for _, code in c.missing_items})
    sentence = ("Missing: " + ", ".join(
        f"{code} on {_n(sum(1 for _, x in c.missing_items if x == code), 'notice', 'notices')}" for code in missed)
        + ".") if missed else ""
    if missed:
        return Advice(sentence, hint=_HINT_BY_CODE.get(missed[0], "Work through the seven checks of the workflow in order."))
    extra = sorted({code for _, code in c.unsupported})
    return Advice(hint=_HINT_BY_CODE.get(extra[0], "Re-read the indicator's wording in the reference table."))


q3 = _by_notice("q3", expected=required_flags, what=_FLAGS, **port_04.CODE_VALUES, drop_empty=True,
                optional=accepted_extra_flags,
                count="items", nothing="Your dict holds no indicator yet.",
                nothing_hint="Run the steps above; each add_flag(...) call adds codes to `flags`.",
                not_a_list="Expected {what}; each value must be a list of codes.",
                value_hint="Write [] for a notice with no indicator, or leave it out.",
                right="You found {right} of {total} indicators on the week's notices.",
                unsupported=("{k} indicator you gave is not supported by the data ({which}).",
                             "{k} indicators you gave are not supported by the data ({which})."),
                passed="All {total} indicators on the {keys} notices that carry one, and nothing the data does not "
                       "support.",
                advise=_q3_advice)


def _q4_advice(given: dict, expected: dict) -> Advice:
    wrong = {k for k in set(given) & set(expected) if given[k] != expected[k]}
    sentences, hints = [], ["Every notice gets a decision, 'clear' included."] if set(expected) - set(given) else []
    for said, one, many, hint in (
            ("deny", "denial has", "denials have", "For each ship you deny, find its row in the lesson's decision "
             "table: which indicator gives the legal ground for refusing entry?"),
            ("clear", "cleared notice carries", "cleared notices carry", "For each ship you clear, read its "
             "indicators in the reference table: is every one of them only a context sign?"),
            ("inspect", "inspection rests", "inspections rest", "For each ship you inspect, ask which indicator "
             "gives a sanctions ground; the lesson says what to do with context signs alone.")):
        k = sum(1 for n in wrong if given[n] == said)
        if k:
            sentences.append(_n(k, one, many) + _Q4_WHY[said])
            hints.append(hint)
    return Advice(*sentences, hint=hints[0] if hints else "")


_Q4_WHY = {"deny": " no ground for denial (no port-entry ban, no refused inspection).",
           "clear": " an indicator that calls for an inspection.",
           "inspect": " only on context signs or on no indicator at all."}

q4 = _by_notice("q4", expected=decisions, what=_DECISIONS, labels=DECISIONS,
                not_a_label="Each decision must be 'deny', 'inspect' or 'clear'.",
                label_hint="Use exactly one of the three words for every notice.",
                right="{right} of {total} decisions agree with the rules.",
                missing=("{k} notice has no decision.", "{k} notices have no decision."),
                passed="Right: every notice has the decision its indicators call for.", advise=_q4_advice)


def _q5_advice(given: dict, expected: dict) -> Advice:
    wrong = {k for k in set(given) & set(expected) if given[k] not in expected[k]}
    hint = "Give a basis for every notice you deny or inspect (question 4)." if set(expected) - set(given) else ""
    if not wrong:
        return Advice(hint=hint)
    if {"2371", "2094/17"} & {given[k] for k in wrong}:
        hint = hint or "2371 and 2094/17 are grounds for denial; none of this week's ships is banned or refused."
    return Advice(_n(len(wrong), "basis does", "bases do") + " not fit the indicators of its notice.",
                  hint=hint or "Ask of each notice what the data show: DPRK-linked cargo, a DPRK crew, activity at "
                               "sea, or only an identity that does not hold. Which of these does a resolution itself "
                               "reach, and which rests on your own port-state-control law?")


q5 = _by_notice("q5", expected=expected_bases, what=_BASES, labels=BASES, text_only=True,
                not_a_list="Expected {what}; each value is one citation ID as text.",
                value_hint=f"Pick from: {', '.join(BASES)}.",
                not_a_label=("{k} legal basis is not in the closed list.", "{k} legal bases are not in the closed list."),
                label_hint=f"Pick from: {', '.join(BASES)}.",
                right="{right} of {total} legal bases fit.",
                missing=("{k} notice you should deny or inspect has no basis.",
                         "{k} notices you should deny or inspect have no basis."),
                extra=("{k} basis is given for a notice that the rules clear.",
                       "{k} bases are given for notices that the rules clear."),
                passed="Right: each denial or inspection rests on a legal basis that fits its facts.",
                advise=_q5_advice)


@question("q6", expects="a list of two notice IDs, highest risk first")
def q6(answer: Any) -> Result:
    order = read_items(answer, "a list of two notice IDs, highest risk first", ordered=True,
                       example="list(table['notice_id'])")
    if isinstance(order, Result):
        return order
    order = [x.upper() for x in order]
    if len(order) != 2:
        return Result.cant_check(f"Expected two notice IDs; you gave {len(order)}.", hint="Keep the top two.")
    expected = top_two()
    if order == expected:
        return Result.passed("Right: those two score highest under the stated weights, in that order.")
    if set(order) == set(expected):
        return Result.not_yet("Those are the two highest, but in the wrong order.",
                              hint="Add the weights of each notice's indicators and compare the two totals.")
    return Result.not_yet(f"{len(set(order) & set(expected))} of your two are among the two highest scores.",
                          hint="Score each notice with the weights stated above question 6 (every code it carries, "
                               "with the exceptions they name), then sort the totals.")


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


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
