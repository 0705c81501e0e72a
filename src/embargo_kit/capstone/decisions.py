"""Checking a tabletop decision: an option code, indicator codes and citation IDs picked from closed lists.

A decision is answered as a dict, e.g. ``{"option": "B", "indicators": ["PORT-01"], "cite": ["2270/18"]}``.
The key of a decision (:class:`Key`) holds only salted hashes of the right picks (``hashed(lesson,
"<qid>.<field>", code)``), so reading a check module does not give the answers; what it holds in words is the
*consequence* of each option, which the check tells the learner after a pick, as a tabletop umpire would.
Free text (a ``"why"`` entry) is accepted and ignored: it is for the debrief, not graded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from embargo_kit.exercises.checking import Result, hashed, missing_answer
from embargo_kit.exercises.kinds import _Kind  # the kinds' base: registration as a question

FIELDS_HELP = {
    "option": "one option code, e.g. 'B'",
    "bl": "one bill of lading number, e.g. 'BL-LYG-70000'",
    "indicators": "a list of indicator codes, e.g. ['PORT-01', 'CUS-03']",
    "cite": "a list of citation IDs from the closed list, e.g. ['2270/18']",
    "notify": "a list of codes from the notification list, e.g. ['MSMT']",
    "contents": "a list of report item codes, e.g. ['R-VESSEL']",
}


@dataclass
class Key:
    """The answer key of one decision, as salted hashes, plus what each option leads to."""

    lesson: str
    qid: str
    fields: tuple[str, ...]
    option: str = ""                                       # hash of the right option
    partial: dict[str, float] = field(default_factory=dict)  # hash of an option worth part of the points -> points
    consequences: dict[str, str] = field(default_factory=dict)  # option code -> what happens (shown after a pick)
    passed: str = ""                                       # the PASS sentence: what the coordinated choice achieves
    bl_rule: Any = None                                    # callable -> set of the right bill numbers (from data)
    bl_hint: str = ""
    required: dict[str, frozenset] = field(default_factory=dict)   # field -> hashes that must be picked
    optional: dict[str, frozenset] = field(default_factory=dict)   # field -> hashes that may be picked
    any_of: dict[str, tuple[frozenset, ...]] = field(default_factory=dict)  # field -> groups: pick one of each
    wrong_why: dict[str, str] = field(default_factory=dict)  # a code that is wrong, and why (learner-facing)
    hints: dict[str, str] = field(default_factory=dict)      # field -> hint when that field is not yet right

    def h(self, fld: str, value: Any) -> str:
        return hashed(self.lesson, f"{self.qid}.{fld}", value)


# ------------------------------------------------------------------------------------------ closed lists
@functools.lru_cache(maxsize=1)
def indicator_codes() -> frozenset:
    import yaml
    from importlib import resources

    doc = yaml.safe_load((resources.files("embargo_kit") / "data" / "reference" / "indicators.yaml")
                         .read_text(encoding="utf-8"))
    items = doc["indicators"] if isinstance(doc, dict) else doc
    return frozenset(i["code"] for i in items)


def citation_ids() -> tuple[str, ...]:
    from .story import CITATIONS

    return CITATIONS


def closed_list(fld: str, options: dict[str, str] | None = None) -> frozenset:
    from .story import NOTIFY, REPORT

    if fld == "indicators":
        return indicator_codes()
    if fld == "cite":
        return frozenset(citation_ids())
    if fld == "notify":
        return frozenset(options or NOTIFY)
    if fld == "contents":
        return frozenset(REPORT)
    return frozenset(options or ())


# ------------------------------------------------------------------------------------------ checking
def _as_codes(value: Any, fld: str) -> tuple[list[str] | None, Result | None]:
    """The codes of one list field, read with the question kinds' shared reader (tables, text, numbers and
    nested lists are CAN'T CHECK with a sentence), then put in canonical form."""
    from embargo_kit.exercises.kinds import read_items

    what = f"`{fld}`: {FIELDS_HELP[fld]}"
    items = read_items(value, what, allow_empty=True, example="['PORT-01', 'PORT-02']")
    if isinstance(items, Result):
        return None, items
    return [" ".join(v.split()).upper() if fld != "cite" else "".join(v.split()) for v in items], None


def evaluate(key: Key, answer: Any, options: dict[str, str]) -> Result:
    what = "a dict with the keys " + ", ".join(repr(f) for f in key.fields)
    if (bad := missing_answer(answer, what)) is not None:
        return bad
    if not isinstance(answer, dict):
        return Result.cant_check(f"Expected {what}.", hint="Fill in the dict in the answer cell: {'option': ..., ...}.")
    missing = [f for f in key.fields if f not in answer]
    if missing:
        return Result.cant_check(f"Your decision has no {', '.join(repr(m) for m in missing)}.",
                                 hint=f"Give {FIELDS_HELP[missing[0]]}.")
    problems: list[str] = []
    hints: list[str] = []
    consequence = ""

    if "bl" in key.fields:
        bl = answer["bl"]
        if not isinstance(bl, str) or not bl.strip():
            return Result.cant_check("`bl` should be " + FIELDS_HELP["bl"] + ".")
        try:
            right = {b.upper() for b in key.bl_rule()}
        except Exception:  # noqa: BLE001 - the data is missing or broken: say so, never a traceback
            return Result.cant_check("The capstone data could not be read, so the bill cannot be checked.",
                                     hint="Reinstall the package or run `embargo-kit data regenerate`.")
        if bl.strip().upper() not in right:
            problems.append(f"{bl.strip()} is not the bill the data points to.")
            hints.append(key.bl_hint)

    if "option" in key.fields:
        opt = answer["option"]
        if not isinstance(opt, str) or opt.strip().upper() not in options:
            return Result.cant_check(f"`option` should be one of {', '.join(sorted(options))}.",
                                     hint="Pick one letter from the options printed above the answer cell.")
        opt = opt.strip().upper()
        if key.h("option", opt) != key.option:
            consequence = key.consequences.get(opt, "")
            problems.append(f"If you choose {opt}, {consequence}" if consequence else f"Option {opt} is not the best move.")
            hints.append(key.hints.get("option", "Which option keeps every agency able to act?"))

    for fld in ("indicators", "cite", "notify", "contents"):
        if fld not in key.fields:
            continue
        codes, bad = _as_codes(answer[fld], fld)
        if bad is not None:
            return bad
        allowed_list = closed_list(fld, options if fld == "notify" else None)
        unknown = [c for c in codes if c not in allowed_list]
        if unknown:
            return Result.cant_check(f"{', '.join(unknown)} is not on the closed list for `{fld}`.",
                                     hint=f"Copy the codes exactly from the list printed in the notebook ({fld}).")
        picked = {key.h(fld, c): c for c in codes}
        req = key.required.get(fld, frozenset())
        ok = req | key.optional.get(fld, frozenset()) | frozenset().union(*key.any_of.get(fld, ()) or [frozenset()])
        wrong = [c for hsh, c in picked.items() if hsh not in ok]
        found = len(req & set(picked))
        groups_missed = sum(1 for g in key.any_of.get(fld, ()) if not (g & set(picked)))
        label = {"indicators": "indicators", "cite": "citations", "notify": "recipients",
                 "contents": "report items"}[fld]
        if wrong:
            why = [f"{c}: {key.wrong_why[c]}" for c in wrong if c in key.wrong_why]
            problems.append(f"{len(wrong)} of your {label} {'does' if len(wrong) == 1 else 'do'} not fit this decision "
                            f"({', '.join(wrong)})."
                            + (" " + " ".join(why) if why else ""))
        if found < len(req):
            problems.append(f"You have {found} of the {len(req)} {label} this decision needs.")
        if groups_missed:
            problems.append(f"Your {label} do not yet include the legal basis this decision rests on."
                            if fld == "cite" else f"Your {label} miss {groups_missed} essential point(s).")
        if (wrong or found < len(req) or groups_missed) and key.hints.get(fld):
            hints.append(key.hints[fld])

    if problems:
        return Result.not_yet(" ".join(problems), hint=" ".join([h for h in hints if h][:2]))
    return Result.passed(key.passed)


class Decision(_Kind):
    """A capstone decision as a question kind: one role's picks (option, indicators, citations, or the focal
    point's lists), checked against its hashed :class:`Key`; the options come from the shipped injects."""

    def __init__(self, key: Key) -> None:
        super().__init__(key.qid, "a dict with the keys " + ", ".join(key.fields))
        self.key = key

    def options(self) -> dict[str, str]:
        from embargo_kit.datasets import capstone_options

        try:
            return capstone_options(self.key.lesson, self.key.qid)
        except (KeyError, FileNotFoundError):
            return {}

    def __call__(self, answer: Any) -> Result:
        return evaluate(self.key, answer, self.options())


def make_key(lesson: str, qid: str, fields: tuple[str, ...], **kw) -> Key:
    return Key(lesson=lesson, qid=qid, fields=fields, **kw)


# ------------------------------------------------------------------------------------------ check modules
def heavy_bills() -> set[str]:
    """The bills whose containers weigh (VGM minus tare) over 20 % more than declared: worked out from the data
    at run time, so the key follows the data when the world is regenerated."""
    from embargo_kit.datasets import capstone_bills_of_lading, capstone_containers

    b, c = capstone_bills_of_lading(), capstone_containers()
    declared = b.groupby("bl_number")["gross_weight_kg"].sum()
    weighed = (c["vgm_kg"] - c["tare_kg"]).groupby(c["bl_number"]).sum()
    return {bl for bl in declared.index if weighed.get(bl, 0) > 1.2 * declared[bl]}


#: the rules a key may name for its ``bl`` field (a key holds data only: the rule is named, not written there)
BL_RULES = {"heavy": heavy_bills}


def keys(lesson: str, specs: dict[str, dict[str, Any]]) -> dict[str, Key]:
    """The keys of a capstone check module from its generated data (``tests/capstone/write_keys.py``): lists of
    hashes become frozensets, ``any_of`` a tuple of them, and ``bl_rule`` names a rule of :data:`BL_RULES`."""
    out: dict[str, Key] = {}
    for qid, spec in specs.items():
        spec = dict(spec)
        for part in ("required", "optional"):
            spec[part] = {f: frozenset(v) for f, v in spec.get(part, {}).items()}
        spec["any_of"] = {f: tuple(frozenset(g) for g in groups) for f, groups in spec.get("any_of", {}).items()}
        if "bl_rule" in spec:
            spec["bl_rule"] = BL_RULES[spec["bl_rule"]]
        out[qid] = Key(lesson=lesson, qid=qid, **spec)
    return out


def declare(keys: dict[str, Key]) -> tuple[Decision, ...]:
    """One :class:`Decision` question per key, in the keys' order (the order the notebook asks them)."""
    return tuple(Decision(k) for k in keys.values())


def passed_sentences(keys: dict[str, Key]) -> dict[str, list[str]]:
    """A module's leak probes: the PASS sentences describe the right move, so they must not reach the learner site."""
    return {qid: [key.passed] for qid, key in keys.items()}


def author_hashes(lesson: str, qid: str, fld: str, *codes: str) -> list[str]:
    """For authors: the hashes to paste into a key (``python -m embargo_kit.capstone.decisions`` prints them)."""
    return [hashed(lesson, f"{qid}.{fld}", c) for c in codes]


if __name__ == "__main__":  # pragma: no cover - an authoring aid
    import sys

    lesson, qid, fld, *codes = sys.argv[1:]
    for c, hsh in zip(codes, author_hashes(lesson, qid, fld, *codes)):
        print(c, hsh)
