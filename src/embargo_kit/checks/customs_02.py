"""Checks for customs-02, "Manifest screening" (exercises/solutions/customs/customs-02-manifest-screening.ipynb).

Every expected answer is derived here from the shipped synthetic world (:mod:`embargo_kit.datasets`) with the
rules the notebook teaches:

* q1 **codes of concern**: bills of lading with at least one line whose HS code starts with an ``hs`` value of
  ``hs_of_concern()`` in the categories ``arms`` or ``dual-use``;
* q2 **listed parties**: bills of lading whose shipper, consignee or notify party matches a name or alias of an
  entity or individual in ``list_extract()``: names compared as ``fingerprints.generate`` fingerprints, a match
  being a ``rapidfuzz.fuzz.token_set_ratio`` of at least :data:`MATCH_THRESHOLD` that also shares at least half of
  the list name's distinctive words (not legal forms or :data:`COMMON_WORDS`: a subset score alone gives "General
  Corp" 100 against Korea Ryonbong General Corporation);
* q3 **description mismatch**: bills of lading with a line in an arms or dual-use heading whose description holds
  none of the words expected for that heading as a **whole word** (:data:`EXPECTED_WORDS`, also given in the
  notebook; "mine" is not in "mineral");
* q4 **hold**: the union of the three.

Messages count what was found and never name an expected bill of lading. The shared helpers at the top are also
used by the checks of customs-03 and customs-04.
"""

from __future__ import annotations

import re
from typing import Any

from embargo_kit.exercises import optional
from embargo_kit.exercises.kinds import Advice, Compared, IdSet

LESSON = "customs-02"

#: a fuzzy score at or above this (0-100) counts as a possible match to be reviewed (training setting)
MATCH_THRESHOLD = 80
#: words too common in company names to make two names the same party (with legal forms, as fingerprinted)
COMMON_WORDS = frozenset({"co", "corp", "ltd", "llc", "inc", "plc", "company", "limited", "corporation", "general",
                          "trading", "trade", "korea", "korean", "international", "group", "holdings", "industrial",
                          "import", "export", "development", "associated", "and", "of", "the"})
#: the categories of hs_of_concern() that make a line a "code of concern" in q1
CONCERN_CATEGORIES = ("arms", "dual-use")
#: words a description should contain for each HS chapter or heading of concern (the notebook shows this table)
EXPECTED_WORDS: dict[str, list[str]] = {
    "93": ["ammunition", "cartridge", "rifle", "shotgun", "pistol", "revolver", "gun", "grenade", "rocket",
           "missile", "munition", "weapon", "artillery", "mortar", "bomb", "mine", "torpedo"],
    "8710": ["armoured", "armored", "tank"],
    "8802": ["aircraft", "helicopter", "aeroplane", "airplane"],
    "8906": ["vessel", "warship", "hull", "boat", "ship"],
    "8458": ["lathe", "turning"],
    "8526": ["radar", "radio"],
}

_BLS = "a list (or set) of bill-of-lading numbers, e.g. ['BL-XXX-26000', ...]"


# ------------------------------------------------------------------------------------------ shared helpers
# also used by the checks of customs-03 and customs-04
def plural(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"


def bills(qid: str, expected: Any, found_what: str, *, passed: str, hint: str, advise: Any = None,
          universe: Any = None, noun: tuple[str, str] = ("bill of lading", "bills of lading"),
          unknown_hint: str = "") -> IdSet:
    """A set question in this track's words (by default, of bills of lading in the manifest): counts found,
    extra ("does not belong") and misspelt items."""
    return IdSet(qid, expected=expected, universe=all_bls if universe is None else universe, what=_BLS, noun=noun,
                 allow_empty=True, example="table['bl_number'].unique().tolist()",
                 found=f"You found {{found}} of the {{total}} {{nouns}} {found_what}.",
                 wrong=("{k} {noun} in your answer does not belong.", "{k} {nouns} in your answer do not belong."),
                 unknown=("1 item is not in the data at all (check the spelling).",
                          "{k} items are not in the data at all (check the spelling)."),
                 unknown_hint=unknown_hint or "Copy the values from the table rather than typing them.",
                 passed=passed, hint=hint, advise=advise)


def _datasets():
    from embargo_kit import datasets

    return datasets


# ------------------------------------------------------------------------------------------ the rules
def concern_prefixes() -> tuple[str, ...]:
    hs = _datasets().hs_of_concern()
    return tuple(str(h) for h in hs.loc[hs["category"].isin(CONCERN_CATEGORIES), "hs"])


def expected_key(hs_code: str) -> str | None:
    """The EXPECTED_WORDS key (longest prefix) for an HS code, or None."""
    keys = [k for k in EXPECTED_WORDS if str(hs_code).startswith(k)]
    return max(keys, key=len) if keys else None


def description_fits(hs_code: str, description: str) -> bool:
    key = expected_key(hs_code)
    if key is None:
        return True
    text = str(description).casefold()
    return any(re.search(r"\b" + re.escape(w) + r"s?\b", text) for w in EXPECTED_WORDS[key])


def _manifest():
    return _datasets().manifests()


def all_bls() -> set[str]:
    return set(_manifest()["bl_number"])


def concern_bls(m=None) -> set[str]:
    m = _manifest() if m is None else m
    prefixes = concern_prefixes()
    return set(m.loc[m["hs_code"].astype(str).str.startswith(prefixes), "bl_number"])


def mismatch_bls(m=None) -> set[str]:
    m = _manifest() if m is None else m
    prefixes = concern_prefixes()
    lines = m[m["hs_code"].astype(str).str.startswith(prefixes)]
    bad = [not description_fits(h, dsc) for h, dsc in zip(lines["hs_code"], lines["description"])]
    return set(lines.loc[bad, "bl_number"])


def list_fingerprints() -> dict[str, str]:
    """fingerprint -> list reference, for every name and alias of an entity or individual in the list extract."""
    fingerprints = optional.require("fingerprints", "This check")  # the "names" extra: CAN'T CHECK without it

    le = _datasets().list_extract()
    out: dict[str, str] = {}
    for _, row in le[le["type"] != "vessel"].iterrows():
        for name in [row["name"], *list(row["aliases"] or [])]:
            fp = fingerprints.generate(str(name))
            if fp:
                out[fp] = str(row["ref"])
    return out


def distinctive(fingerprint: str) -> set[str]:
    return set(fingerprint.split()) - COMMON_WORDS


def shares_distinctive_words(party_fp: str, list_fp: str) -> bool:
    """At least half of the list name's distinctive words appear in the party's name."""
    wanted = distinctive(list_fp)
    return bool(wanted) and 2 * len(wanted & distinctive(party_fp)) >= len(wanted)


def listed_parties(m=None) -> set[str]:
    """Party names in the manifest that match a list name or alias."""
    fingerprints = optional.require("fingerprints", "This check")
    from rapidfuzz import fuzz, process

    m = _manifest() if m is None else m
    names = list(list_fingerprints())
    hits = set()
    for party in set(m["shipper"]) | set(m["consignee"]) | set(m["notify_party"]):
        fp = fingerprints.generate(str(party)) or ""
        best = process.extractOne(fp, names, scorer=fuzz.token_set_ratio)
        if best is not None and best[1] >= MATCH_THRESHOLD and shares_distinctive_words(fp, best[0]):
            hits.add(party)
    return hits


def listed_bls(m=None) -> set[str]:
    m = _manifest() if m is None else m
    parties = listed_parties(m)
    mask = m["shipper"].isin(parties) | m["consignee"].isin(parties) | m["notify_party"].isin(parties)
    return set(m.loc[mask, "bl_number"])


def hold_bls() -> set[str]:
    m = _manifest()
    return concern_bls(m) | listed_bls(m) | mismatch_bls(m)


# ------------------------------------------------------------------------------------------ advice
def _q1_advice(c: Compared) -> Advice | None:
    m = _manifest()
    everything = set(m.loc[m["hs_code"].astype(str).str.startswith(tuple(_datasets().hs_of_concern()["hs"])),
                           "bl_number"])
    if c.given == everything:
        return Advice("You kept every code in hs_of_concern(), including luxury goods and banned DPRK exports.",
                      hint="Keep only the rows whose `category` is 'arms' or 'dual-use': frozen fish from Busan is "
                           "trade, not a code of concern.")
    return None


def _q3_advice(c: Compared) -> Advice | None:
    if c.given == concern_bls():
        return Advice("You listed every bill of lading with a code of concern, not only those whose description "
                      "contradicts the code.",
                      hint="Keep a line only when its description holds none of the words EXPECTED_WORDS gives for "
                           "its code.")
    return None


def _q4_advice(c: Compared) -> Advice:
    m = _manifest()
    parts = {"codes of concern": concern_bls(m), "listed parties": listed_bls(m), "mismatches": mismatch_bls(m)}
    missed = [name for name, s in parts.items() if not s <= c.given]
    if missed:
        return Advice(f"The bills of lading with {' and with '.join(missed)} are not all in it.",
                      hint="Some of your answers to questions 1-3 are missing from the hold list: combine them with "
                           "the set union operator, q1 | q2 | q3.")
    return Advice(hint="Hold exactly the bills of lading of questions 1, 2 and 3, nothing else.")


# ------------------------------------------------------------------------------------------ questions
q1 = bills(
    "q1", concern_bls, "with an arms or dual-use HS code",
    passed="All {total} bills of lading with a line in an arms or dual-use heading.",
    hint="A line counts when its hs_code starts with one of the `hs` values of category 'arms' or 'dual-use' "
         "(str.startswith accepts a tuple of prefixes). Chapters have 2 digits, headings 4.", advise=_q1_advice)

q2 = bills(
    "q2", listed_bls, "with a listed party or alias",
    passed="All {total} bills of lading where a listed entity or one of its aliases appears, spelling variants "
           "included.",
    hint="Did you screen all three parties, against every list name and alias? A high score on common words alone "
         "is not a match; an abbreviation of a distinctive word can be.")

q3 = bills(
    "q3", mismatch_bls, "whose description contradicts its code",
    passed="All {total} bills of lading where the description does not fit the HS code.",
    hint="Look only at lines with a code of concern, and test words as whole words: does 'gun' belong in "
         "'gunny bags'?", advise=_q3_advice)

q4 = bills(
    "q4", hold_bls, "to hold",
    passed="Hold these {total} bills of lading: each has a code of concern, a listed party or a description that "
           "contradicts its code.", hint="", advise=_q4_advice)


def leak_probes() -> dict[str, list[str]]:
    """The expected answers as text, for the leak scan of the learner notebook and its page."""
    return {q.qid: q.probes() for q in (q1, q2, q3, q4)}
