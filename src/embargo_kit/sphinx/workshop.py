"""Trainer pages generated from the lesson contract, so they never drift from the lessons.

````markdown
```{workshop-schedule}
:tracks: awareness
:days: auto            # or a number; auto = the fewest days that hold the lessons (at most 5)
:start: "09:00"        # optional; also :end:, :lessons:, :drop:
```

```{prepost-test} awareness
```
````

``workshop-schedule`` runs the planner (:mod:`embargo_kit.workshop.planner`) at build time and renders each
day as a table with clock times, lesson titles linked to their pages, and day totals. A plan that cannot be
made is a build warning (an error under ``-W``) naming the page.

``prepost-test`` lists the pre- and post-test forms of a track with their answer key, **only in the
instructor edition** (Sphinx tag ``instructor``); the learner edition gets one sentence instead, so no item
reaches the learner site or its search index.

Wiring (the lead): add ``workshop`` to the modules set up in ``embargo_kit/sphinx/__init__.py``.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


def _csv(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _table(header: list[str], rows: list[list[nodes.Node | str]], widths: list[int], classes=()) -> nodes.table:
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(header))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    group += thead
    row = nodes.row()
    for text in header:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    thead += row
    tbody = nodes.tbody()
    group += tbody
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            para += cell if isinstance(cell, nodes.Node) else nodes.Text(str(cell))
            entry += para
            row += entry
        tbody += row
    return table


class WorkshopSchedule(SphinxDirective):
    option_spec = {"tracks": directives.unchanged, "days": directives.unchanged, "start": directives.unchanged,
                   "end": directives.unchanged, "lessons": directives.unchanged, "drop": directives.unchanged}

    def run(self):
        from embargo_kit.workshop import planner
        from embargo_kit.workshop.lessons import LessonError, discover

        root = Path(self.env.srcdir)
        try:
            known = discover(root)
        except LessonError as exc:
            logger.warning(f"workshop-schedule: {exc}", location=(self.env.docname, self.lineno))
            return []
        for lesson in known.values():
            self.env.note_dependency(str(lesson.path))
        kwargs = dict(start=self.options.get("start"), end=self.options.get("end"),
                      only=_csv(self.options.get("lessons", "")), drop=_csv(self.options.get("drop", "")),
                      lessons=known)
        tracks = _csv(self.options.get("tracks", ""))
        days = self.options.get("days", "auto").strip()
        try:
            if days == "auto":
                agenda = planner.plan_fewest_days(root, tracks, **kwargs)
            else:
                agenda = planner.plan(root, tracks, days=int(days), **kwargs)
        except (planner.PlanError, ValueError) as exc:
            logger.warning(f"workshop-schedule: {exc}", location=(self.env.docname, self.lineno))
            return []
        out: list[nodes.Node] = []
        summary = nodes.paragraph(text=(
            f"{len(agenda.days)} day(s), {len(agenda.lessons)} lessons: teaching {agenda.total(planner.TEACHING)} min, "
            f"exercises {agenda.total(planner.EXERCISE)} min. Generated from the lessons' front matter; "
            f"each day starts at {planner.clock(agenda.settings.start)}."))
        out.append(summary)
        for note in agenda.notes:
            out.append(nodes.paragraph(text=f"Note: {note}", classes=["schedule-note"]))
        docs = {lesson.id: str(lesson.path.relative_to(root).with_suffix("")) for lesson in known.values()}
        for day in agenda.days:
            out.append(nodes.rubric(text=f"Day {day.number}"))
            rows = []
            for slot in day.slots:
                if slot.kind == planner.TEACHING:
                    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + docs[slot.lesson],
                                                refexplicit=True, refwarn=True, refdoc=self.env.docname)
                    ref += nodes.inline(text=f"{slot.lesson} {slot.title}")
                    what = ref
                elif slot.kind == planner.EXERCISE:
                    what = nodes.Text(f"{slot.lesson} · {slot.title.replace('*', '')}")
                else:
                    what = nodes.emphasis(text=slot.title) if slot.kind in (planner.BREAK, planner.LUNCH) else nodes.Text(slot.title)
                rows.append([slot.when, what, str(slot.minutes)])
            out.append(_table(["time", "session", "min"], rows, [14, 70, 8], classes=["workshop-schedule"]))
            out.append(nodes.paragraph(text=f"Day {day.number} total: {planner.day_summary(day)}."))
        return out


class PrePostTest(SphinxDirective):
    required_arguments = 1

    def run(self):
        from embargo_kit.workshop.prepost import LETTERS, key_of, option_order, parallel_forms

        track = self.arguments[0]
        if not self.env.app.tags.has("instructor"):
            return [nodes.paragraph(text=f"The pre- and post-test items of the {track} track are shown only in the "
                                         "instructor edition and the trainer kit.")]
        from embargo_kit import quizbank

        configured = getattr(self.config, "embargo_kit_quizbank_dir", "") or ""
        directory = Path(configured) if configured else quizbank.DEFAULT_BANK_DIR
        if configured and not directory.is_absolute():
            directory = Path(self.env.app.confdir) / directory
        errors: list[str] = []
        bank = quizbank.load_bank(directory, errors=errors)
        for error in errors:
            logger.warning(f"prepost-test: quiz bank file skipped: {error}", location=(self.env.docname, self.lineno))
        for path in sorted(directory.glob("*.y*ml")):
            self.env.note_dependency(str(path))
        try:
            forms = parallel_forms(track, bank)
        except ValueError as exc:
            logger.warning(f"prepost-test: {exc}", location=(self.env.docname, self.lineno))
            return []
        out: list[nodes.Node] = []
        for form in forms:
            out.append(nodes.rubric(text=f"{form.test.capitalize()}-test ({track}, form {form.name}): "
                                         f"{len(form.items)} items"))
            rows = []
            for n, item in enumerate(form.items, 1):
                stem = item.stem + ("" if item.type == "short" else "  " + "  ".join(
                    f"{LETTERS[k]}. {item.options[o].text}" for k, o in enumerate(option_order(item))))
                rows.append([str(n), f"{item.id}\n{item.objective}", stem, key_of(item)])
            out.append(_table(["no.", "item, objective", "question and options", "key"], rows, [4, 18, 66, 12],
                              classes=["prepost-test"]))
        return out


def setup(app):
    app.add_directive("workshop-schedule", WorkshopSchedule)
    app.add_directive("prepost-test", PrePostTest)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
