"""What a reader of each edition would notice: trainer notes, answers, offline assets, working links."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.book


class _Assets(HTMLParser):
    """Collect every URL a page would fetch (scripts, styles, fonts, images, frames) and every link."""

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(r in rel for r in ("stylesheet", "icon", "preload", "modulepreload", "manifest")):
                self.fetched.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "object" and a.get("data"):
            self.fetched.append(a["data"])


def _parse(page: Path) -> _Assets:
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//")) or url.startswith("ftp:")


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_no_page_fetches_anything_from_the_network(edition, request):
    html = request.getfixturevalue(f"{edition}_html")
    remote = []
    for page in pages(html):
        for url in _parse(page).fetched:
            if _is_remote(url):
                remote.append(f"{page.relative_to(html)} -> {url}")
    for css in html.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text(errors="replace")):
            remote.append(f"{css.relative_to(html)} -> {url}")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^)'\";]+)", css.read_text(errors="replace")):
            remote.append(f"{css.relative_to(html)} -> {url}")
    assert not remote, "pages load remote assets (the site must work offline):\n" + "\n".join(remote[:30])


@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_every_internal_link_and_asset_resolves_from_file_urls(edition, request):
    """The site opens from file://: every relative link and asset must point at a file that exists."""
    html = request.getfixturevalue(f"{edition}_html")
    broken = []
    for page in pages(html):
        parsed = _parse(page)
        for url in parsed.fetched + parsed.links:
            if _is_remote(url) or url.startswith(("#", "mailto:", "data:", "javascript:")):
                continue
            if url.startswith("/"):
                broken.append(f"{page.relative_to(html)} -> {url} (absolute path breaks file://)")
                continue
            target = (page.parent / unquote(urlparse(url).path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html)} -> {url}")
    assert not broken, "broken links or assets:\n" + "\n".join(sorted(set(broken))[:40])


def test_trainer_notes_only_in_the_instructor_edition(learner_html, instructor_html):
    lesson = "book/awareness/awareness-01-why-the-embargo.html"
    assert "trainer-note" in (instructor_html / lesson).read_text(encoding="utf-8")
    assert "instructor edition" in (instructor_html / lesson).read_text(encoding="utf-8").lower()
    for page in pages(learner_html):
        assert 'class="admonition trainer-note' not in page.read_text(encoding="utf-8"), page
    search = (learner_html / "searchindex.js").read_text(encoding="utf-8")
    assert "Trainer note" not in search


def test_learner_edition_ships_no_sources_and_only_learner_notebooks(learner_html, root):
    assert not (learner_html / "_sources").exists(), "_sources/ would ship the full sources, solutions included"
    downloads = list((learner_html / "_downloads").rglob("*.ipynb"))
    assert downloads, "exercise pages must offer their notebook for download"
    for nb in downloads:
        learner = next((root / "exercises").glob(f"*/{nb.name}"))
        assert nb.read_bytes() == learner.read_bytes(), f"{nb.name}: the download is not the learner notebook"


def test_instructor_edition_shows_executed_solutions(instructor_html, learner_html):
    page = "exercises/awareness/awareness-02-regime-as-data.html"
    instructor = (instructor_html / page).read_text(encoding="utf-8")
    learner = (learner_html / page).read_text(encoding="utf-8")
    passed = re.findall(r"awareness-02 q\d · PASS ·", instructor)
    assert len(passed) >= 5, "solutions should run and PASS every check in the instructor edition"
    assert not re.search(r"awareness-02 q\d · (NOT YET|CAN.T CHECK)", instructor)
    assert not re.search(r"awareness-02 q\d · PASS", learner), "the learner edition must not show solved checks"


def test_citations_render_as_links_to_the_registry(learner_html):
    page = (learner_html / "book/awareness/awareness-01-why-the-embargo.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="reference internal" href="([^"]*resolutions\.html#res-[^"]+)"', page)
    assert links, "citations should link to the resolutions page"
    assert "S/RES/1718 (2006)" in page
    registry = (learner_html / "book/reference/resolutions.html").read_text(encoding="utf-8")
    for link in links:
        anchor = link.split("#", 1)[1]
        assert f'id="{anchor}"' in registry, f"citation anchor {anchor} missing on the resolutions page"


def test_objectives_and_key_points_are_gathered_in_fixed_boxes(learner_html):
    page = (learner_html / "book/awareness/awareness-01-why-the-embargo.html").read_text(encoding="utf-8")
    assert 'class="admonition objectives' in page and 'id="awareness-01-o1"' in page
    assert 'class="admonition key-points' in page
    assert "checked as of 2026-" in page
