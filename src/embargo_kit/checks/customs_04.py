"""Checks for customs-04, "Following the route" (exercises/solutions/customs/customs-04-following-the-route.ipynb).

Every expected answer is derived here from the shipped synthetic world with the rules the notebook teaches:

* q1 **route**: for the consignment with the most legs in ``shipment_legs()``, the ordered list of ports: the first
  leg's ``port_from`` followed by every leg's ``port_to``, legs in ``leg`` order;
* q2 **chains**: bills of lading with two or more transshipment ports (three or more legs) whose ``container_id``
  changes between legs (CUS-05);
* q3 **certificates**: for every bill of lading discharged at Port Anselm with a line in an arms or dual-use heading,
  the first problem found with its end-user certificate, checked in this order: ``missing``,
  ``issued-after-shipment`` (issued after the manifest ``date``), ``expired`` (``valid_until`` before the last leg
  arrives), ``other-end-user`` (end user is not the consignee), ``other-items`` (the certificate's HS code or
  quantity is not the controlled line's); bills of lading whose certificate is in order are
  left out;
* q4 **where**: for the consignment of q1, the ports where the goods left in a different container from the one
  they arrived in (the ``port_from`` of each leg whose container differs from the previous leg's);
* q5 **requests**, from the closed list :data:`REQUESTS`: required ``all-legs`` and ``container-history``;
  ``consignee-registry`` and ``payment-trail`` accepted; ``euc-confirmation`` and ``export-licence`` do not fit
  goods that need no licence;
* q6 **legal basis** for the one consignment whose legs touch a DPRK port, from the closed list :data:`CITATIONS`:
  ``2270/18`` (inspection of DPRK cargo, transit included) and, for arms loaded at a DPRK port, ``1874/9`` (the
  DPRK's export ban on all arms); ``1718/8(b)`` is accepted with it; the others do not apply.

Messages count and never name an expected port or bill of lading.
"""

from __future__ import annotations

from typing import Any

from embargo_kit.checks.customs_02 import bills, concern_prefixes, plural
from embargo_kit.exercises.checking import Result, question
from embargo_kit.exercises.kinds import Advice, Compared, IdSet, Mapping, OneOf, read_items

LESSON = "customs-04"

PROBLEMS = ("missing", "issued-after-shipment", "expired", "other-end-user", "other-items")
REQUESTS = {
    "all-legs": "the through bill of lading and every leg, with ship, voyage and container (carrier)",
    "container-history": "stuffing, seal and weighing records of each container, at each change (carriers, terminals)",
    "euc-confirmation": "confirmation of the end-user certificate by its issuing authority (through the focal point)",
    "consignee-registry": "the consignee's registration, premises and trading history (company registry)",
    "payment-trail": "who paid for the goods and the freight (FIU, through the focal point)",
    "export-licence": "the export licence of the country of origin (its licensing authority)",
}
REQUIRED_REQUESTS = {"all-legs", "container-history"}
#: the closed list of citations offered in the notebook (registry-confirmed paragraphs only)
CITATIONS = {
    "2270/18": "inspect all cargo in or transiting the territory that comes from or goes to the DPRK",
    "1874/9": "the DPRK shall export no arms or related materiel of any kind",
    "1718/8(b)": "states stop their nationals, ships and aircraft procuring banned items from the DPRK",
    "2270/8": "catch-all: stop any item (food and medicine excepted) your state determines could directly contribute "
              "to the operational capabilities of the DPRK's armed forces",
    "1718": "no luxury goods to the DPRK (resolution 1718 (2006))",
    "2397/14": "no new or used vessels to the DPRK",
    "2094/17": "deny port entry to a vessel that refused an authorised inspection",
}
#: IDs an older edition of the notebook offered, read as their current ID so a trainee who follows it is not marked
#: wrong (1718 para 8(a)(iii) went back to `verify` in December 2026: cite the resolution alone)
CITATIONS_FORMERLY = {"1718/8(a)(iii)": "1718"}
ACCEPTED_REQUESTS = {"consignee-registry", "payment-trail"}
TRANSIT_PROBLEMS = ("missing", "other-end-user", "other-items", "other-destination")
#: the options of q8: what an end-user certificate in order tells the transit state
EUC_PROOF = {
    "final-use": "the goods will be used by the named end user, in the named country",
    "undertaking": "an authority of the destination certified what the end user declared it will do with these goods; "
                   "it must be confirmed with that authority, and says nothing of where the ship sails next",
    "no-inspection": "Lumeria need not inspect the goods while they pass through",
    "no-dprk-link": "the goods have no link to the DPRK",
}

_ROUTE = "the route as a list of port names in order, e.g. ['Dalian', 'Busan', 'Port Anselm']"
_PORTS = "a list of port names"
_REQS = "a list of request codes from REQUESTS, e.g. ['all-legs']"
_CITES = "a list of citation IDs from CITATIONS, e.g. ['2270/8']"


def _datasets():
    from embargo_kit import datasets

    return datasets


# ------------------------------------------------------------------------------------------ the rules
def _legs():
    return _datasets().shipment_legs().sort_values(["bl_number", "leg"])


def longest_bl() -> str:
    counts = _legs().groupby("bl_number").size()
    top = counts[counts == counts.max()].index
    return str(sorted(top)[0])


def route_of(bl: str) -> list[str]:
    legs = _legs()
    t = legs[legs["bl_number"] == bl]
    return [str(t["port_from"].iloc[0]), *[str(p) for p in t["port_to"]]]


def chain_bls() -> set[str]:
    out = set()
    for bl, t in _legs().groupby("bl_number"):
        if len(t) >= 3 and t["container_id"].nunique() > 1:
            out.add(str(bl))
    return out


def change_ports(bl: str) -> list[str]:
    legs = _legs()
    t = legs[legs["bl_number"] == bl].reset_index(drop=True)
    return [str(t.loc[i, "port_from"]) for i in range(1, len(t)) if t.loc[i, "container_id"] != t.loc[i - 1, "container_id"]]


def _first_problems(lines, tests) -> dict[str, str]:
    """For each bill of lading with a controlled line in ``lines``: ``missing`` when it has no certificate, else
    the name of the first of ``tests`` (name, test(first manifest line, certificate, its controlled lines)) that
    finds a problem; bills of lading whose certificate passes every test are left out."""
    ds = _datasets()
    m, euc = ds.manifests(), ds.end_user_certificates()
    lines = lines[lines["hs_code"].astype(str).str.startswith(concern_prefixes())]
    out = {}
    for bl in sorted(set(lines["bl_number"])):
        certs = euc[euc["bl_number"] == bl]
        if certs.empty:
            out[bl] = "missing"
            continue
        first, cert, ctrl = m[m["bl_number"] == bl].iloc[0], certs.iloc[0], lines[lines["bl_number"] == bl]
        problem = next((name for name, test in tests if test(first, cert, ctrl)), None)
        if problem:
            out[bl] = problem
    return out


def _other_end_user(first, cert, ctrl) -> bool:
    return str(cert["end_user"]).strip() != str(first["consignee"]).strip()


def _other_items(first, cert, ctrl) -> bool:
    same = (ctrl["hs_code"].astype(str) == str(cert["hs_code"])) & (ctrl["packages"] == int(cert["quantity"]))
    return not same.any()


def certificate_problems() -> dict[str, str]:
    """q3: certificates of controlled goods discharged at Port Anselm."""
    m = _datasets().manifests()
    arrived = _legs().groupby("bl_number")["arrived"].max()
    return _first_problems(m[m["port_of_discharge"] == "Port Anselm"], [
        ("issued-after-shipment", lambda first, cert, ctrl: cert["issued"] > first["date"]),
        ("expired",
         lambda first, cert, ctrl: cert["valid_until"] < arrived.get(first["bl_number"], cert["valid_until"])),
        ("other-end-user", _other_end_user),
        ("other-items", _other_items),
    ])


def transit_problems() -> dict[str, str]:
    """q7: the final destination's certificate, for controlled goods with no DPRK leg that only pass through
    Port Anselm."""
    ds = _datasets()
    m, ports = ds.manifests(), ds.ports()
    country = dict(zip(ports["name"], ports["country"]))
    last_port = _legs().groupby("bl_number")["port_to"].last()

    def other_destination(first, cert, ctrl) -> bool:
        heading_to = {country.get(first["port_of_discharge"]), country.get(last_port.get(first["bl_number"]))}
        return heading_to != {cert["end_user_country"]}

    # goods with a DPRK leg are the q6 case (an inspection), not a paperwork question: q7 leaves them out
    passing = m[m["transshipment_ports"].apply(lambda hubs: "Port Anselm" in list(hubs))
                & ~m["bl_number"].isin(dprk_bls())]
    return _first_problems(passing, [("other-end-user", _other_end_user), ("other-items", _other_items),
                                     ("other-destination", other_destination)])


def _all_bls() -> set[str]:
    return set(_datasets().manifests()["bl_number"])


def _all_ports() -> set[str]:
    legs = _legs()
    return set(legs["port_from"]) | set(legs["port_to"])


def dprk_bls() -> set[str]:
    """Consignments with a leg from or to a DPRK port that only pass through Port Anselm (the q6 case)."""
    ds = _datasets()
    dprk = set(ds.ports().query("is_dprk")["name"])
    legs = _legs()
    touching = set(legs.loc[legs["port_from"].isin(dprk) | legs["port_to"].isin(dprk), "bl_number"])
    m = ds.manifests()
    return touching & set(m.loc[m["port_of_discharge"] != "Port Anselm", "bl_number"])


def citation_rules() -> tuple[set[str], set[str]]:
    """(required, accepted extra) citations for the DPRK-linked consignment(s)."""
    ds = _datasets()
    dprk = set(ds.ports().query("is_dprk")["name"])
    hs = ds.hs_of_concern()
    arms = tuple(hs.loc[hs["category"] == "arms", "hs"])
    m = ds.manifests()
    required, extra = {"2270/18"}, set()
    lines = m[m["bl_number"].isin(dprk_bls())]
    if (lines["port_of_loading"].isin(dprk) & lines["hs_code"].astype(str).str.startswith(arms)).any():
        required.add("1874/9")
        extra.add("1718/8(b)")
    return required, extra


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects=_ROUTE)
def q1(answer: Any) -> Result:
    given = read_items(answer, _ROUTE, ordered=True,
                       example="[legs['port_from'].iloc[0]] + legs['port_to'].tolist()")
    if isinstance(given, Result):
        return given
    expected = route_of(longest_bl())
    if given == expected:
        return Result.passed(f"Right: {len(expected)} ports, {len(expected) - 2} of them transshipment hubs.")
    if given == expected[::-1]:
        return Result.not_yet("Your route runs backwards.", hint="The route starts at the first leg's port_from.")
    unknown = set(given) - _all_ports()
    if unknown:
        return Result.not_yet(f"{plural(len(unknown), 'name')} in your route {'is' if len(unknown) == 1 else 'are'} "
                              "not a port in the legs table (check the spelling).",
                              hint="Copy the port names from port_from and port_to.")
    if sorted(given) == sorted(expected):
        return Result.not_yet("You have the right ports in the wrong order.",
                              hint="Sort the legs by their `leg` number, not by port name.")
    if len(given) > len(expected) and set(given) == set(expected):
        return Result.not_yet("Some ports appear twice in your route.",
                              hint="Each leg's port_from is the previous leg's port_to: take the first port_from, "
                              "then only the port_to of every leg.")
    counts = _legs().groupby("bl_number").size()
    return Result.not_yet(
        f"That is not the route of the consignment with the most legs ({int(counts.max())} legs).",
        hint="Go back to the cell of section 1 that counts the legs of each consignment: it tells you which "
             "bl_number to take. Then rebuild that consignment's route as the notebook shows before question 1.")


def _advise_chains(c: Compared) -> Advice | None:
    legs = _legs()
    multi_leg = {str(b) for b, t in legs.groupby("bl_number") if len(t) >= 3}
    changed = {str(b) for b, t in legs.groupby("bl_number") if t["container_id"].nunique() > 1}
    if c.given == multi_leg:
        return Advice("You kept every consignment with two or more hubs; some kept their container.",
                      hint="Re-read CUS-05 above question 2: you applied its condition on hubs. Which column of "
                           "the legs table shows its other condition?")
    if c.given == changed:
        return Advice("You kept every container change, including single transshipments.",
                      hint="Re-read CUS-05 above question 2: you applied its condition on containers. What does it "
                           "say about hubs, and what does that mean in legs?")
    return None


q2 = bills("q2", chain_bls, "routed through two or more hubs with a container change",
           noun=("consignment", "consignments"), universe=_all_bls,
           passed="All {total} consignments whose route and container changes match CUS-05.",
           hint="CUS-05 has two conditions: turn each into something you can count per bl_number in the legs "
                "table, and keep a consignment only when both hold.", advise=_advise_chains)


def _certificates(qid: str, expected, labels: tuple[str, ...], scope: str, passed: str, start_hint: str,
                  order_hint: str, advise_more=None) -> Mapping:
    """q3 and q7: {bill of lading: first problem} over a closed list of problems, in the order the notebook gives."""

    def advise(given: dict, exp: dict) -> Advice | None:
        wrong_kind = [bl for bl in given if bl in exp and given[bl] != exp[bl]]
        if wrong_kind:
            return Advice(f"For {plural(len(wrong_kind), 'consignment')} you found a problem but named the wrong one.",
                          hint=order_hint)
        return advise_more(given, exp) if advise_more else None

    return Mapping(
        qid, expected=expected, labels=labels, noun=("consignment", "consignments"),
        what="a dict {bill-of-lading number: problem}, problem one of " + ", ".join(repr(p) for p in labels),
        right="{right} of the {total} consignments " + scope + " with a certificate problem are right.",
        missing=("{k} consignment with a problem is missing.", "{k} consignments with a problem are missing."),
        extra=(f"{{k}} consignment in your answer has no problem the rule finds (or is not {scope}).",
               f"{{k}} consignments in your answer have no problem the rule finds (or are not {scope})."),
        passed=passed, hint=start_hint + " A left merge with the certificates keeps those that have none.",
        key_hint="Use the bill-of-lading numbers as keys.", advise=advise)


q3 = _certificates(
    "q3", certificate_problems, PROBLEMS, "discharged here",
    passed="All {total} consignments with a certificate problem, each with the right problem.",
    start_hint="Look at every bill of lading discharged at Port Anselm with an arms or dual-use line, including "
               "those with no certificate at all.",
    order_hint="Test in this order and keep the first problem: missing, issued after the manifest date, valid_until "
               "before the last leg arrives, end user other than the consignee, then the HS code and quantity.")


def _route_ports() -> set[str]:
    return set(route_of(longest_bl()))


def _advise_changes(c: Compared) -> Advice | None:
    if route_of(longest_bl())[0] in c.wrong:
        return Advice(hint="The port of loading is where the goods were first packed, not a change.")
    return None


q4 = IdSet("q4", expected=lambda: set(change_ports(longest_bl())), universe=_route_ports, what=_PORTS,
           noun=("port", "ports"), example="t['port_from'].tolist()",
           found="You found {found} of the {total} ports where the container changed.",
           wrong=("{k} port in your answer does not belong.", "{k} ports in your answer do not belong."),
           unknown=("{k} port in your answer is not on this consignment's route.",
                    "{k} ports in your answer are not on this consignment's route."),
           unknown_hint="Pick ports from your route of question 1.",
           passed="Right: the goods changed container at {total} ports, each a moment when contents, marks and "
                  "papers can change.",
           hint="Re-read question 4: it says where a change happens. Walk through the legs of your question-1 "
                "consignment in `leg` order, watching the container_id column.", advise=_advise_changes)


def _advise_requests(c: Compared) -> Advice | None:
    if c.wrong & {"euc-confirmation", "export-licence"}:
        return Advice(hint="Ask for what the red flags leave open: the legs beyond your own, and the records of each "
                      "container change. Look at the goods: do they need a licence or an end-user certificate at all?")
    return None


def _closed_list(qid: str, *, expected, optional, universe, normalize, what: str, noun: tuple[str, str],
                 example: str, found: str, wrong: tuple[str, str], list_name: str, passed: str, hint: str,
                 advise=None) -> IdSet:
    """q5, q6: codes from a closed list shown in the notebook; an item outside the list is CAN'T CHECK."""
    return IdSet(qid, expected=expected, optional=optional, universe=universe, closed=True, normalize=normalize,
                 what=what, noun=noun, example=example, found=found, wrong=wrong,
                 unknown=(f"{{k}} {noun[0]} is not in the closed list.",
                          f"{{k}} {noun[1]} are not in the closed list."),
                 unknown_hint=f"Use the keys of {list_name} exactly, e.g. {example}.", passed=passed, hint=hint,
                 advise=advise)


q5 = _closed_list(
    "q5", expected=REQUIRED_REQUESTS, optional=ACCEPTED_REQUESTS, universe=REQUESTS, normalize=str.lower, what=_REQS,
    noun=("request", "requests"), example="['all-legs']", list_name="REQUESTS",
    found="You have {found} of the {total} requests the route calls for.",
    wrong=("{k} request does not fit this consignment.", "{k} requests do not fit this consignment."),
    passed="Those requests answer what the route leaves open: the legs you cannot see and what happened to the goods "
           "at each container change.",
    hint="Ask for what the red flags leave open: the legs beyond your own, and the records of each container change.",
    advise=_advise_requests)


def _citation_id(given: str) -> str:
    cid = given.replace(" ", "")
    return CITATIONS_FORMERLY.get(cid, cid)


q6 = _closed_list(
    "q6", expected=lambda: citation_rules()[0], optional=lambda: citation_rules()[1], universe=CITATIONS,
    normalize=_citation_id, what=_CITES, noun=("citation", "citations"), example="['2270/8']", list_name="CITATIONS",
    found="You have {found} of the {total} citations the case calls for ({missing} missing).",
    wrong=("{k} citation does not apply to this consignment.", "{k} citations do not apply to this consignment."),
    passed="Right: the transit does not take the cargo outside your inspection duty, and what it declares is banned "
           "for export from the DPRK whoever buys it.",
    hint="Ask two questions: why must you open a container that is only passing through, and what rule does its "
         "declared cargo break? Look at where it was loaded and what its manifest line says.")


def _transit_advice(given: dict, expected: dict) -> Advice | None:
    if not any(v == "other-destination" for v in given.values()):
        return Advice(hint="A certificate can match the goods and still not cover the journey: compare its "
                      "end_user_country with the country of the port of discharge and of the last leg's port_to.")
    return None


q7 = _certificates(
    "q7", transit_problems, TRANSIT_PROBLEMS, "in transit here",
    passed="All {total} consignments in transit whose certificate does not cover the shipment or its journey, each "
           "with the right problem.",
    start_hint="Start from the bills of lading whose transshipment_ports include Port Anselm, that have an arms "
               "or dual-use line and no leg from or to a DPRK port.",
    order_hint="Test in this order and keep the first problem: no certificate, end user, HS code and quantity, then "
               "the country the route ends in.", advise_more=_transit_advice)


q8 = OneOf(
    "q8", accepted=["undertaking"], options=list(EUC_PROOF), what="one key of EUC_PROOF, as text",
    passed="Right: a certificate is a declared undertaking, worth what its confirmation by the issuing authority "
           "and the route it travels are worth.",
    wrong="'{x}' claims more than a certificate can show.",
    hint="Ask what the paper could not know: who will really use the goods, where the ship goes after Port Anselm, "
         "and whether an inspection duty depends on it.")


def leak_probes() -> dict[str, list[str]]:
    """The expected answers as text, for the leak scan of the learner notebook and its page."""
    bl = longest_bl()
    route = route_of(bl)
    chains = sorted(chain_bls())
    changes = change_ports(bl)
    return {
        "q1": [repr(route), ", ".join(route), " → ".join(route), " -> ".join(route)],
        "q2": [repr(chains), ", ".join(chains)],
        "q3": [repr(certificate_problems())],
        "q4": [repr(changes), repr(sorted(changes))],
        "q5": [repr(sorted(REQUIRED_REQUESTS))],
        "q6": [repr(sorted(citation_rules()[0]))],
        "q7": [repr(transit_problems())],
        "q8": ["= 'undertaking'", '= "undertaking"'],
    }
