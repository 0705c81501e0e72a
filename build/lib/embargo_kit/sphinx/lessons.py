"""Lesson directives: objectives, key points, trainer notes and the sources/as-of footer.

Objectives and sources are written once, in the front matter (the lesson's contract), and rendered from
there, so the planner, the quiz bank and the page never disagree.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from embargo_kit.content.frontmatter import FrontMatterError, read_front_matter
from embargo_kit.content.registry import label_for
from embargo_kit.sphinx.editions import edition_of

logger = logging.getLogger(__name__)
SYMBOL = re.compile(r"^S/RES/(\d{3,4}) \((\d{4})\)$")


class _FrontMatterDirective(SphinxDirective):
    def front_matter(self) -> dict:
        path = Path(self.env.doc2path(self.env.docname))
        try:
            return read_front_matter(path)
        except FrontMatterError as exc:
            logger.warning(str(exc), location=(self.env.docname, self.lineno))
            return {}

    def _admonition(self, title: str, classes: list[str]) -> nodes.admonition:
        node = nodes.admonition(classes=["admonition", *classes])
        node += nodes.title(text=title)
        return node


class Objectives(_FrontMatterDirective):
    """```{objectives}``` renders the front-matter objectives; each item carries its objective ID."""

    def run(self):
        objectives = self.front_matter().get("objectives") or []
        if not objectives:
            logger.warning("objectives directive but no `objectives` in the front matter",
                           location=(self.env.docname, self.lineno))
            return []
        box = self._admonition("Objectives: after this lesson you can", ["objectives"])
        items = nodes.bullet_list()
        for objective in objectives:
            item = nodes.list_item(ids=[str(objective.get("id", "")).replace(".", "-")])
            item += nodes.paragraph(text=str(objective.get("text", "")))
            items += item
        box += items
        return [box]


class KeyPoints(SphinxDirective):
    has_content = True

    def run(self):
        box = nodes.admonition(classes=["admonition", "key-points"])
        box += nodes.title(text="Key points")
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


class TrainerNote(SphinxDirective):
    """Shown in the instructor edition only; dropped at parse time in the learner edition."""

    has_content = True
    option_spec = {"minutes": directives.nonnegative_int}

    def run(self):
        if edition_of(self.env.app) != "instructor":
            return []
        minutes = self.options.get("minutes")
        title = "Trainer note" + (f" · {minutes} min" if minutes is not None else "")
        box = nodes.admonition(classes=["admonition", "trainer-note"])
        box += nodes.title(text=title)
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


class LessonSources(_FrontMatterDirective):
    """The sources of the front matter, resolutions linked to the registry, and the as-of date."""

    def run(self):
        meta = self.front_matter()
        items = nodes.bullet_list(classes=["lesson-sources"])
        for source in meta.get("sources") or []:
            para = nodes.paragraph()
            match = SYMBOL.match(str(source).strip())
            if match:
                ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label_for(int(match[1])),
                                            refexplicit=True, refwarn=True, refdoc=self.env.docname)
                ref += nodes.inline(text=str(source))
                para += ref
            else:
                para += nodes.Text(str(source))
            item = nodes.list_item()
            item += para
            items += item
        out = [items]
        as_of = meta.get("as_of")
        if as_of:
            out.append(nodes.paragraph("", "", nodes.emphasis(text=f"Facts in this lesson checked as of {as_of}.")))
        else:
            logger.warning("lesson-sources directive but no `as_of` in the front matter",
                           location=(self.env.docname, self.lineno))
        return out


def setup(app):
    app.add_directive("objectives", Objectives)
    app.add_directive("key-points", KeyPoints)
    app.add_directive("trainer-note", TrainerNote)
    app.add_directive("lesson-sources", LessonSources)
    app.add_css_file("embargo-kit.css")
