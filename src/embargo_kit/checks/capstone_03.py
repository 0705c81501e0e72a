"""Checks for capstone-03, the capstone's Phase 3, The state decides and reports (exercises/solutions/capstone/capstone-03-*.ipynb).

Each question is one role's tabletop decision, answered as a dict of picks from closed lists (see
:mod:`embargo_kit.capstone.decisions`). The right picks are stored only as salted hashes; what is stored in
words is the consequence of each option, which the learner sees after choosing it. Recompute a hash with
``python -m embargo_kit.capstone.decisions LESSON QID FIELD CODE``.
"""

from __future__ import annotations

from typing import Any

from embargo_kit.capstone.decisions import Key, evaluate
from embargo_kit.exercises.checking import Result, question

LESSON = "capstone-03"

KEYS: dict[str, Key] = {
    "notify": Key(
        lesson=LESSON, qid="notify", fields=('notify',),
        required={
            "notify": frozenset(['89d6b8c890304691a63eda5dc4e58c493b0166e17a3480229994caec2c38022d', 'd26893f48efb55043c71782dc94920520fc009113c002d1133aabc1f2d4b975b', 'd5e1bf08923e2983768d2891997999ba100784b49dafde7b46b1bab5b5488cdb']),
        },
        optional={
            "notify": frozenset(['9dd34600787cac378fd4bbfa771a68b5d966be094fac70ce3e59e22a72b76b4a', 'aea16a8a24fb43fe5d33626478e122089bb67dc67251f7cb13c4da3aeb5d645e']),
        },
        wrong_why={
            'PANEL': "the Panel of Experts' mandate ended on 30 April 2024.",
            'PRESS': 'naming a ship owner that no evidence links to the arms accuses an undesignated party; the facts go to the Committee first.',
            'CONSIGNEE': 'telling a suspected front about the report tips it off.',
        },
        hints={
            'notify': 'Who coordinates for Lumeria, which UN body receives reports on inspections and seizures, and which state answers for the ship?',
        },
        passed='The focal point speaks for Lumeria, the Committee hears it from Lumeria first, and the flag state is asked to act.',
    ),
    "report": Key(
        lesson=LESSON, qid="report", fields=('contents', 'cite'),
        required={
            "contents": frozenset(['1deecbeb691952a3253844fab1e05af40cd054e755cb55e87f2486a44dcdcf18', '2cd535f245e894605e55f5b1e7b632d8a48017f4bf1781fef93c076740e178d8', '3d946516bd5fd5bf70e9cccf0792f95af1988ea824b5776a3c42c38f62cb3e1f', '442af7aedd30958601a1085436784e3b2e1ccb08afae9c4e394f7b46114dfb9d', '789069a170c6f92ba6651ec58fc5ae736d68fd2a756f269a9fdeaaaf0b8cfd72', '8fa08a2532b1290e7780b7cc9b32100020473ea3d4828566e91f60ee1ee4ce8a', 'e54db77b29a985728570fd1c289236dd005e456d1138f0747dd3a23288449b09']),
        },
        optional={
            "contents": frozenset(['fb026c01a1067d645c65d081378ac60bcf37a797c393f8fd849b4c00463899fb']),
            "cite": frozenset(['347d988008d74256e6604141b68b0ea1accdef9fc002ff49d6a0fec942fae1b3', '78807625b205a24c2d4b71cb756e1a4bd386aad574610c067bc8a6c8aaccb888', 'd0484019bbb2bb16441f774f98ab4ea62c166dccad34e63ad8ef2d44ee58f6bb', 'efcf999ebe6f9586599c007733115b362bf2db03d5321d2b64485fa5e40b83e0']),
        },
        any_of={
            "cite": (frozenset(['f9ce47bb302046625e79167e9dfe3318bf66f0be783e243ec6e87f349f982693']),),
        },
        wrong_why={
            'R-GUILT': 'a report states facts; guilt is for courts, and nothing shows the owner knew.',
            'R-OFFICERS': "officers' personal details put them at risk and help nobody check the facts.",
        },
        hints={
            'contents': 'Would the Committee be able to check the vessel, the route, the goods, the papers, the parties and the money from your report, and see what Lumeria did?',
            'cite': 'Which resolution first required a state to report promptly to the Committee when it inspects and seizes cargo? Its paragraph number is not confirmed in the registry: cite the resolution alone.',
        },
        passed='A report the Committee can act on: facts it can check, documents it can compare, the money and the measures Lumeria took, each on its legal basis.',
    ),
}


def _options(qid: str) -> dict[str, str]:
    from embargo_kit.datasets.capstone import capstone_options

    try:
        return capstone_options(LESSON, qid)
    except (KeyError, FileNotFoundError):
        return {}


@question("notify", expects="a dict with the keys notify")
def notify(answer: Any) -> Result:
    return evaluate(KEYS["notify"], answer, _options("notify"))


@question("report", expects="a dict with the keys contents, cite")
def report(answer: Any) -> Result:
    return evaluate(KEYS["report"], answer, _options("report"))


def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return {qid: [key.passed] for qid, key in KEYS.items()}
