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

from embargo_kit.content.force import validate_registry
from embargo_kit.content.registry import CitationError, label_for, load_registry, parse_citation

logger = logging.getLogger(__name__)

STATUS_TEXT = {
    "quoted": "quoted: the Council's words below",
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
            if res.get("force"):
                out.append(nodes.paragraph(text="Force of measures cited without a paragraph number:",
                                           classes=["registry-force-head"]))
                out.append(_force_list(res["force"]))
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
                rows.append([cell, _says(res["symbol"], para, entry), ", ".join(entry.get("themes") or []), status])
            if rows:
                out.append(table(["Para", "What it says (summary; the Council's words where quoted; force)",
                                  "Themes", "Status"], rows, [8, 66, 13, 13]))
        return out


FORCE_TEXT = {
    "obligation": "Obligation on all states (the Council decided that states shall)",
    "obligation-flag-state": "Obligation on the flag state (shall)",
    "obligation-dprk": "Obligation on the DPRK (shall)",
    "permission": "Permission (may)",
    "call": "Call, not binding (calls upon, urges, encourages)",
    "committee-power": "Power of the 1718 Committee",
}


def _force_list(clauses: list) -> nodes.bullet_list:
    """Each force clause as one sentence a learner can read: who must (or may) do what, where, except when."""
    items = nodes.bullet_list(classes=["registry-force"])
    for clause in clauses or []:
        words = [FORCE_TEXT.get(clause.get("force"), str(clause.get("force")))]
        act = clause.get("act") or []
        act = [str(a) for a in act] if isinstance(act, list) else [str(act)]
        words.append("what: " + ", ".join(act[:3]) + (" …" if len(act) > 3 else ""))
        if clause.get("scope"):
            words.append("where: " + " ".join(str(clause["scope"]).split()))
        if clause.get("exceptions"):
            words.append("except: " + " ".join(str(clause["exceptions"]).split()))
        source = " ".join(str(clause.get("source") or "").split())
        words.append("source: " + ("the quote above" if source == "text" else source))
        item = nodes.list_item()
        item += nodes.paragraph(text="; ".join(words) + ".")
        items += item
    return items


def _says(symbol: str, para: str, entry: dict) -> nodes.container:
    """The summary in our words, then the Council's words as a blockquote with symbol and where read, then force."""
    box = nodes.container(classes=["registry-says"])
    box += nodes.paragraph(text=" ".join(str(entry.get("summary", "")).split()))
    if entry.get("text"):
        quote = nodes.block_quote(classes=["registry-quote"])
        quote += nodes.paragraph(text=" ".join(str(entry["text"]).split()))
        quote += nodes.attribution(text=f"{symbol}, para {para}, as adopted; read at "
                                        + " ".join(str(entry.get("read_at", "")).split()))
        box += quote
    if entry.get("force"):
        box += nodes.paragraph(text="Force, clause by clause:", classes=["registry-force-head"])
        box += _force_list(entry["force"])
    return box


def check_registry(app) -> None:
    """Fail the build (-W) on a quoted paragraph without text, a quote without its clauses' force words, or a
    malformed force clause, naming the registry file and line."""
    for problem in validate_registry():
        logger.warning(f"registry: {problem.message}", location=f"{problem.path}:{problem.line}")


def setup(app):
    app.connect("builder-inited", check_registry)
    app.add_role("res", ResRole())
    app.add_directive("registry-table", RegistryTable)
