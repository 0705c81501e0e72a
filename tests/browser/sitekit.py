"""What the browser tests and the benchmark share: serve a built edition on 127.0.0.1, drive Debian's
Chromium through Playwright with every request routed (anything not for the local server is refused and
recorded), find the pages of a build, and run the current axe-core from npm (node_modules/axe-core, pinned in
package.json; injected into the page from disk: it fetches nothing). The older copy bundled in
axe-playwright-python is not used: it misses rules the current release has (label-content-name-mismatch).
"""
from __future__ import annotations

import functools
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer

from embargo_kit.serve import CompressingHandler
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
TRACKS = ("awareness", "port", "customs", "finance", "capstone", "national")
ROLE_TRACKS = ("awareness", "port", "customs", "finance")
LESSON = re.compile(r"^(?P<track>[a-z]+)-\d{2}[a-z]?-.+\.html$")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BAD_IMPACTS = ("serious", "critical")


class _QuietHandler(CompressingHandler):  # compresses text like a real web server
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the stdlib
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 and a free port in a thread; yield its base URL ("http://127.0.0.1:N/")."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright: Any, executable: str = CHROMIUM) -> Any:
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


@dataclass
class Tab:
    """One page in its own browser context (fresh storage), every request routed through ``_route``."""

    base: str
    context: Any
    page: Any
    foreign: list[str] = field(default_factory=list)     # requests refused: not for the local server
    local: list[str] = field(default_factory=list)       # requests served by the local server
    errors: list[str] = field(default_factory=list)      # console errors and uncaught exceptions

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def goto(self, path: str) -> Any:
        """Open ``path`` of the site; errors and requests are recorded from here on."""
        self.errors.clear()
        return self.page.goto(self.url(path), wait_until="load")


def open_tab(browser: Any, base: str, viewport: dict | None = None, **options: Any) -> Tab:
    context = browser.new_context(viewport=viewport or DESKTOP, **options)
    context.set_default_timeout(15000)  # a missing control fails in seconds, not after Playwright's 30 s
    page = context.new_page()
    tab = Tab(base=base, context=context, page=page)
    origin = urlsplit(base).netloc

    def route(r: Any) -> None:
        url = r.request.url
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc == origin:
            tab.local.append(url)
            r.continue_()
        else:
            tab.foreign.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: tab.errors.append(f"console: {m.text} ({m.location.get('url', '')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.errors.append(f"uncaught: {e}"))
    return tab


def lessons_by_track(html: Path) -> dict[str, list[str]]:
    """Track -> its lesson pages (paths relative to the site, in file order), for tracks that have any."""
    out: dict[str, list[str]] = {}
    for track in TRACKS:
        folder = html / "book" / track
        pages = sorted(p.name for p in folder.glob(f"{track}-*.html") if LESSON.match(p.name)) if folder.is_dir() else []
        if pages:
            out[track] = [f"book/{track}/{name}" for name in pages]
    return out


def track_indexes(html: Path) -> dict[str, str]:
    return {t: f"book/{t}/index.html" for t in TRACKS if (html / "book" / t / "index.html").exists()}


def all_pages(html: Path) -> list[str]:
    """Every HTML page of a build (not the theme's assets, not the root redirect)."""
    pages = []
    for path in sorted(html.rglob("*.html")):
        rel = path.relative_to(html).as_posix()
        if rel.startswith(("_static/", "_sources/", "_downloads/")) or rel == "index.html":
            continue
        pages.append(rel)
    return pages


ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_NEEDED = "needs axe-core from npm (package.json): npm ci --ignore-scripts"


class AxeMissing(RuntimeError):
    """node_modules/axe-core is not installed."""


def _axe_missing() -> None:
    """Under pytest: skip loudly, or fail when CI=true (design.md, "System tools"); elsewhere raise."""
    import os
    import sys

    pytest = sys.modules.get("pytest")
    if pytest is None:
        raise AxeMissing(AXE_NEEDED)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but " + AXE_NEEDED)
    pytest.skip(AXE_NEEDED)


def axe_version() -> str:
    """The version of the axe-core from npm that the checks inject ('' when it is not installed)."""
    import json

    package = AXE_JS.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else ""


def axe_run(page: Any, options: dict | None = None) -> dict:
    """axe-core (npm) on the page as it is now: {"version", "violations": [{id, impact, help, count, targets}]}."""
    if not AXE_JS.exists():
        _axe_missing()
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate("""async (options) => {
      const r = await axe.run(document, Object.assign({resultTypes: ["violations"]}, options || {}));
      return {version: axe.version, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        count: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => JSON.stringify(n.target))}))};
    }""", options or {})


def axe_violations(page: Any, impacts: tuple[str, ...] = BAD_IMPACTS) -> list[str]:
    """axe-core (npm) on the page as it is now; one line per violation of the given impacts."""
    lines = []
    for v in axe_run(page)["violations"]:
        if v.get("impact") in impacts:
            lines.append(f"{v['id']} ({v['impact']}, {v['count']} elements: {', '.join(v['targets'])}): {v['help']}")
    return lines
