"""Checks of port-02, "Going dark": what a learner sees for right, partial, wrong and unusable answers, through
the same ``check`` runtime the notebook uses. The expected answers are taken from the world's own salted ground
truth (``datasets.planted``), independently of the check module's pandas code."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "port-02"


def _planted(name: str) -> set[str]:
    return set(datasets.planted(name)["hashes"])


def _back_a_minute_terrestrial() -> int:
    """Independently of the check module: every transmission reaches the terrestrial receiver first (the satellite
    copy is 5-50 s later and is the one dropped), so the reports sent in an earlier minute than received are the
    terrestrial position sentences whose message second is larger than the receive time's."""
    from pyais import decode

    n = 0
    for line in datasets.ais_raw()["sentence"]:
        _, tag, sentence = line.split("\\", 2)
        fields = dict(kv.split(":") for kv in tag.split("*")[0].split(","))
        if fields["s"] != "TER-1" or not sentence.startswith("!AIVDM,1,1,"):
            continue
        msg = decode(sentence)
        if msg.msg_type in (1, 2, 3):
            n += int(msg.second) > pd.Timestamp(int(fields["c"]), unit="s").second
    return n


@pytest.fixture(scope="module")
def truth() -> dict:
    """The planted answers, recovered by hashing every candidate MMSI and pair of the AIS data."""
    pos = datasets.ais_positions()
    mmsis = sorted(int(m) for m in pos["mmsi"].unique())
    gaps, sts, innocent = _planted("gaps_over_12h"), _planted("sts_pairs"), _planted("innocent_meeting")
    pairs = [(a, b) for a, b in itertools.combinations(mmsis, 2)]
    truth = {
        "mmsis": mmsis,
        "dark": sorted(m for m in mmsis if hashed("world", "gaps_over_12h", m) in gaps),
        "sts": sorted(p for p in pairs if hashed("world", "sts_pairs", f"{p[0]}-{p[1]}") in sts),
        "innocent": sorted(p for p in pairs if hashed("world", "innocent_meeting", f"{p[0]}-{p[1]}") in innocent),
        "n_positions": len(pos),
        "n_sentences": len(datasets.ais_raw()),
        "back_a_minute": _back_a_minute_terrestrial(),
    }
    assert len(truth["dark"]) == datasets.planted("gaps_over_12h")["count"], "a planted dark vessel has no AIS"
    return truth


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




def expected_zones(truth) -> dict[int, str | None]:
    """Independently: the zone of concern holding the first report after each vessel's long silence."""
    from shapely.geometry import Point

    zones = datasets.zones()
    zones = zones[zones["kind"] == "zone_of_concern"]
    pos = datasets.ais_positions().sort_values(["mmsi", "timestamp"])
    out = {}
    for m in truth["dark"]:
        t = pos[pos["mmsi"] == m]
        h = t["timestamp"].diff().dt.total_seconds() / 3600
        after = t[h > 12]
        if after.empty:
            out[m] = None
            continue
        pt = Point(after["lon"].iloc[-1], after["lat"].iloc[-1])
        out[m] = next((z for z, g in zip(zones["zone_id"], zones["geometry"]) if g.contains(pt)), None)
    return out


# ------------------------------------------------------------------------------------ the module's derivations
def test_the_check_module_finds_what_the_world_planted(truth):
    from embargo_kit.checks import port_02

    assert port_02.dark_mmsis() == set(truth["dark"])
    assert port_02.sts_pairs() == set(truth["sts"]), "the stated STS rule must find exactly the planted transfers"
    assert port_02.port_area_pairs() == set(truth["innocent"]), "the anchorage meeting must be told apart"


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]


# ------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, truth):
    dark = truth["dark"]
    sts = truth["sts"]
    answers = [
        ("q1", truth["back_a_minute"]),
        ("q1", np.int64(truth["back_a_minute"])),
        ("q2", set(dark)),
        ("q2", list(reversed(dark))),
        ("q2", pd.Series(dark)),
        ("q2", [np.int64(m) for m in dark]),
        ("q3", expected_zones(truth)),
        ("q4", sts),
        ("q4", [(b, a) for a, b in sts]),  # order inside a pair does not matter
        ("q4", [f"{a}-{b}" for a, b in sts]),
    ]
    for qid, answer in answers:
        r, _ = run(check, qid, answer)
        assert r.state == PASS, (qid, r.line())


def _clean(text: str) -> str:
    return " ".join(text.split("@")[0].split()).upper()[:20].strip()


def test_q6_the_renamed_vessel_passes_and_a_dark_one_does_not(check, truth):
    st = datasets.ais_static()
    names = st.assign(clean=st["name"].map(_clean)).groupby("mmsi")["clean"].nunique()
    renamed = [int(m) for m in names[names > 1].index]
    assert renamed, "the world should hold a vessel that changes its broadcast name"
    assert run(check, "q6", renamed)[0].state == PASS
    other_dark = next(m for m in truth["dark"] if m not in renamed)
    r, text = run(check, "q6", [other_dark])
    assert r.state == NOT_YET and "kept one name" in r.message
    never_shows(text, renamed)


def test_q6_a_raw_comparison_of_names_is_not_yet(check):
    """D2: padding, spacing (and the 20-character field) make a raw comparison report renames that are noise."""
    st = datasets.ais_static()
    raw = st.groupby("mmsi")["name"].nunique()
    raw_renamed = [int(m) for m in raw[raw > 1].index]
    noise = [m for m in raw_renamed if hashed("world", "name_noise_mmsi", m) in _planted("name_noise_mmsi")]
    assert len(noise) == datasets.planted("name_noise_mmsi")["count"] == 3
    r, text = run(check, "q6", raw_renamed)
    assert r.state == NOT_YET and "3 of your MMSIs changed only the padding or spacing" in r.message
    assert "q5" in r.hint and "group" in r.hint and "distinct" not in r.hint and "count" not in r.hint
    r, _ = run(check, "q6", raw_renamed[:1] if raw_renamed[0] not in noise else [m for m in raw_renamed if m not in noise])
    assert r.state == PASS


def test_q5_the_cleaning_function(check):
    assert run(check, "q5", _clean)[0].state == PASS
    r, text = run(check, "q5", lambda t: t.strip("@ "))  # the lenient one: only the ends
    assert r.state == NOT_YET and "double space" in r.message and "20-character" in r.message
    r, _ = run(check, "q5", lambda t: " ".join(t.replace("@", " ").split()).upper())  # no cut at 20
    assert r.state == NOT_YET and "longer than the 20-character" in r.message and "20" in r.hint
    r, _ = run(check, "q5", lambda t: " ".join(t.split("@")[0].split()).upper()[:20] or None)
    assert r.state == NOT_YET and '""' in r.hint  # None for an empty name is not the empty text
    r, _ = run(check, "q5", lambda t: t.upper() + 1)
    assert r.state == NOT_YET and "error" in r.message and "Traceback" not in r.message
    r, _ = run(check, "q5", lambda t: None)  # the untouched function body (...)
    assert r.state == NOT_YET and "returns nothing yet" in r.message
    r, _ = run(check, "q5", lambda t: t.split("@")[0][:20])  # cut, but neither spacing nor case
    assert r.state == NOT_YET and "mixed case" in r.message and "question 5" in r.hint
    # review H1: the hint sends the trainee back to the question's steps; it is not the function's body
    assert not [t for t in ("'@'", "upper", "single spaces", "20 characters") if t in r.hint], r.hint


# ------------------------------------------------------------------------------------ partial and wrong
def test_q2_partial_answer_counts_and_describes_the_missing_gap(check, truth):
    dark = truth["dark"]
    r, text = run(check, "q2", dark[1:])
    assert r.state == NOT_YET
    assert f"You found {len(dark) - 1} of {len(dark)}" in r.message
    assert "The vessel you missed has a gap that" in r.message
    assert "zone of concern" in r.message
    never_shows(text, dark)


def test_q2_a_routine_short_gap_is_told_apart(check, truth):
    short = [m for m in truth["mmsis"] if hashed("world", "short_gaps", m) in _planted("short_gaps")]
    assert short, "the world should plant routine gaps under 12 hours"
    r, text = run(check, "q2", truth["dark"] + short[:2])
    assert r.state == NOT_YET
    assert "2 vessels in your answer never went silent for more than 12 hours" in r.message
    # review H1: the hint sends the trainee to question 2 for the threshold; it does not state it
    assert "question 2" in r.hint and "12 hours" not in r.hint and "3 hours" not in r.hint
    never_shows(text, truth["dark"], short)


def test_q2_a_number_that_is_no_mmsi(check, truth):
    r, _ = run(check, "q2", truth["dark"] + [123456789])
    assert r.state == NOT_YET and "1 number is not an MMSI" in r.message


def test_q3_wrong_zones_are_counted_not_named(check, truth):
    right = expected_zones(truth)
    wrong = {m: (None if z else "ZOC-KB") for m, z in right.items()}
    r, text = run(check, "q3", wrong)
    assert r.state == NOT_YET and f"0 of {len(right)} gap ends placed correctly" in r.message
    # review H1: the hint points to section 3 and names the table; it does not spell out the test or the answer
    assert "section 3" in r.hint and "datasets.zones()" in r.hint
    assert not [t for t in ("contains(", "zone_of_concern", "None") if t in r.hint], r.hint
    missing_one = dict(list(right.items())[1:])
    r, _ = run(check, "q3", missing_one)
    assert r.state == NOT_YET and "1 vessel of the dark ones is missing" in r.message


def test_q3_an_unknown_zone_cannot_be_checked(check, truth):
    r, _ = run(check, "q3", {m: "KOREA BAY" for m in truth["dark"]})
    assert r.state == CANT_CHECK and "zone_id" in r.hint


def test_q4_the_anchorage_meeting_is_a_distractor(check, truth):
    assert truth["innocent"], "the world should plant an innocent meeting at the anchorage"
    r, text = run(check, "q4", truth["sts"] + truth["innocent"])
    assert r.state == NOT_YET
    assert f"You found {len(truth['sts'])} of {len(truth['sts'])}" in r.message
    assert "anchorage" in r.message and "anchorages trap" in r.hint and "kind" in r.hint
    assert "port_approach" not in r.hint and "Drop" not in r.hint  # review H1: no filter expression
    never_shows(text, truth["sts"], truth["innocent"])


def test_q4_half_the_transfers(check, truth):
    assert len(truth["sts"]) >= 2, "the world should plant two transfers"
    r, text = run(check, "q4", truth["sts"][:1])
    assert r.state == NOT_YET and f"You found 1 of {len(truth['sts'])}" in r.message
    # the hint points back to the notebook's definition; it does not state the filter's thresholds
    assert "definition of a meeting" in r.hint and "500 m" not in r.hint and "knot" not in r.hint
    never_shows(text, truth["sts"])


def test_q1_counting_sentences_or_all_messages(check, truth):
    r, _ = run(check, "q1", truth["n_sentences"])
    assert r.state == NOT_YET and "sentences received" in r.message


def test_q1_the_kit_table_shortcut_is_not_yet(check, truth):
    """Review finding 6: q1 checks the transmit-time derivation, so the count of the kit's own table, which
    skips tag blocks, receivers and de-duplication, no longer passes."""
    r, text = run(check, "q1", len(datasets.ais_positions()))
    assert r.state == NOT_YET and "earlier minute" in r.message
    assert str(truth["back_a_minute"]) not in text
    # taking the receive time as the transmit time (or never going back a minute) finds none
    r, _ = run(check, "q1", 0)
    assert r.state == NOT_YET and "section 1" in r.hint and "message's own second" in r.hint
    # review H1: neither the modulo formula nor the floor comparison is in any q1 hint
    for n in (0, truth["n_positions"], truth["back_a_minute"] - 1):
        r, _ = run(check, "q1", n)
        assert not [t for t in ("% 60", "floor", "larger than") if t in r.hint], (n, r.hint)
    assert 0 < truth["back_a_minute"] < truth["n_positions"]


def test_q1_transmit_times_match_the_kit_table():
    """The check module's transmit times are the kit's timestamps, report for report."""
    from embargo_kit.checks import port_02

    mine = port_02.received_positions()[["mmsi", "timestamp"]]
    kit = datasets.ais_positions()[["mmsi", "timestamp"]]
    assert len(mine) == len(kit) == len(mine.merge(kit, on=["mmsi", "timestamp"]))


# ------------------------------------------------------------------------------------ unusable answers
@pytest.mark.parametrize(
    "qid,answer",
    [
        ("q1", ...), ("q1", None), ("q1", "many"), ("q1", 3.5),
        ("q2", ...), ("q2", []), ("q2", "999000001"), ("q2", ["a", "b"]), ("q2", pd.DataFrame({"mmsi": [1]})),
        ("q3", ...), ("q3", [1, 2]), ("q3", {"not a number": None}),
        ("q4", ...), ("q4", "999-998"), ("q4", [(1,)]), ("q4", [(5, 5)]),
        ("q5", ...), ("q5", "999000001"), ("q5", str),
        ("q6", ...), ("q6", "999000001"), ("q6", []),
        ("q7", ...), ("q7", ["H01"]), ("q7", {"H01": "Panama"}), ("q7", {}),
    ],
)
def test_unusable_answers_cannot_be_checked(check, truth, qid, answer):
    r, text = run(check, qid, answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    assert "Traceback" not in text
    never_shows(text, truth["dark"], truth["sts"])


# ------------------------------------------------------------------------------------ leak probes
def test_leak_probes_cover_every_question_with_its_answer(truth):
    from embargo_kit.checks.port_02 import leak_probes

    probes = leak_probes()
    assert set(probes) == {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}
    assert repr(truth["dark"]) in probes["q2"]
    assert all(f"{a}-{b}" in probes["q4"] for a, b in truth["sts"])


# ------------------------------------------------------------------------------------ fixed leniencies (issue 21)
def test_meetings_are_not_cut_at_bin_edges_and_are_episodes():
    """D3: the anchorage pair measured 9.00 h with 3-hour bins and 9.97 h unbinned; contacts are grouped into
    episodes and ships both at anchor are told apart."""
    from embargo_kit.checks import port_02

    g = port_02.meetings()
    assert {"episode", "at_anchor"} <= set(g.columns)
    anchored = g[g["in_port_area"]]
    assert len(anchored) == 1 and anchored["hours"].iloc[0] > 9.5 and anchored["at_anchor"].iloc[0]
    assert not g.duplicated(["mmsi_a", "mmsi_b", "episode"]).any()


def test_q1_counting_every_reception_is_not_yet():
    """D2: the feed repeats messages (two receivers) and garbles some; a count of every decodable sentence is wrong."""
    from embargo_kit.checks import port_02

    raw = datasets.ais_raw()
    n_single_part = int(raw["sentence"].str.contains("!AIVDM,1,1,", regex=False).sum())
    r = Checker().evaluate("port-02", "q1", n_single_part)
    assert r.state == NOT_YET and "once" in (r.hint or "")
    assert len(port_02._positions()) < n_single_part


# ------------------------------------------------------------------------------------ MID practice (issue 21)
def _mid_truth() -> dict[str, str]:
    """Independently of the check module: the verdict per practice row, from ITU-R M.585's special prefixes and
    the shipped extract of the ITU MID table."""
    table = datasets.mid_table()
    allocated = {int(m): c for m, c in zip(table["mid"], table["allocated_to"])}
    out = {}
    for pid, ident, flag in zip(*(datasets.mid_practice()[c] for c in ("practice_id", "identity", "declared_flag"))):
        if ident[:2] in ("99", "98", "00") or ident[:3] in ("970", "972", "974", "111"):
            out[pid] = "not a ship"
        else:
            out[pid] = "flag matches" if allocated[int(ident[:3])] == flag else "other state"
    return out


def test_mid_practice_names_no_real_ship_and_exercises_every_verdict():
    practice = datasets.mid_practice()
    assert practice["identity"].str.fullmatch(r"\d{3,5}X{4,6}").all() and (practice["identity"].str.len() == 9).all()
    assert set(_mid_truth().values()) == {"flag matches", "other state", "not a ship"}
    table = datasets.mid_table()
    assert table["source"].str.len().gt(0).all() and table["as_of"].notna().all()
    assert dict(zip(table["mid"], table["allocated_to"]))[445] == "DPRK"


def test_q7_the_right_reading_passes(check):
    r, _ = run(check, "q7", _mid_truth())
    assert r.state == PASS, r.line()


def test_q7_reading_the_mid_without_the_special_prefixes_is_not_yet(check):
    """The lenient reading: every identity taken as a ship's MID (a SART, an aid to navigation and a coast station
    compared with a flag) must not pass."""
    table = datasets.mid_table()
    allocated = {int(m): c for m, c in zip(table["mid"], table["allocated_to"])}
    practice = datasets.mid_practice()
    naive = {pid: ("flag matches" if allocated.get(int(ident[:3])) == flag else "other state")
             for pid, ident, flag in zip(practice["practice_id"], practice["identity"], practice["declared_flag"])}
    r, text = run(check, "q7", naive)
    assert r.state == NOT_YET and "not ship stations" in r.message and "prefix" in r.hint
    from embargo_kit.checks.port_02 import mid_verdicts

    r, _ = run(check, "q7", dict(list(mid_verdicts().items())[1:]))  # one row left out: the question's own hint
    assert r.state == NOT_YET and "section 6" in r.hint and "'not a ship'" not in r.hint, r.hint  # review H1
    assert not any(pid in text for pid in practice["practice_id"])  # counts, never names the rows


def test_q7_calling_every_mismatch_a_match_is_not_yet(check):
    lenient = {pid: ("not a ship" if v == "not a ship" else "flag matches") for pid, v in _mid_truth().items()}
    r, _ = run(check, "q7", lenient)
    assert r.state == NOT_YET and "read correctly" in r.message
    r, _ = run(check, "q7", {pid: v for pid, v in list(_mid_truth().items())[1:]})
    assert r.state == NOT_YET and "1 row of the practice table is missing" in r.message
    r, _ = run(check, "q7", {pid: "DPRK" for pid in _mid_truth()})
    assert r.state == CANT_CHECK
