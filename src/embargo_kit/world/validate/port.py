"""Port data a port-state-control officer or a maritime analyst would accept.

- identifiers: fictional IMO numbers (1000000-4999999, valid check digit except the planted false one),
  MMSIs with the unallocated MID 999;
- the AIS feed carries the noise of a real multi-receiver feed (out-of-order fragments, bad checksums,
  duplicate receptions) so that the notebook that decodes it has to handle them;
- laundered hulls differ from their old identity within a tolerance (never exactly);
- every pre-arrival notice of a ship that went dark carries PORT-01; planted flags name real notices;
- the list extract has vessel entries only with an IMO number and a source.
"""

from __future__ import annotations


from ..ids import IMO_MAX, IMO_MIN, MID, imo_is_valid
from . import validator


@validator("port", "imo-not-fictional")
def _imos(world):
    t = world["tables"]
    false = set(world["planted"].get("false_imo", []))
    for v in t["vessels"]:
        if not IMO_MIN <= v["imo"] <= IMO_MAX:
            yield v["imo"], "IMO number outside 1000000-4999999 (could be a real ship's)"
        elif not imo_is_valid(v["imo"]) and v["imo"] not in false:
            yield v["imo"], "IMO check digit wrong but not the planted false IMO"


@validator("port", "mmsi-not-mid-999")
def _mmsis(world):
    t = world["tables"]
    for name in ("vessels", "vessel_history", "arrival_notices", "ais_positions", "ais_static"):
        bad = {r["mmsi"] for r in t[name] if r.get("mmsi") is not None and int(r["mmsi"]) // 1_000_000 != MID}
        for m in sorted(bad):
            yield f"{name} {m}", "MMSI does not use the unallocated MID 999"


def _lines(world):
    """(receiver, receive time, bare sentence) of every line of the raw feed, from its tag block."""
    from ..port import read_tag_block

    return [read_tag_block(r["sentence"]) for r in world["tables"]["ais_raw"]]


def _fragments(world):
    """(sentence fields) of every multi-part fragment in the raw feed, in file order."""
    for r, _at, s in _lines(world):
        body = s.split("*")[0].split(",")
        if len(body) > 3 and body[1] != "1":
            yield r, body


def _checksum_ok(sentence: str) -> bool:
    if "*" not in sentence:
        return False
    data, cs = sentence[1:].split("*", 1)
    x = 0
    for ch in data:
        x ^= ord(ch)
    return f"{x:02X}" == cs.strip()[:2].upper()


def noise(world) -> dict[str, int]:
    """The realism of the raw AIS feed: counts of the artefacts a real feed has."""
    raw = _lines(world)
    bad = sum(not _checksum_ok(s) for _rx, _at, s in raw)
    # the same sentence heard by two receivers (a repeat by the same receiver is a new transmission)
    heard: dict[str, set] = {}
    for rx, _at, s in raw:
        heard.setdefault(s, set()).add(rx)
    dup = sum(len(rx) - 1 for rx in heard.values() if None not in rx)
    out_of_order = 0
    last_part: dict[tuple, int] = {}
    for _r, f in _fragments(world):
        key = (f[3], f[4])  # sequential message id, channel
        num = int(f[2])
        if num > 1 and last_part.get(key) != num - 1:
            out_of_order += 1
        last_part[key] = num
    receivers = len({rx for rx, _at, _s in raw if rx})
    untimed = sum(at is None for _rx, at, _s in raw)
    return {"bad_checksum": bad, "duplicate": dup, "out_of_order_fragment": out_of_order, "receivers": receivers,
            "untimed": untimed}


@validator("port", "ais-feed-too-clean")
def _ais_noise(world):
    n = noise(world)
    if n["bad_checksum"] < 3:
        yield "ais_raw", f"{n['bad_checksum']} sentences with a bad checksum (a real feed has some)"
    if n["duplicate"] < 50:
        yield "ais_raw", f"{n['duplicate']} duplicate receptions (two receivers hear the same ship)"
    if n["out_of_order_fragment"] < 10:
        yield "ais_raw", f"{n['out_of_order_fragment']} multi-part messages out of order (feeds interleave them)"
    if n["receivers"] < 2:
        yield "ais_raw", "one receiver only: no duplicate reception to remove"
    if n["untimed"]:
        yield "ais_raw", f"{n['untimed']} lines without a receive time (tag block c:): times cannot be derived"


@validator("port", "laundered-hull-exact-copy")
def _laundered(world):
    """An old and a new identity of one hull never agree to the metre and the ton (rounding, LOA vs LBP)."""
    t = world["tables"]
    by_imo = {v["imo"]: v for v in t["vessels"]}
    old = world["planted"].get("laundered_old_imos", [])
    new = world["planted"].get("laundered_imos", [])
    for o, n in zip(old, new):
        a, b = by_imo[o], by_imo[n]
        if all(a[k] == b[k] for k in ("build_year", "length_m", "beam_m", "gross_tonnage")):
            yield n, f"identical build year, length, beam and GT to {o}: exact equality is not how records differ"


@validator("port", "hull-identity")
def _hull_identity(world):
    """A hull keeps its yard and hull number under every identity: each laundered hull shares them with its old
    identity, no two other records share them, and the planted sister ship passes the dimension tolerance
    against a laundered hull's old identity from the same yard under another hull number (the false lead
    port-04 teaches to set aside)."""
    t = world["tables"]
    by_imo = {v["imo"]: v for v in t["vessels"]}
    planted = world["planted"]
    same = set(zip(planted.get("laundered_old_imos", []), planted.get("laundered_imos", [])))
    for o, n in same:
        if (by_imo[o].get("shipyard"), by_imo[o].get("hull_number")) != (by_imo[n].get("shipyard"), by_imo[n].get("hull_number")):
            yield n, f"laundered hull and its old identity {o} differ in yard or hull number"
    seen: dict = {}
    for v in t["vessels"]:
        seen.setdefault((v.get("shipyard"), v.get("hull_number")), set()).add(v["imo"])
    allowed = [set(p) for p in same]
    for key, imos in seen.items():
        if len(imos) > 1 and imos not in allowed:
            yield sorted(imos)[0], "two hulls share a yard and hull number"
    sisters = planted.get("sister_imo", [])
    if not sisters:
        yield "vessels", "no sister ship planted: a tolerance match alone would never mislead"
    for s in sisters:
        v = by_imo[s]
        twins = [by_imo[o] for o, _ in same if by_imo[o]["build_year"] == v["build_year"]
                 and abs(by_imo[o]["length_m"] - v["length_m"]) <= 0.05 * v["length_m"]
                 and abs(by_imo[o]["beam_m"] - v["beam_m"]) <= 1
                 and abs(by_imo[o]["gross_tonnage"] - v["gross_tonnage"]) <= 0.05 * v["gross_tonnage"]
                 and by_imo[o]["shipyard"] == v["shipyard"] and by_imo[o]["hull_number"] != v["hull_number"]]
        if not twins:
            yield s, "the planted sister ship does not pass the tolerance against an old identity from its yard"


@validator("port", "notice-flag-missing")
def _notice_flags(world):
    """A ship that went dark for over 12 h in the window is flagged PORT-01 on its pre-arrival notice."""
    t = world["tables"]
    flags = set(world["planted"].get("notice_flags", []))
    dark = set(world["planted"].get("gaps_over_12h", []))
    for n in t["arrival_notices"]:
        if n["mmsi"] in dark and f"{n['notice_id']}:PORT-01" not in flags:
            yield n["notice_id"], f"MMSI {n['mmsi']} went dark over 12 h but PORT-01 is not planted"
    ids = {n["notice_id"] for n in t["arrival_notices"]}
    for f in sorted(flags):
        if f.split(":")[0] not in ids:
            yield f, "planted flag names no notice"


def clean_name(text: str) -> str:
    """A ship name as comparable: cut at the first '@' (AIS padding), spaces collapsed, upper case, at most the
    20 characters the AIS type-5 name field holds."""
    return " ".join(str(text).split("@")[0].split()).upper()[:20].strip()


@validator("port", "identity-mismatch-count")
def _identity_mismatch(world):
    """identity_mismatch_mmsi lists exactly the MMSIs whose AIS name differs from the registry's."""
    t = world["tables"]
    reg = {v["mmsi"]: v["name"] for v in t["vessels"]}
    seen: dict[int, set] = {}
    for s in t["ais_static"]:
        seen.setdefault(s["mmsi"], set()).add(clean_name(s["name"]))
    truth = {m for m, names in seen.items() if any(n != clean_name(reg.get(m, "")) for n in names)}
    planted = set(world["planted"].get("identity_mismatch_mmsi", []))
    for m in sorted(planted - truth):
        yield m, "planted as an identity mismatch but AIS and registry names agree"
    for m in sorted(truth - planted):
        yield m, "AIS name differs from the registry but is not planted as a mismatch"


@validator("port", "list-vessel-entry")
def _list_vessels(world):
    entries = world["tables"]["list_extract"]
    vessels = [e for e in entries if e["type"] == "vessel"]
    for e in vessels:
        if not e.get("imo") or not imo_is_valid(e["imo"]):
            yield e["ref"], "vessel entry without a valid IMO number"
        if not e.get("source"):
            yield e["ref"], "vessel entry without a source"
    for e in entries:
        if not e.get("ref") or not e.get("source"):
            yield e.get("name"), "list entry without a reference or source"


@validator("port", "mid-practice")
def _mid_practice(world):
    """MID practice can name no real ship, and every answer it asks for follows from the shipped extract:
    identities masked after the MID (or the special prefix and its MID), ship MIDs and declared flags in the
    ITU extract, a source and an as-of date on every extract row, and each verdict present at least once."""
    import re

    from ..mid import SPECIAL_PREFIXES, verdict

    t = world["tables"]
    if not t.get("mid_practice") or not t.get("mid_table"):
        yield "mid_practice", "no MID practice or no MID extract: MID checks can only be read about, not practised"
        return
    extract = {r["mid"]: r["allocated_to"] for r in t.get("mid_table", [])}
    for r in t.get("mid_table", []):
        if not r.get("source") or not r.get("as_of"):
            yield r["mid"], "MID extract row without a source or an as-of date"
    states = set(extract.values())
    verdicts = set()
    for r in t.get("mid_practice", []):
        ident = r["identity"]
        if not re.fullmatch(r"\d{3,5}X{4,6}", ident) or len(ident) != 9:
            yield r["practice_id"], "practice identity is not masked (nine characters, the tail as X)"
            continue
        special = any(ident.startswith(p) for p, _ in SPECIAL_PREFIXES)
        if not special and int(ident[:3]) not in extract:
            yield r["practice_id"], "ship MID not in the shipped ITU extract"
        if r["declared_flag"] not in states:
            yield r["practice_id"], "declared flag has no MID in the shipped extract"
        verdicts.add(verdict(ident, r["declared_flag"]))
    if t.get("mid_practice") and verdicts != {"flag matches", "other state", "not a ship"}:
        yield "mid_practice", "the practice table does not exercise all three verdicts"


@validator("port", "name-noise")
def _name_noise(world):
    """The broadcast names carry the noise of a real feed (padding, spacing) on the planted vessels only: each
    shows more than one raw name and exactly one clean name; no other vessel changes its raw name except the
    planted identity mismatches."""
    raw: dict[int, set] = {}
    for s in world["tables"]["ais_static"]:
        raw.setdefault(s["mmsi"], set()).add(s["name"])
    noisy = set(world["planted"].get("name_noise_mmsi", []))
    if not noisy:
        yield "ais_static", "no name noise planted: a raw comparison of names would work on this feed"
    for m in sorted(noisy):
        names = raw.get(m, set())
        if len(names) < 2 or len({clean_name(n) for n in names}) != 1:
            yield m, "planted name noise is not noise (no raw variation, or a real change)"
    renamed = set(world["planted"].get("identity_mismatch_mmsi", []))
    for m, names in sorted(raw.items()):
        if len(names) > 1 and m not in noisy | renamed:
            yield m, "raw name varies but is neither planted noise nor a planted identity mismatch"
