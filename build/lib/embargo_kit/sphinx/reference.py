"""Reference pages rendered from the shipped data: glossary, case files, indicators, as-of dates."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from embargo_kit.content.frontmatter import FrontMatterError, read_front_matter
from embargo_kit.content.registry import load_registry
from embargo_kit.sphinx.citations import table

logger = logging.getLogger(__name__)


def load_data(relative: str) -> dict:
    return yaml.safe_load((resources.files("embargo_kit") / "data" / relative).read_text(encoding="utf-8"))


def _field_list(pairs: list[tuple[str, str]]) -> nodes.field_list:
    fields = nodes.field_list()
    for name, value in pairs:
        if not value:
            continue
        field = nodes.field()
        field += nodes.field_name(text=name)
        body = nodes.field_body()
        body += nodes.paragraph(text=value)
        field += body
        fields += field
    return fields


def _join(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


class GlossaryFromData(SphinxDirective):
    """A Sphinx glossary built from data/reference/glossary.yaml, so {term} references resolve."""

    def run(self):
        terms = sorted(load_data("reference/glossary.yaml")["terms"], key=lambda t: str(t["term"]).casefold())
        lines = ["```{glossary}", ":sorted:", ""]
        for term in terms:
            lines.append(str(term["term"]))
            definition = " ".join(str(term["definition"]).split())
            extra = []
            if term.get("see_also"):
                extra.append("See also: " + ", ".join(str(s) for s in term["see_also"]) + ".")
            if term.get("source"):
                extra.append("Source: " + " ".join(str(term["source"]).split()))
            lines.append("  " + definition + (" " + " ".join(extra) if extra else ""))
            lines.append("")
        lines.append("```")
        container = nodes.container(classes=["ek-glossary"])
        self.state.nested_parse(StringList(lines, source="glossary.yaml"), self.content_offset, container)
        return container.children


class CaseFiles(SphinxDirective):
    def run(self):
        out = []
        for case in load_data("reference/cases.yaml")["cases"]:
            out.append(nodes.target("", "", ids=[str(case["id"])]))
            out.append(nodes.rubric(text=f"{case['title']} ({case.get('date', '')})"))
            out.append(_field_list([
                ("Where", _join(case.get("place"))),
                ("Actors", _join(case.get("actors"))),
                ("Technique", _join(case.get("technique"))),
                ("How it was detected", _join(case.get("detection"))),
                ("Outcome", _join(case.get("outcome"))),
                ("Useful for", _join(case.get("lesson_use"))),
                ("Sources", _join(case.get("sources"))),
                ("As of", _join(case.get("as_of"))),
            ]))
        return out


class IndicatorTable(SphinxDirective):
    required_arguments = 1

    def run(self):
        role = self.arguments[0].strip()
        rows = [[i["code"], i["indicator"], i.get("why", ""), i.get("source", "")]
                for i in load_data("reference/indicators.yaml")["indicators"] if i.get("role") == role]
        if not rows:
            logger.warning(f"no indicators for role {role!r}", location=(self.env.docname, self.lineno))
            return []
        return [table(["Code", "Red flag", "Why it matters", "Source"], rows, [10, 35, 35, 20])]


class AsOfList(SphinxDirective):
    """Every dated item of the course with its date: lessons, the registry, the case files, the datasets."""

    def run(self):
        srcdir = Path(self.env.srcdir)
        rows = []
        for path in sorted((srcdir / "book").rglob("*.md")):
            try:
                meta = read_front_matter(path)
            except FrontMatterError:
                continue
            if meta.get("as_of") and meta.get("id"):
                rows.append([str(meta["id"]), str(meta.get("title", "")), str(meta["as_of"])])
                self.env.note_dependency(str(path))
        rows.append(["registry", "Resolutions and paragraphs", str(load_registry().get("as_of"))])
        for case in load_data("reference/cases.yaml")["cases"]:
            rows.append([str(case["id"]), str(case["title"]), str(case.get("as_of", ""))])
        return [table(["Item", "Title", "Facts checked as of"], rows, [20, 60, 20])]


class TrackLessons(SphinxDirective):
    """The lessons of a track, in TOC order, with minutes and prerequisites read from their front matter."""

    required_arguments = 1

    def run(self):
        from sphinx import addnodes

        track = self.arguments[0].strip()
        folder = Path(self.env.srcdir) / "book" / track
        rows, total = [], 0
        for path in sorted(folder.glob(f"{track}-*.md")):
            try:
                meta = read_front_matter(path)
            except FrontMatterError:
                continue
            self.env.note_dependency(str(path))
            docname = f"book/{track}/{path.stem}"
            link = nodes.paragraph()
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{docname}",
                                        refexplicit=True, refwarn=True, refdoc=self.env.docname)
            ref += nodes.inline(text=f"{meta.get('id')}: {meta.get('title')}")
            link += ref
            teaching, exercises = int(meta.get("teaching", 0)), int(meta.get("exercises", 0))
            total += teaching + exercises
            objectives = " ".join(str(o.get("text", "")) for o in meta.get("objectives") or [] if isinstance(o, dict))
            prereqs = ", ".join(meta.get("prerequisites") or []) or "none"
            rows.append([link, objectives, f"{teaching} + {exercises}", prereqs])
        if not rows:
            logger.warning(f"no lessons found for track {track!r}", location=(self.env.docname, self.lineno))
            return []
        hours, minutes = divmod(total, 60)
        note = nodes.paragraph(text=f"{len(rows)} lessons, {hours} h {minutes:02d} min in all "
                                    "(teaching + exercises, in minutes, from each lesson's front matter).")
        return [table(["Lesson", "You will be able to", "Minutes", "Take first"], rows, [28, 46, 10, 16]), note]


def setup(app):
    app.add_directive("glossary-from-data", GlossaryFromData)
    app.add_directive("case-files", CaseFiles)
    app.add_directive("indicator-table", IndicatorTable)
    app.add_directive("as-of-list", AsOfList)
    app.add_directive("track-lessons", TrackLessons)
