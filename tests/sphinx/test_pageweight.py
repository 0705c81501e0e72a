"""Page weight after the build: unused theme CSS pruned, icon fonts subset, scripts deferred."""
from __future__ import annotations

from pathlib import Path

import pytest

from embargo_kit.sphinx.pageweight import defer_scripts, prune_css, selector_used

CSS = ('/*! Font Awesome Free License */.fa-bars:before{content:"\\f0c9"}.fa-anchor:before{content:"\\f13d"}'
       '@media (min-width:960px){.bd-sidebar{width:20%}.unused-widget{color:red}}'
       '@font-face{font-family:X;src:url(x.woff)}a[href$=".pdf"]:after{content:"pdf"}'
       'p:not(.unused-widget),.unused-widget{margin:0}html[data-theme=dark] .bd-sidebar{color:#fff}'
       '.unused-a,.unused-b{color:red}')


def test_rules_for_names_no_page_or_script_uses_are_dropped_and_the_rest_kept():
    out = prune_css(CSS, {"fa-bars", "bd-sidebar"})
    assert ".fa-bars:before" in out and "fa-anchor" not in out
    assert "@media (min-width:960px){.bd-sidebar{width:20%}}" in out
    assert "@font-face" in out and 'a[href$=".pdf"]' in out
    assert "p:not(.unused-widget){margin:0}" in out and "unused-a" not in out
    assert "html[data-theme=dark] .bd-sidebar" in out and "Font Awesome Free License" in out


def test_selectors_too_clever_to_judge_are_kept():
    assert selector_used(".x:is(.y, .z)", set())
    assert selector_used("li:nth-child(2n+1)", set())
    assert not selector_used(".x .y", {"x"})


def test_scripts_are_deferred_except_on_the_search_page():
    page = '<script src="../_static/doctools.js?v=1"></script><script src="../_static/documentation_options.js"></script>'
    assert defer_scripts(page) == ('<script defer="defer" src="../_static/doctools.js?v=1"></script>'
                                   '<script src="../_static/documentation_options.js"></script>')
    search = page + '<script src="_static/searchtools.js"></script>'
    assert defer_scripts(search) == search


def test_the_icon_font_is_subset_to_the_code_points_the_css_uses(tmp_path):
    pytest.importorskip("fontTools")
    import pydata_sphinx_theme
    from fontTools.ttLib import TTFont

    from embargo_kit.sphinx.pageweight import subset_fonts

    fonts = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts"
    webfonts = tmp_path / "webfonts"
    webfonts.mkdir()
    (webfonts / "fa-solid-900.ttf").write_bytes((fonts / "fa-solid-900.ttf").read_bytes())
    css = tmp_path / "theme.css"
    css.write_text('@font-face{src:url(../webfonts/fa-solid-900.woff2) format("woff2"),'
                   'url(../webfonts/fa-solid-900.ttf) format("truetype")}.fa-bars:before{content:"\\f0c9"}'
                   ':root{--pst-icon-bell:"\uf0f3"}', encoding="utf-8")
    sizes = subset_fonts(css, webfonts)
    assert 0 < sizes["fa-solid-900"] < 10_000
    cmap = TTFont(str(webfonts / "fa-solid-900.subset.woff")).getBestCmap()
    assert {0xF0C9, 0xF0F3} <= set(cmap) and len(cmap) <= 4
    assert 'url(../webfonts/fa-solid-900.subset.woff) format("woff")' in css.read_text(encoding="utf-8")


def test_the_theme_import_is_inlined_with_its_image_paths_kept(tmp_path):
    from embargo_kit.sphinx.pageweight import _inline_import

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text('div.x{background:url(file.png)}a{background:url("data:image/png;base64,A")}',
                                      encoding="utf-8")
    theme = static / "styles" / "theme.css"
    theme.write_text('/* basic */\n@import "../basic.css";\n', encoding="utf-8")
    _inline_import(theme, static)
    text = theme.read_text(encoding="utf-8")
    assert "@import" not in text and "url(../file.png)" in text and 'url("data:image/png;base64,A")' in text
