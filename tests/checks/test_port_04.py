"""Checks of port-04, "Who is this vessel?": what a learner sees for right, partial, wrong and unusable answers,
through the same ``check`` runtime the notebook uses. Expected answers come from the world's own salted ground
truth (``datasets.planted``), recovered here independently of the check module."""

from __future__ import annotations


import pytest

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "port-04"


@pytest.fixture(scope="module")
def truth() -> dict:
    v = datasets.vessels()
    imos = sorted({int(i) for i in v["imo"]} | {int(i) for i in datasets.ais_static()["imo"]})

    def planted(name):
        hashes = set(datasets.planted(name)["hashes"])
        return sorted(i for i in imos if hashed("world", name, i) in hashes)

    t = {"false": planted("false_imo"), "zombie": planted("zombie_imo"), "laundered": planted("laundered_imos"),
         "sister": planted("sister_imo")}
    assert len(t["false"]) == 1 and len(t["zombie"]) == 1 and len(t["laundered"]) == 2 and len(t["sister"]) == 1
    removed = v[v["status"] == "removed from register"]
    t["old"] = sorted(int(i) for i in removed["imo"])
    t["clean"] = next(int(i) for i in v.loc[v["status"] == "in service", "imo"]
                      if int(i) not in t["false"] + t["laundered"] + t["sister"])
    return t


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




def good_imo_ok(number):
    digits = f"{int(number):07d}"
    return sum(int(d) * w for d, w in zip(digits[:6], [7, 6, 5, 4, 3, 2])) % 10 == int(digits[6])


def test_the_check_module_finds_what_the_world_planted(truth):
    from embargo_kit.checks import port_04

    assert set(port_04.false_imos()) == set(truth["false"])
    assert set(port_04.zombie_imos()) == set(truth["zombie"])
    assert set(port_04.laundered()) == set(truth["laundered"])
    assert all(port_04.list_links()[i] for i in truth["laundered"]), "each laundered hull must lead to the list"


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5", "q6"]


def test_right_answers_pass(check, truth):
    from embargo_kit.checks import port_04

    links = {i: sorted(port_04.list_links()[i])[0] for i in truth["laundered"]}
    codes = {truth["false"][0]: ["PORT-03"], truth["zombie"][0]: ["PORT-06"]}
    for imo in truth["laundered"]:
        codes[imo] = ["PORT-06"] + (["PORT-11"] if port_04.flag_changes_24m(imo) >= 3 else [])
    for qid, answer in [
        ("q1", good_imo_ok), ("q2", truth["false"][0]), ("q3", truth["zombie"][0]),
        ("q4", truth["laundered"]), ("q4", set(truth["laundered"])),
        ("q5", links), ("q5", {str(k): [v] for k, v in links.items()}),
        ("q6", codes),
    ]:
        r, _ = run(check, qid, answer)
        assert r.state == PASS, (qid, r.line())


def test_q1_a_function_that_forgets_the_weights(check):
    r, _ = run(check, "q1", lambda n: sum(int(d) for d in str(n)[:6]) % 10 == int(str(n)[6]))
    assert r.state == NOT_YET and "test numbers" in r.message and "Weights" in r.hint


def test_q1_a_crashing_or_silent_function(check):
    r, _ = run(check, "q1", lambda n: n / 0)
    assert r.state == NOT_YET and "raised ZeroDivisionError" in r.message
    r, _ = run(check, "q1", lambda n: None)
    assert r.state == CANT_CHECK and "NoneType" in r.message


def test_q2_q3_wrong_numbers_are_explained(check, truth):
    r, text = run(check, "q2", truth["clean"])
    assert r.state == NOT_YET and "passes the check" in r.message
    never_shows(text, truth["false"])
    r, text = run(check, "q3", truth["false"][0])
    assert r.state == NOT_YET and "question 2" in r.message
    r, text = run(check, "q3", truth["clean"])
    assert r.state == NOT_YET
    never_shows(text, truth["zombie"])


def test_q4_old_numbers_and_half_answers(check, truth):
    r, text = run(check, "q4", truth["old"])
    assert r.state == NOT_YET and "old identity" in r.message and "in service" in r.hint
    never_shows(text, truth["laundered"])
    r, text = run(check, "q4", truth["laundered"][:1] + [truth["clean"]])
    assert r.state == NOT_YET and "You found 1 of 2" in r.message and "no twin" in r.message
    never_shows(text, truth["laundered"][1:])


def test_q5_a_wrong_list_entry(check, truth):
    from embargo_kit.checks import port_04

    refs = set(datasets.list_extract()["ref"])
    wrong_ref = sorted(refs - set().union(*port_04.list_links().values()))[0]
    r, _ = run(check, "q5", {i: wrong_ref for i in truth["laundered"]})
    assert r.state == NOT_YET and "0 of 2 links are right" in r.message and "company_links" in r.hint
    r, _ = run(check, "q5", {truth["laundered"][0]: wrong_ref})
    assert r.state == NOT_YET and "no link in your dict" in r.message


def test_q6_port07_for_a_company_link_is_not_supported(check, truth):
    codes = {truth["false"][0]: ["PORT-03"], truth["zombie"][0]: ["PORT-06"]}
    for imo in truth["laundered"]:
        codes[imo] = ["PORT-06", "PORT-07", "PORT-11"]
    r, text = run(check, "q6", codes)
    assert r.state == NOT_YET and "PORT-07" in r.message and "through a company" in r.hint


def test_q6_missing_codes_are_counted(check, truth):
    codes = {truth["false"][0]: ["PORT-03"], truth["zombie"][0]: ["PORT-11"]}
    codes.update({imo: ["PORT-06", "PORT-11"] for imo in truth["laundered"]})
    r, _ = run(check, "q6", codes)
    assert r.state == NOT_YET and "of 4 findings carry every indicator" in r.message


@pytest.mark.parametrize(
    "qid,answer",
    [
        ("q1", ...), ("q1", True), ("q1", 1234567),
        ("q2", ...), ("q2", "1234567"), ("q2", 12.5),
        ("q3", ...), ("q3", None),
        ("q4", ...), ("q4", "1234567"), ("q4", ["a"]),
        ("q5", ...), ("q5", {1234567: "OMM"}), ("q5", {"x": "KPe.020"}),
        ("q6", ...), ("q6", {1234567: ["PORT-99"]}),
    ],
)
def test_unusable_answers_cannot_be_checked(check, truth, qid, answer):
    r, text = run(check, qid, answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    assert "Traceback" not in text
    never_shows(text, truth["false"], truth["zombie"], truth["laundered"])


def test_leak_probes_cover_the_answers(truth):
    from embargo_kit.checks.port_04 import leak_probes

    probes = leak_probes()
    assert f"= {truth['false'][0]}" in probes["q2"] and f"= {truth['zombie'][0]}" in probes["q3"]
    assert repr(truth["laundered"]) in probes["q4"]


def test_the_module_source_stores_no_answer(truth):
    from importlib import resources

    src = (resources.files("embargo_kit") / "checks" / "port_04.py").read_text(encoding="utf-8")
    for imo in truth["false"] + truth["zombie"] + truth["laundered"]:
        assert str(imo) not in src


# ------------------------------------------------------------------------------------ fixed leniencies (issue 21)
def test_q4_exact_equality_of_particulars_finds_nothing_and_is_not_yet():
    """D4: records of one hull differ (LOA/LBP, remeasured tonnage); exact equality used to be the expected rule."""
    from embargo_kit.checks import port_04

    v = datasets.vessels()
    exact = v[v["status"] == "in service"].merge(v[v["status"] == "removed from register"],
                                                 on=list(port_04.PARTICULARS), suffixes=("", "_old"))
    assert exact.empty and port_04.laundered()
    r = Checker().evaluate("port-04", "q4", [int(i) for i in exact["imo"]])
    assert r.state in (NOT_YET, CANT_CHECK)
    r = Checker().evaluate("port-04", "q4", sorted(port_04.laundered()))
    assert r.state == PASS
    assert "build_year, length_m" not in (r.hint or "")


def test_q4_a_tolerance_match_alone_flags_the_sister_ship_and_is_not_yet(truth):
    """D4: sister ships share yard, design and build year, so the tolerance alone also flags the planted sister;
    only the same yard *and hull number* confirms one hull. An answer that flags the sister is NOT YET."""
    from embargo_kit.checks import port_04

    v = datasets.vessels()
    live, gone = v[v["status"] == "in service"], v[v["status"] == "removed from register"]
    pairs = live.merge(gone, on="build_year", suffixes=("", "_old"))
    close = pairs[((pairs["length_m"] - pairs["length_m_old"]).abs() <= 0.05 * pairs["length_m"])
                  & ((pairs["beam_m"] - pairs["beam_m_old"]).abs() <= 1)
                  & ((pairs["gross_tonnage"] - pairs["gross_tonnage_old"]).abs() <= 0.05 * pairs["gross_tonnage"])]
    tolerance_only = sorted(int(i) for i in close["imo"])
    assert set(tolerance_only) == set(truth["laundered"]) | set(truth["sister"]), "the sister must pass the tolerance"
    sister = close[close["imo"] == truth["sister"][0]].iloc[0]
    assert sister["shipyard"] == sister["shipyard_old"] and sister["hull_number"] != sister["hull_number_old"]
    r = Checker().evaluate("port-04", "q4", tolerance_only)
    assert r.state == NOT_YET and "sister ship" in r.message and "hull never changes" in r.hint
    never_shows(f"{r.message} {r.hint}", truth["laundered"], truth["sister"])
    same_hull = close[(close["shipyard"] == close["shipyard_old"]) & (close["hull_number"] == close["hull_number_old"])]
    assert Checker().evaluate("port-04", "q4", [int(i) for i in same_hull["imo"]]).state == PASS
    assert port_04.sister_ships() == set(truth["sister"])
