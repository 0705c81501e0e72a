"""A self-paced learner in a real browser: Debian's Chromium, driven by Playwright, on the built editions.

Every page is served from 127.0.0.1 and every request is routed: anything for another host is refused and
fails the test. Pages are discovered from the build (tracks, lessons), so new lessons are covered as they
are published. axe-core runs on a sample of each page type here; the benchmark runs it on every page.
"""
from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
import yaml

import sitekit

pytestmark = [pytest.mark.browser, pytest.mark.book]

LANDING = "book/index.html"
QUIZ_LESSON = "book/awareness/awareness-01-why-the-embargo.html"
NOTEBOOK_PAGE = "exercises/awareness/awareness-02-regime-as-data.html"
GLOSSARY = "book/reference/glossary.html"
PROGRESS = "book/start/progress.html"
QUIZBANK = Path(__file__).resolve().parents[2] / "src" / "embargo_kit" / "data" / "quizbank"


def _sample(html: Path) -> list[str]:
    """One or more pages of each type: landing, track pages, first lesson of each track, a notebook page,
    a reference page, the progress page and a search result page."""
    lessons = sitekit.lessons_by_track(html)
    pages = [LANDING, *sitekit.track_indexes(html).values(), *(ls[0] for ls in lessons.values()),
             NOTEBOOK_PAGE, GLOSSARY, PROGRESS]
    return list(dict.fromkeys(pages))


def _correct_option(item_id: str) -> int:
    for path in QUIZBANK.glob("*.yaml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and item.get("id") == item_id:
                return next(i for i, o in enumerate(item["options"]) if o.get("correct"))
    raise AssertionError(f"quiz item {item_id} is not in the quiz bank")


def _first_single_item(page):
    item = page.locator('fieldset.ek-quiz-item[data-type="single"]').first
    item_id = item.get_attribute("data-item")
    return item, item_id, _correct_option(item_id)


# ------------------------------------------------------------------------------------------- rendering


def test_key_pages_render_without_console_errors(learner_site, open_tab):
    tab = open_tab(learner_site)
    problems = []
    for path in [*_sample(learner_site.html), "search.html?q=embargo"]:
        response = tab.goto(path)
        if response is None or not response.ok:
            problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
            continue
        if not tab.page.locator("h1:visible").count():
            problems.append(f"{path}: no visible page heading")
        problems += [f"{path}: {error}" for error in tab.errors]
    assert not problems, "\n".join(problems)
    assert tab.local, "the guard saw no request at all: routing is not in place"


def test_no_request_leaves_the_local_server(learner_site, open_tab):
    """Pages, quiz, search and the theme's scripts: every request goes to 127.0.0.1 and nowhere else."""
    tab = open_tab(learner_site)
    for path in (LANDING, QUIZ_LESSON, NOTEBOOK_PAGE, "search.html?q=freeze"):
        tab.goto(path)
    tab.page.locator("#search-results ul.search li").first.wait_for(timeout=15000)
    tab.goto(QUIZ_LESSON)
    item, _, _ = _first_single_item(tab.page)
    item.locator("input").first.check()
    item.locator("button.ek-quiz-check").click()
    assert tab.foreign == [], f"requests outside the local server: {tab.foreign}"
    assert len(tab.local) > 20 and all(u.startswith(learner_site.base) for u in tab.local)


def test_landing_page_routes_each_role_to_its_track_in_one_click(learner_site, open_tab):
    tab = open_tab(learner_site)
    tracks = {t: p for t, p in sitekit.track_indexes(learner_site.html).items() if t in sitekit.ROLE_TRACKS}
    assert set(tracks) == set(sitekit.ROLE_TRACKS), f"track pages missing from the build: {tracks}"
    for track, target in tracks.items():
        tab.goto(LANDING)
        link = tab.page.locator(f'article a[href$="{track}/index.html"]')
        assert link.count(), f"the landing page has no link to the {track} track"
        # A card is one big link (the anchor is stretched over it): click where a reader would, its middle.
        card = tab.page.locator("article .sd-card", has=tab.page.locator(f'a[href$="{track}/index.html"]'))
        (card.first if card.count() else link.first).click()
        tab.page.wait_for_load_state("load")
        assert tab.page.url == learner_site.base + target, f"{track}: one click led to {tab.page.url}"
        assert tab.page.locator("article h1").first.is_visible()


def test_track_pages_list_their_lessons_with_minutes_and_prerequisites(learner_site, open_tab):
    tab = open_tab(learner_site)
    lessons = sitekit.lessons_by_track(learner_site.html)
    assert "awareness" in lessons, "no awareness lessons in the build"
    for track, pages in lessons.items():
        tab.goto(f"book/{track}/index.html")
        table = tab.page.locator("article table", has=tab.page.locator("th", has_text=re.compile(r"^Lesson$"))).first
        assert table.count(), f"{track}: the track page has no lesson table with minutes"
        headers = table.locator("th").all_inner_texts()
        assert "Take first" in headers, f"{track}: the lesson table does not show prerequisites ({headers})"
        for page in pages:
            name = page.rsplit("/", 1)[1]
            row = table.locator("tr", has=tab.page.locator(f'a[href$="{name}"]'))
            assert row.count() == 1, f"{track}: {name} is not listed on the track page"
            assert re.fullmatch(r"\d+ \+ \d+", row.locator("td").nth(2).inner_text().strip()), \
                f"{track}: {name} has no minutes (teaching + exercises)"


def test_search_works_offline(learner_site, open_tab):
    """From a lesson, the theme's search box (Ctrl+K) leads to results, all from the local site."""
    tab = open_tab(learner_site)
    tab.goto(QUIZ_LESSON)
    tab.page.keyboard.press("Control+k")
    box = tab.page.locator('input[name="q"]:visible').first
    box.fill("embargo")
    box.press("Enter")
    tab.page.wait_for_url("**/search.html?q=embargo*")
    results = tab.page.locator("#search-results ul.search li")
    results.first.wait_for()
    assert results.count() >= 3
    links = results.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert any("awareness-01" in (h or "") for h in links), f"searching 'embargo' did not find lesson 01: {links[:10]}"
    assert tab.errors == []


# ------------------------------------------------------------------------------------------------ quiz


def test_a_quiz_gives_feedback(learner_site, open_tab):
    tab = open_tab(learner_site)
    tab.goto(QUIZ_LESSON)
    item, item_id, correct = _first_single_item(tab.page)
    options = item.locator(".ek-quiz-option input")
    wrong = next(i for i in range(options.count()) if i != correct)
    feedback = item.locator(".ek-quiz-feedback")
    options.nth(wrong).check()
    item.locator("button.ek-quiz-check").click()
    assert feedback.inner_text().startswith("Not yet."), f"{item_id}: wrong answer gave {feedback.inner_text()!r}"
    options.nth(correct).check()
    item.locator("button.ek-quiz-check").click()
    assert feedback.inner_text().startswith("Correct."), f"{item_id}: right answer gave {feedback.inner_text()!r}"
    assert tab.errors == []


# -------------------------------------------------------------------------------------------- progress


def test_progress_is_kept_shown_exported_cleared_and_imported(learner_site, open_tab, tmp_path):
    tab = open_tab(learner_site, accept_downloads=True)
    page = tab.page
    lessons = sitekit.lessons_by_track(learner_site.html)["awareness"]
    first_id = "awareness-01"

    # A lesson: answer a quiz question, mark the lesson done.
    tab.goto(QUIZ_LESSON)
    item, item_id, correct = _first_single_item(page)
    item.locator(".ek-quiz-option input").nth(correct).check()
    item.locator("button.ek-quiz-check").click()
    done = page.get_by_label("Mark this lesson done")
    assert done.is_visible() and not done.is_checked()
    done.check()
    status = page.locator(".ek-done-status")
    assert status.inner_text().startswith("Done on "), status.inner_text()
    assert re.search(r"Quiz: 1 of \d+ questions answered correctly", status.inner_text()), status.inner_text()

    # It survives a reload.
    page.reload()
    assert page.get_by_label("Mark this lesson done").is_checked()
    item = page.locator(f'fieldset[data-item="{item_id}"]')
    assert item.locator(".ek-quiz-previous").inner_text().startswith("You answered this correctly before")

    # The track page shows how far the learner is.
    tab.goto("book/awareness/index.html")
    summary = page.locator(".ek-track-progress-summary")
    assert summary.inner_text().startswith(f"Your progress in this track: 1 of {len(lessons)} lessons done"), \
        summary.inner_text()
    assert page.locator("progress.ek-track-bar").evaluate("p => [p.value, p.max]") == [1, len(lessons)]
    assert page.locator(".ek-track-continue a").get_attribute("href") == lessons[1].rsplit("/", 1)[1]
    row = page.locator("article table tr", has=page.locator('a[href$="awareness-01-why-the-embargo.html"]'))
    assert row.locator(".ek-done-badge").inner_text() == "done"

    # The progress page lists it; export it to a file.
    tab.goto(PROGRESS)
    row = page.locator('tr[data-lesson="awareness-01"]')
    assert row.locator(".ek-dash-done").inner_text().startswith("done")
    assert re.fullmatch(r"1 of \d+ right", row.locator(".ek-dash-quiz").inner_text())
    with page.expect_download() as info:
        page.get_by_role("button", name="Save my progress to a file").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert re.fullmatch(r"embargo-kit-progress-\d{4}-\d\d-\d\d\.json", saved.name)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "embargo-kit-progress"
    assert data["lessons"][first_id]["state"] == "done" and data["quiz"][item_id]["state"] == "correct"

    # Clear (after a confirmation), and it stays cleared after a reload.
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my progress in this browser").click()
    assert row.locator(".ek-dash-done").inner_text() == "not yet"
    page.reload()
    assert page.locator('tr[data-lesson="awareness-01"] .ek-dash-done').inner_text() == "not yet"

    # A file that is not a progress file is refused, with a sentence.
    junk = tmp_path / "notes.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    page.get_by_label("Load progress from a file").set_input_files(junk)
    message = page.locator(".ek-control-status")
    message.filter(has_text="Nothing was loaded").wait_for()

    # Import the saved file: everything is back, on this page and on the lesson.
    page.get_by_label("Load progress from a file").set_input_files(saved)
    message.filter(has_text="1 lesson newly marked done").wait_for()
    assert page.locator('tr[data-lesson="awareness-01"] .ek-dash-done').inner_text().startswith("done")
    tab.goto(QUIZ_LESSON)
    assert page.get_by_label("Mark this lesson done").is_checked()
    assert tab.errors == []


def test_importing_keeps_the_better_result_and_refuses_what_it_cannot_read(learner_site, open_tab):
    """A file's "tried" never overwrites a "correct"; a newer format and malformed entries are refused."""
    tab = open_tab(learner_site)
    tab.goto(PROGRESS)
    outcome = tab.page.evaluate("""() => {
      const api = window.embargoKitLessons, quiz = window.embargoKitProgress;
      quiz.record("awareness-01.q1", "correct");
      const counts = api.importData({format: "embargo-kit-progress", version: 1,
        lessons: {"awareness-02": {state: "done", at: "2026-01-02T00:00:00Z"}, "../x": {state: "done"},
                  "awareness-03": {state: "maybe"}},
        quiz: {"awareness-01.q1": {state: "tried"}, "awareness-01.q2": {state: "tried"},
               "awareness-01.q3": {state: "perfect"}}});
      let newer = "";
      try { api.importData({format: "embargo-kit-progress", version: 99}); } catch (e) { newer = e.message; }
      let other = "";
      try { api.importData({hello: 1}); } catch (e) { other = e.message; }
      return {counts, q1: quiz.get("awareness-01.q1").state, q2: quiz.get("awareness-01.q2").state,
              q3: quiz.get("awareness-01.q3"), done: Object.keys(api.all()).sort(),
              at: api.get("awareness-02").at, newer, other};
    }""")
    assert outcome["counts"] == {"lessons": 1, "quiz": 1}
    assert outcome["q1"] == "correct" and outcome["q2"] == "tried" and outcome["q3"] is None
    assert outcome["done"] == ["awareness-02"] and outcome["at"] == "2026-01-02T00:00:00Z"
    assert "newer version" in outcome["newer"] and "not a progress file" in outcome["other"]
    row = tab.page.locator('tr[data-lesson="awareness-02"] .ek-dash-done')
    assert row.inner_text().startswith("done"), "the page did not update after the import"


def test_progress_works_when_the_site_is_opened_from_disk(learner_site, browser):
    """The book also opens from file:// (no server): marking a lesson done still shows on its track page."""
    context = browser.new_context()
    remote: list[str] = []
    context.on("request", lambda r: remote.append(r.url) if r.url.startswith(("http:", "https:")) else None)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((learner_site.html / QUIZ_LESSON).as_uri())
        page.get_by_label("Mark this lesson done").check()
        page.goto((learner_site.html / "book/awareness/index.html").as_uri())
        summary = page.locator(".ek-track-progress-summary")
        assert re.match(r"Your progress in this track: 1 of \d+ lessons done", summary.inner_text()), summary.inner_text()
    finally:
        context.close()
    assert not remote, f"opened from disk, the site still asked the network for: {remote[:5]}"
    assert not errors, errors


def test_next_lesson_links_walk_a_track_from_first_to_last(learner_site, open_tab):
    """Click "Next" through the awareness track (lessons and their notebooks), then "Previous" once (every
    track's links are checked in the built pages by test_progress_pages.py)."""
    tab = open_tab(learner_site)
    page = tab.page
    pages = sitekit.lessons_by_track(learner_site.html)["awareness"]
    overview = learner_site.base + "book/awareness/index.html"
    tab.goto(pages[0])
    assert page.locator("nav.ek-track-nav a.ek-track-prev").evaluate("a => a.href") == overview
    visited = [page.url]
    while True:
        page.get_by_role("navigation", name=re.compile("Lessons of the track")).get_by_role(
            "link", name=re.compile("^Next")).click()
        page.wait_for_load_state("load")
        if page.url == overview:
            break
        visited.append(page.url)
        assert len(visited) < 60, "the next links go round in circles"
    assert [u for u in visited if "/book/" in u] == [learner_site.base + p for p in pages]
    tab.goto(visited[-1].replace(learner_site.base, ""))
    page.locator("nav.ek-track-nav a.ek-track-prev").click()
    page.wait_for_url(visited[-2])
    assert tab.errors == []


# ----------------------------------------------------------------------------------------- editions


def test_instructor_edition_shows_trainer_notes_and_learner_edition_does_not(learner_site, instructor_site,
                                                                               open_tab):
    instructor = open_tab(instructor_site)
    instructor.goto(QUIZ_LESSON)
    notes = instructor.page.locator(".admonition.trainer-note")
    assert notes.count() >= 1 and notes.first.is_visible()
    assert instructor.page.locator(".admonition.answer-key").first.is_visible()
    learner = open_tab(learner_site)
    learner.goto(QUIZ_LESSON)
    assert learner.page.locator(".admonition.trainer-note, .admonition.answer-key").count() == 0
    assert "Trainer note" not in learner.page.locator("article").inner_text()
    assert instructor.errors == [] and learner.errors == []


# ------------------------------------------------------------------------------------- accessibility


def test_no_serious_or_critical_accessibility_violations(learner_site, instructor_site, open_tab):
    """The current axe-core from npm (its version is in the report header and in the failure message) in
    Chromium on one page of each type, desktop and phone (every page of the learner edition: `make benchmark`)."""
    found = []
    for size, viewport in (("desktop", sitekit.DESKTOP), ("phone", sitekit.PHONE)):
        tab = open_tab(learner_site, viewport)
        track_page = "book/awareness/index.html"
        for path in (LANDING, track_page, NOTEBOOK_PAGE, GLOSSARY, PROGRESS, "search.html?q=embargo"):
            tab.goto(path)
            if path.startswith("search.html"):
                tab.page.locator("#search-results ul.search li").first.wait_for(timeout=15000)
            found += [f"learner {size} {path}: {v}" for v in sitekit.axe_violations(tab.page)]
    # A lesson as it is after a search result (search terms highlighted) and after the learner acted: quiz
    # feedback shown, the lesson marked done; on a phone with the menu drawer open.
    tab.goto(QUIZ_LESSON + "?highlight=embargo")
    assert tab.page.locator("span.highlighted").count(), "search terms were not highlighted"
    item, _, correct = _first_single_item(tab.page)
    item.locator(".ek-quiz-option input").nth(correct).check()
    item.locator("button.ek-quiz-check").click()
    tab.page.get_by_label("Mark this lesson done").check()
    found += [f"learner phone {QUIZ_LESSON} (answered, done): {v}" for v in sitekit.axe_violations(tab.page)]
    tab.page.locator(".bd-header-article button.primary-toggle").click()
    tab.page.locator("dialog#pst-primary-sidebar-modal[open]").wait_for(timeout=5000)
    found += [f"learner phone {QUIZ_LESSON} (menu open): {v}" for v in sitekit.axe_violations(tab.page)]
    desktop = open_tab(learner_site)
    desktop.goto(QUIZ_LESSON)
    found += [f"learner desktop {QUIZ_LESSON}: {v}" for v in sitekit.axe_violations(desktop.page)]
    instructor = open_tab(instructor_site)
    instructor.goto(QUIZ_LESSON)
    found += [f"instructor {QUIZ_LESSON}: {v}" for v in sitekit.axe_violations(instructor.page)]
    # The theme's dark mode (the reader's choice is kept in localStorage["mode"]).
    dark = open_tab(learner_site, color_scheme="dark")
    dark.context.add_init_script("localStorage.setItem('mode', 'dark')")
    dark.goto(QUIZ_LESSON)
    assert dark.page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark.page.get_by_label("Mark this lesson done").check()
    found += [f"learner {QUIZ_LESSON} (dark mode): {v}" for v in sitekit.axe_violations(dark.page)]
    assert not found, f"axe-core {sitekit.axe_version()} (npm):\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------- screenshots


def _png_width(path: Path) -> int:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">I", head[16:20])[0]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_landing_and_one_lesson_per_track(learner_site, open_tab, screenshots, size):
    """Saved to tests/artifacts/screenshots/; on a phone no page may scroll sideways."""
    viewport = sitekit.DESKTOP if size == "desktop" else sitekit.PHONE
    tab = open_tab(learner_site, viewport, device_scale_factor=1)
    pages = {"landing": LANDING}
    pages.update({track: ls[0] for track, ls in sitekit.lessons_by_track(learner_site.html).items()})
    overflow = []
    for name, path in pages.items():
        tab.goto(path)
        target = screenshots / f"{name}-{size}.png"
        target.unlink(missing_ok=True)
        tab.page.screenshot(path=str(target), full_page=True)
        assert _png_width(target) == viewport["width"], f"{target.name}: not {viewport['width']} px wide"
        wide = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wide > 1:
            overflow.append(f"{path}: {wide} px wider than a {viewport['width']} px screen")
    assert not overflow, "\n".join(overflow)
