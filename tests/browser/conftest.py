"""Browser fixtures: Debian's Chromium driven by Playwright, each edition served on 127.0.0.1.

The editions come from the session fixtures `learner_html` / `instructor_html` of tests/conftest.py (built
once per session). To run these tests against an edition you already built (no rebuild), point
EMBARGO_KIT_LEARNER_HTML / EMBARGO_KIT_INSTRUCTOR_HTML at its html folder.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import sitekit  # tests/browser/sitekit.py (pytest puts this folder on sys.path)

from tests.conftest import require_tool

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@dataclass
class Site:
    base: str
    html: Path


def _need_playwright():
    try:
        from playwright import sync_api
    except ImportError:
        message = "needs the python package playwright: pip install -e '.[test]' (never `playwright install`)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but " + message)
        pytest.skip(message)
    return sync_api


def pytest_report_header(config):
    version = sitekit.axe_version()
    return f"axe-core: {version} (node_modules/axe-core, npm)" if version else f"axe-core: not installed ({sitekit.AXE_NEEDED})"


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: Playwright's sync API allows one running instance per thread, and other
    # test folders (tests/workshop, tests/publish) start their own.
    chromium = require_tool("chromium", "chromium")
    sync_api = _need_playwright()
    with sync_api.sync_playwright() as p:
        b = sitekit.launch(p, chromium)
        try:
            yield b
        finally:
            b.close()


def _site(request, edition: str):
    given = os.environ.get(f"EMBARGO_KIT_{edition.upper()}_HTML")
    html = Path(given) if given else request.getfixturevalue(f"{edition}_html")
    if not (html / "book" / "index.html").exists():
        pytest.fail(f"no built {edition} edition in {html}")
    return html


@pytest.fixture(scope="session")
def learner_site(request):
    html = _site(request, "learner")
    with sitekit.serve(html) as base:
        yield Site(base, html)


@pytest.fixture(scope="session")
def instructor_site(request):
    html = _site(request, "instructor")
    with sitekit.serve(html) as base:
        yield Site(base, html)


@pytest.fixture
def open_tab(browser):
    """open_tab(site, viewport=None) -> sitekit.Tab in a fresh context; no request may leave the local server."""
    tabs: list[sitekit.Tab] = []

    def _open(site: Site, viewport: dict | None = None, **options) -> sitekit.Tab:
        tab = sitekit.open_tab(browser, site.base, viewport, **options)
        tabs.append(tab)
        return tab

    yield _open
    foreign = [url for tab in tabs for url in tab.foreign]
    for tab in tabs:
        tab.context.close()
    if foreign:
        pytest.fail("the site asked for something outside the local server: " + ", ".join(sorted(set(foreign))[:10]))


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
