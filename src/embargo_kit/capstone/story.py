"""The capstone story: phases, clock times, roles, what each role receives and the decisions with their options.

Everything is fictional. This module holds no answer: which option, indicator or citation is right lives only
as salted hashes in ``embargo_kit/checks/capstone_0N.py`` and, in words, in the instructor-only debrief.
"""

from __future__ import annotations

ROLES = {
    "port": "Port officer: Port Anselm Harbour Master's Office and port state control (fictional)",
    "customs": "Customs officer: Lumeria Revenue and Customs Authority, Port Anselm office (fictional)",
    "finance": "Bank analyst: compliance team of a Lumerian bank, with the Lumerian FIU on call (fictional)",
    "focal_point": "National focal point: Ministry of Foreign Affairs, Vell (fictional); played by the trainer or "
                   "a fourth participant, and by the whole table in phase 3",
}

#: the closed list of citation IDs a decision may cite (every one is in the registry: a confirmed paragraph, or
#: a resolution alone where the paragraph number is not confirmed)
CITATIONS = ("1718/8(b)", "1718/8(d)", "1874", "1874/9", "1874/12", "2094/11", "2094/17", "2094/25", "2270/8", "2270/12",
             "2270/18", "2270/32", "2375", "2375/8", "2397", "2664/1")

#: phase 3: whom Lumeria informs (closed list)
NOTIFY = {
    "NFP": "Lumeria's national focal point (Ministry of Foreign Affairs, Vell)",
    "COMMITTEE": "the 1718 Committee of the Security Council",
    "FLAG": "the flag state of the vessel",
    "PARTNERS": "the states where the seller, the notify party and the declared port of loading are, through "
                "FIU and customs channels",
    "PANEL": "the Panel of Experts of the 1718 Committee",
    "MSMT": "the Multilateral Sanctions Monitoring Team (MSMT), as a voluntary briefing",
    "PRESS": "the press, with the names of the ship owner and manager",
    "CONSIGNEE": "the consignee, so that it can explain itself before anything is reported",
}

#: phase 3: what goes into the report to the 1718 Committee (closed list)
REPORT = {
    "R-VESSEL": "the vessel's identity: name, IMO number, MMSI, flag, registered owner and manager",
    "R-TRACK": "the AIS gap, the meeting at sea with the other vessel and the declared last ports",
    "R-ITEMS": "what was found: items, quantities, markings, photographs, and where they were stowed",
    "R-DOCS": "the bills of lading, container weights and invoices, and where they contradict the track",
    "R-PARTIES": "the shipper, consignee, notify party and the links between them found in company records",
    "R-MONEY": "the payments for the cargo and the amounts frozen",
    "R-ACTIONS": "what Lumeria did: inspection, seizure, freeze, vessel held, and the legal basis of each",
    "R-DISPOSAL": "how Lumeria proposes to store and dispose of the seized items",
    "R-GUILT": "a finding that the ship owner and manager knew of the arms",
    "R-OFFICERS": "the names and home addresses of the officers who inspected the containers",
}

#: room clock (half day) and game clock of each phase
SCHEDULE = [
    {"room": "09:00", "minutes": 20, "what": "Welcome, roles, rules of play, the Lumeria briefing", "phase": None},
    {"room": "09:20", "minutes": 50, "what": "Phase 1 - Two days out", "phase": 1, "game": "Thu 1 Oct 2026, 09:00"},
    {"room": "10:10", "minutes": 50, "what": "Phase 2 - Alongside", "phase": 2, "game": "Sat 3 Oct 2026, 06:00"},
    {"room": "11:00", "minutes": 15, "what": "Break", "phase": None},
    {"room": "11:15", "minutes": 50, "what": "Phase 3 - The state decides and reports", "phase": 3,
     "game": "Mon 5 Oct 2026, 09:00"},
    {"room": "12:05", "minutes": 45, "what": "Debrief: scores, the coordinated response, discussion", "phase": None},
    {"room": "12:50", "minutes": 10, "what": "Evaluation and close", "phase": None},
]


def _decision(lesson, qid, role, question, options, fields):
    return {"lesson": lesson, "qid": qid, "role": role, "question": question, "options": options,
            "answer_fields": fields}


def injects(s: dict) -> dict:
    """The phases of the exercise for the scenario ``s`` (see ``world/capstone.py``)."""
    v, p = s["vessel"], s["partner"]
    ship = f"{v['name']} (IMO {v['imo']}, {v['flag']} flag)"
    phases = [
        {
            "phase": 1, "lesson": "capstone-01", "title": "Two days out", "game_time": "Thu 1 Oct 2026, 09:00",
            "situation": (f"The agent of {ship} has filed pre-arrival notice {s['notice_id']}: ETA Port Anselm "
                          f"{s['eta']} UTC, containers, last port Lianyungang. Customs has the advance cargo "
                          "declaration of the voyage. A Lumerian bank has a payment instruction from one of the "
                          "consignees, due today. Nobody has compared notes yet."),
            "roles": {
                "port": {"receives": "the pre-arrival notice, the vessel's AIS track from 20 September and the "
                                     "tracks of the ships near it",
                         "data": ["capstone_notice()", "capstone_track()", "capstone_scenario()"]},
                "customs": {"receives": "the bills of lading of the voyage and the declared container weights "
                                        "(VGM), with the company registry",
                            "data": ["capstone_bills_of_lading()", "capstone_containers()", "companies()"]},
                "finance": {"receives": "the payment instruction and the customer's earlier payments, the "
                                        "invoice it quotes, and the company registry",
                            "data": ["capstone_payments()", "capstone_invoices()", "companies()",
                                     "company_links()", "officers()"]},
            },
            "decisions": [
                _decision("capstone-01", "port", "port", f"What do you do about {v['name']}'s arrival?", {
                    "A": "Clear her for berth as planned; the notice is complete.",
                    "B": "Let her come to the outer anchorage but hold berthing; ask the master and agent to "
                         "account for the days the track is missing; tell customs and the national focal point "
                         "today.",
                    "C": "Refuse her entry to Port Anselm.",
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
                              "B": "Hold the payment, file a suspicious transaction report with the FIU today, "
                                   "and tell the customer nothing about why.",
                              "C": "Reject it and return the funds, explaining your concerns to the customer.",
                              "D": "Execute this last payment, then close the customer's account.",
                          }, ["option", "indicators", "cite"]),
            ],
        },
        {
            "phase": 2, "lesson": "capstone-02", "title": "Alongside", "game_time": "Sat 3 Oct 2026, 06:00",
            "situation": (f"{v['name']} berthed at 04:10. Customs opened the two containers declared as water pump "
                          "parts. Behind a first row of pump housings were wooden crates with stencilled Korean "
                          "text: 1,920 rounds of rocket-propelled grenade ammunition of the PG-7 type and 2,000 "
                          "fuzes, packed 40 rounds to a crate. The master says everything was loaded at Ningbo and Lianyungang. "
                          "At 08:30 the FIU passes on what a partner FIU says about one of the seller's directors."),
            "roles": {
                "port": {"receives": "the vessel's registry record and history, its owner and manager in the "
                                     "company registry, the master's statement (above)",
                         "data": ["vessels()", "vessel_history()", "companies()", "capstone_scenario()"]},
                "customs": {"receives": "the examination report (above), the bill and the containers",
                            "data": ["capstone_bills_of_lading()", "capstone_containers()", "hs_of_concern()"]},
                "finance": {"receives": "the FIU's note: a partner FIU reports that a director of the seller acts "
                                        "as an agent for a listed entity; the list extract and the company links",
                            "data": ["list_extract()", "company_links()", "officers()", "capstone_payments()"]},
            },
            "decisions": [
                _decision("capstone-02", "customs", "customs", "What do you do with what you found?", {
                    "A": "Seize the munitions, the two containers and the cover cargo; record everything with "
                         "photographs and a chain of custody; keep it secure for the investigation.",
                    "B": "Send the two containers back to the shipper on the same ship.",
                    "C": "Seize the munitions and release the pump parts to the consignee.",
                    "D": "Destroy the munitions at once for safety, then write the report.",
                }, ["option", "indicators", "cite"]),
                _decision("capstone-02", "port", "port", f"What happens to {v['name']}?", {
                    "A": "Let her sail once the two containers are off.",
                    "B": "Keep her in port under national law while the investigation runs, and inform her flag "
                         "state and ask it to act.",
                    "C": "Confiscate her now, with her owner's other assets.",
                    "D": "Let her sail and bar her from Port Anselm in future.",
                }, ["option", "cite"]),
                _decision("capstone-02", "finance", "finance", "What does the bank do now?", {
                    "A": "Keep holding the payment and wait for the FIU to decide.",
                    "B": "Freeze the held payment without delay, keep the customer's account under the FIU's "
                         "direction, and report the freeze to the competent authority and the national focal "
                         "point.",
                    "C": "Freeze the seller's accounts at the bank.",
                    "D": "Ask the seller's bank to send back the deposit paid in September.",
                }, ["option", "indicators", "cite"]),
            ],
        },
        {
            "phase": 3, "lesson": "capstone-03", "title": "The state decides and reports",
            "game_time": "Mon 5 Oct 2026, 09:00",
            "situation": ("The national focal point chairs a meeting of port, customs, the FIU, the bank supervisor "
                          "and the ministry of justice. The munitions are in a secure store, the payment is "
                          "frozen and the consignee's account blocked on the FIU's order, the vessel is held. The "
                          "focal point must decide whom to inform and what the report to the 1718 Committee "
                          "contains."),
            "roles": {
                "focal_point": {"receives": "everything the three agencies found",
                                "data": ["capstone_scenario()", "capstone_bills_of_lading()",
                                         "capstone_payments()"]},
            },
            "decisions": [
                _decision("capstone-03", "notify", "focal_point", "Whom does Lumeria inform?",
                          NOTIFY, ["notify"]),
                _decision("capstone-03", "report", "focal_point",
                          "What goes into the report to the 1718 Committee, and on what basis is it sent?",
                          REPORT, ["contents", "cite"]),
            ],
        },
    ]
    return {"title": s["title"], "roles": ROLES, "schedule": SCHEDULE, "citations": list(CITATIONS),
            "vessel": ship, "partner": f"{p['name']} (IMO {p['imo']})", "phases": phases, "fictional": True}
