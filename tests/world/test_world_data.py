"""What a learner (and a check author) relies on in the shipped synthetic world."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
import yaml

from embargo_kit import datasets
from embargo_kit.exercises.checking import hashed
from embargo_kit.world.ids import imo_is_valid


def _matches_planted(name, items) -> int:
    hashes = set(datasets.planted(name)["hashes"])
    return sum(hashed("world", name, i) in hashes for i in set(items))


# ------------------------------------------------------------------------------------------ identifiers
def test_imo_numbers_are_fictional_and_check_digits_valid_except_the_planted_false_one():
    v = datasets.vessels()
    assert v["imo"].between(1_000_000, 4_999_999).all()
    assert (v["imo"].map(imo_is_valid) == v["imo_valid"]).all()
    bad = v.loc[~v["imo_valid"], "imo"].tolist()
    assert len(bad) == 1
    assert _matches_planted("false_imo", bad) == 1
    valid_history = datasets.vessel_history()["imo"]
    assert valid_history.map(imo_is_valid).sum() == len(valid_history) - (valid_history == bad[0]).sum()


def test_every_mmsi_uses_the_unallocated_mid_999():
    for df in (datasets.vessels(), datasets.ais_positions(), datasets.ais_static(), datasets.arrival_notices(),
               datasets.vessel_history()):
        assert df["mmsi"].astype(str).str.fullmatch(r"999\d{6}").all()


def test_static_reports_broadcast_valid_imos_except_the_planted_ones():
    static = datasets.ais_static()
    invalid = set(static.loc[~static["imo"].map(imo_is_valid), "imo"])
    assert _matches_planted("false_imo", invalid) == 1 and len(invalid) == 1


# ------------------------------------------------------------------------------------------ AIS
def _gaps(pos: pd.DataFrame) -> pd.DataFrame:
    pos = pos.sort_values(["mmsi", "timestamp"])
    prev = pos.groupby("mmsi").shift(1)
    hours = (pos["timestamp"] - prev["timestamp"]).dt.total_seconds() / 3600
    return pd.DataFrame({"mmsi": pos["mmsi"], "hours": hours, "lon0": prev["lon"], "lat0": prev["lat"],
                         "lon1": pos["lon"], "lat1": pos["lat"], "nav0": prev["nav_status"]}).dropna()


def test_five_vessels_go_dark_for_over_12_hours_next_to_a_zone_of_concern():
    from shapely.geometry import Point

    gaps = _gaps(datasets.ais_positions())
    long = gaps[gaps["hours"] > 12]
    assert long["mmsi"].nunique() == 5 == len(long)
    assert _matches_planted("gaps_over_12h", long["mmsi"]) == 5
    zoc = datasets.zones().query("kind == 'zone_of_concern'").union_all()
    near = 0.35  # degrees, about 20 nautical miles
    for _, g in long.iterrows():
        d = min(zoc.distance(Point(g.lon0, g.lat0)), zoc.distance(Point(g.lon1, g.lat1)))
        assert d < near, f"gap of {g.mmsi} starts and ends far from any zone of concern"


def test_routine_short_gaps_at_sea_are_there_as_distractors():
    gaps = _gaps(datasets.ais_positions())
    short = gaps[(gaps["hours"] > 3.5) & (gaps["hours"] < 12) & (gaps["nav0"] == 0)]
    assert short["mmsi"].nunique() >= 5
    assert _matches_planted("short_gaps", short["mmsi"]) >= 5


def _meetings(pos: pd.DataFrame) -> dict[str, tuple[int, float, float]]:
    """Pairs of vessels within 500 m at under 1 knot for longer than 4 hours (hourly bins), not moored:
    pair -> (hours, lon, lat of the meeting)."""
    from embargo_kit.world.geo import dist_nm

    slow = pos[(pos["sog"] < 1) & (pos["nav_status"] != 5)].copy()
    slow["hour"] = slow["timestamp"].dt.floor("h")
    slow = slow.groupby(["mmsi", "hour"], as_index=False)[["lon", "lat"]].mean()
    seen: dict[str, list] = {}
    for hour, grp in slow.groupby("hour"):
        for a, b in itertools.combinations(list(grp.itertuples()), 2):
            if dist_nm(a.lon, a.lat, b.lon, b.lat) * 1852 < 500:
                lo, hi = sorted([a.mmsi, b.mmsi])
                seen.setdefault(f"{lo}-{hi}", []).append((a.lon, a.lat))
    return {k: (len(v), sum(x for x, _ in v) / len(v), sum(y for _, y in v) / len(v))
            for k, v in seen.items() if len(v) > 4}


def test_two_ship_to_ship_meetings_at_sea_and_one_innocent_meeting_at_the_anchorage():
    from shapely.geometry import Point

    found = _meetings(datasets.ais_positions())
    assert len(found) == 3, found
    assert _matches_planted("sts_pairs", found) == 2
    assert _matches_planted("innocent_meeting", found) == 1
    anchorage = datasets.zones().query("kind == 'anchorage'").union_all()
    zoc = datasets.zones().query("kind == 'zone_of_concern'").union_all()
    for pair, (_, lon, lat) in found.items():
        innocent = _matches_planted("innocent_meeting", [pair]) == 1
        assert anchorage.contains(Point(lon, lat)) == innocent
        assert zoc.contains(Point(lon, lat)) == (not innocent)


def test_raw_nmea_decodes_with_pyais_to_the_decoded_tables():
    """Per receiver, assemble fragments in any order, drop bad checksums, keep a message heard twice once."""
    from pyais.queue import NMEAQueue

    raw = datasets.ais_raw()
    assert raw["sentence"].str.fullmatch(r"\\s:(TER|SAT)-1,c:\d{10}\*[0-9A-F]{2}\\!AIVDM,.*").all()
    positions, statics, queues, last, receivers = [], [], {}, {}, set()
    for line in raw["sentence"]:
        q0 = NMEAQueue()  # pyais reads the NMEA 4.10 tag block of the line itself
        q0.put_line(line.encode())
        tagged = q0.get_or_none()
        if tagged is not None and tagged.tag_block is not None:
            tagged.tag_block.init()
        _, tag, s = line.split("\\", 2)
        fields = dict(kv.split(":") for kv in tag.split("*")[0].split(","))
        rx, at = fields["s"], pd.Timestamp(int(fields["c"]), unit="s")
        if tagged is not None and tagged.tag_block is not None:
            assert (tagged.tag_block.source_station, int(tagged.tag_block.receiver_timestamp)) == (rx, int(fields["c"]))
        receivers.add(rx)
        q = queues.setdefault(rx, NMEAQueue())
        q.put_line(s.encode())
        msg = q.get_or_none()
        if msg is None or not msg.is_valid:
            continue
        if msg.payload in last and at - last[msg.payload] < pd.Timedelta(minutes=2):
            continue
        last[msg.payload] = at
        m = msg.decode().asdict()
        (positions if m["msg_type"] in (1, 2, 3) else statics).append(m)
    assert receivers == {"TER-1", "SAT-1"}
    pos, st = datasets.ais_positions(), datasets.ais_static()
    assert len(positions) == len(pos) and len(statics) == len(st)
    got = pd.DataFrame(positions)[["mmsi", "lat", "lon", "speed", "course"]].round(4)
    exp = pos[["mmsi", "lat", "lon", "sog", "cog"]].round(4).rename(columns={"sog": "speed", "cog": "course"})
    assert (got.values == exp.values).all()
    assert [m["imo"] for m in statics] == st["imo"].tolist()
    # ais_static keeps the 20-character name field as sent; pyais cuts it at the first '@' and strips spaces
    assert (st["name"].str.len() == 20).all()
    assert [m["shipname"] for m in statics] == [n.split("@")[0].strip() for n in st["name"]]


def test_coastline_covers_the_ais_area_and_no_ship_at_sea_is_on_land():
    from shapely import contains_xy

    land = datasets.coastline()
    assert land.crs.to_epsg() == 4326
    lon0, lat0, lon1, lat1 = land.total_bounds
    pos = datasets.ais_positions()
    assert lon0 <= pos["lon"].min() and pos["lon"].max() <= lon1
    assert lat0 <= pos["lat"].min() and pos["lat"].max() <= lat1
    at_sea = pos[pos["nav_status"] != 5]
    on_land = contains_xy(land.union_all(), at_sea["lon"].to_numpy(), at_sea["lat"].to_numpy())
    assert on_land.sum() == 0


def test_base_map_draws_offline():
    import matplotlib

    matplotlib.use("Agg")
    ax = datasets.plot_base_map()
    assert ax.get_xlim() == (117.0, 130.0)
    labels = [t.get_text() for t in ax.texts]
    assert "Port Anselm (fictional)" in labels


# ------------------------------------------------------------------------------------------ identity
def test_zombie_broadcasts_a_scrapped_ships_imo_from_another_mmsi():
    v = datasets.vessels()
    scrapped = v[v["status"] == "scrapped"]
    assert len(scrapped) == 1 and _matches_planted("zombie_imo", scrapped["imo"]) == 1
    static = datasets.ais_static()
    broadcasters = set(static.loc[static["imo"] == scrapped["imo"].iloc[0], "mmsi"])
    assert broadcasters and scrapped["mmsi"].iloc[0] not in broadcasters


def test_laundered_hulls_match_a_removed_dprk_identity_within_a_tolerance_not_exactly():
    v = datasets.vessels()
    removed = v[v["status"] == "removed from register"]
    keys = ["build_year", "length_m", "beam_m", "gross_tonnage"]
    exact = v[v["status"] == "in service"].merge(removed, on=keys, suffixes=("", "_old"))
    assert exact.empty  # records of one hull differ by remeasurement and rounding
    pairs = v[v["status"] == "in service"].merge(removed, on="build_year", suffixes=("", "_old"))
    close = pairs[((pairs["length_m"] - pairs["length_m_old"]).abs() <= 0.05 * pairs["length_m"])
                  & ((pairs["beam_m"] - pairs["beam_m_old"]).abs() <= 1)
                  & ((pairs["gross_tonnage"] - pairs["gross_tonnage_old"]).abs() <= 0.05 * pairs["gross_tonnage"])]
    assert _matches_planted("laundered_imos", close["imo"]) == 2 and _matches_planted("sister_imo", close["imo"]) == 1
    assert len(close) == 3  # the two laundered hulls and the sister ship the tolerance cannot tell apart
    same_hull = close[(close["shipyard"] == close["shipyard_old"]) & (close["hull_number"] == close["hull_number_old"])]
    assert _matches_planted("laundered_imos", same_hull["imo"]) == 2 == len(same_hull)
    hist = datasets.vessel_history()
    assert set(hist.loc[hist["imo"].isin(removed["imo"]), "flag"]) == {"DPRK"}


def test_flag_hopping_vessel_changed_flag_three_times_in_24_months():
    hist = datasets.vessel_history().sort_values(["imo", "valid_from"])
    changed = hist["flag"] != hist.groupby("imo")["flag"].shift(1)
    first = hist.groupby("imo").cumcount() == 0
    recent = hist[changed & ~first & (hist["valid_from"] >= "2024-10-01")]
    assert (recent.groupby("imo").size() >= 3).sum() >= 1


# ------------------------------------------------------------------------------------------ notices
def test_arrival_notices_cover_one_week_and_planted_codes_exist():
    n = datasets.arrival_notices()
    assert 15 <= len(n) <= 40
    assert n["eta"].between("2026-10-01", "2026-10-08").all()
    assert (n["submitted_at"] < "2026-10-01").all()
    assert (n["next_port"] == "Port Anselm").all()
    codes = {i["code"] for i in yaml.safe_load(
        (datasets._resource("reference", "indicators.yaml")).read_text(encoding="utf-8"))["indicators"]}
    planted = datasets.planted("notice_flags")
    candidates = [f"{nid}:{code}" for nid in n["notice_id"] for code in sorted(codes)]
    assert _matches_planted("notice_flags", candidates) == planted["count"] >= 10
    assert n["last_ports"].map(len).ge(6).all()


# ------------------------------------------------------------------------------------------ customs
def test_weight_anomalies_are_the_planted_ones():
    m, c = datasets.manifests(), datasets.containers()
    declared = m.groupby("container_id")["gross_weight_kg"].sum()
    c = c.set_index("container_id").join(declared.rename("declared"), how="inner")
    gap = (c["vgm_kg"] - c["tare_kg"] - c["declared"]) / c["declared"]
    heavy = gap[gap > 0.2].index
    assert (c.loc[heavy, "vgm_method"] == 1).all()  # only a weighed box (SOLAS method 1) can show it
    bls = set(m.loc[m["container_id"].isin(heavy), "bl_number"])
    weight = _matches_planted("manifest_flags", [f"{b}:weight" for b in bls])
    concealment = _matches_planted("manifest_flags", [f"{b}:concealment" for b in bls])
    assert (weight, concealment, len(bls)) == (4, 3, 7)


def test_hs_codes_of_concern_and_description_mismatches_are_findable():
    m = datasets.manifests()
    concern = datasets.hs_of_concern()
    prefixes = tuple(concern.loc[concern["category"] == "arms", "hs"])
    arms = set(m.loc[m["hs_code"].str.startswith(prefixes), "bl_number"])
    assert _matches_planted("manifest_flags", [f"{b}:hs_concern" for b in arms]) == len(arms) >= 6
    # concealment is not planted backwards: no harmless description sits under an arms code
    sugar = m[m["description"].str.contains("sugar") & m["hs_code"].str.startswith("93")]
    assert sugar.empty


def test_unit_values_outside_the_reference_range_are_the_planted_ones():
    m = datasets.manifests()
    uv = datasets.unit_values().set_index("hs4")
    m = m[m["hs_code"].str[:4].isin(uv.index)].copy()
    per_kg = m["declared_value_usd"] / m["gross_weight_kg"]
    ref = uv.loc[m["hs_code"].str[:4]]
    out = (per_kg.to_numpy() < ref["usd_per_kg_low"].to_numpy() / 3) | (per_kg.to_numpy() > ref["usd_per_kg_high"].to_numpy() * 3)
    bls = set(m.loc[out, "bl_number"])
    assert _matches_planted("manifest_flags", [f"{b}:unit_value" for b in bls]) == 4


def test_listed_parties_in_manifests_resemble_the_list_extract():
    import fingerprints
    from rapidfuzz import fuzz

    names = [fingerprints.generate(n) for n in _list_names()]
    m = datasets.manifests()
    parties = pd.concat([m[["bl_number", c]].rename(columns={c: "party"}) for c in ("shipper", "consignee", "notify_party")])
    hit = parties[parties["party"].map(lambda p: max(fuzz.token_set_ratio(fingerprints.generate(p), n) for n in names) >= 85)]
    bls = set(hit["bl_number"])
    assert _matches_planted("manifest_flags", [f"{b}:listed_party" for b in bls]) == 4 == len(bls)


def test_multi_hub_routes_change_container():
    legs = datasets.shipment_legs()
    per_bl = legs.groupby("bl_number").agg(n=("leg", "size"), boxes=("container_id", "nunique"))
    routed = per_bl[(per_bl["n"] >= 3) & (per_bl["boxes"] > 1)].index
    assert _matches_planted("manifest_flags", [f"{b}:transshipment" for b in routed]) == 3 == len(routed)


# ------------------------------------------------------------------------------------------ finance
def _list_names():
    le = datasets.list_extract()
    return list(le["name"]) + [a for aliases in le["aliases"] for a in aliases]


def test_no_invented_company_bank_or_vessel_resembles_a_listed_name():
    import fingerprints
    from rapidfuzz import fuzz

    listed = [fingerprints.generate(n) for n in _list_names()]
    invented = (list(datasets.companies()["name"]) + list(datasets.banks()["name"])
                + list(datasets.vessels()["name"]) + list(datasets.vessel_history()["name"]))
    worst = max(((max(fuzz.token_set_ratio(fingerprints.generate(n), ln) for ln in listed), n) for n in invented))
    assert worst[0] < 80, f"{worst[1]!r} resembles a listed name (score {worst[0]:.0f})"


def test_every_record_is_labelled_fictional_except_the_list_extract_and_real_ports():
    for name in datasets.world_tables():
        df = getattr(datasets, name)()
        if "fictional" not in df.columns:
            continue
        if name == "list_extract":
            assert not df["fictional"].any()
        elif name == "ports":
            assert df.loc[df["fictional"], "name"].tolist() == ["Port Anselm"]
        else:
            assert df["fictional"].all(), name


def test_list_extract_entries_are_sourced_1718_references():
    le = datasets.list_extract()
    people_and_entities = le[le["type"] != "vessel"]
    assert people_and_entities["ref"].str.fullmatch(r"KP[ei]\.\d{3}").all()
    # vessel entries: the Committee's vessel list has no reference number; the IMO number identifies the entry
    vessels = le[le["type"] == "vessel"]
    assert len(vessels) == 4 and (vessels["ref"] == "IMO " + vessels["imo"].astype(str)).all()
    assert vessels["imo"].map(imo_is_valid).all() and (vessels["imo"] > 4_999_999).all()  # real, not fictional
    assert le["source"].str.startswith("http").all() and le["source_title"].str.len().gt(20).all()
    assert le["listed_on"].notna().all()


def test_front_cluster_shares_directors_addresses_or_phones_and_lookalikes_share_one():
    comp = datasets.companies().set_index("company_id")
    links = datasets.company_links()
    directors = links[links["relation"] == "director_of"].groupby("target_id")["source_id"].apply(set)
    fronts = [c for c in comp.index if _matches_planted("front_companies", [c])]
    assert len(fronts) == 6
    for a in fronts:
        shared = [b for b in fronts if b != a and (comp.at[a, "address"] == comp.at[b, "address"]
                  or comp.at[a, "phone"] == comp.at[b, "phone"] or directors.get(a, set()) & directors.get(b, set()))]
        assert shared, f"{a} is not linked to the rest of the cluster"
    agents = links[links["relation"] == "agent_of"]
    assert set(agents["target_id"]) <= set(datasets.list_extract()["ref"])


def test_structuring_nested_and_layering_patterns():
    """The finance patterns in outline (tests/world/test_finance_data.py holds the detail)."""
    p = datasets.payments().set_index("msg_id")
    rates = datasets.fx_rates().set_index("currency")["usd_per_unit"]
    struct = [m for m in p.index if _matches_planted("structuring", [m])]
    assert len(struct) == datasets.planted("structuring")["count"] >= 8
    s = p.loc[struct]
    usd = s["instructed_amount"] * s["instructed_currency"].map(rates)
    assert usd.between(0.9 * datasets.REPORTING_THRESHOLD_USD, datasets.REPORTING_THRESHOLD_USD).all()
    assert s["debtor"].nunique() == 1 and s["debtor_account"].nunique() == 2
    nested = p.loc[[m for m in p.index if _matches_planted("nested", [m])]]
    assert len(nested) >= 6 and nested["debtor_bank"].nunique() == 1
    chain = p.loc[[m for m in p.index if _matches_planted("layering_chain", [m])]].sort_values("date")
    assert len(chain) >= 4
    # every step but the first is paid out of an account an earlier step paid into
    assert set(chain["debtor_account"].iloc[1:]) <= set(chain["creditor_account"])
    fronts = datasets.companies().query("company_id in @f", local_dict={"f": [
        c for c in datasets.companies()["company_id"] if _matches_planted("front_companies", [c])]})
    ends = chain[~chain["creditor_account"].isin(chain["debtor_account"])]
    assert set(ends["creditor"]) <= set(fronts["name"]) and len(ends) == 2


def test_screening_pairs_have_both_classes_and_known_list_refs():
    sp = datasets.screening_pairs()
    assert sp["is_match"].sum() >= 25 and (~sp["is_match"]).sum() >= 60
    assert set(sp["list_ref"]) <= set(datasets.list_extract()["ref"])
    assert "hangul" in set(sp["variant"]) and "look-alike" in set(sp.loc[~sp["is_match"], "variant"])


def test_korean_names_come_with_transliteration_variants():
    officers = datasets.officers()
    kim = officers[officers["name"] == "Kim Chol-su"].iloc[0]
    assert {"Kim Chol Su", "KIM CHOLSU", "김철수"} <= set(kim["name_variants"])


# ------------------------------------------------------------------------------------------ FtM + loaders
def test_followthemoney_entities_mirror_the_tables():
    ents = datasets.entities()
    by_schema = pd.Series([e.schema.name for e in ents]).value_counts()
    assert by_schema["Company"] == len(datasets.companies())
    le = datasets.list_extract()
    assert by_schema["Vessel"] == len(datasets.vessels()) + int((le["type"] == "vessel").sum())
    assert by_schema["Payment"] == len(datasets.payments())
    sanctions = datasets.entities("Sanction")
    assert sorted(s.first("authorityId") for s in sanctions) == sorted(datasets.list_extract()["ref"])
    assert len({e.id for e in ents}) == len(ents)


def test_loaders_return_fresh_copies():
    n = datasets.arrival_notices()
    n.loc[0, "vessel_name"] = "CHANGED"
    n.at[0, "last_ports"].append("Nowhere")
    again = datasets.arrival_notices()
    assert again.loc[0, "vessel_name"] != "CHANGED"
    assert "Nowhere" not in again.at[0, "last_ports"]


def test_unknown_planted_name_is_a_clear_error():
    with pytest.raises(KeyError, match="no planted pattern"):
        datasets.planted("nonsense")


def test_datasheet_row_counts_match_the_shipped_tables():
    import re

    from embargo_kit.world.generate import default_dir

    text = (default_dir() / "DATASHEET.md").read_text(encoding="utf-8")
    claims = re.findall(r"^\| `(\w+)\([^)]*\)`(?: \(alias `\w+\(\)`\))? \| ([\d,]+)", text, flags=re.M)
    assert len(claims) >= 18
    for loader, count in claims:
        data = getattr(datasets, loader)()
        assert len(data) == int(count.replace(",", "")), f"DATASHEET.md says {loader}() has {count} rows"
    for loader in datasets.world_tables():
        assert f"`{loader}()`" in text, f"DATASHEET.md does not describe {loader}()"
    planted = dict(re.findall(r"^\| `(\w+)` \| (\d+) \|", text, flags=re.M))
    from embargo_kit.datasets import world as world_datasets

    shipped = world_datasets._planted()
    assert set(planted) == set(shipped), "DATASHEET.md's ground-truth table lists other names than planted.json"
    for name, count in planted.items():
        assert datasets.planted(name)["count"] == int(count), f"DATASHEET.md says {name} has {count} items"


def test_broadcast_identities_that_disagree_with_the_register_are_the_planted_ones():
    static = datasets.ais_static()
    reg = datasets.vessels().set_index("mmsi")
    wrong = set()
    for row in static.itertuples():
        broadcast = " ".join(row.name.split("@")[0].split())  # padding and spacing are not identity
        if row.mmsi not in reg.index or reg.at[row.mmsi, "imo"] != row.imo or reg.at[row.mmsi, "name"] != broadcast:
            wrong.add(row.mmsi)
    assert _matches_planted("identity_mismatch_mmsi", wrong) == 2 == len(wrong)


def test_datasheet_feed_noise_counts_match_the_raw_feed():
    """Review finding 9: the satellite copies and garbled sentences the DATASHEET counts are the feed's."""
    import re

    from pyais.messages import NMEASentence

    from embargo_kit.world.generate import default_dir

    text = (default_dir() / "DATASHEET.md").read_text(encoding="utf-8")
    sat, garbled = (int(n.replace(",", "")) for n in re.findall(r"\(([\d,]+) sentences\)", text)[:2])
    lines = datasets.ais_raw()["sentence"]
    assert sat == int(lines.str.contains("s:SAT-1,", regex=False).sum())
    assert garbled == sum(not NMEASentence(line.split("\\", 2)[2].encode()).is_valid for line in lines)
