"""Story and data agree: every fact the capstone's pages, role cards, injects, notebooks and keys state about the
world (links, weights, distances and speeds, times, places, money) is recomputed here from the world data
(:mod:`embargo_kit.capstone.facts`). Each claim is found by a pattern in the text; the value the text states must
equal the value the data give, and a sentence the data contradict (e.g. "nothing links" when the data link them)
fails. A claim that no longer appears in the text fails too, so a rewrite cannot drop a fact silently."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from embargo_kit import datasets as d
from embargo_kit.capstone.facts import story_facts

ROOT = Path(__file__).resolve().parents[2]
PAGES = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "book" / "capstone").glob("*.md")}


def _notebook_text() -> str:
    out = []
    for p in sorted((ROOT / "exercises" / "solutions" / "capstone").glob("*.ipynb")):
        out += [c.source for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown"]
    return "\n".join(out)


def _generated_text() -> str:
    inj = d.capstone_injects()
    parts = [p["situation"] for p in inj["phases"]] + [f["text"] for f in inj["friction"]]
    parts += [o for p in inj["phases"] for dd in p["decisions"] for o in dd["options"].values()]
    return "\n".join(parts)


def _checks_text() -> str:
    from embargo_kit import checks

    out = []
    for lesson in ("capstone-01", "capstone-02", "capstone-03"):
        for key in checks.load(lesson).KEYS.values():
            out += list(key.consequences.values()) + list(key.hints.values()) + [key.passed]
    return "\n".join(out)


def _quiz_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in (ROOT / "src" / "embargo_kit" / "data" / "quizbank").glob("capstone-*.yaml"))


ALL = {**PAGES, "notebooks": _notebook_text(), "injects.json": _generated_text(), "checks": _checks_text(),
       "quizbank": _quiz_text()}
TEXT = "\n".join(ALL.values())
F = story_facts()


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _max_sog() -> float:
    t = d.capstone_track()
    return float(t.loc[t["mmsi"] == d.capstone_scenario()["vessel"]["mmsi"], "sog"].max())


def _last_declared(port: str) -> int:
    import pandas as pd

    bill_day = pd.Timestamp(F["bill"]["date"])
    days = [pd.Timestamp(t) for p, t in F["reach"]["declared_calls"] if p == port and pd.Timestamp(t) < bill_day]
    return max(days).day


M = F["munitions"]
N_BILLS = d.capstone_bills_of_lading()["bl_number"].nunique()
PAYER_YEAR = int(str(d.companies().set_index("name").loc[F["money"]["payer"], "incorporated"])[:4])

#: (what the text says, a pattern whose groups hold the stated value(s), the value(s) from the data)
NUMBERS = [
    ("hours of AIS silence", r"(\d+)-hour silence", F["gap"]["hours"]),
    ("hours of AIS silence", r"went dark for (\d+) hours", F["gap"]["hours"]),
    ("hours side by side at sea", r"beside[^.]{0,80}?for (\d+)\s+hours", F["sts"]["hours"]),
    ("speed needed with no time alongside", r"about ([\d.]+) knots with no time alongside", F["reach"]["knots_no_stop"]),
    ("speed needed with 12 hours to load", r"about ([\d.]+) knots with 12 hours to load", F["reach"]["knots_12h_alongside"]),
    ("her fastest recorded speed", r"never shows more than\s+([\d.]+) knots", round(_max_sog(), 1)),
    ("excess weight, per cent", r"(\d+) % heavier than declared", F["bill"]["excess_pct"]),
    ("excess weight, tonnes", r"the\s+([\d.]+) t by which the two containers outweighed", round(F["bill"]["excess_kg"] / 1000, 1)),
    ("munitions' mass, tonnes", r"weigh about ([\d.]+) t", round(M["mass_kg"] / 1000, 1)),
    ("munitions' mass, tonnes", r"store ([\d.]+) t of munitions", round(M["mass_kg"] / 1000, 1)),
    ("rounds", r"([\d,]+)\s+rounds\)", M["rounds"]),
    ("crates of rounds", r"(\d+) crates of (\d+) rounds", (M["rounds"] // M["rounds_per_crate"], M["rounds_per_crate"])),
    ("crates of fuzes", r"(\d+) crates of (\d+) fuzes", (M["fuzes"] // M["fuzes_per_crate"], M["fuzes_per_crate"])),
    ("fuzes", r"\(([\d,]+) fuzes\)", M["fuzes"]),
    ("arrival time", r"arrival on 3 October at (\d\d:\d\d)", F["eta"][11:16]),
    ("arrival time", r"at her\s+arrival time, (\d\d:\d\d)", F["eta"][11:16]),
    ("crew", r"the (\d+)\s+crew", F["crew"]["total"]),
    ("last declared call at the bill's port", r"declares no call at\s+since (\d+) September", _last_declared(F["reach"]["port"])),
    ("bills of lading", r"(five|\d+) bills of lading", N_BILLS),
    ("payer's year of registration", r"engineering company registered in (\d{4})", PAYER_YEAR),
    ("balance due", r"pay USD ([\d,]+)", F["money"]["balance_usd"]),
]
WORDS = {"five": 5}


def _values(group: str) -> float:
    return WORDS.get(group, None) or _num(group)


@pytest.mark.parametrize("what,pattern,expected", NUMBERS, ids=[f"{n[0]}:{i}" for i, n in enumerate(NUMBERS)])
def test_every_number_the_story_states_is_the_datas(what, pattern, expected):
    hits = [(name, m) for name, text in ALL.items() for m in re.finditer(pattern, text)]
    assert hits, f"the text no longer states the {what} (pattern {pattern!r}); keep the fact or update this test"
    for name, m in hits:
        if what == "arrival time":
            got, want = (m.group(1),), (expected,)
        else:
            got = tuple(_values(g) for g in m.groups())
            want = expected if isinstance(expected, tuple) else (expected,)
        assert got == want, f"{name}: the text says {what} = {m.group(0)!r}; the data give {expected}"


def test_every_amount_in_usd_is_one_the_data_hold():
    known = {F["money"]["balance_usd"], F["money"]["deposit_usd"], F["money"]["invoice_usd"]}
    for name, text in ALL.items():
        for m in re.finditer(r"USD ([\d,]+(?:\.\d\d)?)", text):
            assert _num(m.group(1)) in known, f"{name}: USD {m.group(1)} is no payment or invoice of the data"


LINKS = [
    # (what, pattern, check(match) -> bool)
    ("the ship's manager is Lumerian and manages her",
     r"([A-Z][\w ]+?(?: LLC| Ltd| Limited| Inc\.)), a Lumerian company, manages",
     lambda m: m.group(1) == F["ships"]["manager"]["name"] and F["ships"]["manager"]["jurisdiction"] == "Lumeria"),
    ("the manager owns the ship she met",
     r"(?:a Lumerian company, )?([A-Z][\w ]+?(?: LLC| Ltd| Limited)),? (?:which also owns|manages \*Isolde Wind\*[^.]*? and owns) ([A-Z][A-Z ]+[A-Z]), the ship she lay beside",
     lambda m: m.group(1) == F["ships"]["manager"]["name"] and m.group(2) == F["partner"]["name"]
     and F["ships"]["manager_owns_partner"]),
    ("a director shared by the manager and the seller",
     r"([A-Z][a-z]+ [A-Z][a-z]+-[a-z]+),? (?:is also|is) a director of (?:Ironvale Ocean Lines LLC and )?(?:of )?the seller, ([A-Z][\w ]+?(?: Limited| LLC| Ltd))",
     lambda m: m.group(1) in F["ships"]["manager_seller_directors"] and m.group(2) == F["money"]["payee"]),
    ("the registered owner and its jurisdiction",
     r"owned by ([A-Z][\w ]+? Pte Ltd), (\w+)",
     lambda m: (m.group(1), m.group(2)) == (F["ships"]["owner"]["name"], F["ships"]["owner"]["jurisdiction"])),
    ("no record links the owner to the seller",
     r"No record\s+links the (\w+) owner to the arms",
     lambda m: m.group(1) == F["ships"]["owner"]["jurisdiction"] and not F["ships"]["owner_seller_directors"]),
    ("the payer's DPRK-national director", r"direct the payer \(([^)]+)\)",
     lambda m: m.group(1) in F["parties"]["dprk_principals"]["payer"]),
    ("the payee's DPRK-national director, also the notify party's", r"the payee \(([^,)]+), also a director of the notify party\)",
     lambda m: m.group(1) in F["parties"]["dprk_principals"]["payee"]
     and F["parties"]["payee_notify_shared_directors"] != []),
    ("the payee's sole shareholder", r"([A-Z][a-z]+ [A-Z][a-z]+-[a-z]+) holds 100 % of the payee",
     lambda m: m.group(1) == F["parties"]["payee_sole_shareholder"]),
    ("one phone number for payer, payee and notify party", r"payer, payee and notify party share one phone number",
     lambda m: set(F["parties"]["shared_phone"]) == {"payer", "payee", "notify"}),
    ("who acts for which listed entity", r"([A-Z][a-z]+ [A-Z][a-z]+-[a-z]+) acts for (KPe\.\d+)",
     lambda m: (m.group(1), m.group(2)) in {tuple(x) for x in F["parties"]["payee_agents_of"]}),
    ("who acts for which listed entity", r"shareholder ([A-Z][a-z]+ [A-Z][a-z]+-[a-z]+) for (KPe\.\d+)",
     lambda m: (m.group(1), m.group(2)) in {tuple(x) for x in F["parties"]["payee_agents_of"]}),
    ("the other ship's flag", r"the ship she lay beside \(([A-Z][a-z]+(?: [A-Z][a-z]+)?)\)",
     lambda m: m.group(1) == F["partner"]["flag"]),
    ("the other ship's flag", r"the other ship's flag state \(([A-Z][a-z]+(?: [A-Z][a-z]+)?)\)",
     lambda m: m.group(1) == F["partner"]["flag"]),
    ("the other ship's name", r"([A-Z]{4,}(?: [A-Z]{3,})+): stopped beside",
     lambda m: [m.group(1)] == F["sts"]["names"]),
    ("where the silence starts", r"starts near the Korea Bay zone", lambda m: F["gap"]["start_zone"] == "ZOC-KB"),
    ("where she met the other ship", r"in the Yellow Sea transfer\s+area", lambda m: F["sts"]["zone"] == "ZOC-YS"),
    ("two containers on the odd bill", r"opened the two\s+containers declared as water pump parts",
     lambda m: F["bill"]["containers"] == 2 and "pump" in F["bill"]["description"]),
    ("the odd bill's port", r"the (\w+) bill is dated inside the silence",
     lambda m: m.group(1) == F["reach"]["port"] and not F["reach"]["declared_on_date"]),
]


@pytest.mark.parametrize("what,pattern,ok", LINKS, ids=[f"{n[0]}:{i}" for i, n in enumerate(LINKS)])
def test_every_link_and_place_the_story_states_is_in_the_data(what, pattern, ok):
    hits = [(name, m) for name, text in ALL.items() for m in re.finditer(pattern, text)]
    assert hits, f"the text no longer states {what} (pattern {pattern!r})"
    for name, m in hits:
        assert ok(m), f"{name}: {m.group(0)!r} disagrees with the data ({what})"


def test_no_sentence_denies_what_the_data_show():
    """E1/E5 of the December review: the data link the manager to the ship she met and to the seller, and a feeder
    could reach the bill's port; sentences saying otherwise fail."""
    lowered = TEXT.lower()
    if F["ships"]["manager_owns_partner"] or F["ships"]["manager_seller_directors"]:
        for phrase in ("nothing links", "no evidence links", "no evidence yet links", "no link between"):
            assert phrase not in lowered, f"'{phrase}' contradicts the manager's links in the data"
    if F["reach"]["knots_no_stop"] < 25:
        for phrase in ("could not have reached", "out of her reach", "far out of her reach"):
            assert phrase not in lowered, f"'{phrase}': the data let a feeder reach {F['reach']['port']}"
    assert "berthed at 04:10" not in lowered or "anchored" in lowered


def test_the_berthing_follows_the_anchorage_and_the_examination_is_timed():
    inj = d.capstone_injects()
    situation = inj["phases"][1]["situation"]
    eta = F["eta"][11:16]
    assert f"anchored at the outer anchorage at {eta}" in situation and eta < "04:10"
    assert "EOD" in situation and "inventory will take days" in situation
    # the friction injects arrive in the order of their game times within a phase
    for phase in (2, 3):
        rows = [f for f in inj["friction"] if f["phase"] == phase]
        assert [f["room"] for f in rows] == sorted(f["room"] for f in rows)


def test_count_of_facts_tested(capsys):
    with capsys.disabled():
        hits = sum(len(list(re.finditer(p, t))) for _, p, _ in NUMBERS + LINKS for t in ALL.values())
        print(f"\n[measure] story/data consistency: {len(NUMBERS) + len(LINKS)} kinds of fact, {hits} statements "
              "recomputed from the data")
    assert len(NUMBERS) + len(LINKS) >= 30
