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


def _has_class(doctree, test) -> bool:
    return any(test(c) for node in doctree.findall(lambda n: bool(n.get("classes", []) if hasattr(n, "get") else []))
               for c in node.get("classes", []))


def _drop_unused_assets(app, pagename, templatename, context, doctree):
    """Page weight: load each extension's CSS/JS only on pages that use it (design.md, "Page weight").

    Sphinx adds sphinx-design, myst-nb, copybutton and thebe assets to every page; a plain lesson uses none.
    """
    if doctree is None:  # search, genindex: keep the defaults
        return
    from docutils import nodes

    uses_design = _has_class(doctree, lambda c: c.startswith("sd-"))
    uses_cells = pagename.startswith("exercises/") or _has_class(doctree, lambda c: c.startswith("cell"))
    uses_code = uses_cells or any(True for _ in doctree.findall(nodes.literal_block))
    unused = ["sphinx-thebe.js", "thebe.css"]  # launch buttons and thebe are off in _config.yml
    if not uses_design:
        unused += ["sphinx-design.min.css", "design-tabs.js"]
    if not uses_cells:
        unused += ["mystnb."]
    if not uses_code:
        unused += ["copybutton.js", "copybutton.css", "clipboard.min.js"]

    def keep(asset) -> bool:
        name = str(getattr(asset, "filename", "") or "")
        return not any(marker in name for marker in unused)

    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if keep(asset)]


def setup(app):
    app.connect("html-page-context", _drop_unused_assets, priority=950)
    app.connect("builder-inited", _merge_handlers)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
