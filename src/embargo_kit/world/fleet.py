"""The fictional fleet: vessels (hulls), their registry histories, and the planted identity cases."""

from __future__ import annotations

import random

from .companies import NameGuard, ROOTS
from .ids import break_check_digit, make_imo, make_mmsi

N_FLEET = 40

SHIP_TYPES = [  # registry type, ITU AIS code, length range, GT per metre (rough), dwt factor
    ("bulk carrier", 70, (150, 200), 130, 1.9),
    ("general cargo", 70, (90, 140), 55, 1.6),
    ("oil products tanker", 80, (100, 185), 90, 1.8),
    ("container ship", 70, (120, 200), 120, 1.3),
]
FLAGS = ["Panama", "Lumeria", "Marshall Islands", "Singapore", "Hong Kong", "Sierra Leone", "Togo", "Palau",
         "Mongolia", "Comoros", "Cameroon", "Tuvalu"]
SUFFIXES = ["STAR", "GRACE", "PIONEER", "SPIRIT", "VENTURE", "DAWN", "HARMONY", "TRADER", "CARRIER", "BRIDGE",
            "CREST", "HORIZON", "MERIDIAN", "LIGHT", "PEARL", "WIND"]
#: invented Korean-style former names for the laundered hulls (no real ship intended)
KOREAN_STYLE = ["SAEBYOL 8", "HAEBIT 3", "PYOLBIT 5"]
#: invented shipyards (a hull's yard and hull number never change, whatever its names and IMO numbers)
YARDS = ["Tidewell Shipbuilding (fictional)", "Kestrelmoor Heavy Industries (fictional)",
         "Vell Marine Works (fictional)", "Northreach Dockyard (fictional)", "Orrin Bay Shipyard (fictional)"]
#: the fleet index of the planted sister ship: same yard, design and build year as a laundered hull's old
#: identity, dimensions within the tolerance, a different hull number (a general cargo ship, like L2)
SISTER = 29

#: planted roles: the index in the fleet that plays each role (fixed so that lessons can be written)
ROLES = {
    "G1": 3, "G2": 7, "G3": 11, "G4": 15, "G5": 19,  # AIS gaps over 12 h near a zone
    "S1": 23,  # STS partner of G1
    "L1": 27, "B2": 30,  # STS-B pair; L1 is also identity-laundered
    "L2": 33,  # identity-laundered, owned by a front company
    "Z": 35,  # zombie: broadcasts a scrapped ship's identity
    "F": 37,  # false IMO (invalid check digit)
    "A1": 12, "A2": 21,  # innocent meeting at the Port Anselm anchorage
    "D1": 1, "D2": 5, "D3": 9, "D4": 17, "D5": 25, "D6": 31,  # routine short gaps (< 12 h)
    "OLD": 39,  # old, recently sold, detained
    "CREW": 14,  # DPRK crew on a non-DPRK flag
}


def ship_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(ROOTS).upper()} {rng.choice(SUFFIXES)}"
        if rng.random() < 0.25:
            name += f" {rng.randint(2, 9)}"
        if name not in used:
            used.add(name)
            return name


def callsign(rng: random.Random, used: set[str]) -> str:
    while True:
        cs = "XL" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)) + str(rng.randint(1, 9))
        if cs not in used:
            used.add(cs)
            return cs


def build_fleet(rng: random.Random, registry: dict, guard: NameGuard) -> dict:
    """Vessels (40 sailing + the scrapped and de-registered identities) and registry histories."""
    from .companies import address, company_name, phone, reg_number

    companies = registry["companies"]
    by_id = {c["company_id"]: c for c in companies}
    shipping = [c["company_id"] for c in companies
                if registry["kinds"].get(c["company_id"]) == "shipping"
                and c["company_id"] not in registry["planted"]["front_companies"]]
    fronts = registry["planted"]["front_companies"]
    front_shipowner = next(c for c in fronts if by_id[c]["jurisdiction"] == "Marshall Islands")

    used_imo: set[int] = set()
    used_mmsi: set[int] = set()
    used_names: set[str] = set()
    used_cs: set[str] = set()
    vessels: list[dict] = []
    history: list[dict] = []

    def single_ship_company(jur: str, inc: str) -> str:
        cid = f"C-{len(companies) + 1:04d}"
        companies.append({"company_id": cid, "name": company_name(rng, guard, "shipping", jur), "jurisdiction": jur,
                          "registration_number": reg_number(rng, jur),
                          "incorporated": inc, "status": "active", "address": address(rng, jur),
                          "phone": phone(rng, jur), "business_line": "shipping (single-ship owner)",
                          "fictional": True})
        registry["kinds"][cid] = "shipping"
        by_id[cid] = companies[-1]
        return cid

    for i in range(N_FLEET):
        stype, itu, (lmin, lmax), gtpm, dwtf = SHIP_TYPES[i % len(SHIP_TYPES)]
        length = rng.randint(lmin, lmax)
        beam = round(length * rng.uniform(0.14, 0.17))
        gt = int(length * gtpm * rng.uniform(0.8, 1.2))
        built = rng.randint(1998, 2019)
        flag = rng.choice(FLAGS[:6])
        owner, manager = rng.choice(shipping), rng.choice(shipping)
        v = {
            "imo": make_imo(rng, used_imo), "imo_valid": True, "name": ship_name(rng, used_names), "flag": flag,
            "mmsi": make_mmsi(rng, used_mmsi), "callsign": callsign(rng, used_cs), "ship_type": stype,
            "ship_type_code": itu, "gross_tonnage": gt, "deadweight": int(gt * dwtf), "build_year": built,
            "length_m": length, "beam_m": beam, "registered_owner": owner, "manager": manager,
            "status": "in service", "fictional": True, "index": i,
            "no_heading": i % 9 == 4,  # some transponders send no heading (511)
            # own random stream, so that the rest of the fleet stays as it was
            "shipyard": (yard := random.Random(f"yard:{i}")).choice(YARDS), "hull_number": 1000 + 37 * i + yard.randint(0, 30),  # unique
        }
        vessels.append(v)
        # ordinary history: built under one name, maybe renamed once years ago
        if rng.random() < 0.5:
            old_name = ship_name(rng, used_names)
            change = f"{rng.randint(max(built + 2, 2008), 2022)}-{rng.randint(1, 12):02d}-01"
            history.append(_period(v, f"{built}-06-01", change, old_name, rng.choice(FLAGS[:6]), rng.choice(shipping),
                                   rng.choice(shipping), make_mmsi(rng, used_mmsi), by_id))
            history.append(_period(v, change, None, v["name"], flag, owner, manager, v["mmsi"], by_id))
        else:
            history.append(_period(v, f"{built}-06-01", None, v["name"], flag, owner, manager, v["mmsi"], by_id))

    role = {k: vessels[i] for k, i in ROLES.items()}
    planted: dict = {}

    # ---- L1: identity-laundered hull (a new IMO number for an old hull) + flag hopping + STS-B
    def launder(v: dict, korean_name: str, hops: list[tuple[str, str, str]], final_owner: str) -> int:
        old = dict(v)
        old.update({"imo": make_imo(rng, used_imo), "name": korean_name, "flag": "DPRK",
                    "registered_owner": dprk_operator, "manager": dprk_operator,
                    "mmsi": make_mmsi(rng, used_mmsi), "callsign": callsign(rng, used_cs),
                    "status": "removed from register", "index": None})
        v["build_year"] = old["build_year"] = rng.randint(1992, 1999)
        # the old register measured the hull differently (length between perpendiculars, an older tonnage
        # measurement, rounding): the same hull never matches to the metre and the ton
        # (own random stream, so that the rest of the fleet stays as it was)
        remeasure = random.Random(f"remeasure:{korean_name}")
        old["length_m"] = v["length_m"] - remeasure.choice([4, 5, 6])
        old["beam_m"] = v["beam_m"] + remeasure.choice([0, 1])
        old["gross_tonnage"] = int(round(v["gross_tonnage"] * remeasure.uniform(0.96, 0.985)))
        vessels.append(old)
        history[:] = [h for h in history if h["imo"] != v["imo"]]
        history.append(_period(old, f"{old['build_year']}-03-01", "2024-04-30", korean_name, "DPRK",
                               old["registered_owner"], old["manager"], old["mmsi"], by_id))
        start = "2024-09-01"
        for j, (name, flag, until) in enumerate(hops):
            last = j == len(hops) - 1
            history.append(_period(v, start, None if last else until, name, flag,
                                   final_owner if last else v["registered_owner"], v["manager"],
                                   v["mmsi"] if last else make_mmsi(rng, used_mmsi), by_id,
                                   source="flag registry record (fictional)"))
            start = until
        v["name"], v["flag"], v["registered_owner"] = hops[-1][0], hops[-1][1], final_owner
        return old["imo"]

    # the hulls' former (fictional) DPRK operator, in the story an agent of the listed OMM (KPe.020)
    dprk_operator = single_ship_company("DPRK", "2011-03-01")
    by_id[dprk_operator]["business_line"] = "ship management"
    registry["company_links"].append({"source_id": dprk_operator, "relation": "agent_of", "target_id": "KPe.020",
                                      "share_pct": None, "start": "2012-01-01", "end": None, "fictional": True})
    planted["dprk_operator"] = dprk_operator

    l1, l2 = role["L1"], role["L2"]
    l1_owner = single_ship_company("Marshall Islands", "2025-01-15")
    old1 = launder(l1, KOREAN_STYLE[0], [
        (ship_name(rng, used_names), "Sierra Leone", "2025-02-10"),
        (ship_name(rng, used_names), "Togo", "2025-09-20"),
        (ship_name(rng, used_names), "Palau", "2026-04-02"),
        (l1["name"], "Comoros", ""),
    ], l1_owner)
    old2 = launder(l2, KOREAN_STYLE[1], [
        (ship_name(rng, used_names), "Mongolia", "2026-02-20"),
        (l2["name"], "Cameroon", ""),
    ], front_shipowner)
    planted["laundered_imos"] = [l1["imo"], l2["imo"]]
    planted["laundered_old_imos"] = [old1, old2]

    # ---- a sister ship of L2's old identity: same yard, design and year, another hull (a false lead)
    sister, old = vessels[SISTER], next(x for x in vessels if x["imo"] == old2)
    assert sister["ship_type"] == old["ship_type"]
    sister.update({"build_year": old["build_year"], "shipyard": old["shipyard"], "hull_number": old["hull_number"] + 1,
                   "length_m": old["length_m"] + 3, "beam_m": old["beam_m"],
                   "gross_tonnage": int(round(old["gross_tonnage"] * 1.02))})
    sister["deadweight"] = int(sister["gross_tonnage"] * SHIP_TYPES[SISTER % len(SHIP_TYPES)][4])
    first = min((h for h in history if h["imo"] == sister["imo"]), key=lambda h: h["valid_from"])
    first["valid_from"] = f"{sister['build_year']}-06-01"  # her registry life starts when she was built
    planted["sister_imo"] = sister["imo"]

    # ---- Z: a zombie - the hull broadcasts the identity of a scrapped ship
    scrapped = {k: v for k, v in role["Z"].items()}
    scrapped["hull_number"] = 1000 + 37 * N_FLEET + random.Random("yard:scrapped").randint(0, 30)  # another hull altogether
    scrapped.update({"imo": make_imo(rng, used_imo), "name": ship_name(rng, used_names), "mmsi": make_mmsi(rng, used_mmsi),
                     "callsign": callsign(rng, used_cs), "status": "scrapped", "build_year": 1993, "index": None,
                     "flag": "Panama"})
    vessels.append(scrapped)
    history.append(_period(scrapped, "1993-05-01", "2021-11-30", scrapped["name"], "Panama",
                           scrapped["registered_owner"], scrapped["manager"], scrapped["mmsi"], by_id,
                           note="broken up (demolition reported), 2021"))
    role["Z"]["broadcast_imo"] = scrapped["imo"]
    role["Z"]["broadcast_name"] = scrapped["name"]
    planted["zombie_imo"] = scrapped["imo"]

    # ---- F: a false IMO number (wrong check digit) in the registry record and in AIS
    f = role["F"]
    bad = break_check_digit(f["imo"])
    for h in history:
        if h["imo"] == f["imo"]:
            h["imo"] = bad
    f["imo"], f["imo_valid"] = bad, False
    planted["false_imo"] = bad

    # ---- G5 reappears after its gap under another name (same MMSI): AIS does not match the registry
    role["G5"]["alias_after_gap"] = ship_name(rng, used_names)

    # ---- OLD: old, recently sold ship
    o = role["OLD"]
    o["build_year"] = 1996
    new_owner = single_ship_company("Panama", "2026-07-01")
    for h in history:
        if h["imo"] == o["imo"] and h["valid_to"] is None:
            h["valid_to"] = "2026-08-14"
    history.append(_period(o, "2026-08-14", None, o["name"], o["flag"], new_owner, o["manager"], o["mmsi"], by_id))
    o["registered_owner"] = new_owner

    for v in vessels:
        v.setdefault("broadcast_imo", v["imo"])
        v.setdefault("broadcast_name", v["name"])
    return {"vessels": vessels, "history": history, "role": role, "planted": planted}


def _period(v, start, end, name, flag, owner, manager, mmsi, by_id, source="ship registry record (fictional)",
            note=None):
    return {"imo": v["imo"], "valid_from": start, "valid_to": end, "name": name, "flag": flag,
            "registered_owner": by_id[owner]["name"], "manager": by_id[manager]["name"], "mmsi": mmsi,
            "source": source if note is None else f"{source}; {note}", "fictional": True}
