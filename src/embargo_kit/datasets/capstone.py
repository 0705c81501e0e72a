"""Loaders for the capstone tabletop exercise ("Operation Grey Anchorage", fictional).

The capstone's own files live in ``embargo_kit/data/world/capstone/`` and are written by
``embargo_kit.world.capstone.build`` from the generated world; the rest (the notice, the AIS track, the
company registry) is read from the world itself, so the same ship, companies and banks meet across the tracks.
Re-exported by :mod:`embargo_kit.datasets`: notebooks write ``datasets.capstone_bills_of_lading()``.
Every row is invented (``fictional`` is True).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["capstone_scenario", "capstone_injects", "capstone_notice", "capstone_track", "capstone_bills_of_lading",
           "capstone_containers", "capstone_invoices", "capstone_payments", "capstone_options",
           "capstone_indicators", "capstone_citations"]


def _file(name: str):
    res = resources.files("embargo_kit").joinpath("data", "world", "capstone", name)
    if not res.is_file():
        raise FileNotFoundError(f"embargo_kit ships no capstone file data/world/capstone/{name}; reinstall the "
                                "package or run `embargo-kit data regenerate`.")
    return res


@functools.lru_cache(maxsize=None)
def _json(name: str) -> str:
    return _file(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _csv(name: str):
    import pandas as pd

    with _file(name).open("r", encoding="utf-8", newline="") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False, na_values=[])
    for col in df.columns:
        s = df[col]
        if col in ("fictional",):
            df[col] = s.map({"true": True, "false": False}).astype(bool)
        elif col in ("line", "packages", "vessel_imo", "tare_kg", "max_gross_kg", "vgm_kg"):
            df[col] = s.astype("int64")
        elif col in ("gross_weight_kg", "declared_value_usd", "amount_usd", "amount"):
            df[col] = s.astype("float64")
        elif col == "date":
            df[col] = pd.to_datetime(s, format="%Y-%m-%d")
        elif col in ("transshipment_ports", "intermediary_banks"):
            df[col] = s.map(lambda x: json.loads(x) if x else [])
        else:
            df[col] = s.map(lambda x: x if x != "" else None).astype(object)
    return df


def _copy(df):
    out = df.copy(deep=True)
    for col in ("transshipment_ports", "intermediary_banks"):
        if col in out:
            out[col] = out[col].map(list)
    return out


def capstone_scenario() -> dict[str, Any]:
    """The exercise's frame: vessel and partner (IMO, MMSI, name, flag), notice ID, ETA, AIS window, clock."""
    return json.loads(_json("scenario.json"))


def capstone_injects() -> dict[str, Any]:
    """Roles, the room schedule, and each phase: situation, what each role receives, decisions and options."""
    return json.loads(_json("injects.json"))


def capstone_options(lesson: str, qid: str) -> dict[str, str]:
    """The closed list of options of one decision, e.g. ``capstone_options("capstone-01", "port")``."""
    for phase in capstone_injects()["phases"]:
        for d in phase["decisions"]:
            if d["lesson"] == lesson and d["qid"] == qid:
                return dict(d["options"])
    raise KeyError(f"no capstone decision {lesson} {qid}")


def capstone_notice() -> "pd.DataFrame":
    """The vessel's pre-arrival notice (one row, the columns of ``arrival_notices()``)."""
    from embargo_kit.datasets import world as w

    n = w.arrival_notices()
    return n[n["notice_id"] == capstone_scenario()["notice_id"]].reset_index(drop=True)


def capstone_track(neighbours_nm: float = 5.0) -> "pd.DataFrame":
    """AIS positions in the story's window of the vessel and of every ship that came within ``neighbours_nm``
    nautical miles of it at the same hour (the ship it met at sea among them); columns of ``ais_positions()``
    plus ``name`` from the register."""
    import numpy as np

    from embargo_kit.datasets import world as w

    s = capstone_scenario()
    start, end = s["ais_window"]
    a = w.ais_positions()
    a = a[(a["timestamp"] >= start) & (a["timestamp"] < end)]
    own = a[a["mmsi"] == s["vessel"]["mmsi"]].copy()
    others = a[a["mmsi"] != s["vessel"]["mmsi"]].copy()
    own["hour"], others["hour"] = own["timestamp"].dt.floor("h"), others["timestamp"].dt.floor("h")
    m = others.merge(own[["hour", "lat", "lon"]], on="hour", suffixes=("", "_v"))
    lat1, lat2 = np.radians(m["lat"]), np.radians(m["lat_v"])
    dlat, dlon = lat2 - lat1, np.radians(m["lon_v"] - m["lon"])
    h = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    m["nm"] = 2 * 3440.065 * np.arcsin(np.sqrt(h))
    near = sorted(set(m.loc[m["nm"] <= neighbours_nm, "mmsi"]))
    out = a[a["mmsi"].isin([s["vessel"]["mmsi"], *near])]
    names = w.vessels().set_index("mmsi")["name"]
    out = out.assign(name=out["mmsi"].map(names))
    return out.sort_values(["mmsi", "timestamp"]).reset_index(drop=True)


def capstone_bills_of_lading() -> "pd.DataFrame":
    """The voyage's bills of lading, one row per line (the columns of ``manifests()``)."""
    return _copy(_csv("bills_of_lading.csv"))


def capstone_containers() -> "pd.DataFrame":
    """The voyage's containers: container_id, bl_number, iso_type, tare_kg, max_gross_kg, vgm_kg, seal, weighed_at."""
    return _copy(_csv("containers.csv"))


def capstone_invoices() -> "pd.DataFrame":
    """One commercial invoice per bill: invoice_id, bl_number, seller(_id), buyer(_id), date, amount_usd, terms."""
    return _copy(_csv("invoices.csv"))


def capstone_payments() -> "pd.DataFrame":
    """Payments for the voyage's cargo (the columns of ``payments()`` plus ``status``: executed or pending)."""
    return _copy(_csv("payments.csv"))


def capstone_indicators() -> "pd.DataFrame":
    """The closed list of red-flag indicator codes (``data/reference/indicators.yaml``): code, role, indicator."""
    import pandas as pd
    import yaml

    doc = yaml.safe_load(resources.files("embargo_kit").joinpath("data", "reference", "indicators.yaml")
                         .read_text(encoding="utf-8"))
    items = doc["indicators"] if isinstance(doc, dict) else doc
    return pd.DataFrame([{"code": i["code"], "role": i["role"], "indicator": " ".join(str(i["indicator"]).split())}
                         for i in items])


def capstone_citations() -> "pd.DataFrame":
    """The closed list of citation IDs a capstone decision may cite, with what the registry says of each."""
    import pandas as pd
    import yaml

    reg = yaml.safe_load(resources.files("embargo_kit").joinpath("data", "registry", "resolutions.yaml")
                         .read_text(encoding="utf-8"))
    by_number = {int(r["number"]): r for r in reg["resolutions"]}
    rows = []
    for cid in capstone_injects()["citations"]:
        number, _, para = cid.partition("/")
        res = by_number[int(number)]
        if para:
            text = " ".join(res["paragraphs"][para]["summary"].split())
            cites = f"{res['symbol']}, para {para}"
        else:
            text = " ".join(str(res.get("headline", "")).split())
            cites = res["symbol"]
        rows.append({"cite": cid, "renders_as": cites, "summary": text})
    return pd.DataFrame(rows)
