"""Checks for capstone-01, the capstone's Phase 1, Two days out (exercises/solutions/capstone/capstone-01-two-days-out.ipynb).

Data only, written by ``tests/capstone/write_keys.py`` from the clear-text key under tests/ (do not edit by hand):
the right picks as salted hashes, and the words the learner is told. What a key holds and how a decision is
checked: :mod:`embargo_kit.capstone.decisions`.
"""

from __future__ import annotations

from embargo_kit.capstone.decisions import declare, keys, passed_sentences

LESSON = "capstone-01"

KEYS = keys(LESSON, {
    'port': dict(
        fields=('option', 'indicators', 'cite'),
        option='75cd6caedab5209c3a3e2750db5a1c6d4b73a5cfbedf60fef615786b09a8133e',
        partial={'895d2b4d073efe600ba91666d5560aa12a77cc2c2f2c26a7f86410355da4e221': 1},
        required={'indicators': ['2afa84e0ea714e7f76e4d0801ddcb66e08c161692915b79c9bced029746826ad', '9f826513c9c12100900888416044a29227638c9407a4e20ad3ecf2a31c3365e9', 'ff9e3856ae5f980a9587c3a1c706a024ca88aabebd0558ed323c328777e897ac']},
        optional={'indicators': ['cd3f3ba633eea58b3fbaaac024f5b76487c04cd69ea7f5c9cc950febad794004'], 'cite': ['36546996d9d3d4bd6f8854f049b3ac1f93aaf6e0d30a8bb999a226e3a2582a43', '7cf5b56cdcadef60c9e4a7fb0d322e1689a272d596f78fb491e96a2dccb065f2', 'a8c96c7d9c3a6c74ed658f4b14cf608a948baa58183e6db0cbb47f0d3bc330fd', 'd208d6ad6314cc5580c9f518e0fa84913b94926f1f63035c184d9dd1f92acce4', 'f8a497eae175c12f685aab01b43b7adbb3db5c4456a333fd8689e2e82653ec35']},
        any_of={'cite': [['1b2d03cd57f53d1edff9a914b30c6e55708716c1e4d021279835d7f13fffbdb1']]},
        consequences={
            'A': 'she berths at night and works cargo at once; by the time anyone compares notes, her containers have left the port.',
            'C': 'a ship that refused an authorised inspection shall be denied entry, unless entry is for an inspection (2094/17); she has refused nothing, and the cargo inspection duty (2270/18) is met by bringing her in for inspection, not by sending her away. Turned away, she sails on to a port that will not look, and her cargo is never inspected here.',
            'D': "a high-seas inspection needs her flag state's consent and days of diplomacy, and she is coming to your port anyway, where the cargo inspection duty applies.",
        },
        wrong_why={
            'PORT-10': 'no DPRK port call is recorded anywhere in the data; a suspicion is a question for the master, not an indicator.',
            'PORT-07': 'neither ship, nor any former name, is on the list extract.',
            'PORT-11': 'her registry history shows no change of flag.',
            'PORT-03': 'her broadcast identity matches the register.',
        },
        hints={
            'option': 'Which option brings the cargo where it can be inspected without losing the ship?',
            'indicators': 'Measure the silences in her track (gaps over 12 hours), see what she was doing when the track resumed and who was next to her, and compare the ports in the notice with the track.',
            'cite': 'Which paragraph obliges a state to inspect cargo in its seaports that comes from or goes to the DPRK, or is brokered by its nationals?',
        },
        passed='She comes in for inspection and waits at anchor until customs is ready: the master must account for the missing days, customs can prepare an examination, and the focal point knows before she berths.',
    ),
    'customs': dict(
        fields=('bl', 'option', 'indicators', 'cite'),
        option='2456e7d7f416a8d5f8656b1149dc6757bd9b0881d226dff344086db893643862',
        bl_rule='heavy',
        bl_hint="Compare each bill's declared weight with its containers' VGM minus tare, and each bill's port and date of loading with the ship's track and notice.",
        required={'indicators': ['1fb8c4a3abd09db443ccebd0c450b395602c8d65d552dd350fb5997a011d4c24', '7244288c1bf8f973a1eda44299c45a6aeab42b455a9d7dce1b210099e3b78ad4']},
        optional={'indicators': ['34dd5681d544383ecffedae747ccf906deaf1541d2ab165e65c616681673ee1f', '68702f0fe125e233ed39a114f8468c96fbfdc221ff9eac05c48a467edf6afadd', '854e0d8424802c5909ad16ca3752a37d4c4e0522542dad0785660dce620c6175', '87de450a323ccba2f657977eb89d22321526dfae320dd97481742ce4c7a27a7f', '88e6e0f4c6b7e44cbace1fb4ade3ea4a7ffab57e5f343b39acb7edeaa5d5039a', '973779b54a3e8265c476d9e38f56c86e66e28ae0713533c96a8ab2f21486c4d0', 'f5f79ab5d6fd0c7040db9ef327fd7f2660814c26ffab58c7691fe869894ce3b6'], 'cite': ['10979f344380fe42655ec5cd8840772f20b9972b9ef6b5c6dd3ba78eba4ac353', 'ddab50dc8014aa399e97ba06bac62085fbe1fa61c82f55c8774a69b2b395b5fe']},
        any_of={'cite': [['3d611f7fd893fb8ac4ed337edffc69807a57215d7dbbaefceef0fc493b7a0cc8']]},
        consequences={
            'A': 'the boxes leave the port on a truck the morning she berths; nobody looks inside.',
            'C': 'dense metal behind pump housings looks like pump housings on a scan; the boxes are released.',
            'D': 'the consignee now knows customs is interested; the invoice it sends is in order, and someone else collects the boxes.',
        },
        wrong_why={
            'CUS-11': 'nothing declared is in HS chapter 93 or the other arms headings.',
            'CUS-05': 'no bill of this voyage was transshipped.',
        },
        hints={
            'option': 'Which option finds out what is in the boxes without warning anyone?',
            'indicators': 'Weigh the declaration against the VGM, and check that the ship could have loaded at the port and on the date the bill states (ask the port officer for the track).',
            'cite': 'Which paragraph makes inspection of such cargo a duty in your seaports?',
        },
        passed='The two containers are held under seal for a full examination on discharge, and the port officer knows which boxes to keep an eye on.',
    ),
    'finance': dict(
        fields=('option', 'indicators', 'cite'),
        option='9ac49bbf1bcc4a72245a00b9e240e7b9e66dd7d9f35fe72c8ecb09d10e523d1e',
        required={'indicators': ['09bfcc0225784284da07c7bfd960e92b0266d01793a92f02869dfc104f798395']},
        optional={'indicators': ['20a835416cbe8dd81823bb503bb37e8fe77202d286b2e6540f94197bfee744f7', '4dffa92cbdc8c2a3fa2b5dbb2eecaf40176dab6f6aab003135a7fa6e546cc363', 'fa6a4508564ed329b8931047565ca22e35021ea00b009d275a4897df277366a5'], 'cite': ['b3fc3aa8ef95d47c4576273aba3eb97715dd126a60aed8da95374ab0c5835499']},
        any_of={'cite': [['78eca32cf0212aa977c1407e82796f6404bb64ad180108ed72965a06c4bf1983', '83c2d77e0d86ff6709228504d01a413adb598e597c6d447811ad40314efd783c']]},
        consequences={
            'A': "the balance reaches the seller's account in Hong Kong before the ship berths, and it cannot be recalled.",
            'C': 'you have tipped off the customer: the money goes out through another bank the same afternoon.',
            'D': 'the payment leaves, and closing the account tells the customer it is being watched.',
        },
        wrong_why={
            'FIN-02': 'no party to the payment matches a list entry or alias by name.',
            'FIN-03': 'no vessel in the payment documents is on the list.',
            'FIN-07': "pump parts fit the customer's registered line of business.",
        },
        hints={
            'option': 'Which option keeps the money in Lumeria without warning the customer?',
            'indicators': "Compare the payer's, payee's and notify party's addresses, phone numbers and directors in companies(), company_links() and officers() (nationality too).",
            'cite': 'Which paragraphs reach the financial transactions and services that could serve arms exports or evasion?',
        },
        passed='The balance stays in Lumeria, the FIU has a report it can share with customs and the port, and the customer has not been warned.',
    ),
    'focal_point': dict(
        fields=('option', 'cite'),
        option='dede358e9731bbf009d130ab7460385b59123d57ad593c5f53633c6c767d3ea6',
        optional={'cite': ['195ce8ca23733eb1eaf60a85a93d280876f7e8cd8aebeb25003290baede0af0d', '3b52adfa3e6941bdf072f4e50c972206848367b9b6a6e4cc1010ffd28073709b', 'eb7f4955326d9476c8e8ecbe23c76f19e12b3224ca345b83541f007b45fe806a']},
        any_of={'cite': [['2c8f88b9407b3b7c4325f37cfee8c5c8eb7d6d1d09c26ceca4fb15062856434c', '5307795c90a17a6c75ad44991dde729d15a01a471f308c3f9bd63c3c864faedd', 'f0cf8d98543fce8e090c9d69dc20ef7cbac9804ff8f39810b8b5b93e5ec2b913']]},
        consequences={
            'A': "port, customs and the bank each act alone and without legal advice; when she berths nobody has asked her flag state anything, and the bank's report sits at the FIU.",
            'C': 'the Committee receives a suspicion, not facts it can check; a report comes after the inspection, with what was found, and an undesignated ship has been named on a suspicion.',
            'D': 'her agent reads the statement over breakfast; she changes her port of call, and Lumeria has accused a ship it has not inspected.',
        },
        hints={
            'option': 'Who must sit at one table before she arrives, and what must the ministry know about her entry and her flag?',
            'cite': 'On which duty or rule do the port and customs want legal advice: entry, or the inspection of her cargo?',
        },
        passed='The agencies meet today with legal advice on entry and inspection, the flag state is asked quietly, and nothing is said in public.',
    ),
})

# the questions, in the order the notebook asks them (question kind: capstone.decisions.Decision)
port, customs, finance, focal_point = declare(KEYS)


def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return passed_sentences(KEYS)
