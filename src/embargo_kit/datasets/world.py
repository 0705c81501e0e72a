"""Loaders for the synthetic world (port, customs, finance tracks and the capstone).

Re-exported by :mod:`embargo_kit.datasets`, so notebooks write ``datasets.ais_positions()``. Each loader reads
a file shipped in ``embargo_kit/data/world`` (or ``data/geo``) through :mod:`importlib.resources` and returns
a fresh copy. All times are UTC (timezone-naive ``datetime64``); list- and dict-valued cells are Python lists
and dicts. Everything is invented except the list extract, the coastline and real port names: see
``embargo_kit/data/world/DATASHEET.md``.

>>> from embargo_kit import datasets
>>> datasets.ais_positions().head()
>>> datasets.vessel_history().query("imo == 1234567")
>>> ax = datasets.plot_base_map()
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = [
    # geography
    "coastline", "zones", "ports", "plot_base_map", "AIS_AREA",
    # port
    "ais_raw", "ais_positions", "ais_static", "vessels", "vessel_history", "arrival_notices",
    # customs
    "manifests", "containers", "hs_of_concern", "unit_values", "shipment_legs", "shipments_legs",
    "end_user_certificates",
    # finance
    "list_extract", "mid_table", "mid_practice", "companies", "officers", "company_links", "banks", "customers", "screening_pairs",
    "screening_alerts", "payments", "cover_payments", "fx_rates", "entities",
    # checks
    "planted", "world_tables", "REPORTING_THRESHOLD_USD",
]

#: lon_min, lon_max, lat_min, lat_max of the AIS area (Yellow Sea, Korea Bay, East China Sea)
AIS_AREA = (117.0, 130.0, 28.0, 41.0)
#: the fictional Lumerian threshold above which a cash or wire transaction must be reported (USD)
REPORTING_THRESHOLD_USD = 10_000


def _resource(*parts: str):
    res = resources.files("embargo_kit")
    for part in ("data", *parts):
        res = res.joinpath(part)
    if not res.is_file():
        raise FileNotFoundError(
            f"embargo_kit ships no data file data/{'/'.join(parts)}; reinstall the package or run "
            "`embargo-kit data regenerate`."
        )
    return res


def _schema():
    from embargo_kit.world.schema import TABLES

    return TABLES


@functools.lru_cache(maxsize=None)
def _table(name: str):
    import pandas as pd

    spec = _schema()[name]
    with _resource("world", spec["file"]).open("r", encoding="utf-8", newline="") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False, na_values=[])
    for col, kind in spec["columns"].items():
        s = df[col]
        if kind == "int":
            df[col] = s.astype("int64")
        elif kind == "Int":
            df[col] = pd.array([int(x) if x != "" else None for x in s], dtype="Int64")
        elif kind == "float":
            df[col] = pd.to_numeric(s.replace("", None), errors="coerce").astype("float64")
        elif kind == "bool":
            df[col] = s.map({"true": True, "false": False}).astype(bool)
        elif kind == "datetime":
            df[col] = pd.to_datetime(s.replace("", None), format="%Y-%m-%d %H:%M:%S")
        elif kind == "date":
            df[col] = pd.to_datetime(s.replace("", None), format="%Y-%m-%d")
        elif kind == "list":
            df[col] = s.map(lambda x: json.loads(x) if x else [])
        elif kind == "dict":
            df[col] = s.map(lambda x: json.loads(x) if x else {})
        else:
            df[col] = s.map(lambda x: x if x != "" else None).astype(object)
    return df


def _copy(df):
    out = df.copy(deep=True)
    for col in out.columns:
        if out[col].dtype == object:
            first = next((v for v in out[col] if v is not None), None)
            if isinstance(first, list):
                out[col] = out[col].map(lambda v: list(v) if isinstance(v, list) else v)
            elif isinstance(first, dict):
                out[col] = out[col].map(lambda v: dict(v) if isinstance(v, dict) else v)
    return out


def _load(name: str) -> "pd.DataFrame":
    return _copy(_table(name))


def world_tables() -> list[str]:
    """The names of every table of the world (each has a loader of the same name)."""
    return list(_schema())


# ------------------------------------------------------------------------------------------ geography
@functools.lru_cache(maxsize=None)
def _coastline():
    import geopandas as gpd

    with _resource("geo", "land_east_asia.geojson").open("rb") as fh:
        return gpd.read_file(fh)


def coastline() -> "gpd.GeoDataFrame":
    """Real land polygons (Natural Earth 1:50m, public domain), lon 100-160, lat 10-55, EPSG:4326."""
    return _coastline().copy()


@functools.lru_cache(maxsize=None)
def _zones():
    import geopandas as gpd
    from shapely.geometry import Polygon

    from embargo_kit.world.geo import ZONES

    land = _coastline().union_all()
    rows = []
    for z in ZONES:
        geom = Polygon(z["coords"])
        if z["kind"] == "zone_of_concern":
            geom = geom.difference(land)
        rows.append({k: z[k] for k in ("zone_id", "name", "kind", "note", "fictional")} | {"geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def zones() -> "gpd.GeoDataFrame":
    """Invented training zones and the fictional Port Anselm places: zone_id, name, kind (zone_of_concern |
    port_approach | anchorage | fictional_land), note, fictional, geometry (EPSG:4326)."""
    return _zones().copy()


def ports() -> "pd.DataFrame":
    """Ports of call: port_id, name, country, lat, lon, is_dprk, fictional (Port Anselm only), note."""
    return _load("ports")


def plot_base_map(ax=None, extent=None, zones: bool = True, ports: bool = True, labels: bool = True):
    """Draw the coastline (and the zones and ports) on a matplotlib Axes; return the Axes.

    ``extent`` is (lon_min, lon_max, lat_min, lat_max); default :data:`AIS_AREA`. No tiles, no network.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    lon0, lon1, lat0, lat1 = extent or AIS_AREA
    ax.set_facecolor("#eef4f8")
    _coastline().plot(ax=ax, color="#d9d4c7", edgecolor="#9a9385", linewidth=0.4)
    if zones:
        z = _zones()
        z[z.kind == "zone_of_concern"].plot(ax=ax, facecolor="#f4a58233", edgecolor="#b2182b", linewidth=1.0,
                                            linestyle="--")
        z[z.kind == "fictional_land"].plot(ax=ax, facecolor="#e8e0c8", edgecolor="#6b5d3f", hatch="///",
                                           linewidth=0.6)
        z[z.kind == "anchorage"].plot(ax=ax, facecolor="none", edgecolor="#2166ac", linewidth=0.6)
        if labels:
            for _, row in z[z.kind == "zone_of_concern"].iterrows():
                x0, _, x1, y1 = row.geometry.bounds
                ax.annotate(row["name"], ((x0 + x1) / 2, y1), xytext=(0, 2), textcoords="offset points",
                            fontsize=7, color="#b2182b", ha="center", va="bottom",
                            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    if ports:
        p = _table("ports")
        ax.scatter(p["lon"], p["lat"], s=12, color="#333333", zorder=5)
        if labels:
            for _, row in p.iterrows():
                label = row["name"] + (" (fictional)" if row["fictional"] else "")
                ax.annotate(label, (row["lon"], row["lat"]), xytext=(3, 3), textcoords="offset points", fontsize=7)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)))  # degrees of longitude shrink with latitude
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    return ax


# ------------------------------------------------------------------------------------------ port
def ais_raw() -> "pd.DataFrame":
    """Raw AIS as received, one column ``sentence``: an NMEA 4.10 tag block (``s:`` receiver, ``c:`` receive time
    in UNIX seconds) and the ``!AIVDM`` sentence; a type 5 report spans two lines, not always in order."""
    return _load("ais_raw")


def ais_positions() -> "pd.DataFrame":
    """Decoded position reports: mmsi, timestamp, lat, lon, sog, cog, heading (511 = n/a), nav_status, msg_type."""
    return _load("ais_positions")


def ais_static() -> "pd.DataFrame":
    """Decoded static reports (type 5): mmsi, timestamp, imo (as broadcast), name, callsign, ship_type,
    ship_type_text, destination, draught, to_bow, to_stern, to_port, to_starboard."""
    return _load("ais_static")


def vessels() -> "pd.DataFrame":
    """The register of hulls: imo, imo_valid, name, flag, mmsi, callsign, ship_type, gross_tonnage, deadweight,
    build_year, length_m, beam_m, registered_owner, manager (company ids), status, fictional."""
    return _load("vessels")


def vessel_history() -> "pd.DataFrame":
    """Registry periods: imo, valid_from, valid_to (NaT = current), name, flag, registered_owner, manager
    (company names), mmsi, source, fictional."""
    return _load("vessel_history")


def arrival_notices() -> "pd.DataFrame":
    """Pre-arrival notices to Port Anselm for 1-7 October 2026 (see DATASHEET.md for the columns)."""
    return _load("arrival_notices")


# ------------------------------------------------------------------------------------------ customs
def manifests() -> "pd.DataFrame":
    """Manifest lines (one row per line of a bill of lading)."""
    return _load("manifests")


def containers() -> "pd.DataFrame":
    """Containers: container_id, iso_type, tare_kg, max_gross_kg, vgm_kg, seal, weighed_at, fictional."""
    return _load("containers")


def hs_of_concern() -> "pd.DataFrame":
    """HS chapters/headings of concern (real nomenclature): hs, level, description, category, why, indicator."""
    return _load("hs_of_concern")


def unit_values() -> "pd.DataFrame":
    """Reference unit values per HS heading (invented but plausible): hs4, description, usd_per_kg_low,
    usd_per_kg_typical, usd_per_kg_high, fictional."""
    return _load("unit_values")


def shipment_legs() -> "pd.DataFrame":
    """Legs of each consignment: bl_number, leg, port_from, port_to, vessel_imo, voyage, departed, arrived,
    container_id, fictional."""
    return _load("shipment_legs")


shipments_legs = shipment_legs


def end_user_certificates() -> "pd.DataFrame":
    """End-user certificates: euc_id, bl_number, end_user, end_user_country, issuing_authority, items,
    hs_code, quantity, issued, valid_until, signatory, fictional."""
    return _load("end_user_certificates")


# ------------------------------------------------------------------------------------------ finance
def list_extract() -> "pd.DataFrame":
    """REAL entries of the 1718 list: ref, type, name, aliases, listed_on, other_information, imo, source,
    source_title, fictional (False)."""
    return _load("list_extract")


def mid_table() -> "pd.DataFrame":
    """REAL extract of the ITU table of Maritime Identification Digits: mid, allocated_to, source, as_of (the
    date the pairs were checked). Only the states this course needs; confirm with ITU MARS before relying on it."""
    return _load("mid_table")


def mid_practice() -> "pd.DataFrame":
    """Identities heard near Port Anselm, masked after the MID so no real ship is meant: practice_id, identity
    (e.g. ``445XXXXXX``), declared_flag (the flag the ship's notice or registry declares), fictional."""
    return _load("mid_practice")


def companies() -> "pd.DataFrame":
    return _load("companies")


def officers() -> "pd.DataFrame":
    return _load("officers")


def company_links() -> "pd.DataFrame":
    return _load("company_links")


def banks() -> "pd.DataFrame":
    return _load("banks")


def customers() -> "pd.DataFrame":
    return _load("customers")


def screening_pairs() -> "pd.DataFrame":
    return _load("screening_pairs")


def payments() -> "pd.DataFrame":
    return _load("payments")


def cover_payments() -> "pd.DataFrame":
    """The pacs.009 COV cover legs of the transfers sent by the cover method (finance-04): same UETR as the pacs.008."""
    return _load("cover_payments")


def screening_alerts() -> "pd.DataFrame":
    """Alerts of the payment filter waiting for an analyst's decision (finance-02): not labelled."""
    return _load("screening_alerts")


def fx_rates() -> "pd.DataFrame":
    """FIU-L's reference exchange rates for the payment period (fictional): US dollars per unit of currency."""
    return _load("fx_rates")


@functools.lru_cache(maxsize=None)
def _entities():
    with _resource("world", "entities.ftm.jsonl").open("r", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def entities(schema: str | None = None) -> list:
    """FollowTheMoney entity proxies of the world (``followthemoney`` 4.x); ``schema`` filters, e.g. "Company".

    followthemoney is optional (the ``names`` extra): without it this raises
    :class:`~embargo_kit.exercises.optional.MissingExtra` (an ImportError) saying what to install.
    """
    from embargo_kit.exercises import optional

    model = optional.require("followthemoney", "datasets.entities()").model

    out = []
    for data in _entities():
        if schema and data.get("schema") != schema:
            continue
        out.append(model.get_proxy(json.loads(json.dumps(data))))
    return out


# ------------------------------------------------------------------------------------------ checks
@functools.lru_cache(maxsize=None)
def _planted():
    return json.loads(_resource("world", "planted.json").read_text(encoding="utf-8"))


def planted(name: str) -> dict[str, Any]:
    """Ground truth for checks, as salted hashes: ``{"count": n, "hashes": [...]}`` (see DATASHEET.md)."""
    doc = _planted()
    if name not in doc:
        raise KeyError(f"no planted pattern {name!r}; known: {', '.join(sorted(doc))}")
    return {"count": doc[name]["count"], "hashes": list(doc[name]["hashes"])}
