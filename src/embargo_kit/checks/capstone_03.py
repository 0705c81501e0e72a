"""Checks for capstone-03, the capstone's Phase 3, The state decides and reports (exercises/solutions/capstone/capstone-03-the-state-reports.ipynb).

Data only, written by ``tests/capstone/write_keys.py`` from the clear-text key under tests/ (do not edit by hand):
the right picks as salted hashes, and the words the learner is told. What a key holds and how a decision is
checked: :mod:`embargo_kit.capstone.decisions`.
"""

from __future__ import annotations

from embargo_kit.capstone.decisions import declare, keys, passed_sentences

LESSON = "capstone-03"

KEYS = keys(LESSON, {
    'port': dict(
        fields=('option', 'cite'),
        option='eba322619bd48cfca4aba9167ee0f38053a5221c140a913416e747961d9e84af',
        partial={'8855c4c7e57034120d93815504bb49c96d9a675773c01046ab6b8b71bfc78a43': 1},
        optional={'cite': ['c324edd50d3a5512cdeafd14248389200e81d51a6ad43eab2b6cfa04ef82375e', 'c3f89ea96b3e377a06b2dd0a8e09abf7047cf02215bc0dae41cfca735f5001d8']},
        any_of={'cite': [['e786bce9cef0c4f1e6da5145db7b4b2730c5c59b0ba66cdb6f72cb6e2dab291a']]},
        consequences={
            'A': 'the duty to impound her in port still applies and the investigation still needs her; the court hears no legal basis and lets the evidence sail.',
            'C': "keeping her impounded is right, but a crew held on board without a doctor, calls home or consular access is a welfare and human-rights failure that the flag state and the crew's state will raise, and that a court may end.",
            'D': 'the flag state cannot lift a duty Lumeria has; the ship and her records leave Lumerian jurisdiction.',
        },
        hints={
            'option': 'What does the court need to keep the ship, and what does the crew need while it does?',
            'cite': 'On which resolution does the impounding rest?',
        },
        passed='The ship stays impounded on a stated legal basis, and the crew are cared for, can call home and see their consul.',
    ),
    'customs': dict(
        fields=('option', 'cite'),
        option='995767e49c99291fbcc0900bbf7b4dc51c88425f16415e966a4ce8adcd250653',
        optional={'cite': ['5712213ad91fd5c6ac2818b00ad0f2474d217993aab39954ed887f86c1cc29ab']},
        any_of={'cite': [['ac6d6c09d59c335ec0007efc7f8a6b38ad14c873ddbe7f930018d43dfa45cdcb', 'dc487fc09bda2db1c90dcb2f6ed844f04d4e04463acbc9ed499f7a30a40a9a5d', 'e9e36a1102420997f342975f049d89035ae9f3e826de14ed65274485612505dd']]},
        consequences={
            'A': 'a customs warehouse is not built or licensed for explosives; one accident and the evidence and the warehouse are gone.',
            'C': 'the prosecutor has asked for samples and markings, and the Committee has not yet seen the report; destroyed evidence cannot be inventoried again.',
            'D': "munitions back in the carrier's hands, even under seal, leave Lumeria's custody and break the chain of custody.",
        },
        hints={
            'option': 'Where can munitions be kept safely, and what record makes them evidence a court accepts?',
            'cite': 'On which resolutions does the seizure rest?',
        },
        passed='The munitions are stored safely under guard, every hand-over is signed, and the prosecutor and the Committee can rely on the inventory.',
    ),
    'finance': dict(
        fields=('option', 'cite'),
        option='32c33244409c77d6f749c54acfeb5679d7d2befd41a2dfe32d2867602a3657bd',
        optional={'cite': ['570449028e3fee67ba2426aabbed7b0920aed767d7e5c34ef26512515bdf51a8', 'efdff33bc555ec79fe45514cc044d493d8236374bb94d41a1455e4f7de02fd3e']},
        any_of={'cite': [['a5817bf9e3e7b35c2a083585bef04f72951a96d73e5794109d109812fe5a0826']]},
        consequences={
            'A': "the partner FIU shared its note for intelligence only; using it without consent breaks the trust that FIUs' exchanges rest on, and the partner may stop sharing.",
            'C': "the freeze rests on Lumeria's own findings (the seller's people act for listed entities) and stays; lifting it lets the money go.",
            'D': "the note is confidential intelligence from another state; giving it to a party's lawyer breaks the partner's condition and warns the network.",
        },
        hints={
            'option': 'Whose information is the note, and what else does the freeze rest on?',
            'cite': 'Which paragraph requires the freeze?',
        },
        passed="The freeze stands on Lumeria's own evidence, and the partner FIU's note is used only once it consents.",
    ),
    'notify': dict(
        fields=('notify',),
        required={'notify': ['89d6b8c890304691a63eda5dc4e58c493b0166e17a3480229994caec2c38022d', 'd5e1bf08923e2983768d2891997999ba100784b49dafde7b46b1bab5b5488cdb']},
        optional={'notify': ['9dd34600787cac378fd4bbfa771a68b5d966be094fac70ce3e59e22a72b76b4a']},
        any_of={'notify': [['aea16a8a24fb43fe5d33626478e122089bb67dc67251f7cb13c4da3aeb5d645e', 'ed0e0f50f8206ed1382d9df3cea9725b2d8323c22fb3741f734e6049f28f69e0'], ['a25413b08fe1a970aefcd7183b1ed2e7a752402e94ad4869c08dd8892615cca9']]},
        wrong_why={
            'PANEL': "the Panel of Experts' mandate ended on 30 April 2024.",
            'PRESS': 'a statement naming companies before the Committee and a court have the facts accuses parties in public; one holding line is enough.',
            'CONSIGNEE': 'telling a suspected front about the report tips it off.',
        },
        hints={
            'notify': 'Which UN body receives reports on inspections and seizures, which states answer for the two ships and for the seller, and who in Lumeria investigates the Lumerian companies?',
        },
        passed='The Committee hears it from Lumeria first, both flag states and the partner states can act, and the prosecutor takes up the Lumerian companies.',
    ),
    'report': dict(
        fields=('cite', 'contents'),
        required={'contents': ['1deecbeb691952a3253844fab1e05af40cd054e755cb55e87f2486a44dcdcf18', '2cd535f245e894605e55f5b1e7b632d8a48017f4bf1781fef93c076740e178d8', '3d946516bd5fd5bf70e9cccf0792f95af1988ea824b5776a3c42c38f62cb3e1f', '442af7aedd30958601a1085436784e3b2e1ccb08afae9c4e394f7b46114dfb9d', '789069a170c6f92ba6651ec58fc5ae736d68fd2a756f269a9fdeaaaf0b8cfd72', '8fa08a2532b1290e7780b7cc9b32100020473ea3d4828566e91f60ee1ee4ce8a', 'e54db77b29a985728570fd1c289236dd005e456d1138f0747dd3a23288449b09', 'fb026c01a1067d645c65d081378ac60bcf37a797c393f8fd849b4c00463899fb']},
        optional={'cite': ['16d3f565029213bbd5216da88114c1dc3206894359b4ef42e1d6ac6d73ab129b', '347d988008d74256e6604141b68b0ea1accdef9fc002ff49d6a0fec942fae1b3', '78807625b205a24c2d4b71cb756e1a4bd386aad574610c067bc8a6c8aaccb888', 'd0484019bbb2bb16441f774f98ab4ea62c166dccad34e63ad8ef2d44ee58f6bb', 'efcf999ebe6f9586599c007733115b362bf2db03d5321d2b64485fa5e40b83e0']},
        any_of={'cite': [['f9ce47bb302046625e79167e9dfe3318bf66f0be783e243ec6e87f349f982693']]},
        wrong_why={
            'R-GUILT': 'a report states facts; guilt is for courts, and nothing shows the owner knew.',
            'R-OFFICERS': "officers' personal details put them at risk and help nobody check the facts.",
        },
        hints={
            'contents': 'Would the Committee be able to check the vessel, the route, the goods, the papers, the parties and the money from your report, see what Lumeria did and what becomes of the items?',
            'cite': 'Which resolution first required a state to report promptly to the Committee when it inspects and seizes cargo? Its paragraph number is not confirmed in the registry: cite the resolution alone.',
        },
        passed='A report the Committee can act on: facts it can check, documents it can compare, the money, the measures Lumeria took on their legal basis, and what becomes of the items.',
    ),
})

# the questions, in the order the notebook asks them (question kind: capstone.decisions.Decision)
port, customs, finance, notify, report = declare(KEYS)


def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return passed_sentences(KEYS)
