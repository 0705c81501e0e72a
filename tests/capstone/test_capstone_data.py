"""The capstone's datasets agree with each other and with the world: the vessel, the cargo and the payments
line up, and the build is deterministic. Expected values are worked out here from the world's files and its
planted ground truth, independently of the build code."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from embargo_kit.datasets import capstone as cap
from embargo_kit.datasets import world as world
from embargo_kit.exercises.checking import hashed
from embargo_kit.world import capstone as build_mod

WORLD_DIR = Path(build_mod.__file__).resolve().parent.parent / "data" / "world"
CAP_DIR = WORLD_DIR / "capstone"


@pytest.fixture(scope="module")
def s() -> dict:
    return cap.capstone_scenario()


def _nm(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * 3440.065 * np.arcsin(np.sqrt(h))


# ------------------------------------------------------------------------------------------ the vessel
def test_the_vessel_is_a_planted_dark_vessel_that_met_another_at_sea(s):
    mmsi, partner = s["vessel"]["mmsi"], s["partner"]["mmsi"]
    assert hashed("world", "gaps_over_12h", mmsi) in set(world.planted("gaps_over_12h")["hashes"])
    lo, hi = sorted([mmsi, partner])
    assert hashed("world", "sts_pairs", f"{lo}-{hi}") in set(world.planted("sts_pairs")["hashes"])


def test_the_track_shows_the_gap_ending_beside_the_partner(s):
    t = cap.capstone_track()
    own = t[t["mmsi"] == s["vessel"]["mmsi"]].sort_values("timestamp")
    silence = own["timestamp"].diff()
    assert (silence > pd.Timedelta(hours=12)).sum() == 1, "the story needs exactly one silence over 12 hours"
    resumed = own.loc[silence.idxmax()]
    other = t[(t["mmsi"] == s["partner"]["mmsi"])
              & ((t["timestamp"] - resumed["timestamp"]).abs() < pd.Timedelta(hours=1))]
    assert len(other), "the partner is not in the track when the vessel reappears"
    assert _nm(other["lat"], other["lon"], resumed["lat"], resumed["lon"]).min() < 1
    assert resumed["sog"] < 1


def test_imo_and_mmsi_agree_across_ais_registry_notice_and_bills(s):
    imo, mmsi = s["vessel"]["imo"], s["vessel"]["mmsi"]
    reg = world.vessels().set_index("imo")
    assert reg.loc[imo, "mmsi"] == mmsi and reg.loc[imo, "name"] == s["vessel"]["name"]
    assert (world.ais_static().query("mmsi == @mmsi")["imo"] == imo).all()
    assert len(world.ais_positions().query("mmsi == @mmsi")) > 100
    n = cap.capstone_notice()
    assert len(n) == 1 and n.loc[0, "imo"] == imo and n.loc[0, "mmsi"] == mmsi
    assert n.loc[0, "vessel_name"] == s["vessel"]["name"] and n.loc[0, "flag"] == s["vessel"]["flag"]
    b = cap.capstone_bills_of_lading()
    assert (b["vessel_imo"] == imo).all() and b["voyage"].nunique() == 1
    assert (b["port_of_discharge"] == "Port Anselm").all()


def test_the_notice_ports_and_bill_dates_fit_the_track_except_the_suspect_bill(s):
    """Ordinary bills: the ship is within a few miles of the port of loading that day. The one odd bill names a
    port on a day inside her silence that her notice does not declare, and reaching it needs far more speed than
    her track ever shows (an inconsistency to check with the carrier, not a proof: a feeder can make 16 knots)."""
    t = cap.capstone_track()
    own = t[t["mmsi"] == s["vessel"]["mmsi"]].sort_values("timestamp")
    ports = world.ports().set_index("name")
    n = cap.capstone_notice().loc[0]
    declared = set(n["last_ports"])
    calls = [(port, pd.Timestamp(d)) for port, d in zip(n["last_ports"], n["last_port_dates"])]
    odd = []
    for bl, row in cap.capstone_bills_of_lading().drop_duplicates("bl_number").set_index("bl_number").iterrows():
        p = ports.loc[row["port_of_loading"]]
        day = own[own["timestamp"].dt.normalize() == row["date"]]
        if len(day) and _nm(day["lat"], day["lon"], p["lat"], p["lon"]).min() < 5:
            assert row["port_of_loading"] in declared
            continue
        before = own[own["timestamp"] < row["date"]].iloc[-1]
        after = own[own["timestamp"] > row["date"]].iloc[0]
        hours = (after["timestamp"] - before["timestamp"]) / pd.Timedelta(hours=1)
        dist = _nm(before["lat"], before["lon"], p["lat"], p["lon"]) + _nm(p["lat"], p["lon"], after["lat"], after["lon"])
        assert hours > 12 and dist / hours > 1.3 * own["sog"].max(), \
            f"{bl}: the ship could have called at {row['port_of_loading']} at her usual speed"
        assert not any(port == row["port_of_loading"] and abs(d - row["date"]) < pd.Timedelta(days=4)
                       for port, d in calls), "the notice declares the odd bill's call"
        odd.append(bl)
    assert len(odd) == 1, "exactly one bill should contradict the track"


# ------------------------------------------------------------------------------------------ cargo
def test_bill_parties_are_registry_companies_and_the_odd_bill_runs_between_planted_fronts():
    comps = world.companies().set_index("name")
    b = cap.capstone_bills_of_lading()
    for col in ("shipper", "consignee", "notify_party"):
        missing = set(b[col]) - set(comps.index)
        assert not missing, f"{col} not in the company registry: {missing}"
    fronts = set(world.planted("front_companies")["hashes"])
    heavy = _heavy_bills()
    assert len(heavy) == 1
    odd = b[b["bl_number"].isin(heavy)]
    for col in ("shipper", "consignee", "notify_party"):
        cid = comps.loc[odd[col].iloc[0], "company_id"]
        assert hashed("world", "front_companies", cid) in fronts, f"the odd bill's {col} is not a planted front"
    ordinary = b[~b["bl_number"].isin(heavy)]
    for name in set(ordinary["shipper"]) | set(ordinary["consignee"]):
        assert hashed("world", "front_companies", comps.loc[name, "company_id"]) not in fronts


def _heavy_bills() -> set[str]:
    b, c = cap.capstone_bills_of_lading(), cap.capstone_containers()
    declared = b.groupby("bl_number")["gross_weight_kg"].sum()
    weighed = (c["vgm_kg"] - c["tare_kg"]).groupby(c["bl_number"]).sum()
    return {bl for bl in declared.index if weighed[bl] > 1.2 * declared[bl]}


def test_containers_join_the_bills_and_only_the_odd_bill_is_overweight():
    b, c = cap.capstone_bills_of_lading(), cap.capstone_containers()
    assert set(b["container_id"]) == set(c["container_id"])
    assert (c.set_index("container_id").loc[b["container_id"], "bl_number"].values == b["bl_number"].values).all()
    assert (c["vgm_kg"] <= c["max_gross_kg"]).all() and (c["vgm_kg"] > c["tare_kg"]).all()
    assert not set(c["container_id"]) & set(world.containers()["container_id"]), "container IDs collide with the world"
    from embargo_kit.world.ids import container_check_digit

    assert all(int(x[-1]) == container_check_digit(x[:10]) for x in c["container_id"])
    b2 = b.groupby("bl_number")["gross_weight_kg"].sum()
    w2 = (c["vgm_kg"] - c["tare_kg"]).groupby(c["bl_number"]).sum()
    ratio = w2 / b2
    assert (ratio.drop(list(_heavy_bills())).between(0.95, 1.05)).all()


# ------------------------------------------------------------------------------------------ money
def test_invoices_match_bills_and_payments_add_up_to_invoices():
    b, inv, pay = cap.capstone_bills_of_lading(), cap.capstone_invoices(), cap.capstone_payments()
    assert set(inv["bl_number"]) == set(b["bl_number"])
    declared = b.groupby("bl_number")["declared_value_usd"].sum().round(2)
    assert (inv.set_index("bl_number")["amount_usd"].round(2) == declared.loc[inv["bl_number"]].values).all()
    odd = inv[inv["bl_number"].isin(_heavy_bills())].iloc[0]
    paid = pay[pay["remittance_info"].str.startswith(odd["invoice_id"])]
    assert set(paid["status"]) == {"executed", "pending"}
    assert round(paid["amount"].sum(), 2) == round(odd["amount_usd"], 2)
    assert (paid["debtor"] == odd["buyer"]).all() and (paid["creditor"] == odd["seller"]).all()
    for _, p in pay.iterrows():
        i = inv.set_index("invoice_id").loc[p["remittance_info"].split()[0]]
        assert p["debtor"] == i["buyer"] and p["creditor"] == i["seller"]


def test_payments_use_the_worlds_accounts_and_banks():
    banks = set(world.banks()["bic"])
    pay = cap.capstone_payments()
    assert set(pay["debtor_bank"]) | set(pay["creditor_bank"]) | set(sum(pay["intermediary_banks"], [])) <= banks
    w = world.payments()
    odd = pay[pay["status"] == "pending"].iloc[0]
    known = set(zip(w["debtor"], w["debtor_account"], w["debtor_bank"])) | set(
        zip(w["creditor"], w["creditor_account"], w["creditor_bank"]))
    assert (odd["debtor"], odd["debtor_account"], odd["debtor_bank"]) in known
    assert (odd["creditor"], odd["creditor_account"], odd["creditor_bank"]) in known
    assert odd["debtor_bank"][4:6] == "XL", "the payer's bank should be Lumerian"


def test_the_payee_acts_for_a_listed_entity_through_the_world_links():
    pay = cap.capstone_payments()
    comps = world.companies().set_index("name")
    seller = comps.loc[pay.loc[pay["status"] == "pending", "creditor"].iloc[0], "company_id"]
    links = world.company_links()
    people = set(links[(links["target_id"] == seller)
                       & links["relation"].isin(["director_of", "shareholder_of"])]["source_id"])
    agents = links[(links["relation"] == "agent_of") & links["source_id"].isin(people)]
    assert set(agents["target_id"]) & set(world.list_extract()["ref"])


def test_everything_is_labelled_fictional_and_citations_are_known():
    for df in (cap.capstone_bills_of_lading(), cap.capstone_containers(), cap.capstone_invoices(),
               cap.capstone_payments()):
        assert df["fictional"].all()
    assert cap.capstone_scenario()["fictional"] and cap.capstone_injects()["fictional"]
    c = cap.capstone_citations()
    assert len(c) == len(cap.capstone_injects()["citations"]) and c["summary"].str.len().min() > 20


def test_every_decision_has_options_and_every_role_data_loader_exists():
    inj = cap.capstone_injects()
    assert [p["phase"] for p in inj["phases"]] == [1, 2, 3]
    for p in inj["phases"]:
        for d in p["decisions"]:
            assert len(d["options"]) >= 4
        for role in p["roles"].values():
            for call in role["data"]:
                name = call.split("(")[0]
                assert hasattr(cap, name) or hasattr(world, name), f"{name} is not a loader"


# ------------------------------------------------------------------------------------------ the build
def test_build_is_deterministic_and_matches_the_shipped_files(tmp_path):
    a = build_mod.build(WORLD_DIR, tmp_path / "a")
    b = build_mod.build(WORLD_DIR, tmp_path / "b")
    assert build_mod.digest(a) == build_mod.digest(b)
    assert sorted(a) == sorted(build_mod.FILES)
    assert build_mod.differences(WORLD_DIR, CAP_DIR) == [], "run the capstone build (embargo-kit data regenerate)"
    other = build_mod.render(WORLD_DIR, seed=7)
    assert build_mod.digest(other) != build_mod.digest(a), "the seed should matter"
