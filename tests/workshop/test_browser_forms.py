"""In a real browser (Debian chromium through Playwright): a trainee answers the pre-test and saves a CSV that
the gain command accepts; the evaluation form saves one line; a slide deck moves with the keyboard. No page
fetches anything from outside, and axe finds no serious or critical problem on the forms."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from embargo_kit.workshop.evaluation import load_questionnaire, question_ids, write_evaluation
from embargo_kit.workshop.gain import read_responses
from embargo_kit.workshop.lessons import discover
from embargo_kit.workshop.prepost import parallel_forms, write_tests
from embargo_kit.workshop.slides import write_deck
from tests.conftest import require_tool

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e .[test])")
import sitekit  # noqa: E402  (tests/browser/sitekit.py)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    chromium = require_tool("chromium", "chromium")
    folder = tmp_path_factory.mktemp("forms")
    write_tests("awareness", folder, pdf=False)
    write_evaluation(folder, pdf=False)
    with sitekit.serve(folder) as base, sync_api.sync_playwright() as p:
        browser = sitekit.launch(p, chromium)
        yield folder, base, browser
        browser.close()


def test_pre_test_answered_in_the_browser_feeds_the_gain_report(site, tmp_path):
    folder, base, browser = site
    tab = sitekit.open_tab(browser, base, accept_downloads=True)
    tab.goto("awareness-pre-test.html")
    page = tab.page
    page.click("#save")
    assert "trainee ID" in page.text_content("#status")
    page.fill("#trainee", "T07")
    fieldsets = page.query_selector_all("fieldset[data-item]")
    for n, fs in enumerate(fieldsets):
        if fs.get_attribute("data-type") == "short":
            fs.query_selector("input[type=text]").fill("1718, I think")
        elif n != 0:  # leave question 1 blank
            fs.query_selector("input").check()
    with page.expect_download() as download:
        page.click("#save")
    assert download.value.suggested_filename == "T07-pre-test.csv"
    csv_text = page.input_value("#csv")
    assert "1 left blank" in page.text_content("#status")
    path = tmp_path / "answers.csv"
    path.write_text(csv_text, encoding="utf-8")
    forms = parallel_forms("awareness")
    responses = read_responses(path, forms)
    assert len([k for k in responses.answers if k[0] == "T07"]) == len(forms[0].items)
    assert '"1718, I think"' in csv_text
    assert tab.foreign == [] and tab.errors == []
    assert sitekit.axe_violations(page) == []


def test_evaluation_form_saves_one_anonymous_line(site):
    folder, base, browser = site
    tab = sitekit.open_tab(browser, base, accept_downloads=True)
    tab.goto("evaluation.html")
    page = tab.page
    page.check('input[name="relevant"][value="4"]')
    page.fill('textarea[name="improve"]', "More time for the notebooks, please")
    with page.expect_download():
        page.click("#save")
    header, values = page.input_value("#csv").strip().splitlines()
    ids = question_ids(load_questionnaire())
    assert header.split(",") == ids
    assert values.split(",")[ids.index("relevant")] == "4" and "More time for the notebooks" in values
    assert tab.foreign == [] and tab.errors == []
    assert sitekit.axe_violations(page) == []


def test_slide_deck_moves_with_the_keyboard(site, book):
    folder, base, browser = site
    write_deck(discover(book)["awareness-01"], folder, notes=True)
    tab = sitekit.open_tab(browser, base)
    tab.goto("awareness-01-slides.html")
    page = tab.page
    assert page.text_content(".counter") == "1 / 4"
    page.keyboard.press("ArrowRight")
    assert page.text_content(".counter") == "2 / 4"
    assert page.is_visible("text=First objective of awareness-01.")
    page.keyboard.press("ArrowRight")
    assert not page.is_visible(".slide.current .notes")
    page.keyboard.press("n")
    assert page.is_visible(".slide.current .notes")
    assert tab.foreign == [] and tab.errors == []
