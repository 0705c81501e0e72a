"""The capstone thread, built ON TOP of the generated world (issue 11).

``build(world_dir, out_dir, seed)`` reads the world's CSV files and its salted ground truth, finds the story's
actors in them, and writes the capstone's own files into ``out_dir`` (normally
``embargo_kit/data/world/capstone/``):

- ``scenario.json``   the vessel (a planted vessel with an AIS gap that ends at a ship-to-ship meeting and a
                      pre-arrival notice for Port Anselm), its meeting partner, the notice ID, the AIS window of
                      the story, the Lumerian bank, and the clock of the exercise;
- ``bills_of_lading.csv``  the voyage's bills of lading (manifest columns), new fictional rows whose vessel IMO is
                      the capstone vessel and whose parties are companies of the world registry;
- ``containers.csv``  the containers of those bills (VGM and tare, as declared before loading);
- ``invoices.csv``    the commercial invoices behind the bills (one per bill);
- ``payments.csv``    the payments for the cargo (pacs.008 columns of the world plus ``status``), between the
                      world's own accounts of the buyer and seller at the world's banks;
- ``injects.json``    the phases: clock times, what each role receives, each role's decision and its options.

Nothing here says which option is right: the answer keys are salted hashes in ``embargo_kit/checks/capstone_*``.
Every row is invented (``fictional = True``); the story's wrongdoers are the world's planted front companies,
which are invented too. Deterministic: the same world and seed give the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from pathlib import Path

FILES = ("scenario.json", "bills_of_lading.csv", "containers.csv", "invoices.csv", "payments.csv", "injects.json")

#: the suspect bill's stated port and date of loading: a port her notice declares no call at after mid-September,
#: on a day inside her AIS silence. Reaching it and getting back to where she reappeared needs a fast passage
#: (the tests compute the speed from the track): an inconsistency to check with the carrier, not a proof.
SUSPECT_PORT, SUSPECT_DATE = "Ningbo", "2026-09-26"

#: what the munitions found in phase 2 weigh, with their crates (approximate, for a plausible VGM excess): a PG-7
#: round with its booster charge about 2.6 kg, a wooden crate about 20 kg; a fuze about 0.25 kg, its crate 15 kg
ROUND_KG, ROUND_CRATE_KG, FUZE_KG, FUZE_CRATE_KG = 2.6, 20.0, 0.25, 15.0


def munitions_kg(m: dict) -> float:
    """The mass of the munitions of ``story.MUNITIONS`` with their crates."""
    crates = m["rounds"] // m["rounds_per_crate"]
    fuze_crates = m["fuzes"] // m["fuzes_per_crate"]
    return (m["rounds"] * ROUND_KG + crates * ROUND_CRATE_KG + m["fuzes"] * FUZE_KG + fuze_crates * FUZE_CRATE_KG)

BL_COLUMNS = ["bl_number", "line", "shipper", "consignee", "notify_party", "hs_code", "description", "packages",
              "package_type", "gross_weight_kg", "declared_value_usd", "container_id", "port_of_loading",
              "transshipment_ports", "port_of_discharge", "vessel_imo", "voyage", "date", "fictional"]
CONTAINER_COLUMNS = ["container_id", "bl_number", "iso_type", "tare_kg", "max_gross_kg", "vgm_kg", "seal",
                     "weighed_at", "fictional"]
INVOICE_COLUMNS = ["invoice_id", "bl_number", "seller_id", "seller", "buyer_id", "buyer", "date", "description",
                   "amount_usd", "terms", "fictional"]
PAYMENT_COLUMNS = ["msg_id", "msg_type", "date", "debtor", "debtor_account", "debtor_bank", "creditor",
                   "creditor_account", "creditor_bank", "intermediary_banks", "amount", "currency", "purpose",
                   "remittance_info", "status", "fictional"]


# ------------------------------------------------------------------------------------------ reading the world
def _rows(world_dir: Path, name: str) -> list[dict]:
    with (world_dir / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _hashed(name: str, item) -> str:
    from embargo_kit.exercises.checking import hashed

    return hashed("world", name, item)


def find_actors(world_dir: Path) -> dict:
    """The story's actors, found in the generated world (raises if the world no longer holds them)."""
    world_dir = Path(world_dir)
    planted = json.loads((world_dir / "planted.json").read_text(encoding="utf-8"))
    vessels = {int(v["mmsi"]): v for v in _rows(world_dir, "vessels.csv")}
    gaps = set(planted["gaps_over_12h"]["hashes"])
    sts = set(planted["sts_pairs"]["hashes"])
    notices = {int(n["mmsi"]): n for n in _rows(world_dir, "arrival_notices.csv")}
    gap_mmsis = sorted(m for m in vessels if _hashed("gaps_over_12h", m) in gaps)
    choice = None
    for m in gap_mmsis:
        if m not in notices:
            continue
        for other in sorted(vessels):
            lo, hi = sorted([m, other])
            if other != m and _hashed("sts_pairs", f"{lo}-{hi}") in sts:
                choice = (m, other)
                break
        if choice:
            break
    if choice is None:
        raise RuntimeError("the world has no vessel with an AIS gap, a ship-to-ship meeting and a Port Anselm notice")
    mmsi, partner = choice
    companies = {c["company_id"]: c for c in _rows(world_dir, "companies.csv")}
    fronts = sorted(c for c in companies if _hashed("front_companies", c) in set(planted["front_companies"]["hashes"]))
    lookalikes = sorted(c for c in companies
                        if _hashed("lookalike_companies", c) in set(planted["lookalike_companies"]["hashes"]))

    def front(jurisdiction: str, line: str | None = None) -> dict:
        pool = [companies[c] for c in fronts if companies[c]["jurisdiction"] == jurisdiction
                and (line is None or companies[c]["business_line"] == line)]
        if not pool:
            raise RuntimeError(f"no planted front company in {jurisdiction} ({line})")
        return sorted(pool, key=lambda c: (c["incorporated"], c["company_id"]))[0]

    payee = front("Hong Kong", "general trading")
    consignee = front("Lumeria", "industry")
    notify = front("Malaysia")
    # the accounts the world already gives them (the capstone's payments use the same accounts)
    payments = _rows(world_dir, "payments.csv")

    def account(name: str, *, lumerian: bool) -> tuple[str, str]:
        for p in payments:
            for side in ("debtor", "creditor"):
                if p[side] == name and (p[f"{side}_bank"][4:6] == "XL") == lumerian:
                    return p[f"{side}_account"], p[f"{side}_bank"]
        raise RuntimeError(f"{name} has no account in the world's payments")

    moored = sorted(r["timestamp"][:10] for r in _rows(world_dir, "ais_positions.csv")
                    if int(r["mmsi"]) == mmsi and r["nav_status"] == "5")
    return {"mmsi": mmsi, "partner_mmsi": partner, "last_moored_day": moored[-1] if moored else None, "vessel": vessels[mmsi], "partner": vessels[partner],
            "notice": notices[mmsi], "companies": companies, "fronts": fronts, "lookalikes": lookalikes, "payee": payee,
            "consignee": consignee, "notify": notify,
            "payee_account": account(payee["name"], lumerian=False),
            "consignee_account": account(consignee["name"], lumerian=True),
            "payments": payments,
            "container_ids": sorted(c["container_id"] for c in _rows(world_dir, "containers.csv"))}


# ------------------------------------------------------------------------------------------ building
def _container_id(rng: random.Random, owner: str, used: set[str]) -> str:
    from .ids import make_container

    return make_container(rng, owner, used)


def _ordinary_parties(actors: dict, rng: random.Random) -> list[tuple[dict, dict]]:
    """(shipper, consignee) pairs of ordinary world companies: Chinese shippers, Lumerian buyers (not fronts)."""
    comps = actors["companies"]
    skip = set(actors["fronts"]) | set(actors["lookalikes"])
    roots = {comps[c]["name"].split()[0][:6].lower() for c in actors["fronts"]}
    skip |= {c for c, r in comps.items() if r["name"].split()[0][:6].lower() in roots}
    shippers = sorted(c for c, r in comps.items() if r["jurisdiction"] == "China" and c not in skip
                      and r["business_line"] in ("trading", "industry"))
    buyers = sorted(c for c, r in comps.items() if r["jurisdiction"] == "Lumeria" and c not in skip
                    and r["business_line"] in ("trading", "industry"))
    return [(comps[s], comps[b]) for s, b in zip(rng.sample(shippers, 4), rng.sample(buyers, 4))]


ORDINARY_GOODS = [
    ("731815", "steel bolts and screws", "pallets", 22, 11800.0, 2.1),
    ("392690", "plastic household articles", "cartons", 640, 7400.0, 3.4),
    ("940360", "wooden office furniture", "packages", 180, 9200.0, 4.2),
    ("690790", "ceramic floor tiles", "pallets", 20, 21500.0, 0.55),
    ("848180", "brass valves and taps", "crates", 36, 6400.0, 7.8),
    ("732393", "stainless steel kitchenware", "cartons", 410, 5300.0, 6.1),
]


def build_rows(actors: dict, seed) -> dict:
    rng = random.Random(f"{seed}:capstone")
    v, n = actors["vessel"], actors["notice"]
    imo = int(v["imo"])
    voyage = f"E{rng.randint(100, 999)}"
    used: set[str] = set(actors["container_ids"])
    bls, ctrs, invoices = [], [], []
    # the ordinary bills: loaded at the declared last port, the day before departure
    last_port = json.loads(n["last_ports"])[0]
    # "shipped on board" on the last day the ship's AIS shows her moored at that port (inside the AIS window)
    last_date = actors["last_moored_day"] or json.loads(n["last_port_dates"])[0]
    code = {"Lianyungang": "LYG", "Tianjin": "TXG", "Dalian": "DLC"}.get(last_port, last_port[:3].upper())
    goods = rng.sample(ORDINARY_GOODS, 4)
    for k, ((shipper, buyer), g) in enumerate(zip(_ordinary_parties(actors, rng), goods)):
        bl = f"BL-{code}-{rng.randint(70000, 79999)}"
        hs, desc, ptype, pk, kg, usd_kg = g
        cid = _container_id(rng, rng.choice(["LMR", "TVL", "KST"]), used)
        weight = round(kg * rng.uniform(0.9, 1.1), 1)
        value = round(weight * usd_kg * rng.uniform(0.9, 1.1), 2)
        tare = 3750 if weight < 15000 else 3900
        bls.append({"bl_number": bl, "line": 1, "shipper": shipper["name"], "consignee": buyer["name"],
                    "notify_party": buyer["name"], "hs_code": hs, "description": desc, "packages": pk,
                    "package_type": ptype, "gross_weight_kg": weight, "declared_value_usd": value,
                    "container_id": cid, "port_of_loading": last_port, "transshipment_ports": [],
                    "port_of_discharge": "Port Anselm", "vessel_imo": imo, "voyage": voyage, "date": last_date,
                    "fictional": True, "_seller": shipper, "_buyer": buyer})
        ctrs.append({"container_id": cid, "bl_number": bl, "iso_type": "22G1" if tare == 3750 else "42G1",
                     "tare_kg": tare, "max_gross_kg": 30480 if tare == 3750 else 32500,
                     "vgm_kg": int(round(weight * rng.uniform(0.985, 1.02) + tare)),
                     "seal": f"SL{rng.randint(1000000, 9999999)}", "weighed_at": last_port, "fictional": True})
    # the bill that matters: "loaded at Ningbo" on a day the ship's AIS was dark (not a call her notice declares);
    # two boxes heavier than declared by what the munitions weigh
    bl = f"BL-NGB-{rng.randint(70000, 79999)}"
    payee, consignee, notify = actors["payee"], actors["consignee"], actors["notify"]
    suspect_lines = [("841391", "water pump assembly parts", "crates", 48, 9850.0),
                     ("841391", "pump housings and impellers, cast iron", "crates", 44, 9620.0)]
    invoice_total = 186400.00
    from embargo_kit.capstone.story import MUNITIONS

    hidden = munitions_kg(MUNITIONS)
    for line, (hs, desc, ptype, pk, kg) in enumerate(suspect_lines, start=1):
        cid = _container_id(rng, "ORL", used)
        bls.append({"bl_number": bl, "line": line, "shipper": payee["name"], "consignee": consignee["name"],
                    "notify_party": notify["name"], "hs_code": hs, "description": desc, "packages": pk,
                    "package_type": ptype, "gross_weight_kg": kg,
                    "declared_value_usd": 96800.00 if line == 1 else invoice_total - 96800.00,
                    "container_id": cid, "port_of_loading": SUSPECT_PORT, "transshipment_ports": [],
                    "port_of_discharge": "Port Anselm", "vessel_imo": imo, "voyage": voyage, "date": SUSPECT_DATE,
                    "fictional": True, "_seller": payee, "_buyer": consignee})
        ctrs.append({"container_id": cid, "bl_number": bl, "iso_type": "22G1", "tare_kg": 2250 + 30 * line,
                     "max_gross_kg": 30480,
                     # the cover cargo as declared plus the munitions' share (rounds split 26/22 crates, fuzes in box 1)
                     "vgm_kg": 2250 + 30 * line + int(round(kg * rng.uniform(0.99, 1.01)
                                                          + hidden * (0.58 if line == 1 else 0.42))),
                     "seal": f"SL{rng.randint(1000000, 9999999)}", "weighed_at": SUSPECT_PORT, "fictional": True})
    # one invoice per bill, amount = the bill's declared value
    by_bl: dict[str, list[dict]] = {}
    for r in bls:
        by_bl.setdefault(r["bl_number"], []).append(r)
    for k, (num, lines) in enumerate(sorted(by_bl.items()), start=1):
        first = lines[0]
        invoices.append({"invoice_id": f"INV-{first['_seller']['company_id'][2:]}-26{rng.randint(100, 999)}",
                         "bl_number": num, "seller_id": first["_seller"]["company_id"],
                         "seller": first["_seller"]["name"], "buyer_id": first["_buyer"]["company_id"],
                         "buyer": first["_buyer"]["name"], "date": "2026-09-02" if num == bl else first["date"],
                         "description": "; ".join(x["description"] for x in lines),
                         "amount_usd": round(sum(x["declared_value_usd"] for x in lines), 2),
                         "terms": ("30 % deposit on order, 70 % against a copy of the bill of lading" if num == bl
                                   else "100 % within 30 days of the bill of lading"),
                         "fictional": True})
    payments = _payments(actors, invoices, bl, rng)
    for r in bls:
        r.pop("_seller"), r.pop("_buyer")
    return {"bills_of_lading": bls, "containers": sorted(ctrs, key=lambda c: c["container_id"]),
            "invoices": invoices, "payments": payments, "suspect_bl": bl, "voyage": voyage}


def _payments(actors: dict, invoices: list[dict], suspect_bl: str, rng: random.Random) -> list[dict]:
    """The deposit (paid), the balance (held at the Lumerian bank) and two ordinary settlements."""
    from_acc, from_bank = actors["consignee_account"]
    to_acc, to_bank = actors["payee_account"]
    inter = sorted({p["intermediary_banks"] for p in actors["payments"]
                    if p["debtor_bank"] == from_bank and p["creditor_bank"] == to_bank} or {'["QLLNUSH0"]'})[0]
    out = []
    inv = next(i for i in invoices if i["bl_number"] == suspect_bl)
    deposit = round(inv["amount_usd"] * 0.3, 2)
    for date, amount, status, info in (
            ("2026-09-03", deposit, "executed", f"{inv['invoice_id']} DEPOSIT 30PCT PUMP PARTS"),
            ("2026-10-01", round(inv["amount_usd"] - deposit, 2), "pending",
             f"{inv['invoice_id']} BALANCE 70PCT {suspect_bl}")):
        out.append({"msg_id": f"MSG-{date.replace('-', '')}-9{rng.randint(1000, 9999)}", "msg_type": "pacs.008",
                    "date": date, "debtor": inv["buyer"], "debtor_account": from_acc, "debtor_bank": from_bank,
                    "creditor": inv["seller"], "creditor_account": to_acc, "creditor_bank": to_bank,
                    "intermediary_banks": json.loads(inter), "amount": amount, "currency": "USD",
                    "purpose": "payment for goods", "remittance_info": info, "status": status, "fictional": True})
    # two ordinary invoices paid in full, through the Lumerian buyers' own world accounts where they have one
    for inv in [i for i in invoices if i["bl_number"] != suspect_bl][:2]:
        acc = next(((p["debtor_account"], p["debtor_bank"]) for p in actors["payments"]
                    if p["debtor"] == inv["buyer"] and p["debtor_bank"][4:6] == "XL"),
                   (f"AN{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "ANSCXLH0"))
        date = "2026-10-01"
        out.append({"msg_id": f"MSG-{date.replace('-', '')}-9{rng.randint(1000, 9999)}", "msg_type": "pacs.008",
                    "date": date, "debtor": inv["buyer"], "debtor_account": acc[0], "debtor_bank": acc[1],
                    "creditor": inv["seller"],
                    "creditor_account": f"KS{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                    "creditor_bank": "KSTVCNH0", "intermediary_banks": ["QLLNUSH0"], "amount": inv["amount_usd"],
                    "currency": "USD", "purpose": "payment for goods", "remittance_info": f"{inv['invoice_id']}",
                    "status": "executed", "fictional": True})
    return sorted(out, key=lambda p: (p["date"], p["msg_id"]))


# ------------------------------------------------------------------------------------------ writing
def _csv(columns: list[str], rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        out = []
        for c in columns:
            x = r.get(c)
            if isinstance(x, (list, dict)):
                out.append(json.dumps(x, sort_keys=True, separators=(",", ":")))
            elif isinstance(x, bool):
                out.append("true" if x else "false")
            elif isinstance(x, float):
                out.append(f"{x:.2f}" if c in ("declared_value_usd", "amount_usd", "amount") else repr(round(x, 1)))
            elif x is None:
                out.append("")
            else:
                out.append(str(x))
        w.writerow(out)
    return buf.getvalue().encode("utf-8")


def _json(doc) -> bytes:
    return (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def render(world_dir: Path, seed) -> dict[str, bytes]:
    from embargo_kit.capstone.story import injects

    actors = find_actors(Path(world_dir))
    built = build_rows(actors, seed)
    v, p, n = actors["vessel"], actors["partner"], actors["notice"]
    scenario = {
        "title": "Operation Grey Anchorage (fictional tabletop exercise)",
        "country": "Republic of Lumeria (fictional)",
        "port": "Port Anselm",
        "game_start": "2026-10-01 09:00",
        "vessel": {"imo": int(v["imo"]), "mmsi": int(v["mmsi"]), "name": v["name"], "flag": v["flag"],
                   "owner_id": v["registered_owner"], "manager_id": v["manager"]},
        "partner": {"imo": int(p["imo"]), "mmsi": int(p["mmsi"]), "name": p["name"], "flag": p["flag"],
                    "owner_id": p["registered_owner"], "manager_id": p["manager"]},
        "crew": {"total": int(n["crew_total"]), "nationalities": json.loads(n["crew_nationalities"] or "{}")},
        "munitions": munitions_doc(),
        "notice_id": n["notice_id"],
        "eta": n["eta"],
        "voyage": built["voyage"],
        "ais_window": ["2026-09-20 00:00", "2026-10-01 00:00"],
        "lumerian_bank": actors["consignee_account"][1],
        "fictional": True,
    }
    return {
        "scenario.json": _json(scenario),
        "bills_of_lading.csv": _csv(BL_COLUMNS, built["bills_of_lading"]),
        "containers.csv": _csv(CONTAINER_COLUMNS, built["containers"]),
        "invoices.csv": _csv(INVOICE_COLUMNS, built["invoices"]),
        "payments.csv": _csv(PAYMENT_COLUMNS, built["payments"]),
        "injects.json": _json(injects(scenario)),
    }


def munitions_doc() -> dict:
    from embargo_kit.capstone.story import MUNITIONS

    return {**MUNITIONS, "mass_kg": round(munitions_kg(MUNITIONS))}


def build(world_dir: Path, out_dir: Path, seed=None) -> dict[str, bytes]:
    """Read the generated world in ``world_dir``; write the capstone files into ``out_dir``; return them."""
    from . import SEED

    files = render(Path(world_dir), SEED if seed is None else seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
    return files


def differences(world_dir: Path, out_dir: Path, seed=None) -> list[str]:
    """Capstone files missing or different from a fresh build (empty: identical)."""
    from . import SEED

    diffs = []
    for name, data in sorted(render(Path(world_dir), SEED if seed is None else seed).items()):
        path = Path(out_dir) / name
        if not path.is_file():
            diffs.append(f"capstone/{name}: missing")
        elif path.read_bytes() != data:
            diffs.append(f"capstone/{name}: differs")
    return diffs


def digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name])
    return h.hexdigest()
