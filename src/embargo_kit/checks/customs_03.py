"""Checks for customs-03, "Does the weight add up?" (exercises/solutions/customs/customs-03-does-the-weight-add-up.ipynb).

Every expected answer is derived here from the shipped synthetic world with the rules the notebook teaches:

* q1 **weight**: bills of lading with a *weighed* container (SOLAS VI/2 method 1; a method-2 VGM is the shipper's
  own sum and cannot show hidden mass) whose goods weight (``vgm_kg - tare_kg``) exceeds the declared gross weight
  of its lines on that bill by more than :data:`WEIGHT_SHARE` and at least :data:`WEIGHT_MIN_KG`;
* q2 **value**: bills of lading with a line whose declared value per kg of **net** mass is below half the
  ``usd_per_kg_low`` or above twice the ``usd_per_kg_high`` of its HS heading in ``unit_values()`` (lines without
  a reference are skipped);
* q3 **decisions**, one per bill of lading of q1 or q2: ``inspect`` when there is a weight anomaly, a DPRK port on
  the declared route, a value far off on a line with an arms or dual-use code, or a value far *above* the range
  (overvaluation: duty saving cannot explain it; something more valuable may be inside); ``question`` when the
  only anomaly is a value far *below* the range on ordinary goods (undervaluation);
* q4 **grounds**, for each bill of lading to inspect, indicator codes from the closed list :data:`CODES`: required
  are CUS-03 (weight), CUS-02 (value) and CUS-12 (DPRK port) where they apply; CUS-04 is accepted only when bagged
  cargo sits in a container heavier than declared (bags alone are no evidence that anything is under them) and
  CUS-01 when a description is generic ("parts", "machinery"); any other code is not supported by the data.

Messages count and never name an expected bill of lading.
"""

from __future__ import annotations

from typing import Any

from embargo_kit.checks.customs_02 import bills, concern_prefixes, plural
from embargo_kit.exercises.checking import Result, question
from embargo_kit.exercises.kinds import Advice, Mapping, read_items

LESSON = "customs-03"

WEIGHT_SHARE = 0.10
WEIGHT_MIN_KG = 500.0
VALUE_LOW_FACTOR = 0.5
VALUE_HIGH_FACTOR = 2.0
DECISIONS = ("inspect", "question", "clear")
#: the closed list of indicator codes offered in the notebook
CODES = ("CUS-01", "CUS-02", "CUS-03", "CUS-04", "CUS-05", "CUS-11", "CUS-12", "CUS-16")
GENERIC_WORDS = ("parts", "machinery")

_DECISIONS = "a dict {bill-of-lading number: 'inspect' or 'question' or 'clear'}"
_GROUNDS = "a dict {bill-of-lading number: list of indicator codes such as ['CUS-03']}"


def _datasets():
    from embargo_kit import datasets

    return datasets


# ------------------------------------------------------------------------------------------ the rules
def container_weights():
    """One row per (bill of lading, container): declared kg, goods kg from the VGM, excess kg and share."""
    ds = _datasets()
    m, c = ds.manifests(), ds.containers()
    per = m.groupby(["bl_number", "container_id"], as_index=False)["gross_weight_kg"].sum()
    per = per.merge(c[["container_id", "vgm_kg", "tare_kg", "vgm_method"]], on="container_id", how="left")
    per["goods_kg"] = per["vgm_kg"] - per["tare_kg"]
    per["excess_kg"] = per["goods_kg"] - per["gross_weight_kg"]
    per["excess_share"] = per["excess_kg"] / per["gross_weight_kg"]
    return per


def weight_bls() -> set[str]:
    per = container_weights()
    hit = (per["vgm_method"] == 1) & (per["excess_share"] > WEIGHT_SHARE) & (per["excess_kg"] >= WEIGHT_MIN_KG)
    return set(per.loc[hit, "bl_number"])


def line_values():
    ds = _datasets()
    m, uv = ds.manifests(), ds.unit_values()
    x = m.assign(hs4=m["hs_code"].astype(str).str[:4]).merge(
        uv[["hs4", "usd_per_kg_low", "usd_per_kg_high"]], on="hs4", how="left")
    x["usd_per_kg"] = x["declared_value_usd"] / x["net_weight_kg"]
    return x


def value_bls() -> set[str]:
    x = line_values()
    far = (x["usd_per_kg"] < x["usd_per_kg_low"] * VALUE_LOW_FACTOR) | (
        x["usd_per_kg"] > x["usd_per_kg_high"] * VALUE_HIGH_FACTOR)
    return set(x.loc[far, "bl_number"])


def _dprk_bls() -> set[str]:
    ds = _datasets()
    dprk = set(ds.ports().query("is_dprk")["name"])
    m = ds.manifests()
    route = m["port_of_loading"].isin(dprk) | m["port_of_discharge"].isin(dprk) | m["transshipment_ports"].map(
        lambda ps: any(p in dprk for p in (ps or [])))
    return set(m.loc[route, "bl_number"])


def _value_on_concern_code() -> set[str]:
    x = line_values()
    far = (x["usd_per_kg"] < x["usd_per_kg_low"] * VALUE_LOW_FACTOR) | (
        x["usd_per_kg"] > x["usd_per_kg_high"] * VALUE_HIGH_FACTOR)
    return set(x.loc[far & x["hs_code"].astype(str).str.startswith(concern_prefixes()), "bl_number"])


def overvalued_bls() -> set[str]:
    x = line_values()
    return set(x.loc[x["usd_per_kg"] > x["usd_per_kg_high"] * VALUE_HIGH_FACTOR, "bl_number"])


def expected_decisions() -> dict[str, str]:
    w, v = weight_bls(), value_bls()
    inspect = w | (v & _value_on_concern_code()) | ((w | v) & _dprk_bls()) | overvalued_bls()
    return {bl: ("inspect" if bl in inspect else "question") for bl in sorted(w | v)}


def code_rules() -> dict[str, tuple[set[str], set[str]]]:
    """For each bill of lading to inspect: (required codes, accepted extra codes)."""
    m = _datasets().manifests()
    w, v, dprk = weight_bls(), value_bls(), _dprk_bls()
    out = {}
    for bl, decision in expected_decisions().items():
        if decision != "inspect":
            continue
        lines = m[m["bl_number"] == bl]
        required = {code for code, hit in (("CUS-03", bl in w), ("CUS-02", bl in v), ("CUS-12", bl in dprk)) if hit}
        extra = set()
        if (lines["package_type"] == "bags").any() and bl in w:
            extra.add("CUS-04")  # bagged cargo in a box heavier than declared
        if lines["description"].str.contains("|".join(GENERIC_WORDS), case=False).any():
            extra.add("CUS-01")
        out[bl] = (required, extra)
    return out


# ------------------------------------------------------------------------------------------ helpers
def _as_dict(answer: Any, what: str) -> tuple[dict | None, Result | None]:
    if type(answer).__name__ == "Series":
        answer = answer.to_dict()
    if answer is Ellipsis or (isinstance(answer, dict) and any(v is Ellipsis for v in answer.values())):
        return None, Result.unanswered(hint=f"Expected {what}.")
    if answer is None:
        return None, Result.cant_check(f"Your answer is None, so there is nothing to check. Expected {what}.")
    if not isinstance(answer, dict):
        return None, Result.cant_check(
            f"Expected {what}, but your answer is a {type(answer).__name__}.",
            hint="Build it as {'BL-...': ..., ...} or with dict(zip(keys, values)).",
        )
    if not answer:
        return None, Result.cant_check(f"Your answer is an empty dict. Expected {what}.")
    if not all(isinstance(k, str) for k in answer):
        return None, Result.cant_check(f"Expected {what}, but some keys are not bill-of-lading numbers (text).")
    return {k.strip(): v for k, v in answer.items()}, None


# ------------------------------------------------------------------------------------------ questions
def _too_broad(flagged, sentence: str, hint: str):
    """An advise hook: the answer is far larger than expected and inside ``flagged()`` (what a looser rule finds)."""

    def advise(c) -> Advice | None:
        return Advice(sentence, hint=hint) if len(c.given) > 3 * c.total and c.given <= flagged() else None

    return advise


def _heavy_with_tare() -> set[str]:
    per = container_weights()
    return set(per.loc[(per["vgm_kg"] - per["gross_weight_kg"]) > WEIGHT_SHARE * per["gross_weight_kg"], "bl_number"])


def _outside_range() -> set[str]:
    x = line_values()
    return set(x.loc[(x["usd_per_kg"] < x["usd_per_kg_low"]) | (x["usd_per_kg"] > x["usd_per_kg_high"]), "bl_number"])


_q1_advice = _too_broad(_heavy_with_tare, "Nearly every container looks heavy when the tare is left in.",
                        "The VGM includes the empty container: subtract tare_kg before comparing with the declared "
                        "weight.")
_q2_advice = _too_broad(_outside_range, "Every value just outside the reference range is in your answer.",
                        "Reference ranges are loose; flag only values below HALF the low end or above TWICE the high "
                        "end.")


q1 = bills("q1", weight_bls, "with a container heavier than declared",
           passed="All {total} bills of lading whose weighed containers weigh clearly more than declared.",
           hint="Compare like with like: the declared weight of the lines in one container of one bill of lading "
           "against what that container's goods weighed. Which VGMs were weighed at all?", advise=_q1_advice)

q2 = bills("q2", value_bls, "with a value per kilogram far outside the usual range",
           passed="All {total} bills of lading with a declared value far outside the range for the code.",
           hint="A price per kilogram is a price per kilogram of goods: which mass column leaves the packing out? "
           "Then re-read the question for how far outside the range counts.", advise=_q2_advice)


def _q3_advice(given: dict, expected: dict) -> Advice | None:
    wrong = {bl for bl in expected if bl in given and given[bl] != expected[bl]}
    cleared = sum(1 for bl in wrong if given[bl] == "clear")
    sentence = f"You cleared {cleared}: every flagged bill of lading needs at least a question." if cleared else ""
    if any(expected[bl] == "inspect" and bl in weight_bls() for bl in wrong):
        return Advice(sentence, hint="Extra weight is the trace concealment leaves: a weight anomaly always means "
                      "inspect. " + _Q3_HINT)
    return Advice(sentence) if sentence else None


_Q3_HINT = ("For each bill of lading, list its anomalies first (weight, route, value below or above the range, "
            "code), then read the rule above the question: which of them can an innocent explanation cover?")

q3 = Mapping("q3", expected=expected_decisions, labels=DECISIONS, what=_DECISIONS,
             noun=("flagged bill of lading", "flagged bills of lading"),
             right="{right} of the {total} decisions follow the rule.",
             missing=("{k} flagged bill of lading has no decision.", "{k} flagged bills of lading have no decision."),
             extra=("{k} key is not flagged by question 1 or 2.", "{k} keys are not flagged by question 1 or 2."),
             passed="Right: every one of the {total} flagged bills of lading has the decision the rule gives.",
             hint=_Q3_HINT, key_hint="Use the bill-of-lading numbers of questions 1 and 2 as keys.",
             advise=_q3_advice)


def _read_grounds(answer: Any) -> dict[str, set[str]] | Result:
    """The q4 answer as {bill of lading: set of codes}, or the CAN'T CHECK (or NOT YET for ``...``) saying why not."""
    given, bad = _as_dict(answer, _GROUNDS)
    if bad is not None:
        return bad
    codes: dict[str, set[str]] = {}
    for bl, v in given.items():
        items = read_items([v] if isinstance(v, str) else v, "a list of indicator codes such as ['CUS-03', 'CUS-04']",
                           allow_empty=True, example="['CUS-03', 'CUS-04']")
        if isinstance(items, Result):
            return Result.cant_check("Each value should be a list of indicator codes such as ['CUS-03', 'CUS-04'].",
                                     hint="Write the codes as text, in a list, one list per bill of lading.")
        codes[bl] = {c.upper() for c in items}
    return codes


@question("q4", expects=_GROUNDS)
def q4(answer: Any) -> Result:
    codes = _read_grounds(answer)
    if isinstance(codes, Result):
        return codes
    rules = code_rules()
    unknown = set().union(*codes.values()) - set(CODES)
    if unknown:
        return Result.not_yet(
            f"{plural(len(unknown), 'code')} {'is' if len(unknown) == 1 else 'are'} not in the closed list.",
            hint="Pick codes only from CODES (print(CODES) shows them with their meaning).")
    missing_bl, extra_bl = set(rules) - set(codes), set(codes) - set(rules)
    if missing_bl or extra_bl:
        parts = [f"Your grounds cover {len(set(codes) & set(rules))} of the {len(rules)} bills of lading to inspect."]
        if extra_bl:
            parts.append(f"{plural(len(extra_bl), 'key')} {'is' if len(extra_bl) == 1 else 'are'} not a bill of "
                         "lading you decided to inspect.")
        return Result.not_yet(" ".join(parts), hint="Give grounds for exactly the bills of lading whose decision in "
                              "question 3 is 'inspect'.")
    short = sum(1 for bl, (req, _) in rules.items() if not req <= codes[bl])
    unsupported = sum(1 for bl, (req, ok) in rules.items() if codes[bl] - req - ok)
    if not short and not unsupported:
        return Result.passed("Every inspection order names the indicators the data support, and no others.")
    parts = []
    if short:
        parts.append(f"{plural(short, 'order')} {'lacks' if short == 1 else 'lack'} an indicator that the data show.")
    if unsupported:
        parts.append(f"{plural(unsupported, 'order')} {'names' if unsupported == 1 else 'name'} an indicator the data "
                     "do not support.")
    return Result.not_yet(" ".join(parts), hint="Name the test each order failed, then add a code only where its "
                          "own words fit what the lines show: CUS-04 speaks of crates under bagged cargo, so what "
                          "would show that? CUS-11 and CUS-12 need a DPRK link.")


def leak_probes() -> dict[str, list[str]]:
    """The expected answers as text, for the leak scan of the learner notebook and its page."""
    w, v = sorted(weight_bls()), sorted(value_bls())
    dec = expected_decisions()
    inspect = sorted(bl for bl, d in dec.items() if d == "inspect")
    return {
        "q1": [repr(w), ", ".join(w)],
        "q2": [repr(v), ", ".join(v)],
        "q3": [repr(dec), repr(inspect), ", ".join(inspect)],
        "q4": [repr({bl: sorted(r) for bl, (r, _) in sorted(code_rules().items())})],
    }
