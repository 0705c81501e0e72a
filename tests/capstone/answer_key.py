"""The capstone's answer key in clear text: the source the hashed keys in ``embargo_kit/checks/capstone_0N.py`` are
written from (``python tests/capstone/write_keys.py``) and that the tests compare with the law (the registry's
force) and the lessons. It lives under tests/, never in a learner's wheel or kit.

Per decision:
- ``option``: the coordinated choice (2 points); ``partial``: an option worth 1 point, with why;
- ``bl``: the bill is part of the customs choice (from the data, see capstone.decisions.heavy_bills);
- per field (indicators, cite, notify, contents): ``required`` (all needed), ``any_of`` (groups: one of each),
  ``optional`` (accepted, never penalised); everything else on the closed list is unsupported;
- ``duties``: the legal rules the right option applies, as (citation, keyword the option text must contain); the
  force test checks that each is an obligation in the registry's force and that the right option does it.
"""

from __future__ import annotations

DECISIONS: dict[tuple[str, str], dict] = {
    # ------------------------------------------------------------------ phase 1: two days out
    ("capstone-01", "port"): {
        "option": "B",
        "partial": {"C": 1},
        "indicators": {"required": ["PORT-01", "PORT-02", "PORT-08"], "optional": ["PORT-13"]},
        # 2397: port-05 teaches that a ship in port on reasonable grounds must be impounded; citing it is never wrong
        "cite": {"any_of": [["2270/18"]], "optional": ["2094/17", "2270", "1874", "2375", "2397"]},
        "duties": [("2270/18", "inspect")],
        "consequences": {
            "A": "she berths at night and works cargo at once; by the time anyone compares notes, her containers "
                 "have left the port.",
            "C": "a ship that refused an authorised inspection shall be denied entry, unless entry is for an "
                 "inspection (2094/17); she has refused nothing, and the cargo inspection duty (2270/18) is met by "
                 "bringing her in for inspection, not by sending her away. Turned away, she sails on to a port "
                 "that will not look, and her cargo is never inspected here.",
            "D": "a high-seas inspection needs her flag state's consent and days of diplomacy, and she is coming "
                 "to your port anyway, where the cargo inspection duty applies.",
        },
        "wrong_why": {
            "PORT-10": "no DPRK port call is recorded anywhere in the data; a suspicion is a question for the "
                       "master, not an indicator.",
            "PORT-07": "neither ship, nor any former name, is on the list extract.",
            "PORT-11": "her registry history shows no change of flag.",
            "PORT-03": "her broadcast identity matches the register.",
        },
        "hints": {
            "option": "Which option brings the cargo where it can be inspected without losing the ship?",
            "indicators": "Measure the silences in her track (gaps over 12 hours), see what she was doing when "
                          "the track resumed and who was next to her, and compare the ports in the notice with "
                          "the track.",
            "cite": "Which paragraph obliges a state to inspect cargo in its seaports that comes from or goes to "
                    "the DPRK, or is brokered by its nationals?",
        },
        "passed": "She comes in for inspection and waits at anchor until customs is ready: the master must "
                  "account for the missing days, customs can prepare an examination, and the focal point knows "
                  "before she berths.",
    },
    ("capstone-01", "customs"): {
        "option": "B",
        "bl": True,
        "indicators": {"required": ["CUS-03", "PORT-17"],
                       "optional": ["CUS-01", "CUS-02", "CUS-06", "CUS-12", "PORT-01", "PORT-02", "PORT-08"]},
        "cite": {"any_of": [["2270/18"]], "optional": ["1874", "2270"]},
        "duties": [("2270/18", "examination")],
        "consequences": {
            "A": "the boxes leave the port on a truck the morning she berths; nobody looks inside.",
            "C": "dense metal behind pump housings looks like pump housings on a scan; the boxes are released.",
            "D": "the consignee now knows customs is interested; the invoice it sends is in order, and someone "
                 "else collects the boxes.",
        },
        "wrong_why": {
            "CUS-11": "nothing declared is in HS chapter 93 or the other arms headings.",
            "CUS-05": "no bill of this voyage was transshipped.",
        },
        "hints": {
            "option": "Which option finds out what is in the boxes without warning anyone?",
            "indicators": "Weigh the declaration against the VGM, and check that the ship could have loaded at "
                          "the port and on the date the bill states (ask the port officer for the track).",
            "cite": "Which paragraph makes inspection of such cargo a duty in your seaports?",
        },
        "passed": "The two containers are held under seal for a full examination on discharge, and the port "
                  "officer knows which boxes to keep an eye on.",
    },
    ("capstone-01", "finance"): {
        "option": "B",
        "indicators": {"required": ["FIN-18"], "optional": ["FIN-01", "FIN-17", "FIN-10"]},
        "cite": {"any_of": [["2094/11", "1874/9"]], "optional": ["2270/18"]},
        "duties": [("2094/11", "transfer")],
        "consequences": {
            "A": "the balance reaches the seller's account in Hong Kong before the ship berths, and it cannot be "
                 "recalled.",
            "C": "you have tipped off the customer: the money goes out through another bank the same afternoon.",
            "D": "the payment leaves, and closing the account tells the customer it is being watched.",
        },
        "wrong_why": {
            "FIN-02": "no party to the payment matches a list entry or alias by name.",
            "FIN-03": "no vessel in the payment documents is on the list.",
            "FIN-07": "pump parts fit the customer's registered line of business.",
        },
        "hints": {
            "option": "Which option keeps the money in Lumeria without warning the customer?",
            "indicators": "Compare the payer's, payee's and notify party's addresses, phone numbers and directors "
                          "in companies(), company_links() and officers() (nationality too).",
            "cite": "Which paragraphs reach the financial transactions and services that could serve arms exports "
                    "or evasion?",
        },
        "passed": "The balance stays in Lumeria, the FIU has a report it can share with customs and the port, and "
                  "the customer has not been warned.",
    },
    ("capstone-01", "focal_point"): {
        "option": "B",
        "cite": {"any_of": [["2270/18", "2094/17", "2270"]], "optional": ["1874", "1874/12", "2397"]},
        "duties": [("2270/18", "inspection")],
        "consequences": {
            "A": "port, customs and the bank each act alone and without legal advice; when she berths nobody has "
                 "asked her flag state anything, and the bank's report sits at the FIU.",
            "C": "the Committee receives a suspicion, not facts it can check; a report comes after the inspection, "
                 "with what was found, and an undesignated ship has been named on a suspicion.",
            "D": "her agent reads the statement over breakfast; she changes her port of call, and Lumeria has "
                 "accused a ship it has not inspected.",
        },
        "hints": {
            "option": "Who must sit at one table before she arrives, and what must the ministry know about her "
                      "entry and her flag?",
            "cite": "On which duty or rule do the port and customs want legal advice: entry, or the inspection "
                    "of her cargo?",
        },
        "passed": "The agencies meet today with legal advice on entry and inspection, the flag state is asked "
                  "quietly, and nothing is said in public.",
    },
    # ------------------------------------------------------------------ phase 2: alongside
    ("capstone-02", "customs"): {
        "option": "A",
        "indicators": {"required": ["CUS-11", "CUS-12"], "optional": ["CUS-01", "CUS-03", "PORT-17", "CUS-06"]},
        # customs-05 teaches the seizure on 1874 and frozen goods of designated parties on 1718/8(d)
        "cite": {"any_of": [["1718/8(b)", "1874/9", "1874"]], "optional": ["2270/18", "1718/8(d)"]},
        "duties": [("1874", "seize")],
        "consequences": {
            "B": "live munitions sit on a public quay without guard or an EOD assessment, and the Committee "
                 "expects Lumeria to report what it found: nobody will tell you what is in the boxes.",
            "C": "the pump parts are the cover cargo and part of the evidence; releasing them hands a suspected "
                 "front its goods and its story.",
            "D": "without an inventory, markings and samples, the report to the Committee and any prosecution lose "
                 "their best evidence; safety comes first, then documentation, and disposal after the report.",
        },
        "wrong_why": {
            "CUS-14": "these are munitions, not luxury goods.",
            "CUS-16": "nothing was declared as sent for repair.",
        },
        "hints": {
            "option": "Which option makes the munitions safe, keeps them out of circulation and keeps the evidence?",
            "indicators": "Which HS chapter do the goods found belong to, and who brokered them (see the "
                          "nationality of the seller's people)?",
            "cite": "Which paragraphs ban the DPRK's exports of arms of every kind?",
        },
        "passed": "Everything is made safe and secured with its chain of custody: the evidence for the report, for "
                  "any prosecution and for a later, documented disposal.",
    },
    ("capstone-02", "port"): {
        "option": "B",
        "indicators": {"required": ["PORT-01", "PORT-08"], "optional": ["PORT-02", "PORT-17", "PORT-12"]},
        "cite": {"any_of": [["2397"]], "optional": ["2270/18", "1874", "2270"]},
        "duties": [("2397", "impound")],
        "consequences": {
            "A": "a state shall seize and impound a ship in its ports when it has reasonable grounds to believe "
                 "she was involved in carrying prohibited items (2397); she leaves with her crew and records "
                 "before anyone has interviewed them.",
            "C": "confiscation is for a court, on proof; her manager's links are a lead for the prosecutor, not "
                 "proof, and the other ships are not in your port.",
            "D": "a future ban on one port does nothing about this voyage, and the ship that carried the arms "
                 "sails away although the duty to impound her applies now.",
        },
        "wrong_why": {
            "PORT-07": "neither ship is on the list extract.",
            "PORT-11": "her registry history shows no change of flag.",
        },
        "hints": {
            "option": "What must a state do with a ship in its port that it has reasonable grounds to believe "
                      "carried prohibited items?",
            "indicators": "What in her track and at sea gave the reasonable grounds, before anything was found?",
            "cite": "Which resolution requires states to seize and impound such a vessel in their ports? Its "
                    "paragraph number is not confirmed in the registry: cite the resolution alone.",
        },
        "passed": "The ship is impounded: she, her crew and her records stay in reach of the investigation, and "
                  "her flag state is asked to act.",
    },
    ("capstone-02", "finance"): {
        "option": "B",
        "indicators": {"required": ["FIN-02"], "optional": ["FIN-01", "FIN-17", "FIN-18", "FIN-10"]},
        "cite": {"any_of": [["1718/8(d)"]], "optional": ["2270/12", "2094/11", "1874/9"]},
        "duties": [("1718/8(d)", "freeze")],
        "consequences": {
            "A": "holding is not freezing: the customer can demand its money, and the bank has no legal footing "
                 "to keep it.",
            "C": "the seller banks in Hong Kong, not with you: you can freeze only what is in your hands; the FIU "
                 "must reach its counterpart.",
            "D": "the deposit is already in the seller's account abroad; asking for it back warns the seller and "
                 "will be refused.",
        },
        "wrong_why": {
            "FIN-03": "the vessel is not on the list extract.",
            "FIN-05": "no respondent bank hides a downstream bank here.",
        },
        "hints": {
            "option": "Once you know who the payee acts for, what must happen to funds of those acting for a "
                      "designated entity?",
            "indicators": "Follow the seller's directors and shareholders in company_links() to the list extract.",
            "cite": "Which paragraph freezes the assets of designated entities and of those acting on their "
                    "behalf?",
        },
        "passed": "The payment is frozen because the payee acts for a designated entity, and the freeze is "
                  "reported so the focal point can tell the Committee.",
    },
    ("capstone-02", "focal_point"): {
        "option": "A",
        "cite": {"any_of": [["2397", "1874", "1718/8(b)", "1874/9"]], "optional": ["2270/18"]},
        "duties": [("2397", "held")],
        "consequences": {
            "B": "the flag state learns of the impounding from the press, the press writes what dock workers say, "
                 "and the munitions wait without anyone asking the Committee how to dispose of them.",
            "C": "naming companies before the facts are checked accuses parties in public, may prejudice a trial, "
                 "and warns everyone else in the network.",
            "D": "the flag state cannot take back a ship Lumeria must keep impounded, and the evidence sails with "
                 "her.",
        },
        "hints": {
            "option": "Who answers for the ship, what may be said in public, and whom do you ask about disposing "
                      "of the munitions?",
            "cite": "On what basis is the ship held and the cargo seized?",
        },
        "passed": "The flag state hears it from Lumeria, the press gets one line that names nobody, and the "
                  "Committee is asked about disposal.",
    },
    # ------------------------------------------------------------------ phase 3: the state decides and reports
    ("capstone-03", "port"): {
        "option": "B",
        "cite": {"any_of": [["2397"]], "optional": ["1874", "2270/18"]},
        "duties": [("2397", "impounded")],
        "partial": {"C": 1},
        "consequences": {
            "A": "the duty to impound her in port still applies and the investigation still needs her; the court "
                 "hears no legal basis and lets the evidence sail.",
            "C": "keeping her impounded is right, but a crew held on board without a doctor, calls home or "
                 "consular access is a welfare and human-rights failure that the flag state and the crew's state "
                 "will raise, and that a court may end.",
            "D": "the flag state cannot lift a duty Lumeria has; the ship and her records leave Lumerian "
                 "jurisdiction.",
        },
        "hints": {
            "option": "What does the court need to keep the ship, and what does the crew need while it does?",
            "cite": "On which resolution does the impounding rest?",
        },
        "passed": "The ship stays impounded on a stated legal basis, and the crew are cared for, can call home and "
                  "see their consul.",
    },
    ("capstone-03", "customs"): {
        "option": "B",
        "cite": {"any_of": [["1874", "1874/9", "1718/8(b)"]], "optional": ["2270/18"]},
        "duties": [("1874", "disposal")],
        "consequences": {
            "A": "a customs warehouse is not built or licensed for explosives; one accident and the evidence and "
                 "the warehouse are gone.",
            "C": "the prosecutor has asked for samples and markings, and the Committee has not yet seen the "
                 "report; destroyed evidence cannot be inventoried again.",
            "D": "munitions back in the carrier's hands, even under seal, leave Lumeria's custody and break the "
                 "chain of custody.",
        },
        "hints": {
            "option": "Where can munitions be kept safely, and what record makes them evidence a court accepts?",
            "cite": "On which resolutions does the seizure rest?",
        },
        "passed": "The munitions are stored safely under guard, every hand-over is signed, and the prosecutor and "
                  "the Committee can rely on the inventory.",
    },
    ("capstone-03", "finance"): {
        "option": "B",
        "cite": {"any_of": [["1718/8(d)"]], "optional": ["2270/12", "2094/11"]},
        "duties": [("1718/8(d)", "freeze")],
        "consequences": {
            "A": "the partner FIU shared its note for intelligence only; using it without consent breaks the "
                 "trust that FIUs' exchanges rest on, and the partner may stop sharing.",
            "C": "the freeze rests on Lumeria's own findings (the seller's people act for listed entities) and "
                 "stays; lifting it lets the money go.",
            "D": "the note is confidential intelligence from another state; giving it to a party's lawyer breaks "
                 "the partner's condition and warns the network.",
        },
        "hints": {
            "option": "Whose information is the note, and what else does the freeze rest on?",
            "cite": "Which paragraph requires the freeze?",
        },
        "passed": "The freeze stands on Lumeria's own evidence, and the partner FIU's note is used only once it "
                  "consents.",
    },
    ("capstone-03", "notify"): {
        "notify": {"required": ["COMMITTEE", "FLAG"], "any_of": [["PARTNERS", "FLAG_PARTNER"], ["PROSECUTOR"]],
                   "optional": ["MSMT"]},
        "duties": [],
        "wrong_why": {
            "PANEL": "the Panel of Experts' mandate ended on 30 April 2024.",
            "PRESS": "a statement naming companies before the Committee and a court have the facts accuses parties "
                     "in public; one holding line is enough.",
            "CONSIGNEE": "telling a suspected front about the report tips it off.",
        },
        "hints": {
            "notify": "Which UN body receives reports on inspections and seizures, which states answer for the two "
                      "ships and for the seller, and who in Lumeria investigates the Lumerian companies?",
        },
        "passed": "The Committee hears it from Lumeria first, both flag states and the partner states can act, "
                  "and the prosecutor takes up the Lumerian companies.",
    },
    ("capstone-03", "report"): {
        "contents": {"required": ["R-VESSEL", "R-TRACK", "R-ITEMS", "R-DOCS", "R-PARTIES", "R-MONEY", "R-ACTIONS",
                                  "R-DISPOSAL"]},
        "cite": {"any_of": [["1874"]], "optional": ["2270/18", "1718/8(b)", "1874/9", "2397", "1718/8(d)"]},
        "duties": [],
        "wrong_why": {
            "R-GUILT": "a report states facts; guilt is for courts, and nothing shows the owner knew.",
            "R-OFFICERS": "officers' personal details put them at risk and help nobody check the facts.",
        },
        "hints": {
            "contents": "Would the Committee be able to check the vessel, the route, the goods, the papers, the "
                        "parties and the money from your report, see what Lumeria did and what becomes of the "
                        "items?",
            "cite": "Which resolution first required a state to report promptly to the Committee when it inspects "
                    "and seizes cargo? Its paragraph number is not confirmed in the registry: cite the resolution "
                    "alone.",
        },
        "passed": "A report the Committee can act on: facts it can check, documents it can compare, the money, "
                  "the measures Lumeria took on their legal basis, and what becomes of the items.",
    },
}


def solution(key: tuple[str, str], bill: str | None = None) -> dict:
    """The coordinated answer as a notebook dict (required picks, one of each any_of group)."""
    spec = DECISIONS[key]
    out: dict = {}
    if "bl" in spec:
        out["bl"] = bill
    if "option" in spec:
        out["option"] = spec["option"]
    for fld in ("indicators", "cite", "notify", "contents"):
        if fld in spec:
            out[fld] = list(spec[fld].get("required", [])) + [g[0] for g in spec[fld].get("any_of", [])]
    return out
