"""The capstone story: phases, clock times, roles, what each role receives, the friction injects and the
decisions with their options.

Everything is fictional. This module holds no answer: which option, indicator or citation is right lives only
as salted hashes in ``embargo_kit/checks/capstone_0N.py`` and, in words, in the instructor-only debrief.
Every role decides in every phase; the national focal point included.
"""

from __future__ import annotations

import datetime as _dt

ROLES = {
    "port": "Port officer: Port Anselm Harbour Master's Office and port state control (fictional)",
    "customs": "Customs officer: Lumeria Revenue and Customs Authority, Port Anselm office (fictional)",
    "finance": "Bank analyst: compliance team of a Lumerian bank, with the Lumerian FIU on call (fictional)",
    "focal_point": "National focal point: Ministry of Foreign Affairs, Vell (fictional); played by a fourth "
                   "participant, or by a co-facilitator at a table of three",
}

#: the closed list of citation IDs a decision may cite (every one is in the registry: a confirmed paragraph, or
#: a resolution alone where the paragraph number is not confirmed)
CITATIONS = ("1718/8(b)", "1718/8(d)", "1874", "1874/9", "1874/12", "2094/11", "2094/17", "2094/25", "2270",
             "2270/8", "2270/12", "2270/18", "2270/32", "2375", "2375/8", "2397", "2664/1")


def notify_list(partner_flag: str = "the ship she lay beside") -> dict[str, str]:
    """Phase 3: whom Lumeria informs (closed list). The focal point decides; it does not inform itself."""
    return {
        "COMMITTEE": "the 1718 Committee of the Security Council",
        "FLAG": "the flag state of the vessel",
        "FLAG_PARTNER": f"the flag state of the ship she lay beside at sea ({partner_flag})",
        "PARTNERS": "the states where the seller, the notify party and the declared port of loading are, through "
                    "FIU and customs channels",
        "PROSECUTOR": "Lumeria's prosecutor and police, for a domestic investigation of the Lumerian companies "
                      "in the case",
        "PANEL": "the Panel of Experts of the 1718 Committee",
        "MSMT": "the Multilateral Sanctions Monitoring Team (MSMT), as a voluntary briefing",
        "PRESS": "the press, with the names of the ship owner and manager",
        "CONSIGNEE": "the consignee, so that it can explain itself before anything is reported",
    }


NOTIFY = notify_list()

#: phase 3: what goes into the report to the 1718 Committee (closed list)
REPORT = {
    "R-VESSEL": "the vessel's identity: name, IMO number, MMSI, flag, registered owner and manager",
    "R-TRACK": "the AIS gap, the meeting at sea with the other vessel and the declared last ports",
    "R-ITEMS": "what was found: items, quantities, markings, photographs, and where they were stowed",
    "R-DOCS": "the bills of lading, container weights and invoices, and where they contradict the track",
    "R-PARTIES": "the shipper, consignee, notify party, the ship's owner and manager, and the links between them "
                 "found in company records",
    "R-MONEY": "the payments for the cargo and the amounts frozen",
    "R-ACTIONS": "what Lumeria did: inspection, seizure, freeze, vessel impounded, and the legal basis of each",
    "R-DISPOSAL": "where the seized items are stored, how Lumeria proposes to dispose of them, and a later report "
                  "once disposal is done",
    "R-GUILT": "a finding that the ship owner and manager knew of the arms",
    "R-OFFICERS": "the names and home addresses of the officers who inspected the containers",
}

#: the munitions found in phase 2 (the generator plants their mass in the two containers' VGM)
MUNITIONS = {"rounds": 1920, "rounds_per_crate": 40, "fuzes": 2000, "fuzes_per_crate": 200}

#: room clock (about four and a half hours) and game clock of each phase
SCHEDULE = [
    {"room": "09:00", "minutes": 20, "what": "Welcome, roles, rules of play, the Lumeria briefing", "phase": None},
    {"room": "09:20", "minutes": 50, "what": "Phase 1 - Two days out", "phase": 1, "game": "Thu 1 Oct 2026, 09:00"},
    {"room": "10:10", "minutes": 50, "what": "Phase 2 - Alongside", "phase": 2, "game": "Sat 3 Oct 2026, 14:00"},
    {"room": "11:00", "minutes": 15, "what": "Break", "phase": None},
    {"room": "11:15", "minutes": 50, "what": "Phase 3 - The state decides and reports", "phase": 3,
     "game": "Mon 5 Oct 2026, 09:00"},
    {"room": "12:05", "minutes": 15, "what": "Hot-wash at the tables: what worked, what did not, one finding each",
     "phase": None},
    {"room": "12:20", "minutes": 60, "what": "Debrief: scores (10), the model answer (20), two discussion "
                                             "questions (25), close (5)", "phase": None},
    {"room": "13:20", "minutes": 10, "what": "Evaluation and close", "phase": None},
]


def _room(phase: int, offset: int) -> str:
    start = next(s["room"] for s in SCHEDULE if s["phase"] == phase)
    t = _dt.datetime.strptime(start, "%H:%M") + _dt.timedelta(minutes=offset)
    return t.strftime("%H:%M")


def friction(s: dict) -> list[dict]:
    """The injects a real case brings besides the main one: who sends it, to which role, when (room and game
    time), and which decision answers it."""
    v, p = s["vessel"], s["partner"]
    crew = s.get("crew", {})
    crew_total = crew.get("total", "her")
    nationalities = ", ".join(f"{n} {k}" for k, n in sorted(crew.get("nationalities", {}).items()))
    rows = [
        (2, 5, "Sat 3 Oct 2026, 13:00", "customs", "the army's explosive ordnance disposal (EOD) team leader",
         "The crates are stable enough to move, not to keep on an open quay. Where do they go tonight, who guards "
         "them and who signs for them at each hand-over?", ("capstone-02", "customs")),
        (2, 10, "Sat 3 Oct 2026, 14:30", "finance", "the FIU",
         "The partner FIU's note is for intelligence only: it may not be used in a freeze order, passed on or "
         "quoted without the partner FIU's prior written consent.", ("capstone-03", "finance")),
        (2, 25, "Sat 3 Oct 2026, 16:00", "focal_point", "a reporter of the Port Anselm Courier (fictional)",
         f"\"Dock workers say weapons were found on {v['name']}. Can the ministry confirm, and who owns the ship?\"",
         ("capstone-02", "focal_point")),
        (3, 5, "Mon 5 Oct 2026, 08:00", "port", f"the lawyer of {v['name']}'s owner and of her P&I insurer",
         "An application to the Port Anselm court for the release of the ship: the cargo is off, the owner is "
         "not accused, and every day in port costs the owner money.", ("capstone-03", "port")),
        (3, 5, "Mon 5 Oct 2026, 08:30", "port",
         f"the master of {v['name']}",
         f"The {crew_total} crew ({nationalities}) have been on board since Saturday; two need a doctor, all want to "
         "call home, and the consulate of the crew's state asks to visit.", ("capstone-03", "port")),
        (3, 10, "Mon 5 Oct 2026, 09:30", "focal_point", f"the flag state's maritime administrator ({v['flag']})",
         "Confirms the registration, owner and manager; asks for the evidence, the crew's welfare and the "
         "legal basis of the impounding; will consider its own action against the ship.", ("capstone-03", "notify")),
        (3, 10, "Mon 5 Oct 2026, 09:30", "customs", "the prosecutor's office",
         "Asks for the seized items, the inventory and the chain-of-custody record as evidence, and for samples "
         "of the markings before anything is destroyed.", ("capstone-03", "customs")),
    ]
    out = []
    for k, (phase, offset, game, role, sender, text, answered) in enumerate(rows, start=1):
        out.append({"id": f"F{k}", "phase": phase, "room": _room(phase, offset), "game_time": game, "to": role,
                    "from": sender, "text": text, "answered_by": {"lesson": answered[0], "qid": answered[1]}})
    return out


def _decision(lesson, qid, role, question, options, fields):
    return {"lesson": lesson, "qid": qid, "role": role, "question": question, "options": options,
            "answer_fields": fields}


def _phase1(s: dict, ship: str) -> dict:
    v = s["vessel"]
    return {
        "phase": 1, "lesson": "capstone-01", "title": "Two days out", "game_time": "Thu 1 Oct 2026, 09:00",
        "situation": (f"The agent of {ship} has filed pre-arrival notice {s['notice_id']}: ETA Port Anselm "
                      f"{s['eta']} UTC, containers, last port Lianyungang. Customs has the advance cargo "
                      "declaration of the voyage. A Lumerian bank has a payment instruction from one of the "
                      "consignees, due today. The harbour master has told the ministry that a ship due in two "
                      "days went quiet on the way. Nobody has compared notes yet."),
        "roles": {
            "port": {"receives": "the pre-arrival notice, the vessel's AIS track from 20 September and the "
                                 "tracks of the ships near it",
                     "data": ["capstone_notice()", "capstone_track()", "capstone_scenario()"]},
            "customs": {"receives": "the bills of lading of the voyage and the declared container weights "
                                    "(VGM), with the company registry",
                        "data": ["capstone_bills_of_lading()", "capstone_containers()", "companies()"]},
            "finance": {"receives": "the payment instruction and the customer's earlier payments, the "
                                    "invoice it quotes, the company registry, its directors and their nationality",
                        "data": ["capstone_payments()", "capstone_invoices()", "companies()",
                                 "company_links()", "officers()"]},
            "focal_point": {"receives": "the harbour master's phone call and what each agency chooses to tell you",
                            "data": ["capstone_scenario()"]},
        },
        "decisions": [
            _decision("capstone-01", "port", "port", f"What do you do about {v['name']}'s arrival?", {
                "A": "Clear her for berth as planned; the notice is complete.",
                "B": "Admit her for inspection: on arrival she waits at the outer anchorage and berths only when "
                     "customs is ready to examine her cargo; ask the master and agent to account for the days "
                     "her track is missing; tell customs and the national focal point today.",
                "C": "Deny her entry to Port Anselm and tell her agent she must not come into Lumerian waters.",
                "D": "Ask her flag state to inspect her on the high seas before she arrives.",
            }, ["option", "indicators", "cite"]),
            _decision("capstone-01", "customs", "customs",
                      "Which bill of lading do you select, and what do you do with it?", {
                          "A": "Release every bill on its documents (green lane).",
                          "B": "Select the bill's containers for full physical examination on discharge, "
                               "under customs seal, with port security and the port officer present.",
                          "C": "Scan the bill's containers by X-ray and release them if the image is clear.",
                          "D": "Ask the consignee for its commercial invoice and release on receipt.",
                      }, ["bl", "option", "indicators", "cite"]),
            _decision("capstone-01", "finance", "finance",
                      "What do you do with the pending payment instruction?", {
                          "A": "Execute it: the customer is known and the documents are complete.",
                          "B": "Hold the payment so that the transfer does not leave, file a suspicious "
                               "transaction report with the FIU today, and tell the customer nothing about why.",
                          "C": "Reject it and return the funds, explaining your concerns to the customer.",
                          "D": "Execute this last payment, then close the customer's account.",
                      }, ["option", "indicators", "cite"]),
            _decision("capstone-01", "focal_point", "focal_point", "What does the ministry do today?", {
                "A": "Wait for the agencies' written reports: the ministry acts once there is a seizure to report.",
                "B": "Convene port, customs, the FIU and the ministry of justice today; get legal advice on the "
                     "ship's entry and the inspection of her cargo; ask her flag state's maritime administration to "
                     "confirm her registration, owner and manager; say nothing in public.",
                "C": "Report the ship to the 1718 Committee today as a suspected sanctions violator.",
                "D": "Issue a statement that Lumeria will let no arms pass through its ports, naming the ship.",
            }, ["option", "cite"]),
        ],
    }


def _phase2(s: dict) -> dict:
    v = s["vessel"]
    m = s.get("munitions", MUNITIONS)
    crates, fuze_crates = m["rounds"] // m["rounds_per_crate"], m["fuzes"] // m["fuzes_per_crate"]
    eta = s["eta"][11:16]
    return {
        "phase": 2, "lesson": "capstone-02", "title": "Alongside", "game_time": "Sat 3 Oct 2026, 14:00",
        "situation": (f"{v['name']} anchored at the outer anchorage at {eta}. At 04:10 the harbour master brought "
                      "her to a remote berth under guard for the examination. At 06:30 customs opened the two "
                      "containers declared as water pump parts: behind a first row of pump housings were wooden "
                      "crates with stencilled Korean text. Work stopped, the berth was cordoned and the army's "
                      "explosive ordnance disposal (EOD) team was called. By 13:00 the EOD team had opened two "
                      f"crates and read the stencils: {crates} crates of {m['rounds_per_crate']} rounds of "
                      f"rocket-propelled grenade ammunition of the PG-7 type ({m['rounds']:,} rounds) and "
                      f"{fuze_crates} crates of {m['fuzes_per_crate']} fuzes ({m['fuzes']:,}). A full inventory "
                      "will take days. The master says everything was loaded at Ningbo and Lianyungang. At 14:30 "
                      "the FIU passes on what a partner FIU says about one of the seller's directors."),
        "roles": {
            "port": {"receives": "the vessel's registry record and history, the register entry of the ship she "
                                 "lay beside, their owners and managers in the company registry and their directors",
                     "data": ["vessels()", "vessel_history()", "companies()", "company_links()",
                              "capstone_scenario()"]},
            "customs": {"receives": "the examination report (above), the bill and the containers",
                        "data": ["capstone_bills_of_lading()", "capstone_containers()", "hs_of_concern()"]},
            "finance": {"receives": "the FIU's note: a partner FIU reports that a director of the seller acts "
                                    "as an agent for a listed entity; the list extract and the company links",
                        "data": ["list_extract()", "company_links()", "officers()", "capstone_payments()"]},
            "focal_point": {"receives": "the three agencies' first reports and a call from the press (16:00)",
                            "data": ["capstone_scenario()"]},
        },
        "decisions": [
            _decision("capstone-02", "customs", "customs", "What do you do with what you found?", {
                "A": "Seize the munitions, the two containers and the cover cargo; let the EOD team make them safe; "
                     "then inventory, photograph and record everything under a chain of custody and keep it in a "
                     "secure store for the investigation.",
                "B": "Leave everything sealed in the two containers on the quay, untouched, until the 1718 "
                     "Committee says what to do.",
                "C": "Seize the munitions and release the pump parts to the consignee.",
                "D": "Photograph the crates, then hand the munitions to the army for destruction this week, and "
                     "write the report afterwards.",
            }, ["option", "indicators", "cite"]),
            _decision("capstone-02", "port", "port", f"What happens to {v['name']}?", {
                "A": "Let her sail once the two containers are off.",
                "B": "Impound her in port while the investigation runs: seize and hold the ship, keep the crew and "
                     "the ship's records within reach, tell her flag state and ask it to act.",
                "C": "Confiscate her now, together with her manager's other ships.",
                "D": "Let her sail and bar her from Port Anselm in future.",
            }, ["option", "indicators", "cite"]),
            _decision("capstone-02", "finance", "finance", "What does the bank do now?", {
                "A": "Keep holding the payment and wait for the FIU to decide.",
                "B": "Freeze the held payment without delay, keep the customer's account under the FIU's "
                     "direction, and report the freeze to the competent authority and the national focal "
                     "point.",
                "C": "Freeze the seller's accounts at the bank.",
                "D": "Ask the seller's bank to send back the deposit paid in September.",
            }, ["option", "indicators", "cite"]),
            _decision("capstone-02", "focal_point", "focal_point", "What does the ministry do today?", {
                "A": f"Tell {v['name']}'s flag state today, through its maritime administration, what was found "
                     "and that the ship is held, and ask it to act; give the press one holding line (an "
                     "inspection is under way, no parties named); ask the 1718 Committee for its guidance on "
                     "storing and disposing of the munitions.",
                "B": "Say nothing to anyone outside Lumeria until the investigation is over.",
                "C": "Hold a press conference naming the ship, her owner and her manager.",
                "D": f"Ask {v['flag']} to take the ship back and deal with her under its own law.",
            }, ["option", "cite"]),
        ],
    }


def _phase3(s: dict) -> dict:
    v, p = s["vessel"], s["partner"]
    return {
        "phase": 3, "lesson": "capstone-03", "title": "The state decides and reports",
        "game_time": "Mon 5 Oct 2026, 09:00",
        "situation": ("The national focal point chairs a meeting of port, customs, the FIU, the bank supervisor "
                      "and the ministry of justice. The munitions are in a secure store, the payment is "
                      f"frozen and the consignee's account blocked on the FIU's order, {v['name']} is impounded. "
                      "Overnight the owner's lawyer applied to the court for her release, the master asked for a "
                      "doctor and for the crew to call home, the flag state replied, and the prosecutor asked for "
                      "the evidence. Each agency answers what reached it; the focal point decides whom Lumeria "
                      "informs and what the report to the 1718 Committee contains."),
        "roles": {
            "port": {"receives": "the lawyer's application for release, the master's request for the crew",
                     "data": ["capstone_scenario()", "capstone_notice()"]},
            "customs": {"receives": "the EOD team's report and the prosecutor's request for the evidence",
                        "data": ["capstone_containers()", "capstone_bills_of_lading()"]},
            "finance": {"receives": "the partner FIU's condition on the use of its note",
                        "data": ["capstone_payments()", "company_links()"]},
            "focal_point": {"receives": "everything the three agencies found, and the flag state's reply",
                            "data": ["capstone_scenario()", "capstone_bills_of_lading()",
                                     "capstone_payments()"]},
        },
        "decisions": [
            _decision("capstone-03", "port", "port", f"What do you answer on {v['name']} and her crew?", {
                "A": "Release the ship: the cargo is off and the owner is not accused.",
                "B": "Keep her impounded and answer the court with the legal basis and the evidence; give the crew "
                     "a doctor, calls home and consular access; let crew members not needed as witnesses go home "
                     "after interview.",
                "C": "Keep the whole crew on board under guard until the investigation ends.",
                "D": f"Hand the ship to {v['flag']}'s representative to sail her home.",
            }, ["option", "cite"]),
            _decision("capstone-03", "customs", "customs", "Where are the munitions kept, and how?", {
                "A": "In the customs warehouse at the port, with the other seized goods.",
                "B": "In a licensed explosives store under military guard, moved under EOD escort, sealed, with the "
                     "inventory and photographs, and a signed chain-of-custody record at every hand-over; samples "
                     "and markings kept for the prosecutor; disposal proposed in the report.",
                "C": "Destroyed at the army range this week, now that they are photographed.",
                "D": "Back in the two containers at the carrier's depot, under customs seal.",
            }, ["option", "cite"]),
            _decision("capstone-03", "finance", "finance", "How is the partner FIU's note used?", {
                "A": "Put the note in the freeze order and the report to the Committee as it stands.",
                "B": "Ask the partner FIU for its consent before its note is used or passed on; rest the freeze "
                     "meanwhile on Lumeria's own findings (the list extract and the company links); report the "
                     "freeze to the supervisor.",
                "C": "Lift the freeze until the partner FIU consents.",
                "D": "Give the note to the consignee's lawyer so that the bank can justify the freeze.",
            }, ["option", "cite"]),
            _decision("capstone-03", "notify", "focal_point", "Whom does Lumeria inform?",
                      notify_list(p.get("flag", "the ship she lay beside")), ["notify"]),
            _decision("capstone-03", "report", "focal_point",
                      "What goes into the report to the 1718 Committee, and on what basis is it sent?",
                      REPORT, ["contents", "cite"]),
        ],
    }


def injects(s: dict) -> dict:
    """The phases of the exercise for the scenario ``s`` (see ``world/capstone.py``)."""
    v, p = s["vessel"], s["partner"]
    ship = f"{v['name']} (IMO {v['imo']}, {v['flag']} flag)"
    phases = [_phase1(s, ship), _phase2(s), _phase3(s)]
    return {"title": s["title"], "roles": ROLES, "schedule": SCHEDULE, "citations": list(CITATIONS),
            "vessel": ship, "partner": f"{p['name']} (IMO {p['imo']}, {p.get('flag', '')} flag)",
            "phases": phases, "friction": friction(s), "fictional": True}


def decisions_by_role(doc: dict) -> dict[str, dict[int, int]]:
    """Decisions per role per phase (for the trainer pages and the report)."""
    out: dict[str, dict[int, int]] = {r: {} for r in ROLES}
    for ph in doc["phases"]:
        for d in ph["decisions"]:
            out[d["role"]][ph["phase"]] = out[d["role"]].get(ph["phase"], 0) + 1
    return out


ROLE_NAMES = {"port": "port officer", "customs": "customs officer", "finance": "bank analyst",
              "focal_point": "focal point"}


def master_list(doc: dict) -> list[dict]:
    """The timed master inject list: each phase's inject and each friction inject, in room-clock order, with the
    role that must answer and the decision that answers it (``doc``: ``capstone_injects()``)."""
    rows = []
    for ph in doc["phases"]:
        room = next(s["room"] for s in doc["schedule"] if s["phase"] == ph["phase"])
        rows.append({"room": room, "game_time": ph["game_time"], "to": "every role", "from": "lead trainer",
                     "inject": f"Phase {ph['phase']} inject: {ph['title']}",
                     "answered_by": f"every decision of phase {ph['phase']}"})
    for f in doc.get("friction", []):
        a = f["answered_by"]
        rows.append({"room": f["room"], "game_time": f["game_time"], "to": ROLE_NAMES[f["to"]], "from": f["from"],
                     "inject": f"{f['id']}: {f['text']}", "answered_by": f"{a['lesson']} {a['qid']}"})
    return sorted(rows, key=lambda r: (r["room"], r["inject"]))
