"""MID practice that cannot collide with a real ship: an extract of the ITU table of Maritime Identification
Digits, and a week's identities heard near Port Anselm masked after the MID (``445XXXXXX``).

A masked identity is not a nine-digit number, so it can name no real ship; the practice world's own ships keep
the unallocated MID 999. The extract holds only pairs checked against two public transcriptions of the ITU's
table (see :data:`MID_SOURCE`); before relying on a MID, read the ITU's own table (ITU MARS).
"""

from __future__ import annotations

#: where the extract comes from, and when it was checked
MID_SOURCE = ("ITU, Table of Maritime Identification Digits (MID), as transcribed in public MID-to-country "
              "lists; each pair below checked against two such transcriptions. Confirm with ITU MARS before use.")
MID_AS_OF = "2026-12-08"

#: MID -> the administration it is allocated to (only the states this course's fleet flags or names)
MID_EXTRACT: dict[int, str] = {
    273: "Russian Federation",
    351: "Panama", 352: "Panama", 353: "Panama", 354: "Panama", 355: "Panama", 356: "Panama", 357: "Panama",
    370: "Panama", 371: "Panama", 372: "Panama", 373: "Panama", 374: "Panama",
    412: "China", 413: "China", 414: "China",
    440: "Republic of Korea", 441: "Republic of Korea",
    445: "DPRK",
    457: "Mongolia",
    477: "Hong Kong, China",
    511: "Palau",
    538: "Marshall Islands",
    563: "Singapore", 564: "Singapore", 565: "Singapore", 566: "Singapore",
    572: "Tuvalu",
    613: "Cameroon",
    616: "Comoros", 620: "Comoros",
    667: "Sierra Leone",
    671: "Togo",
}

#: identities that are not ship stations (ITU-R M.585): prefix -> what transmits
SPECIAL_PREFIXES = [
    ("970", "AIS search-and-rescue transmitter (AIS-SART)"),
    ("972", "man-overboard (MOB) device"),
    ("974", "EPIRB with AIS locator"),
    ("111", "search-and-rescue aircraft (111 + MID)"),
    ("99", "aid to navigation (99 + MID)"),
    ("98", "craft associated with a parent ship (98 + MID)"),
    ("00", "coast station (00 + MID)"),
]

#: the week's practice identities: (identity as heard, masked; flag the notice or registry declares)
PRACTICE = [
    ("372XXXXXX", "Panama"),
    ("445XXXXXX", "Panama"),          # a DPRK MID on a ship that says Panama
    ("538XXXXXX", "Marshall Islands"),
    ("565XXXXXX", "Singapore"),
    ("667XXXXXX", "Togo"),            # Sierra Leone's MID, Togo's flag
    ("477XXXXXX", "Hong Kong, China"),
    ("970XXXXXX", "Panama"),          # a SART: not the ship's own identity
    ("511XXXXXX", "Palau"),
    ("613XXXXXX", "Comoros"),         # Cameroon's MID, Comoros's flag
    ("620XXXXXX", "Comoros"),
    ("99538XXXX", "Marshall Islands"),  # an aid to navigation, not a ship
    ("457XXXXXX", "Mongolia"),
    ("00412XXXX", "China"),           # a coast station
    ("351XXXXXX", "Panama"),
]


def mid_table() -> list[dict]:
    return [{"mid": m, "allocated_to": c, "source": MID_SOURCE, "as_of": MID_AS_OF}
            for m, c in sorted(MID_EXTRACT.items())]


def mid_practice() -> list[dict]:
    return [{"practice_id": f"H{i:02d}", "identity": ident, "declared_flag": flag, "fictional": True}
            for i, (ident, flag) in enumerate(PRACTICE, start=1)]


def verdict(identity: str, declared_flag: str) -> str:
    """The answer the MID question asks for, by the rule the notebook states (used by the validator)."""
    if any(identity.startswith(p) for p, _ in SPECIAL_PREFIXES):
        return "not a ship"
    mid = int(identity[:3])
    return "flag matches" if MID_EXTRACT.get(mid) == declared_flag else "other state"
