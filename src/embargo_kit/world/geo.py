"""Places of the world: real ports (approximate positions), the invented Anselm Islands, training zones."""

from __future__ import annotations

import math

#: port_id, name, country, lon, lat (a point in the port's approaches, in water), is_dprk, fictional, note
PORTS: list[dict] = [
    {"port_id": "XLANS", "name": "Port Anselm", "country": "Lumeria", "lon": 124.395, "lat": 30.915, "is_dprk": False,
     "fictional": True, "note": "FICTIONAL port of the fictional Republic of Lumeria, on the invented Anselm Islands"},
    {"port_id": "CNDLC", "name": "Dalian", "country": "China", "lon": 121.83, "lat": 38.88, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "CNTXG", "name": "Tianjin", "country": "China", "lon": 118.10, "lat": 38.95, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "CNYNT", "name": "Yantai", "country": "China", "lon": 121.50, "lat": 37.65, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "CNTAO", "name": "Qingdao", "country": "China", "lon": 120.45, "lat": 35.98, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "CNLYG", "name": "Lianyungang", "country": "China", "lon": 119.60, "lat": 34.78, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "CNSHA", "name": "Shanghai", "country": "China", "lon": 122.25, "lat": 30.62, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "CNNGB", "name": "Ningbo", "country": "China", "lon": 122.30, "lat": 29.92, "is_dprk": False,
     "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "KRINC", "name": "Incheon", "country": "Republic of Korea", "lon": 126.35, "lat": 37.38,
     "is_dprk": False, "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "KRKAN", "name": "Gwangyang", "country": "Republic of Korea", "lon": 127.80, "lat": 34.82,
     "is_dprk": False, "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "KRPUS", "name": "Busan", "country": "Republic of Korea", "lon": 129.05, "lat": 35.03,
     "is_dprk": False, "fictional": False, "note": "real port; approximate position of the approaches"},
    {"port_id": "HKHKG", "name": "Hong Kong", "country": "China", "lon": 114.15, "lat": 22.28, "is_dprk": False,
     "fictional": False, "note": "real port (customs routes only; outside the AIS area); approximate position"},
    {"port_id": "TWKHH", "name": "Kaohsiung", "country": "Chinese Taipei", "lon": 120.25, "lat": 22.56, "is_dprk": False,
     "fictional": False, "note": "real port (customs routes only; outside the AIS area); approximate position"},
    {"port_id": "SGSIN", "name": "Singapore", "country": "Singapore", "lon": 103.84, "lat": 1.24, "is_dprk": False,
     "fictional": False, "note": "real port (customs routes only; outside the AIS area); approximate position"},
    {"port_id": "MYPKG", "name": "Port Klang", "country": "Malaysia", "lon": 101.33, "lat": 2.98, "is_dprk": False,
     "fictional": False, "note": "real port (customs routes only; outside the AIS area); approximate position"},
    {"port_id": "AEJEA", "name": "Jebel Ali", "country": "United Arab Emirates", "lon": 55.02, "lat": 25.02, "is_dprk": False,
     "fictional": False, "note": "real port (customs routes only; outside the AIS area); approximate position"},
    {"port_id": "RUNJK", "name": "Nakhodka", "country": "Russian Federation", "lon": 132.92, "lat": 42.78, "is_dprk": False,
     "fictional": False, "note": "real port (customs routes only; outside the AIS area); approximate position"},
    {"port_id": "KPNAM", "name": "Nampo", "country": "DPRK", "lon": 125.10, "lat": 38.70, "is_dprk": True,
     "fictional": False, "note": "real port (DPRK); approximate position of the approaches"},
]
PORT_BY_ID = {p["port_id"]: p for p in PORTS}

#: the invented Anselm Islands (Lumeria): an irregular outline in open water of the East China Sea
ANSELM_ISLAND = [
    (124.43, 30.86), (124.47, 30.83), (124.55, 30.82), (124.63, 30.84), (124.69, 30.88), (124.71, 30.94),
    (124.68, 31.00), (124.61, 31.04), (124.53, 31.05), (124.47, 31.02), (124.44, 30.98), (124.42, 30.92),
    (124.43, 30.86),
]
ANSELM_ISLET = [(124.76, 30.78), (124.80, 30.77), (124.82, 30.80), (124.79, 30.83), (124.76, 30.81), (124.76, 30.78)]

#: Port Anselm outer anchorage (where ships wait at anchor)
ANCHORAGE = [(124.30, 30.86), (124.38, 30.86), (124.38, 30.95), (124.30, 30.95), (124.30, 30.86)]
ANCHORAGE_CENTRE = (124.34, 30.905)
#: Port Anselm approach (traffic arriving and leaving)
APPROACH = [(124.18, 30.74), (124.42, 30.74), (124.42, 31.08), (124.18, 31.08), (124.18, 30.74)]

#: invented training zones of concern; the Korea Bay zone is cut back to the sea when written
ZONE_KB = [(123.75, 38.05), (124.95, 38.05), (125.30, 38.35), (125.30, 39.35), (124.05, 39.35), (123.75, 38.90),
           (123.75, 38.05)]
ZONE_YS = [(122.80, 35.55), (123.85, 35.55), (123.85, 36.55), (122.80, 36.55), (122.80, 35.55)]

ZONES: list[dict] = [
    {"zone_id": "ZOC-KB", "name": "Korea Bay training zone", "kind": "zone_of_concern", "coords": ZONE_KB,
     "note": "Invented boundary next to DPRK waters, drawn for the exercises; not a legal or official line.",
     "fictional": True},
    {"zone_id": "ZOC-YS", "name": "Yellow Sea transfer area (training)", "kind": "zone_of_concern", "coords": ZONE_YS,
     "note": "Invented area standing for the open-sea transfer areas named in maritime advisories; not an official area.",
     "fictional": True},
    {"zone_id": "XL-APP", "name": "Port Anselm approach", "kind": "port_approach", "coords": APPROACH,
     "note": "FICTIONAL port approach (Lumeria).", "fictional": True},
    {"zone_id": "XL-ANC", "name": "Port Anselm outer anchorage", "kind": "anchorage", "coords": ANCHORAGE,
     "note": "FICTIONAL designated anchorage (Lumeria); ships wait here at anchor.", "fictional": True},
    {"zone_id": "XL-LAND", "name": "Anselm Islands (Lumeria, fictional)", "kind": "fictional_land",
     "coords": ANSELM_ISLAND, "note": "INVENTED island: Lumeria does not exist; this land is not in the real coastline.",
     "fictional": True},
    {"zone_id": "XL-LAND2", "name": "Anselm Islands, east islet (fictional)", "kind": "fictional_land",
     "coords": ANSELM_ISLET, "note": "INVENTED islet.", "fictional": True},
]

#: AIS area
AREA = (117.0, 128.0 + 2.0, 28.0, 41.0)  # lon_min, lon_max, lat_min, lat_max

EARTH_NM = 3440.065


def dist_nm(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in nautical miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_NM * math.asin(min(1.0, math.sqrt(a)))


def bearing(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def offset(lon: float, lat: float, east_m: float, north_m: float) -> tuple[float, float]:
    """A point ``east_m`` metres east and ``north_m`` north of (lon, lat)."""
    dlat = north_m / 111_320.0
    dlon = east_m / (111_320.0 * math.cos(math.radians(lat)))
    return lon + dlon, lat + dlat
