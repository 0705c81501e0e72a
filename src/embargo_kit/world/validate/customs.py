"""Customs data a classifier, a terminal and a risk analyst would accept.

- every HS code is a subheading (or, in the reference list of concern, a chapter or heading) of HS 2022;
- every container's verified gross mass (VGM) is within its rating, the rating within ISO 668, the cargo
  fits the box's floor and volume for the goods declared, and no item is longer than the box;
- the list of codes of concern covers what the customs lessons teach (chapter 93's blind spots included);
- a planted anomaly is of the kind the lesson teaches (concealment: harmless code *and* harmless description);
- every port the customs tables name is in ``ports()``;
- end-user certificates come from the right state: Lumeria's for goods discharged at Port Anselm, the final
  destination's for goods that only pass through; and the transit case the lessons teach exists (controlled
  goods passing through Port Anselm with the destination's certificate).
"""

from __future__ import annotations

import csv
import functools
import re
from importlib import resources

from . import validator

#: ISO 668 / ISO 1496-1: rating bounds and minimum internal length and volume, by ISO 6346 size-type group.
#: 30,480 kg is the minimum rating of 20- and 40-ft boxes since ISO 668 Amd 1 (2005); 36,000 kg the ceiling
#: since Amd 2 (2016). Internal length and volume are typical general-purpose figures.
BOX = {
    "22": {"name": "20-ft general purpose", "min_rating": 30480, "max_rating": 36000, "length_m": 5.87, "m3": 33.1},
    "42": {"name": "40-ft general purpose", "min_rating": 30480, "max_rating": 36000, "length_m": 12.03, "m3": 67.5},
    "45": {"name": "40-ft high cube", "min_rating": 30480, "max_rating": 36000, "length_m": 12.00, "m3": 76.3},
}
#: the densest plausible stowage of a box, kg of cargo per m3 of its volume, by HS chapter (light goods cube
#: out long before they weigh out: a 20-ft box of T-shirts holds some 5-7 t). Chapters not named: no limit
#: below the box's payload.
MAX_STOWAGE_KG_M3 = {"61": 300, "62": 300, "39": 350, "94": 250, "69": 450, "84": 900, "85": 700, "87": 600,
                     "40": 400, "09": 750, "10": 850, "17": 900, "31": 900, "03": 700}
#: what a line's description may not contain when it is planted as concealment (the lesson's "harmless")
ARMS_WORDS = re.compile(r"\b(arms?|weapons?|rifles?|guns?|ammunition|munitions?|shells?|rockets?|missiles?|"
                        r"armou?red|tanks?|military|warships?|explosives?|grenades?|mortars?)\b", re.I)
#: codes the customs lessons teach as of concern (customs-01/02 and the review's D10); each must be covered
#: by hs_of_concern (as itself or by a shorter code that contains it)
REQUIRED_CONCERN = ["93", "3601", "3602", "3603", "3604", "9013", "8517", "8525", "8526", "8710", "8802", "8806",
                    "8807", "8906"]


@functools.lru_cache(maxsize=1)
def hs2022() -> dict[str, str]:
    """The HS 2022 codes the world may use: {code: description} (see DATASHEET.md, "HS nomenclature")."""
    text = resources.files("embargo_kit.data.world").joinpath("hs2022_codes.csv").read_text(encoding="utf-8")
    return {r["code"]: r["description"] for r in csv.DictReader(text.splitlines())}


def concern_codes(world: dict) -> list[str]:
    return [h["hs"] for h in world["tables"]["hs_of_concern"]]


def is_of_concern(code: str, concern: list[str]) -> bool:
    return any(code.startswith(c) for c in concern)


def _rows_with_codes(world: dict):
    t = world["tables"]
    for m in t["manifests"]:
        yield f"{m['bl_number']} line {m['line']}", m["hs_code"], "subheading"
    for e in t.get("end_user_certificates", []):
        yield e["euc_id"], e["hs_code"], "subheading"
    for n in t.get("arrival_notices", []):
        if n.get("cargo_hs"):
            yield n["notice_id"], n["cargo_hs"], "subheading"
    for h in t["hs_of_concern"]:
        yield f"hs_of_concern {h['hs']}", h["hs"], "any"
    for u in t.get("unit_values", []):
        yield f"unit_values {u['hs4']}", u["hs4"], "any"


@validator("customs", "hs-code-invalid")
def _hs_codes(world):
    codes = hs2022()
    for where, code, level in _rows_with_codes(world):
        code = str(code)
        if code not in codes:
            yield where, f"HS code {code} is not in HS 2022 (a declaration system rejects it)"
        elif level == "subheading" and len(code) != 6:
            yield where, f"HS code {code} is not a 6-digit subheading"


def _containers(world):
    return {c["container_id"]: c for c in world["tables"]["containers"]}


@validator("customs", "container-overweight")
def _overweight(world):
    for c in world["tables"]["containers"]:
        if c["vgm_kg"] > c["max_gross_kg"]:
            yield c["container_id"], f"VGM {c['vgm_kg']:,} kg is above the box's maximum gross {c['max_gross_kg']:,} kg"


@validator("customs", "container-rating")
def _rating(world):
    for c in world["tables"]["containers"]:
        box = BOX.get(c["iso_type"][:2])
        if box is None:
            yield c["container_id"], f"ISO size-type {c['iso_type']} is not one the validator knows"
        elif not box["min_rating"] <= c["max_gross_kg"] <= box["max_rating"]:
            yield c["container_id"], (f"maximum gross {c['max_gross_kg']:,} kg is outside ISO 668 for a "
                                      f"{box['name']} ({box['min_rating']:,}-{box['max_rating']:,} kg)")


def _lines_by_container(world):
    out: dict[str, list[dict]] = {}
    for m in world["tables"]["manifests"]:
        out.setdefault(m["container_id"], []).append(m)
    return out


def stowage_m3(line: dict) -> float:
    """The least volume a line's goods take in a box (their mass over the densest plausible stowage)."""
    return line["gross_weight_kg"] / MAX_STOWAGE_KG_M3.get(str(line["hs_code"])[:2], 10_000)


@validator("customs", "cargo-density")
def _density(world):
    boxes = _containers(world)
    for cid, lines in _lines_by_container(world).items():
        box = BOX.get(boxes[cid]["iso_type"][:2]) if cid in boxes else None
        if box is None:
            continue
        need = sum(stowage_m3(m) for m in lines)
        if need > box["m3"]:
            cargo = sum(m["gross_weight_kg"] for m in lines)
            goods = ", ".join(sorted({m["description"] for m in lines}))[:80]
            yield cid, (f"{cargo:,.0f} kg of {goods} needs at least {need:.0f} m3; a {box['name']} holds "
                        f"{box['m3']} m3")


@validator("customs", "item-longer-than-box")
def _lengths(world):
    boxes = _containers(world)
    for m in world["tables"]["manifests"]:
        box = BOX.get(boxes.get(m["container_id"], {}).get("iso_type", "")[:2])
        sizes = [float(x) for x in re.findall(r"\b(\d+(?:\.\d+)?)\s?m\b", m["description"])]
        if box and sizes and max(sizes) > box["length_m"]:
            yield f"{m['bl_number']} line {m['line']}", (f"a {max(sizes):g} m item in {m['container_id']}, "
                                                        f"a {box['name']} ({box['length_m']} m inside)")


@validator("customs", "vgm-method-missing")
def _vgm_method(world):
    for c in world["tables"]["containers"]:
        if c.get("vgm_method") not in (1, 2, "1", "2"):
            yield c["container_id"], "no SOLAS VI/2 VGM method (1: weighed whole; 2: sum of contents + tare)"


@validator("customs", "concern-list-incomplete")
def _concern_coverage(world):
    concern = concern_codes(world)
    for code in REQUIRED_CONCERN:
        if not any(code.startswith(c) or c.startswith(code) for c in concern):
            yield code, f"heading {code} is taught as of concern but hs_of_concern does not cover it"
    for h in world["tables"]["hs_of_concern"]:
        if h["hs"].startswith("8526") and h["indicator"] == "CUS-08":
            yield h["hs"], "radar mapped to CUS-08 (a below-threshold intermediary); use the arms or dual-use code"


@validator("customs", "planted-anomaly-kind")
def _planted_kind(world):
    """Concealment is a harmless code *and* a harmless description over goods of concern (an arms code under a
    harmless description is a clerical slip, ``description_mismatch``, never concealment)."""
    concern = concern_codes(world)
    lines = {}
    for m in world["tables"]["manifests"]:
        lines.setdefault(m["bl_number"], []).append(m)
    for flag in world["planted"].get("manifest_flags", []):
        bl, kind = flag.split(":", 1)
        if kind == "concealment":
            for m in lines.get(bl, []):
                if is_of_concern(m["hs_code"], concern) or ARMS_WORDS.search(m["description"]):
                    yield bl, f"concealment line declares {m['hs_code']} {m['description']!r}: not harmless"


@validator("customs", "port-unknown")
def _ports(world):
    t = world["tables"]
    known = {p["name"] for p in t["ports"]}
    seen: dict[str, str] = {}
    for m in t["manifests"]:
        for p in [m["port_of_loading"], m["port_of_discharge"], *m["transshipment_ports"]]:
            seen.setdefault(p, m["bl_number"])
    for leg in t["shipment_legs"]:
        for p in (leg["port_from"], leg["port_to"]):
            seen.setdefault(p, leg["bl_number"])
    for c in t["containers"]:
        if c["weighed_at"]:
            seen.setdefault(c["weighed_at"], c["container_id"])
    for p, where in sorted(seen.items()):
        if p not in known:
            yield where, f"port {p!r} is used but not in ports()"


def _discharged_at(world: dict) -> dict[str, str]:
    return {m["bl_number"]: m["port_of_discharge"] for m in world["tables"]["manifests"]}


@validator("customs", "euc-issuer-country")
def _euc_country(world):
    pod = _discharged_at(world)
    for e in world["tables"].get("end_user_certificates", []):
        here = pod.get(e["bl_number"]) == "Port Anselm"
        if here and e["end_user_country"] != "Lumeria":
            yield e["euc_id"], "goods imported at Port Anselm need Lumeria's certificate, not another state's"
        if not here and e["end_user_country"] == "Lumeria":
            yield e["euc_id"], "goods only passing through carry the destination's certificate, not Lumeria's"


@validator("customs", "euc-transit-case-missing")
def _euc_transit(world):
    pod = _discharged_at(world)
    transit = {m["bl_number"] for m in world["tables"]["manifests"] if "Port Anselm" in list(m["transshipment_ports"])}
    if not any(e["bl_number"] in transit and pod[e["bl_number"]] != "Port Anselm"
               for e in world["tables"].get("end_user_certificates", [])):
        yield "end_user_certificates", ("no certificate for controlled goods in transit through Port Anselm: the case "
                                        "where the certificate matters most to customs (customs-04) is never shown")
