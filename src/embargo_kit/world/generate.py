"""Generate the whole world from one seed and write it byte-stably.

>>> from embargo_kit.world import generate
>>> files = generate.write("/tmp/world")        # {relative path: bytes}
>>> generate.differences("/tmp/world")          # [] when the folder equals a fresh generation
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path

from . import SEED
from .schema import TABLES

PLANTED_FILE = "planted.json"
ENTITIES_FILE = "entities.ftm.jsonl"
#: files the generator owns in the data folder (DATASHEET.md is written by hand and never touched)
GENERATED = sorted([t["file"] for t in TABLES.values()] + [PLANTED_FILE, ENTITIES_FILE])


def _rng(seed: int, domain: str) -> random.Random:
    return random.Random(f"{seed}:{domain}")


def build(seed: int = SEED) -> dict:
    """Every table (name -> list of row dicts), the FtM entities and the planted ground truth, in memory."""
    from .cargo import build_customs
    from .companies import NameGuard, build_registry, finish_registry
    from .ftm import build_entities
    from .payments import build_finance
    from .fleet import build_fleet
    from .geo import PORTS
    from .listing import LIST_EXTRACT
    from .mid import mid_practice, mid_table
    from .port import NAME_NOISE, build_ais, build_notices, build_plans, decode_raw

    guard = NameGuard()
    registry = build_registry(_rng(seed, "companies"), guard)
    fleet = build_fleet(_rng(seed, "fleet"), registry, guard)
    finish_registry(registry, fleet)
    plans = build_plans(_rng(seed, "plans"), fleet)
    ais = build_ais(_rng(seed, "ais"), fleet, plans)
    positions, statics = decode_raw(ais["ais_raw"])
    by_company = {c["company_id"]: c for c in registry["companies"]}
    notices, notice_flags = build_notices(_rng(seed, "notices"), fleet, plans, by_company)
    role = fleet["role"]

    tables: dict[str, list[dict]] = {
        "ais_raw": ais["ais_raw"],
        "ais_positions": positions,
        "ais_static": statics,
        "vessels": sorted(fleet["vessels"], key=lambda v: v["imo"]),
        "vessel_history": sorted(fleet["history"], key=lambda h: (h["imo"], h["valid_from"])),
        "arrival_notices": notices,
        "mid_table": mid_table(),
        "mid_practice": mid_practice(),
        "ports": [{k: p[k] for k in TABLES["ports"]["columns"]} for p in PORTS],
        "list_extract": [dict(e, fictional=False) for e in LIST_EXTRACT],
        "companies": registry["companies"],
        "officers": registry["officers"],
        "company_links": registry["company_links"],
    }
    # vessels' owners and managers are company links too (owner_of / manager_of, target = IMO)
    for v in tables["vessels"]:
        if v["status"] == "in service":
            tables["company_links"].append({"source_id": v["registered_owner"], "relation": "owner_of",
                                            "target_id": str(v["imo"]), "share_pct": None, "start": None,
                                            "end": None, "fictional": True})
            tables["company_links"].append({"source_id": v["manager"], "relation": "manager_of",
                                            "target_id": str(v["imo"]), "share_pct": None, "start": None,
                                            "end": None, "fictional": True})

    def pair(a, b):
        lo, hi = sorted([a["mmsi"], b["mmsi"]])
        return f"{lo}-{hi}"

    planted = {
        "gaps_over_12h": [role[k]["mmsi"] for k in ("G1", "G2", "G3", "G4", "G5")],
        "sts_pairs": [pair(role["G1"], role["S1"]), pair(role["L1"], role["B2"])],
        "innocent_meeting": [pair(role["A1"], role["A2"])],
        "short_gaps": [role[k]["mmsi"] for k in ("D1", "D2", "D3", "D4", "D5", "D6")],
        "false_imo": [fleet["planted"]["false_imo"]],
        "zombie_imo": [fleet["planted"]["zombie_imo"]],
        "laundered_imos": fleet["planted"]["laundered_imos"],
        "laundered_old_imos": fleet["planted"]["laundered_old_imos"],
        "sister_imo": [fleet["planted"]["sister_imo"]],
        "identity_mismatch_mmsi": [role["G5"]["mmsi"], role["Z"]["mmsi"]],
        "name_noise_mmsi": [v["mmsi"] for v in fleet["vessels"] if v["index"] in NAME_NOISE],
        "notice_flags": notice_flags,
        "front_companies": registry["planted"]["front_companies"],
        "lookalike_companies": registry["planted"]["lookalikes"],
    }

    customs = build_customs(_rng(seed, "customs"), registry, fleet, guard)
    tables.update(customs["tables"])
    planted.update(customs["planted"])
    finance = build_finance(_rng(seed, "finance"), registry, fleet, guard)
    tables.update(finance["tables"])
    planted.update(finance["planted"])
    entities = build_entities(tables)
    return {"tables": tables, "planted": planted, "entities": entities}


# ------------------------------------------------------------------------------------------ writing
def _cell(value, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("list", "dict"):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "float":
        return repr(round(float(value), 6))
    if kind in ("int", "Int"):
        return str(int(value))
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, dt.datetime) else str(value)
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value)


def table_bytes(name: str, rows: list[dict]) -> bytes:
    cols = TABLES[name]["columns"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(cols))
    for r in rows:
        w.writerow([_cell(r.get(c), k) for c, k in cols.items()])
    return buf.getvalue().encode("utf-8")


def planted_bytes(planted: dict) -> bytes:
    """The ground truth as salted hashes only (see DATASHEET.md, "Ground truth for checks")."""
    from embargo_kit.exercises.checking import hashed

    doc = {name: {"count": len(items), "hashes": sorted(hashed("world", name, i) for i in items)}
           for name, items in sorted(planted.items())}
    return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8")


def entities_bytes(entities: list[dict]) -> bytes:
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for e in entities]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def render(seed: int = SEED) -> dict[str, bytes]:
    """{file name: bytes} of a fresh generation."""
    world = build(seed)
    files = {TABLES[name]["file"]: table_bytes(name, rows) for name, rows in world["tables"].items()}
    files[PLANTED_FILE] = planted_bytes(world["planted"])
    files[ENTITIES_FILE] = entities_bytes(world["entities"])
    return files


def default_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "world"


def write(out: str | Path | None = None, seed: int = SEED) -> dict[str, bytes]:
    out = Path(out) if out else default_dir()
    out.mkdir(parents=True, exist_ok=True)
    files = render(seed)
    for name, data in files.items():
        (out / name).write_bytes(data)
    # The capstone's thread is built on top of the world, so it always agrees with it.
    from .capstone import build as build_capstone

    build_capstone(out, out / "capstone", seed)
    return files


def differences(folder: str | Path | None = None, seed: int = SEED) -> list[str]:
    """File names that are missing or differ from a fresh generation (empty list: identical)."""
    folder = Path(folder) if folder else default_dir()
    diffs = []
    for name, data in sorted(render(seed).items()):
        path = folder / name
        if not path.is_file():
            diffs.append(f"{name}: missing")
        elif path.read_bytes() != data:
            diffs.append(f"{name}: differs")
    from .capstone import differences as capstone_diffs

    diffs += capstone_diffs(folder, folder / "capstone", seed)
    return diffs
