"""Page weight and first paint, done once after the build, in Python only (design.md, "Page weight").

The theme ships 397 KB of CSS on every page (Bootstrap, every Font Awesome icon, every component), a
156 KB icon font of which the book draws a handful of glyphs, a stylesheet that @imports another (one more
round trip before anything is painted) and small scripts that block the parser. After the build:

* ``prune_css`` drops every style rule whose selector names a class or id that appears in no page and no
  script of the site (known names are every word of the built HTML and JavaScript, so a class a script adds
  later is kept); at-rules (@font-face, @keyframes) stay, @media blocks are pruned inside;
* the theme's ``@import "../basic.css"`` is replaced by the (pruned) file itself;
* the icon fonts are subset with fontTools to the code points the remaining CSS uses, written as WOFF
  (zlib: no brotli needed), and the @font-face rules point to the subsets;
* scripts that need not run before the first paint get ``defer`` (not on the search page, whose inline
  search code needs them first).

Nothing here fetches anything; a file that is not found is left alone.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from sphinx.util import logging

logger = logging.getLogger(__name__)

THEME_CSS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "basic.css",
             "sphinx-design.min.css")
WORD = re.compile(r"[A-Za-z_][\w-]*")
CODEPOINT = re.compile(r'"\\([0-9a-fA-F]{4,5})"')
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
DEFERRABLE = re.compile(
    r'<script src="(?P<src>[^"]*(?:doctools|sphinx_highlight|sphinx-book-theme|togglebutton|copybutton|'
    r'clipboard\.min|design-tabs)\.js[^"]*)"></script>')


# ------------------------------------------------------------------------------------------- parsing


def _skip_string_or_comment(css: str, i: int) -> int:
    """If a string or comment starts at ``i``, the index after it; else ``i``."""
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    if css[i] in "\"'":
        quote, j = css[i], i + 1
        while j < len(css) and css[j] != quote:
            j += 2 if css[j] == "\\" else 1
        return j + 1
    return i


def blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, block) pairs; statements such as @import come as (text, None)."""
    out: list[tuple[str, str | None]] = []
    i = start = 0
    while i < len(css):
        j = _skip_string_or_comment(css, i)
        if j != i:
            i = j
            continue
        ch = css[i]
        if ch == ";":
            out.append((css[start:i + 1], None))
            start = i + 1
        elif ch == "{":
            depth, k = 1, i + 1
            while k < len(css) and depth:
                m = _skip_string_or_comment(css, k)
                if m != k:
                    k = m
                    continue
                depth += {"{": 1, "}": -1}.get(css[k], 0)
                k += 1
            out.append((css[start:i], css[i + 1:k - 1]))
            i = start = k
            continue
        i += 1
    if css[start:].strip():
        out.append((css[start:], None))
    return out


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in prelude:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in (s.strip() for s in parts) if p]


def selector_used(selector: str, known: set[str]) -> bool:
    s = re.sub(r"\[[^\]]*\]", "", selector)          # attribute values may hold dots (a[href$=".pdf"])
    s = re.sub(r":not\([^()]*\)", "", s)              # :not(.x) matches whether or not .x exists
    if "\\" in s or re.search(r":(?:is|where|has|not|nth-[a-z-]+)\(", s):
        return True                                   # too clever to judge: keep
    names = re.findall(r"[.#](-?[_a-zA-Z][\w-]*)", s)
    return all(name in known for name in names)


COMMENT = re.compile(r"/\*.*?\*/", re.S)
RELATIVE_URL = re.compile(r"""url\((?P<q>["']?)(?!data:|/|[a-z]+://|#|\.\./)(?P<path>[^"')]+)(?P=q)\)""")
PRUNED = "/* pruned by embargo_kit.sphinx.pageweight */\n"


def prune_css(css: str, known: set[str]) -> str:
    out = []
    for prelude, block in blocks(css):
        licence = [c for c in COMMENT.findall(prelude) if c.startswith("/*!") or "License" in c]
        out += licence
        head = COMMENT.sub("", prelude).strip()
        if block is None:
            if head:
                out.append(head if head.endswith(";") else head + ";")
            continue
        if head.startswith(("@media", "@supports", "@layer", "@container", "@document")):
            inner = prune_css(block, known)
            if inner.strip():
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{block}}}")
        else:
            kept = [s for s in _split_selectors(head) if selector_used(s, known)]
            if kept:
                out.append(f"{','.join(kept)}{{{block}}}")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------- the site


def known_names(files: Iterable[Path]) -> set[str]:
    """Every word of the built pages and scripts: a superset of the classes and ids that can be on a page."""
    names: set[str] = set()
    for path in files:
        names.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _inline_import(theme_css: Path, static: Path, basic_text: str | None = None) -> None:
    text = theme_css.read_text(encoding="utf-8")
    match = re.search(r'@import\s+(?:url\()?"\.\./basic\.css"\)?\s*;', text)
    basic = static / "basic.css"
    if match and (basic_text is not None or basic.exists()):
        basic_text = basic_text if basic_text is not None else basic.read_text(encoding="utf-8")
        # basic.css lives one folder up: its relative url()s (file.png, minus.png ...) must say so here.
        inlined = RELATIVE_URL.sub(lambda m: f"url({m['q']}../{m['path']}{m['q']})", basic_text)
        theme_css.write_text(text[:match.start()] + inlined + text[match.end():], encoding="utf-8")


def subset_fonts(css_file: Path, webfonts: Path) -> dict[str, int]:
    """Subset the icon fonts to the code points ``css_file`` uses; point its @font-face rules at them."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    css = css_file.read_text(encoding="utf-8")
    codepoints = {int(cp, 16) for cp in CODEPOINT.findall(css)}          # content: "\f0c9"
    codepoints |= {ord(ch) for ch in css if 0xE000 <= ord(ch) <= 0xF8FF}  # --pst-icon-bell: "" (the character)
    codepoints = sorted(codepoints)
    sizes: dict[str, int] = {}
    for name in FONTS:
        ttf = webfonts / f"{name}.ttf"
        if not ttf.exists() or not codepoints:
            continue
        font = TTFont(str(ttf))
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = []
        options.name_IDs = []
        options.notdef_outline = True
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        target = webfonts / f"{name}.subset.woff"
        font.flavor = "woff"
        font.save(str(target))
        sizes[name] = target.stat().st_size
        css = re.sub(rf'url\(([^)]*?){name}\.woff2\) format\("woff2"\),url\([^)]*?{name}\.ttf\) format\("truetype"\)',
                     rf'url(\1{name}.subset.woff) format("woff")', css)
    css_file.write_text(css, encoding="utf-8")
    return sizes


def defer_scripts(html: str) -> str:
    if "searchtools.js" in html:
        return html
    return DEFERRABLE.sub(lambda m: f'<script defer="defer" src="{m["src"]}"></script>', html)


def _original(path: Path, keep: Path | None) -> str:
    """The file as the theme shipped it. Sphinx does not always copy an unchanged theme file again, so a
    second build may find the pruned copy: the original is kept beside the doctrees and used instead."""
    text = path.read_text(encoding="utf-8")
    if keep is None:
        return text
    saved = keep / path.name
    if text.startswith(PRUNED) and saved.exists():
        return saved.read_text(encoding="utf-8")
    keep.mkdir(parents=True, exist_ok=True)
    saved.write_text(text, encoding="utf-8")
    return text


def slim_site(outdir: Path, keep: Path | None = None) -> dict[str, Any]:
    """Prune, subset and defer in the built site ``outdir``; ``keep``: a folder for the theme's originals."""
    static = outdir / "_static"
    pages = [p for p in outdir.rglob("*.html")]
    scripts = [p for p in static.rglob("*.js")]
    known = known_names([*pages, *scripts])
    before = after = 0
    originals = {}
    for rel in (*THEME_CSS, "styles/theme.css"):
        path = static / rel
        if path.exists():
            originals[rel] = _original(path, keep and keep / rel.replace("/", "__"))
    if "styles/theme.css" in originals and "basic.css" in originals:
        theme = static / "styles" / "theme.css"
        theme.write_text(originals["styles/theme.css"], encoding="utf-8")
        _inline_import(theme, static, originals["basic.css"])
        originals["styles/theme.css"] = theme.read_text(encoding="utf-8")
    for rel, text in originals.items():
        slim = prune_css(text, known)
        before, after = before + len(text), after + len(slim)
        (static / rel).write_text(PRUNED + slim, encoding="utf-8")
    fonts = {}
    pydata = static / "styles" / "pydata-sphinx-theme.css"
    webfonts = static / "vendor" / "fontawesome" / "webfonts"
    if pydata.exists() and webfonts.is_dir():
        fonts = subset_fonts(pydata, webfonts)
    for page in pages:
        if "_static" in page.relative_to(outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        deferred = defer_scripts(text)
        if deferred != text:
            page.write_text(deferred, encoding="utf-8")
    return {"css_before": before, "css_after": after, "fonts": fonts}


def _after_build(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    report = slim_site(Path(app.outdir), keep=Path(app.doctreedir).parent / "ek-theme-originals")
    logger.info(f"page weight: theme CSS {report['css_before'] // 1024} KB -> {report['css_after'] // 1024} KB; "
                f"icon fonts subset: {report['fonts']}")


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _after_build, priority=900)  # after the other post-build passes
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
