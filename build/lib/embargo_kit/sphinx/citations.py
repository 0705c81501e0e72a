"""Citations of Security Council resolutions through the registry.

{res}`2270/18` renders "S/RES/2270 (2016), para 18" and links to that paragraph on the resolutions page;
a citation the registry does not know (or a paragraph whose number is not confirmed) is a build warning,
which `-W` turns into a failure naming the file and line.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from embargo_kit.content.registry import CitationError, label_for, load_registry, parse_citation

logger = logging.getLogger(__name__)

STATUS_TEXT = {
    "confirmed": "number confirmed",
    "verify": "number to verify: cite the resolution",
    "unconfirmed": "number unconfirmed: cite the resolution",
}


class ResRole(SphinxRole):
    def run(self):
        try:
            citation = parse_citation(self.text)
        except CitationError as exc:
            logger.warning(f"unknown citation: {exc}", location=self.get_location())
            return [nodes.inline(self.rawtext, self.text, classes=["citation-error"])], []
        ref = addnodes.pending_xref(self.rawtext, refdomain="std", reftype="ref", reftarget=citation.label,
                                    refexplicit=True, refwarn=True, refdoc=self.env.docname)
        ref += nodes.inline(text=citation.text, classes=["res-citation"])
        return [ref], []


def _register_label(env, docname: str, label: str, title: str) -> None:
    std = env.get_domain("std")
    std.anonlabels[label] = (docname, label)
    std.labels[label] = (docname, label, title)


def _row(cells: list, widths_classes=None) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(text=str(cell))
        row += entry
    return row


def table(headers: list[str], rows: list[list], widths: list[int]) -> nodes.table:
    """A plain docutils table; cells may be strings or nodes."""
    tbl = nodes.table(classes=["ek-table"])
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(headers)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    return tbl


class RegistryTable(SphinxDirective):
    """Every resolution in the registry with its trigger and operative paragraphs; each one a link target."""

    def run(self):
        registry = load_registry()
        docname = self.env.docname
        out = [nodes.paragraph(text=f"Registry as of {registry.get('as_of')}.")]
        for res in sorted(registry["resolutions"], key=lambda r: (int(r["year"]), int(r["number"]))):
            number = int(res["number"])
            label = label_for(number)
            target = nodes.target("", "", ids=[label])
            _register_label(self.env, docname, label, res["symbol"])
            out.append(target)
            out.append(nodes.rubric(text=f"{res['symbol']}, adopted {res['adopted']}"))
            facts = nodes.field_list()
            for name, key in (("Trigger", "trigger"), ("What it added", "headline"), ("Vote", "vote"),
                              ("Source", "source")):
                if res.get(key):
                    field = nodes.field()
                    field += nodes.field_name(text=name)
                    body = nodes.field_body()
                    body += nodes.paragraph(text=str(res[key]))
                    field += body
                    facts += field
            out.append(facts)
            rows = []
            for para, entry in (res.get("paragraphs") or {}).items():
                para = str(para)
                plabel = label_for(number, para)
                _register_label(self.env, docname, plabel, f"{res['symbol']}, para {para}")
                cell = nodes.paragraph()
                cell += nodes.target("", "", ids=[plabel])
                cell += nodes.strong(text=para)
                status = nodes.paragraph(text=STATUS_TEXT.get(entry.get("status"), str(entry.get("status"))),
                                         classes=["registry-paragraph-status"])
                rows.append([cell, str(entry.get("summary", "")), ", ".join(entry.get("themes") or []), status])
            if rows:
                out.append(table(["Para", "What it says (summary)", "Themes", "Status"], rows, [8, 60, 16, 16]))
        return out


def setup(app):
    app.add_role("res", ResRole())
    app.add_directive("registry-table", RegistryTable)
