"""Invented companies, people, addresses and phones; the front-company cluster; name safety."""

from __future__ import annotations

import random

from .listing import list_names


SECTORS = {
    "shipping": ["Shipping", "Maritime", "Marine", "Navigation", "Ship Management", "Ocean Lines"],
    "trading": ["Trading", "Commodities", "Import Export", "Supply", "Merchants", "General Trade"],
    "industry": ["Machinery", "Engineering", "Industrial", "Metals", "Electronics", "Tools"],
    "food": ["Foods", "Agro", "Sugar Refining", "Grain", "Fisheries"],
    "logistics": ["Logistics", "Freight", "Forwarding", "Warehousing"],
    "finance": ["Holdings", "Capital", "Investments", "Consulting"],
}

#: legal form by jurisdiction; every invented phone number uses +999 (not assigned to any country by the ITU)
#: followed by a two-digit "area" per jurisdiction
JURISDICTIONS = {
    "Lumeria": {"code": "XL", "forms": ["Ltd", "LLC", "Company"], "phone": "+999 41",
                 "city": ["Vell", "Port Anselm", "Marrow Bay"]},
    "Hong Kong": {"code": "HK", "forms": ["Limited", "Co., Limited"], "phone": "+999 52", "city": ["Hong Kong"]},
    "Singapore": {"code": "SG", "forms": ["Pte Ltd"], "phone": "+999 65", "city": ["Singapore"]},
    "Marshall Islands": {"code": "MH", "forms": ["Inc.", "Corp."], "phone": "+999 69", "city": ["Majuro"]},
    "Panama": {"code": "PA", "forms": ["S.A.", "Inc."], "phone": "+999 50", "city": ["Panama City"]},
    "Malaysia": {"code": "MY", "forms": ["Sdn Bhd"], "phone": "+999 60", "city": ["Kuala Lumpur"]},
    "United Arab Emirates": {"code": "AE", "forms": ["FZE", "LLC"], "phone": "+999 97", "city": ["Dubai"]},
    "China": {"code": "CN", "forms": ["Co., Ltd"], "phone": "+999 86",
                 "city": ["Dalian", "Qingdao", "Ningbo", "Tianjin"]},
    "Republic of Korea": {"code": "KR", "forms": ["Co., Ltd"], "phone": "+999 82", "city": ["Busan", "Incheon"]},
    "Japan": {"code": "JP", "forms": ["K.K."], "phone": "+999 81", "city": ["Fukuoka"]},
    "DPRK": {"code": "KP", "forms": ["Company", "Corporation"], "phone": "+999 85", "city": ["Pyongyang", "Nampo"]},
}

#: invented street names (no real street intended)
_STREETS = [f"{a} {b}" for a in ("Ombrel", "Castavel", "Peldry", "Sundrel", "Varnel", "Quistel", "Drevan",
                                 "Lorrimar", "Mossvane", "Hethrin") for b in ("Road", "Street", "Avenue", "Quay")]

#: the fictional people: Korean names with their romanisation variants and Hangul (all invented)
KOREAN_PEOPLE = [
    ("Kim Chol-su", ["Kim Chol Su", "KIM CHOLSU", "Kim Cheol-su", "김철수"], "DPRK"),
    ("Pak Myong-hui", ["Pak Myong Hui", "PARK MYONGHUI", "Bak Myeong-hui", "박명희"], "DPRK"),
    ("Choe Kwang-il", ["Choe Kwang Il", "CHOI KWANGIL", "Choi Gwang-il", "최광일"], "DPRK"),
    ("Han Yong-nam", ["Han Yong Nam", "HAN YONGNAM", "Han Yeong-nam", "한영남"], "DPRK"),
    ("Jo Song-min", ["Jo Song Min", "CHO SONGMIN", "Jo Seong-min", "조성민"], "DPRK"),
]
#: invented people of other nationalities (nominee directors, managers, customers)
OTHER_PEOPLE = [
    ("Talia Vorsen", "Lumeria"), ("Anders Qell", "Lumeria"), ("Mira Talven", "Lumeria"), ("Oskar Brenn", "Lumeria"),
    ("Ines Marrow", "Lumeria"), ("Corin Vale", "Lumeria"), ("Esme Halloran", "Lumeria"), ("Davin Roske", "Lumeria"),
    ("Lio Fennick", "Lumeria"), ("Petra Osk", "Lumeria"), ("Ruben Caddel", "Lumeria"), ("Sela Dunmore", "Lumeria"),
    ("Wen Haolin", "China"), ("Lau Kit-ying", "Hong Kong"), ("Rajan Velu", "Malaysia"), ("Nur Aisyah Kamal", "Malaysia"),
    ("Tobias Ekwall", "Sweden"), ("Marta Solvik", "Norway"), ("Jun Tae-woo", "Republic of Korea"),
    ("Farid Al Noor", "United Arab Emirates"), ("Hana Okabe", "Japan"), ("Leon Marchetti", "Italy"),
    ("Cato Renwick", "Lumeria"), ("Yara Poll", "Lumeria"),
]


#: invented name roots (no meaning; chosen to read as plausible brand names)
ROOTS = """Velmora Tarsin Kestova Morwen Dravik Solenne Halvek Brenmar Quorra Ostrel Caldris Fennow Ilvar Nerrow
Pallis Rhovan Sarkel Tevrin Ulmark Varesh Wyndle Yarrick Zenthos Aubrel Belcaro Corvane Delmara Elstrand Faroun
Galvessa Hestra Irvane Kalder Lorvane Mendrel Norvasse Orlanne Pervane Quillon Rosmer Sevrin Talmyr Ustrel Vantor
Wexmoor Xandrel Zarvik Amberlune Brightfen Cindral Dunvessa Eskmor Fallowmere Greyhollow Harrowvane Isolde Juniver
Kelvaro Lantrel Marrowind Nettleby Oakhaven Pemberlune Quessane Ravensel Silvanor Thistlemar Umberlane Valdris
Westerlune Yellowmere Zephrine Anselmar Bellwater Corrandel Dovrak Emberlyn Frostvale Glimmerton Hallowmere
Ironvale Kestrelmoor Larkspire Mistral Norwend Opaline Pinecrest Quarrel Rookhaven Saltmere Tidewell""".split()


def pseudo_word(rng: random.Random, syllables: int | None = None) -> str:
    """An invented name root; two roots joined when the list runs out of fresh combinations."""
    root = rng.choice(ROOTS)
    return root if rng.random() < 0.85 else root + rng.choice(["ton", "more", "field", "gate", "wick"])


class NameGuard:
    """Rejects invented names that resemble a list-extract name (fingerprints + rapidfuzz token_set_ratio >= 80)."""

    LIMIT = 80

    def __init__(self) -> None:
        import fingerprints

        self._fp = fingerprints.generate
        self._list = [self._fp(n) or n.lower() for n in list_names()]
        self.used: set[str] = set()
        # roots already taken by the invented banks, P&I clubs and places, so no company seems related to them
        self.roots: set[str] = {"Tarsin", "Sevrin", "Orlanne", "Rhovan", "Faroun", "Quillon", "Ustrel", "Kestova",
                                "Halvek", "Tidewell", "Kestrelmoor", "Anselmar"}

    def score(self, name: str) -> float:
        from rapidfuzz import fuzz

        fp = self._fp(name) or name.lower()
        return max(fuzz.token_set_ratio(fp, ln) for ln in self._list)

    def ok(self, name: str) -> bool:
        return name.lower() not in self.used and self.score(name) < self.LIMIT

    def take(self, name: str) -> bool:
        if self.ok(name):
            self.used.add(name.lower())
            return True
        return False


#: the registered agent every Marshall Islands non-resident company must have: its office is the company's
#: registered address (invented street; real registered agents serve tens of thousands of companies)
MARSHALL_ISLANDS_AGENT = "Quistel Agency House, 34 Quistel Road, Majuro, Marshall Islands"


def finish_registry(registry: dict, fleet: dict) -> None:
    """What the register shows once every company exists (the fleet adds ship-owning companies).

    Every Marshall Islands company has its registered agent's address, so a registry-wide hub exists that the
    finance-03 method must leave out. The hulls' former DPRK operator (an agent of a listed entity in the story)
    holds the shares of the single-ship company that now owns one laundered hull: control runs from the
    operator to the owner, and the owner's registered address is the hub.
    """
    for c in registry["companies"]:
        if c["jurisdiction"] == "Marshall Islands":
            c["address"] = MARSHALL_ISLANDS_AGENT
    operator = fleet["planted"]["dprk_operator"]
    owner = fleet["role"]["L1"]["registered_owner"]
    registry["company_links"].append({"source_id": operator, "relation": "shareholder_of", "target_id": owner,
                                      "share_pct": 100.0, "start": "2025-01-15", "end": None, "fictional": True})


def network(registry: dict, listed_refs: set[str]) -> list[str]:
    """Companies of the planted network: the fronts, every company that acts for a listed entity, and every
    company such an agent directs or owns."""
    ids = {c["company_id"] for c in registry["companies"]}
    links = registry["company_links"]
    agents = {l["source_id"] for l in links if l["relation"] == "agent_of" and l["target_id"] in listed_refs}
    out = set(registry["planted"]["front_companies"]) | (agents & ids)
    out |= {l["target_id"] for l in links if l["source_id"] in agents and l["target_id"] in ids
            and l["relation"] in ("director_of", "secretary_of", "shareholder_of")}
    return sorted(out)


def company_name(rng: random.Random, guard: NameGuard, sector: str, jurisdiction: str) -> str:
    forms = JURISDICTIONS[jurisdiction]["forms"]
    while True:
        root = pseudo_word(rng)
        if root in guard.roots:
            continue
        name = f"{root} {rng.choice(SECTORS[sector])} {rng.choice(forms)}"
        if guard.take(name):
            guard.roots.add(root)
            return name


def reg_number(rng: random.Random, jurisdiction: str) -> str:
    """An invented company registration number with the jurisdiction's two-letter code."""
    return f"{JURISDICTIONS[jurisdiction]['code']}-{rng.randint(100000, 999999)}"


def address(rng: random.Random, jurisdiction: str, unit: str | None = None) -> str:
    city = rng.choice(JURISDICTIONS[jurisdiction]["city"])
    number = rng.randint(2, 240)
    unit = unit or f"Unit {rng.randint(1, 30)}{rng.choice('ABCDEF')}"
    return f"{unit}, {number} {rng.choice(_STREETS)}, {city}, {jurisdiction}"


def phone(rng: random.Random, jurisdiction: str) -> str:
    return f"{JURISDICTIONS[jurisdiction]['phone']} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def build_registry(rng: random.Random, guard: NameGuard) -> dict:
    """Companies, officers and links, with the planted front cluster. Returns a dict of lists + ``planted``."""
    companies: list[dict] = []
    officers: list[dict] = []
    links: list[dict] = []

    def add_company(name, jurisdiction, sector, *, incorporated, status="active", addr=None, tel=None, line=None):
        cid = f"C-{len(companies) + 1:04d}"
        companies.append({
            "company_id": cid, "name": name, "jurisdiction": jurisdiction,
            "registration_number": reg_number(rng, jurisdiction),
            "incorporated": incorporated, "status": status, "address": addr or address(rng, jurisdiction),
            "phone": tel or phone(rng, jurisdiction), "business_line": line or sector, "fictional": True,
        })
        return cid

    def add_person(name, variants, nationality, birth):
        pid = f"P-{len(officers) + 1:04d}"
        officers.append({"person_id": pid, "name": name, "name_variants": list(variants), "nationality": nationality,
                         "birth_date": birth, "fictional": True})
        return pid

    def date(y0, y1):
        return f"{rng.randint(y0, y1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    people = {}
    for name, variants, nat in KOREAN_PEOPLE:
        people[name] = add_person(name, variants, nat, date(1962, 1985))
    for name, nat in OTHER_PEOPLE:
        people[name] = add_person(name, [], nat, date(1955, 1992))
    generic_people = [people[n] for n, _ in OTHER_PEOPLE]

    # ---- ordinary companies (the vast majority: nothing wrong with them)
    plan = ([("Lumeria", "trading")] * 10 + [("Lumeria", "industry")] * 6 + [("Lumeria", "food")] * 5
            + [("Lumeria", "logistics")] * 5 + [("Lumeria", "shipping")] * 5 + [("Hong Kong", "trading")] * 5
            + [("Singapore", "trading")] * 4 + [("Singapore", "shipping")] * 4 + [("Marshall Islands", "shipping")] * 8
            + [("Panama", "shipping")] * 5 + [("Malaysia", "trading")] * 4 + [("United Arab Emirates", "trading")] * 3
            + [("Hong Kong", "logistics")] * 3 + [("Lumeria", "finance")] * 3)
    kinds: dict[str, str] = {}
    for jur, sector in plan:
        cid = add_company(company_name(rng, guard, sector, jur), jur, sector, incorporated=date(1988, 2021))
        kinds[cid] = sector
        for person in rng.sample(generic_people, rng.choice([1, 1, 2])):
            links.append({"source_id": person, "relation": "director_of", "target_id": cid,
                          "share_pct": None, "start": companies[-1]["incorporated"], "end": None, "fictional": True})

    # ---- the planted front cluster (invented fronts acting, in the story, for listed KPe.010 and KPe.001)
    hub_addr = address(rng, "Hong Kong", unit="Room 1704")
    hub_phone = phone(rng, "Hong Kong")
    lum_addr = address(rng, "Lumeria", unit="Suite 9")
    lum_phone = phone(rng, "Lumeria")
    kim, pak, choe = people["Kim Chol-su"], people["Pak Myong-hui"], people["Choe Kwang-il"]
    nominee = people["Lau Kit-ying"]
    fronts = []
    spec = [
        ("Hong Kong", "trading", hub_addr, hub_phone, [kim, nominee], "2023-02-14"),
        ("Hong Kong", "logistics", hub_addr, phone(rng, "Hong Kong"), [nominee], "2023-06-02"),
        ("Lumeria", "industry", lum_addr, hub_phone, [pak], "2024-01-19"),
        ("Lumeria", "trading", lum_addr, lum_phone, [pak, people["Davin Roske"]], "2024-03-08"),
        ("Marshall Islands", "shipping", address(rng, "Marshall Islands", unit="Trust Company Complex"),
         lum_phone, [choe], "2024-09-30"),
        ("Malaysia", "trading", address(rng, "Malaysia"), hub_phone, [kim], "2025-01-07"),
    ]
    for jur, sector, addr, tel, directors, inc in spec:
        cid = add_company(company_name(rng, guard, sector, jur), jur, sector, incorporated=inc, addr=addr, tel=tel,
                          line="general trading" if sector == "trading" else sector)
        kinds[cid] = sector
        fronts.append(cid)
        for d in directors:
            links.append({"source_id": d, "relation": "director_of", "target_id": cid, "share_pct": None,
                          "start": inc, "end": None, "fictional": True})
    # shareholdings inside the cluster
    links.append({"source_id": fronts[0], "relation": "shareholder_of", "target_id": fronts[1], "share_pct": 100.0,
                  "start": "2023-06-02", "end": None, "fictional": True})
    links.append({"source_id": fronts[0], "relation": "shareholder_of", "target_id": fronts[3], "share_pct": 60.0,
                  "start": "2024-03-08", "end": None, "fictional": True})
    links.append({"source_id": people["Han Yong-nam"], "relation": "shareholder_of", "target_id": fronts[0],
                  "share_pct": 100.0, "start": "2023-02-14", "end": None, "fictional": True})
    # the fictional intermediaries' link to the real listed entities (in the story only)
    links.append({"source_id": people["Han Yong-nam"], "relation": "agent_of", "target_id": "KPe.010", "share_pct": None,
                  "start": "2019-01-01", "end": None, "fictional": True})
    links.append({"source_id": people["Kim Chol-su"], "relation": "agent_of", "target_id": "KPe.001", "share_pct": None,
                  "start": "2021-01-01", "end": None, "fictional": True})

    # ---- innocent look-alikes: share exactly one attribute with the cluster
    lookalikes = []
    for jur, sector, addr, tel in [
        ("Hong Kong", "trading", hub_addr, None),  # same serviced-office address (a business centre)
        ("Lumeria", "food", None, lum_phone),  # re-used phone number after the old firm closed
        ("Singapore", "logistics", None, None),  # shares a common nominee director only
    ]:
        cid = add_company(company_name(rng, guard, sector, jur), jur, sector, incorporated=date(2005, 2015),
                          addr=addr, tel=tel)
        kinds[cid] = sector
        lookalikes.append(cid)
    links.append({"source_id": nominee, "relation": "director_of", "target_id": lookalikes[2], "share_pct": None,
                  "start": "2012-05-01", "end": None, "fictional": True})
    companies[int(lookalikes[0][2:]) - 1]["address"] = hub_addr

    return {"companies": companies, "officers": officers, "company_links": links, "kinds": kinds,
            "people": people, "planted": {"front_companies": fronts, "lookalikes": lookalikes}}
