"""The learner bundle on the site: "Run it yourself" on every notebook page and on "Running the notebooks".

design.md ("Learner bundle and offline wheelhouse"): one zip (the learner wheel, the learner notebooks, a
README with commands for Windows, macOS and Linux), built by :func:`embargo_kit.bundle.build_learner_bundle`,
offered next to every notebook. The learner edition's build writes it to ``downloads/`` in the site (so
the links work from a local server, from file:// and once published); ``publish`` copies the site, bundle
included. The box links the zip and the setup page with real links.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

from embargo_kit.sphinx.editions import edition_of

logger = logging.getLogger(__name__)

FOLDER = "downloads"
BUNDLE_NAME = "embargo-kit-learner-bundle.zip"   # embargo_kit.bundle.BUNDLE_NAME
SETUP_DOC = "book/start/running-notebooks"


def bundle_uri(docname: str) -> str:
    """The zip's address relative to the page of ``docname`` (html builder: one file per document)."""
    return "../" * docname.count("/") + f"{FOLDER}/{BUNDLE_NAME}"


def bundle_box(docname: str, setup_uri: str | None) -> nodes.container:
    """The "Run it yourself" box; ``setup_uri`` links the setup page (None on the setup page itself)."""
    box = nodes.container(classes=["ek-bundle"])
    para = nodes.paragraph()
    para += nodes.strong(text="Run it yourself: ")
    link = nodes.reference("", "", refuri=bundle_uri(docname), classes=["ek-bundle-link"])
    link += nodes.Text("download the learner bundle (zip)")
    para += link
    para += nodes.Text(": the embargo_kit package as a wheel, every learner notebook, and a README with the "
                       "install commands for Windows, macOS and Linux.")
    box += para
    if setup_uri:
        how = nodes.paragraph()
        how += nodes.Text("How to install it and open the notebooks: ")
        ref = nodes.reference("", "", refuri=setup_uri, internal=True)
        ref += nodes.Text("Running the exercise notebooks")
        how += ref
        how += nodes.Text(".")
        box += how
    return box


def _add_box(app: Any, doctree: nodes.document, docname: str) -> None:
    """After the title (and the download line) of every learner notebook page and of the setup page.

    At write time (doctree-resolved), so a change here shows without re-reading the pages."""
    from embargo_kit.sphinx.notebooks import is_exercise

    if app.builder.format != "html" or edition_of(app) == "instructor":
        return
    if not (is_exercise(docname) or docname == SETUP_DOC):
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    section = title.parent if title is not None else None
    if section is None:
        return
    at = section.index(title) + 1
    while at < len(section) and "ek-download" in section[at].get("classes", []):
        at += 1
    setup_uri = None
    if docname != SETUP_DOC and SETUP_DOC in app.env.found_docs:
        setup_uri = app.builder.get_relative_uri(docname, SETUP_DOC)
    section.insert(at, bundle_box(docname, setup_uri))


def _write_bundle(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or edition_of(app) == "instructor":
        return
    from embargo_kit import bundle

    try:
        path = bundle.build_learner_bundle(Path(app.outdir) / FOLDER, root=Path(app.srcdir))
    except Exception as exc:  # noqa: BLE001 - any failure is reported, with its reason, as a build warning
        logger.warning(f"the learner bundle was not built, so the notebook pages link to nothing: {exc}")
        return
    logger.info(f"learner bundle: {path.relative_to(app.outdir)} ({path.stat().st_size // 1024} KB)")


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-resolved", _add_box)
    app.connect("build-finished", _write_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
