"""What a trainer or maintainer opening the handbook would notice: it builds with --strict, it has the four
sections, no page fetches anything from the network, links resolve from file://, and search works offline."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from handbook_build import DOCS, HANDBOOK, mkdocs_build, require_tool

SECTIONS = ("Tutorials", "How-to", "Reference", "Explanation")


class _Urls(HTMLParser):
    """Every URL a page would fetch by itself (scripts, styles, fonts, images, frames, media) and every link."""

    FETCHING_RELS = ("stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                     "manifest")

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []
        self._style = False
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for key in ("src", "srcset", "poster"):
            if a.get(key) and tag in ("script", "img", "iframe", "frame", "source", "audio", "video", "embed",
                                      "track", "input"):
                self.fetched += [part.strip().split(" ")[0] for part in a[key].split(",")] if key == "srcset" \
                    else [a[key]]
        if tag == "object" and a.get("data"):
            self.fetched.append(a["data"])
        if tag == "link" and a.get("href"):
            if any(r in a.get("rel", "").lower().split() for r in self.FETCHING_RELS):
                self.fetched.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if a.get("style"):
            self.styles.append(a["style"])
        self._style = tag == "style"

    def handle_data(self, data):
        if self._style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._style = False


def _parse(page: Path) -> _Urls:
    parser = _Urls()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _remote(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.I)) and not url.startswith("file:")


_CSS_URL = re.compile(r"""url\(\s*['"]?([^)'"]+)|@import\s+['"]([^'"]+)""")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_nav_has_the_four_sections_and_every_page(handbook_site):
    config = yaml.load((HANDBOOK / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    titles = [next(iter(entry)) for entry in config["nav"] if isinstance(entry, dict)]
    for section in SECTIONS:
        assert section in titles, f"mkdocs.yml nav has no {section} section"
    assert config["strict"] == "true", "mkdocs.yml must keep strict: true"
    assert config["use_directory_urls"] == "false", "use_directory_urls must stay false (file:// needs page.html)"
    assert "site_url" not in config, "site_url must stay unset so that every link is relative"
    for md in DOCS.rglob("*.md"):
        html = handbook_site / md.relative_to(DOCS).with_suffix(".html")
        assert html.is_file(), f"{md.relative_to(DOCS)} was not built"


def test_no_page_fetches_anything_from_the_network(handbook_site):
    remote = []
    for page in pages(handbook_site):
        parsed = _parse(page)
        urls = parsed.fetched + [u for s in parsed.styles for m in _CSS_URL.findall(s) for u in m if u]
        remote += [f"{page.relative_to(handbook_site)} -> {u}" for u in urls if _remote(u)]
    for css in handbook_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        remote += [f"{css.relative_to(handbook_site)} -> {u}" for m in _CSS_URL.findall(text) for u in m
                   if u and _remote(u)]
    assert not remote, "the handbook loads remote assets (it must work offline):\n" + "\n".join(remote[:30])
    index = (handbook_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in index and "unpkg.com" not in index, \
        "web fonts or the unpkg iframe-worker are referenced: keep theme.font: false and the local shim"


def test_every_internal_link_and_asset_resolves_from_file_urls(handbook_site):
    broken = []
    for page in pages(handbook_site):
        if page.name == "404.html":
            continue  # served by a web server for any missing path, so its links are absolute by design
        parsed = _parse(page)
        for url in parsed.fetched + parsed.links:
            if _remote(url) or url.startswith(("#", "mailto:", "data:", "javascript:", "blob:")):
                continue
            if url.startswith("/"):
                broken.append(f"{page.relative_to(handbook_site)} -> {url} (an absolute path breaks file://)")
                continue
            path = unquote(urlparse(url).path)
            target = (page.parent / path).resolve()
            if path and not target.exists():
                broken.append(f"{page.relative_to(handbook_site)} -> {url}")
            if path.endswith("/"):
                broken.append(f"{page.relative_to(handbook_site)} -> {url} (a folder link needs a server)")
    assert not broken, "links that do not open from file://:\n" + "\n".join(sorted(set(broken))[:30])


def test_search_index_is_inlined_for_file_urls(handbook_site):
    script = handbook_site / "search" / "search_index.js"
    assert script.is_file(), "no search/search_index.js: the offline plugin is missing from mkdocs.yml"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("var __index = ")
    index = json.loads(text[len("var __index = "):])
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "how-to/grade-a-folder.html" in locations and "reference/cli.html" in locations


def test_a_broken_link_fails_the_build(tmp_path):
    """The link check is --strict itself: prove that a broken link or anchor stops the build."""
    pytest.importorskip("mkdocs")
    copy = tmp_path / "handbook"
    shutil.copytree(HANDBOOK, copy, ignore=shutil.ignore_patterns("__pycache__"))
    page = copy / "docs" / "how-to" / "grade-a-folder.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the missing page](no-such-page.md).\n",
                    encoding="utf-8")
    proc = mkdocs_build(copy / "mkdocs.yml", tmp_path / "site")
    assert proc.returncode != 0 and "no-such-page.md" in proc.stdout + proc.stderr
    page.write_text(page.read_text(encoding="utf-8").replace("no-such-page.md", "../reference/cli.md#no-such-anchor"),
                    encoding="utf-8")
    proc = mkdocs_build(copy / "mkdocs.yml", tmp_path / "site2")
    assert proc.returncode != 0 and "no-such-anchor" in proc.stdout + proc.stderr


@pytest.mark.browser
def test_search_works_offline_from_file_urls(handbook_site):
    """Open the handbook from disk in Chromium, search, and get results, with no request off the machine."""
    chromium = require_tool("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs python playwright: pip install -e '.[test]'")
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((handbook_site / "index.html").as_uri(), wait_until="load")
            page.locator("input.md-search__input").first.click(force=True)
            page.keyboard.type("gradebook", delay=20)  # the theme searches on key events, not on fill()
            page.wait_for_selector(".md-search-result__item", timeout=20000)
            titles = page.locator(".md-search-result__item").all_inner_texts()
        finally:
            browser.close()
    assert any("Grade a folder" in t for t in titles), f"search for 'gradebook' found: {titles[:5]}"
    remote = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert not remote, f"the handbook fetched from the network: {remote[:10]}"
    assert not errors, f"JavaScript errors: {errors[:5]}"


# one page of each kind: home, tutorial, how-to, reference (the generated one, with its wide tables), explanation
AXE_SAMPLE = ("index.html", "tutorials/first-workshop.html", "how-to/grade-a-folder.html", "reference/cli.html",
              "explanation/grading-isolation.html")


@pytest.mark.browser
@pytest.mark.slow
def test_a_sample_of_each_page_type_has_no_accessibility_violations(handbook_site):
    """The current axe-core from npm (WCAG 2 A and AA rules) on one page of each kind, desktop and phone,
    opened from disk in Chromium (the search dialog's name, code colours and wide tables are checked here)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
    import sitekit  # tests/browser/sitekit.py: Debian's Chromium, axe-core from node_modules

    chromium = require_tool("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs python playwright: pip install -e '.[test]'")
    found = []
    version = ""
    with sync_api.sync_playwright() as p:
        browser = sitekit.launch(p, chromium)
        try:
            for viewport in (sitekit.DESKTOP, sitekit.PHONE):
                page = browser.new_page(viewport=viewport)
                for name in AXE_SAMPLE:
                    page.goto((handbook_site / name).as_uri(), wait_until="load")
                    page.wait_for_timeout(200)  # Material wraps wide tables after load
                    result = sitekit.axe_run(page, {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
                    version = result["version"]
                    for v in result["violations"]:
                        found.append(f"{viewport['width']} px {name}: {v['id']} ({v['impact']}, {v['count']}x, "
                                     f"e.g. {v['targets'][0]}): {v['help']}")
                page.close()
        finally:
            browser.close()
    assert not found, f"axe-core {version} (npm) accessibility violations:\n" + "\n".join(found)
