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

Data only, written by ``tests/capstone/write_keys.py`` from the clear-text key under tests/ (do not edit by hand):
the right picks as salted hashes, and the words the learner is told. What a key holds and how a decision is
checked: :mod:`embargo_kit.capstone.decisions`.
"""

from __future__ import annotations

from embargo_kit.capstone.decisions import declare, keys, passed_sentences

LESSON = "{lesson}"
'''

TAIL = '''
# the questions, in the order the notebook asks them (question kind: capstone.decisions.Decision)
{names} = declare(KEYS)


def leak_probes() -> dict[str, list[str]]:
    """The PASS sentences (they describe the right move) must not reach the learner site."""
    return passed_sentences(KEYS)
'''

BL_HINT = ("Compare each bill's declared weight with its containers' VGM minus tare, and each bill's port and date "
           "of loading with the ship's track and notice.")
LISTS = ("indicators", "cite", "notify", "contents")


def _fields(spec: dict) -> tuple[str, ...]:
    return tuple(f for f in ("bl", "option", *LISTS) if f in spec)


def _hs(lesson: str, qid: str, fld: str, codes) -> list[str]:
    return sorted(hashed(lesson, f"{qid}.{fld}", c) for c in codes)


def _key(lesson: str, qid: str, spec: dict) -> str:
    """One key as data, a field a line: hashes for the right picks, words for what the learner is told."""
    data: dict = {"fields": _fields(spec)}
    if "option" in spec:
        data["option"] = hashed(lesson, qid + ".option", spec["option"])
    if spec.get("partial"):
        data["partial"] = {hashed(lesson, qid + ".option", o): p for o, p in sorted(spec["partial"].items())}
    if "bl" in spec:
        data["bl_rule"], data["bl_hint"] = "heavy", BL_HINT
    for part in ("required", "optional"):
        rows = {f: _hs(lesson, qid, f, spec[f][part]) for f in LISTS if f in spec and spec[f].get(part)}
        if rows:
            data[part] = rows
    groups = {f: [_hs(lesson, qid, f, g) for g in spec[f]["any_of"]] for f in LISTS
              if f in spec and spec[f].get("any_of")}
    if groups:
        data["any_of"] = groups
    for name in ("consequences", "wrong_why", "hints"):
        if spec.get(name):
            data[name] = dict(spec[name])
    data["passed"] = spec["passed"]
    lines = [f"    {qid!r}: dict("]
    for k, v in data.items():
        if k in ("consequences", "wrong_why", "hints"):  # words a reviewer reads: one a line
            lines += [f"        {k}={{"] + [f"            {c!r}: {t!r}," for c, t in v.items()] + ["        },"]
        else:
            lines.append(f"        {k}={v!r},")
    return "\n".join(lines + ["    ),"])


def render(lesson: str) -> str:
    specs = {q: s for (l, q), s in DECISIONS.items() if l == lesson}
    body = "\n".join(_key(lesson, q, s) for q, s in specs.items())
    return (HEAD.format(lesson=lesson, title=TITLES[lesson], slug=SLUGS[lesson])
            + f"\nKEYS = keys(LESSON, {{\n{body}\n}})\n" + TAIL.format(names=", ".join(specs)))


if __name__ == "__main__":
    for lesson in TITLES:
        path = ROOT / "src" / "embargo_kit" / "checks" / f"capstone_{lesson[-2:]}.py"
        path.write_text(render(lesson), encoding="utf-8")
        print("wrote", path.relative_to(ROOT))
