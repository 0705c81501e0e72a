"""``embargo-kit lms scorm``: one SCORM 1.2 package per track, built from the learner edition's HTML.

One SCO per track, with bookmarks (explained in the handbook's "Put the course in Moodle"): the track's pages
link to each other, to their notebooks and back to the track page all the time, and an LMS cannot follow a
learner across SCOs from inside a page; one SCO keeps the site's own navigation and lets the LMS resume at the
page the learner left (``cmi.core.lesson_location``).

A package holds the track's pages (``book/<track>/`` and ``exercises/<track>/``), the files they use and
nothing else: a link to a page of another track points to the published site when ``site_url`` is given,
else it becomes plain text (and leaves the sidebar); search is hidden (its index and results cover the whole
course). The package's
``index.html`` is the launch page; it and every page load ``_static/scorm.js`` (the adapter) and
``_static/embargo-kit-scorm-course.js`` (the track's lessons and quiz items, from the track page's progress
catalogue). The published site never loads either file.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ADAPTER = Path(__file__).resolve().parents[1] / "sphinx" / "static" / "scorm.js"
COURSE_JS = "_static/embargo-kit-scorm-course.js"
LAUNCH = "index.html"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed, so the same site gives the same package

_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
_A = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_LINK = re.compile(r'<link\b[^>]*?\bhref="([^"]*)"[^>]*/?>\n?')
_CSS_URL = re.compile(r'url\(\s*[\'"]?([^\'")]+)[\'"]?\s*\)|@import\s+[\'"]([^\'"]+)[\'"]')
_CATALOGUE = re.compile(r'<script type="application/json" class="ek-progress-catalogue">(.*?)</script>', re.S)
# Search covers the whole course, so it is hidden in a package; so are the sidebar's entries for the pages of
# other tracks once they are plain text (the body keeps them as text: a learner still sees what they refer to).
PACKAGE_CSS = ('<style>/* embargo-kit SCORM package */'
               '.search-button, .search-button-field, .bd-search, form[action$="search.html"]'
               '{display:none !important}'
               '.bd-docs-nav li:has(> .ek-scorm-offsite){display:none}</style>')
# A sidebar section (caption and list) of the theme whose pages are all outside the package, once rewritten.
_NAV_SECTION = re.compile(r'<p aria-level="2" class="caption" role="heading">(?:(?!</p>).)*</p>\s*<ul class="[^"]*bd-sidenav[^"]*">'
                          r'(?:(?!<p aria-level="2" class="caption").)*?</ul>\s*(?=<p aria-level="2" class="caption"|</div>)',
                          re.S)


class ScormError(Exception):
    """The package cannot be built; the message says why and what to do."""


@dataclass
class Package:
    track: str
    path: Path
    pages: list[str]
    files: list[str] = field(default_factory=list)
    offsite_links: int = 0

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def track_pages(html_root: Path, track: str) -> list[str]:
    """The track's HTML pages, as paths inside the site (and the package)."""
    pages = []
    for folder in (f"book/{track}", f"exercises/{track}"):
        base = html_root / folder
        if base.is_dir():
            pages.extend(p.relative_to(html_root).as_posix() for p in sorted(base.rglob("*.html")))
    return pages


def catalogue(html_root: Path, track: str) -> dict:
    """The track's lessons and quiz items, from the progress catalogue of its track page (progress.py)."""
    index = html_root / "book" / track / "index.html"
    if not index.is_file():
        raise ScormError(f"the learner edition has no page book/{track}/index.html: build it first "
                         "(python -m embargo_kit.book build --edition learner)")
    found = _CATALOGUE.search(index.read_text(encoding="utf-8"))
    try:
        tracks = json.loads(found.group(1))["tracks"] if found else []
    except (ValueError, KeyError):
        tracks = []
    if not tracks:
        raise ScormError(f"book/{track}/index.html has no progress catalogue (the track-progress widget); "
                         "the package could not report lessons and quiz scores")
    return tracks[0]


def _target(page: str, url: str) -> tuple[str, str] | None:
    """(path inside the site, #fragment) of a relative URL on ``page``; None for absolute or in-page URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if path.endswith("/") or url.endswith("/"):
        path = posixpath.join(path, "index.html")
    return path, (f"#{parts.fragment}" if parts.fragment else "")


def _relative(page: str, path: str) -> str:
    return quote(posixpath.relpath(path, posixpath.dirname(page) or "."))


def rewrite_page(page: str, text: str, pages: set[str], html_root: Path, site_url: str | None) -> tuple[str, set[str], int]:
    """The page as the package holds it, the site files it uses, and how many links left the package."""
    assets: set[str] = set()
    offsite = 0

    def is_page(path: str) -> bool:
        return path.endswith(".html")

    def anchor(match: re.Match) -> str:
        nonlocal offsite
        before, url, after, inner = match.groups()
        target = _target(page, html.unescape(url))
        if target is None or not is_page(target[0]) or target[0] in pages:
            return match.group(0)
        offsite += 1
        if site_url:
            href = html.escape(site_url.rstrip("/") + "/" + quote(target[0]) + target[1], quote=True)
            return f'<a{before}href="{href}"{after} target="_blank" rel="noopener">{inner}</a>'
        return f'<span class="ek-scorm-offsite">{inner}</span>'

    def link(match: re.Match) -> str:
        target = _target(page, html.unescape(match.group(1)))
        if target is not None and is_page(target[0]) and target[0] not in pages:
            return ""  # prev/next/index/search relations to pages outside the package
        return match.group(0)

    text = _A.sub(anchor, text)
    text = _NAV_SECTION.sub(lambda m: "" if "<a " not in m.group(0) else m.group(0), text)
    text = _LINK.sub(link, text)
    for _, url in _ATTR.findall(text):
        target = _target(page, html.unescape(url))
        if target is None or is_page(target[0]):
            continue
        if not target[0].startswith("..") and (html_root / target[0]).is_file():
            assets.add(target[0])
    up = posixpath.relpath(".", posixpath.dirname(page) or ".")
    scripts = (f'<script defer src="{up}/{COURSE_JS}"></script>\n'
               f'<script defer src="{up}/_static/scorm.js"></script>\n{PACKAGE_CSS}\n')
    text = text.replace("</head>", scripts + "</head>", 1)
    return text, assets, offsite


def css_assets(html_root: Path, css: str) -> set[str]:
    """Files a stylesheet loads (fonts, images, imports), followed through imported stylesheets."""
    found: set[str] = set()
    todo = [css]
    while todo:
        current = todo.pop()
        for match in _CSS_URL.finditer((html_root / current).read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            target = _target(current, url)
            if target is None or target[0].startswith("..") or target[0] in found:
                continue
            if (html_root / target[0]).is_file():
                found.add(target[0])
                if target[0].endswith(".css"):
                    todo.append(target[0])
    return found


def launch_page(title: str, course: dict) -> str:
    """The package's index.html: holds the SCORM session and shows the track's pages in a frame."""
    start = html.escape(course["launch"], quote=True)
    return f"""<!DOCTYPE html>
<html lang="en" data-ek-scorm="launch">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{html.escape(title)}</title>
<style>html, body {{ margin: 0; height: 100%; }} iframe {{ border: 0; width: 100%; height: 100%; display: block; }}</style>
<script src="{COURSE_JS}"></script>
<script src="_static/scorm.js"></script>
</head>
<body>
<iframe id="ek-scorm-content" title="{html.escape(title, quote=True)}"></iframe>
<noscript><p><a href="{start}">Open the track</a> (JavaScript is off, so the LMS cannot record progress).</p></noscript>
</body>
</html>
"""


def manifest(track: str, title: str, files: list[str]) -> str:
    """imsmanifest.xml: SCORM 1.2 (IMS Content Packaging 1.1.2 with the ADL SCORM 1.2 extensions)."""
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    entries = "\n".join(f'      <file href="{esc(quote(f))}"/>' for f in files)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="embargo-kit-{track}" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-{track}">
    <organization identifier="org-{track}">
      <title>{esc(title)}</title>
      <item identifier="item-{track}" identifierref="res-{track}" isvisible="true">
        <title>{esc(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-{track}" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{entries}
    </resource>
  </resources>
</manifest>
"""


def build(track: str, html_root: Path, out: Path, *, site_url: str | None = None) -> Package:
    """Write ``out/embargo-kit-<track>-scorm12.zip`` from the learner edition at ``html_root``."""
    from embargo_kit.workshop.lessons import TRACK_NAMES

    html_root = Path(html_root)
    track_info = catalogue(html_root, track)
    pages = track_pages(html_root, track)
    page_set = set(pages)
    title = f"{TRACK_NAMES.get(track, track)}: DPRK arms embargo enforcement"
    launch = f"book/{track}/index.html"
    lessons = [{"id": lesson["id"], "quiz": list(lesson.get("quiz") or [])} for lesson in track_info["lessons"]]
    course = {"track": track, "title": title, "launch": launch, "pages": pages, "lessons": lessons}

    contents: dict[str, bytes] = {}
    assets: set[str] = set()
    offsite = 0
    for page in pages:
        text, used, n = rewrite_page(page, (html_root / page).read_text(encoding="utf-8"), page_set, html_root,
                                     site_url)
        contents[page] = text.encode("utf-8")
        assets |= used
        offsite += n
    for css in [a for a in assets if a.endswith(".css")]:
        assets |= css_assets(html_root, css)
    for asset in sorted(assets):
        contents[asset] = (html_root / asset).read_bytes()
    contents["_static/scorm.js"] = ADAPTER.read_bytes()
    contents[COURSE_JS] = ("/* The track this SCORM package holds (written by `embargo-kit lms scorm`). */\n"
                           "window.embargoKitScormCourse = "
                           + json.dumps(course, ensure_ascii=False, indent=1) + ";\n").encode("utf-8")
    contents[LAUNCH] = launch_page(title, course).encode("utf-8")
    files = sorted(contents)
    contents["imsmanifest.xml"] = manifest(track, title, files).encode("utf-8")

    out.mkdir(parents=True, exist_ok=True)
    path = out / f"embargo-kit-{track}-scorm12.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["imsmanifest.xml", *files]:  # the manifest first, as LMS importers expect
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, contents[name])
    return Package(track, path, pages, files, offsite)
