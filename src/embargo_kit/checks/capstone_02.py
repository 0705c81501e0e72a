"""Checks for capstone-02, the capstone's Phase 2, Alongside (exercises/solutions/capstone/capstone-02-*.ipynb).

Each question is one role's tabletop decision, answered as a dict of picks from closed lists (see
:mod:`embargo_kit.capstone.decisions`). The right picks are stored only as salted hashes; what is stored in
words is the consequence of each option, which the learner sees after choosing it. Recompute a hash with
``python -m embargo_kit.capstone.decisions LESSON QID FIELD CODE``.
"""

from __future__ import annotations

from typing import Any

from embargo_kit.capstone.decisions import Key, evaluate
from embargo_kit.exercises.checking import Result, question

LESSON = "capstone-02"

KEYS: dict[str, Key] = {
    "customs": Key(
        lesson=LESSON, qid="customs", fields=('option', 'indicators', 'cite'),
        option="0b7dc20f987ecbff30423e4d4f533cbca15127897b1d92a62c6d87f5b3621c5b",
        required={
            "indicators": frozenset(['02232761e3c293cf510beaf29fde1b8b2af6c0390969b27973fe5b04706bd76f', '447f607ab5409639a78b2aebf00c19eeb7b9c8bef17aa5ce8268a6d1877ffa75']),
        },
        optional={
            "indicators": frozenset(['552ceb543e99d60aef8003e3beb82a2a926167a5b9d3c7056d0ed061345f89b5', '78b4f96724bb817a8272f9c970657a49666a977f87d7953a6245ba33df325bfe', 'ab9b056d272d5adf865300621f5e30c1c3326c8fc1464e813e50a3fba0d377bc', 'c19f7f88ffeba1e2ecc3a6f39317171cdc233697dc7ce0cb00ecf5abdcb16934']),
            "cite": frozenset(['08925821ef2df7ac470226142cce2b99a8eb01874e00f693bc547ece695842a7', 'ae408127f597ac4f4002b6e8808f51fe54126415ab829d909ca6f569fb71f3cb']),
        },
        any_of={
            "cite": (frozenset(['bb3d7910c9a0cb89cc81c55ce66c5c93e22e31b66612f737c7b6e2e511fb2092', 'd22bb3386303c6e3975d75629831d4b0d18782f5ba908a89f62a6ab60ba4db10']),),
        },
        consequences={
            'B': 'the arms go back into circulation, and Lumeria has helped a DPRK arms export on its way.',
            'C': 'the pump parts are the cover cargo and part of the evidence; releasing them hands a suspected front its goods and its story.',
            'D': 'without an inventory, photographs and markings, the report to the Committee and any prosecution lose their best evidence; disposal comes after documentation, not instead of it.',
        },
        wrong_why={
            'CUS-14': 'these are munitions, not luxury goods.',
            'CUS-16': 'nothing was declared as sent for repair.',
        },
        hints={
            'option': 'Which option keeps the arms out of circulation and keeps the evidence?',
            'indicators': 'Which HS chapter do the goods found belong to, and where does the evidence say they came from?',
            'cite': "Which paragraphs ban the DPRK's exports of arms of every kind?",
        },
        passed='Everything is secured with its chain of custody: the evidence for the report, for any prosecution and for a later, documented disposal.',
    ),
    "port": Key(
        lesson=LESSON, qid="port", fields=('option', 'cite'),
        option="c43ee66595652c3eca2eb628b04a00ec680fe2a94a4effc7efc1bb3c36cad608",
        optional={
            "cite": frozenset(['5f98b7737892f1f536c71f4b80c6ca8754c199b0bc30892a5d2b281bc560488f', 'c69a9dbc91f74ca3b909d85e8b318ac6a190ec13be1c30c1bc8222649f82a4a4']),
        },
        any_of={
            "cite": (frozenset(['e228e27d3c6bc807925d08c6d2d4ecb89653511c1cfed704dacacd192349dbdb']),),
        },
        consequences={
            'A': 'the ship that carried the arms, her crew and her records leave Lumerian jurisdiction before anyone has interviewed them.',
            'C': 'no evidence yet links her owner to the arms; confiscation needs a court and proof, and an unfounded seizure invites a claim against Lumeria.',
            'D': 'a future ban on one port does nothing about this voyage, and the evidence sails away.',
        },
        hints={
            'option': 'What does the investigation still need from the ship, and who else has a say over her?',
            'cite': 'Which resolution lets states impound a vessel in their ports that was involved in prohibited activities? The paragraph number is not confirmed in the registry: cite the resolution alone.',
        },
        passed='The ship, her crew and her records stay in reach of the investigation, and her flag state is asked to act, as the resolutions expect.',
    ),
    "finance": Key(
        lesson=LESSON, qid="finance", fields=('option', 'indicators', 'cite'),
        option="aa81f1720aa63506de68034e6220405d43357860a4b593b77246ec764703aa09",
        required={
            "indicators": frozenset(['acac3ff5fb283030b847fc86f88fac4f3c52954245d71cb862a1dd62e47d5ef3']),
        },
        optional={
            "indicators": frozenset(['53916256ab954f387645a7466e0ea8a3511ec07d3219ee39b7ad940eca3ec0be', 'dea983ffe3eb4ed8387579521dfbc9f93dfbf35c53e4a5e44276a0f015608d06', 'e8785ffb749848c4903dd3b75c3f2f9fef6c89f15b9ba37f94b2fe189c0a0d61']),
            "cite": frozenset(['1b817e7cb95c2bbe6ed788303c531bf9f153b7c3e291c92954bffd486f285f51', '3b3182d8725e4bfc7c6517d37f9818a666bcdee16a75f48d448bf154e0403db5', '9dead64485001139a5f441797731b302192a0f497e0103b71a1da885b7f1848d']),
        },
        any_of={
            "cite": (frozenset(['169e9248d2e5603819a42d75cd48f25d8cfddb2dd0a2e50bdd74a93ad52e33f7']),),
        },
        consequences={
            'A': 'holding is not freezing: the customer can demand its money, and the bank has no legal footing to keep it.',
            'C': 'the seller banks in Hong Kong, not with you: you can freeze only what is in your hands; the FIU must reach its counterpart.',
            'D': "the deposit is already in the seller's account abroad; asking for it back warns the seller and will be refused.",
        },
        wrong_why={
            'FIN-03': 'the vessel is not on the list extract.',
            'FIN-05': 'no respondent bank hides a downstream bank here.',
        },
        hints={
            'option': 'Once you know who the payee acts for, what must happen to funds of those acting for a designated entity?',
            'indicators': "Follow the seller's directors and shareholders in company_links() to the list extract.",
            'cite': 'Which paragraph freezes the assets of designated entities and of those acting on their behalf?',
        },
        passed='The payment is frozen because the payee acts for a designated entity, and the freeze is reported so the focal point can tell the Committee.',
    ),
}


def _options(qid: str) -> dict[str, str]:
    from embargo_kit.datasets.capstone import capstone_options

    try:
        return capstone_options(LESSON, qid)
    except (KeyError, FileNotFoundError):
        return {}


@question("customs", expects="a dict with the keys option, indicators, cite")
def customs(answer: Any) -> Result:
    return evaluate(KEYS["customs"], answer, _options("customs"))


@question("port", expects="a dict with the keys option, cite")
def port(answer: Any) -> Result:
    return evaluate(KEYS["port"], answer, _options("port"))


@question("finance", expects="a dict with the keys option, indicators, cite")
def finance(answer: Any) -> Result:
    return evaluate(KEYS["finance"], answer, _options("finance"))


def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return {qid: [key.passed] for qid, key in KEYS.items()}
