"""Publish the learner edition: a ready-to-upload folder (and optional archive) for any host and sub-path.

`embargo-kit publish --out DIR` copies the BUILT learner edition (``_build/learner/_build/html``; it is built
first if missing) into DIR and makes it fit to put online:

* **Learner edition only.** The copy is refused if any page carries an instructor-only marker (a
  ``trainer-note`` or ``answer-key`` box, the instructor announcement or title), if a solution page or
  ``_sources/`` is present, or if a downloadable notebook is not a learner notebook. Nothing is left behind
  after a refusal.
* **Any sub-path.** Every link and asset in the book is relative, so the folder works at the root of a host,
  under ``/training/dprk-embargo/``, or from ``file://``. The one setting that knows the public path is
  ``--base-url``: it is used by the custom ``404.html`` (which the server returns for missing pages at any
  depth, so its links go through ``<base href>``), and recorded in ``manifest.json``. The progress store is
  the browser's localStorage, which is per host, so it needs no path.
* **A strict Content Security Policy holds.** Sphinx and its themes put small inline ``<script>`` blocks in
  every page (theme mode, toggle-button labels, ``DOCUMENTATION_OPTIONS.pagename`` ...). They are moved,
  unchanged and in the same order, into files under ``_static/ek-inline/`` named by the SHA-256 of their
  content, so ``script-src 'self'`` suffices and no hash list has to follow each build. Likewise ``<style>``
  elements become linked files and the few ``style=""`` attributes (the general index) classes in
  ``_static/ek-inline/styles.css``; FontAwesome's script is told not to inject its stylesheet
  (``data-auto-add-css="false"``), which is linked as a file instead. So ``style-src 'self'`` holds too.
* ``--csp-meta`` also writes that policy into every page as ``<meta http-equiv="Content-Security-Policy">``,
  for hosts that cannot send headers (GitHub Pages and similar); ``frame-ancestors`` needs a header.
* **Indexing choice.** ``robots.txt`` allows or (``--noindex``, for intranets) disallows crawling; with
  ``--noindex`` every page also gets ``<meta name="robots" content="noindex, nofollow">``.
* **Manifest.** ``MANIFEST.sha256`` (the ``sha256sum -c`` format) and ``manifest.json`` (path, bytes,
  SHA-256 per file; base URL; noindex) list every file. The output is byte-for-byte reproducible.
* ``--archive`` also writes ``DIR.zip`` beside the folder (reproducible: fixed timestamps, sorted entries).
"""
from __future__ import annotations

import ast
import hashlib
import html
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST_JSON = "manifest.json"
MANIFEST_SHA = "MANIFEST.sha256"
INLINE_DIR = "_static/ek-inline"
TRACK_PICKER = "book/index.html#pick-your-track"

# Files of a Sphinx build that never go online: build bookkeeping and full sources.
SKIP_NAMES = {".buildinfo", ".doctrees", "_sources", ".ipynb_checkpoints", "__pycache__", ".jupyter_cache"}

# Instructor-only markers. Class tokens are looked for in class attributes; the strings anywhere in a page
# or in the search index.
INSTRUCTOR_CLASSES = ("trainer-note", "answer-key")
INSTRUCTOR_STRINGS = (
    "Instructor edition: contains trainer notes",   # the instructor edition's announcement banner
    "(instructor edition)",                          # the instructor edition's html_title suffix
    "Do not publish it to learners",
)
SOLUTION_MARKERS = ("# BEGIN SOLUTION", "# END SOLUTION")

# The Content Security Policy the site is made to pass (deploy/nginx/embargo-kit.conf sends it as a header,
# adding frame-ancestors 'none', which only a header can carry). --csp-meta writes it into every page for hosts
# that cannot set headers (static-pages services).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")

PLACEHOLDER_BASE = "/training/dprk-embargo/"
PLACEHOLDER_ROOT = "/srv/embargo-kit/site/"


class PublishError(Exception):
    """The learner edition cannot be published as it is (the message says why and what to do)."""


@dataclass
class PublishReport:
    out: Path
    base_url: str
    noindex: bool
    csp_meta: bool = False
    files: int = 0
    bytes: int = 0
    pages: int = 0
    scripts_moved: int = 0
    styles_moved: int = 0
    archive: Path | None = None
    archive_bytes: int = 0
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ settings
def normalise_base_url(base_url: str) -> str:
    """``training/dprk-embargo`` -> ``/training/dprk-embargo/``; a full URL keeps its scheme and host."""
    base = (base_url or "/").strip()
    if re.match(r"^[a-z][a-z0-9+.-]*://", base, re.I):
        scheme_host, _, path = base.partition("://")[2].partition("/")
        path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
        return base.split("://", 1)[0] + "://" + scheme_host + path
    if any(c in base for c in '"<>\\ ?#') or ".." in base.split("/"):
        raise PublishError(f"--base-url {base_url!r} is not a URL path such as /training/dprk-embargo/")
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    return base


def _url_path(base_url: str) -> str:
    """The path part of a base URL (what nginx's location and the 404 page need)."""
    if "://" in base_url:
        rest = base_url.split("://", 1)[1]
        return "/" + rest.partition("/")[2]
    return base_url


# ------------------------------------------------------------------------------------------ checks
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')


def instructor_markers(text: str) -> list[str]:
    """Instructor-only markers found in a page's text (empty list: none)."""
    found = []
    for classes in _CLASS_ATTR.findall(text):
        tokens = classes.split()
        found += [f'class "{c}"' for c in INSTRUCTOR_CLASSES if c in tokens]
    found += [f'"{s}"' for s in INSTRUCTOR_STRINGS if s in text]
    return sorted(set(found))


def _is_stub(source: str) -> bool:
    """A learner stub holds only imports, ``name = ...``, docstrings, ``...`` and definitions of those."""
    def stub_body(body) -> bool:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass)):
                continue
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                    and (node.value.value is Ellipsis or isinstance(node.value.value, str)):
                continue
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant) \
                    and node.value.value is Ellipsis:
                continue
            if isinstance(node, ast.AnnAssign) and node.value is None:
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stub_body(node.body):
                continue
            return False
        return True

    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return False
    return stub_body(tree.body)


def _notebook_problems(path: Path, repo_root: Path | None) -> list[str]:
    """Why a downloadable notebook is not a learner notebook (empty list: it is one)."""
    raw = path.read_bytes()
    if repo_root is not None:
        learner = sorted((repo_root / "exercises").glob(f"*/{path.name}"))
        learner = [p for p in learner if "solutions" not in p.parts]
        if learner and raw != learner[0].read_bytes():
            return [f"differs from the learner notebook {learner[0].relative_to(repo_root)} "
                    "(run `embargo-kit exercises build`, then rebuild)"]
    problems = []
    try:
        nb = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ["is not a readable notebook"]
    for i, cell in enumerate(nb.get("cells", [])):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        tags = (cell.get("metadata") or {}).get("tags") or []
        if "instructor" in tags:
            problems.append(f"cell {i} is tagged instructor")
        if "solution" in tags and cell.get("cell_type") == "code" and not _is_stub(source):
            problems.append(f"cell {i} (tagged solution) still holds its solution code")
        lines = [ln.strip() for ln in source.splitlines()]
        if any(marker in lines for marker in SOLUTION_MARKERS):
            problems.append(f"cell {i} still holds a # BEGIN SOLUTION block")
    return problems


def verify_learner_site(site: Path, repo_root: Path | None = None) -> list[str]:
    """Every reason the folder is not a publishable learner edition (empty list: it is publishable)."""
    problems = []
    if not (site / "index.html").exists():
        problems.append("no index.html: this is not a built book")
    for part in sorted(site.rglob("*")):
        rel = part.relative_to(site).as_posix()
        if part.is_dir():
            if part.name == "_sources":
                problems.append(f"{rel}/ would ship the full page sources, solutions included")
            continue
        if "solutions" in PurePosixPath(rel).parts:
            problems.append(f"{rel}: solution pages exist only in the instructor edition")
        if part.suffix == ".html" or part.name == "searchindex.js":
            for marker in instructor_markers(part.read_text(encoding="utf-8", errors="replace")):
                problems.append(f"{rel}: instructor-only {marker}")
        if part.suffix == ".ipynb":
            problems += [f"{rel}: {p}" for p in _notebook_problems(part, repo_root)]
        if part.suffix in (".zip", ".whl"):  # the learner bundle: it must carry no answer either
            from embargo_kit.bundle import scan_archive

            problems += [f"{rel}: {p}" for p in scan_archive(part)]
    return problems


# ------------------------------------------------------------------------------------------ rewriting
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'\s{name}\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+))', attrs, re.I)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def _rel(page: Path, site: Path, target: str) -> str:
    return os.path.relpath(site / target, page.parent).replace(os.sep, "/")


def _externalise_scripts(text: str, page: Path, site: Path, written: dict[str, bytes]) -> tuple[str, int]:
    """Move inline JavaScript into content-addressed files; data blocks (JSON, thebe config) stay."""
    moved = 0

    def repl(m: re.Match) -> str:
        nonlocal moved
        attrs, body = m.group("attrs") or "", m.group("body")
        if _attr(attrs, "src") is not None:
            return m.group(0)
        kind = (_attr(attrs, "type") or "").strip().lower()
        if kind not in _JS_TYPES or not body.strip():
            return m.group(0)
        data = body.encode("utf-8")
        name = f"{INLINE_DIR}/{hashlib.sha256(data).hexdigest()[:20]}.js"
        written[name] = data
        moved += 1
        return f'<script{attrs} src="{_rel(page, site, name)}"></script>'

    return _SCRIPT.sub(repl, text), moved


_STYLED_TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>\s[^<>]*?)?\sstyle=\"(?P<style>[^\"]*)\"(?P<rest>[^<>]*)>")


def _externalise_styles(text: str, page: Path, site: Path, rules: dict[str, str]) -> tuple[str, int]:
    """Turn style="..." attributes into classes backed by _static/ek-inline/styles.css."""
    moved = 0

    def repl(m: re.Match) -> str:
        nonlocal moved
        style = html.unescape(m.group("style")).strip().rstrip(";")
        cls = "ek-s-" + hashlib.sha256(style.encode()).hexdigest()[:10]
        decls = "; ".join(f"{d.strip()} !important" for d in style.split(";") if d.strip()
                          and "!important" not in d)
        rules[cls] = decls
        moved += 1
        attrs = (m.group("attrs") or "") + m.group("rest")
        if _CLASS_ATTR.search(attrs):
            attrs = _CLASS_ATTR.sub(lambda c: f' class="{c.group(1)} {cls}"', attrs, count=1)
        else:
            attrs = f' class="{cls}"' + attrs
        return f"<{m.group('name')}{attrs}>"

    new = _STYLED_TAG.sub(repl, text)
    if moved:
        link = f'<link rel="stylesheet" type="text/css" href="{_rel(page, site, INLINE_DIR + "/styles.css")}" />'
        new = new.replace("</head>", f"  {link}\n</head>", 1)
    return new, moved


# FontAwesome's SVG script (bundled by pydata-sphinx-theme) injects its stylesheet as an inline <style>,
# which `style-src 'self'` blocks. Its documented switch `data-auto-add-css="false"` on the script tag turns
# that off; the same CSS, taken from the script itself, is then linked as a file.
_FA_SCRIPT = "_static/scripts/fontawesome.js"
_FA_CSS = f"{INLINE_DIR}/fontawesome-svg.css"
_FA_STRING = re.compile(r"""(['"])(:(?:host|root)\s*,\s*:(?:root|host)\s*\{\s*--fa-font-solid(?:(?!\1)[^\\]|\\.)*)\1""",
                        re.S)


def _js_unescape(text: str) -> str:
    def repl(m: re.Match) -> str:
        esc = m.group(1)
        if esc[0] == "u":
            return chr(int(esc[1:], 16))
        if esc[0] == "x":
            return chr(int(esc[1:], 16))
        return {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(esc, esc)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", repl, text, flags=re.S)


def fontawesome_css(script: str) -> str | None:
    """The stylesheet FontAwesome's SVG script would inject, read from the script (None if not found)."""
    m = _FA_STRING.search(script)
    return _js_unescape(m.group(2)) if m else None


def _fontawesome_without_inline_style(text: str, page: Path, site: Path) -> tuple[str, bool]:
    tag = re.search(r"<script(?P<attrs>[^>]*\ssrc=\"[^\"]*scripts/fontawesome\.js[^\"]*\"[^>]*)>", text)
    if not tag or "data-auto-add-css" in tag.group("attrs"):
        return text, False
    text = text[: tag.start()] + f'<script data-auto-add-css="false"{tag.group("attrs")}>' + text[tag.end():]
    link = f'<link rel="stylesheet" type="text/css" href="{_rel(page, site, _FA_CSS)}" />\n'
    first = re.search(r"<link[^>]*rel=\"stylesheet\"|<link[^>]*stylesheet", text)
    at = first.start() if first else text.find("</head>")
    return text[:at] + link + text[at:], True


_STYLE_ELEMENT = re.compile(r"<style(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</style>", re.S | re.I)


def _externalise_style_elements(text: str, page: Path, site: Path, written: dict[str, bytes]) -> tuple[str, int]:
    """Move <style> elements (the theme's <noscript> rule, pandas' table styles) into content-addressed files."""
    moved = 0

    def repl(m: re.Match) -> str:
        nonlocal moved
        body = m.group("body")
        if not body.strip():
            return ""
        data = body.encode("utf-8")
        name = f"{INLINE_DIR}/{hashlib.sha256(data).hexdigest()[:20]}.css"
        written[name] = data
        moved += 1
        media = _attr(m.group("attrs") or "", "media")
        media_attr = f' media="{html.escape(media, quote=True)}"' if media else ""
        return f'<link rel="stylesheet" type="text/css" href="{_rel(page, site, name)}"{media_attr} />'

    return _STYLE_ELEMENT.sub(repl, text), moved


def _add_csp_meta(text: str) -> str:
    """A CSP meta tag as the first element of the head, before any script or style can load."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}" />'
    m = re.search(r"<head[^>]*>", text, re.I)
    if not m or "Content-Security-Policy" in text[: m.end() + 2000]:
        return text
    return text[: m.end()] + "\n  " + meta + text[m.end():]


def _add_noindex(text: str) -> str:
    meta = '<meta name="robots" content="noindex, nofollow" />'
    if 'name="robots"' in text:
        return text
    m = re.search(r"<head[^>]*>", text, re.I)
    if m:
        return text[: m.end()] + "\n  " + meta + text[m.end():]
    return meta + "\n" + text


# ------------------------------------------------------------------------------------------ new files
def _page_404(base_url: str, title: str, noindex: bool) -> str:
    base = html.escape(base_url, quote=True)
    robots = '\n  <meta name="robots" content="noindex, nofollow" />' if noindex else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />{robots}
  <!-- The server returns this page for a missing address at any depth: links resolve against the base. -->
  <base href="{base}" />
  <title>Page not found &#8212; {html.escape(title)}</title>
  <link rel="stylesheet" type="text/css" href="{INLINE_DIR}/page404.css" />
</head>
<body>
  <main class="ek-404">
    <p class="ek-404-code">404</p>
    <h1>This page is not here</h1>
    <p>The address may be mistyped, or the page may have moved when the course was updated.</p>
    <ul>
      <li><a href="{TRACK_PICKER}">Pick your track</a>: the course's front page, which routes each role to its track.</li>
      <li><a href="search.html">Search the course</a></li>
      <li><a href="book/reference/index.html">The reference shelf</a>: resolutions, glossary, indicators, cases.</li>
    </ul>
  </main>
</body>
</html>
"""


PAGE_404_CSS = """\
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: #1f2328; background: #fff; line-height: 1.5; }
.ek-404 { max-width: 40rem; margin: 10vh auto; padding: 0 1.5rem; }
.ek-404-code { font-size: 3rem; font-weight: 700; color: #6b7280; margin: 0; }
h1 { font-size: 1.75rem; margin: .25rem 0 1rem; }
a { color: #0a58ca; }
a:focus { outline: 3px solid #0a58ca; outline-offset: 2px; }
li { margin: .4rem 0; }
"""


def _robots(noindex: bool, base_url: str) -> str:
    if noindex:
        return ("# Intranet copy: published with --noindex. Search engines are asked not to crawl or index it;\n"
                "# every page also carries <meta name=\"robots\" content=\"noindex, nofollow\">.\n"
                "User-agent: *\nDisallow: /\n")
    return (f"# Public copy of the learner edition (base URL {base_url}).\n"
            "# robots.txt is only read at the root of a host: if this folder is served under a sub-path,\n"
            "# copy these lines into the host's own /robots.txt.\n"
            "User-agent: *\nAllow: /\n")


# ------------------------------------------------------------------------------------------ publish
def _copy_tree(src: Path, dst: Path) -> None:
    def ignore(folder, names):
        return [n for n in names if n in SKIP_NAMES or n.endswith(".map")]

    shutil.copytree(src, dst, ignore=ignore)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _listing(site: Path) -> list[Path]:
    skip = {MANIFEST_JSON, MANIFEST_SHA}
    return sorted((p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in skip),
                  key=lambda p: p.relative_to(site).as_posix())


def _write_manifest(site: Path, base_url: str, noindex: bool, csp_meta: bool) -> tuple[int, int]:
    entries = []
    for path in _listing(site):
        entries.append({"path": path.relative_to(site).as_posix(), "bytes": path.stat().st_size,
                        "sha256": _sha256(path)})
    (site / MANIFEST_SHA).write_text("".join(f"{e['sha256']}  {e['path']}\n" for e in entries), encoding="utf-8")
    total = sum(e["bytes"] for e in entries)
    data = {"edition": "learner", "base_url": base_url, "noindex": noindex, "csp_meta": csp_meta, "entry": "index.html",
            "not_found": "404.html", "files": len(entries), "bytes": total, "hash": "sha256",
            "entries": entries}
    (site / MANIFEST_JSON).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return len(entries), total


def _write_zip(site: Path, archive: Path) -> int:
    tmp = archive.with_name(archive.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{site.name}/{path.relative_to(site).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(archive)
    return archive.stat().st_size


def _prepare_out(out: Path) -> None:
    """OUT may be new, empty, or a previous publication (replaced); anything else is refused."""
    if out.exists() and not out.is_dir():
        raise PublishError(f"--out {out} is a file; give a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MANIFEST_JSON).exists():
            raise PublishError(f"--out {out} is a folder with other files in it; give a new or empty folder "
                               "(a folder written by an earlier `embargo-kit publish` is replaced)")
        shutil.rmtree(out)


def learner_source(root: Path | None = None, *, build_if_missing: bool = True) -> Path:
    """The built learner edition's HTML folder, built first if it is missing."""
    from embargo_kit import book

    root = root or book.project_root()
    html_dir = book.html_dir("learner", root)
    if not (html_dir / "index.html").exists():
        if not build_if_missing:
            raise PublishError(f"no built learner edition in {html_dir}: run `make build` first")
        code, _ = book.build("learner", root)
        if code != 0 or not (html_dir / "index.html").exists():
            raise PublishError("the learner edition did not build (warnings are errors); run `make build` to see why")
    return html_dir


def publish(out: Path, *, base_url: str = "/", noindex: bool = False, archive: bool = False, csp_meta: bool = False,
            source: Path | None = None, repo_root: Path | None = None,
            title: str = "Enforcing the UN arms embargo on the DPRK") -> PublishReport:
    """Write the publishable learner edition to ``out``; see the module docstring."""
    base_url = normalise_base_url(base_url)
    out = Path(out).resolve()
    if source is None:
        from embargo_kit import book

        repo_root = repo_root or book.project_root()
        source = learner_source(repo_root)
    source = Path(source).resolve()
    if out == source or source in out.parents or out in source.parents:
        raise PublishError(f"--out {out} overlaps the build folder {source}; publish to a separate folder")

    problems = verify_learner_site(source, repo_root)
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise PublishError("refusing to publish: this is not a clean learner edition\n  " + shown +
                           "\nRebuild it with `python -m embargo_kit.book build --edition learner --fresh`.")

    _prepare_out(out)
    staging = out.with_name(out.name + ".publishing")
    if staging.exists():
        shutil.rmtree(staging)
    staging.parent.mkdir(parents=True, exist_ok=True)
    report = PublishReport(out=out, base_url=base_url, noindex=noindex, csp_meta=csp_meta)
    try:
        _copy_tree(source, staging)
        scripts: dict[str, bytes] = {}
        rules: dict[str, str] = {}
        fa_script = staging / _FA_SCRIPT
        fa_css = fontawesome_css(fa_script.read_text(encoding="utf-8")) if fa_script.exists() else None
        if fa_script.exists() and fa_css is None:
            report.warnings.append(f"{_FA_SCRIPT}: its stylesheet was not found; FontAwesome will inject it inline "
                                   "and the Content Security Policy will block it (icons lose their sizing)")
        for page in sorted(staging.rglob("*.html")):
            if "_static" in page.relative_to(staging).parts:
                continue  # theme templates (webpack-macros.html ...) are not pages
            text = page.read_text(encoding="utf-8")
            text, n_scripts = _externalise_scripts(text, page, staging, scripts)
            text, n_styles = _externalise_styles(text, page, staging, rules)
            if fa_css is not None:  # before <style> elements become links: it goes before the first stylesheet
                text, _ = _fontawesome_without_inline_style(text, page, staging)
            text, n_elements = _externalise_style_elements(text, page, staging, scripts)
            if noindex:
                text = _add_noindex(text)
            if csp_meta:
                text = _add_csp_meta(text)
            if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
                report.warnings.append(f"{page.relative_to(staging).as_posix()}: inline event handler "
                                       "(blocked by the Content Security Policy)")
            page.write_text(text, encoding="utf-8")
            report.pages += 1
            report.scripts_moved += n_scripts
            report.styles_moved += n_styles + n_elements
        inline = staging / INLINE_DIR
        inline.mkdir(parents=True, exist_ok=True)
        for name, data in scripts.items():
            (staging / name).write_bytes(data)
        if rules:
            (inline / "styles.css").write_text(
                "".join(f".{cls} {{ {decls} }}\n" for cls, decls in sorted(rules.items())), encoding="utf-8")
        (inline / "page404.css").write_text(PAGE_404_CSS, encoding="utf-8")
        if fa_css is not None:
            (staging / _FA_CSS).write_text(fa_css, encoding="utf-8")
        page_404 = _page_404(_url_path(base_url), title, noindex)
        (staging / "404.html").write_text(_add_csp_meta(page_404) if csp_meta else page_404, encoding="utf-8")
        (staging / "robots.txt").write_text(_robots(noindex, base_url), encoding="utf-8")
        # GitHub Pages, when fed from a branch, runs Jekyll, which drops folders starting with "_" (_static).
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        again = verify_learner_site(staging, None)
        if again:
            raise PublishError("refusing to publish: " + "; ".join(again[:5]))
        report.files, report.bytes = _write_manifest(staging, base_url, noindex, csp_meta)
        staging.replace(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if archive:
        report.archive = out.with_name(out.name + ".zip")
        report.archive_bytes = _write_zip(out, report.archive)
    return report


def check_manifest(site: Path) -> list[str]:
    """Files that differ from, are missing from, or are not in the folder's manifest (empty: all match)."""
    data = json.loads((site / MANIFEST_JSON).read_text(encoding="utf-8"))
    listed = {e["path"]: e for e in data["entries"]}
    present = {p.relative_to(site).as_posix(): p for p in _listing(site)}
    problems = [f"missing: {p}" for p in sorted(set(listed) - set(present))]
    problems += [f"not in the manifest: {p}" for p in sorted(set(present) - set(listed))]
    for rel in sorted(set(listed) & set(present)):
        if _sha256(present[rel]) != listed[rel]["sha256"]:
            problems.append(f"changed: {rel}")
    return problems


# ------------------------------------------------------------------------------------------ nginx
def nginx_snippet_path(root: Path | None = None) -> Path:
    from embargo_kit import book

    return (root or book.project_root()) / "deploy" / "nginx" / "embargo-kit.conf"


def render_nginx_snippet(template: str, base_url: str, site_root: Path | str) -> str:
    """The shipped nginx snippet with its placeholder sub-path and folder replaced."""
    path = _url_path(normalise_base_url(base_url))
    folder = str(site_root).rstrip("/") + "/"
    if path == "/":
        raise PublishError("the nginx snippet serves the course under a sub-path; for a whole host use "
                           "`root` as the handbook's recipe shows")
    text = template.replace(PLACEHOLDER_ROOT, folder)
    return re.sub(re.escape(PLACEHOLDER_BASE.rstrip("/")) + r"(/?)",
                  lambda m: path.rstrip("/") + m.group(1), text)
