"""Work-arounds for two known bugs of the Jupyter Book 1 stack (see the tooling report)."""
from __future__ import annotations


def _merge_handlers(app):
    # sphinx-exercise registers singlehtml visitors only, which hides sphinx-design's html ones.
    reg = app.registry.translation_handlers
    if "singlehtml" in reg:
        for node_name, handlers in reg.get("html", {}).items():
            reg["singlehtml"].setdefault(node_name, handlers)


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    # Sphinx 7.4 + thebe/togglebutton emit inline scripts twice: a console error on every page.
    seen, unique = set(), []
    for js in context.get("script_files", []):
        attrs = getattr(js, "attributes", {})
        key = (getattr(js, "filename", None) or "", tuple(sorted((k, str(v)) for k, v in attrs.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"][:] = unique  # in place: it is the builder's own list


def setup(app):
    app.connect("builder-inited", _merge_handlers)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
