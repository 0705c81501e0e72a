"""One plan drives a workshop (design.md, "Settled in December 2026").

``workshop plan --out DIR`` writes ``DIR/plan.json`` beside the agenda files: the trainer's inputs, the computed
agenda, the pre/post forms (item IDs; no answers) and a schema version. ``workshop kit --plan DIR/plan.json``
and ``workshop gain --plan DIR/plan.json`` read it, so the kit's agenda, handouts, slides and tests, and the
gain report, all follow the same plan. Options given beside ``--plan`` override the plan's inputs.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from embargo_kit.workshop import planner
from embargo_kit.workshop.lessons import Lesson, discover

SCHEMA = 1
PLAN_FILE = "plan.json"


class PlanFileError(ValueError):
    """The plan file cannot be used; the message says which file and why."""


@dataclass
class PlanInputs:
    """What the trainer asked for; None means the default of ``data/workshop/days.yaml``."""

    tracks: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)  # exactly these lessons, instead of the tracks'
    add: list[str] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)
    days: int = 1
    start: str | None = None
    end: str | None = None
    lunch: int | None = None
    break_: int | None = None
    pre_test: int | None = None
    post_test: int | None = None
    capstone: int | None = None
    paper: str = "A4"

    def merged(self, **changes) -> "PlanInputs":
        """These inputs with every change that is not None (or empty) applied: CLI options over a plan file."""
        keep = {k: v for k, v in changes.items() if v not in (None, [], "", ())}
        return replace(self, **keep)

    def settings(self) -> planner.Settings:
        return planner.load_settings(start=self.start, end=self.end, lunch=self.lunch, pre_test=self.pre_test,
                                     post_test=self.post_test, capstone=self.capstone, **{"break": self.break_})

    def as_json(self) -> dict:
        data = asdict(self)
        data["break"] = data.pop("break_")
        return data

    @classmethod
    def from_json(cls, data: dict, where: str) -> "PlanInputs":
        data = dict(data)
        if "break" in data:
            data["break_"] = data.pop("break")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise PlanFileError(f"{where}: unknown input(s) {', '.join(unknown)}")
        return cls(**data)


def tracks_of(inputs: PlanInputs, lessons: list[Lesson]) -> list[str]:
    """The tracks named, or (for a plan of named lessons) the parts of its lessons, in order."""
    return list(inputs.tracks) or list(dict.fromkeys(lesson.part for lesson in lessons))


def make_agenda(root: Path, inputs: PlanInputs, known: dict[str, Lesson] | None = None) -> planner.Agenda:
    known = known if known is not None else discover(Path(root))
    return planner.plan(root, inputs.tracks, days=inputs.days, only=inputs.lessons, drop=inputs.drop, add=inputs.add,
                        settings=inputs.settings(), lessons=known)


def make_forms(agenda: planner.Agenda, bank=None):
    """The pre/post forms of a plan: the planned lessons' objectives, about one item per minute of the slot."""
    from embargo_kit.workshop.prepost import plan_forms

    minutes = agenda.settings.pre_test or agenda.settings.post_test
    objectives = [oid for lesson in agenda.lessons for oid, _ in lesson.objectives]
    return plan_forms([lesson.id for lesson in agenda.lessons], minutes, bank, objectives=objectives,
                      label="workshop", title=agenda.title.replace("Workshop agenda: ", ""))


def plan_json(inputs: PlanInputs, agenda: planner.Agenda, form_plan=None) -> dict:
    data = {"schema": SCHEMA, "inputs": inputs.as_json(), "agenda": agenda.as_dict()}
    if form_plan is not None:
        pre, post = form_plan.forms
        data["forms"] = {"minutes": pre.minutes, "title": pre.title, "pre": [i.id for i in pre.items],
                         "post": [i.id for i in post.items], "measured": form_plan.measured,
                         "unmeasured": form_plan.unmeasured, "notes": form_plan.notes}
    return data


def write_plan(out: Path, inputs: PlanInputs, agenda: planner.Agenda, form_plan=None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / PLAN_FILE
    path.write_text(json.dumps(plan_json(inputs, agenda, form_plan), indent=1, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def read_plan(path: str | Path) -> tuple[PlanInputs, dict]:
    """The inputs and the whole data of a plan file (a folder holding plan.json is accepted too)."""
    path = Path(path)
    if path.is_dir():
        path = path / PLAN_FILE
    if not path.is_file():
        raise PlanFileError(f"{path}: no such plan file; write one with `embargo-kit workshop plan --out DIR`")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PlanFileError(f"{path}: not a plan file written by `embargo-kit workshop plan` ({exc})") from None
    if not isinstance(data, dict) or "inputs" not in data:
        raise PlanFileError(f"{path}: not a plan file (no `inputs`); write one with `embargo-kit workshop plan`")
    if data.get("schema") != SCHEMA:
        raise PlanFileError(f"{path}: plan schema {data.get('schema')!r}, this version reads schema {SCHEMA}; "
                            "plan again with this version")
    try:
        return PlanInputs.from_json(data["inputs"], str(path)), data
    except TypeError as exc:
        raise PlanFileError(f"{path}: inputs cannot be read ({exc})") from None
