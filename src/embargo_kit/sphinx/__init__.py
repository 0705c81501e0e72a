"""The book's Sphinx extension: editions, lesson directives, citations, reference pages, notebooks.

Listed once in _config.yml (`extra_extensions: [embargo_kit.sphinx]`); each concern lives in its own module.
"""
from __future__ import annotations

from pathlib import Path



STATIC = Path(__file__).parent / "static"


def _add_static(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app):
    # Imported here so that each module can also be loaded on its own (tests build with single modules).
    from embargo_kit.sphinx import (citations, compat, decisions, editions, lessons, navigation, notebooks, profile, progress,
                                     quiz, reference, search, workshop)

    app.connect("config-inited", _add_static)
    for module in (editions, profile, compat, navigation, search, citations, lessons, reference, notebooks, quiz,
                   workshop, decisions, progress):
        module.setup(app)
    return {"version": "0.1", "parallel_read_safe": False, "parallel_write_safe": True}
