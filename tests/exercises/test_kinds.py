"""Question kinds (embargo_kit.exercises.kinds): each kind's partial feedback and the edge cases every check
module inherits — tested here once, so a check module's own tests only cover its lesson's rule and hints."""

from __future__ import annotations

import math
import re
import sys
import types

import numpy as np
import pandas as pd
import pytest

from embargo_kit import checks
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.kinds import (Advice, Entries, Hashed, IdSet, Mapping, Number, OneOf, Pair, Ranking,
                                         Reason, Table, read_items)
from embargo_kit.exercises.runtime import Checker

LESSON = "demo-09"
VESSELS = [999000001, 999000002, 999000003, 999000004, 999000005]
FLEET = VESSELS + [999000006, 999000007]


def never_shows(text: str, *values) -> None:
    for v in values:
        assert not re.search(rf"(?<![\w-]){re.escape(str(v))}(?![\w-])", text), f"the message reveals {v!r}"


def text_of(r) -> str:
    return f"{r.message} {r.hint}"


# ------------------------------------------------------------------------------------------ IdSet
flagged = IdSet("q1", expected=lambda: set(VESSELS), universe=lambda: set(FLEET), item=int,
                noun=("vessel", "vessels"), what="a list (or set) of MMSIs as whole numbers",
                found="You flagged {found} of {total} vessels.",
                wrong=("{k} vessel in your answer never went dark.", "{k} vessels in your answer never went dark."),
                passed="All {total} vessels that went dark.", hint="Keep only gaps longer than 12 hours.")


@pytest.mark.parametrize("answer", [VESSELS, set(VESSELS), tuple(VESSELS), pd.Series(VESSELS), np.array(VESSELS),
                                    pd.Index(VESSELS), [float(v) for v in VESSELS], VESSELS + VESSELS[:2]])
def test_idset_passes_any_list_like_form_and_duplicates_count_once(answer):
    r = flagged(answer)
    assert r.state == PASS and r.message == "All 5 vessels that went dark."


def test_idset_partial_feedback_counts_found_wrong_and_unknown_never_the_missing():
    r = flagged(VESSELS[:3] + [999000006, 123456789])
    assert r.state == NOT_YET
    assert r.message == ("You flagged 3 of 5 vessels. 1 vessel in your answer never went dark. "
                         "1 of your IDs is not in the data at all (check the spelling).")
    assert r.hint == "Keep only gaps longer than 12 hours."
    never_shows(text_of(r), *VESSELS[3:])


def test_idset_duplicates_do_not_inflate_the_count():
    assert flagged([VESSELS[0]] * 5).message.startswith("You flagged 1 of 5 vessels.")


def test_idset_extra_items_alone_keep_it_from_passing():
    r = flagged(VESSELS + [999000007])
    assert r.state == NOT_YET and r.message.startswith("You flagged 5 of 5 vessels.")


def test_idset_advice_adds_sentences_and_replaces_the_hint():
    def advise(c):
        return Advice(f"{len(c.missing)} missed.", hint="Look at the end of the data.") if c.missing else None

    q = IdSet("q1", expected=set(VESSELS), item=int, what="MMSIs", advise=advise)
    r = q(VESSELS[:4])
    assert r.message == "You found 4 of 5 items. 1 missed." and r.hint == "Look at the end of the data."


def test_idset_counts_wrong_ids_by_their_label():
    answers = {"A": "no", "B": "unknown", "C": "yes", "D": "yes", "E": "partly", "F": "no"}
    q = IdSet("q1", expected={"A", "B", "F"}, labels=lambda: answers, what="item IDs", noun=("gap", "gaps"),
              says={"yes": ("{k} item was answered yes.", "{k} items were answered yes.")},
              wrong=("{k} other item.", "{k} other items."))
    r = q(["A", "C", "D", "E", "Z"])
    assert r.message == ("You found 1 of 3 gaps. 2 items were answered yes. 1 other item. "
                         "1 of your IDs is not in the data at all (check the spelling).")
    q2 = IdSet("q1", expected={"A"}, labels=answers, what="IDs", says={("yes", "partly"): "{k} not gaps."}, wrong="")
    assert q2(["A", "C", "E", "B"]).message == "You found 1 of 1 items. 2 not gaps."


def test_idset_with_hashed_items_gives_partial_credit_without_the_answer_in_the_source():
    ids = ["sts-ban", "port-entry", "bunkering"]
    q = IdSet("q2", expected=Hashed(LESSON, "q2", [hashed(LESSON, "q2", i) for i in ids]),
              what="measure IDs", noun=("measure", "measures"))
    assert q(["Port-Entry ", "sts-ban", "bunkering"]).state == PASS  # hashes compare the canonical form
    r = q(["sts-ban", "coal"])
    assert r.state == NOT_YET and r.message.startswith("You found 1 of 3 measures.")
    assert "1 of your IDs is not one of them." in r.message
    assert q.probes() == []


def test_idset_may_expect_nothing():
    q = IdSet("q3", expected=set(), what="IDs (an empty list if none)", allow_empty=True)
    assert q([]).state == PASS
    assert q(["x"]).state == NOT_YET


CITES = ["2270/8", "2270/18", "1874/9", "1718/8(b)", "2397/9"]
cited = IdSet("q4", expected={"2270/18", "1874/9"}, optional={"1718/8(b)"}, universe=CITES, closed=True,
              what="a list of citation IDs", noun=("citation", "citations"),
              normalize=lambda c: {"2270/8(a)": "2270/8"}.get(c.replace(" ", ""), c.replace(" ", "")),
              found=("{missing} citation the case calls for is missing.", "{missing} citations the case calls for are missing."),
              wrong=("{k} citation does not apply.", "{k} citations do not apply."),
              unknown=("{k} citation is not in the closed list.", "{k} citations are not in the closed list."),
              unknown_hint="Use the IDs of CITATIONS exactly.", hint="Why may you open it, and what rule does it break?")


def test_idset_optional_items_neither_required_nor_wrong():
    assert cited(["2270/18", "1874/9"]).state == PASS
    assert cited(["2270/18", "1874/9", "1718/8(b)"]).state == PASS
    r = cited(["2270/18", "1718/8(b)"])
    assert r.state == NOT_YET and r.message == "1 citation the case calls for is missing."
    r = cited(["2270/18", "1874/9", "2397/9", "2270/8"])
    assert r.state == NOT_YET and r.message == "0 citations the case calls for are missing. 2 citations do not apply."
    assert cited.compare(["2270/18", "1718/8(b)"]).optional == {"1718/8(b)"}


def test_idset_closed_list_cannot_check_an_id_outside_it_and_normalize_maps_items_first():
    r = cited(["2270/18", "1874/9", "2270/99"])
    assert r.state == CANT_CHECK and r.message == "1 citation is not in the closed list."
    assert r.hint == "Use the IDs of CITATIONS exactly."
    assert cited([" 2270 / 18", "1874/9"]).state == PASS  # spaces removed before comparing
    r = cited(["2270/18", "1874/9", "2270/8(a)"])  # a former ID is mapped to the current one, which does not apply
    assert r.state == NOT_YET and "1 citation does not apply." in r.message
    with pytest.raises(ValueError, match="closed list"):
        IdSet("q5", expected={"a"}, closed=True, what="IDs")


def test_idset_unknown_hint_only_when_misspelt_ids_are_the_only_fault():
    assert flagged(VESSELS + [123]).hint == "Keep only gaps longer than 12 hours."  # no unknown_hint: the hint
    q = IdSet("q6", expected={"A", "B"}, universe={"A", "B", "C"}, what="IDs", hint="Think.",
              unknown_hint="Copy the IDs from the table.")
    assert q(["A", "B", "Z"]).hint == "Copy the IDs from the table."
    assert q(["A", "Z"]).hint == "Think."  # one missing as well: the lesson's hint
    assert q(["A", "B", "C", "Z"]).hint == "Think."  # a wrong one as well


# ------------------------------------------------------------------------------- shared edge cases
KINDS = {
    "idset": flagged,
    "mapping": Mapping("q2", expected={"A-1": "high", "A-2": "low"}, what="a dict {id: label}"),
    "number": Number("q3", expected=12.5, tolerance=0.1, what="a number of hours"),
    "integer": Number("q4", expected=Hashed(LESSON, "q4", hashed(LESSON, "q4", 2375)), integer=True,
                      what="a resolution number as an int"),
    "oneof": OneOf("q5", accepted=["Legal basis"], options=["Legal basis", "Customs"], what="an area name as text"),
    "table": Table("q6", columns=("threat", "consequence"), what="a table with columns threat and consequence"),
    "ranking": Ranking("q7", scores={"a": 3, "b": 2, "c": 1}, what="a list of sector ids, highest first"),
    "reason": Reason("q8", evidence=["DOC-1", "AIS-7"]),
}


@pytest.mark.parametrize("name", KINDS)
def test_an_untouched_answer_is_not_yet_through_the_runtime(name):
    r = Checker()._run(KINDS[name].__embargo_question__, ...)
    assert r.state == NOT_YET and "replace the `...`" in r.message


@pytest.mark.parametrize("name", KINDS)
@pytest.mark.parametrize("answer", [None, float("nan"), np.nan, pd.NA])
def test_none_and_nan_cannot_be_checked(name, answer):
    r = KINDS[name](answer)
    assert r.state == CANT_CHECK, r.line()


@pytest.mark.parametrize("name,answer", [("idset", []), ("idset", set()), ("mapping", {}), ("oneof", "  "),
                                         ("reason", ""), ("table", pd.DataFrame(columns=["threat"])),
                                         ("ranking", [])])
def test_empty_answers_cannot_be_checked(name, answer):
    r = KINDS[name](answer)
    assert r.state == CANT_CHECK, r.line()


@pytest.mark.parametrize("name,answer", [
    ("idset", "999000001"), ("idset", ["a", "b"]), ("idset", [True, False]), ("idset", [[999000001]]),
    ("idset", pd.DataFrame({"mmsi": VESSELS})),
    ("mapping", ["A-1"]), ("mapping", pd.DataFrame({"x": ["high"]})), ("mapping", {1: "high"}),
    ("number", "12.5"), ("number", [12.5]), ("number", True), ("number", math.inf),
    ("integer", 2375.5), ("integer", "2375"),
    ("oneof", 3), ("oneof", ["Legal basis"]),
    ("table", {"threat": [1]}), ("table", pd.DataFrame({"threat": [1]})),
    ("table", pd.DataFrame({"threat": ["high"], "consequence": [1]})),
    ("ranking", {"a", "b", "c"}), ("ranking", "a, b, c"), ("ranking", [1, 2, 3]),
    ("reason", 42), ("reason", ["DOC-1 because"]),
])
def test_a_wrong_type_cannot_be_checked_and_the_sentence_names_what_was_expected(name, answer):
    r = KINDS[name](answer)
    assert r.state == CANT_CHECK, r.line()
    assert "Traceback" not in r.line()
    never_shows(text_of(r), "2375", "12.5", "Legal basis", "high", "low")


def test_every_kind_is_found_as_a_question_of_its_module():
    mod = types.ModuleType("embargo_kit_test_kinds_demo")
    for name, kind in KINDS.items():
        setattr(mod, name, kind)
    found = checks.questions(mod)
    assert sorted(found) == sorted(k.qid for k in KINDS.values())
    assert found["q1"].expects == flagged.what


# ---------------------------------------------------------------------------------------- Mapping
zones = Mapping("q2", expected=lambda: {999000001: "Z-1", 999000002: None, 999000003: "Z-2"}, key=int,
                labels=["Z-1", "Z-2", None], what="a dict {mmsi: zone_id or None}", noun=("gap end", "gap ends"),
                right="{right} of {total} gap ends placed correctly.", hint="Test zone.contains(point).")


def test_mapping_passes_with_case_space_and_nan_for_none():
    assert zones({999000001: " z-1", 999000002: float("nan"), 999000003: "Z-2"}).state == PASS
    assert zones(pd.Series({999000001: "Z-1", 999000002: None, 999000003: "Z-2"})).state == PASS


def test_mapping_partial_counts_right_missing_and_extra_entries():
    r = zones({999000001: "Z-2", 999000002: None, 999000009: "Z-1"})
    assert r.state == NOT_YET
    assert r.message == "1 of 3 gap ends placed correctly. 1 gap end is missing. 1 key is not one of the gap ends."
    never_shows(text_of(r), "999000003")


def test_mapping_refuses_values_outside_its_labels_and_keys_of_the_wrong_type():
    assert zones({999000001: "Z-9", 999000002: None, 999000003: "Z-2"}).state == CANT_CHECK
    assert zones({"ship": "Z-1"}).state == CANT_CHECK


def test_mapping_of_numbers_within_a_tolerance_and_duplicate_keys_after_folding():
    scores = Mapping("q4", expected={"Legal basis": 0.5, "Customs": 0.25}, values="number", tolerance=0.01,
                     fold_keys=True, what="a dict of scores", noun=("area", "areas"),
                     right=("{right} of {total} areas has the right score.", "{right} of {total} areas have the right score."))
    assert scores({"legal  BASIS": 0.504, "Customs": 0.25}).state == PASS
    r = scores({"Legal basis": 0.6, "Customs": 0.25})
    assert r.state == NOT_YET and r.message == "1 of 2 areas has the right score."
    never_shows(text_of(r), "0.5", "0.50")
    assert scores({"Customs": 0.25, "customs": 0.25, "Legal basis": 0.5}).state == CANT_CHECK
    assert scores({"Customs": "high", "Legal basis": 0.5}).state == CANT_CHECK


def test_mapping_labels_with_several_accepted_a_closed_key_list_text_only_and_text_digits_as_int_keys():
    bases = Mapping("q5", expected=lambda: {"N-1": {"2397", "1718/8(d)"}, "N-2": "national"}, fold_keys=True,
                    universe=["N-1", "N-2", "N-3"], labels=["2397", "1718/8(d)", "national", "2371"], text_only=True,
                    allow_empty=True, what="a dict {notice: basis}", noun=("notice", "notices"),
                    not_a_label=("{k} basis is not in the list.", "{k} bases are not in the list."),
                    label_hint="Pick from the list.", unknown=("{k} key is not a notice.", "{k} keys are not notices."),
                    unknown_hint="Copy the IDs.")
    assert bases({"n-1": "1718/8(D)", "N-2": "National"}).state == PASS  # either accepted label, any case
    assert bases({"N-1": "2397", "N-2": "national"}).state == PASS
    r = bases({"N-1": "2371", "N-2": "national"})
    assert r.state == NOT_YET and r.message == "1 of 2 notices right."
    never_shows(text_of(r), "2397", "1718/8(d)")
    r = bases({"N-1": "2397", "N-2": "national", "N-9": "2397"})
    assert (r.state, r.message, r.hint) == (NOT_YET, "1 key is not a notice.", "Copy the IDs.")
    r = bases({"N-1": "2270", "N-2": "S/RES"})
    assert (r.state, r.message, r.hint) == (CANT_CHECK, "2 bases are not in the list.", "Pick from the list.")
    assert bases({"N-1": 2397, "N-2": "national"}).state == CANT_CHECK  # a number is not the label '2397'
    r = bases({})  # allow_empty: every entry missing, not CAN'T CHECK
    assert r.state == NOT_YET and "2 notices are missing" in r.message
    by_imo = Mapping("q3", expected={1234567: "a"}, key=int, int_text=True, what="a dict {imo: label}")
    assert by_imo({"1234567": "A"}).state == PASS and by_imo({"12x": "A"}).state == CANT_CHECK
    assert zones({"999000001": "Z-1", 999000002: None, 999000003: "Z-2"}).state == CANT_CHECK  # int_text off


def _codes(**options) -> Mapping:
    return Mapping("q3", what="a dict {notice: [codes]}", values="set", items=["C-1", "C-2", "C-3", "C-4"],
                   item_normalize=lambda c: c.strip().upper(), fold_keys=True,
                   odd=("{k} code is not a code.", "{k} codes are not codes."), items_hint="Use C-1 to C-4.",
                   not_a_list="Expected {what}; each value a list.", value_hint="Write [] for none.", **options)


def test_mapping_of_sets_counted_per_item_with_optional_items_and_an_advice_that_sees_every_pair():
    seen: list[Entries] = []

    def advise(c: Entries) -> Advice:
        seen.append(c)
        return Advice("Missing: " + ", ".join(sorted({i for _, i in c.missing_items})) + ".", hint="Look again.")

    flags = _codes(expected=lambda: {"N-1": {"C-1", "C-2"}, "N-2": {"C-3"}}, optional={"N-2": ["C-4"]},
                   count="items", drop_empty=True, nothing="Nothing flagged yet.", nothing_hint="Run the steps.",
                   right="You found {right} of {total} codes.", advise=advise,
                   unsupported=("{k} code you gave is not supported ({which}).",
                                "{k} codes you gave are not supported ({which})."),
                   passed="All {total} codes on the {keys} notices.")
    r = flags({"n-1": ["c-1", "C-2"], "N-2": "C-3", "N-3": []})
    assert (r.state, r.message) == (PASS, "All 3 codes on the 2 notices.")
    assert flags({"N-1": {"C-1", "C-2"}, "N-2": {"C-3", "C-4"}}).state == PASS  # an optional code is accepted
    r = flags({"N-1": ["C-1"], "N-2": ["C-3"], "N-3": ["C-4"]})  # C-4 is optional on N-2 only
    assert r.state == NOT_YET and r.hint == "Look again."
    assert r.message == "You found 2 of 3 codes. 1 code you gave is not supported (C-4). Missing: C-2."
    assert seen[-1].missing_items == {("n-1", "C-2")} and seen[-1].unsupported == {("n-3", "C-4")}
    for answer in ({}, {"N-1": [], "N-2": set()}):
        r = flags(answer)
        assert (r.state, r.message, r.hint) == (CANT_CHECK, "Nothing flagged yet.", "Run the steps.")
    r = flags({"N-1": ["C-9", "c-8"]})
    assert (r.state, r.message, r.hint) == (CANT_CHECK, "2 codes are not codes.", "Use C-1 to C-4.")
    r = flags({"N-1": 5})
    assert (r.state, r.message) == (CANT_CHECK, "Expected a dict {notice: [codes]}; each value a list.")
    assert flags({"N-1": [5]}).state == CANT_CHECK


def test_mapping_of_sets_covers_or_within_counts_entries():
    findings = _codes(expected={"N-1": {"C-1"}, "N-2": {"C-2", "C-3"}}, optional={"N-1": {"C-4"}}, match="covers",
                      right="{right} of {total} findings carry every code.", unsupported="Not supported: {which}.")
    assert findings({"N-1": ["C-1", "C-4"], "N-2": ["C-2", "C-3"]}).state == PASS
    r = findings({"N-1": ["C-1", "C-3"], "N-2": ["C-2"]})  # N-1 covers its code; C-3 is reported, not counted
    assert (r.state, r.message) == (NOT_YET, "1 of 2 findings carry every code. Not supported: C-3.")
    r = findings({"N-1": ["C-1"]})
    assert r.message == "1 of 2 findings carry every code. 1 entry is missing."
    links = _codes(expected={"N-1": {"C-1", "C-2"}, "N-2": {"C-3"}}, match="within",
                   right="{right} of {total} links are right.")
    assert links({"N-1": "C-2", "N-2": ["C-3"]}).state == PASS  # one of several accepted is enough
    r = links({"N-1": [], "N-2": ["C-3", "C-4"]})  # empty, and one outside the accepted ones
    assert (r.state, r.message) == (NOT_YET, "0 of 2 links are right.")
    never_shows(text_of(r), "C-1", "C-2")
    with pytest.raises(ValueError):
        _codes(expected={}, match="some")


# ----------------------------------------------------------------------------------------- Number
def test_number_within_tolerance_and_its_messages():
    hours = Number("q3", expected=lambda: 12.5, tolerance=0.1, what="hours", passed="Right: the longest gap.",
                   wrong="{x} hours is not the longest gap.", hint="Take the maximum.")
    assert hours(12.55).state == PASS and hours(np.float64(12.45)).state == PASS and hours(12).state == NOT_YET
    r = hours(13)
    assert r.state == NOT_YET and r.message == "13.0 hours is not the longest gap." and r.hint == "Take the maximum."


def test_number_integer_hashed_accepts_numpy_ints_and_advice_recognises_a_mistake():
    def advise(n):
        return Result_not_yet("That counts every resolution.") if n == 30 else None

    from embargo_kit.exercises.checking import Result

    def Result_not_yet(s):
        return Result.not_yet(s, hint="Filter first.")

    q = Number("q4", expected=Hashed(LESSON, "q4", hashed(LESSON, "q4", 2375)), integer=True,
               what="a resolution number", advise=advise)
    assert q(np.int64(2375)).state == PASS and q(2375).state == PASS
    assert q(30).message == "That counts every resolution."
    r = q(2371)
    assert r.state == NOT_YET
    never_shows(text_of(r), "2375")


def test_number_accepts_any_of_several_values():
    assert Number("q5", expected=[2270, 2321], integer=True, what="a resolution")(2321).state == PASS


# ------------------------------------------------------------------------------------------ OneOf
def test_oneof_tells_an_unknown_option_from_a_wrong_one():
    q = OneOf("q2", accepted=lambda: {"Legal basis"}, options=lambda: ["Legal basis", "Customs", "Finance"],
              what="an area name", wrong="'{x}' is not the weakest area.", not_an_option="'{x}' is not an area.")
    assert q("  legal   BASIS ").state == PASS
    r = q("customs")
    assert r.state == NOT_YET and r.message == "'Customs' is not the weakest area."
    assert q("Ports").message == "'Ports' is not an area."
    never_shows(text_of(r), "Legal basis")


# ------------------------------------------------------------------------------------------ Table
def test_table_compares_rows_in_any_order_and_counts_the_right_ones():
    expected = {"banks": {"threat": 4, "consequence": 5}, "ports": {"threat": 3, "consequence": 2}}
    q = Table("q1", columns=("threat", "consequence"), expected=lambda: expected, what="a table",
              noun=("sector", "sectors"), right="{right} of {total} sectors have both scores right.")
    good = pd.DataFrame(expected).T
    assert q(good.iloc[::-1].astype(float)).state == PASS
    wrong = good.copy()
    wrong.loc["ports", "threat"] = 1
    r = q(wrong)
    assert r.state == NOT_YET and r.message == "1 of 2 sectors have both scores right."
    r = q(good.drop(index="ports"))
    assert r.message == "1 of 2 sectors have both scores right. 1 sector is missing."
    assert q(good.reset_index(drop=True)).state == CANT_CHECK  # rows are not sector ids
    assert q(pd.concat([good, good])).state == CANT_CHECK  # the same row twice
    assert "'consequence'" in q(good[["threat"]]).message


def test_a_table_without_expected_rows_needs_only_its_columns():
    q = Table("q1", columns=("a",), what="a table with column a", passed="The table has what it needs.")
    assert q(pd.DataFrame({"a": [1], "b": ["x"]})).state == PASS


# ---------------------------------------------------------------------------------------- Ranking
risk = Ranking("q7", scores=lambda: {"banks": 9.0, "ports": 6.0, "shipping": 6.0, "customs": 2.0},
               what="a list of sector ids, highest risk first", noun=("sector", "sectors"),
               reversed_="Your ranking runs from the lowest risk to the highest.",
               advise=lambda given: "You seem to have sorted by name." if given == sorted(given) else None,
               hint="Sort by risk.")


@pytest.mark.parametrize("order", [["banks", "ports", "shipping", "customs"], ("banks", "shipping", "ports", "customs"),
                                   pd.Index(["banks", "ports", "shipping", "customs"])])
def test_ranking_passes_with_ties_in_either_order(order):
    assert risk(order).state == PASS


def test_ranking_feedback_never_states_the_order():
    r = risk(["ports", "banks", "shipping", "customs"])
    assert r.state == NOT_YET and r.message == "1 sector is ranked above one that should come first."
    assert r.hint == "Sort by risk."
    assert risk(["customs", "shipping", "ports", "banks"]).message.startswith("Your ranking runs from the lowest")
    assert risk(["banks", "customs", "ports", "shipping"]).hint == "You seem to have sorted by name."
    r = risk(["banks", "ports", "customs"])
    assert r.message == "1 sector is missing from your ranking."
    assert "appear twice" in risk(["banks", "banks", "ports", "shipping", "customs"]).message
    assert "not among the sectors" in risk(["banks", "ports", "shipping", "customs", "x", "y"]).message


def test_ranking_lower_first():
    q = Ranking("q8", scores={"a": 1, "b": 2}, higher_first=False, what="ids, lowest first")
    assert q(["a", "b"]).state == PASS and q(["b", "a"]).state == NOT_YET


# ----------------------------------------------------------------------------------------- Reason
reason = KINDS["reason"]


def test_a_reason_of_substance_passes_and_says_it_is_not_marked():
    r = reason("The ship went dark near the zone, and doc-1 shows the cargo was declared as machinery parts.")
    assert r.state == PASS
    assert "not marked right or wrong" in r.message and "naming 1 of the evidence IDs" in r.message


def test_a_short_reason_or_one_without_evidence_is_not_yet():
    r = reason("DOC-1 looks odd.")
    assert r.state == NOT_YET and "3 words" in r.message and "at least 8" in r.message
    r = reason("I think this ship is suspicious because it behaved strangely all month long.")
    assert r.state == NOT_YET and "names none of the evidence IDs" in r.message
    r = reason("The DOC-10 record and the AIS-77 track both look odd to me today.")  # not whole IDs
    assert r.state == NOT_YET


# --------------------------------------------------------------------------------------- read_items
def test_read_items_keeps_order_and_duplicates_for_rules_of_their_own():
    assert read_items(pd.Series([" b", "a", "b"]), "ids") == ["b", "a", "b"]
    assert read_items({"x": 1, "y": 2}, "ids") == ["x", "y"]
    assert read_items([np.int64(3), 4.0], "mmsis", item=int) == [3, 4]
    assert read_items({"a"}, "ids", ordered=True).state == CANT_CHECK


def test_pairs_are_read_in_any_order_and_as_text_and_idset_counts_them():
    assert read_items([(2, 1), ["3", 4], "6-5", np.array([8, 7])], "pairs", item=Pair(int)) == [(1, 2), (3, 4),
                                                                                                (5, 6), (7, 8)]
    for bad in ([(1,)], [(5, 5)], [(1, 2, 3)], [("a", 2)], [7], "1-2"):
        r = read_items(bad, "a list of pairs", item=Pair(int))
        assert r.state == CANT_CHECK and "Traceback" not in text_of(r)
    assert read_items([("b", " a")], "pairs", item=Pair(str)) == [("a", "b")]
    r = read_items(pd.DataFrame({"a": [1], "b": [2]}), "pairs", item=Pair(int), example="list(zip(t['a'], t['b']))")
    assert r.state == CANT_CHECK and "two columns" in r.hint
    meetings = IdSet("q4", expected=lambda: {(1, 2), (3, 4)}, item=Pair(int), what="a list of pairs",
                     labels=lambda: {(5, 6): "anchorage"}, says={"anchorage": "{k} pair lies at the anchorage."},
                     unknown="{k} pair never met.", found="You found {found} of {total} transfers.")
    assert meetings([(2, 1), "3-4", (1, 2)]).state == PASS
    r = meetings([(1, 2), (6, 5), (9, 8)])
    assert r.state == NOT_YET
    assert r.message == "You found 1 of 2 transfers. 1 pair lies at the anchorage. 1 pair never met."
    never_shows(text_of(r), "3", "4")


def test_kinds_import_only_the_standard_library():
    import subprocess

    code = ("import sys; import embargo_kit.exercises.kinds; "
            "heavy = [m for m in ('pandas', 'numpy') if m in sys.modules]; assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)
