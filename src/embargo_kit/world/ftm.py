"""The world as FollowTheMoney entities (followthemoney 4.x), with stable ids.

Ids are ``ekw-<sha1 prefix>`` of the entity's key in the world (company id, person id, IMO, list reference,
payment id), so they do not change between regenerations. Fictional entities carry the note
"FICTIONAL (training data)"; list-extract entities carry a Sanction entity with their list reference.
"""

from __future__ import annotations

from .ids import stable_id

ISO = {"Hong Kong": "hk", "Singapore": "sg", "Marshall Islands": "mh", "Panama": "pa", "Malaysia": "my",
       "United Arab Emirates": "ae", "China": "cn", "Republic of Korea": "kr", "Japan": "jp", "DPRK": "kp",
       "Sierra Leone": "sl", "Togo": "tg", "Palau": "pw", "Mongolia": "mn", "Comoros": "km", "Cameroon": "cm",
       "Tuvalu": "tv", "United States": "us", "Sweden": "se", "Norway": "no", "Italy": "it"}
FICTIONAL = "FICTIONAL (training data of the embargo_kit synthetic world)"


def _id(*key) -> str:
    return "ekw-" + stable_id(*key)


def build_entities(tables: dict) -> list[dict]:
    from followthemoney import model

    out = []

    def make(schema, key, **props):
        e = model.make_entity(schema)
        e.id = _id(schema, *key)
        for prop, values in props.items():
            if values is None or values == "" or values == []:
                continue
            for v in values if isinstance(values, list) else [values]:
                if v is not None and v != "":
                    e.add(prop, str(v))
        out.append(e)
        return e

    def country(name):
        return ISO.get(name)

    def fictional_note(jur=None):
        return FICTIONAL + (f"; jurisdiction: {jur} (fictional)" if jur == "Lumeria" else "")

    ids: dict[str, str] = {}
    for e in tables["list_extract"]:
        schema = {"individual": "Person", "vessel": "Vessel"}.get(e["type"], "Organization")
        extra = {"imoNumber": str(e["imo"])} if e["type"] == "vessel" else {"country": "kp"}
        ent = make(schema, [e["ref"]], name=e["name"], alias=e["aliases"], notes=e["other_information"],
                   topics="sanction", **extra)
        ids[e["ref"]] = ent.id
        make("Sanction", [e["ref"], "UN"], entity=ent.id, authority="United Nations Security Council",
             program="UN Security Council 1718 (DPRK) sanctions", unscId=e["ref"], authorityId=e["ref"],
             listingDate=e["listed_on"], sourceUrl=e["source"])
    for c in tables["companies"]:
        ent = make("Company", [c["company_id"]], name=c["name"], jurisdiction=country(c["jurisdiction"]),
                   registrationNumber=c["registration_number"], incorporationDate=c["incorporated"],
                   address=c["address"], status=c["status"], sector=c["business_line"],
                   notes=fictional_note(c["jurisdiction"]), idNumber=c["company_id"])
        ids[c["company_id"]] = ent.id
    for p in tables["officers"]:
        ent = make("Person", [p["person_id"]], name=p["name"], alias=p["name_variants"],
                   nationality=country(p["nationality"]), birthDate=p["birth_date"],
                   notes=fictional_note(p["nationality"]), idNumber=p["person_id"])
        ids[p["person_id"]] = ent.id
    history = {}
    for h in tables["vessel_history"]:
        history.setdefault(h["imo"], []).append(h)
    for v in tables["vessels"]:
        past = [h for h in history.get(v["imo"], []) if h["valid_to"]]
        ent = make("Vessel", [v["imo"]], name=v["name"], imoNumber=f"IMO{v['imo']}", mmsi=v["mmsi"],
                   callSign=v["callsign"], flag=country(v["flag"]), type=v["ship_type"],
                   buildDate=v["build_year"], grossRegisteredTonnage=v["gross_tonnage"],
                   deadweightTonnage=v["deadweight"], previousName=[h["name"] for h in past if h["name"] != v["name"]],
                   pastFlags=[country(h["flag"]) for h in past if country(h["flag"])],
                   notes=FICTIONAL + f"; status: {v['status']}; flag: {v['flag']}"
                   + ("; IMO number with an invalid check digit" if not v["imo_valid"] else ""))
        ids[str(v["imo"])] = ent.id
    for link in tables["company_links"]:
        src, rel, dst = link["source_id"], link["relation"], link["target_id"]
        if src not in ids or dst not in ids:
            continue
        key = [src, rel, dst]
        if rel in ("director_of", "secretary_of"):
            make("Directorship", key, director=ids[src], organization=ids[dst],
                 role="director" if rel == "director_of" else "secretary", startDate=link["start"],
                 endDate=link["end"], description=FICTIONAL)
        elif rel in ("shareholder_of", "owner_of"):
            make("Ownership", key, owner=ids[src], asset=ids[dst], percentage=link["share_pct"],
                 role="shareholder" if rel == "shareholder_of" else "registered owner", startDate=link["start"],
                 description=FICTIONAL)
        elif rel == "manager_of":
            make("Ownership", key, owner=ids[src], asset=ids[dst], role="ship manager (operator)",
                 description=FICTIONAL)
        elif rel == "agent_of":
            make("Representation", key, agent=ids[src], client=ids[dst], role="agent (in the fiction)",
                 startDate=link["start"], description=FICTIONAL + "; only the fictional agent is accused of "
                 "anything, in the story")
    names = {c["name"]: ids[c["company_id"]] for c in tables["companies"]}
    bank_names = {b["bic"]: b["name"] for b in tables.get("banks", [])}
    accounts: dict[str, str] = {}

    def account(number, bic, currency):
        # accounts, not names, carry a trace: one BankAccount per account number, with its bank and currency
        if number not in accounts:
            # FtM checks a BIC's country code, and Lumeria's XL is invented: the BIC goes into the notes
            accounts[number] = make("BankAccount", ["account", number], accountNumber=number,
                                    bankName=bank_names.get(bic), currency=currency,
                                    notes=f"{FICTIONAL}; BIC {bic} (test code, not a live bank)").id
        return accounts[number]

    for p in tables.get("payments", []):
        payer = names.get(p["debtor"]) or make("LegalEntity", ["party", p["debtor"]], name=p["debtor"],
                                               notes=FICTIONAL).id
        names.setdefault(p["debtor"], payer)
        bene = names.get(p["creditor"]) or make("LegalEntity", ["party", p["creditor"]], name=p["creditor"],
                                                notes=FICTIONAL).id
        names.setdefault(p["creditor"], bene)
        make("Payment", [p["msg_id"]], payer=payer, beneficiary=bene, amount=p["amount"], currency=p["currency"],
             date=p["date"], purpose=p["purpose"], transactionNumber=p["msg_id"], description=FICTIONAL,
             payerAccount=account(p["debtor_account"], p["debtor_bank"], p.get("instructed_currency", p["currency"])),
             beneficiaryAccount=account(p["creditor_account"], p["creditor_bank"], p["currency"]))
    dicts = [e.to_dict() for e in out]
    for d in dicts:
        d["properties"] = {k: sorted(v) for k, v in sorted(d["properties"].items())}
    return sorted(dicts, key=lambda d: (d["schema"], d["id"]))
