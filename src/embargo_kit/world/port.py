"""The port data: movements of the whole fleet, AIS (raw + decoded), and the week's pre-arrival notices."""

from __future__ import annotations

import datetime as dt
import random

from .ais import (ANCHOR_MEET, DENSE_MARGIN, HORIZON, HOURS, STATIC_STEP, STS_A, STS_B, T0, Plan, encode_position,
                  encode_static, samples, timestamp)
from .geo import PORT_BY_ID, offset

TRADE_PORTS = ["CNDLC", "CNTXG", "CNYNT", "CNTAO", "CNLYG", "CNSHA", "CNNGB", "KRINC", "KRKAN", "KRPUS"]
NOTICE_ROLES = ["G1", "G2", "L1", "L2", "Z", "F", "OLD", "CREW", "D2"]
#: fleet index -> how the crew re-typed the same name half-way through the month (no rename: noise that a raw
#: comparison of names reports as a change). Indices of vessels with no planted role.
NAME_NOISE = {
    2: lambda n: n.ljust(20),  # padded with spaces instead of '@'
    10: lambda n: n.replace(" ", "  ", 1),  # a double space
    26: lambda n: " " + n,  # a leading space
}

CARGO = {
    "bulk carrier": [("steel coils", "720839"), ("soybeans", "120190"), ("fertiliser (urea)", "310210"),
                     ("cement clinker", "252310")],
    "general cargo": [("machinery and spare parts", "847990"), ("steel structures", "730890"),
                      ("bagged rice", "100630"), ("timber", "440799")],
    "oil products tanker": [("gasoil", "271019"), ("fuel oil", "271019"), ("palm oil", "151110")],
    "container ship": [("containers, general cargo", None)],  # many B/Ls, no one HS code
}
P_AND_I = ["Anselm Mutual Protection Association (fictional)", "Vell Shipowners' Mutual (fictional)",
           "Tidewell Marine Indemnity (fictional)", "Kestrelmoor P&I Club (fictional)"]
CREW_NAT = ["Myanmar", "China", "Philippines", "Viet Nam", "Indonesia", "Lumeria", "Ukraine", "India"]


def _wait_then_sail(plan: Plan, dest, arrive_by: float):
    from .ais import route
    from .geo import dist_nm

    path = route(plan.pos, dest)
    travel = sum(dist_nm(*a, *b) for a, b in zip(path, path[1:])) / plan.speed
    slack = arrive_by - plan.t - travel
    if slack > 0:
        last = plan.acts[-1] if plan.acts else None
        if last and last["kind"] in ("berth", "drift") and abs(last["end"] - plan.t) < 1e-9:
            last["end"] += slack  # stay longer where the ship already is
            if last["kind"] == "berth" and plan.departures and plan.departures[-1][0] == plan.t:
                plan.departures[-1] = (plan.t + slack, plan.departures[-1][1])
            plan.t += slack
        else:
            plan.drift(slack, plan.pos)
    plan.sail(dest, speed=plan.speed)


def _final_to_anselm(plan: Plan, eta: float):
    if plan.port == "XLANS":  # already there: call somewhere else first
        plan.voyage(next(p for p in plan.trade if p != "XLANS"))
    _wait_then_sail(plan, plan.anchor_pos(), eta)
    plan.arrivals.append((plan.t, "XLANS"))
    plan.port = "XLANS"
    plan.anchor(plan.rng.uniform(4, 10))
    plan.berth(40, "XLANS")


def build_plans(rng: random.Random, fleet: dict) -> dict[str, Plan]:
    role = fleet["role"]
    by_role = {id(v): k for k, v in role.items()}
    plans: dict[int, Plan] = {}
    sailing = [v for v in fleet["vessels"] if v["index"] is not None]
    for v in sailing:
        r = random.Random(f"{rng.random()}")
        trade = r.sample(TRADE_PORTS, 3)
        if r.random() < 0.55:
            trade[0] = "XLANS"
        home = trade[1]
        p = Plan(v, r, home, trade)
        k = by_role.get(id(v))
        if k == "G1":
            p.routine_until(430)
            _wait_then_sail(p, (PORT_BY_ID["KPNAM"]["lon"], PORT_BY_ID["KPNAM"]["lat"]), 600)
            arrive = p.t
            p.departures.append((p.t + 18, "KPNAM"))
            p.acts.append({"kind": "berth", "start": p.t, "end": p.t + 18, "pos": p.berth_pos("KPNAM"),
                           "port": "KPNAM"})
            p.t += 18
            p.pos = p.berth_pos("KPNAM")
            p.port = "KPNAM"
            p.sail(STS_A)
            p.hide.append((arrive - 6, p.t + 0.05))  # she reappears already lying beside her partner
            p.sts = (p.t, p.t + 8)
            p.drift(8, STS_A)
            p.voyage("CNLYG")  # a call that makes the voyage look ordinary
            _final_to_anselm(p, 742)
        elif k == "G2":
            p.routine_until(560)
            _wait_then_sail(p, (123.55, 38.35), 660)
            s = p.t
            p.sail((124.6, 38.6))
            p.drift(16, (124.6, 38.6))
            p.sail((123.55, 38.35))
            p.hide.append((s - 0.2, p.t - 0.2))
            _final_to_anselm(p, p.t + 45)
        elif k == "G3":
            p.routine_until(120)
            _wait_then_sail(p, (123.5, 36.3), 200)
            p.drift(3, (123.5, 36.3))
            s = p.t
            p.drift(17, (123.62, 36.22))
            p.hide.append((s, p.t - 0.2))
            p.voyage("CNTAO")
            p.routine_until(HORIZON)
        elif k == "G4":
            p.routine_until(320)
            _wait_then_sail(p, (123.1, 37.3), 400)
            s = p.t
            p.sail((124.35, 38.55))
            p.drift(10, (124.35, 38.55))
            p.hide.append((s - 0.2, p.t - 0.3))
            p.voyage("CNDLC")
            p.routine_until(HORIZON)
        elif k == "G5":
            p.routine_until(400)
            _wait_then_sail(p, (124.1, 37.85), 480)
            s = p.t
            p.sail((124.55, 38.45))
            p.drift(18, (124.55, 38.45))
            p.hide.append((s - 0.2, p.t - 0.3))
            v["alias_from"] = p.t - 0.3
            p.sail((124.2, 38.6))
            p.voyage("CNLYG")
            p.routine_until(HORIZON)
        elif k == "L1":
            p.routine_until(180)
            _wait_then_sail(p, STS_B, 277)
            p.drift(5.5, STS_B)
            p.voyage("CNDLC")
            p.routine_until(560)
            _final_to_anselm(p, 760)
        elif k == "B2":
            p.routine_until(160)
            _wait_then_sail(p, offset(*STS_B, 180, 150), 276.5)
            p.drift(6.5, offset(*STS_B, 180, 150))
            p.voyage("CNDLC")
            p.routine_until(HORIZON)
        elif k == "A1" or k == "A2":
            p.routine_until(330)
            spot = offset(*ANCHOR_MEET, 0, 0 if k == "A1" else 350)
            _wait_then_sail(p, spot, 470 if k == "A1" else 474)
            p.arrivals.append((p.t, "XLANS"))
            p.port = "XLANS"
            p.anchor(14 if k == "A1" else 13, spot)
            p.meet = (p.t - (14 if k == "A1" else 13), p.t)
            p.berth(30, "XLANS")
            p.routine_until(HORIZON)
        elif k in NOTICE_ROLES:
            p.routine_until(560)
            _final_to_anselm(p, {"L2": 735, "Z": 790, "F": 745, "OLD": 810, "CREW": 770, "D2": 850}[k])
        else:
            p.routine_until(HORIZON)
        plans[v["index"]] = p

    # S1 meets G1 at STS_A (scheduled after G1's plan is known)
    g1 = plans[role["G1"]["index"]]
    s1v = role["S1"]
    r = random.Random(f"{rng.random()}")
    p = Plan(s1v, r, "CNNGB", ["CNTAO", "CNNGB", "CNSHA"])
    p.routine_until(g1.sts[0] - 90)
    meet = offset(*STS_A, 150, -120)
    _wait_then_sail(p, meet, g1.sts[0] - 0.7)
    p.drift(g1.sts[1] - g1.sts[0] + 0.5, meet)
    p.voyage("CNSHA")
    p.routine_until(HORIZON)
    plans[s1v["index"]] = p

    a1, a2 = plans[role["A1"]["index"]].meet, plans[role["A2"]["index"]].meet
    if min(a1[1], a2[1]) - max(a1[0], a2[0]) < 8:
        raise RuntimeError(f"the anchorage meeting does not overlap long enough: {a1} {a2}")
    # the planted gaps must open and close inside the AIS window
    for k in ("G1", "G2", "G3", "G4", "G5"):
        for s, e in plans[role[k]["index"]].hide:
            if not (0 < s and e < HOURS - 2 and e - s > 12.5):
                raise RuntimeError(f"planted gap of {k} does not fit the AIS window: {s:.1f}-{e:.1f} h")

    # routine short gaps (< 12 h) during a long sea passage
    for k in ("D1", "D2", "D3", "D4", "D5", "D6"):
        p = plans[role[k]["index"]]
        legs = [a for a in p.acts if a["kind"] == "sail" and a["end"] - a["start"] > 14 and a["end"] < HOURS - 24]
        a = legs[len(legs) // 2] if legs else None
        if a:
            s = a["start"] + 3 + p.rng.uniform(0, 2)
            p.hide.append((s, s + p.rng.uniform(3, 9)))
    return plans


def dense_windows(fleet: dict, plans: dict) -> tuple[tuple[float, float], ...]:
    """The two periods of denser reporting (a satellite service tasked for a higher revisit): the planted
    meetings at sea, with :data:`DENSE_MARGIN` hours either side."""
    role = fleet["role"]
    out = []
    for k in ("G1", "L1"):
        drifts = [a for a in plans[role[k]["index"]].acts if a["kind"] == "drift" and a["end"] <= HOURS]
        meet = drifts[0] if k == "L1" else next(a for a in drifts if a["start"] >= plans[role[k]["index"]].sts[0] - 1e-9)
        out.append((meet["start"] - DENSE_MARGIN, meet["end"] + DENSE_MARGIN))
    return tuple(out)


def build_ais(rng: random.Random, fleet: dict, plans: dict) -> dict:
    positions, statics, raw = [], [], []
    dense = dense_windows(fleet, plans)
    for idx in sorted(plans):
        p = plans[idx]
        v = p.v
        r = random.Random(f"ais:{idx}:{rng.random()}")
        positions.extend(samples(p, r, dense=dense))
        off = r.uniform(0, STATIC_STEP)
        t = off
        while t < HOURS:
            if not any(s <= t < e for s, e in p.hide) and p.state(t) is not None:
                nxt = next(((ta, port) for ta, port in p.arrivals if ta > t), None)
                dest = PORT_BY_ID[nxt[1]]["name"].upper() if nxt else ""
                eta = timestamp(nxt[0]) if nxt else T0
                name = v["broadcast_name"]
                if v.get("alias_after_gap") and t >= v.get("alias_from", HOURS):
                    name = v["alias_after_gap"]
                elif idx in NAME_NOISE and t >= HOURS / 2:
                    name = NAME_NOISE[idx](name)  # the crew re-entered the same name differently
                statics.append({"mmsi": v["mmsi"], "t": t + r.uniform(0, 0.01), "imo": v["broadcast_imo"],
                                "name": name, "callsign": v["callsign"], "ship_type": v["ship_type_code"],
                                "destination": dest, "eta": eta, "draught": round(r.uniform(5.0, 0.065 * v["length_m"]), 1),
                                "to_bow": int(v["length_m"] * 0.82), "to_stern": v["length_m"] - int(v["length_m"] * 0.82),
                                "to_port": v["beam_m"] // 2, "to_starboard": v["beam_m"] - v["beam_m"] // 2})
            t += STATIC_STEP
    positions.sort(key=lambda x: (x["t"], x["mmsi"]))
    statics.sort(key=lambda x: (x["t"], x["mmsi"]))
    events = [(x["t"], 0, x) for x in positions] + [(x["t"], 1, x) for x in statics]
    events.sort(key=lambda e: (e[0], e[2]["mmsi"], e[1]))
    seq = 0
    messages: list[tuple[dt.datetime, list[str]]] = []
    for t, kind, x in events:
        received = timestamp(t) + dt.timedelta(seconds=rng.randint(0, 2))
        if kind == 0:
            messages.append((received, encode_position(x)))
        else:
            seq += 1
            messages.append((received, encode_static(x, seq)))
    raw = add_feed_noise(random.Random(f"feed:{rng.random()}"), messages)
    return {"ais_raw": raw}


#: the two receivers of the practice feed: a terrestrial network and a satellite service
SHORE, SAT = "TER-1", "SAT-1"


def _corrupt(sentence: str, rng: random.Random) -> str:
    """One payload character changed and the checksum kept: what a noisy radio link delivers."""
    head, payload, tail = sentence.split(",", 5)[:5], sentence.split(",")[5], sentence.split(",", 6)[6]
    i = rng.randrange(4, len(payload) - 2)
    ch = "0" if payload[i] != "0" else "w"
    return ",".join(head + [payload[:i] + ch + payload[i + 1:], tail])


def add_feed_noise(rng: random.Random, messages: list[tuple[dt.datetime, list[str]]]) -> list[dict]:
    """The raw feed as two receivers deliver it.

    Every message is heard by the terrestrial receiver; about one in twelve is also heard by the satellite,
    5-50 s later (duplicate reception). Some two-part messages arrive second part first, a few sentences
    arrive with a payload character garbled (bad checksum): a de-duplicating decoder with checksum checks
    recovers exactly the decoded tables.
    """
    raw = []
    for received, parts in messages:
        heard = [(SHORE, received, list(parts))]
        if rng.random() < 1 / 12:
            heard.append((SAT, received + dt.timedelta(seconds=rng.randint(5, 50)), list(parts)))
        for receiver, at, frags in heard:
            if len(frags) > 1 and rng.random() < 0.04:
                frags.reverse()  # fragments out of order
            if receiver == SAT and rng.random() < 0.08:
                k = rng.randrange(len(frags))
                frags[k] = _corrupt(frags[k], rng)
            raw.extend({"received_at": at, "receiver": receiver, "sentence": f} for f in frags)
    raw.sort(key=lambda r: r["received_at"])  # stable: fragments of one reception stay together
    return [{"sentence": with_tag_block(r["sentence"], r["receiver"], r["received_at"])} for r in raw]


def with_tag_block(sentence: str, receiver: str, received_at: dt.datetime) -> str:
    """The line as a receiver network delivers it: an NMEA 4.10 tag block (``s:`` source station, ``c:`` receive
    time in UNIX seconds, with its own checksum) before the ``!AIVDM`` sentence."""
    unix = int(received_at.replace(tzinfo=dt.timezone.utc).timestamp())
    tag = f"s:{receiver},c:{unix}"
    x = 0
    for ch in tag:
        x ^= ord(ch)
    return f"\\{tag}*{x:02X}\\{sentence}"


def read_tag_block(line: str) -> tuple[str | None, dt.datetime | None, str]:
    """(receiver, receive time in UTC, the bare ``!AIVDM`` sentence) of a line; None where the line has no tag."""
    if not line.startswith("\\"):
        return None, None, line
    _, tag, sentence = line.split("\\", 2)
    fields = dict(kv.split(":", 1) for kv in tag.split("*")[0].split(",") if ":" in kv)
    at = dt.datetime.fromtimestamp(int(fields["c"]), dt.timezone.utc).replace(tzinfo=None) if "c" in fields else None
    return fields.get("s"), at, sentence


def decode_raw(raw: list[dict]) -> tuple[list[dict], list[dict]]:
    """Decode the raw feed with pyais into the position and static tables.

    Each line's tag block gives the receiver and the receive time. Per receiver, pyais's NMEAQueue assembles
    multi-part messages whatever the order of their fragments;
    sentences with a bad checksum are dropped; a message heard twice within two minutes (both receivers) is
    kept once, as first heard.
    """
    from pyais.queue import NMEAQueue

    queues: dict[str, NMEAQueue] = {}
    seen: dict[bytes, dt.datetime] = {}  # payload -> when first heard
    positions, statics = [], []
    for row in raw:
        receiver, received_at, bare = read_tag_block(row["sentence"])
        q = queues.setdefault(receiver or SHORE, NMEAQueue())
        q.put_line(bare.encode())
        sentence = q.get_or_none()
        if sentence is None or not sentence.is_valid:
            continue
        first = seen.get(sentence.payload)
        if first is not None and received_at - first < dt.timedelta(minutes=2):
            continue  # the same transmission heard again (by the other receiver)
        seen[sentence.payload] = received_at
        msg = sentence.decode().asdict()
        ts = received_at
        if msg["msg_type"] in (1, 2, 3):
            if msg["second"] < 60:  # 60-63 mean "not available" (ITU-R M.1371): keep the receive time
                ts = ts - dt.timedelta(seconds=(ts.second - msg["second"]) % 60)
            positions.append({"mmsi": msg["mmsi"], "timestamp": ts, "lat": msg["lat"], "lon": msg["lon"],
                              "sog": msg["speed"], "cog": msg["course"], "heading": msg["heading"],
                              "nav_status": int(msg["status"]), "msg_type": msg["msg_type"]})
        elif msg["msg_type"] == 5:
            st = msg["ship_type"]
            statics.append({"mmsi": msg["mmsi"], "timestamp": ts, "imo": msg["imo"], "name": name_field(sentence.payload),
                            "callsign": msg["callsign"], "ship_type": int(st),
                            "ship_type_text": _ship_type_text(int(st)), "destination": msg["destination"],
                            "draught": msg["draught"], "to_bow": msg["to_bow"], "to_stern": msg["to_stern"],
                            "to_port": msg["to_port"], "to_starboard": msg["to_starboard"]})
    return positions, statics


def name_field(payload: bytes) -> str:
    """The type-5 name field as sent: 20 six-bit characters (bits 112-231), '@' padding and spaces kept, as many
    providers deliver it (pyais strips them)."""
    bits = "".join(f"{(c - 48) - (8 if c - 48 > 40 else 0):06b}" for c in payload)
    chars = (int(bits[i:i + 6], 2) for i in range(112, 232, 6))
    return "".join(chr(v + 64 if v < 32 else v) for v in chars)


def _ship_type_text(code: int) -> str:
    if 70 <= code <= 79:
        return "Cargo"
    if 80 <= code <= 89:
        return "Tanker"
    return "Other"


def _owner_changed_since(history: list[dict], imo: int, since: str) -> bool:
    rows = sorted((h for h in history if h["imo"] == imo), key=lambda h: h["valid_from"])
    return any(b["registered_owner"] != a["registered_owner"] and b["valid_from"] >= since
               for a, b in zip(rows, rows[1:]))


def build_notices(rng: random.Random, fleet: dict, plans: dict, by_company: dict) -> tuple[list[dict], list[str]]:
    role = fleet["role"]
    role_of = {v["index"]: k for k, v in role.items()}
    notices, flags = [], []
    candidates = []
    for idx, p in plans.items():
        for ta, port in p.arrivals:
            if port == "XLANS" and HOURS <= ta < HORIZON:
                candidates.append((ta, idx))
                break
    candidates.sort()
    for n, (ta, idx) in enumerate(candidates, start=1):
        p = plans[idx]
        v = p.v
        r = random.Random(f"notice:{idx}:{rng.random()}")
        k = role_of.get(idx)
        nid = f"PAN-2026-{n:04d}"
        deps = sorted([(t, port) for t, port in p.departures if t < ta], reverse=True)
        declared = [(t, port) for t, port in deps if not (k == "G1" and port == "KPNAM")]
        names = [PORT_BY_ID[port]["name"] for _, port in declared][:9]
        dates = [timestamp(t).date() for t, _ in declared][:9]
        # the week before the AIS window: fill earlier calls from the vessel's trade
        while len(names) < 6:
            prev = dates[-1] if dates else timestamp(ta).date()
            names.append(PORT_BY_ID[r.choice(p.trade[1:])]["name"])
            dates.append(prev - dt.timedelta(days=r.randint(4, 9)))
        if k == "D2":
            names.insert(4, "Nampo")
            dates.insert(4, dt.date(2026, 7, 18))
            flags.append(f"{nid}:PORT-10")
        cargo, hs = r.choice(CARGO[v["ship_type"]])
        crew_total = r.randint(16, 24)
        a, b = r.sample(CREW_NAT, 2)
        split = r.randint(4, crew_total - 4)
        crew = {a: split, b: crew_total - split}
        if k == "CREW":
            crew = {"DPRK": 14, "China": crew_total - 14}
            flags.append(f"{nid}:PORT-14")
        last_sale = None
        detentions = r.choice([0, 0, 0, 0, 1])
        built = v["build_year"]
        imo, name, gt = v["broadcast_imo"], v["broadcast_name"], v["gross_tonnage"]
        owner = by_company[v["registered_owner"]]["name"]
        manager = by_company[v["manager"]]["name"]
        pandi = r.choice(P_AND_I)
        if k == "G1":
            flags += [f"{nid}:PORT-01", f"{nid}:PORT-02", f"{nid}:PORT-08"]
        elif k in ("G2", "G3", "G4", "G5"):  # went dark for over 12 h next to a zone
            flags.append(f"{nid}:PORT-01")
        elif k == "L1":
            flags += [f"{nid}:PORT-06", f"{nid}:PORT-08", f"{nid}:PORT-11"]
        elif k == "L2":
            flags.append(f"{nid}:PORT-06")
            last_sale = dt.date(2026, 2, 20)
            pandi = "none declared"
        elif k == "Z":
            flags.append(f"{nid}:PORT-06")
            built = 2006  # the hull's own age, not the record's (the record says 1993)
        elif k == "F":
            flags.append(f"{nid}:PORT-03")
        elif k == "OLD":
            flags.append(f"{nid}:PORT-15")
            last_sale, detentions = dt.date(2026, 8, 14), 3
        if _owner_changed_since(fleet["history"], v["imo"], "2025-10-01"):
            flags.append(f"{nid}:PORT-12")  # a new registered owner in the 12 months before screening day
        notices.append({
            "notice_id": nid, "submitted_at": timestamp(min(ta - 24, HOURS - r.uniform(1, 30))).replace(second=0),
            "vessel_name": name, "imo": imo, "mmsi": v["mmsi"], "callsign": v["callsign"], "flag": v["flag"],
            "ship_type": v["ship_type"], "gross_tonnage": gt, "build_year": built, "last_ports": names,
            "last_port_dates": [d.isoformat() for d in dates], "next_port": "Port Anselm",
            "eta": timestamp(ta).replace(second=0, minute=0), "cargo": cargo, "cargo_hs": hs,
            "cargo_tonnes": int(v["deadweight"] * r.uniform(0.5, 0.9)), "owner": owner, "manager": manager,
            "crew_total": sum(crew.values()), "crew_nationalities": crew, "psc_detentions_3y": detentions,
            "last_sale": last_sale.isoformat() if last_sale else None, "p_and_i": pandi, "fictional": True,
        })
    return notices, flags
