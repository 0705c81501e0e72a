"""A learner's visit through nginx under /training/dprk-embargo/, in Debian's Chromium: pages of every track, a
notebook download, a quiz answer that survives a reload; no request leaves the sub-path, text is compressed,
the Content Security Policy is never violated, a missing page gets the custom 404.
"""
from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.book, pytest.mark.browser]

PREFIX = "/training/dprk-embargo/"
TRACKS = ("awareness", "port", "customs", "finance")

# Reported through a binding so that violations are seen whatever Chromium prints to its console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.ekReportViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
});
"""


@dataclass
class Visit:
    requests: list = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)   # url, status, type, headers: read as they arrive
    violations: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _context(chromium, visit: Visit):
    """A fresh browser profile (cold cache, empty storage) that records what the pages do."""
    context = chromium.new_context(accept_downloads=True)
    context.expose_function("ekReportViolation", lambda text: visit.violations.append(text))
    context.add_init_script(CSP_LISTENER)
    context.on("request", lambda r: visit.requests.append(r))
    context.on("response", lambda r: visit.responses.append(
        {"url": r.url, "status": r.status, "type": r.request.resource_type, "headers": r.headers}))

    def on_page(page):
        page.on("console", lambda m: visit.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: visit.errors.append(str(e)))

    context.on("page", on_page)
    return context


def _track_pages(published: Path) -> dict[str, str]:
    """One lesson of each track (its first; the track's landing page while it has none yet)."""
    pages = {}
    for track in TRACKS:
        folder = published / "book" / track
        if not folder.is_dir():
            continue
        lessons = sorted(folder.glob(f"{track}-[0-9][0-9]-*.html"))
        pages[track] = (lessons[0] if lessons else folder / "index.html").relative_to(published).as_posix()
    return pages


def _assert_clean(visit: Visit, nginx, where: str) -> None:
    outside = [r.url for r in visit.requests
               if not r.url.startswith(nginx.base) and not r.url.startswith(("data:", "blob:", "about:"))]
    assert not outside, f"{where}: requests outside {PREFIX}: {outside[:10]}"
    assert not visit.violations, f"{where}: Content Security Policy violations: {visit.violations[:10]}"
    csp_console = [m for m in visit.console if "Content Security Policy" in m or "Refused to" in m]
    assert not csp_console, f"{where}: {csp_console[:5]}"
    failed = [f"{r['url']} -> {r['status']}" for r in visit.responses
              if r["status"] >= 400 and "a-lesson-that-moved" not in r["url"]]
    assert not failed, f"{where}: failed requests: {failed[:10]}"
    assert not visit.errors, f"{where}: JavaScript errors: {visit.errors[:5]}"


def test_learner_visits_every_track_under_the_sub_path(nginx, published, chromium):
    targets = {"landing": ""} | _track_pages(published) | {"search": "search.html?q=embargo",
                                                           "general index": "genindex.html"}
    assert {"awareness", "port", "customs", "finance"} <= set(targets), targets
    for name, path in targets.items():
        visit = Visit()
        context = _context(chromium, visit)
        try:
            page = context.new_page()
            response = page.goto(nginx.url(path), wait_until="networkidle")
            assert response is not None and response.ok, f"{name}: {response and response.status}"
            if name == "landing":
                page.wait_for_url("**/book/index.html")
                assert page.locator("#pick-your-track").count() == 1
            elif name == "search":  # the search index and its scripts work under the sub-path
                page.locator("ul.search li").first.wait_for(timeout=15000)
            else:
                assert page.locator("article h1").first.is_visible()
            # the theme's scripts ran (they were moved out of the page): the navigation works
            assert page.evaluate("typeof DOCUMENTATION_OPTIONS !== 'undefined' && !!DOCUMENTATION_OPTIONS.pagename")
            assert page.evaluate("document.documentElement.dataset.mode") == "light"
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
        _assert_clean(visit, nginx, name)
        for resp in visit.responses:
            if resp["type"] not in ("document", "stylesheet", "script") or resp["status"] != 200:
                continue
            if resp["headers"].get("content-encoding") != "gzip":
                size = int(resp["headers"].get("content-length", "0"))
                assert size < 512, f"{name}: {resp['url']} ({size} bytes) was sent uncompressed"


def test_notebook_download_and_quiz_progress_survive_a_reload(nginx, published, root, chromium):
    from embargo_kit.quizbank import load_bank

    visit = Visit()
    context = _context(chromium, visit)
    try:
        page = context.new_page()
        page.goto(nginx.url("exercises/awareness/awareness-02-regime-as-data.html"), wait_until="networkidle")
        link = page.locator('a.download[href$=".ipynb"]').first
        with page.expect_download() as info:
            link.click()
        download = info.value
        saved = Path(download.path())
        assert download.suggested_filename == "awareness-02-regime-as-data.ipynb"
        assert saved.read_bytes() == (root / "exercises/awareness/awareness-02-regime-as-data.ipynb").read_bytes()
        assert json.loads(saved.read_text(encoding="utf-8"))["cells"]

        item = next(i for i in load_bank() if i.lesson == "awareness-01" and i.type == "single" and "quiz" in i.use)
        right = item.correct_indices[0]
        page.goto(nginx.url("book/awareness/awareness-01-why-the-embargo.html"), wait_until="networkidle")
        box = page.locator(f'fieldset[data-item="{item.id}"]')
        box.locator(f'input[value="{right}"]').check()
        box.locator(".ek-quiz-check").click()
        assert box.locator(".ek-quiz-verdict").inner_text() == "Correct."
        page.reload(wait_until="networkidle")
        box = page.locator(f'fieldset[data-item="{item.id}"]')
        previous = box.locator(".ek-quiz-previous")
        previous.wait_for(state="visible", timeout=5000)
        assert previous.inner_text().startswith("You answered this correctly before")
        stored = page.evaluate(f"localStorage.getItem('embargo-kit:quiz:{item.id}')")
        assert json.loads(stored)["state"] == "correct"
        # another page of the course under the same sub-path sees the same progress store
        page.goto(nginx.url("book/index.html"), wait_until="networkidle")
        keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('embargo-kit:quiz:'))")
        assert keys == [f"embargo-kit:quiz:{item.id}"]
    finally:
        context.close()
    _assert_clean(visit, nginx, "download and quiz")


def test_missing_page_shows_the_custom_404_with_a_way_back(nginx, chromium):
    visit = Visit()
    context = _context(chromium, visit)
    try:
        page = context.new_page()
        response = page.goto(nginx.url("book/awareness/a-lesson-that-moved.html"), wait_until="networkidle")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "This page is not here"
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "the 404 page's style loads"
        page.get_by_role("link", name="Pick your track").click()
        page.wait_for_url(nginx.url("book/index.html") + "#pick-your-track")
    finally:
        context.close()
    _assert_clean(visit, nginx, "404")


def _weigh(chromium, nginx, published: Path, path: str) -> tuple[int, int]:
    """(bytes over the wire, bytes uncompressed) for a cold-cache load of one page: bodies plus headers.
    Uncompressed bodies are the published files themselves (what nginx sends without gzip)."""
    visit = Visit()
    context = _context(chromium, visit)
    try:
        page = context.new_page()
        page.goto(nginx.url(path), wait_until="networkidle")
        wire = plain = 0
        for request in visit.requests:
            if request.response() is None:
                continue
            sizes = request.sizes()
            local = urlsplit(request.url).path
            assert local.startswith(PREFIX), request.url
            file = published / unquote(local[len(PREFIX):])
            file = file / "index.html" if file.is_dir() else file
            wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            plain += file.stat().st_size + sizes["responseHeadersSize"]
    finally:
        context.close()
    return wire, plain


@pytest.mark.slow
def test_measure_page_weight_through_nginx(nginx, published, chromium):
    """Landing page and the median lesson, compressed (through nginx) against uncompressed; folder size."""
    landing = _weigh(chromium, nginx, published, "")
    lessons = sorted(p.relative_to(published).as_posix() for track in TRACKS
                     for p in (published / "book" / track).glob(f"{track}-[0-9][0-9]-*.html"))
    weights = {path: _weigh(chromium, nginx, published, path) for path in lessons}
    median_path = sorted(weights, key=lambda p: weights[p][0])[len(weights) // 2]
    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    result = {
        "landing": {"wire_bytes": landing[0], "uncompressed_bytes": landing[1]},
        "median_lesson": {"page": median_path, "wire_bytes": weights[median_path][0],
                          "uncompressed_bytes": weights[median_path][1], "of_lessons": len(weights),
                          "median_wire_bytes": int(statistics.median(w for w, _ in weights.values()))},
        "published_folder": {"files": manifest["files"], "bytes": manifest["bytes"]},
    }
    (nginx.prefix / "page-weight.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print("\n[page weight through nginx, cold cache]\n" + json.dumps(result, indent=1))
    for name, (wire, plain) in (("landing", landing), ("median lesson", weights[median_path])):
        assert wire < 0.5 * plain, f"{name}: {wire} bytes over the wire for {plain} uncompressed"


def test_csp_meta_holds_on_a_host_that_sends_no_headers(learner_html, root, tmp_path, chromium):
    """Static-pages services cannot send headers: with --csp-meta the pages carry the policy themselves,
    and still run with no violation (served here by Python's plain http.server under the same sub-path)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from embargo_kit.publish import CSP, publish

    report = publish(tmp_path / "www" / PREFIX.strip("/"), base_url=PREFIX, csp_meta=True, source=learner_html,
                     repo_root=root)
    lesson = "book/awareness/awareness-01-why-the-embargo.html"
    head = (report.out / lesson).read_text(encoding="utf-8").split("<script", 1)[0]
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}" />' in head

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path / "www")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    visit = Visit()
    context = _context(chromium, visit)
    try:
        page = context.new_page()
        response = page.goto(base + lesson, wait_until="networkidle")
        assert "content-security-policy" not in response.headers
        assert page.evaluate("!!DOCUMENTATION_OPTIONS.pagename")
        assert page.locator("fieldset.ek-quiz-item").count() > 0
        # the policy is in force: an inline script added now is refused
        page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.ekInline = 1';
                                 document.head.appendChild(s); }""")
        page.wait_for_timeout(200)
        assert page.evaluate("window.ekInline === undefined")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    blocked = list(visit.violations)
    assert len(blocked) == 1 and blocked[0].startswith("script-src"), blocked
    visit.violations.clear()
    outside = [r.url for r in visit.requests if not r.url.startswith(base)]
    assert not outside, outside[:10]
    assert not visit.errors, visit.errors[:5]
