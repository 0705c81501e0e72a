"""Finance data: banks, customers, the labelled screening set and payment messages with planted patterns."""

from __future__ import annotations

import datetime as dt
import random

from .companies import KOREAN_PEOPLE, NameGuard
from .listing import LIST_EXTRACT

THRESHOLD = 10_000  # the fictional Lumerian reporting threshold (USD)

#: (code, name, country code, country); every BIC uses a *test* location code (second character "0")
BANKS = [
    ("BVEL", "Bank of Vell", "XL", "Lumeria"),
    ("ANSC", "Anselm Commercial Bank", "XL", "Lumeria"),
    ("HLVK", "Halvek Savings Bank", "XL", "Lumeria"),
    ("MRWB", "Marrow Bay Cooperative Bank", "XL", "Lumeria"),
    ("TRSN", "Tarsin Banking Corporation", "HK", "Hong Kong"),
    ("SEVR", "Sevrin Exchange Bank", "HK", "Hong Kong"),
    ("ORLN", "Orlanne Bank", "SG", "Singapore"),
    ("RHVN", "Rhovan Bank Berhad", "MY", "Malaysia"),
    ("FRNB", "Faroun Bank", "AE", "United Arab Emirates"),
    ("QLLN", "Quillon Trust Bank", "US", "United States"),
    ("USTR", "Ustrel Credit Cooperative", "HK", "Hong Kong"),
    ("KSTV", "Kestova Commercial Bank", "CN", "China"),
]


def bic(code: str, cc: str) -> str:
    return f"{code}{cc}H0"


def build_finance(rng: random.Random, registry: dict, fleet: dict, guard: NameGuard) -> dict:
    companies = registry["companies"]
    by_id = {c["company_id"]: c for c in companies}
    kinds = registry["kinds"]
    fronts = registry["planted"]["front_companies"]
    hk_front, hk_front2, lum_front, lum_front2, mh_front, my_front = fronts
    banks = [{"bic": bic(c, cc), "name": n, "country": country, "fictional": True} for c, n, cc, country in BANKS]
    bank_of_country = {}
    for b in banks:
        bank_of_country.setdefault(b["country"], []).append(b["bic"])
    lum_banks = bank_of_country["Lumeria"]
    usd_corr = bic("QLLN", "US")
    sevrin, ustrel = bic("SEVR", "HK"), bic("USTR", "HK")

    def bank_for(jur: str) -> str:
        options = bank_of_country.get(jur) or bank_of_country.get("Hong Kong")
        return rng.choice([b for b in options if b not in (sevrin, ustrel)] or options)

    accounts: dict[str, tuple[str, str]] = {}

    def account(party: str, jur: str) -> tuple[str, str]:
        if party not in accounts:
            b = bank_for(jur)
            accounts[party] = (b, f"{b[:2]}{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}")
        return accounts[party]

    # ---- customers of Lumerian banks (companies and people)
    customers = []
    officers = registry["officers"]
    for c in companies:
        if c["jurisdiction"] == "Lumeria" or c["company_id"] in fronts:
            b, _ = account(c["name"], "Lumeria" if c["jurisdiction"] == "Lumeria" else c["jurisdiction"])
            customers.append({"customer_id": f"CU-{len(customers) + 1:04d}", "bank": b, "name": c["name"],
                              "name_original": None, "party_type": "company", "country": c["jurisdiction"],
                              "date_of_birth": None, "registration_number": c["registration_number"],
                              "address": c["address"], "business_line": c["business_line"],
                              "onboarded": f"{max(2012, int(c['incorporated'][:4]))}-{rng.randint(1, 12):02d}-15",
                              "fictional": True})
    korean = {o["name"]: o for o in officers if o["nationality"] == "DPRK"}
    for o in officers:
        if o["nationality"] in ("Lumeria", "Hong Kong", "Malaysia") or o["name"] in korean:
            variants = [o["name"]] + [v for v in o["name_variants"] if not _is_hangul(v)]
            hangul = next((v for v in o["name_variants"] if _is_hangul(v)), None)
            # the Korean fictional people hold accounts at two banks, under two spellings
            for j, nm in enumerate(variants[:2] if o["name"] in korean else variants[:1]):
                customers.append({"customer_id": f"CU-{len(customers) + 1:04d}",
                                  "bank": lum_banks[(len(customers) + j) % len(lum_banks)], "name": nm,
                                  "name_original": hangul if j == 1 else None, "party_type": "individual",
                                  "country": "Lumeria" if o["nationality"] == "Lumeria" else o["nationality"],
                                  "date_of_birth": o["birth_date"], "registration_number": None,
                                  "address": None, "business_line": None,
                                  "onboarded": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-10",
                                  "fictional": True})

    # ---- payments
    payments = []
    start = dt.date(2026, 6, 1)

    def pay(debtor, djur, creditor, cjur, amount, date, purpose, remit="", *, debtor_bank=None, debtor_account=None,
            inter=None, currency="USD"):
        db, da = account(debtor, djur)
        cb, ca = account(creditor, cjur)
        db = debtor_bank or db
        da = debtor_account or da
        chain = inter if inter is not None else ([usd_corr] if currency == "USD" and db[4:6] != cb[4:6] else [])
        mid = f"MSG-{date:%Y%m%d}-{len(payments) + 1:05d}"
        payments.append({"msg_id": mid, "msg_type": "pacs.008", "date": date, "debtor": debtor, "debtor_account": da,
                         "debtor_bank": db, "creditor": creditor, "creditor_account": ca, "creditor_bank": cb,
                         "intermediary_banks": chain, "amount": round(amount, 2), "currency": currency,
                         "purpose": purpose, "remittance_info": remit, "fictional": True})
        return mid

    ordinary_local = [c for c in companies if c["jurisdiction"] == "Lumeria" and c["company_id"] not in fronts]
    ordinary_foreign = [c for c in companies if c["jurisdiction"] not in ("Lumeria", "DPRK")
                        and c["company_id"] not in fronts]
    purposes = ["payment for goods", "invoice settlement", "freight charges", "trade settlement", "port dues",
                "consulting services", "advance payment", "spare parts"]
    for _ in range(1500):
        a, b = rng.choice(ordinary_local), rng.choice(ordinary_foreign)
        if rng.random() < 0.3:
            a, b = b, a
        amount = rng.choice([rng.uniform(2_000, 40_000), rng.uniform(40_000, 400_000), rng.uniform(500, 9_999)])
        d = start + dt.timedelta(days=rng.randint(0, 121))
        pay(a["name"], a["jurisdiction"], b["name"], b["jurisdiction"], amount, d, rng.choice(purposes),
            f"INV {rng.randint(10000, 99999)}")

    planted: dict[str, list] = {"structuring": [], "nested": [], "layering_chain": []}
    n = lambda cid: by_id[cid]["name"]  # noqa: E731
    # structuring: many transfers just under the threshold from one Lumerian front to the HK hub front
    d = dt.date(2026, 8, 3)
    for _ in range(9):
        planted["structuring"].append(pay(n(lum_front2), "Lumeria", n(hk_front), "Hong Kong",
                                          rng.uniform(9_200, 9_950), d, "consulting services",
                                          f"SERVICE FEE {rng.randint(100, 999)}"))
        d += dt.timedelta(days=rng.choice([1, 1, 2]))
    # nested: a respondent bank's undisclosed downstream bank originates payments through it
    for _ in range(8):
        dd = start + dt.timedelta(days=rng.randint(30, 110))
        planted["nested"].append(pay(
            rng.choice(["Pyolmori Trading Company", "Sinhung Commerce Company", n(my_front)]), "Hong Kong",
            rng.choice([n(lum_front), n(hk_front2), n(mh_front)]), "Lumeria", rng.uniform(30_000, 180_000), dd,
            "trade settlement", f"/INS/{ustrel} ORDERING CUSTOMER OF DOWNSTREAM BANK",
            debtor_bank=sevrin, debtor_account=f"UC{rng.randint(10, 99)} {rng.randint(1000, 9999)} "
            f"{rng.randint(1000, 9999)}", inter=[usd_corr]))
    # layering: a chain of transfers through fresh companies, ending at a front company
    chain_parties = [("Nakdong Resources Trading FZE", "United Arab Emirates")]
    for jur in ["Malaysia", "Singapore", "Hong Kong"]:
        cid = next(c for c in companies if c["jurisdiction"] == jur and c["company_id"] not in fronts
                   and c["company_id"] not in registry["planted"]["lookalikes"]
                   and kinds.get(c["company_id"]) in ("trading", "logistics", "finance"))["company_id"]
        chain_parties.append((n(cid), jur))
    chain_parties.append((n(lum_front), "Lumeria"))
    amount = 486_000.0
    d = dt.date(2026, 9, 7)
    for (a, aj), (b, bj) in zip(chain_parties, chain_parties[1:]):
        planted["layering_chain"].append(pay(a, aj, b, bj, amount, d, rng.choice(["loan repayment", "consulting services",
                                                                                  "investment"]), "REF ONE-OFF"))
        amount = amount * rng.uniform(0.975, 0.99)
        d += dt.timedelta(days=rng.choice([0, 1, 1, 2]))
    payments.sort(key=lambda p: (p["date"], p["msg_id"]))
    for extra in ("Pyolmori Trading Company", "Sinhung Commerce Company", "Nakdong Resources Trading FZE"):
        assert guard.score(extra) < guard.LIMIT, extra  # invented parties must not resemble a listed name

    # ---- the labelled screening set
    pairs = []

    def add_pair(name, ptype, ref, match, variant, details=""):
        entry = next((e for e in LIST_EXTRACT if e["ref"] == ref), None)
        pairs.append({"pair_id": f"SP-{len(pairs) + 1:04d}", "party_name": name, "party_type": ptype,
                      "party_details": details, "list_ref": ref, "list_name": entry["name"] if entry else None,
                      "is_match": match, "variant": variant, "fictional": True})

    true_variants = {
        "KPe.001": [("Korea Mining Development Trading Corporation", "exact"), ("KOMID", "alias"),
                    ("Changgwang Sinyong Corp.", "alias"), ("Korea Mining Dev. Trading Corp", "typo"),
                    ("KOREA MINING DEVELOPEMENT TRADING CORP", "typo")],
        "KPe.002": [("KOREA RYONBONG GENERAL CORP", "exact"), ("Lyongaksan General Trading Corporation", "alias"),
                    ("Korea Ryongbong General Corporation", "transliteration"),
                    ("Ryonbong General Corporation of Korea", "word-order")],
        "KPe.010": [("Green Pine Associated Corp.", "exact"), ("Cho'ngsong Yonhap", "alias"),
                    ("Chongsong Yonhap", "transliteration"), ("Saengpil", "alias"),
                    ("GREEN PINE ASOCIATED CORPORATION", "typo")],
        "KPe.019": [("Korea Complex Equipment Import Corp", "exact"),
                    ("KOREA COMPLEX EQUIPMENT IMPORTS CORPORATION", "typo")],
        "KPe.020": [("Ocean Maritime Management Co., Ltd.", "exact"), ("OMM", "alias"),
                    ("Ocean Maritime Mgmt Co Ltd", "typo"), ("OCEAN MARITME MANAGEMENT COMPANY", "typo")],
        "KPe.022": [("Chongchongang Shipping Co.", "exact"), ("Chong Chon Gang Shipping Company", "transliteration"),
                    ("CHONGCHONGANG SHIPPING CO LTD", "exact")],
        "KPi.033": [("Ri Won Ho", "exact", "nationality DPRK"), ("Ri Won-ho", "alias", "nationality DPRK"),
                    ("RI WONHO", "transliteration", "nationality DPRK"), ("Lee Won Ho", "transliteration",
                                                                        "nationality DPRK"),
                    ("리원호", "hangul", "nationality DPRK"), ("Won Ho Ri", "word-order", "nationality DPRK")],
    }
    for ref, variants in true_variants.items():
        ptype = "individual" if ref.startswith("KPi") else "company"
        for v in variants:
            add_pair(v[0], ptype, ref, True, v[1], v[2] if len(v) > 2 else "")
    false_cases = [
        ("Green Pine Furniture Trading Ltd", "company", "KPe.010", "look-alike", "Lumeria; furniture retailer since 1998"),
        ("Korea Mining Equipment Co., Ltd", "company", "KPe.001", "look-alike", "Republic of Korea; equipment dealer"),
        ("Ocean Maritime Services Limited", "company", "KPe.020", "look-alike", "Singapore; crew agency"),
        ("Ocean Marine Management Pte Ltd", "company", "KPe.020", "look-alike", "Singapore; ship management"),
        ("Complex Equipment Import Agency", "company", "KPe.019", "look-alike", "Lumeria; medical devices"),
        ("Ri Won Ho", "individual", "KPi.033", "look-alike", "nationality Republic of Korea; born 1994; student"),
        ("Ri Won-chol", "individual", "KPi.033", "look-alike", "nationality DPRK"),
        ("Lee Won-hee", "individual", "KPi.033", "look-alike", "nationality Republic of Korea"),
        ("Chong Shipping Company", "company", "KPe.022", "look-alike", "Malaysia; barge operator"),
    ]
    for name, ptype, ref, variant, details in false_cases:
        add_pair(name, ptype, ref, False, variant, details)
    # the fictional people and fronts are NOT on the list (the network, not the name, gives them away)
    for name, variants, _ in KOREAN_PEOPLE:
        add_pair(name, "individual", "KPi.033", False, "unrelated", "fictional customer, nationality DPRK")
    for cid in fronts:
        add_pair(n(cid), "company", rng.choice(["KPe.001", "KPe.010"]), False, "unrelated", by_id[cid]["jurisdiction"])
    for c in rng.sample([c for c in companies if c["company_id"] not in fronts], 70):
        add_pair(c["name"], "company", rng.choice([e["ref"] for e in LIST_EXTRACT if e["type"] == "entity"]), False,
                 "unrelated", c["jurisdiction"])
    order = list(range(len(pairs)))
    rng.shuffle(order)
    pairs = [dict(pairs[i], pair_id=f"SP-{k + 1:04d}") for k, i in enumerate(order)]

    tables = {"banks": banks, "customers": customers, "payments": payments, "screening_pairs": pairs}
    return {"tables": tables, "planted": planted}


def _is_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)
