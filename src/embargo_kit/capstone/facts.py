"""The facts of Operation Grey Anchorage, computed from the world data.

Every number and link the role cards, injects, debrief and keys state about the world (the silence in the track,
the meeting at sea, the weights, distances and speeds, the parties and their links, the money) is worked out here
from the same loaders the notebooks use. The tests compare what the pages say with these values, so a sentence
the data contradict fails; the trainer's pages and the debrief quote them.

>>> from embargo_kit.capstone.facts import story_facts
>>> story_facts()["gap"]["hours"]      # the ship's longest AIS silence, in whole hours
"""

from __future__ import annotations

import functools
import json
from typing import Any

NM_PER_RAD = 3440.065


def nm_between(lat1, lon1, lat2, lon2):
    """Great-circle distance in nautical miles (numbers or pandas columns)."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * NM_PER_RAD * np.arcsin(np.sqrt(h))


def _zone(lat: float, lon: float) -> str:
    from shapely.geometry import Point

    from embargo_kit import datasets as d

    z = d.zones()
    hit = z[z.contains(Point(lon, lat))] if hasattr(z, "contains") else z[[g.contains(Point(lon, lat)) for g in z["geometry"]]]
    return str(hit.iloc[0]["name"]) if len(hit) and "name" in hit else (str(hit.iloc[0]["zone_id"]) if len(hit) else "")


def _near_zone(lat: float, lon: float) -> tuple[str, float]:
    """The zone of concern nearest to a position, and the distance to its edge in nautical miles (0 inside)."""
    from shapely.geometry import Point

    from embargo_kit import datasets as d

    z = d.zones()
    z = z[z["zone_id"].str.startswith("ZOC")]
    best = min(((row, row["geometry"].distance(Point(lon, lat))) for _, row in z.iterrows()), key=lambda x: x[1])
    return str(best[0]["zone_id"]), round(best[1] * 60.0, 1)  # degrees to roughly nautical miles (an edge, not a route)


@functools.lru_cache(maxsize=1)
def story_facts() -> dict[str, Any]:
    """All the story's facts, computed from the data (see the module docstring)."""
    import pandas as pd

    from embargo_kit import datasets as d

    s = d.capstone_scenario()
    facts: dict[str, Any] = {"vessel": s["vessel"], "partner": s["partner"], "eta": s["eta"],
                             "crew": s.get("crew", {}), "munitions": s.get("munitions", {})}

    # --- the track: the silence and the meeting at sea
    track = d.capstone_track()
    own = track[track["mmsi"] == s["vessel"]["mmsi"]].sort_values("timestamp").reset_index(drop=True)
    step = own["timestamp"].diff()
    i = int(step.idxmax())
    before, after = own.loc[i - 1], own.loc[i]
    zone_start = _near_zone(before["lat"], before["lon"])
    facts["gap"] = {"start": before["timestamp"], "end": after["timestamp"],
                    "hours": round((after["timestamp"] - before["timestamp"]) / pd.Timedelta(hours=1)),
                    "start_pos": (float(before["lat"]), float(before["lon"])),
                    "end_pos": (float(after["lat"]), float(after["lon"])),
                    "start_zone": zone_start[0], "start_zone_nm": zone_start[1],
                    "end_zone": _near_zone(after["lat"], after["lon"])[0],
                    "gaps_over_12h": int((step > pd.Timedelta(hours=12)).sum())}
    mine = own[(own["timestamp"] >= after["timestamp"])
               & (own["timestamp"] <= after["timestamp"] + pd.Timedelta(hours=10))]
    others = track[track["mmsi"] != s["vessel"]["mmsi"]].sort_values("timestamp")
    pairs = pd.merge_asof(others, mine[["timestamp", "lat", "lon", "sog"]], on="timestamp", direction="nearest",
                          tolerance=pd.Timedelta(hours=1), suffixes=("", "_v")).dropna(subset=["lat_v"])
    pairs["nm"] = nm_between(pairs["lat"], pairs["lon"], pairs["lat_v"], pairs["lon_v"])
    beside = pairs[(pairs["nm"] < 1) & (pairs["sog"] < 1) & (pairs["sog_v"] < 1)]
    facts["sts"] = {"names": sorted(set(beside["name"])),
                    "hours": round((beside["timestamp"].max() - beside["timestamp"].min()) / pd.Timedelta(hours=1)),
                    "zone": facts["gap"]["end_zone"]}

    # --- the bills: weights, the odd port of loading, what it takes to get there
    bills, boxes = d.capstone_bills_of_lading(), d.capstone_containers()
    declared = bills.groupby("bl_number")["gross_weight_kg"].sum()
    weighed = (boxes["vgm_kg"] - boxes["tare_kg"]).groupby(boxes["bl_number"]).sum()
    ratio = (weighed / declared).sort_values(ascending=False)
    heavy = str(ratio.index[0])
    hb = bills[bills["bl_number"] == heavy]
    facts["bill"] = {"number": heavy, "containers": int((boxes["bl_number"] == heavy).sum()),
                     "declared_kg": float(declared[heavy]), "weighed_kg": float(weighed[heavy]),
                     "excess_kg": float(weighed[heavy] - declared[heavy]),
                     "excess_pct": round(100 * (ratio.iloc[0] - 1)),
                     "others_max_excess_pct": round(100 * (ratio.iloc[1:].abs().max() - 1), 1),
                     "port_of_loading": str(hb["port_of_loading"].iloc[0]), "date": hb["date"].iloc[0],
                     "description": "; ".join(sorted(set(hb["description"]))),
                     "shipper": str(hb["shipper"].iloc[0]), "consignee": str(hb["consignee"].iloc[0]),
                     "notify": str(hb["notify_party"].iloc[0])}
    port = d.ports().set_index("name").loc[facts["bill"]["port_of_loading"]]
    out_nm = float(nm_between(before["lat"], before["lon"], port["lat"], port["lon"]))
    back_nm = float(nm_between(port["lat"], port["lon"], after["lat"], after["lon"]))
    hours = (after["timestamp"] - before["timestamp"]) / pd.Timedelta(hours=1)
    notice = d.capstone_notice().iloc[0]
    declared_calls = list(zip(notice["last_ports"], [str(x)[:10] for x in notice["last_port_dates"]]))
    facts["reach"] = {"port": facts["bill"]["port_of_loading"], "out_nm": round(out_nm), "back_nm": round(back_nm),
                      "knots_no_stop": round((out_nm + back_nm) / hours, 1),
                      "knots_12h_alongside": round((out_nm + back_nm) / (hours - 12), 1),
                      "declared_calls": declared_calls,
                      "declared_on_date": any(p == facts["bill"]["port_of_loading"]
                                              and abs((pd.Timestamp(t) - pd.Timestamp(facts["bill"]["date"])).days) <= 3
                                              for p, t in declared_calls)}

    # --- the money
    pay, inv = d.capstone_payments(), d.capstone_invoices()
    pending = pay[pay["status"] == "pending"].iloc[0]
    invoice_id = pending["remittance_info"].split()[0]
    paid = pay[pay["remittance_info"].str.startswith(invoice_id)]
    facts["money"] = {"invoice": invoice_id,
                      "invoice_usd": float(inv.set_index("invoice_id").loc[invoice_id, "amount_usd"]),
                      "balance_usd": float(pending["amount"]),
                      "deposit_usd": float(paid.loc[paid["status"] == "executed", "amount"].sum()),
                      "payer": str(pending["debtor"]), "payee": str(pending["creditor"])}

    # --- the parties and their links
    comps, links, people = d.companies(), d.company_links(), d.officers()
    by_name = comps.set_index("name")
    cid = {role: str(by_name.loc[name, "company_id"]) for role, name in
           (("payer", facts["money"]["payer"]), ("payee", facts["money"]["payee"]),
            ("notify", facts["bill"]["notify"]))}
    phones = {role: str(comps.set_index("company_id").loc[c, "phone"]) for role, c in cid.items()}
    nat = people.set_index("person_id")["nationality"]
    pname = people.set_index("person_id")["name"]

    def principals(company: str) -> list[dict]:
        rows = links[(links["target_id"] == company) & links["relation"].isin(["director_of", "shareholder_of"])]
        return [{"id": r.source_id, "name": str(pname.get(r.source_id, r.source_id)),
                 "nationality": str(nat.get(r.source_id, "")), "relation": r.relation,
                 "share_pct": (None if pd.isna(r.share_pct) else float(r.share_pct))}
                for r in rows.itertuples() if r.source_id in pname.index]

    directors = {role: {p["id"] for p in principals(c) if p["relation"] == "director_of"} for role, c in cid.items()}
    agents = links[links["relation"] == "agent_of"]
    seller_people = {p["id"] for p in principals(cid["payee"])}
    facts["parties"] = {
        "ids": cid,
        "shared_phone": sorted(r for r in phones if list(phones.values()).count(phones[r]) > 1),
        "payer_payee_shared_directors": sorted(directors["payer"] & directors["payee"]),
        "payee_notify_shared_directors": sorted(directors["payee"] & directors["notify"]),
        "dprk_principals": {role: sorted({p["name"] for p in principals(c) if p["nationality"] == "DPRK"})
                            for role, c in cid.items()},
        "payee_sole_shareholder": next((p["name"] for p in principals(cid["payee"])
                                        if p["relation"] == "shareholder_of" and (p["share_pct"] or 0) >= 100), None),
        "payee_agents_of": sorted({(str(pname.get(r.source_id, r.source_id)), str(r.target_id))
                                   for r in agents.itertuples() if r.source_id in seller_people}),
    }

    # --- the ships' owners and managers: what ties the ship to the one she met, and to the seller
    v = d.vessels().set_index("imo")
    own_row, partner_row = v.loc[s["vessel"]["imo"]], v.loc[s["partner"]["imo"]]
    cname = comps.set_index("company_id")["name"]
    cjur = comps.set_index("company_id")["jurisdiction"]

    def people_of(company: str) -> set[str]:
        return {p["id"] for p in principals(company) if p["relation"] == "director_of"}

    manager = str(own_row["manager"])
    facts["ships"] = {
        "owner": {"id": str(own_row["registered_owner"]), "name": str(cname.get(own_row["registered_owner"])),
                  "jurisdiction": str(cjur.get(own_row["registered_owner"]))},
        "manager": {"id": manager, "name": str(cname.get(manager)), "jurisdiction": str(cjur.get(manager))},
        "partner_owner": {"id": str(partner_row["registered_owner"]),
                          "name": str(cname.get(partner_row["registered_owner"]))},
        "partner_manager": {"id": str(partner_row["manager"]), "name": str(cname.get(partner_row["manager"]))},
        "manager_owns_partner": manager == str(partner_row["registered_owner"]),
        "manager_seller_directors": sorted(str(pname.get(p, p)) for p in people_of(manager) & people_of(cid["payee"])),
        "owner_seller_directors": sorted(str(pname.get(p, p))
                                         for p in people_of(str(own_row["registered_owner"])) & people_of(cid["payee"])),
    }
    return facts


def describe() -> str:
    """The facts as short lines, for trainers (``python -m embargo_kit.capstone.facts``)."""
    f = story_facts()
    return json.dumps(f, indent=1, default=str, ensure_ascii=False)


if __name__ == "__main__":  # pragma: no cover
    print(describe())
