"""Write the hashed answer keys of ``embargo_kit/checks/capstone_0N.py`` from ``answer_key.py`` (clear text).

Run from the repository root after changing the key: ``.venv/bin/python tests/capstone/write_keys.py``. The test
``test_capstone_keys.py`` fails when the check modules and the clear-text key disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from answer_key import DECISIONS  # noqa: E402

from embargo_kit.exercises.checking import hashed  # noqa: E402

TITLES = {"capstone-01": "Phase 1, Two days out", "capstone-02": "Phase 2, Alongside",
          "capstone-03": "Phase 3, The state decides and reports"}
SLUGS = {"capstone-01": "two-days-out", "capstone-02": "alongside", "capstone-03": "the-state-reports"}

HEAD = '''"""Checks for {lesson}, the capstone's {title} (exercises/solutions/capstone/{lesson}-{slug}.ipynb).

Each question is one role's tabletop decision, answered as a dict of picks from closed lists (see
:mod:`embargo_kit.capstone.decisions`). The right picks are stored only as salted hashes; what is stored in
words is the consequence of each option, which the learner sees after choosing it. The keys are written from the
clear-text key under tests/ (``tests/capstone/write_keys.py``); do not edit the hashes by hand.
"""

from __future__ import annotations

from embargo_kit.capstone.decisions import Decision, Key

LESSON = "{lesson}"
'''

HEAVY = '''

def _heavy_bill() -> set[str]:
    """The bills whose containers weigh (VGM minus tare) over 20 % more than declared: worked out from the
    data at run time, so the key follows the data when the world is regenerated."""
    from embargo_kit.datasets import capstone_bills_of_lading, capstone_containers

    b, c = capstone_bills_of_lading(), capstone_containers()
    declared = b.groupby("bl_number")["gross_weight_kg"].sum()
    weighed = (c["vgm_kg"] - c["tare_kg"]).groupby(c["bl_number"]).sum()
    return {bl for bl in declared.index if weighed.get(bl, 0) > 1.2 * declared[bl]}
'''




def _fields(spec: dict) -> tuple[str, ...]:
    order = ("bl", "option", "indicators", "cite", "notify", "contents")
    return tuple(f for f in order if f in spec)


def _hs(lesson, qid, fld, codes):
    return sorted(hashed(lesson, f"{qid}.{fld}", c) for c in codes)


def _key(lesson: str, qid: str, spec: dict) -> str:
    fields = _fields(spec)
    lines = [f"    {qid!r}: Key(", f"        lesson=LESSON, qid={qid!r}, fields={fields!r},"]
    if "option" in spec:
        lines.append(f"        option={hashed(lesson, qid + '.option', spec['option'])!r},")
    if spec.get("partial"):
        lines.append("        partial={" + ", ".join(f"{hashed(lesson, qid + '.option', o)!r}: {p}"
                                                   for o, p in sorted(spec["partial"].items())) + "},")
    if "bl" in spec:
        lines.append("        bl_rule=_heavy_bill,")
        lines.append("        bl_hint=\"Compare each bill's declared weight with its containers' VGM minus tare, and each "
                     "bill's port and date of loading with the ship's track and notice.\",")
    for part in ("required", "optional"):
        rows = {f: spec[f][part] for f in ("indicators", "cite", "notify", "contents") if f in spec and spec[f].get(part)}
        if rows:
            lines.append(f"        {part}={{")
            for f, codes in rows.items():
                lines.append(f"            {f!r}: frozenset({_hs(lesson, qid, f, codes)!r}),")
            lines.append("        },")
    groups = {f: spec[f]["any_of"] for f in ("indicators", "cite", "notify", "contents") if f in spec and spec[f].get("any_of")}
    if groups:
        lines.append("        any_of={")
        for f, gs in groups.items():
            inner = ", ".join(f"frozenset({_hs(lesson, qid, f, g)!r})" for g in gs)
            lines.append(f"            {f!r}: ({inner},),")
        lines.append("        },")
    for name in ("consequences", "wrong_why", "hints"):
        if spec.get(name):
            lines.append(f"        {name}={{")
            for k, v in spec[name].items():
                lines.append(f"            {k!r}: {v!r},")
            lines.append("        },")
    lines.append(f"        passed={spec['passed']!r},")
    lines.append("    ),")
    return "\n".join(lines)


def render(lesson: str) -> str:
    specs = {q: s for (l, q), s in DECISIONS.items() if l == lesson}
    out = [HEAD.format(lesson=lesson, title=TITLES[lesson], slug=SLUGS[lesson])]
    if any("bl" in s for s in specs.values()):
        out.append(HEAVY)
    out.append("\nKEYS: dict[str, Key] = {\n" + "\n".join(_key(lesson, q, s) for q, s in specs.items()) + "\n}\n")
    out.append("\n# the questions, in the order the notebook asks them (question kind: capstone.decisions.Decision)\n")
    for q in specs:
        out.append(f"{q} = Decision(KEYS[{q!r}])\n")
    out.append('''

def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return {qid: [key.passed] for qid, key in KEYS.items()}
''')
    return "".join(out)


if __name__ == "__main__":
    for lesson in TITLES:
        path = ROOT / "src" / "embargo_kit" / "checks" / f"capstone_{lesson[-2:]}.py"
        path.write_text(render(lesson), encoding="utf-8")
        print("wrote", path.relative_to(ROOT))
