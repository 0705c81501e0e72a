"""Customs data: manifests, containers, HS reference tables, transshipment legs, end-user certificates."""

from __future__ import annotations

import datetime as dt
import random

from .companies import NameGuard, address, company_name, phone, reg_number
from .ids import make_container
from .validate.customs import BOX, stowage_m3

#: (hs6, description, hs4 unit value key, packaging, kg per package range)
GOODS = [
    ("170114", "cane sugar, raw, in 50 kg bags", "bags", (50, 50)),
    ("100630", "milled rice, 25 kg bags", "bags", (25, 25)),
    ("847990", "industrial machinery and spare parts", "crates", (200, 1500)),
    ("843149", "spare parts for earth-moving machinery", "crates", (100, 900)),
    ("730890", "steel structures and parts", "bundles", (500, 2500)),
    ("870899", "motor vehicle parts", "cartons", (20, 120)),
    ("841370", "centrifugal pumps", "crates", (80, 600)),
    ("848180", "industrial valves", "crates", (40, 400)),
    ("610910", "cotton T-shirts", "cartons", (12, 25)),
    ("851713", "mobile phones", "cartons", (8, 15)),
    ("310210", "urea fertiliser, 50 kg bags", "bags", (50, 50)),
    ("401120", "tyres for buses and lorries", "pieces", (45, 70)),
    ("940171", "upholstered seats with metal frames", "cartons", (15, 40)),
    ("720839", "hot-rolled steel coils", "coils", (8000, 15000)),
    ("854449", "insulated electric cable", "drums", (200, 900)),
    ("392690", "plastic household articles", "cartons", (5, 20)),
    ("847130", "laptop computers", "cartons", (6, 12)),
    ("030389", "frozen fish", "cartons", (20, 25)),
    ("090111", "green coffee beans, 60 kg bags", "bags", (60, 60)),
    ("691110", "porcelain tableware", "cartons", (10, 25)),
]

#: invented reference unit values, USD per kg (low, typical, high), by HS heading
UNIT_VALUES = {
    "1701": ("Cane or beet sugar", 0.35, 0.55, 0.9), "1006": ("Rice", 0.4, 0.65, 1.2),
    "8479": ("Machines with individual functions, n.e.s.", 6.0, 18.0, 60.0),
    "8431": ("Parts of machinery of headings 84.25 to 84.30", 3.0, 9.0, 30.0),
    "7308": ("Structures and parts of structures, of iron or steel", 1.0, 1.8, 3.5),
    "8708": ("Parts and accessories of motor vehicles", 4.0, 10.0, 30.0), "8413": ("Pumps for liquids", 6.0, 15.0, 45.0),
    "8481": ("Taps, cocks, valves", 8.0, 20.0, 70.0), "6109": ("T-shirts, knitted", 7.0, 14.0, 30.0),
    "8517": ("Telephone sets", 60.0, 180.0, 450.0), "3102": ("Mineral nitrogenous fertilisers", 0.2, 0.35, 0.6),
    "4011": ("New pneumatic tyres, of rubber", 2.0, 3.5, 7.0), "9401": ("Seats", 3.0, 7.0, 18.0),
    "7208": ("Flat-rolled iron or non-alloy steel, hot-rolled", 0.45, 0.7, 1.1),
    "8544": ("Insulated wire and cable", 4.0, 9.0, 25.0), "3926": ("Other articles of plastics", 2.5, 5.0, 12.0),
    "8471": ("Automatic data-processing machines", 50.0, 160.0, 400.0), "0303": ("Fish, frozen", 1.2, 2.8, 7.0),
    "0901": ("Coffee", 2.5, 4.5, 9.0), "6911": ("Porcelain tableware", 2.0, 4.0, 10.0),
    "9306": ("Munitions of war, ammunition and projectiles", 15.0, 45.0, 200.0),
    "8710": ("Tanks and other armoured fighting vehicles, and parts", 20.0, 60.0, 250.0),
    "9303": ("Other firearms (sporting shotguns and rifles)", 60.0, 150.0, 500.0),
    "8458": ("Lathes for removing metal", 15.0, 35.0, 120.0),
}

#: HS nomenclature of concern (descriptions abridged from the Harmonized System); indicator codes from indicators.yaml
HS_OF_CONCERN = [
    ("93", "chapter", "Arms and ammunition; parts and accessories thereof", "arms",
     "The arms embargo covers all arms and related materiel; chapter 93 is where arms are classified.", "CUS-11"),
    ("9301", "heading", "Military weapons, other than revolvers, pistols and the arms of heading 93.07", "arms",
     "Military weapons are at the core of the embargo.", "CUS-11"),
    ("9303", "heading", "Other firearms and similar devices which operate by the firing of an explosive charge "
     "(e.g. sporting shotguns and rifles)", "arms", "Small arms and light weapons are covered since 2016.", "CUS-11"),
    ("9305", "heading", "Parts and accessories of articles of headings 93.01 to 93.04", "arms",
     "Parts and accessories of arms are related materiel.", "CUS-11"),
    ("9306", "heading", "Bombs, grenades, torpedoes, mines, missiles and similar munitions of war; cartridges and "
     "other ammunition and projectiles, and parts thereof", "arms", "Ammunition and munitions are arms-related "
     "materiel; 'sugar' over munitions hid a shipment before.", "CUS-11"),
    ("8710", "heading", "Tanks and other armoured fighting vehicles, motorised, whether or not fitted with weapons, "
     "and parts of such vehicles", "arms", "Armoured vehicles and their parts are arms; tank parts were shipped "
     "as 'bulldozer parts'.", "CUS-11"),
    ("8802", "heading", "Other aircraft (for example, helicopters, aeroplanes); spacecraft and suborbital and "
     "spacecraft launch vehicles", "arms", "Aircraft may be combat aircraft or their parts; check the end use.",
     "CUS-11"),
    ("8906", "heading", "Other vessels, including warships and lifeboats other than rowing boats", "arms",
     "Subheading 8906.10 covers warships; naval craft are a DPRK arms line.", "CUS-11"),
    ("3601", "heading", "Propellent powders", "arms",
     "Propellants are munitions material; chapter 36, not 93, classifies them (a chapter-93 screen misses them).",
     "CUS-11"),
    ("3602", "heading", "Prepared explosives, other than propellent powders", "arms",
     "Explosives are classified in chapter 36, outside chapter 93.", "CUS-11"),
    ("3603", "heading", "Safety fuses; detonating cords; percussion or detonating caps; igniters; electric detonators",
     "arms", "Detonators and fuses are arms-related materiel classified outside chapter 93.", "CUS-11"),
    ("3604", "heading", "Fireworks, signalling flares, rain rockets, fog signals and other pyrotechnic articles",
     "dual-use", "Military pyrotechnics and flares can sit here; check the end user.", "CUS-09"),
    ("9013", "heading", "Lasers, other than laser diodes; other optical appliances and instruments (incl. "
     "telescopic sights for fitting to arms, 9013.10)", "arms",
     "Sights presented apart from the weapon are classified in 90.13, not chapter 93 (the Durban sights).",
     "CUS-11"),
    ("851762", "subheading", "Machines for the reception, conversion and transmission or regeneration of voice, "
     "images or other data (communication apparatus)", "dual-use",
     "Military radios fall under 85.17 or 85.25, outside chapter 93; check the end user.", "CUS-09"),
    ("852560", "subheading", "Transmission apparatus incorporating reception apparatus (transceivers)", "dual-use",
     "Military transceivers are classified in 85.25, outside chapter 93; check the end user.", "CUS-09"),
    ("8806", "heading", "Unmanned aircraft", "arms",
     "HS 2022 moved drones to 88.06; military drones are arms, others dual-use.", "CUS-11"),
    ("8807", "heading", "Parts of goods of heading 88.01, 88.02 or 88.06", "arms",
     "Parts of combat aircraft and drones are related materiel.", "CUS-11"),
    ("8458", "heading", "Lathes (including turning centres) for removing metal", "dual-use",
     "CNC machine tools can make missile and arms parts; catch-all controls apply.", "CUS-09"),
    ("8526", "heading", "Radar apparatus, radio navigational aid apparatus and radio remote control apparatus",
     "dual-use", "Radar and radio guidance can be military; check the end user.", "CUS-09"),
    ("8703", "heading", "Motor cars and other motor vehicles principally designed for the transport of persons",
     "luxury", "Luxury vehicles to the DPRK are banned.", "CUS-14"),
    ("7113", "heading", "Articles of jewellery and parts thereof, of precious metal", "luxury",
     "Jewellery is a luxury good banned for the DPRK.", "CUS-14"),
    ("2701", "heading", "Coal; briquettes, ovoids and similar solid fuels manufactured from coal", "banned-export",
     "DPRK coal exports are banned; a false origin hides them.", "CUS-15"),
    ("2601", "heading", "Iron ores and concentrates", "banned-export",
     "DPRK iron and iron-ore exports are banned.", "CUS-15"),
    ("0303", "heading", "Fish, frozen (excluding fillets)", "banned-export",
     "DPRK seafood exports are banned; only the origin makes frozen fish a concern.", "CUS-15"),
]

LOAD_PORTS = ["Dalian", "Qingdao", "Tianjin", "Ningbo", "Shanghai", "Busan", "Incheon", "Lianyungang", "Yantai",
              "Singapore", "Port Klang", "Hong Kong", "Jebel Ali", "Kaohsiung"]
#: the country each port of loading stands in (the declared origin of ordinary goods)
PORT_COUNTRY = {"Dalian": "China", "Qingdao": "China", "Tianjin": "China", "Ningbo": "China", "Shanghai": "China",
                "Lianyungang": "China", "Yantai": "China", "Busan": "Republic of Korea", "Incheon": "Republic of Korea",
                "Singapore": "Singapore", "Port Klang": "Malaysia", "Hong Kong": "China", "Jebel Ali":
                "United Arab Emirates", "Kaohsiung": "Chinese Taipei", "Nampo": "DPRK", "Nakhodka": "Russian Federation"}
HUBS = ["Singapore", "Port Klang", "Hong Kong", "Busan", "Kaohsiung", "Jebel Ali"]
ISO_TYPES = [("22G1", 2200, 30480), ("45G1", 3900, 32500), ("42G1", 3750, 32500)]
#: what a line may weigh and take up at most, so that it fits the smallest box (ISO 668 ratings above)
LINE_MAX_KG = 21000.0
#: share of boxes whose VGM the shipper computed (SOLAS VI/2 method 2: contents + tare) rather than weighed
METHOD_2_SHARE = 0.7


#: days at sea between the ports of the transit legs (great-circle distance x 1.2 for routing, at about 15 kn)
SAIL_DAYS = {("Busan", "Port Anselm"): 2, ("Incheon", "Port Anselm"): 2, ("Kaohsiung", "Port Anselm"): 2,
             ("Singapore", "Port Anselm"): 6, ("Port Anselm", "Port Klang"): 7, ("Port Anselm", "Jebel Ali"): 15,
             ("Port Anselm", "Nakhodka"): 3, ("Nampo", "Port Anselm"): 3}


def _sail(legs: list[dict], bl: str) -> None:
    """Give the legs of one bill of lading the sailing times of :data:`SAIL_DAYS` (two days in port between)."""
    day = None
    for leg in (x for x in legs if x["bl_number"] == bl):
        day = day or leg["departed"]
        leg["departed"] = day
        leg["arrived"] = day + dt.timedelta(days=SAIL_DAYS[(leg["port_from"], leg["port_to"])])
        day = leg["arrived"] + dt.timedelta(days=2)


def build_customs(rng: random.Random, registry: dict, fleet: dict, guard: NameGuard) -> dict:
    companies = registry["companies"]
    by_id = {c["company_id"]: c for c in companies}
    kinds = registry["kinds"]
    fronts = registry["planted"]["front_companies"]
    dprk_op = fleet["planted"]["dprk_operator"]

    def new_company(jur, sector):
        cid = f"C-{len(companies) + 1:04d}"
        companies.append({"company_id": cid, "name": company_name(rng, guard, sector, jur), "jurisdiction": jur,
                          "registration_number": reg_number(rng, jur),
                          "incorporated": f"{rng.randint(1995, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                          "status": "active", "address": address(rng, jur), "phone": phone(rng, jur),
                          "business_line": sector, "fictional": True})
        kinds[cid] = sector
        by_id[cid] = companies[-1]
        return cid

    foreign = [c["company_id"] for c in companies if c["jurisdiction"] not in ("Lumeria", "DPRK")
               and kinds.get(c["company_id"]) in ("trading", "industry", "logistics", "food")
               and c["company_id"] not in fronts and c["company_id"] not in registry["planted"]["lookalikes"]]
    for jur in ["China"] * 10 + ["Republic of Korea"] * 4 + ["Japan"] * 3:
        foreign.append(new_company(jur, rng.choice(["trading", "industry", "food"])))
    local = [c["company_id"] for c in companies if c["jurisdiction"] == "Lumeria"
             and kinds.get(c["company_id"]) in ("trading", "industry", "food", "logistics")
             and c["company_id"] not in fronts and c["company_id"] not in registry["planted"]["lookalikes"]]
    forwarders = [c for c in local if kinds[c] == "logistics"]
    name = lambda cid: by_id[cid]["name"]  # noqa: E731

    carriers = [v for v in fleet["vessels"] if v["index"] is not None and v["ship_type"] in ("container ship", "general cargo")]
    used_c: set[str] = set()
    manifests, containers, legs, eucs = [], [], [], []
    flags: list[str] = []
    owners = ["LMRU", "TVLU", "KSTU", "ORLU", "VSHU"]

    def add_container(box_type: tuple, cargo_kg: float, extra_kg: float = 0.0, weighed_at: str = "") -> str:
        iso, tare, maxg = box_type
        cid = make_container(rng, rng.choice(owners)[:3], used_c)
        # method 1 weighs the packed box (a weighbridge sees hidden mass); method 2 adds up the declared
        # contents and the tare, so it repeats the shipper's own figures
        method = 1 if extra_kg or rng.random() > METHOD_2_SHARE else 2
        vgm = tare + cargo_kg * (rng.uniform(0.985, 1.015) if method == 1 else 1.0) + extra_kg
        containers.append({"container_id": cid, "iso_type": iso, "tare_kg": tare, "max_gross_kg": maxg,
                           "vgm_kg": int(round(vgm / 10.0) * 10), "vgm_method": method,
                           "seal": f"SL{rng.randint(1000000, 9999999)}", "weighed_at": weighed_at,
                           "fictional": True})
        return cid

    def add_bl(n: int, *, lines: list[dict], shipper: str, consignee: str, notify: str, pol: str,
               pod: str = "Port Anselm", hubs: list[str] | None = None, date: dt.date | None = None,
               extra_kg: float = 0.0, change_container: bool = False, box_type: tuple | None = None,
               origin: str | None = None, from_port: str | None = None) -> str:
        bl = f"BL-{pol[:3].upper()}-{26000 + n:05d}"
        date = date or (dt.date(2026, 7, 1) + dt.timedelta(days=rng.randint(0, 90)))
        vessel = rng.choice(carriers)
        voyage = f"{rng.choice('NSEW')}{rng.randint(100, 999)}"
        # containers: fill each box up to 90 % of its payload and 95 % of its volume
        cids, cur = [], None
        for ln in lines:
            if cur is not None:
                spare_kg = 0.9 * (cur["type"][2] - cur["type"][1]) - cur["kg"] - (extra_kg if len(cids) == 1 else 0)
                spare_m3 = 0.95 * BOX[cur["type"][0][:2]]["m3"] - cur["m3"]
            if cur is None or ln["gross_weight_kg"] > spare_kg or stowage_m3(ln) > spare_m3:
                cur = {"lines": [], "kg": 0.0, "m3": 0.0, "type": box_type or rng.choice(ISO_TYPES)}
                cids.append(cur)
            cur["lines"].append(ln)
            cur["kg"] += ln["gross_weight_kg"]
            cur["m3"] += stowage_m3(ln)
        for j, c in enumerate(cids):
            c["id"] = add_container(c["type"], c["kg"], extra_kg if j == 0 else 0.0, weighed_at=pol)
        hubs = hubs or []
        for i, ln in enumerate(lines, start=1):
            cont = next(c["id"] for c in cids if ln in c["lines"])
            manifests.append({"bl_number": bl, "line": i, "shipper": shipper, "consignee": consignee,
                              "country_of_origin": origin or PORT_COUNTRY.get(pol, ""),
                              "notify_party": notify, "container_id": cont, "port_of_loading": pol,
                              "transshipment_ports": list(hubs), "port_of_discharge": pod,
                              "vessel_imo": vessel["imo"], "voyage": voyage, "date": date, "fictional": True,
                              "net_weight_kg": round(ln["gross_weight_kg"] * 0.9, 1), **ln})
        # a leg before the port of loading (from_port) is in the carriers' records, not on the B/L
        stops = ([from_port] if from_port else []) + [pol] + hubs + [pod]
        day = date
        first = cids[0]["id"]
        first_kg = cids[0]["kg"]  # the re-stuffed box carries what the first box carried
        for k, (a, b) in enumerate(zip(stops, stops[1:]), start=1):
            arrive = day + dt.timedelta(days=rng.randint(2, 6))
            cont = first
            if change_container and k > 1:
                cont = make_container(rng, rng.choice(owners)[:3], used_c)
                iso, tare, maxg = rng.choice(ISO_TYPES)
                containers.append({"container_id": cont, "iso_type": iso, "tare_kg": tare, "max_gross_kg": maxg,
                                   "vgm_kg": int(round((tare + first_kg * rng.uniform(0.985, 1.015)) / 10) * 10),
                                   "vgm_method": 1, "seal": f"SL{rng.randint(1000000, 9999999)}", "weighed_at": a,
                                   "fictional": True})
            legs.append({"bl_number": bl, "leg": k, "port_from": a, "port_to": b,
                         "vessel_imo": vessel["imo"] if k == len(stops) - 1 else rng.choice(carriers)["imo"],
                         "voyage": voyage if k == len(stops) - 1 else f"T{rng.randint(100, 999)}",
                         "departed": day, "arrived": arrive, "container_id": cont, "fictional": True})
            day = arrive + dt.timedelta(days=rng.randint(1, 4))
        return bl

    def line(hs6=None, desc=None, value_factor=1.0, kg=None):
        g = next(x for x in GOODS if x[0] == hs6) if hs6 and any(x[0] == hs6 for x in GOODS) else rng.choice(GOODS)
        hs = hs6 or g[0]
        lo, hi = g[3]
        per = rng.uniform(lo, hi)
        packages = rng.randint(10, 400) if per < 100 else rng.randint(1, 20)
        # a line must fit one box by mass and by volume (a 20-ft box: ~28 t payload, 33 m3)
        probe = {"hs_code": hs, "gross_weight_kg": per}
        packages = max(1, min(packages, int(LINE_MAX_KG // per), int(0.9 * BOX["22"]["m3"] // stowage_m3(probe))))
        gross = kg or round(packages * per, 1)
        # bags, cartons and crates weigh something: net mass is what unit-value profiles are built on
        net = gross * (0.995 if g[2] == "bags" else rng.uniform(0.82, 0.93) if g[2] in ("crates", "cartons") else 0.98)
        uv = UNIT_VALUES[g[0][:4]]
        value = net * rng.uniform(uv[2] * 0.6, uv[2] * 1.5) * value_factor  # around the *typical* value
        return {"hs_code": hs, "description": desc or g[1], "packages": packages, "package_type": g[2],
                "gross_weight_kg": round(gross, 1), "net_weight_kg": round(net, 1),
                "declared_value_usd": round(value, 2)}

    # ---- ordinary traffic
    n = 0
    ordinary = 0
    while len(manifests) < 2860:
        n += 1
        k = rng.choice([1, 1, 2, 3, 3, 4, 5, 6])
        shipper, consignee = rng.choice(foreign), rng.choice(local)
        hubs = [rng.choice(HUBS)] if rng.random() < 0.18 else []
        pol = rng.choice(LOAD_PORTS)
        if hubs and hubs[0] == pol:
            hubs = []
        add_bl(n, lines=[line() for _ in range(k)], shipper=name(shipper), consignee=name(consignee),
               notify=name(rng.choice(forwarders)) if rng.random() < 0.6 else name(consignee), pol=pol, hubs=hubs)
        ordinary += 1

    def planted_bl(kind_list, **kw):
        nonlocal n
        n += 1
        bl = add_bl(n, **kw)
        flags.extend(f"{bl}:{k}" for k in kind_list)
        return bl

    lum = lambda sector: name(rng.choice([c for c in local if kinds[c] == sector]))  # noqa: E731
    hk_front, hk_front2, lum_front, lum_front2, mh_front, my_front = fronts
    # HS codes of concern
    euc_plan = []
    b = planted_bl(["hs_concern"], lines=[{"hs_code": "930690", "description": "artillery ammunition, 122 mm",
                                           "packages": 240, "package_type": "crates", "gross_weight_kg": 14400.0,
                                           "declared_value_usd": 410000.0}],
                   shipper=name(dprk_op), consignee=name(new_company("United Arab Emirates", "trading")),
                   notify=name(hk_front), pol="Nampo", pod="Jebel Ali", hubs=["Port Anselm"])
    _sail(legs, b)
    b = planted_bl(["hs_concern", "euc"], lines=[{"hs_code": "871000", "description": "parts for armoured vehicles "
                                                  "(track links, road wheels)", "packages": 36, "package_type": "crates",
                                                  "gross_weight_kg": 9800.0, "declared_value_usd": 520000.0}],
                   shipper=name(hk_front2), consignee=lum("industry"), notify=name(lum_front), pol="Hong Kong")
    euc_plan.append((b, "missing"))
    b = planted_bl(["hs_concern", "euc"], lines=[{"hs_code": "880240", "description": "used transport aircraft, "
                                                  "dismantled, with spare engines", "packages": 12,
                                                  "package_type": "crates", "gross_weight_kg": 21000.0,
                                                  "declared_value_usd": 2300000.0}],
                   shipper=name(rng.choice(foreign)), consignee="Lumerian Air Force Materiel Command (fictional)",
                   notify="Lumerian Air Force Materiel Command (fictional)", pol="Singapore")
    euc_plan.append((b, "expired"))
    b = planted_bl(["hs_concern", "euc"], lines=[{"hs_code": "890610", "description": "patrol boat hull, 11 m, "
                                                  "unarmed, on cradle", "packages": 1, "package_type": "hull",
                                                  "gross_weight_kg": 7800.0, "declared_value_usd": 1450000.0}],
                   shipper=name(my_front), consignee=lum("industry"), notify=lum("logistics"), pol="Port Klang",
                   box_type=ISO_TYPES[1])
    euc_plan.append((b, "other_end_user"))
    b = planted_bl(["hs_concern", "euc"], lines=[{"hs_code": "930320", "description": "sporting shotguns, 12 gauge",
                                           "packages": 20, "package_type": "cartons", "gross_weight_kg": 410.0,
                                           "declared_value_usd": 64000.0}],
                   shipper=name(rng.choice(foreign)), consignee=lum("trading"), notify=lum("trading"), pol="Busan")
    euc_plan.append((b, "quantity"))
    b = planted_bl(["hs_concern"], lines=[{"hs_code": "930190", "description": "military rifles, 5.56 mm",
                                           "packages": 40, "package_type": "crates", "gross_weight_kg": 1600.0,
                                           "declared_value_usd": 380000.0}],
                   shipper=name(rng.choice(foreign)), consignee="Lumerian Armed Forces Logistics Command (fictional)",
                   notify="Lumerian Armed Forces Logistics Command (fictional)", pol="Incheon")
    euc_plan.append((b, "valid"))
    b = planted_bl(["hs_concern", "euc"], lines=[{"hs_code": "845891", "description": "CNC turning centre, "
                                                  "5-axis, with controller", "packages": 2, "package_type": "crates",
                                                  "gross_weight_kg": 7400.0, "declared_value_usd": 390000.0}],
                   shipper=name(rng.choice(foreign)), consignee="Vell Institute of Applied Mechanics (fictional)",
                   notify=lum("logistics"), pol="Kaohsiung")
    euc_plan.append((b, "after_shipment"))
    # concealment: a harmless code *and* a harmless description; the parties, the weight or the route give it away
    planted_bl(["concealment"], lines=[line("170114", desc="cane sugar, raw, in 50 kg bags"),
                                       {"hs_code": "170114", "description": "cane sugar, raw, in 50 kg bags",
                                        "packages": 200, "package_type": "bags", "gross_weight_kg": 10000.0,
                                        "net_weight_kg": 9950.0, "declared_value_usd": 5400.0}],
               shipper=name(hk_front), consignee=lum("food"), notify=name(lum_front2), pol="Dalian",
               extra_kg=7400.0)
    planted_bl(["concealment"], lines=[{"hs_code": "843149", "description": "spare parts for earth-moving "
                                        "machinery (bulldozer)", "packages": 28, "package_type": "crates",
                                        "gross_weight_kg": 11200.0, "net_weight_kg": 9900.0,
                                        "declared_value_usd": 98000.0}],
               shipper=name(hk_front2), consignee=name(lum_front), notify=name(lum_front), pol="Tianjin",
               hubs=["Hong Kong"], extra_kg=5200.0)
    planted_bl(["concealment"], lines=[{"hs_code": "841370", "description": "centrifugal pump parts",
                                        "packages": 16, "package_type": "crates", "gross_weight_kg": 3900.0,
                                        "net_weight_kg": 3400.0, "declared_value_usd": 61000.0}],
               shipper=name(my_front), consignee=lum("industry"), notify=lum("logistics"), pol="Port Klang",
               extra_kg=6100.0)
    # false origin: DPRK anthracite declared Russian, loaded at Nakhodka after a leg from Nampo
    planted_bl(["false_origin"], lines=[{"hs_code": "270111", "description": "anthracite coal, in jumbo bags",
                                         "packages": 20, "package_type": "bags", "gross_weight_kg": 20400.0,
                                         "net_weight_kg": 20000.0, "declared_value_usd": 2900.0}],
               shipper=name(hk_front), consignee=lum("industry"), notify=name(lum_front2), pol="Nakhodka",
               origin="Russian Federation", from_port="Nampo")
    # a clerical slip, not concealment: fishing rods (95.07) keyed under sporting shotguns (93.03)
    planted_bl(["description_mismatch", "hs_concern"], lines=[{"hs_code": "930320", "description": "fishing rods, "
                                                               "carbon fibre", "packages": 60, "package_type": "cartons",
                                                               "gross_weight_kg": 540.0, "net_weight_kg": 470.0,
                                                               "declared_value_usd": 7300.0}],
               shipper=name(rng.choice(foreign)), consignee=lum("trading"), notify=lum("trading"), pol="Busan")
    # listed parties (names and aliases exactly as, or close to, the list extract)
    planted_bl(["listed_party"], lines=[line("843149")], shipper="CHANGGWANG SINYONG CORPORATION",
               consignee=lum("industry"), notify=lum("logistics"), pol="Dalian")
    planted_bl(["listed_party"], lines=[line("847990")], shipper=name(hk_front), consignee=lum("trading"),
               notify="Green Pine Associated Corp.", pol="Hong Kong")
    planted_bl(["listed_party"], lines=[line("848180"), line("841370")], shipper=name(rng.choice(foreign)),
               consignee="KOMID", notify=lum("logistics"), pol="Shanghai", pod="Port Anselm")
    planted_bl(["listed_party"], lines=[line("730890")], shipper="Ocean Maritime Mgmt Co Ltd",
               consignee=lum("industry"), notify=lum("industry"), pol="Yantai")
    def fit(ln: dict, max_kg: float) -> dict:
        """The line cut to at most ``max_kg`` (whole packages), value and net mass in proportion."""
        per = ln["gross_weight_kg"] / ln["packages"]
        keep = max(1, min(ln["packages"], int(max_kg // per)))
        f = keep / ln["packages"]
        return dict(ln, packages=keep, gross_weight_kg=round(ln["gross_weight_kg"] * f, 1),
                    net_weight_kg=round(ln["net_weight_kg"] * f, 1),
                    declared_value_usd=round(ln["declared_value_usd"] * f, 2))

    # weights: the container weighs more than the declared cargo (a weighbridge, method 1, shows it)
    for extra in (8200.0, 11500.0, 6400.0, 9300.0):
        room = (24000.0 - extra) / 2  # the hidden mass and the declared cargo stay within the box's rating
        planted_bl(["weight"], lines=[fit(line("170114"), room), fit(line("100630"), room)] if extra > 9000
                   else [fit(line("847990"), room * 2)],
                   shipper=name(rng.choice(foreign)), consignee=lum(rng.choice(["food", "trading"])),
                   notify=lum("logistics"), pol=rng.choice(LOAD_PORTS[:9]), extra_kg=extra)
    # unit values far outside the reference range
    planted_bl(["unit_value"], lines=[line("847990", value_factor=0.04)], shipper=name(lum_front2),
               consignee=lum("industry"), notify=lum("logistics"), pol="Qingdao")
    planted_bl(["unit_value"], lines=[line("100630", value_factor=40.0)], shipper=name(rng.choice(foreign)),
               consignee=name(lum_front2), notify=name(lum_front2), pol="Ningbo")
    planted_bl(["unit_value"], lines=[line("851713", value_factor=0.05)], shipper=name(hk_front),
               consignee=lum("trading"), notify=lum("trading"), pol="Hong Kong")
    planted_bl(["unit_value"], lines=[line("841370", value_factor=0.06)], shipper=name(rng.choice(foreign)),
               consignee=name(lum_front), notify=name(lum_front), pol="Lianyungang")
    # routes: two or more transshipment hubs with container changes
    for hubs in (["Hong Kong", "Port Klang"], ["Kaohsiung", "Singapore", "Port Klang"], ["Busan", "Hong Kong"]):
        planted_bl(["transshipment"], lines=[line("847990"), line("854449")], shipper=name(rng.choice(foreign)),
                   consignee=name(rng.choice([lum_front, lum_front2])), notify=lum("logistics"),
                   pol=rng.choice(["Dalian", "Tianjin", "Yantai"]), hubs=hubs, change_container=True)

    # end-user certificates
    for i, (bl, kind) in enumerate(euc_plan, start=1):
        if kind == "missing":
            continue
        ln = next(m for m in manifests if m["bl_number"] == bl)
        shipped = ln["date"]
        issued = shipped - dt.timedelta(days=rng.randint(20, 60))
        valid = issued + dt.timedelta(days=365)
        end_user = ln["consignee"]
        if kind == "expired":
            issued = shipped - dt.timedelta(days=500)
            valid = issued + dt.timedelta(days=365)
        elif kind == "after_shipment":
            issued = shipped + dt.timedelta(days=9)
            valid = issued + dt.timedelta(days=365)
        elif kind == "other_end_user":
            end_user = "Lumerian Coast Guard (fictional)"
        quantity, items, hs = ln["packages"], ln["description"], ln["hs_code"]
        if kind == "quantity":  # the certificate covers fewer items than the B/L carries
            quantity = ln["packages"] * 3 // 5
        eucs.append({"euc_id": f"EUC-XL-2026-{100 + i:04d}", "bl_number": bl, "end_user": end_user,
                     "end_user_country": "Lumeria", "issuing_authority":
                     "Strategic Trade Licensing Office, Ministry of Trade and Industry, Lumeria (fictional)",
                     "items": items, "hs_code": hs, "quantity": quantity, "issued": issued, "valid_until": valid, "signatory": rng.choice(["Ines Marrow", "Corin Vale"]),
                     "fictional": True})
    # a few ordinary certificates for dual-use goods that are in order
    for m in [m for m in manifests if m["hs_code"] in ("848180", "841370")][:6]:
        eucs.append({"euc_id": f"EUC-XL-2026-{200 + len(eucs):04d}", "bl_number": m["bl_number"],
                     "end_user": m["consignee"], "end_user_country": "Lumeria",
                     "issuing_authority": "Strategic Trade Licensing Office, Ministry of Trade and Industry, "
                     "Lumeria (fictional)", "items": m["description"], "hs_code": m["hs_code"],
                     "quantity": m["packages"], "issued": m["date"] - dt.timedelta(days=30),
                     "valid_until": m["date"] + dt.timedelta(days=335), "signatory": "Corin Vale", "fictional": True})

    # transit: controlled goods on a through bill of lading that only pass through Port Anselm, each with the
    # certificate of the *final* destination's authority. Planted last, so nothing drawn before them moves.
    # (kind, goods line, port of loading, port of discharge, the certificate's country, what the certificate
    # says instead of the shipment)
    transit_plan = [
        ("in-order", {"hs_code": "930320", "description": "sporting shotguns, 12 gauge", "packages": 60,
                      "package_type": "cartons", "gross_weight_kg": 1240.0, "declared_value_usd": 192000.0},
         "Busan", "Jebel Ali", "United Arab Emirates", {}),
        ("other-items", {"hs_code": "871000", "description": "parts for armoured vehicles (road wheels, track "
                         "links)", "packages": 30, "package_type": "crates", "gross_weight_kg": 8200.0,
                         "declared_value_usd": 430000.0},
         "Singapore", "Port Klang", "Malaysia", {"quantity": 18}),
        ("other-items", {"hs_code": "930190", "description": "military rifles, 7.62 mm", "packages": 50,
                         "package_type": "crates", "gross_weight_kg": 2000.0, "declared_value_usd": 470000.0},
         "Incheon", "Jebel Ali", "United Arab Emirates",
         {"hs_code": "930320", "items": "sporting shotguns, 12 gauge"}),
        ("other-destination", {"hs_code": "930690", "description": "artillery ammunition, 105 mm", "packages": 160,
                               "package_type": "crates", "gross_weight_kg": 9600.0, "declared_value_usd": 270000.0},
         "Kaohsiung", "Nakhodka", "Singapore", {}),
    ]
    country_of = dict(PORT_COUNTRY, **{"Port Anselm": "Lumeria"})
    for kind, goods, pol, pod, cert_country, differs in transit_plan:
        # an existing company of that country (a new one would shift the finance data, drawn from the same list)
        consignee = rng.choice([c for c in foreign if by_id[c]["jurisdiction"] == cert_country])
        bl = planted_bl(["hs_concern", "euc_transit", f"euc_transit_{kind}"], lines=[goods],
                        shipper=name(rng.choice(foreign)),
                        consignee=name(consignee), notify=name(consignee), pol=pol, pod=pod, hubs=["Port Anselm"])
        _sail(legs, bl)
        ln = next(m for m in manifests if m["bl_number"] == bl)
        issued = ln["date"] - dt.timedelta(days=rng.randint(20, 60))
        eucs.append({"euc_id": f"EUC-T-2026-{len(eucs):04d}", "bl_number": bl, "end_user": ln["consignee"],
                     "end_user_country": cert_country, "issuing_authority":
                     # a real state is a place here, never an issuer: no real authority issued these certificates
                     "arms-transfer licensing authority of the destination state (fictional certificate)",
                     "items": differs.get("items", ln["description"]),
                     "hs_code": differs.get("hs_code", ln["hs_code"]),
                     "quantity": differs.get("quantity", ln["packages"]), "issued": issued,
                     "valid_until": issued + dt.timedelta(days=365), "signatory": "(fictional)", "fictional": True})
        assert country_of.get(pod) != "DPRK" and pol in country_of

    manifests.sort(key=lambda m: (m["date"], m["bl_number"], m["line"]))
    legs.sort(key=lambda x: (x["bl_number"], x["leg"]))
    containers.sort(key=lambda c: c["container_id"])
    tables = {
        "manifests": manifests, "containers": containers, "shipment_legs": legs, "end_user_certificates": eucs,
        "hs_of_concern": [dict(zip(["hs", "level", "description", "category", "why", "indicator"], h))
                          for h in HS_OF_CONCERN],
        "unit_values": [{"hs4": k, "description": v[0], "usd_per_kg_low": v[1], "usd_per_kg_typical": v[2],
                         "usd_per_kg_high": v[3], "fictional": True} for k, v in sorted(UNIT_VALUES.items())],
    }
    return {"tables": tables, "planted": {"manifest_flags": flags}}
