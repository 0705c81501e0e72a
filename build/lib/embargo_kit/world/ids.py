"""Identifiers of the fictional world: IMO numbers, MMSIs, container numbers, stable ids."""

from __future__ import annotations

import hashlib
import random

IMO_MIN, IMO_MAX = 1_000_000, 4_999_999
MID = 999  # unallocated Maritime Identification Digits


def imo_check_digit(first6: int | str) -> int:
    """The IMO check digit: first six digits weighted 7..2, summed, last digit of the sum."""
    digits = [int(c) for c in f"{int(first6):06d}"]
    return sum(d * w for d, w in zip(digits, range(7, 1, -1))) % 10


def imo_is_valid(imo: int | str) -> bool:
    """True if ``imo`` is a 7-digit number whose last digit is the check digit of the first six."""
    text = str(imo).strip().upper().removeprefix("IMO").strip()
    if not (len(text) == 7 and text.isdigit()):
        return False
    return imo_check_digit(text[:6]) == int(text[6])


def make_imo(rng: random.Random, used: set[int]) -> int:
    """A fresh fictional IMO number in 1000000-4999999 with a valid check digit."""
    while True:
        first6 = rng.randint(IMO_MIN // 10, IMO_MAX // 10)
        imo = first6 * 10 + imo_check_digit(first6)
        if IMO_MIN <= imo <= IMO_MAX and imo not in used:
            used.add(imo)
            return imo


def break_check_digit(imo: int) -> int:
    """The same number with a wrong last digit (for the planted false IMO)."""
    return imo - imo % 10 + (imo % 10 + 3) % 10


def make_mmsi(rng: random.Random, used: set[int]) -> int:
    """A fresh MMSI with the unallocated MID 999 (999xxxxxx)."""
    while True:
        mmsi = MID * 1_000_000 + rng.randint(100_000, 999_999)
        if mmsi not in used:
            used.add(mmsi)
            return mmsi


_ISO6346 = {c: v for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38])}


def container_check_digit(prefix10: str) -> int:
    """ISO 6346 check digit of owner code (3 letters) + category (U) + 6 digits."""
    total = 0
    for i, ch in enumerate(prefix10):
        val = _ISO6346[ch] if ch.isalpha() else int(ch)
        total += val * (2**i)
    return total % 11 % 10


def make_container(rng: random.Random, owner: str, used: set[str]) -> str:
    while True:
        serial = f"{rng.randint(0, 999_999):06d}"
        prefix = f"{owner}U{serial}"
        cid = prefix + str(container_check_digit(prefix))
        if cid not in used:
            used.add(cid)
            return cid


def stable_id(*parts: object) -> str:
    """A short stable hex id from its parts (for FollowTheMoney entity ids)."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
