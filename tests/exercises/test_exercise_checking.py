"""Checking helpers and the check runtime, as a learner and a check author meet them."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from embargo_kit import checks
from embargo_kit.exercises import checking
from embargo_kit.exercises.checking import (
    CANT_CHECK,
    MIMETYPE,
    NOT_YET,
    PASS,
    Result,
    canonical,
    hashed,
    matches_hash,
    require_type,
)
from embargo_kit.exercises.runtime import Checker


# ------------------------------------------------------------------------------------------- hashing
@pytest.mark.parametrize(
    "a, b",
    [
        ("  Chongchon   GANG ", "chongchon gang"),
        (1718, 1718.0),
        (12.5000001, 12.5),
        (["B", "a", "a"], ("A", "b")),
        ({"x", "y"}, frozenset({"Y", "X"})),
        (True, True),
        (__import__("datetime").date(2017, 8, 5), "2017-08-05"),
        (__import__("datetime").datetime(2017, 8, 5), __import__("datetime").date(2017, 8, 5)),
    ],
)
def test_equivalent_answers_hash_alike(a, b):
    assert canonical(a) == canonical(b)
    assert hashed("demo-01", "q1", a) == hashed("demo-01", "q1", b)


@pytest.mark.parametrize(
    "a, b",
    [(1718, 1874), (12.5, 12.51), (["a"], "a"), (["a", "b"], ["a"]), (True, False), ("abc", "ab c")],
)
def test_different_answers_hash_differently(a, b):
    assert hashed("demo-01", "q1", a) != hashed("demo-01", "q1", b)


def test_hash_depends_on_lesson_and_question():
    base = hashed("demo-01", "q1", 1718)
    assert len(base) == 64 and int(base, 16) >= 0
    assert base != hashed("demo-01", "q2", 1718)
    assert base != hashed("demo-02", "q1", 1718)


def test_canonical_forms_are_documented_ones():
    assert canonical(" A  b\tC ") == "a b c"
    assert canonical(True) == "true"
    assert canonical(3) == "3" and canonical(2.0) == "2" and canonical(0.1 + 0.2) == "0.3"
    assert canonical([3, 1, 3]) == "[1\x1f3]"


def test_pandas_and_numpy_values_hash_like_plain_ones():
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    names = ["Beta Dawn", "Alpha Star"]
    expected = hashed("demo-01", "q2", names)
    assert hashed("demo-01", "q2", pd.Series(names)) == expected
    assert hashed("demo-01", "q2", pd.Index(names)) == expected
    assert hashed("demo-01", "q2", np.array(names)) == expected
    assert hashed("demo-01", "q1", np.int64(1718)) == hashed("demo-01", "q1", 1718)
    assert hashed("demo-01", "q1", np.float64(12.5)) == hashed("demo-01", "q1", 12.5)
    assert canonical(np.bool_(True)) == "true"
    assert canonical(pd.Timestamp("2017-08-05")) == "2017-08-05"
    assert canonical(pd.Series(pd.to_datetime(["2017-08-05", "2016-03-02"]))) == "[2016-03-02\x1f2017-08-05]"


def test_matches_hash_accepts_one_or_several_digests():
    digest = hashed("demo-01", "q1", 1718)
    assert matches_hash("demo-01", "q1", 1718, digest)
    assert matches_hash("demo-01", "q1", 1718, digest.upper())
    assert matches_hash("demo-01", "q1", 1718, ["0" * 64, digest])
    assert not matches_hash("demo-01", "q1", 1874, digest)


def test_unhashable_values_raise():
    with pytest.raises(TypeError):
        canonical({"a": 1})
    with pytest.raises(ValueError):
        canonical(float("nan"))


def test_hash_command_prints_the_hash(capsys):
    assert checking.main(["hash", "demo-01", "q1", "1718"]) == 0
    assert capsys.readouterr().out.strip() == hashed("demo-01", "q1", 1718)
    assert checking.main(["hash", "demo-01", "q2", "['Alpha Star', 'Beta Dawn']"]) == 0
    assert capsys.readouterr().out.strip() == hashed("demo-01", "q2", ["alpha star", "beta dawn"])
    assert checking.main(["hash", "demo-01", "q3", "Port Anselm"]) == 0  # not a literal: a string
    assert capsys.readouterr().out.strip() == hashed("demo-01", "q3", "port anselm")
    assert checking.main(["oops"]) == 2


def test_hash_command_runs_as_a_module():
    proc = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-m", "embargo_kit.exercises.checking", "hash", "demo-01", "q1", "1718"],
        capture_output=True, text=True, check=True,
    )
    assert proc.stdout.strip() == hashed("demo-01", "q1", 1718)


# ------------------------------------------------------------------------------------- require_type
SECRET_VALUES = ["Kang Pyong 7", 987654, 3.14159, ["Secret Vessel One"], {"secret-key": 1}]


@pytest.mark.parametrize("value", SECRET_VALUES)
def test_require_type_names_the_type_never_the_answer(value):
    res = require_type(value, bool, "True or False")
    assert res is not None and res.state == CANT_CHECK
    text = res.line()
    assert "True or False" in text
    assert type(value).__name__ in text
    for token in (str(value), repr(value), "Kang", "987654", "3.14", "Secret"):
        assert token not in text


@pytest.mark.parametrize(
    "value, fragment",
    [
        (None, "None"),
        (float("nan"), "missing value"),
        ([], "empty"),
        ("   ", "empty"),
    ],
)
def test_missing_answers_are_cant_check(value, fragment):
    res = require_type(value, (int, list, str, float), "a number")
    assert res is not None and res.state == CANT_CHECK and fragment in res.message


@pytest.mark.parametrize("value", [..., [1, ...], {"a": ...}])
def test_an_untouched_answer_is_not_yet_not_an_error(value):
    """The learner notebook's `...` means "not done yet": NOT YET, with what is expected."""
    res = require_type(value, (int, list, dict), "a number")
    assert res is not None and res.state == NOT_YET and "replace the `...` with your answer" in res.message
    assert res.hint == "Expected a number."


def test_empty_pandas_answers_are_cant_check():
    pd = pytest.importorskip("pandas")
    for value in (pd.DataFrame(), pd.Series([], dtype=float)):
        res = require_type(value, (pd.DataFrame, pd.Series), "a table of vessels")
        assert res.state == CANT_CHECK and "empty" in res.message and "a table of vessels" in res.message
    assert require_type(pd.DataFrame({"a": [1]}), pd.DataFrame, "a table") is None


def test_require_type_accepts_right_types():
    np = pytest.importorskip("numpy")
    assert require_type(1718, int, "a number") is None
    assert require_type(np.int64(1718), int, "a number") is None
    assert require_type(2, float, "a number") is None
    assert require_type(True, int, "a number").state == CANT_CHECK  # a bool is not a resolution number
    assert require_type(True, bool, "yes or no") is None


def test_result_line_format():
    r = Result.not_yet("You flagged 3 of 5 vessels.", hint="Look where the gap ends.")
    r.lesson, r.question = "port-02", "q1"
    assert r.line() == "port-02 q1 · NOT YET · You flagged 3 of 5 vessels. · Hint: Look where the gap ends."
    p = Result(PASS, "Right.", hint="ignored", lesson="port-02", question="q1")
    assert p.line() == "port-02 q1 · PASS · Right." and p.to_json()["hint"] == ""
    with pytest.raises(ValueError):
        Result("MAYBE", "x")


# ------------------------------------------------------------------------------------------ runtime
def test_check_prints_one_line_and_returns_the_result(extra_checks, capsys):
    check = Checker()
    res = check("demo-01", "q1", 1718)
    assert res.state == PASS
    out = capsys.readouterr().out
    assert out == "demo-01 q1 · PASS · That is the resolution that first imposed the embargo.\n"
    res = check("demo-01", "q1", 1874)
    out = capsys.readouterr().out.strip()
    assert out.startswith("demo-01 q1 · NOT YET · ") and "· Hint: " in out and "1874" not in out


def test_result_displays_once_in_ipython(extra_checks, capsys):
    check = Checker()
    res = check("demo-01", "q1", 1718)
    capsys.readouterr()
    res._ipython_display_()  # the display hook on `check(...)` as the last expression of a cell
    assert capsys.readouterr().out == ""


def test_exceptions_in_a_check_are_cant_check_without_the_answer(extra_checks, capsys):
    check = Checker()
    res = check("demo-02", "boom", "hush-hush value")
    assert res.state == CANT_CHECK
    out = capsys.readouterr().out
    assert "hush" not in out and "Traceback" not in out and "KeyError" not in out
    assert out.count("\n") == 1
    assert check("demo-02", "bad", 1).state == CANT_CHECK  # returned a bool, not a Result


def test_unknown_lesson_or_question_names_valid_ids(extra_checks):
    check = Checker()
    res = check("demo-01", "q9", 1)
    assert res.state == CANT_CHECK and "q1, q2, q3" in res.message
    assert check("nope-01", "q1", 1).state == CANT_CHECK
    assert check("not a lesson", "q1", 1).state == CANT_CHECK
    assert check("demo-01", "q1").state == CANT_CHECK  # answer forgotten


def test_ellipsis_never_reaches_the_check(extra_checks):
    check = Checker()
    for value in (..., [..., "x"], (..., ...)):
        res = check("demo-02", "q1", value)  # q1 of demo-02 passes anything else
        assert res.state == NOT_YET and "replace the `...`" in res.message
    assert check("demo-02", "q1", None).state == CANT_CHECK


def test_strict_mode_raises_with_the_line(extra_checks, monkeypatch):
    check = Checker()
    monkeypatch.setenv("EMBARGO_KIT_STRICT", "1")
    assert check("demo-01", "q1", 1718).ok
    with pytest.raises(AssertionError, match=r"demo-01 q1 · NOT YET · "):
        check("demo-01", "q1", 1874)
    with pytest.raises(AssertionError, match="CAN'T CHECK") as info:
        check("demo-02", "boom", 1)
    assert isinstance(info.value.__cause__, KeyError)  # authors see what broke


def test_summary_lists_every_question_with_counts(extra_checks, capsys, monkeypatch):
    check = Checker()
    check("demo-01", "q1", 1718)
    check("demo-01", "q2", ["nope"])
    check("demo-01", "q5", 1)
    capsys.readouterr()
    check.summary()
    out = capsys.readouterr().out
    assert "demo-01: 1 of 3 PASS · 2 NOT YET · 0 CAN'T CHECK" in out
    assert "demo-01 q3 · NOT YET · not attempted" in out
    assert "Not counted" in out and "q5" in out
    monkeypatch.setenv("EMBARGO_KIT_STRICT", "1")
    with pytest.raises(AssertionError, match="q3"):
        check.summary()


def test_summary_before_any_check(capsys):
    Checker().summary()
    assert "No checks have run" in capsys.readouterr().out


def test_kernel_display_carries_the_mimetype(extra_checks, monkeypatch):
    published = []
    from embargo_kit.exercises import runtime

    monkeypatch.setattr(runtime, "_in_kernel", lambda: True)
    import IPython.display

    monkeypatch.setattr(IPython.display, "publish_display_data", lambda data, **kw: published.append(data))
    Checker()("demo-01", "q2", ["Alpha Star"])
    assert len(published) == 1
    data = published[0]
    assert set(data) == {"text/plain", MIMETYPE}
    assert data[MIMETYPE]["state"] == NOT_YET and data[MIMETYPE]["question"] == "q2"
    assert set(data[MIMETYPE]) == {"lesson", "question", "state", "message", "hint"}
    assert data["text/plain"].startswith("demo-01 q2 · NOT YET")


# ------------------------------------------------------------------------------------------ modules
def test_module_discovery(extra_checks):
    assert checks.module_name("awareness-02") == "awareness_02"
    assert checks.module_name("port-02a") == "port_02a"
    assert {"demo-01", "demo-02"} <= set(checks.available())
    mod = checks.load("demo-01")
    assert list(checks.questions(mod)) == ["q1", "q2", "q3"]
    with pytest.raises(checks.UnknownLesson):
        checks.load("nope-01")
    with pytest.raises(checks.UnknownLesson):
        checks.load("../etc")


def test_import_is_light():
    code = (
        "import sys, embargo_kit; from embargo_kit import check, __version__; "
        "assert __version__ == '0.1.0'; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'numpy', 'nbclient') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_nan_from_numpy_is_missing():
    np = pytest.importorskip("numpy")
    res = require_type(np.float64("nan"), float, "a number")
    assert res.state == CANT_CHECK and math.isnan(np.float64("nan"))


def test_an_empty_answer_can_be_right(extra_checks):
    """Emptiness is the check's call: require_type(..., allow_empty=True) lets "no vessel" be an answer."""
    assert require_type([], list, "a list of vessels", allow_empty=True) is None
    assert require_type([], list, "a list of vessels").state == CANT_CHECK
    assert Checker()("demo-02", "q1", []).state == PASS  # the runtime does not pre-empt the check
