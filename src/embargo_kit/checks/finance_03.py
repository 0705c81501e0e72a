"""Checks for finance-03, "Front-company network" (exercises/solutions/finance/finance-03-front-company-network.ipynb).

Every expected value is derived here from the shipped synthetic world through :mod:`embargo_kit.datasets`
(the company registry, officers, links and the list extract). Cluster membership is judged against the
world's planted ground truth, which is stored only as salted hashes (``datasets.planted("network_companies")``),
so no company ID of the answer appears in this module. No message states an expected value.

The method the notebook teaches (and :func:`evidence_cluster` implements, for the hints and the tests):
seeds are the companies that act for a listed entity (``agent_of``) and the companies such an agent directs or
owns (D27: a company acting for a listed entity counts); a company
joins the cluster when its evidence reaches 2 points: 1 for each address, phone or officer it shares with a
member (none for a value that 5 or more companies share: a registered agent's office or a professional
nominee), 2 for an ownership link with a member, 1 for an officer of DPRK nationality; repeat until no company
joins. Links are directed (owner -> owned, director -> company, agent -> listed entity, D24); the chain of q4 is
the shortest path in the undirected view with the hub values removed (D25).
"""

from __future__ import annotations

import functools
from typing import Any

from embargo_kit.exercises.checking import Result, hashed, question, require_type
from embargo_kit.exercises.kinds import Advice, Compared, IdSet, Number, Reason

LESSON = "finance-03"

_KINDS = ("address", "phone", "officer")
CUSTOMER = "C-0075"  # the bank's customer, named in the notebook
#: what the registry supports: shared attributes (FIN-18), third-country shells (FIN-01), a DPRK national's
#: 100 % shareholding (FIN-10); no party's name matches the list (no FIN-02), no Government or Party entity
INDICATORS_REQUIRED = {"FIN-18"}
INDICATORS_ALLOWED = {"FIN-18", "FIN-01", "FIN-10"}
CITATIONS_REQUIRED = {"1718/8(d)"}
CITATIONS_ALLOWED = {"1718/8(d)", "2375", "2094/11"}
#: IDs an older edition of the lesson offered, read as their current ID so a trainee who follows it is not marked
#: wrong (2375 para 18 went back to `verify` in December 2026: cite the resolution alone)
CITATIONS_FORMERLY = {"2375/18": "2375"}
REASON_MIN_WORDS = 8


# ------------------------------------------------------------------------------------------ data
def _datasets():
    from embargo_kit import datasets

    return datasets


@functools.lru_cache(maxsize=1)
def _tables():
    ds = _datasets()
    return ds.companies(), ds.officers(), ds.company_links(), ds.list_extract()


def attributes_table():
    """One row per (company_id, kind, value): its address, its phone and each officer (director or secretary)."""
    import pandas as pd

    companies, _, links, _ = _tables()
    rows = []
    for c in companies.itertuples(index=False):
        rows.append((c.company_id, "address", c.address))
        rows.append((c.company_id, "phone", c.phone))
    off = links[links["relation"].isin(["director_of", "secretary_of"]) & links["target_id"].astype(str).str.startswith("C-")]
    for l in off.itertuples(index=False):
        rows.append((l.target_id, "officer", l.source_id))
    return pd.DataFrame(rows, columns=["company_id", "kind", "value"]).drop_duplicates().reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _company_ids() -> frozenset[str]:
    return frozenset(_tables()[0]["company_id"])


@functools.lru_cache(maxsize=1)
def naive_component() -> frozenset[str]:
    """Companies reachable from the seeds when any shared address, phone, officer or ownership links two."""
    import networkx as nx

    attrs = attributes_table()
    g = nx.Graph()
    g.add_nodes_from(_company_ids())
    for _, group in attrs.groupby(["kind", "value"]):
        ids = sorted(set(group["company_id"]))
        for a, b in zip(ids, ids[1:]):
            g.add_edge(a, b)
    for a, b in _ownership_pairs():
        g.add_edge(a, b)
    seen: set[str] = set()
    for s in seeds():
        seen |= nx.node_connected_component(g, s)
    return frozenset(seen)


def _ownership_pairs() -> list[tuple[str, str]]:
    links = _tables()[2]
    own = links[(links["relation"] == "shareholder_of")]
    ids = _company_ids()
    return [(a, b) for a, b in zip(own["source_id"], own["target_id"]) if a in ids and b in ids]


@functools.lru_cache(maxsize=1)
def seeds() -> frozenset[str]:
    """Companies that act for a listed entity, and companies such an agent directs, serves as secretary or owns."""
    links = _tables()[2]
    listed = set(_tables()[3]["ref"])
    agents = set(links.loc[(links["relation"] == "agent_of") & links["target_id"].isin(listed), "source_id"])
    ids = _company_ids()
    rel = links["relation"].isin(["director_of", "secretary_of", "shareholder_of"])
    controlled = {t for s, t in zip(links.loc[rel, "source_id"], links.loc[rel, "target_id"]) if s in agents and t in ids}
    return frozenset((agents & ids) | controlled)


#: an address, phone or officer shared by this many companies or more is a business centre, a switchboard or a
#: professional nominee: links through it earn no points.
COMMON = 5


@functools.lru_cache(maxsize=1)
def common_values() -> frozenset[tuple[str, str]]:
    attrs = attributes_table()
    counts = attrs.groupby(["kind", "value"])["company_id"].nunique()
    return frozenset(counts[counts >= COMMON].index)


def evidence_points(cid: str, members: set[str]) -> int:
    """Points of evidence that company ``cid`` belongs with ``members`` (the rule of the notebook)."""
    attrs = attributes_table()
    _, officers, _, _ = _tables()
    member_vals = set(map(tuple, attrs.loc[attrs["company_id"].isin(members), ["kind", "value"]].to_numpy()))
    member_vals -= common_values()
    mine = attrs[attrs["company_id"] == cid]
    pts = sum(1 for k, v in mine[["kind", "value"]].to_numpy() if (k, v) in member_vals)
    pts += 2 * sum(1 for a, b in _ownership_pairs() if (a == cid and b in members) or (b == cid and a in members))
    dprk = set(officers.loc[officers["nationality"].astype(str).str.upper() == "DPRK", "person_id"])
    if set(mine.loc[mine["kind"] == "officer", "value"]) & dprk:
        pts += 1
    return pts


@functools.lru_cache(maxsize=1)
def _rounds() -> tuple[frozenset[str], ...]:
    members = set(seeds())
    rounds = [frozenset(members)]
    while True:
        new = {c for c in _company_ids() - members if evidence_points(c, members) >= 2}
        if not new:
            return tuple(rounds)
        members |= new
        rounds.append(frozenset(new))


def evidence_cluster() -> frozenset[str]:
    out: set[str] = set()
    for r in _rounds():
        out |= r
    return frozenset(out)


def path_start() -> str:
    """The company q4 starts from: the bank's customer."""
    return CUSTOMER


def _planted_hashes() -> set[str]:
    return {h.lower() for h in _datasets().planted("network_companies")["hashes"]}


def _is_member(cid: str) -> bool:
    return hashed("world", "network_companies", cid) in _planted_hashes()


@functools.lru_cache(maxsize=1)
def full_graph():
    """Companies, people, list entries, addresses and phones as nodes; registry links as edges in their direction
    (owner -> owned, director -> company, agent -> listed entity, company -> its address and phone)."""
    import networkx as nx

    companies, officers, links, lx = _tables()
    g = nx.DiGraph()
    for c in companies.itertuples(index=False):
        g.add_edge(c.company_id, c.address, kind="registered at")
        g.add_edge(c.company_id, c.phone, kind="phone")
    nodes = set(companies["company_id"]) | set(officers["person_id"]) | set(lx["ref"])
    for s, rel, t in zip(links["source_id"], links["relation"], links["target_id"]):
        if s in nodes and t in nodes:
            g.add_edge(s, t, kind=rel)
    return g


def hubs() -> frozenset[str]:
    """The node names the rule of evidence gives no points: values shared by COMMON or more companies."""
    return frozenset(v for _, v in common_values())


@functools.lru_cache(maxsize=1)
def pruned_view():
    g = full_graph().to_undirected()
    return g.subgraph(n for n in g if n not in hubs()).copy()


def shortest_length() -> int:
    import networkx as nx

    g = pruned_view()
    refs = [r for r in _tables()[3]["ref"] if r in g]
    return min(nx.shortest_path_length(g, path_start(), r) for r in refs if nx.has_path(g, path_start(), r))


# ------------------------------------------------------------------------------------------ helpers
def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# ------------------------------------------------------------------------------------------ questions
_IDS = "a list or set of company IDs such as 'C-0001'"


def _advise_seeds(c: Compared) -> Advice | None:
    links = _tables()[2]
    agents = set(links.loc[links["relation"] == "agent_of", "source_id"])
    if not (c.found & agents) and len(c.found) < c.total:
        return Advice(hint="Some agents are companies: a company that acts for a listed entity is a seed itself.")
    return None


q1 = IdSet("q1", expected=lambda: set(seeds()), universe=_company_ids, what=_IDS,
           noun=("seed company", "seed companies"),
           wrong=("{k} of your IDs is neither an agent of a listed entity nor directed or owned by one.",
                  "{k} of your IDs are neither agents of a listed entity nor directed or owned by one."),
           unknown=("{k} of your IDs is not in the registry.", "{k} of your IDs are not in the registry."),
           passed="Right: these companies act for a listed entity or are directed or owned by someone who does.",
           hint="Start from the agent_of rows, then follow each agent's other links to the companies it directs or owns.",
           advise=_advise_seeds, example="table['company_id'].tolist()")


def _advise_component(n: Any) -> Result | None:
    if int(n) == len(_company_ids()):
        return Result.not_yet("That is every company in the registry.",
                              hint="Count only the connected component that contains the seed companies "
                                   "(nx.node_connected_component).")
    if int(n) == len(seeds()):
        return Result.not_yet("That is the number of seed companies, not of the component they sit in.",
                              hint="Take nx.node_connected_component(G, seed) for a seed and count its nodes.")
    return None


q2 = Number("q2", expected=lambda: len(naive_component()), integer=True,
            what="the number of companies in the component, as an int",
            passed="Right: linking on any shared attribute pulls that many companies into one component, far more "
                   "than a network of fronts. Ordinary companies share professional directors, registered agents' "
                   "addresses and re-used phone numbers.",
            wrong="{x} is not the size of the component around the seeds.",
            hint="Check your graph on one seed: do all its shared values and ownership links give it an edge?",
            advise=_advise_component)


def _network() -> set[str]:
    return {c for c in _company_ids() if _is_member(c)}


def _advise_cluster(c: Compared) -> Advice | None:
    members = set(evidence_cluster())
    weak = {x for x in c.wrong if 0 < evidence_points(x, members) < 2}
    unrelated = c.wrong - weak
    sentences = []
    if weak:
        sentences.append(f"{_plural(len(weak), 'of your companies shares', 'of your companies share')} only one "
                         "attribute with the network (a look-alike).")
    if unrelated:
        sentences.append(f"{_plural(len(unrelated), 'of your companies has', 'of your companies have')} no link to "
                         "the network at all.")
    if len(c.found) < c.total and not c.extra:
        hint = ("Run the rule again after each round: a company that scores only 1 point at first can reach 2 once "
                "a company it shares a phone or an address with has joined. Did you count DPRK-national officers?")
    elif weak:
        hint = "Count each company's points again: which of its links are independent evidence, and which are hubs?"
    else:
        hint = ""
    return Advice(*sentences, hint=hint)


q3 = IdSet("q3", expected=_network, universe=_company_ids, what=_IDS,
           noun=("company of the network", "companies of the network"),
           wrong=("", ""),
           unknown=("{k} of your IDs is not in the registry.", "{k} of your IDs are not in the registry."),
           passed="All {total} companies of the network, and none of the look-alikes: the seeds, and every company "
                  "with at least two independent links to them.",
           hint="Start from the seeds and apply the rule round by round until nobody joins.",
           advise=_advise_cluster, example="table['company_id'].tolist()")


@question("q4", expects="a list of node names from the customer to a list reference")
def q4(answer: Any) -> Result:
    if isinstance(answer, tuple):
        answer = list(answer)
    if (bad := require_type(answer, list, "a list of node names, from the customer's ID to a list reference")) is not None:
        return bad
    if not all(isinstance(v, str) for v in answer):
        return Result.cant_check("Some items of your path are not text.",
                                 hint="nx.shortest_path returns the node names; keep them as they are.")
    path = [v.strip() for v in answer]
    if not path:
        return Result.not_yet("Your path is empty.", hint="The first node of the path is the customer's company ID.")
    g = full_graph()
    refs = set(_tables()[3]["ref"])
    start = path_start()
    if path[0] != start:
        return Result.not_yet("Your path does not start at the customer the question names.",
                              hint="The first node of the path is the customer's company ID.")
    if path[-1] not in refs:
        return Result.not_yet("Your path does not end at a list reference such as KPe.001.",
                              hint="The last node must be the `ref` of an entry of the list extract.")
    missing = [v for v in path if v not in g]
    if missing:
        return Result.not_yet(f"{_plural(len(missing), 'node of your path is', 'nodes of your path are')} not in the "
                              "registry graph.", hint="Build the graph from the tables given and copy node names from it.")
    broken = sum(1 for a, b in zip(path, path[1:]) if not (g.has_edge(a, b) or g.has_edge(b, a)))
    if broken:
        return Result.not_yet(f"{_plural(broken, 'step of your path is', 'steps of your path are')} not a link in the "
                              "registry.", hint="Use nx.shortest_path on the graph rather than building the path by hand.")
    through = [v for v in path[1:-1] if v in hubs()]
    if through:
        return Result.not_yet(f"Your chain runs through {_plural(len(through), 'hub', 'hubs')}: a value that many "
                              "unrelated companies share, which proves nothing about this one.",
                              hint="Remove the common values of section 2 from the graph before you look for a path.")
    best = shortest_length()
    steps = len(path) - 1
    if steps == best:
        return Result.passed(f"Right: a chain of {steps} registry links, each a fact you can state in a report, "
                             "none of them a hub.")
    return Result.not_yet(f"Your chain has {steps} links; a shorter one without hubs exists.",
                          hint="Try every list reference as the end point and keep the shortest path.")


def _indicator_codes() -> set[str]:
    from importlib import resources

    import yaml

    text = (resources.files("embargo_kit") / "data" / "reference" / "indicators.yaml").read_text(encoding="utf-8")
    return {str(i["code"]) for i in yaml.safe_load(text)["indicators"]}


def _codes(answer: Any, what: str) -> tuple[set[str] | None, Result | None]:
    if hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset)):
        answer = answer.tolist()
    if isinstance(answer, str):
        answer = [answer]
    if (bad := require_type(answer, (list, tuple, set, frozenset), what)) is not None:
        return None, bad
    if not all(isinstance(v, str) for v in answer):
        return None, Result.cant_check(f"Expected {what}; some items are not text.")
    return {" ".join(v.split()).upper() if "-" in v else " ".join(v.split()) for v in answer}, None


def report_question(qid: str, *, indicators: tuple[set[str], set[str]], citations: tuple[set[str], set[str]],
                    evidence: Any, evidence_noun: str, shows: str, missing_indicator: str | tuple[str, str],
                    missing_citation: str,
                    passed: str, hint: str, example: str, formerly: dict[str, str] | None = None,
                    min_words: int = REASON_MIN_WORDS):
    """A finance report (finance-03 and finance-04): indicator codes and citations from closed lists, each
    ``(required, allowed)``, and written reasons checked for substance by the ``Reason`` kind (they must name one
    of ``evidence``). ``shows`` ends the sentence on unsupported codes ("not supported by what ...").
    ``missing_indicator`` is one sentence, or (one, many) sentences with ``{k}``, the number missing."""
    what = "a dict with 'indicators', 'citations' (lists of codes) and 'reasons' (text)"

    def reason_problem(text: Any) -> str | None:
        if not isinstance(text, str) or not text.strip():
            return "Your reasons are empty."
        verdict = Reason(qid, evidence=sorted(evidence()), min_words=min_words, evidence_noun=evidence_noun)(text)
        return None if verdict.ok else verdict.message

    @question(qid, expects=what)
    def check(answer: Any) -> Result:
        if (bad := require_type(answer, dict, what)) is not None:
            return bad
        if not {"indicators", "citations", "reasons"} <= set(answer):
            return Result.cant_check("Your dict needs the keys 'indicators', 'citations' and 'reasons'.",
                                     hint=example)
        inds, bad = _codes(answer["indicators"], "a list of indicator codes such as 'FIN-01'")
        if bad is not None:
            return bad
        cits, bad = _codes(answer["citations"], "a list of citations such as '2094/11'")
        if bad is not None:
            return bad
        cits = {(formerly or {}).get(c, c) for c in cits}
        problems = []
        unknown = inds - _indicator_codes()
        if unknown:
            problems.append(f"{_plural(len(unknown), 'indicator code is', 'indicator codes are')} not in the course's "
                            "list.")
        if not indicators[0] <= inds:
            k = len(indicators[0] - inds)
            problems.append(missing_indicator if isinstance(missing_indicator, str)
                            else missing_indicator[k != 1].format(k=k))
        if wrong := inds - indicators[1] - unknown:
            problems.append(f"{_plural(len(wrong), 'indicator is', 'indicators are')} not supported by {shows}.")
        if not citations[0] <= cits:
            problems.append(missing_citation)
        if bad_cits := cits - citations[1]:
            problems.append(f"{_plural(len(bad_cits), 'citation is', 'citations are')} not supported by {shows}.")
        if (why := reason_problem(answer["reasons"])) is not None:
            problems.append(why)
        if not problems:
            return Result.passed(passed)
        return Result.not_yet(" ".join(problems), hint=hint)

    check.reason_problem = reason_problem  # type: ignore[attr-defined]
    return check


def evidence_ids() -> set[str]:
    """Company IDs a reason may name: the cluster and the nodes of the chain."""
    import networkx as nx

    g = pruned_view()
    refs = [r for r in _tables()[3]["ref"] if r in g and nx.has_path(g, path_start(), r)]
    best = min((nx.shortest_path(g, path_start(), r) for r in refs), key=len)
    return set(evidence_cluster()) | {v for v in best if str(v).startswith("C-")}


q5 = report_question(
    "q5", indicators=(INDICATORS_REQUIRED, INDICATORS_ALLOWED), citations=(CITATIONS_REQUIRED, CITATIONS_ALLOWED),
    evidence=evidence_ids, evidence_noun="company IDs of your cluster or your chain", shows="what the registry shows",
    missing_indicator="The indicator that describes what you found in the registry is missing.",
    missing_citation="The citation of the measure that a front acting for a listed entity breaches is missing.",
    passed="Your reasons hold: the indicators and citations fit a front-company network, and your reasons name the "
           "evidence. What you wrote is kept for the debrief.",
    hint="For each code, ask which registry row shows it; leave out what no row shows. The lesson's section 'Which "
         "rules a front company breaks' names the measures.",
    example="decision = {'indicators': [...], 'citations': [...], 'reasons': '...'}", formerly=CITATIONS_FORMERLY)
reason_problem = q5.reason_problem


def leak_probes() -> dict[str, list[str]]:
    """Expected answers as text, for the leak scan of the learner notebook and its learner page."""
    import networkx as nx

    members = sorted(evidence_cluster() - {path_start()})
    g = pruned_view()
    refs = [r for r in _tables()[3]["ref"] if r in g and nx.has_path(g, path_start(), r)]
    best = min((nx.shortest_path(g, path_start(), r) for r in refs), key=len)
    return {
        "q1": sorted(seeds()),
        "q2": [f"= {len(naive_component())}"],
        "q3": members,
        "q4": [repr(best), " -> ".join(best)],
    }
