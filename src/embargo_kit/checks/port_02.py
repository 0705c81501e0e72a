"""Checks for port-02, "Going dark" (exercises/solutions/port/port-02-going-dark.ipynb).

Every expected answer is worked out here from the shipped practice world through :mod:`embargo_kit.datasets`
(``ais_raw``, ``ais_positions``, ``ais_static``, ``zones``), with the rules the notebook states, so the checks
follow the data when the world is regenerated. The test module compares these derivations with the world's
own salted ground truth (``datasets.planted``). No message states an expected value.
"""

from __future__ import annotations

import functools
from typing import Any

from embargo_kit.exercises.checking import Result, question
from embargo_kit.exercises.kinds import Advice, Compared, IdSet, Mapping, Number, Pair

LESSON = "port-02"

GAP_HOURS = 12.0  # PORT-01 training threshold
STS_MAX_SOG = 1.0  # knots
STS_MAX_DIST_M = 500.0
STS_MAX_DT = "90min"  # two reports count as "at the same time" within this
EPISODE_GAP_H = 3.0  # a pause longer than this between close contacts ends a meeting episode
STS_MIN_HOURS = 2.0  # PORT-08 training threshold
PORT_KINDS = ("anchorage", "port_approach")  # where ships lie close and slow for ordinary reasons

_MMSI_SET = "a list (or set) of MMSIs as whole numbers, e.g. [999123456, 999654321]"
_ZONE_DICT = "a dict {mmsi: zone_id or None}, one entry per vessel of your q2 answer"
_PAIRS = "a list of pairs of MMSIs, e.g. [(999123456, 999654321)]"
_MID_DICT = "a dict {practice_id: verdict}, one entry per row of datasets.mid_practice()"
MID_VERDICTS = ("flag matches", "other state", "not a ship")
#: identities that are not ship stations (ITU-R M.585), as the notebook lists them
NOT_SHIP_PREFIXES = ("970", "972", "974", "111", "99", "98", "00", "0", "8")


# ------------------------------------------------------------------------------------------ the data
def _ds():
    from embargo_kit import datasets

    return datasets


@functools.lru_cache(maxsize=1)
def _positions():
    return _ds().ais_positions().sort_values(["mmsi", "timestamp"]).reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _window():
    """Start and end of the AIS data: the whole hours around the first and last report."""
    p = _positions()
    return p["timestamp"].min().floor("D"), p["timestamp"].max().ceil("D")


@functools.lru_cache(maxsize=1)
def _zones_of_concern():
    z = _ds().zones()
    return z[z["kind"] == "zone_of_concern"][["zone_id", "geometry"]].reset_index(drop=True)


def _zone_at(lon: float, lat: float) -> str | None:
    from shapely.geometry import Point

    pt = Point(lon, lat)
    for zid, geom in zip(_zones_of_concern()["zone_id"], _zones_of_concern()["geometry"]):
        if geom.contains(pt):
            return str(zid)
    return None


def _nm_to_zone(lon: float, lat: float) -> float:
    """Distance in nautical miles from a point to the nearest zone of concern (0 inside)."""
    import geopandas as gpd
    from shapely.geometry import Point

    pts = gpd.GeoSeries([Point(lon, lat)], crs=4326).to_crs(32651)
    zs = gpd.GeoSeries(list(_zones_of_concern()["geometry"]), crs=4326).to_crs(32651)
    return float(zs.distance(pts.iloc[0]).min()) / 1852.0


@functools.lru_cache(maxsize=1)
def dark_gaps():
    """One row per gap over 12 h: mmsi, start and end time and position (end NaN when still dark at the end
    of the data), hours, and where the gap starts and ends relative to the zones of concern."""
    import pandas as pd

    p = _positions()
    start, end = _window()
    rows = []
    for mmsi, t in p.groupby("mmsi", sort=True):
        times, lats, lons = list(t["timestamp"]), list(t["lat"]), list(t["lon"])
        if (times[0] - start).total_seconds() / 3600 > GAP_HOURS:
            rows.append((mmsi, start, None, None, times[0], lats[0], lons[0]))
        for i in range(1, len(times)):
            if (times[i] - times[i - 1]).total_seconds() / 3600 > GAP_HOURS:
                rows.append((mmsi, times[i - 1], lats[i - 1], lons[i - 1], times[i], lats[i], lons[i]))
        if (end - times[-1]).total_seconds() / 3600 > GAP_HOURS:
            rows.append((mmsi, times[-1], lats[-1], lons[-1], None, None, None))
    gaps = pd.DataFrame(rows, columns=["mmsi", "start", "start_lat", "start_lon", "end", "end_lat", "end_lon"])
    gaps["still_dark"] = gaps["end"].isna()
    gaps["end"] = gaps["end"].fillna(end)
    gaps["hours"] = (gaps["end"] - gaps["start"]).dt.total_seconds() / 3600
    gaps["end_zone"] = pd.Series([None if pd.isna(la) else _zone_at(lo, la)
                                  for lo, la in zip(gaps["end_lon"], gaps["end_lat"])], dtype=object)
    gaps["start_zone"] = pd.Series([None if pd.isna(la) else _zone_at(lo, la)
                                    for lo, la in zip(gaps["start_lon"], gaps["start_lat"])], dtype=object)
    gaps["start_nm"] = [None if pd.isna(la) else _nm_to_zone(lo, la)
                        for lo, la in zip(gaps["start_lon"], gaps["start_lat"])]
    gaps["end_nm"] = [None if pd.isna(la) else _nm_to_zone(lo, la) for lo, la in zip(gaps["end_lon"], gaps["end_lat"])]
    return gaps


def dark_mmsis() -> set[int]:
    return {int(m) for m in dark_gaps()["mmsi"]}


def gap_end_zones() -> dict[int, str | None]:
    g = dark_gaps()
    return {int(m): (z if isinstance(z, str) and not still else None)
            for m, z, still in zip(g["mmsi"], g["end_zone"], g["still_dark"])}


@functools.lru_cache(maxsize=1)
def meetings():
    """Meeting *episodes*: two vessels both under 1 knot within 500 m of each other (reports at most 90 minutes
    apart, matched across bin edges), split into episodes wherever the pair's close contacts pause for more than
    :data:`EPISODE_GAP_H` hours; one row per episode with its hours, mean position, whether it lay in a port
    approach or anchorage, and whether the ships reported themselves at anchor. Moored reports are left out."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    cols = ["mmsi_a", "mmsi_b", "episode", "first", "last", "hours", "lat", "lon", "in_port_area", "at_anchor"]
    p = _positions()
    slow = p[(p["sog"] < STS_MAX_SOG) & (p["nav_status"] != 5)].copy()
    step = pd.Timedelta(STS_MAX_DT)
    slow["bin"] = slow["timestamp"].dt.floor(step)
    # each report meets the reports of its own bin and of the bins either side: no pair is lost at a bin edge
    near = pd.concat([slow.assign(bin=slow["bin"] + k * step) for k in (-1, 0, 1)])
    m = slow.merge(near, on="bin", suffixes=("_a", "_b"))
    m = m[(m["mmsi_a"] < m["mmsi_b"]) & ((m["timestamp_a"] - m["timestamp_b"]).abs() <= step)]
    lat = np.radians((m["lat_a"] + m["lat_b"]) / 2)
    dx = (m["lon_a"] - m["lon_b"]) * 111_320 * np.cos(lat)
    dy = (m["lat_a"] - m["lat_b"]) * 110_950
    m = m[np.hypot(dx, dy) < STS_MAX_DIST_M].sort_values(["mmsi_a", "mmsi_b", "timestamp_a"])
    if m.empty:
        return pd.DataFrame(columns=cols)
    pause = m.groupby(["mmsi_a", "mmsi_b"])["timestamp_a"].diff() > pd.Timedelta(hours=EPISODE_GAP_H)
    m["episode"] = pause.astype(int).groupby([m["mmsi_a"], m["mmsi_b"]]).cumsum()
    m["anchored"] = (m["nav_status_a"] == 1) & (m["nav_status_b"] == 1)
    g = m.groupby(["mmsi_a", "mmsi_b", "episode"]).agg(
        first=("timestamp_a", "min"), last=("timestamp_a", "max"), lat=("lat_a", "mean"), lon=("lon_a", "mean"),
        at_anchor=("anchored", "mean")).reset_index()
    g["hours"] = (g["last"] - g["first"]).dt.total_seconds() / 3600
    g["at_anchor"] = g["at_anchor"] > 0.5
    z = _ds().zones()
    port_areas = z[z["kind"].isin(PORT_KINDS)].geometry.union_all()
    pts = gpd.points_from_xy(g["lon"], g["lat"])
    g["in_port_area"] = [bool(port_areas.contains(pt)) for pt in pts]
    return g[cols]


def sts_pairs() -> set[tuple[int, int]]:
    g = meetings()
    keep = g[(g["hours"] >= STS_MIN_HOURS) & ~g["in_port_area"] & ~g["at_anchor"]]
    return {(int(a), int(b)) for a, b in zip(keep["mmsi_a"], keep["mmsi_b"])}


def port_area_pairs() -> set[tuple[int, int]]:
    g = meetings()
    keep = g[g["in_port_area"]]
    return {(int(a), int(b)) for a, b in zip(keep["mmsi_a"], keep["mmsi_b"])}


AIS_NAME_CHARS = 20  # the type-5 name field holds 20 six-bit characters


def clean_name(text: str) -> str:
    """The rule the notebook states: cut at the first '@' (padding), collapse spaces, upper case, then keep the
    20 characters an AIS name field holds (so a registry name compares with its broadcast form)."""
    return " ".join(str(text).split("@")[0].split()).upper()[:AIS_NAME_CHARS].strip()


def renamed_mmsis() -> set[int]:
    """MMSIs that broadcast more than one name once names are cleaned (PORT-03)."""
    st = _ds().ais_static()
    n = st.assign(clean=st["name"].map(clean_name)).groupby("mmsi")["clean"].nunique()
    return {int(m) for m in n[n > 1].index}


def raw_renamed_mmsis() -> set[int]:
    """What a raw comparison reports: the real change plus padding and spacing noise."""
    n = _ds().ais_static().groupby("mmsi")["name"].nunique()
    return {int(m) for m in n[n > 1].index}


# ------------------------------------------------------------------------------------------ helpers
def _where(row) -> str:
    """Where a gap lies, in words, without naming the vessel."""
    if row["still_dark"]:
        if isinstance(row["start_zone"], str):
            return "a gap that starts inside a zone of concern and is still open when the data ends"
        return (f"a gap that starts {row['start_nm']:.0f} nautical miles from a zone of concern and is still open "
                "when the data ends")
    if isinstance(row["end_zone"], str):
        return "a gap that ends inside a zone of concern"
    if isinstance(row["start_zone"], str):
        return "a gap that starts inside a zone of concern"
    return (f"a gap that starts and ends within {max(row['start_nm'], row['end_nm']):.0f} nautical miles of a "
            "zone of concern")


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


# ------------------------------------------------------------------------------------------ questions
@functools.lru_cache(maxsize=1)
def received_positions():
    """Every position report of the feed, decoded as the notebook says (tag block, one NMEAQueue per receiver,
    bad checksums dropped, each transmission kept once as first heard), with its receive time and the transmit
    time worked out from the message's second (a second of 60 or more means "not available": receive time kept)."""
    import pandas as pd
    from pyais.queue import NMEAQueue

    queues: dict[str, NMEAQueue] = {}
    first_heard: dict[bytes, pd.Timestamp] = {}
    rows = []
    for line in _ds().ais_raw()["sentence"]:
        _, tag, sentence = line.split("\\", 2)
        fields = dict(item.split(":", 1) for item in tag.split("*")[0].split(","))
        receiver, received_at = fields["s"], pd.Timestamp(int(fields["c"]), unit="s")
        queue = queues.setdefault(receiver, NMEAQueue())
        queue.put_line(sentence.encode())
        message = queue.get_or_none()
        if message is None or not message.is_valid:
            continue
        seen = first_heard.get(message.payload)
        if seen is not None and received_at - seen < pd.Timedelta(minutes=2):
            continue
        first_heard[message.payload] = received_at
        msg = message.decode()
        if msg.msg_type in (1, 2, 3):
            second = int(msg.second)
            back = (received_at.second - second) % 60 if second < 60 else 0
            rows.append({"mmsi": int(msg.mmsi), "received_at": received_at,
                         "timestamp": received_at - pd.Timedelta(seconds=back)})
    return pd.DataFrame(rows)


def back_a_minute() -> int:
    """Position reports transmitted in an earlier minute than they were received: the ones whose transmit time
    only a correct reading of the message's second gives."""
    r = received_positions()
    return int((r["timestamp"].dt.floor("min") < r["received_at"].dt.floor("min")).sum())


def _q1_advice(n: int) -> Result:
    if n == len(_positions()):
        return Result.not_yet("That is the number of position reports; the question asks how many of them were "
                              "transmitted in an earlier minute than they were received.",
                              hint="Question 1 asks for only some of them. Each report has two times in your "
                                   "DataFrame, when it was sent and when it was heard: which columns are they, and "
                                   "what does the question ask about their minutes?")
    if n == 0:
        return Result.not_yet("None of your reports goes back a minute, but a report sent at second 59 and heard "
                              "a second later is received in the next minute.",
                              hint="Which two times does a transmit time come from? Re-read how section 1 of the "
                                   "notebook builds it from the receiver's clock and the message's own second, and "
                                   "ask what happens when a report sent late in one minute is heard in the next.")
    if n == len(_ds().ais_raw()):
        return Result.not_yet("That is the number of sentences received, not a count of position reports.",
                              hint="Decode the feed first, keep msg_type 1, 2 and 3, then work out each transmit "
                                   "time.")
    if n > back_a_minute():
        return Result.not_yet(f"{n} is more than the position reports that went back a minute.",
                              hint="Is each transmission counted once, as first heard? A satellite copy arrives "
                                   "5 to 50 seconds after the terrestrial one and crosses a minute more often. And "
                                   "a garbled sentence is not a report.")
    return Result.not_yet(f"{n} is fewer than the position reports that went back a minute.",
                          hint="Work through question 1's list again: the receive time from every line's tag block, "
                               "a queue per receiver, and the transmit time as section 1 of the notebook builds it. "
                               "Which of those steps does your code skip?")


q1 = Number("q1", expected=back_a_minute, integer=True, advise=_q1_advice,
            what="the number of position reports transmitted in an earlier minute than they were received, as an "
                 "int",
            passed="Right: your transmit times come from the message's second and the receiver's clock.")


def _q2_advice(c: Compared) -> Advice:
    """Where the missed gaps lie (in words, never the vessel), and the hint for the mistake made."""
    gaps = dark_gaps()
    missing = gaps[gaps["mmsi"].isin(c.missing)]
    parts, hint = [], ""
    if len(missing):
        descr = sorted(_where(r) for _, r in missing.iterrows())
        parts.append(("The vessel you missed has " if len(descr) == 1 else "The vessels you missed have: ")
                     + "; ".join(descr) + ".")
        hint = ("A ship that goes dark and has not come back when the data ends has a gap too: measure from its "
                "last report to the end of the data." if missing["still_dark"].any()
                else "Sort by mmsi and timestamp before you take the differences between consecutive reports.")
    return Advice(*parts, hint=hint or ("Ships at anchor or alongside report less often, and short silences at sea are "
                                        "routine: re-read question 2 for how long a silence must last to count, and "
                                        "compare each ship's longest one with it." if c.wrong
                                        else "Copy the MMSIs from the data rather than typing them."))


q2 = IdSet("q2", expected=dark_mmsis, item=int, what=_MMSI_SET, noun=("vessel", "vessels"),
           universe=lambda: {int(m) for m in _positions()["mmsi"].unique()},
           found="You found {found} of {total} vessels that went dark for more than 12 hours.",
           wrong=("{k} vessel in your answer never went silent for more than 12 hours.",
                  "{k} vessels in your answer never went silent for more than 12 hours."),
           unknown=("{k} number is not an MMSI in the AIS data.", "{k} numbers are not an MMSI in the AIS data."),
           passed=f"All {{total}} vessels that went dark for more than {GAP_HOURS:.0f} hours.",
           example="list(set(table['mmsi']))", advise=_q2_advice)


def _q3_advice(given: dict, expected: dict) -> Advice | None:
    if set(given) - set(expected):
        return Advice(hint="Use the vessels of your q2 answer as the keys, once q2 passes.")
    wrong = [m for m in set(given) & set(expected) if given[m] != expected[m]]
    if wrong and all(given[m] is not None and expected[m] is None for m in wrong):
        return Advice(hint="Point(x, y) takes longitude first: Point(lon, lat). And check which end you tested: the "
                           "gap ends at the first report after the silence.")
    return None


q3 = Mapping("q3", expected=gap_end_zones, what=_ZONE_DICT, key=int, noun=("gap end", "gap ends"),
             labels=lambda: [None, *_zones_of_concern()["zone_id"]],
             right="{right} of {total} gap ends placed correctly.",
             missing=("{k} vessel of the dark ones is missing from your dict.",
                      "{k} vessels of the dark ones are missing from your dict."),
             extra=("{k} key is a vessel without a gap over 12 hours.", "{k} keys are vessels without a gap over 12 hours."),
             passed="Right: you placed the end of every gap against the zones of concern.",
             hint="Re-read section 3 of the notebook: which report marks the end of a gap, how a shapely point "
                  "is built from it, and which zones of datasets.zones() question 3 asks about (name each by its "
                  "zone_id). Question 3 also says what to give when no zone holds the point.",
             key_hint="Use the MMSI (an int) as the key of each entry.", advise=_q3_advice)


def _q4_advice(c: Compared) -> Advice | None:
    if "anchorage" in {c.labels.get(p) for p in c.wrong}:
        return Advice(hint="Re-read the anchorages trap in section 4 of the notebook, then check where each of "
                           "your meetings lies against the kind column of datasets.zones().")
    return None


q4 = IdSet("q4", expected=sts_pairs, item=Pair(int, example="[(mmsi_a, mmsi_b), ...]"), what=_PAIRS,
           labels=lambda: {p: "anchorage" for p in port_area_pairs()}, noun=("probable transfer", "probable transfers"),
           example="list(zip(table['mmsi_a'], table['mmsi_b']))",
           found="You found {found} of {total} probable ship-to-ship transfers.",
           says={"anchorage": ("{k} pair lies in the Port Anselm anchorage or approach, where ships wait close "
                               "together for ordinary reasons.",
                               "{k} pairs lie in the Port Anselm anchorage or approach, where ships wait close "
                               "together for ordinary reasons.")},
           unknown=("{k} pair was never close and slow together for 2 hours.",
                    "{k} pairs were never close and slow together for 2 hours."),
           passed=("Right: the probable ship-to-ship transfer in open water, and no innocent meeting.",
                   "Right: the probable ship-to-ship transfers in open water, and no innocent meeting."),
           hint="Re-read the notebook's definition of a meeting: apply each of its conditions to both ships at the "
                "same moment, and keep a pair only while all of them hold for long enough.",
           advise=_q4_advice)


#: (what the trainee's function gets, what it must return, the kind of name, in words for the feedback)
NAME_CASES = [
    ("ZENTHOS LIGHT@@@@@@@", "ZENTHOS LIGHT", "a name padded with '@' as the AIS field sends it"),
    ("ZENTHOS LIGHT       ", "ZENTHOS LIGHT", "a name padded with spaces"),
    ("ZENTHOS  LIGHT@@@@@@", "ZENTHOS LIGHT", "a name typed with a double space"),
    (" ZENTHOS LIGHT@@@@@@", "ZENTHOS LIGHT", "a name typed with a leading space"),
    ("Zenthos Light", "ZENTHOS LIGHT", "a registry name in mixed case"),
    ("NORTHBRIDGE MERIDIAN PIONEER", "NORTHBRIDGE MERIDIAN", "a registry name longer than the 20-character AIS field"),
    ("NORTHBRIDGE MERIDIAN", "NORTHBRIDGE MERIDIAN", "the same name as the AIS field carries it"),
    ("KESTREL MOOR PEARL 12", "KESTREL MOOR PEARL 1", "a 21-character name"),
    ("@@@@@@@@@@@@@@@@@@@@", "", "an empty name field (all padding)"),
]


@question("q5", expects="a function that takes a name (text) and returns it cleaned (text)")
def q5(answer: Any) -> Result:
    if not callable(answer) or isinstance(answer, type):
        return Result.cant_check("Expected a function, e.g. clean_name (without brackets), that takes one name.",
                                 hint="Define it with def clean_name(text): ... and pass clean_name itself.")
    wrong, broke = [], []
    for given, expected, what in NAME_CASES:
        try:
            got = answer(given)
        except Exception as exc:  # the learner's code: report, never raise
            broke.append(f"{what} ({type(exc).__name__})")
            continue
        if got != expected:
            wrong.append((what, got))
    if not wrong and not broke:
        return Result.passed(f"Right: your function cleans all {len(NAME_CASES)} test names.")
    if len(wrong) == len(NAME_CASES) and all(g is None for _, g in wrong):
        return Result.not_yet("Your function returns nothing yet (None for every name).",
                              hint="Replace the ... in clean_name with code that returns the cleaned text.")
    parts = [f"Your function gives the cleaned name for {len(NAME_CASES) - len(wrong) - len(broke)} of "
             f"{len(NAME_CASES)} test names."]
    if broke:
        parts.append("It stops with an error on " + "; ".join(broke) + ".")
    if wrong:
        parts.append("It gives another result for " + "; ".join(w for w, _ in wrong) + ".")
    hint = ("Take the test names your function gets wrong one by one and re-read question 5: it lists every "
            "step a clean name needs, and the order matters.")
    if any(g is None for _, g in wrong):
        hint = "Return text in every case: an empty name field cleans to the empty text \"\", not None."
    elif any("longer" in w or "21-character" in w for w, _ in wrong):
        hint = ("A registry name compares with its broadcast form only after you keep the characters the AIS field "
                "holds (20), and strip the spaces that cut may leave.")
    return Result.not_yet(" ".join(parts), hint=hint)


def _static_labels() -> dict[int, str]:
    """Every MMSI with a static report: 'renamed', 'noise' (raw name varies, clean name does not) or 'steady'."""
    real, raw = renamed_mmsis(), raw_renamed_mmsis()
    return {int(m): "renamed" if m in real else "noise" if m in raw else "steady"
            for m in _ds().ais_static()["mmsi"].unique()}


q6 = IdSet("q6", expected=renamed_mmsis, item=int, labels=_static_labels,
           says={"noise": ("{k} of your MMSIs changed only the padding or spacing of the same name.",
                           "{k} of your MMSIs changed only the padding or spacing of the same name.")},
           what="a list (or set) of MMSIs as whole numbers", noun=("vessel", "vessels"),
           found=("You found {found} of {total} vessel that changed its name.",
                  "You found {found} of {total} vessels that changed their names."),
           wrong=("{k} of your MMSIs kept one name all month.", "{k} of your MMSIs kept one name all month."),
           unknown=("{k} number is not an MMSI that sent a static report.",
                    "{k} numbers are not MMSIs that sent a static report."),
           passed="Right: once names are cleaned, only a real change of name is left (PORT-03).",
           hint="Clean every name with your q5 function first; then look at each MMSI's clean names together "
                "(group the static reports by mmsi) and re-read what question 6 asks of them.",
           example="list(table.index)")


def mid_verdicts() -> dict[str, str]:
    """Each practice identity read as the notebook says: a special prefix first (not a ship station), else its
    first three digits looked up in the shipped ITU extract and compared with the declared flag."""
    extract = {int(m): str(c) for m, c in zip(_ds().mid_table()["mid"], _ds().mid_table()["allocated_to"])}
    out = {}
    for pid, ident, flag in _ds().mid_practice()[["practice_id", "identity", "declared_flag"]].itertuples(index=False):
        if str(ident).startswith(NOT_SHIP_PREFIXES):
            out[str(pid)] = "not a ship"
        else:
            out[str(pid)] = "flag matches" if extract.get(int(str(ident)[:3])) == flag else "other state"
    return out


def _mid_advice(given: dict, expected: dict) -> Advice | None:
    wrong = {k for k in set(given) & set(expected) if given[k] != expected[k]}
    if any(expected[k] == "not a ship" for k in wrong):
        return Advice("Some identities are not ship stations at all.",
                      hint="Read the special prefixes before the MID: an identity that starts with one of them is "
                           "not a ship's, whatever digits follow.")
    if any(expected[k] == "other state" for k in wrong):
        return Advice(hint="Look up each row's own three digits in datasets.mid_table(); a MID that belongs to a "
                           "different state from the declared flag is the mismatch, even if the state is a "
                           "neighbour or the flag holds several MIDs.")
    if wrong:
        return Advice(hint="Several states hold more than one MID (look at Panama or Comoros in the table): "
                           "a MID in the table under the declared flag matches.")
    return None


q7 = Mapping("q7", expected=mid_verdicts, what=_MID_DICT, key=str, labels=MID_VERDICTS,
             noun=("identity", "identities"), right="{right} of {total} identities read correctly.",
             missing=("{k} row of the practice table is missing.", "{k} rows of the practice table are missing."),
             extra=("{k} key is not a practice_id.", "{k} keys are not practice_ids."),
             passed="Right: all {total} identities read against the ITU table, special prefixes first.",
             hint="Read each identity as section 6 of the notebook does, in its order: the table of special "
                  "prefixes first, then the MID in datasets.mid_table(); question 7 says which verdict each "
                  "outcome gets.",
             key_hint="Use the practice_id (text, e.g. 'H01') as the key of each entry.",
             advise=_mid_advice)


def leak_probes() -> dict[str, list[str]]:
    """Expected answers as text, for the leak scan of the learner notebook and its page. Single MMSIs appear in
    ordinary data displays, so sets are probed in their written-out forms."""
    dark = sorted(dark_mmsis())
    pairs = sorted(sts_pairs())
    return {
        "q1": [f"= {back_a_minute()}"],
        "q2": [repr(dark), repr(set(dark)), ", ".join(map(str, dark))],
        "q3": [repr(dict(sorted(gap_end_zones().items())))],
        "q4": [repr(pairs)] + [f"{a}-{b}" for a, b in pairs] + [f"({a}, {b})" for a, b in pairs],
        "q5": ['split("@")[0]', "[:20]"],  # the working body of the cleaning function
        "q6": [repr(sorted(renamed_mmsis())), repr(renamed_mmsis())] + [f"= {m}" for m in sorted(renamed_mmsis())],
        "q7": [repr(dict(sorted(mid_verdicts().items())))],
    }
