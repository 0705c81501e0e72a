"""A self-paced learner on a phone and a desktop: the menu and contents drawers, search by code and ID, the
learner bundle, "continue where you left off", and a keyboard-only path through a lesson and its quiz.

Debian's Chromium through Playwright on the learner edition built once per session (tests/browser/conftest.py).
"""
from __future__ import annotations

import re

import pytest

import sitekit

pytestmark = [pytest.mark.browser, pytest.mark.book]

LESSON = "book/customs/customs-02-classifying-goods.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"width": 1280, "height": 800}


def _search(tab, query: str) -> list[str]:
    """The result links of the search page, once the search has finished (results appear one by one)."""
    tab.goto("search.html?q=" + query.replace(" ", "+"))
    tab.page.locator("#search-results .search-summary", has_text="found").wait_for(timeout=20000)
    return tab.page.locator("#search-results ul.search li a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")


def _toggle(page, kind: str):
    """The visible menu (primary) or contents (secondary) button of the article header."""
    button = page.locator(f".bd-header-article button.{kind}-toggle")
    assert button.count() == 1, f"expected one {kind} button in the article header, found {button.count()}"
    assert button.is_visible(), f"the {kind} button is not visible"
    return button


# ------------------------------------------------------------------------------------------- drawers


@pytest.mark.parametrize("kind, link", [("primary", 'a[href$="customs-03-concealment-and-misdescription.html"]'),
                                        ("secondary", 'a[href^="#"]')])
def test_phone_drawers_open_by_tap_and_keyboard_and_close(learner_site, browser, kind, link):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(learner_site.base + LESSON)
        dialog = page.locator(f"dialog#pst-{kind}-sidebar-modal")
        button = _toggle(page, kind)
        # Tap: the drawer opens as a dialog with its links; Escape closes it and focus returns to the button.
        button.tap()
        dialog.locator(link).first.wait_for(state="visible", timeout=5000)
        assert dialog.evaluate("d => d.open"), f"{kind}: tapping the button did not open the drawer"
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => !document.querySelector('dialog#pst-{kind}-sidebar-modal').open")
        # Keyboard: focus the button, Enter opens; a tap on the backdrop closes.
        button.focus()
        page.keyboard.press("Enter")
        dialog.locator(link).first.wait_for(state="visible", timeout=5000)
        page.mouse.click(385, 835) if kind == "primary" else page.mouse.click(5, 835)
        page.wait_for_function(f"() => !document.querySelector('dialog#pst-{kind}-sidebar-modal').open")
        # The drawer's links work: following one leaves the drawer and opens the page.
        button.tap()
        target = dialog.locator(link).first
        target.wait_for(state="visible", timeout=5000)
        href = target.get_attribute("href")
        target.tap()
        if href.startswith("#"):
            page.wait_for_function(f"() => location.hash === {href!r}")
        else:
            page.wait_for_url(re.compile(re.escape(href.rsplit('/', 1)[-1]) + "$"))
    finally:
        context.close()


def test_desktop_menu_hides_and_shows_the_sidebar_by_click_and_keyboard(learner_site, open_tab):
    tab = open_tab(learner_site, DESKTOP)
    tab.goto(LESSON)
    sidebar = tab.page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible(), "the site navigation is not shown on a desktop"
    # The page's contents are shown beside the lesson, with a link to its quiz.
    contents = tab.page.locator("#pst-secondary-sidebar")
    assert contents.is_visible() and contents.locator('a[href^="#"]').count() >= 3
    button = _toggle(tab.page, "primary")
    button.click()
    sidebar.wait_for(state="hidden", timeout=5000)
    button.focus()
    tab.page.keyboard.press("Enter")
    sidebar.wait_for(state="visible", timeout=5000)
    button.focus()  # the book theme blurs its buttons after a click (Tab still continues from there)
    tab.page.keyboard.press(" ")
    sidebar.wait_for(state="hidden", timeout=5000)
    assert tab.errors == []


# --------------------------------------------------------------------------------------------- nav


def test_one_previous_next_pair_per_page(learner_site):
    """The theme's footer pair is gone: each lesson and notebook page has exactly one pair, the track's."""
    problems = []
    for path in [*sum(sitekit.lessons_by_track(learner_site.html).values(), []),
                 "exercises/customs/customs-02-manifest-screening.html"]:
        text = (learner_site.html / path).read_text(encoding="utf-8")
        if "prev-next-area" in text or "prev-next-footer" in text:
            problems.append(f"{path}: the theme's previous/next footer is still there")
        navs = text.count('class="ek-track-nav"')
        if navs != 1:
            problems.append(f"{path}: {navs} track navigations")
    assert not problems, "\n".join(problems)


def test_the_track_walk_includes_the_lessons_notebooks(learner_site, open_tab):
    """customs-02 -> its notebook -> customs-03 -> its notebook -> customs-04, by "Next"."""
    tab = open_tab(learner_site)
    tab.goto(LESSON)
    walk = [LESSON]
    for _ in range(4):
        tab.page.locator("nav.ek-track-nav a.ek-track-next").click()
        tab.page.wait_for_load_state("load")
        walk.append(tab.page.url.replace(learner_site.base, ""))
    assert walk == [LESSON, "exercises/customs/customs-02-manifest-screening.html",
                    "book/customs/customs-03-concealment-and-misdescription.html",
                    "exercises/customs/customs-03-does-the-weight-add-up.html",
                    "book/customs/customs-04-routes-and-end-users.html"], walk
    tab.page.locator("nav.ek-track-nav a.ek-track-prev").click()
    tab.page.wait_for_url(learner_site.base + walk[3])
    assert tab.errors == []


# ------------------------------------------------------------------------------------------ search


@pytest.mark.parametrize("query, expected", [
    ("93", "customs-02-classifying-goods"),
    ("93.06", "customs-02-classifying-goods"),
    ("HS 93", "customs-02-classifying-goods"),
    ("2397", "port-01-what-ports-must-do"),
    ("port-02", "port-02-reading-ais"),
    ("KPe.020", "reference/datasets"),
])
def test_search_finds_codes_paragraph_numbers_and_ids(learner_site, open_tab, query, expected):
    tab = open_tab(learner_site)
    links = _search(tab, query)
    assert any(expected in (h or "") for h in links), f"searching {query!r} did not find {expected}: {links[:12]}"
    assert tab.errors == []


def test_search_for_a_case_name_lists_lessons_and_the_case_page_first(learner_site, open_tab):
    tab = open_tab(learner_site)
    links = _search(tab, "Chong Chon Gang")
    first = [h for h in links if h][:3]
    lesson = re.compile(r"(^|/)[a-z]+-\d{2}[a-z]?-|reference/cases")
    assert first and all(lesson.search(h) for h in first), f"the first results are not lessons or cases: {first}"


# --------------------------------------------------------------------------------------- progress


def test_continue_where_you_left_off_and_done_ticks_after_a_reload(learner_site, open_tab):
    tab = open_tab(learner_site)
    page = tab.page
    tab.goto("book/index.html")
    assert page.locator(".ek-continue").count() == 0, "a first-time learner was offered to continue"
    tab.goto(LESSON)
    page.get_by_label("Mark this lesson done").check()
    tab.goto("book/index.html")
    page.reload()
    link = page.locator(".ek-continue a")
    link.wait_for(timeout=5000)
    assert link.inner_text().startswith("Continue where you left off: ")
    tick = page.locator(f'.bd-docs-nav a[href$="{LESSON.rsplit("/", 1)[1]}"] .ek-nav-done')
    assert tick.count() == 1 and "done" in tick.inner_text(), "the navigation does not mark the lesson done"
    assert page.locator(".bd-docs-nav .ek-nav-done").count() == 1, "lessons not done are marked done"
    link.click()
    page.wait_for_url(learner_site.base + LESSON)
    assert page.locator(".bd-docs-nav a.current .ek-nav-done").count() == 1, "the open lesson is not marked done"
    assert tab.errors == []


def test_the_worked_answer_waits_until_the_learner_has_tried(learner_site, open_tab):
    tab = open_tab(learner_site)
    page = tab.page
    tab.goto("book/port/port-01-what-ports-must-do.html")
    answer = page.locator(".ek-worked").first
    assert answer.count() and not answer.is_visible(), "the worked answer shows before any attempt"
    show = page.get_by_role("button", name="Show the worked answer").first
    show.click()
    assert not answer.is_visible()
    assert "Write your decision first" in page.locator(".ek-try-status").first.inner_text()
    page.get_by_label(re.compile("^Your decision, in a few words")).first.fill("Refuse ship 1; inspect ship 2.")
    show.click()
    assert answer.is_visible() and "Working it through" in answer.inner_text()
    assert tab.errors == []


def test_select_all_that_apply_appears_once_per_item(learner_site):
    problems = []
    for path in sum(sitekit.lessons_by_track(learner_site.html).values(), []):
        text = (learner_site.html / path).read_text(encoding="utf-8")
        for legend in re.findall(r'<legend class="ek-quiz-stem">(.*?)</legend>', text, re.S):
            if legend.lower().count("select all that apply") > 1:
                problems.append(f"{path}: {legend[:80]}")
    assert not problems, "\n".join(problems)


def test_wide_tables_scroll_with_a_visible_cue_on_a_phone(learner_site, open_tab):
    tab = open_tab(learner_site, {"width": 390, "height": 844})
    tab.goto("book/customs/index.html")
    wide = tab.page.locator(".pst-scrollable-table-container.ek-wide").first
    wide.wait_for(timeout=5000)
    cue = wide.evaluate("b => [b.previousElementSibling.className, b.previousElementSibling.innerText]")
    assert cue[0] == "ek-scroll-cue" and "scroll it sideways" in cue[1], cue
    assert wide.get_attribute("tabindex") == "0" and wide.get_attribute("role") == "region"
    wide.focus()
    tab.page.keyboard.press("ArrowRight")
    tab.page.wait_for_function("b => b.scrollLeft > 0", arg=wide.element_handle())
    assert tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert tab.errors == []


# ---------------------------------------------------------------------------------------- keyboard


def test_a_keyboard_only_path_through_a_lesson_and_its_quiz(learner_site, open_tab):
    """Tab from the top of a lesson to its first quiz item, answer it with the keyboard, check it, mark the
    lesson done and follow "Next": no mouse."""
    tab = open_tab(learner_site)
    page = tab.page
    tab.goto("book/awareness/awareness-01-why-the-embargo.html")
    first_radio = page.locator('fieldset.ek-quiz-item[data-type="single"] input[type="radio"]').first
    for _ in range(400):
        page.keyboard.press("Tab")
        if first_radio.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first quiz option")
    page.keyboard.press("Space")
    assert first_radio.is_checked()
    item = page.locator('fieldset.ek-quiz-item[data-type="single"]').first
    check = item.locator("button.ek-quiz-check")
    for _ in range(10):
        page.keyboard.press("Tab")
        if check.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Enter")
    assert item.locator(".ek-quiz-feedback").inner_text().strip(), "checking by keyboard gave no feedback"
    done = page.get_by_label("Mark this lesson done")
    for _ in range(400):
        page.keyboard.press("Tab")
        if done.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Space")
    assert done.is_checked()
    nxt = page.locator("nav.ek-track-nav a.ek-track-next")
    for _ in range(20):
        page.keyboard.press("Tab")
        if nxt.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"awareness-02-"))
    assert tab.errors == []


# ------------------------------------------------------------------------------------------ bundle


@pytest.mark.parametrize("path", ["exercises/customs/customs-02-manifest-screening.html",
                                  "book/start/running-notebooks.html"])
def test_notebook_pages_and_the_setup_page_offer_the_learner_bundle(learner_site, open_tab, path):
    import io
    import urllib.request
    import zipfile

    tab = open_tab(learner_site)
    tab.goto(path)
    link = tab.page.locator("a.ek-bundle-link")
    assert link.count() == 1 and link.is_visible(), f"{path}: no link to the learner bundle"
    url = link.evaluate("a => a.href")
    with urllib.request.urlopen(url) as response:  # the local server of the test; nothing leaves the machine
        data = response.read()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "README.txt" in names and any(n.endswith(".whl") for n in names), names[:10]
    assert any(n.startswith("notebooks/") and n.endswith(".ipynb") for n in names), names[:10]
    if path.startswith("exercises/"):
        setup = tab.page.locator('.ek-bundle a[href$="running-notebooks.html"]')
        assert setup.count() == 1, "the pointer to the setup page is not a link"
        setup.click()
        tab.page.wait_for_url("**/book/start/running-notebooks.html")
    assert tab.errors == []


def test_favicon_is_served_at_the_root(learner_site):
    import urllib.request

    with urllib.request.urlopen(learner_site.base + "favicon.ico") as response:
        data = response.read()
    assert response.status == 200 and data[:4] == b"\x00\x00\x01\x00", "no icon at /favicon.ico"


def test_the_search_icon_does_not_cover_the_first_typed_letter(learner_site, open_tab):
    tab = open_tab(learner_site, DESKTOP)
    tab.goto("book/index.html")
    tab.page.keyboard.press("Control+k")
    box = tab.page.locator("#pst-search-dialog input[name=q]")
    box.wait_for(state="visible", timeout=5000)
    box.type("W")
    gap = tab.page.evaluate("""() => {
      const input = document.querySelector("#pst-search-dialog input[name=q]");
      const icon = input.closest(".bd-search").querySelector(".fa-magnifying-glass");
      const textStart = input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft);
      return textStart - icon.getBoundingClientRect().right;
    }""")
    assert gap >= 0, f"the magnifier covers {-gap:.0f} px of the first letter"
