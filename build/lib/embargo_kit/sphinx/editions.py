"""Learner and instructor editions from one source.

The edition comes from EMBARGO_KIT_EDITION (set by `python -m embargo_kit.book`), the config value
`embargo_kit_edition`, or the Sphinx tag `instructor`; learner is the default. It becomes a Sphinx tag, so
```{only} instructor``` works anywhere, and it switches notebook execution: the learner edition never runs
the exercise notebooks (they would only say NOT YET), the instructor edition runs their solutions.
"""
from __future__ import annotations

import os

EDITIONS = ("learner", "instructor")


def edition_of(app) -> str:
    return app.config.embargo_kit_edition_resolved or "learner"


def _on_config_inited(app, config):
    edition = (os.environ.get("EMBARGO_KIT_EDITION") or config.embargo_kit_edition
               or ("instructor" if app.tags.has("instructor") else "learner"))
    if edition not in EDITIONS:
        raise ValueError(f"EMBARGO_KIT_EDITION must be one of {EDITIONS}, not {edition!r}")
    config.embargo_kit_edition_resolved = edition
    app.tags.add(edition)
    options = dict(config.html_theme_options or {})
    if edition == "instructor":
        config.html_title = f"{config.html_title or config.project} (instructor edition)"
        options["announcement"] = ("Instructor edition: contains trainer notes, answer keys and solutions. "
                                   "Do not publish it to learners.")
    config.html_theme_options = options
    if edition == "learner":
        # Learner notebooks are shown as they are: run, they would only say NOT YET.
        config.nb_execution_excludepatterns = [*config.nb_execution_excludepatterns, "exercises/*/*.ipynb"]


def setup(app):
    app.add_config_value("embargo_kit_edition", "", "env")
    app.add_config_value("embargo_kit_edition_resolved", "", "env")
    app.connect("config-inited", _on_config_inited, priority=100)
