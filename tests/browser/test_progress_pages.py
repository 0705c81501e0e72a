"""What the progress features put into the built learner pages (no browser needed): the right quiz items
and never a pre/post item, every published lesson on its track, and no heavy icon script."""
from __future__ import annotations

import json
import posixpath
import re
from html import unescape

import pytest

import sitekit

pytestmark = pytest.mark.book


def _quiz_items():
    from embargo_kit import quizbank

    return quizbank.load_bank()


def _catalogue(page_text: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/json" class="ek-progress-catalogue">(.*?)</script>', page_text,
                        re.S)
    assert blocks, "no progress catalogue in the page"
    return [track for block in blocks for track in json.loads(block)["tracks"]]


def test_lesson_pages_name_their_in_page_quiz_items_and_no_pre_post_item(learner_site):
    items = _quiz_items()
    prepost_only = {i.id for i in items if "quiz" not in i.use}
    checked = 0
    for track, pages in sitekit.lessons_by_track(learner_site.html).items():
        for page in pages:
            text = (learner_site.html / page).read_text(encoding="utf-8")
            ends = re.findall(r'<div class="ek-lesson-end" data-lesson="([^"]+)" data-track="([^"]+)"'
                              r' data-quiz="([^"]*)">', text)
            assert len(ends) == 1, f"{page}: expected one end-of-lesson block, found {len(ends)}"
            lesson, in_track, quiz = ends[0]
            assert in_track == track and page.rsplit("/", 1)[1].startswith(lesson + "-")
            named = set(unescape(quiz).split())
            on_page = set(re.findall(r'<fieldset class="ek-quiz-item[^"]*" id="[^"]+" data-item="([^"]+)"', text))
            assert named == on_page, f"{page}: progress counts {sorted(named)}, the page asks {sorted(on_page)}"
            assert not named & prepost_only, f"{page}: names pre/post test items {sorted(named & prepost_only)}"
            checked += 1
    assert checked, "no lesson pages in the build"


def test_progress_page_and_track_pages_list_every_published_lesson(learner_site):
    lessons = sitekit.lessons_by_track(learner_site.html)
    prepost_only = {i.id for i in _quiz_items() if "quiz" not in i.use}
    progress = _catalogue((learner_site.html / "book/start/progress.html").read_text(encoding="utf-8"))
    for track in progress:
        assert not {q for lesson in track["lessons"] for q in lesson["quiz"]} & prepost_only
    listed = {t["id"]: [lesson["uri"].rsplit("/", 1)[1] for lesson in t["lessons"]] for t in progress}
    for track, pages in lessons.items():
        names = [p.rsplit("/", 1)[1] for p in pages]
        assert listed.get(track) == names, f"progress page, {track}: {listed.get(track)} != {names}"
        page = (learner_site.html / f"book/{track}/index.html").read_text(encoding="utf-8")
        on_track = _catalogue(page)
        assert [lesson["uri"] for lesson in on_track[0]["lessons"]] == names, f"{track} track page"


def test_the_icon_script_is_not_shipped(learner_site):
    """1.4 MB of Font Awesome's SVG script on every page, for icons the theme's icon font already draws."""
    script = learner_site.html / "_static" / "scripts" / "fontawesome.js"
    assert script.stat().st_size < 2000, f"{script} is {script.stat().st_size} bytes"


def test_only_the_search_page_loads_the_search_index(learner_site):
    """The index grows with every lesson; the theme would put it on every page for a search mode we leave off."""
    carrying = [p.relative_to(learner_site.html).as_posix() for p in learner_site.html.rglob("*.html")
                if "searchindex.js" in p.read_text(encoding="utf-8")]
    assert carrying == ["search.html"], carrying


def _nav_targets(html, page: str) -> tuple[str, str]:
    text = (html / page).read_text(encoding="utf-8")
    nav = re.findall(r'<nav class="ek-track-nav"[^>]*>(.*?)</nav>', text, re.S)
    assert len(nav) == 1, f"{page}: expected one track navigation, found {len(nav)}"
    prev = re.search(r'<a class="ek-track-prev" href="([^"]+)"', nav[0])
    nxt = re.search(r'<a class="ek-track-next" href="([^"]+)"', nav[0])
    assert prev and nxt, f"{page}: the track navigation lacks a previous or a next link"
    base = posixpath.dirname(page)
    return (posixpath.normpath(posixpath.join(base, unescape(prev[1]))),
            posixpath.normpath(posixpath.join(base, unescape(nxt[1]))))


def test_every_lesson_has_previous_and_next_within_its_track(learner_site):
    """Next/previous walk the track in its order, each lesson followed by its notebooks (exercises/<track>/),
    and back again; the ends lead to the track's page."""
    for track, pages in sitekit.lessons_by_track(learner_site.html).items():
        overview = f"book/{track}/index.html"
        walk, here = [], pages[0]
        assert _nav_targets(learner_site.html, here)[0] == overview, f"{here}: 'previous' is not the track page"
        while here != overview:
            walk.append(here)
            assert len(walk) < 100, f"{track}: the next links go round in circles"
            prev, nxt = _nav_targets(learner_site.html, here)
            if nxt != overview:
                assert _nav_targets(learner_site.html, nxt)[0] == here, f"{nxt}: 'previous' does not lead back to {here}"
            here = nxt
        assert [p for p in walk if p.startswith("book/")] == pages, f"{track}: the walk skips or reorders lessons"
        strays = [p for p in walk if not p.startswith((f"book/{track}/", f"exercises/{track}/"))]
        assert not strays, f"{track}: the walk leaves the track: {strays}"
