"""One scoring rule for every capstone decision, on paper and on a laptop.

A decision is worth 3 points:

- **2 for the choice**: the coordinated option (and, for customs in phase 1, the right bill: the right option on
  the wrong bill earns 1); an option that applies a lesson but loses something earns the part its key allows;
  for the focal point's lists (whom to inform, what to report), 2 when every needed item is there and nothing
  that must stay out, 1 when at least half are there and nothing that must stay out (or all are there with
  something that must stay out);
- **1 for the support**: shared equally between the decision's supporting fields (indicator codes, citations,
  and for the list of recipients the partners and domestic leads it reaches); a field earns its share when it
  holds everything needed and nothing unsupported.

The same :func:`score` reads a paper form's row and a notebook's answer dict, so mixed rooms are scored alike.
It works from the hashed keys in ``embargo_kit.checks.capstone_0N``; its sentences are for the debrief.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .decisions import Key, closed_list

MAX_POINTS = 3
CHOICE_POINTS = 2
LIST_FIELDS = ("notify", "contents")
LABEL = {"indicators": "indicators", "cite": "citations", "notify": "recipients", "contents": "report items",
         "groups": "partners and domestic leads"}


@dataclass
class Scored:
    """The points of one decision from one source, and why."""

    points: float
    choice: float
    support: float
    source: str = ""
    notes: list[str] = field(default_factory=list)
    readable: bool = True

    @property
    def explanation(self) -> str:
        return " ".join(self.notes)


def _codes(value: Any, fld: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace(";", " ").replace(",", " ").split()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, (list, tuple, set, frozenset)):
        return []
    out = []
    for v in value:
        if isinstance(v, str) and v.strip():
            out.append("".join(v.split()) if fld == "cite" else " ".join(v.split()).upper())
    return out


def _field_ok(key: Key, fld: str, codes: list[str]) -> tuple[bool, str]:
    """(complete and supported?, a sentence) for one supporting field."""
    picked = {key.h(fld, c): c for c in codes}
    req = key.required.get(fld, frozenset())
    groups = key.any_of.get(fld, ())
    ok = req | key.optional.get(fld, frozenset()) | frozenset().union(*groups or [frozenset()])
    wrong = sorted(c for hsh, c in picked.items() if hsh not in ok)
    found = len(req & set(picked))
    missed = sum(1 for g in groups if not (g & set(picked)))
    label = LABEL[fld]
    if not codes:
        return False, f"no {label}."
    bits = []
    if wrong:
        bits.append(f"unsupported {label}: {', '.join(wrong)}")
    if found < len(req):
        bits.append(f"{found} of {len(req)} needed {label}")
    if missed:
        bits.append("the legal basis is missing" if fld == "cite" else f"{missed} essential {label} missing")
    return (not bits), ("; ".join(bits) + ".") if bits else f"{label} complete."


def score(key: Key, answer: dict, options: dict[str, str], bill_rule=None) -> Scored:
    """Score one decision (``answer``: the notebook dict or a paper row turned into one)."""
    notes: list[str] = []
    choice = 0.0
    support_parts: list[tuple[str, bool, str]] = []
    if "option" in key.fields:
        opt = str(answer.get("option") or "").strip().upper()
        if not opt:
            notes.append("No option chosen.")
        elif opt not in options:
            notes.append(f"Option {opt!r} is not one of {', '.join(sorted(options))}.")
        elif key.h("option", opt) == key.option:
            choice = CHOICE_POINTS
            notes.append(f"Option {opt}: the coordinated choice.")
        else:
            choice = float(key.partial.get(key.h("option", opt), 0))
            what = key.consequences.get(opt, "")
            notes.append(f"Option {opt} ({choice:g} of {CHOICE_POINTS}): {what}" if what else
                         f"Option {opt} ({choice:g} of {CHOICE_POINTS}).")
        if "bl" in key.fields and choice == CHOICE_POINTS:
            bl = str(answer.get("bl") or "").strip().upper()
            right = {b.upper() for b in (bill_rule() if bill_rule else key.bl_rule())}
            if bl not in right:
                choice = 1.0
                notes.append(f"But {'no bill was named' if not bl else bl + ' is not the bill the data point to'}: "
                             "1 of 2.")
    else:
        main = next(f for f in key.fields if f in LIST_FIELDS)
        codes = _codes(answer.get(main), main)
        allowed = closed_list(main, options if main == "notify" else None)
        picked = {key.h(main, c): c for c in codes if c in allowed}
        unknown = [c for c in codes if c not in allowed]
        req = key.required.get(main, frozenset())
        groups = key.any_of.get(main, ())
        ok = req | key.optional.get(main, frozenset()) | frozenset().union(*groups or [frozenset()])
        wrong = sorted(c for hsh, c in picked.items() if hsh not in ok)
        found = len(req & set(picked))
        if found == len(req) and not wrong:
            choice = CHOICE_POINTS
        elif (found * 2 >= len(req) and not wrong) or (found == len(req) and wrong):
            choice = 1.0
        label = LABEL[main]
        notes.append(f"{found} of {len(req)} needed {label}" + (f"; must stay out: {', '.join(wrong)}" if wrong else "")
                     + (f"; not on the list: {', '.join(unknown)}" if unknown else "")
                     + f" ({choice:g} of {CHOICE_POINTS}).")
        for c in wrong:
            if c in key.wrong_why:
                notes.append(f"{c}: {key.wrong_why[c]}")
        if groups:
            hit = sum(1 for g in groups if g & set(picked))
            support_parts.append(("groups", hit == len(groups),
                                  f"reaches {hit} of {len(groups)} further recipients' groups."))
    for fld in ("indicators", "cite"):
        if fld in key.fields:
            codes = _codes(answer.get(fld), fld)
            good, sentence = _field_ok(key, fld, codes)
            support_parts.append((fld, good, sentence))
    support = 0.0
    if support_parts:
        share = 1.0 / len(support_parts)
        support = round(sum(share for _, good, _ in support_parts if good), 2)
        notes.append("Support: " + " ".join(f"{LABEL[f].capitalize()}: {s}" if not s.startswith(LABEL[f]) else
                                            s[0].upper() + s[1:] for f, _, s in support_parts))
    return Scored(points=choice + support, choice=choice, support=support, notes=notes)
