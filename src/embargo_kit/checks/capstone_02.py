"""Checks for capstone-02, the capstone's Phase 2, Alongside (exercises/solutions/capstone/capstone-02-alongside.ipynb).

Data only, written by ``tests/capstone/write_keys.py`` from the clear-text key under tests/ (do not edit by hand):
the right picks as salted hashes, and the words the learner is told. What a key holds and how a decision is
checked: :mod:`embargo_kit.capstone.decisions`.
"""

from __future__ import annotations

from embargo_kit.capstone.decisions import declare, keys, passed_sentences

LESSON = "capstone-02"

KEYS = keys(LESSON, {
    'customs': dict(
        fields=('option', 'indicators', 'cite'),
        option='0b7dc20f987ecbff30423e4d4f533cbca15127897b1d92a62c6d87f5b3621c5b',
        required={'indicators': ['02232761e3c293cf510beaf29fde1b8b2af6c0390969b27973fe5b04706bd76f', '447f607ab5409639a78b2aebf00c19eeb7b9c8bef17aa5ce8268a6d1877ffa75']},
        optional={'indicators': ['552ceb543e99d60aef8003e3beb82a2a926167a5b9d3c7056d0ed061345f89b5', '78b4f96724bb817a8272f9c970657a49666a977f87d7953a6245ba33df325bfe', '8f2944462aaac92707eb21aa11b2a7fdee447a7e9138162de5783f2504aed620', 'ab9b056d272d5adf865300621f5e30c1c3326c8fc1464e813e50a3fba0d377bc'], 'cite': ['08925821ef2df7ac470226142cce2b99a8eb01874e00f693bc547ece695842a7', '639a4759adb14bb4ed3f9e53ba6d7af672c4f55fb6b16234d7c7653a92a83b07']},
        any_of={'cite': [['ae408127f597ac4f4002b6e8808f51fe54126415ab829d909ca6f569fb71f3cb', 'bb3d7910c9a0cb89cc81c55ce66c5c93e22e31b66612f737c7b6e2e511fb2092', 'd22bb3386303c6e3975d75629831d4b0d18782f5ba908a89f62a6ab60ba4db10']]},
        consequences={
            'B': 'live munitions sit on a public quay without guard or an EOD assessment, and the Committee expects Lumeria to report what it found: nobody will tell you what is in the boxes.',
            'C': 'the pump parts are the cover cargo and part of the evidence; releasing them hands a suspected front its goods and its story.',
            'D': 'without an inventory, markings and samples, the report to the Committee and any prosecution lose their best evidence; safety comes first, then documentation, and disposal after the report.',
        },
        wrong_why={
            'CUS-14': 'these are munitions, not luxury goods.',
            'CUS-16': 'nothing was declared as sent for repair.',
        },
        hints={
            'option': 'Which option makes the munitions safe, keeps them out of circulation and keeps the evidence?',
            'indicators': "Which HS chapter do the goods found belong to, and who brokered them (see the nationality of the seller's people)?",
            'cite': "Which paragraphs ban the DPRK's exports of arms of every kind?",
        },
        passed='Everything is made safe and secured with its chain of custody: the evidence for the report, for any prosecution and for a later, documented disposal.',
    ),
    'port': dict(
        fields=('option', 'indicators', 'cite'),
        option='c43ee66595652c3eca2eb628b04a00ec680fe2a94a4effc7efc1bb3c36cad608',
        required={'indicators': ['89eb63ffd40f242a97b5e3778f8b4d2756ca327e19e6d8aa27f6634cbcb1fe8f', 'c536c77314d3ac84810e8a32439c5891e479edd2e9bf0650598144b218a929de']},
        optional={'indicators': ['4bcfe949a101708336dad84fe900abecbdde7a20b148426a65bfc8f332d601aa', 'b4623240fbcd3efee2bc609d5059e59f1cd8d147f0f378803e410e6304084e8c', 'e7a5bd07c77a74c11d2f84c1ed05ddedb05f4441e5b48d8774c2e65b830b2a66'], 'cite': ['1fb8f6aec1247e36053140745c8548308bef59d36404da4ea6dfdbe33e26e32d', 'a5cae6f9549ddd09a2f61d3dfed549c6036f1b1957f3af921b85dac372308249', 'c69a9dbc91f74ca3b909d85e8b318ac6a190ec13be1c30c1bc8222649f82a4a4']},
        any_of={'cite': [['e228e27d3c6bc807925d08c6d2d4ecb89653511c1cfed704dacacd192349dbdb']]},
        consequences={
            'A': 'a state shall seize and impound a ship in its ports when it has reasonable grounds to believe she was involved in carrying prohibited items (2397); she leaves with her crew and records before anyone has interviewed them.',
            'C': "confiscation is for a court, on proof; her manager's links are a lead for the prosecutor, not proof, and the other ships are not in your port.",
            'D': 'a future ban on one port does nothing about this voyage, and the ship that carried the arms sails away although the duty to impound her applies now.',
        },
        wrong_why={
            'PORT-07': 'neither ship is on the list extract.',
            'PORT-11': 'her registry history shows no change of flag.',
        },
        hints={
            'option': 'What must a state do with a ship in its port that it has reasonable grounds to believe carried prohibited items?',
            'indicators': 'What in her track and at sea gave the reasonable grounds, before anything was found?',
            'cite': 'Which resolution requires states to seize and impound such a vessel in their ports? Its paragraph number is not confirmed in the registry: cite the resolution alone.',
        },
        passed='The ship is impounded: she, her crew and her records stay in reach of the investigation, and her flag state is asked to act.',
    ),
    'finance': dict(
        fields=('option', 'indicators', 'cite'),
        option='aa81f1720aa63506de68034e6220405d43357860a4b593b77246ec764703aa09',
        required={'indicators': ['acac3ff5fb283030b847fc86f88fac4f3c52954245d71cb862a1dd62e47d5ef3']},
        optional={'indicators': ['53916256ab954f387645a7466e0ea8a3511ec07d3219ee39b7ad940eca3ec0be', 'd1ae8f1fedd8c34d6f13b900b3761b207229091136453f86ce7d5977d35b8dd8', 'dea983ffe3eb4ed8387579521dfbc9f93dfbf35c53e4a5e44276a0f015608d06', 'e8785ffb749848c4903dd3b75c3f2f9fef6c89f15b9ba37f94b2fe189c0a0d61'], 'cite': ['22dd0cb9b4bf368c7d26827c27e367a58acbfb430b83c376f08f27b612618043', '3b3182d8725e4bfc7c6517d37f9818a666bcdee16a75f48d448bf154e0403db5', '9dead64485001139a5f441797731b302192a0f497e0103b71a1da885b7f1848d']},
        any_of={'cite': [['169e9248d2e5603819a42d75cd48f25d8cfddb2dd0a2e50bdd74a93ad52e33f7']]},
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
    'focal_point': dict(
        fields=('option', 'cite'),
        option='87d3b9b4104a945347d0296c3f335dcb1af9699c6353a53451ca7f0154c24b72',
        optional={'cite': ['9ad31535397381ee701ca3d113f4b145f8e63f92b1afdd04717f6e9bd250615f']},
        any_of={'cite': [['8b363560d965fa2a23b293415c0f17fd7bf5fe27def4d29b9a51d3522da2ad07', '8cac41d7ef227a8cbeabf806574f79acb0184f7f69816a6057783a4f066de3a8', 'a5260b3f0f9c9a4749bd52cb17b8c7056fa2f406d45ee0e587534fbeef5e31a3', 'b805b71b2af764116a39f5329423c49a5c9da77c626cbe14d3f59f97d6367db4']]},
        consequences={
            'B': 'the flag state learns of the impounding from the press, the press writes what dock workers say, and the munitions wait without anyone asking the Committee how to dispose of them.',
            'C': 'naming companies before the facts are checked accuses parties in public, may prejudice a trial, and warns everyone else in the network.',
            'D': 'the flag state cannot take back a ship Lumeria must keep impounded, and the evidence sails with her.',
        },
        hints={
            'option': 'Who answers for the ship, what may be said in public, and whom do you ask about disposing of the munitions?',
            'cite': 'On what basis is the ship held and the cargo seized?',
        },
        passed='The flag state hears it from Lumeria, the press gets one line that names nobody, and the Committee is asked about disposal.',
    ),
})

# the questions, in the order the notebook asks them (question kind: capstone.decisions.Decision)
customs, port, finance, focal_point = declare(KEYS)


def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return passed_sentences(KEYS)
