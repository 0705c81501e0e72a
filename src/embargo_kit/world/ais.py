"""Vessel movements over 30 days, the planted patterns, and their encoding as raw NMEA (pyais)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import random

from .geo import ANCHORAGE_CENTRE, PORT_BY_ID, bearing, dist_nm, offset

T0 = dt.datetime(2026, 9, 1)
HOURS = 720.0  # the AIS window: 30 days
HORIZON = HOURS + 7 * 24  # movements are simulated one week further, for the arrival notices
SEA_STEP = 1.0  # hours between position reports under way (as kept in the data set)
DENSE_STEP = 1 / 6  # hours between reports under way inside a dense window (10 minutes)
DENSE_MARGIN = 12.0  # hours either side of a planted meeting at sea that the dense window covers
PORT_STEP = 3.0  # hours between position reports when moored (at anchor: as under way)
STATIC_STEP = 12.0  # hours between static (type 5) reports

STS_A = (123.30, 36.05)  # in ZOC-YS
STS_B = (123.98, 38.16)  # in ZOC-KB, south part
ANCHOR_MEET = (124.335, 30.90)  # innocent meeting, Port Anselm anchorage


@functools.lru_cache(maxsize=None)
def _searoute(a: tuple[float, float], b: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    import searoute as sr

    coords = sr.searoute(list(a), list(b), units="naut").geometry["coordinates"]
    pts = [a] + [tuple(map(float, c)) for c in coords] + [b]
    out = [pts[0]]
    for p in pts[1:]:
        if dist_nm(*out[-1], *p) > 0.05:
            out.append(p)
    return tuple(out)


def route(a, b):
    return list(_searoute((round(a[0], 4), round(a[1], 4)), (round(b[0], 4), round(b[1], 4))))


class Plan:
    """Builds one vessel's true movements as activities on a clock (hours since T0)."""

    def __init__(self, vessel: dict, rng: random.Random, home: str, trade: list[str]):
        self.v = vessel
        self.rng = rng
        self.t = 0.0
        self.pos = self.berth_pos(home)
        self.port = home
        self.trade = trade
        self.acts: list[dict] = []
        self.arrivals: list[tuple[float, str]] = []  # (time, port) of arrivals
        self.departures: list[tuple[float, str]] = []
        self.hide: list[tuple[float, float]] = []
        self.speed = rng.uniform(9.5, 13.0)

    # -- positions
    def berth_pos(self, port_id: str):
        p = PORT_BY_ID[port_id]
        i = self.v["index"] or 0
        return offset(p["lon"], p["lat"], (i % 4) * 600.0, (i // 4 - 5) * 600.0)

    def anchor_pos(self):
        i = self.v["index"] or 0
        lon, lat = ANCHORAGE_CENTRE
        return offset(lon, lat, ((i % 5) - 2) * 1200.0 + 600, ((i // 5) - 4) * 1000.0)

    # -- activities
    def berth(self, hours: float, port: str | None = None):
        port = port or self.port
        self.pos = self.berth_pos(port)
        self.acts.append({"kind": "berth", "start": self.t, "end": self.t + hours, "pos": self.pos, "port": port})
        self.t += hours
        self.departures.append((self.t, port))

    def anchor(self, hours: float, pos=None, port: str = "XLANS"):
        self.pos = pos or self.anchor_pos()
        self.acts.append({"kind": "anchor", "start": self.t, "end": self.t + hours, "pos": self.pos, "port": port})
        self.t += hours

    def drift(self, hours: float, pos):
        self.pos = pos
        self.acts.append({"kind": "drift", "start": self.t, "end": self.t + hours, "pos": pos})
        self.t += hours

    def sail(self, dest, speed: float | None = None):
        path = route(self.pos, dest)
        speed = speed or self.speed * self.rng.uniform(0.95, 1.05)
        legs, total = [], 0.0
        for a, b in zip(path, path[1:]):
            d = dist_nm(*a, *b)
            legs.append((a, b, total, d))
            total += d
        hours = total / speed
        self.acts.append({"kind": "sail", "start": self.t, "end": self.t + hours, "legs": legs, "speed": speed,
                          "total": total})
        self.t += hours
        self.pos = dest

    def voyage(self, port: str):
        """Sail to a port and stay there (waiting at anchor first at Port Anselm)."""
        p = PORT_BY_ID[port]
        if port == "XLANS":
            self.sail(self.anchor_pos())
            self.arrivals.append((self.t, port))
            self.anchor(self.rng.uniform(4, 14))
        else:
            self.sail((p["lon"], p["lat"]))
            self.arrivals.append((self.t, port))
        self.port = port
        self.berth(self.rng.uniform(20, 52), port)

    def routine_until(self, until: float):
        if self.t == 0.0:
            self.berth(self.rng.uniform(2, 40))
        k = 0
        while self.t < until:
            nxt = [p for p in self.trade if p != self.port] or [p for p in self.trade]
            self.voyage(self.rng.choice(nxt) if k % 2 == 0 or len(nxt) == 1 else nxt[0])
            k += 1

    # -- the truth at a time
    def state(self, t: float):
        for a in self.acts:
            if a["start"] <= t < a["end"]:
                return self.state_in(a, t)
        return None

    @staticmethod
    def state_in(a: dict, t: float):
        t = min(max(t, a["start"]), a["end"])
        if a["kind"] in ("berth", "anchor"):
            return a["pos"], 0.0, 0.0, 5 if a["kind"] == "berth" else 1
        if a["kind"] == "drift":
            return a["pos"], 0.0, 0.0, 0
        s = (t - a["start"]) * a["speed"]
        for p, q, d0, d in a["legs"]:
            if s <= d0 + d or (p, q, d0, d) == a["legs"][-1]:
                f = 0.0 if d == 0 else min(1.0, max(0.0, (s - d0) / d))
                return (p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f), a["speed"], bearing(*p, *q), 0
        return a["legs"][-1][1], a["speed"], 0.0, 0


def samples(plan: Plan, rng: random.Random, until: float = HOURS, dense: tuple = ()) -> list[dict]:
    """Position reports kept in the data set, after the planted hiding (AIS switched off). Inside a ``dense``
    window (start, end hours) reports away from a berth are kept every 10 minutes, elsewhere hourly: the feed's
    rate varies, as a real feed's does with coverage."""
    out = []
    off = rng.uniform(0, 1)

    def step_at(kind: str, t: float) -> float:
        if kind == "berth":
            return PORT_STEP
        return DENSE_STEP if any(s <= t < e for s, e in dense) else SEA_STEP

    for a in plan.acts:
        if a["start"] >= until:
            break
        step = step_at(a["kind"], a["start"])
        k = math.ceil((a["start"] - off) / step)
        t = k * step + off
        while t < min(a["end"], until):
            step = step_at(a["kind"], t)
            tt = t + rng.uniform(-0.03, 0.03)
            if 0 <= tt < until and not any(s <= tt < e for s, e in plan.hide):
                st = plan.state_in(a, tt)
                if st is not None:
                    (lon, lat), sog, cog, nav = st
                    if a["kind"] == "drift":
                        lon, lat = offset(lon, lat, rng.uniform(-60, 60), rng.uniform(-60, 60))
                        sog, cog = round(rng.uniform(0.1, 0.8), 1), rng.uniform(0, 359.9)
                    elif a["kind"] in ("berth", "anchor"):
                        sog, cog = round(rng.uniform(0.0, 0.2), 1), rng.uniform(0, 359.9)
                    else:
                        sog = round(sog + rng.uniform(-0.4, 0.4), 1)
                        cog = (cog + rng.uniform(-3, 3)) % 360
                    heading = 511 if plan.v.get("no_heading") else int(round(cog + rng.uniform(-4, 4))) % 360
                    out.append({"mmsi": plan.v["mmsi"], "t": tt, "lon": round(lon, 5), "lat": round(lat, 5),
                                "sog": sog, "cog": round(cog, 1), "heading": heading, "nav_status": nav,
                                "msg_type": rng.choice([1, 1, 1, 3])})
            t += step
    out.sort(key=lambda r: r["t"])
    return out


def timestamp(t: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=round(t * 3600))


def encode_position(r: dict) -> list[str]:
    from pyais import encode_dict

    ts = timestamp(r["t"])
    return encode_dict({"type": r["msg_type"], "mmsi": r["mmsi"], "status": r["nav_status"], "speed": r["sog"],
                        "lon": r["lon"], "lat": r["lat"], "course": r["cog"], "heading": r["heading"],
                        "second": ts.second, "accuracy": 1, "turn": -128}, talker_id="AI", sentence_type="VDM",
                       radio_channel="A" if ts.second % 2 else "B")


def encode_static(s: dict, seq: int) -> list[str]:
    from pyais import encode_dict

    eta = s["eta"]
    return encode_dict({"type": 5, "mmsi": s["mmsi"], "imo": s["imo"], "callsign": s["callsign"],
                        "shipname": s["name"], "ship_type": s["ship_type"], "to_bow": s["to_bow"],
                        "to_stern": s["to_stern"], "to_port": s["to_port"], "to_starboard": s["to_starboard"],
                        "epfd": 1, "month": eta.month, "day": eta.day, "hour": eta.hour, "minute": eta.minute,
                        "draught": s["draught"], "destination": s["destination"], "ais_version": 0},
                       talker_id="AI", sentence_type="VDM", radio_channel="A", seq_id=seq % 10)
