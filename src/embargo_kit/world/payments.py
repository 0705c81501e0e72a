"""Finance data: banks, customers, the labelled screening set and payment messages with planted patterns.

Payments are customer credit transfers in the fields of an ISO 20022 ``pacs.008`` as the creditor's bank
received it: debtor and creditor agents (``DbtrAgt``, ``CdtrAgt``), the instructing and instructed agents of
that last message (``InstgAgt``, ``InstdAgt``: for a serial payment the correspondent sent it on), the banks
other than the debtor's bank that passed it on before (``PrvsInstgAgt1``-``3``), the instructed amount and
currency the payer ordered (``InstdAmt``; the kit's payers always order in their account's currency, which real
payers need not do), the exchange rate (``XchgRate``) and the interbank settlement amount in the currency
credited to the creditor (``IntrBkSttlmAmt``). ``intermediary_banks`` is the kit's own summary column, not an
element of that message: the correspondent(s) a serial payment passed through (in the last message the
correspondent is the instructing agent; an intermediary agent, ``IntrmyAgt1``-``3``, names a bank still to come). Nothing is hidden in free text: ``remittance_info`` is the
unstructured remittance information (``RmtInf/Ustrd``: invoice and contract references), never routing.

Every customer transfer carries a UETR (``PmtId/UETR``), a UUID v4 that the payer's bank gives the payment and
every bank passes on unchanged; a new payment (the next step of a layering chain) gets a new one. Banks of
:data:`COVER_BANKS` send US-dollar transfers abroad by the **cover method** (``SttlmMtd`` ``COVE``): the
``pacs.008`` goes straight to the creditor's bank, and the money moves in a separate ``pacs.009`` COV from the
debtor's bank to the US correspondent (table ``cover_payments``), which carries the same UETR and a copy of the
underlying customer transfer's parties (``UndrlygCstmrCdtTrf``). Serial transfers have no cover leg: the
``pacs.008`` itself goes bank to bank through the correspondent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid

from .companies import KOREAN_PEOPLE, NameGuard
from .listing import LIST_EXTRACT

THRESHOLD = 10_000  # the fictional Lumerian reporting threshold (USD or its equivalent)

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

#: the downstream relationships the banks' correspondent files declare (downstream bank -> the bank whose
#: US-dollar correspondent account it uses); any other bank found in that position is undisclosed nesting
DECLARED_NESTED = {"MRWB": "ANSC"}

#: currency of the accounts a party of each jurisdiction holds (first: home currency); Lumeria, a fictional
#: country, has no ISO 4217 currency: its traders hold US-dollar and euro accounts
ACCOUNT_CURRENCIES = {
    "Lumeria": ["USD", "EUR"], "Hong Kong": ["HKD", "USD"], "Singapore": ["SGD", "USD"], "Malaysia": ["MYR", "USD"],
    "United Arab Emirates": ["AED", "USD"], "China": ["CNY", "USD"], "Republic of Korea": ["KRW", "USD"],
    "Japan": ["JPY", "USD"], "Marshall Islands": ["USD"], "Panama": ["USD"], "DPRK": ["USD"],
}

#: FIU-L's reference rates for June-September 2026 (fictional, held fixed for the exercise): USD per unit
REFERENCE_RATES = {"USD": 1.0, "EUR": 1.08, "HKD": 0.128, "SGD": 0.74, "MYR": 0.22, "AED": 0.2723, "CNY": 0.139,
                   "KRW": 0.00074, "JPY": 0.0066}


#: banks that send US-dollar customer transfers abroad by the cover method (the others send them serially)
COVER_BANKS = ("FRNB", "RHVN", "ORLN")


def uetr(msg_id: str) -> str:
    """A UUID v4 (the UETR's format) derived from the message ID, so regeneration draws nothing random."""
    return str(uuid.UUID(bytes=hashlib.sha256(f"uetr:{msg_id}".encode()).digest()[:16], version=4))


def bic(code: str, cc: str) -> str:
    return f"{code}{cc}H0"


def build_finance(rng: random.Random, registry: dict, fleet: dict, guard: NameGuard) -> dict:
    companies = registry["companies"]
    by_id = {c["company_id"]: c for c in companies}
    kinds = registry["kinds"]
    fronts = registry["planted"]["front_companies"]
    hk_front, hk_front2, lum_front, lum_front2, mh_front, my_front = fronts
    codes = {bic(c, cc): c for c, _, cc, _ in BANKS}
    by_code = {c: b for b, c in codes.items()}
    banks = [{"bic": bic(c, cc), "name": n, "country": country,
              "clears_through": by_code[DECLARED_NESTED[c]] if c in DECLARED_NESTED else None, "fictional": True}
             for c, n, cc, country in BANKS]
    bank_of_country = {}
    for b in banks:
        bank_of_country.setdefault(b["country"], []).append(b["bic"])
    lum_banks = bank_of_country["Lumeria"]
    usd_corr = bic("QLLN", "US")
    sevrin, ustrel = bic("SEVR", "HK"), bic("USTR", "HK")
    marrow, anselm = bic("MRWB", "XL"), bic("ANSC", "XL")

    def bank_for(jur: str, avoid: tuple = ()) -> str:
        options = bank_of_country.get(jur) or bank_of_country.get("Hong Kong")
        return rng.choice([b for b in options if b not in (sevrin, ustrel, *avoid)] or options)

    def account_number(b: str) -> str:
        return f"{b[:2]}{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"

    #: party name -> (bank, account number, account currency); a party's main account
    accounts: dict[str, tuple[str, str, str]] = {}

    def account(party: str, jur: str, currency: str | None = None) -> tuple[str, str, str]:
        if party not in accounts:
            b = bank_for(jur)
            ccys = ACCOUNT_CURRENCIES.get(jur, ["USD"])
            ccy = currency or (ccys[0] if len(ccys) == 1 or rng.random() < 0.6 else rng.choice(ccys[1:]))
            accounts[party] = (b, account_number(b), ccy)
        return accounts[party]

    # ---- customers of Lumerian banks (companies and people)
    customers = []
    officers = registry["officers"]
    for c in companies:
        if c["jurisdiction"] == "Lumeria" or c["company_id"] in fronts:
            # the fronts hold US-dollar accounts (the capstone's payments use them)
            b, _, _ = account(c["name"], c["jurisdiction"], "USD" if c["company_id"] in fronts else None)
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

    def pay(debtor, djur, creditor, cjur, instructed, date, purpose, remit, *, debtor_acc=None, creditor_acc=None,
            via=None):
        """One customer transfer. ``instructed`` is in the debtor account's currency; the creditor is credited in
        the creditor account's currency at the reference rate with a small dealing spread."""
        db, da, dccy = debtor_acc or account(debtor, djur)
        cb, ca, cccy = creditor_acc or account(creditor, cjur)
        rate = None
        settled = instructed
        if dccy != cccy:
            rate = round(REFERENCE_RATES[dccy] / REFERENCE_RATES[cccy] * rng.uniform(0.994, 0.999), 6)
            settled = instructed * rate
        # US dollars between banks of two countries clear through the US correspondent (an intermediary agent);
        # other currencies move between the banks' own accounts with each other
        inter = [usd_corr] if cccy == "USD" and db[4:6] != cb[4:6] and usd_corr not in (db, cb) else []
        # a bank without its own correspondent account uses another bank's: that bank passes the payment on
        previous = [via] if via and inter else []
        # cover method: the pacs.008 goes straight to the creditor's bank; the money goes in a pacs.009 COV
        cover = bool(inter) and not previous and db[:4] in COVER_BANKS
        if cover:
            inter = []
        instructing = inter[-1] if inter else db
        mid = f"MSG-{date:%Y%m%d}-{len(payments) + 1:05d}"
        payments.append({"msg_id": mid, "msg_type": "pacs.008", "uetr": uetr(mid), "date": date, "debtor": debtor,
                         "debtor_account": da, "debtor_bank": db, "creditor": creditor, "creditor_account": ca,
                         "creditor_bank": cb, "instructing_agent": instructing, "instructed_agent": cb,
                         "previous_instructing_agents": previous,
                         "intermediary_banks": inter, "instructed_amount": round(instructed, 2),
                         "instructed_currency": dccy, "exchange_rate": rate, "amount": round(settled, 2),
                         "currency": cccy, "settled_by_cover": cover, "purpose": purpose, "remittance_info": remit,
                         "fictional": True})
        return mid

    ordinary_local = [c for c in companies if c["jurisdiction"] == "Lumeria" and c["company_id"] not in fronts]
    ordinary_foreign = [c for c in companies if c["jurisdiction"] not in ("Lumeria", "DPRK")
                        and c["company_id"] not in fronts]

    # the layering chain's parties are chosen first, so ordinary traffic can keep out of its days
    def pick(jur, taken):
        return next(c for c in companies if c["jurisdiction"] == jur and c["company_id"] not in fronts
                    and c["company_id"] not in registry["planted"]["lookalikes"] and c["company_id"] not in taken
                    and kinds.get(c["company_id"]) in ("trading", "logistics", "finance"))["company_id"]

    chain_ids: list[str] = []
    for jur in ["Malaysia", "Singapore", "Hong Kong", "Hong Kong"]:
        chain_ids.append(pick(jur, chain_ids))
    chain_names = {by_id[c]["name"] for c in chain_ids}
    chain_days = (dt.date(2026, 9, 5), dt.date(2026, 9, 20))
    n = lambda cid: by_id[cid]["name"]  # noqa: E731
    a_name = "Nakdong Resources Trading FZE"
    b_id, c_id, d1_id, d2_id = chain_ids
    acc_a = account(a_name, "United Arab Emirates", "USD")
    acc_b = account(n(b_id), "Malaysia", "USD")
    acc_c = account(n(c_id), "Singapore", "SGD")
    acc_d1 = account(n(d1_id), "Hong Kong", "HKD")
    acc_d2 = account(n(d2_id), "Hong Kong", "USD")

    purposes = ["payment for goods", "invoice settlement", "freight charges", "trade settlement", "port dues",
                "consulting services", "advance payment", "spare parts"]
    for _ in range(1500):
        a, b = rng.choice(ordinary_local), rng.choice(ordinary_foreign)
        if rng.random() < 0.3:
            a, b = b, a
        usd = rng.choice([rng.uniform(2_000, 40_000), rng.uniform(40_000, 400_000), rng.uniform(500, 9_999)])
        d = start + dt.timedelta(days=rng.randint(0, 121))
        if a["name"] in chain_names and chain_days[0] <= d <= chain_days[1]:
            continue  # the chain's accounts send nothing else while the money passes through them
        dccy = account(a["name"], a["jurisdiction"])[2]
        pay(a["name"], a["jurisdiction"], b["name"], b["jurisdiction"], usd / REFERENCE_RATES[dccy], d,
            rng.choice(purposes), f"INV {rng.randint(10000, 99999)}",
            via=anselm if accounts[a["name"]][0] == marrow else None)
    _keep_ordinary_out_of_structuring(payments)

    planted: dict[str, list] = {"structuring": [], "nested": [], "layering_chain": [], "layering_end_accounts": []}
    # the planted payments' purposes and references are drawn like the background's (D29: no field gives them
    # away), from a stream of their own, so the other tables drawn after them do not move
    # (seeded from the main stream's state without advancing it); the main stream's own draws below are kept
    texts = random.Random(hashlib.sha256(repr(rng.getstate()).encode()).hexdigest())

    def purpose() -> str:
        return texts.choice(purposes)

    def invoice() -> str:
        return f"INV {texts.randint(10000, 99999)}"

    # structuring: many transfers just under the threshold from one Lumerian front to the HK hub front, from its
    # US-dollar account, then from a euro account it opened at a second bank
    d = dt.date(2026, 8, 3)
    for _ in range(9):
        amount, _ = rng.uniform(9_200, 9_950), rng.randint(100, 999)  # the second draw is kept: see texts
        planted["structuring"].append(pay(n(lum_front2), "Lumeria", n(hk_front), "Hong Kong", amount, d, purpose(),
                                          invoice()))
        d += dt.timedelta(days=rng.choice([1, 1, 2]))
    euro_bank = bank_for("Lumeria", avoid=(accounts[n(lum_front2)][0], marrow))
    euro_account = (euro_bank, account_number(euro_bank), "EUR")
    d += dt.timedelta(days=6)
    for _ in range(4):
        amount, _ = rng.uniform(8_550, 9_200), rng.randint(100, 999)
        planted["structuring"].append(pay(n(lum_front2), "Lumeria", n(my_front), "Malaysia", amount, d, purpose(),
                                          invoice(), debtor_acc=euro_account))
        d += dt.timedelta(days=rng.choice([2, 3]))
    # nested: customers of a downstream bank (Ustrel) pay through its respondent's (Sevrin's) US-dollar
    # correspondent account; Ustrel is the debtor agent and Sevrin a previous instructing agent, and neither
    # bank's file declares the relationship
    for _ in range(8):
        dd = start + dt.timedelta(days=rng.randint(30, 110))
        payer = rng.choice(["Pyolmori Trading Company", "Sinhung Commerce Company", n(my_front)])
        payer_acc = accounts.setdefault(f"{payer} @ustrel", (ustrel, account_number(ustrel), "USD"))
        planted["nested"].append(pay(
            payer, "Hong Kong", rng.choice([n(lum_front), n(lum_front2)]), "Lumeria",
            rng.uniform(30_000, 180_000), dd, purpose(), f"INV {rng.randint(10000, 99999)}",
            debtor_acc=payer_acc, via=sevrin))
    # layering: A -> B -> C, which splits the money between D1 and D2; each passes it on to an end point.
    # Amounts pass on 97.5-99 % of what arrived, in the account's currency; one leg converts to SGD, one to HKD.
    acc_end1, acc_end2 = account(n(lum_front), "Lumeria", "USD"), account(n(mh_front), "Marshall Islands", "USD")
    for hi in (999, 9999, 99999, 99999, 9999, 9999):  # draws kept: see texts
        rng.randint(100 if hi == 999 else 1000 if hi == 9999 else 10000, hi)
    refs = iter([invoice() for _ in range(6)])
    d = dt.date(2026, 9, 7)
    lay = planted["layering_chain"]

    def leg(frm, to, acc_from, acc_to, instructed, day):
        mid = pay(frm, None, to, None, instructed, day, purpose(), next(refs), debtor_acc=acc_from,
                  creditor_acc=acc_to)
        lay.append(mid)
        return payments[-1]["amount"]

    got_b = leg(a_name, n(b_id), acc_a, acc_b, 486_000.0, d)
    d += dt.timedelta(days=1)
    got = leg(n(b_id), n(c_id), acc_b, acc_c, got_b * rng.uniform(0.975, 0.99), d)
    d += dt.timedelta(days=rng.choice([0, 1]))
    share = rng.uniform(0.54, 0.6)
    keep = rng.uniform(0.975, 0.99)
    got1 = leg(n(c_id), n(d1_id), acc_c, acc_d1, got * share, d)
    got2 = leg(n(c_id), n(d2_id), acc_c, acc_d2, got * (keep - share), d + dt.timedelta(days=1))
    d += dt.timedelta(days=2)
    leg(n(d1_id), n(lum_front), acc_d1, acc_end1, got1 * rng.uniform(0.975, 0.99), d)
    leg(n(d2_id), n(mh_front), acc_d2, acc_end2, got2 * rng.uniform(0.975, 0.99), d + dt.timedelta(days=1))
    planted["layering_end_accounts"] = [acc_end1[1], acc_end2[1]]
    # a second account of B at another bank pays an ordinary supplier a similar sum the same week: a trace by
    # names finds two candidates here, a trace by accounts only the right one
    b_second = bank_for("Malaysia", avoid=(acc_b[0],))
    supplier = next(c for c in ordinary_local if c["name"] not in chain_names)
    pay(n(b_id), "Malaysia", supplier["name"], "Lumeria", got_b * rng.uniform(0.93, 0.96),
        dt.date(2026, 9, 9), "payment for goods", f"INV {rng.randint(10000, 99999)}",
        debtor_acc=(b_second, account_number(b_second), "USD"))
    _renumber(payments, planted)
    for extra in ("Pyolmori Trading Company", "Sinhung Commerce Company", "Nakdong Resources Trading FZE"):
        assert guard.score(extra) < guard.LIMIT, extra  # invented parties must not resemble a listed name

    covers = _cover_legs(payments, usd_corr)
    pairs, alerts = _screening_set(rng, companies, fronts, by_id)
    fx = [{"currency": c, "usd_per_unit": r, "valid_from": dt.date(2026, 6, 1), "valid_to": dt.date(2026, 9, 30),
           "fictional": True} for c, r in sorted(REFERENCE_RATES.items())]
    tables = {"banks": banks, "customers": customers, "payments": payments, "cover_payments": covers,
              "screening_pairs": pairs,
              "screening_alerts": alerts, "fx_rates": fx}
    from .companies import network

    planted["network_companies"] = network(registry, {e["ref"] for e in LIST_EXTRACT})
    return {"tables": tables, "planted": planted}


def _renumber(payments: list[dict], planted: dict[str, list]) -> None:
    """Sort the messages by date and number them in one sequence (D29): within a day the order comes from a hash
    of the draft ID, so the planted payments, made last, do not stand at the end of their days or of the series."""
    payments.sort(key=lambda p: (p["date"], hashlib.sha256(p["msg_id"].encode()).hexdigest()))
    new_id = {}
    for k, p in enumerate(payments, start=1):
        new_id[p["msg_id"]] = f"MSG-{p['date']:%Y%m%d}-{k:05d}"
        p["msg_id"] = new_id[p["msg_id"]]
        p["uetr"] = uetr(p["msg_id"])
    for name in ("structuring", "nested", "layering_chain"):
        planted[name] = [new_id[m] for m in planted[name]]


def _cover_legs(payments: list[dict], correspondent: str) -> list[dict]:
    """The pacs.009 COV of every transfer sent by the cover method: from the debtor's bank to the US correspondent
    that holds both banks' US-dollar accounts, the same UETR and amount, the underlying parties copied."""
    out = []
    for p in payments:
        if not p["settled_by_cover"]:
            continue
        # the cover leg is the debtor's bank's own message, numbered in its own series: only the UETR ties it
        # to the customer transfer
        out.append({"msg_id": f"COV-{p['date']:%Y%m%d}-{len(out) + 1:04d}", "msg_type": "pacs.009 COV",
                    "uetr": p["uetr"], "date": p["date"],
                    "debtor_bank": p["debtor_bank"], "creditor_bank": p["creditor_bank"],
                    "instructing_agent": p["debtor_bank"], "instructed_agent": correspondent,
                    "amount": p["amount"], "currency": p["currency"],
                    "underlying_debtor": p["debtor"], "underlying_debtor_account": p["debtor_account"],
                    "underlying_creditor": p["creditor"], "underlying_creditor_account": p["creditor_account"],
                    "underlying_instructed_amount": p["instructed_amount"],
                    "underlying_instructed_currency": p["instructed_currency"],
                    "underlying_remittance_info": p["remittance_info"], "fictional": True})
    return out


def usd_equivalent(amount: float, currency: str) -> float:
    return amount * REFERENCE_RATES[currency]


def _keep_ordinary_out_of_structuring(payments: list[dict]) -> None:
    """Ordinary debtors may make one or two payments just under the threshold, never three within 14 days."""
    lo = 0.9 * THRESHOLD
    by_debtor: dict[str, list[dict]] = {}
    for p in sorted(payments, key=lambda p: (p["date"], p["msg_id"])):
        if lo <= usd_equivalent(p["instructed_amount"], p["instructed_currency"]) < THRESHOLD:
            recent = [q for q in by_debtor.get(p["debtor"], []) if (p["date"] - q["date"]).days <= 14]
            if len(recent) >= 2:
                for key in ("instructed_amount", "amount"):
                    p[key] = round(p[key] * 0.8, 2)
                continue
            by_debtor.setdefault(p["debtor"], []).append(p)


def _screening_set(rng: random.Random, companies: list[dict], fronts: list[str], by_id: dict) -> tuple[list, list]:
    """The labelled pairs (split into a tuning part and a test part) and the two unresolved alerts of q6.

    ``is_match`` says whether the party's name is a spelling of the list entry's name (a name-level truth an
    analyst established). Whether a party *is* the listed person is a different question, which the alerts
    leave open: they are not labelled.
    """
    pairs = []

    def add_pair(name, ptype, ref, match, variant, details=""):
        entry = next((e for e in LIST_EXTRACT if e["ref"] == ref), None)
        pairs.append({"pair_id": "", "party_name": name, "party_type": ptype,
                      "party_details": details, "list_ref": ref, "list_name": entry["name"] if entry else None,
                      "is_match": match, "variant": variant, "split": "", "fictional": True})

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
        "KPi.033": [("Ri Won Ho", "exact"), ("Ri Won-ho", "alias"), ("RI WONHO", "transliteration"),
                    ("Lee Won Ho", "transliteration"), ("리원호", "hangul"), ("Won Ho Ri", "word-order")],
    }
    for ref, variants in true_variants.items():
        ptype = "individual" if ref.startswith("KPi") else "company"
        for v in variants:
            add_pair(v[0], ptype, ref, True, v[1], "name as written in a payment message")
    # keying errors as payment operators make them: a letter dropped, doubled, swapped or replaced, in names
    # of the entities (enough real matches that recall can be measured with a usable interval)
    for e in LIST_EXTRACT:
        if e["type"] != "entity":
            continue
        for name in [e["name"], *[a for a in e["aliases"] if len(a) > 8]]:
            for _ in range(3):
                add_pair(_keying_error(rng, name.title() if rng.random() < 0.5 else name), "company", e["ref"], True,
                         "typo", "name as written in a payment message")
    false_cases = [
        ("Green Pine Furniture Trading Ltd", "company", "KPe.010", "look-alike", "Lumeria; furniture retailer since 1998"),
        ("Korea Mining Equipment Co., Ltd", "company", "KPe.001", "look-alike", "Republic of Korea; equipment dealer"),
        ("Ocean Maritime Services Limited", "company", "KPe.020", "look-alike", "Singapore; crew agency"),
        ("Ocean Marine Management Pte Ltd", "company", "KPe.020", "look-alike", "Singapore; ship management"),
        ("Complex Equipment Import Agency", "company", "KPe.019", "look-alike", "Lumeria; medical devices"),
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
        add_pair(by_id[cid]["name"], "company", rng.choice(["KPe.001", "KPe.010"]), False, "unrelated",
                 by_id[cid]["jurisdiction"])
    for c in rng.sample([c for c in companies if c["company_id"] not in fronts], 70):
        add_pair(c["name"], "company", rng.choice([e["ref"] for e in LIST_EXTRACT if e["type"] == "entity"]), False,
                 "unrelated", c["jurisdiction"])
    # split: half of each (is_match, variant) group for tuning, the rest for the test, at random
    groups: dict[tuple, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault((p["is_match"], p["variant"]), []).append(i)
    for key in sorted(groups, key=str):
        idx = groups[key]
        rng.shuffle(idx)
        for k, i in enumerate(idx):
            pairs[i]["split"] = "tuning" if k % 2 == 0 else "test"
    order = list(range(len(pairs)))
    rng.shuffle(order)
    pairs = [dict(pairs[i], pair_id=f"SP-{k + 1:04d}") for k, i in enumerate(order)]
    # Monday's two alerts: the same name as the listed person, one with a nationality that clears it, one with
    # nothing that tells the two apart (unresolved: hold and ask)
    alerts = [
        {"alert_id": "AL-0001", "msg_id": None, "party_name": "Ri Won Ho", "party_type": "individual",
         "party_details": "nationality Republic of Korea; born 1994; student; passport of the Republic of Korea",
         "list_ref": "KPi.033", "fictional": True},
        {"alert_id": "AL-0002", "msg_id": None, "party_name": "Ri Won Ho", "party_type": "individual",
         "party_details": "nationality DPRK; no date of birth or document number in the payment",
         "list_ref": "KPi.033", "fictional": True},
    ]
    return pairs, alerts


def _keying_error(rng: random.Random, name: str) -> str:
    words = name.split()
    i = rng.choice([k for k, w in enumerate(words) if len(w) >= 5] or [0])
    w, j = words[i], rng.randrange(1, max(2, len(words[i]) - 1))
    kind = rng.choice(["drop", "double", "swap", "vowel"])
    if kind == "drop":
        w = w[:j] + w[j + 1:]
    elif kind == "double":
        w = w[:j] + w[j] + w[j:]
    elif kind == "swap" and j + 1 < len(w):
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    else:
        vowels = "aeiou" if w[j].islower() else "AEIOU"
        w = w[:j] + rng.choice([v for v in vowels if v != w[j]]) + w[j + 1:]
    words[i] = w
    return " ".join(words)


def _is_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)
