"""Team and room scores for the capstone debrief (``embargo-kit workshop score``).

Inputs, any mix of the two:

- **notebooks**, one laptop per role: ``SUBMISSIONS/<team>/<role>/capstone-0N-*.ipynb`` (or the role in the file
  name, e.g. ``SUBMISSIONS/<team>/port-capstone-01-two-days-out.ipynb``); roles are ``port``, ``customs``,
  ``finance`` and ``focal_point``. The decision dicts are read from the cells (``port_decision = {...}``) without
  running anything; a value that is computed rather than written out cannot be read and is reported;
- **paper forms** as CSV with the header ``team,phase,decision,option,indicators,citations``: one row per decision;
  ``decision`` is the role (``port``, ``customs``, ``finance``, ``focal_point``) or, for the focal point's phase-3
  lists, ``notify`` and ``report``; ``option`` is the letter (customs in phase 1 adds the bill:
  ``B BL-NGB-70000``) or, for ``notify``/``report``, the codes ticked; codes are separated by spaces or ``;``.

Each decision is scored only from the notebook of the role that owns it and from the paper rows for it, with
the one rule of :mod:`embargo_kit.capstone.scoring`; where several sources answer a decision the best counts
and the others are named. So a later, untouched notebook of another role never erases a result. A broken file
or row is reported and skipped; everything else is still scored.
"""

from __future__ import annotations

import ast
import csv
import html
import importlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .scoring import MAX_POINTS, Scored, score

ROLE_ALIASES = {"port": "port", "customs": "customs", "finance": "finance", "bank": "finance",
                "focal_point": "focal_point", "focal-point": "focal_point", "focalpoint": "focal_point",
                "nfp": "focal_point", "ministry": "focal_point"}
PAPER_HEADER = ["team", "phase", "decision", "option", "indicators", "citations"]
COORDINATION_MAX = 6


@dataclass
class Decision:
    lesson: str
    qid: str
    role: str
    phase: int
    fields: tuple[str, ...]
    options: dict[str, str]


@dataclass
class Room:
    """Scores per team and decision, and every problem met on the way (files and rows skipped)."""

    decisions: list[Decision]
    best: dict[tuple[str, str, str], Scored] = field(default_factory=dict)     # (team, lesson, qid) -> best
    others: dict[tuple[str, str, str], list[Scored]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    teams: set[str] = field(default_factory=set)

    def add(self, team: str, d: Decision, s: Scored) -> None:
        k = (team, d.lesson, d.qid)
        self.teams.add(team)
        self.others.setdefault(k, [])
        prev = self.best.get(k)
        if prev is None or s.points > prev.points:
            if prev is not None:
                self.others[k].append(prev)
            self.best[k] = s
        else:
            self.others[k].append(s)

    def team_total(self, team: str) -> float:
        return sum(s.points for (t, _, _), s in self.best.items() if t == team)

    @property
    def maximum(self) -> int:
        return MAX_POINTS * len(self.decisions)


def decisions() -> list[Decision]:
    from embargo_kit.datasets import capstone_injects

    out = []
    for ph in capstone_injects()["phases"]:
        for d in ph["decisions"]:
            out.append(Decision(d["lesson"], d["qid"], d["role"], ph["phase"], tuple(d["answer_fields"]),
                                dict(d["options"])))
    return out


def _key(d: Decision):
    mod = importlib.import_module(f"embargo_kit.checks.{d.lesson.replace('-', '_')}")
    return mod.KEYS[d.qid]


def _score(d: Decision, answer: dict, source: str) -> Scored:
    s = score(_key(d), answer, d.options)
    s.source = source
    return s


# ------------------------------------------------------------------------------------------ notebooks
class _Unreadable(Exception):
    pass


def _literal(node: ast.AST, names: dict[str, object]):
    try:
        return ast.literal_eval(node)
    except ValueError:
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        raise _Unreadable(ast.unparse(node)[:40]) from None


def notebook_answers(path: Path) -> tuple[dict[str, dict], list[str]]:
    """The decision dicts a notebook holds (``{qid: answer}``), read without running it, and any problems."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if c.get("cell_type") == "code"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return {}, [f"{path}: not a readable notebook ({type(exc).__name__}); skipped, nothing else is lost."]
    names: dict[str, object] = {}
    found: dict[str, dict] = {}
    problems: list[str] = []
    for c in cells:
        src = c.get("source", "")
        src = "".join(src) if isinstance(src, list) else str(src)
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in tree.body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
                continue
            name = node.targets[0].id
            if name.endswith("_decision") and isinstance(node.value, ast.Dict):
                qid = name[: -len("_decision")]
                answer: dict = {}
                try:
                    for k, v in zip(node.value.keys, node.value.values):
                        if k is None:
                            continue
                        answer[_literal(k, names)] = _literal(v, names)
                except _Unreadable as exc:
                    problems.append(f"{path}: `{name}` holds a computed value ({exc}); write the picks out as text "
                                    "(e.g. 'B', ['PORT-01']) or enter this decision on the paper form.")
                    continue
                found[qid] = answer
            else:
                try:
                    names[name] = ast.literal_eval(node.value)
                except ValueError:
                    names.pop(name, None)
    return found, problems


def _untouched(answer) -> bool:
    if answer is Ellipsis or not isinstance(answer, dict) or not answer:
        return True

    def blank(v) -> bool:
        if isinstance(v, (list, tuple, set)):
            return all(blank(x) for x in v)
        return v is Ellipsis or v is None or (isinstance(v, str) and not v.strip())

    return all(blank(v) for v in answer.values())


def _role_of(path: Path, team_dir: Path) -> str | None:
    parts = [p.lower() for p in path.relative_to(team_dir).parts]
    for part in parts[:-1]:
        if part in ROLE_ALIASES:
            return ROLE_ALIASES[part]
    stem = parts[-1]
    for alias, role in sorted(ROLE_ALIASES.items(), key=lambda x: -len(x[0])):
        if re.search(rf"(^|[^a-z]){re.escape(alias)}([^a-z]|$)", stem):
            return role
    return None


def _lesson_of(path: Path) -> str | None:
    m = re.search(r"capstone-0[1-3]", path.name)
    return m.group(0) if m else None


def add_notebooks(room: Room, submissions: Path) -> None:
    by_key = {(d.lesson, d.qid): d for d in room.decisions}
    for team_dir in sorted(p for p in Path(submissions).iterdir() if p.is_dir()):
        team = team_dir.name
        room.teams.add(team)
        for path in sorted(team_dir.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            lesson, role = _lesson_of(path), _role_of(path, team_dir)
            if lesson is None:
                room.problems.append(f"{path}: not a capstone notebook (no capstone-01/02/03 in its name); skipped.")
                continue
            if role is None:
                room.problems.append(f"{path}: cannot tell whose laptop this is; put it in a folder named after the "
                                     "role (port, customs, finance, focal_point); skipped.")
                continue
            answers, problems = notebook_answers(path)
            room.problems += problems
            for qid, answer in answers.items():
                d = by_key.get((lesson, qid))
                if d is None or d.role != role or _untouched(answer):
                    continue   # another role's decision, or untouched: it never counts against anyone
                room.add(team, d, _score(d, answer, f"notebook {role}/{path.name}"))


# ------------------------------------------------------------------------------------------ paper
def add_paper(room: Room, form: Path) -> None:
    by_key = {(d.phase, d.qid): d for d in room.decisions}
    try:
        text = Path(form).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        room.problems.append(f"{form}: cannot be read ({type(exc).__name__}); skipped.")
        return
    reader = csv.DictReader(io.StringIO(text))
    head = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [h for h in PAPER_HEADER if h not in head]
    if missing:
        room.problems.append(f"{form}: the header must be {','.join(PAPER_HEADER)} (missing: {', '.join(missing)}); "
                             "file skipped.")
        return
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        team = row["team"]
        try:
            phase = int(row["phase"])
        except ValueError:
            room.problems.append(f"{form} line {n}: phase {row['phase']!r} is not 1, 2 or 3; row skipped.")
            continue
        qid = ROLE_ALIASES.get(row["decision"].lower().replace(" ", "_"), row["decision"].lower())
        d = by_key.get((phase, qid))
        if not team or d is None:
            known = ", ".join(sorted({q for (p, q) in by_key if p == phase})) or "none"
            room.problems.append(f"{form} line {n}: no team, or no decision {row['decision']!r} in phase {phase} "
                                 f"(phase {phase} has: {known}); row skipped.")
            continue
        tokens = row["option"].replace(";", " ").replace(",", " ").split()
        answer: dict = {"indicators": row["indicators"], "cite": row["citations"]}
        if "option" in d.fields:
            letters = [t for t in tokens if len(t) == 1]
            answer["option"] = letters[0] if letters else ""
            answer["bl"] = next((t for t in tokens if len(t) > 1), "")
        else:
            answer[d.fields[0]] = tokens
        room.add(team, d, _score(d, answer, f"paper {Path(form).name}:{n}"))


# ------------------------------------------------------------------------------------------ output
def score_room(submissions: Path | None = None, forms: list[Path] | tuple = ()) -> Room:
    room = Room(decisions())
    if submissions is not None:
        add_notebooks(room, Path(submissions))
    for f in forms:
        add_paper(room, Path(f))
    return room


def _label(d: Decision) -> str:
    return f"P{d.phase} {d.qid}"


def team_table(room: Room, team: str) -> str:
    lines = [f"Team {team}: {room.team_total(team):g} of {room.maximum} points "
             f"(plus up to {COORDINATION_MAX} coordination points from the team's chart)"]
    for d in room.decisions:
        s = room.best.get((team, d.lesson, d.qid))
        if s is None:
            lines.append(f"  {_label(d):<16} {'-':>5}  not answered (no {d.role} notebook or paper row)")
            continue
        lines.append(f"  {_label(d):<16} {s.points:>5g}  [{s.source}] {s.explanation}")
        for o in room.others.get((team, d.lesson, d.qid), []):
            lines.append(f"  {'':<16} {'':>5}  also {o.source}: {o.points:g} (the best counts)")
    return "\n".join(lines)


SHORT = {"port": "port", "customs": "cust", "finance": "bank", "focal_point": "nfp", "notify": "tell", "report": "rept"}


def room_table(room: Room) -> str:
    """One line per team: points per decision (P1 port ... P3 rept) and the total; a key line explains the columns."""
    cols = [f"P{d.phase}{SHORT.get(d.qid, d.qid[:4])}" for d in room.decisions]
    rows = [f"{'team':<12}" + "".join(f"{c:>7}" for c in cols) + f"{'total':>7}"]
    for t in sorted(room.teams):
        cells = "".join(f"{(room.best[(t, d.lesson, d.qid)].points if (t, d.lesson, d.qid) in room.best else 0):>7g}"
                        for d in room.decisions)
        rows.append(f"{t[:12]:<12}{cells}{room.team_total(t):>7g}")
    rows.append(f"(each decision 0-3; maximum {room.maximum}; nfp = national focal point, tell = whom Lumeria "
                "informs, rept = the report)")
    return "\n".join(rows)


def write_outputs(room: Room, out: Path) -> dict[str, Path]:
    """``scores.csv`` (one row per team and decision), ``scores.html`` (room table, then each team's table)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["team", "phase", "decision", "role", "points", "max", "source", "explanation"])
    for t in sorted(room.teams):
        for d in room.decisions:
            s = room.best.get((t, d.lesson, d.qid))
            w.writerow([t, d.phase, d.qid, d.role, (s.points if s else 0), MAX_POINTS, (s.source if s else ""),
                        (s.explanation if s else "not answered")])
    (out / "scores.csv").write_text(buf.getvalue(), encoding="utf-8")
    e = html.escape
    head = "".join(f"<th>{e(_label(d))}</th>" for d in room.decisions)
    rows = []
    for t in sorted(room.teams):
        cells = "".join(f"<td>{room.best[(t, d.lesson, d.qid)].points:g}</td>" if (t, d.lesson, d.qid) in room.best
                        else "<td>-</td>" for d in room.decisions)
        rows.append(f"<tr><th>{e(t)}</th>{cells}<td>{room.team_total(t):g}</td><td></td><td></td></tr>")
    teams = "".join(f"<h2>{e(t)}</h2><pre>{e(team_table(room, t))}</pre>" for t in sorted(room.teams))
    problems = ("<h2>Files and rows skipped</h2><ul>" + "".join(f"<li>{e(p)}</li>" for p in room.problems)
                + "</ul>") if room.problems else ""
    page = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Capstone scores</title>'
            "<style>body{font-family:'Noto Sans','DejaVu Sans',sans-serif;margin:1.5rem}table{border-collapse:"
            "collapse}th,td{border:1px solid #999;padding:3px 6px;font-size:10pt}pre{white-space:pre-wrap;"
            "font-size:9pt}</style></head><body><h1>Operation Grey Anchorage (fictional): scores</h1>"
            f"<p>{MAX_POINTS} points per decision (2 for the choice, 1 for its support; maximum {room.maximum}), "
            f"paper and laptop alike; add up to {COORDINATION_MAX} coordination points from each team's chart.</p>"
            f"<table><thead><tr><th>team</th>{head}<th>points</th><th>coordination (0-{COORDINATION_MAX})</th>"
            f"<th>total</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{teams}{problems}</body></html>")
    (out / "scores.html").write_text(page, encoding="utf-8")
    return {"csv": out / "scores.csv", "html": out / "scores.html"}
