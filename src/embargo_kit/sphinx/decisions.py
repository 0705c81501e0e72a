"""Decision exercises ("Your decision ..." sections): the worked answer waits until the learner has tried.

Lessons print the worked answer ("Working it through", a sub-heading or a paragraph that starts so) right
under the questions. At build time the worked answer, to the end of its section (trainer notes excepted),
goes into a ``div.ek-worked``; progress.js hides it behind a box for the learner's own decision and a
"Show the worked answer" button that answers only once something is written. Without JavaScript the
answer simply stays visible. The lesson text is unchanged.
"""
from __future__ import annotations

from typing import Any

from docutils import nodes

DECISION = "your decision"
WORKED = "working it through"


def _starts(node: nodes.Node, words: str) -> bool:
    return " ".join(node.astext().split()).lower().startswith(words)


def _is_worked_start(node: nodes.Node) -> bool:
    if isinstance(node, nodes.section):
        title = next(iter(node.findall(nodes.title)), None)
        return title is not None and _starts(title, WORKED)
    return isinstance(node, nodes.paragraph) and _starts(node, WORKED)


def _is_trainer_only(node: nodes.Node) -> bool:
    return "trainer-note" in (node.get("classes", []) if isinstance(node, nodes.Element) else [])


def wrap_worked_answers(doctree: nodes.document) -> int:
    """Wrap each decision section's worked answer in ``container.ek-worked``; return how many."""
    count = 0
    for section in list(doctree.findall(nodes.section)):
        title = section.next_node(nodes.title)
        if title is None or title.parent is not section or not _starts(title, DECISION):
            continue
        children = list(section.children)
        start = next((i for i, child in enumerate(children) if _is_worked_start(child)), None)
        if start is None:
            continue
        box = nodes.container(classes=["ek-worked"])
        for child in children[start:]:
            if _is_trainer_only(child) or isinstance(child, nodes.section) and not _is_worked_start(child):
                continue
            section.remove(child)
            box += child
        section.insert(start, box)
        count += 1
    return count


def _resolve(app: Any, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "html":
        wrap_worked_answers(doctree)


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-resolved", _resolve)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
