"""Exercise notebooks in the book.

The TOC lists the learner notebooks (exercises/<part>/<id>-<slug>.ipynb). The learner edition shows them
unexecuted, with a download link. The instructor edition swaps in the solution notebook when the page is
read, executed, so trainers see every check PASS; the solution file becomes a dependency of the page.

``python -m embargo_kit.book`` executes the solutions beforehand, a few at a time, and names the folder in
EMBARGO_KIT_EXECUTED: a page then shows that executed copy (if it was made from the solution as it is now)
and nothing runs inside Sphinx; a problem recorded there (a cell that raised, a timeout) is a warning, so
``-W`` fails the build as an execution error in Sphinx would. A plain ``jupyter-book build`` without that
folder executes the solution while reading the page, as before.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from embargo_kit.sphinx.editions import edition_of

logger = logging.getLogger(__name__)


def solution_path(srcdir: Path, docname: str) -> Path:
    _, part, stem = docname.split("/", 2)
    return srcdir / "exercises" / "solutions" / part / f"{stem}.ipynb"


def is_exercise(docname: str) -> bool:
    return docname.startswith("exercises/") and docname.count("/") == 2 and "/solutions/" not in docname


def _swap_in_solution(app, docname, source):
    if edition_of(app) != "instructor" or not is_exercise(docname):
        return
    path = solution_path(Path(app.srcdir), docname)
    if not path.exists():
        logger.warning(f"no solution notebook {path.relative_to(app.srcdir)} for {docname}", location=docname)
        return
    app.env.note_dependency(str(path))
    executed = _executed_copy(path)
    if executed is not None:
        notebook = json.loads(executed.read_text(encoding="utf-8"))
        record = notebook["metadata"].pop("embargo_kit_executed")
        for problem in record.get("problems", []):
            logger.warning(f"the solution notebook {path.relative_to(app.srcdir)} did not run cleanly: {problem}",
                           location=docname)
        notebook["metadata"]["mystnb"] = {"execution_mode": "off"}
        app.env.note_dependency(str(executed))
    else:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        # Force execution of the swapped content: the cache is keyed on the file on disk (the learner version).
        notebook.setdefault("metadata", {})["mystnb"] = {"execution_mode": "force", "execution_allow_errors": False}
    source[0] = json.dumps(notebook)


def _executed_copy(solution: Path, *, patience: float = 1800.0) -> Path | None:
    """The executed copy of ``solution`` made by embargo_kit.book, if it was made from this very file.

    While the solutions are still executing (EMBARGO_KIT_EXECUTED_WAIT=1, until the folder holds the file
    ``.finished``), wait for it; a copy that never comes means the page executes its solution itself.
    """
    folder = os.environ.get("EMBARGO_KIT_EXECUTED")
    if not folder:
        return None
    copy = Path(folder) / solution.parent.name / solution.name
    digest = hashlib.sha256(solution.read_bytes()).hexdigest()
    waiting = os.environ.get("EMBARGO_KIT_EXECUTED_WAIT") == "1"
    deadline = time.monotonic() + patience
    while True:
        finished = not waiting or (Path(folder) / ".finished").exists() or time.monotonic() > deadline
        try:
            record = json.loads(copy.read_text(encoding="utf-8"))["metadata"]["embargo_kit_executed"]
            if record.get("solution_sha256") == digest:
                return copy
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if finished:  # checked after the copy, so a copy written just before the marker is not missed
            return None
        time.sleep(0.2)


class NotebookBanner(SphinxTransform):
    """Under the title of an exercise page: what it is, how to run it, and a download link."""

    default_priority = 700

    def apply(self):
        docname = self.env.docname
        if not is_exercise(docname):
            return
        instructor = edition_of(self.app) == "instructor"
        box = nodes.container(classes=["ek-download"])
        para = nodes.paragraph()
        if instructor:
            para += nodes.strong(text="Solution notebook (instructor edition), executed: every check should say PASS. ")
        else:
            para += nodes.Text("Run this notebook on your own machine: the checks tell you PASS, NOT YET or "
                               "CAN'T CHECK as you go. ")
        ref = addnodes.download_reference("", "", reftarget=f"/{docname}.ipynb", refdoc=docname, refexplicit=True)
        ref += nodes.literal(text=f"Download {docname.rsplit('/', 1)[-1]}.ipynb (learner version)")
        para += ref
        box += para  # the learner bundle and the link to the setup page follow (learner_bundle.py)
        title = next(iter(self.document.findall(nodes.title)), None)
        section = title.parent if title is not None else None
        if section is not None:
            section.insert(section.index(title) + 1, box)
        else:
            self.document.insert(0, box)


def setup(app):
    app.connect("source-read", _swap_in_solution)
    app.add_transform(NotebookBanner)
