"""Identifiers that one table names and another must hold, so that every track tells the same story."""

from __future__ import annotations

from . import validator


@validator("identifiers", "vessel-unknown")
def _vessels(world):
    t = world["tables"]
    imos = {v["imo"] for v in t["vessels"]}
    for name, col, key in (("manifests", "vessel_imo", "bl_number"), ("shipment_legs", "vessel_imo", "bl_number"),
                           ("arrival_notices", "imo", "notice_id"), ("vessel_history", "imo", "imo"),
                           ("ais_static", "imo", "mmsi")):
        missing = {(r[key], r[col]) for r in t[name] if r.get(col) and int(r[col]) not in imos}
        for where, imo in sorted(missing)[:50]:
            yield f"{name} {where}", f"IMO {imo} is not in vessels()"


@validator("identifiers", "container-unknown")
def _containers(world):
    t = world["tables"]
    ids = {c["container_id"] for c in t["containers"]}
    for name in ("manifests", "shipment_legs"):
        for r in t[name]:
            if r["container_id"] not in ids:
                yield f"{name} {r['bl_number']}", f"container {r['container_id']} is not in containers()"


@validator("identifiers", "bl-unknown")
def _bls(world):
    t = world["tables"]
    bls = {m["bl_number"] for m in t["manifests"]}
    for name in ("shipment_legs", "end_user_certificates"):
        for r in t[name]:
            if r["bl_number"] not in bls:
                yield f"{name} {r['bl_number']}", "bill of lading not in manifests()"


@validator("identifiers", "mmsi-two-ships")
def _mmsi_unique(world):
    """One MMSI, one live ship: the fleet's current MMSIs are unique."""
    seen: dict[int, int] = {}
    for v in world["tables"]["vessels"]:
        if v["status"] != "in service":
            continue
        if v["mmsi"] in seen:
            yield v["mmsi"], f"MMSI used by IMO {seen[v['mmsi']]} and {v['imo']}"
        seen[v["mmsi"]] = v["imo"]
