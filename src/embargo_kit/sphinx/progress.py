"""Self-paced progress, kept in the learner's browser: no account, nothing sent anywhere.

What it adds to the book (HTML builders only; other builders drop the nodes):

* on every lesson page (``book/<track>/<track>-NN-*``): at the end, a "Mark this lesson done" checkbox with
  the lesson's quiz score, and a "previous lesson / next lesson" pair *within the track* (the theme's own
  footer follows the whole table of contents, notebooks and other tracks included). The first lesson's
  "previous" and the last lesson's "next" lead to the track's page;
* on every track page (``book/<track>/index``) with at least one lesson: how far the learner is (lessons
  done, quiz questions right, a progress bar, a "continue with" link) and a "done" mark beside each lesson in
  the track's lesson table;
* two directives for the "Your progress" page (``book/start/progress.md``): ``progress-dashboard`` (every
  track and lesson with its state) and ``progress-controls`` (export to a JSON file, import it, clear).

The browser side is ``static/progress.js``; quiz results come from quiz.js's store
(``window.embargoKitProgress``, keys ``embargo-kit:quiz:<item id>``), which is why quiz.js is also loaded on
the track and progress pages. Lessons marked done are kept under ``embargo-kit:lesson:<lesson id>``.

Only quiz items whose ``use`` contains ``quiz`` are ever named in a page: pre/post items stay out of the
learner site, as do answers (the catalogue carries item IDs, never keys).

Fixes to the theme that the browser tests and the page-weight budget need on every page (they may move to
compat.py): the sidebar's expand/collapse toggles get accessible names (axe: serious ``summary-name``); an
empty favicon stops the 404 that every page logged for /favicon.ico; Font Awesome's 1.4 MB SVG script is
replaced by a comment after the build (the theme draws its icons with the icon font); and the search index,
which the theme loads on every page, is left to the search page.

Wiring: ``setup(app)``; the package extension ``embargo_kit.sphinx`` calls it.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from embargo_kit import quizbank
from embargo_kit.content.frontmatter import FrontMatterError, read_front_matter

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
JS_FILE = "progress.js"
CSS_FILE = "progress.css"
QUIZ_JS = "quiz.js"
TRACKS = quizbank.TRACKS
LESSON_DOC = re.compile(r"^book/(?P<track>[a-z]+)/(?P=track)-(?P<num>\d{2})[a-z]?-[^/]+$")
TRACK_DOC = re.compile(r"^book/(?P<track>[a-z]+)/index$")
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


# ------------------------------------------------------------------------------------------------ nodes


class lesson_progress(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """End of a lesson page: the "done" control and the track-scoped previous/next links."""


class track_nav(nodes.General, nodes.Element):  # noqa: N801
    """End of a notebook page: the previous/next pair along its track (a lesson page has it in lesson_progress)."""


class track_progress(nodes.General, nodes.Element):  # noqa: N801
    """Top of a track page: how far the learner is in this track."""


class progress_dashboard(nodes.General, nodes.Element):  # noqa: N801
    """Every track and lesson with its state (the "Your progress" page)."""


class progress_controls(nodes.General, nodes.Element):  # noqa: N801
    """Export, import and clear."""


def _a(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _json_script(data: Any) -> str:
    # "</" cannot end the script element early: JSON allows "<\/".
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" class="ek-progress-catalogue">{text}</script>\n'


def _minutes(total: int) -> str:
    hours, minutes = divmod(int(total), 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def _where(progress_uri: str, words: str) -> str:
    """Where progress is kept, with a link to the progress page when the book has one."""
    if not progress_uri:
        return html.escape(words) + "."
    return (f'{html.escape(words)}: <a href="{_a(progress_uri)}">Your progress</a> saves it to a file or moves it '
            "to another computer.")


def visit_lesson_progress_html(self: Any, node: lesson_progress) -> None:
    lesson, track = node["lesson"], node["track"]
    lid = _a(lesson["id"])
    out = [
        f'<div class="ek-lesson-end" data-lesson="{lid}" data-track="{_a(track["id"])}"'
        f' data-quiz="{_a(" ".join(node["quiz"]))}">\n',
        # Hidden until progress.js runs: without JavaScript (or storage) the control could not work.
        '<div class="ek-done" hidden="hidden">\n'
        f'<p class="ek-done-control"><input type="checkbox" class="ek-done-toggle" id="ek-done-{lid}" />'
        f' <label for="ek-done-{lid}">Mark this lesson done</label></p>\n'
        '<p class="ek-done-status"></p>\n'
        f'<p class="ek-done-where">{_where(node["progress_uri"], "Your progress stays in this browser")}</p>\n'
        "</div>\n",
        _track_nav_html(node),
        "</div>\n",
    ]
    self.body.append("".join(out))
    raise nodes.SkipNode


NAV_NOUNS = {"lesson": "lesson", "notebook": "exercise"}


def _track_nav_html(node: nodes.Element) -> str:
    """The one previous/next pair of a lesson or notebook page: along the track, notebooks included."""
    track = node["track"]
    out = [f'<nav class="ek-track-nav" aria-label="{_a("Lessons of the track: " + track["title"])}">\n']
    for rel, css, direction in (("prev", "ek-track-prev", "Previous"), ("next", "ek-track-next", "Next")):
        target = node[rel]
        noun = NAV_NOUNS.get(target["kind"])
        label = f"{direction} {noun}" if noun else f"{direction}: track overview"
        out.append(
            f'<a class="{css}" href="{_a(target["uri"])}" rel="{rel}">'
            f'<span class="ek-track-nav-dir">{html.escape(label)}</span> '
            f'<span class="ek-track-nav-title">{html.escape(target["title"])}</span></a>\n'
        )
    out.append("</nav>\n")
    return "".join(out)


def visit_track_nav_html(self: Any, node: "track_nav") -> None:
    self.body.append(_track_nav_html(node))
    raise nodes.SkipNode


def visit_track_progress_html(self: Any, node: track_progress) -> None:
    track = node["track"]
    tid = _a(track["id"])
    self.body.append(
        f'<div class="ek-track-progress" data-track="{tid}" hidden="hidden">\n'
        + _json_script({"tracks": [track]})
        + f'<p class="ek-track-progress-summary" id="ek-track-summary-{tid}">Your progress in this track</p>\n'
        f'<progress class="ek-track-bar" max="{len(track["lessons"])}" value="0"'
        f' aria-labelledby="ek-track-summary-{tid}"></progress>\n'
        '<p class="ek-track-continue"></p>\n'
        f'<p class="ek-track-where">{_where(node["progress_uri"], "Kept in this browser only")}</p>\n'
        "</div>\n"
    )
    raise nodes.SkipNode


def visit_progress_dashboard_html(self: Any, node: progress_dashboard) -> None:
    out = ['<div class="ek-dashboard">\n', _json_script({"tracks": node["tracks"]}),
           '<noscript><p class="ek-nojs">Progress is kept by your browser and needs JavaScript.</p></noscript>\n',
           '<p class="ek-dashboard-total" role="status" aria-live="polite"></p>\n']
    for track in node["tracks"]:
        tid = _a(track["id"])
        minutes = sum(lesson["minutes"] for lesson in track["lessons"])
        out.append(f'<section class="ek-dashboard-track" data-track="{tid}" aria-labelledby="ek-dash-{tid}">\n'
                   f'<h3 id="ek-dash-{tid}"><a href="{_a(track["uri"])}">{html.escape(track["title"])}</a></h3>\n')
        if not track["lessons"]:
            out.append('<p class="ek-dashboard-empty">No lessons published in this track yet.</p>\n</section>\n')
            continue
        out.append(
            f'<p class="ek-dashboard-summary" id="ek-dash-sum-{tid}">{len(track["lessons"])} lessons, '
            f'{_minutes(minutes)}.</p>\n'
            f'<progress class="ek-track-bar" max="{len(track["lessons"])}" value="0"'
            f' aria-labelledby="ek-dash-sum-{tid}"></progress>\n'
            '<div class="pst-scrollable-table-container"><table class="ek-table ek-dashboard-table table">\n'
            f'<caption>Lessons: {html.escape(track["title"])}</caption>\n'
            '<thead><tr><th scope="col">Lesson</th><th scope="col">Minutes</th>'
            '<th scope="col">Quiz</th><th scope="col">Done</th></tr></thead>\n<tbody>\n'
        )
        for lesson in track["lessons"]:
            lid = _a(lesson["id"])
            quiz = f'{len(lesson["quiz"])} questions' if lesson["quiz"] else "no quiz"
            out.append(
                f'<tr data-lesson="{lid}"><td><a href="{_a(lesson["uri"])}">{html.escape(lesson["id"])}: '
                f'{html.escape(lesson["title"])}</a></td><td>{lesson["minutes"]}</td>'
                f'<td class="ek-dash-quiz">{quiz}</td><td class="ek-dash-done">not yet</td></tr>\n'
            )
        out.append("</tbody>\n</table></div>\n</section>\n")
    out.append("</div>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def visit_progress_controls_html(self: Any, node: progress_controls) -> None:
    self.body.append(
        '<div class="ek-progress-controls" hidden="hidden">\n'
        '<div class="ek-control"><button type="button" class="ek-export">Save my progress to a file</button>\n'
        '<p class="ek-control-help">Downloads <code>embargo-kit-progress-DATE.json</code>: the lessons you marked'
        " done and your quiz results, nothing else.</p></div>\n"
        '<div class="ek-control"><label for="ek-import-file">Load progress from a file</label>\n'
        '<input type="file" id="ek-import-file" class="ek-import" accept=".json,application/json" />\n'
        '<p class="ek-control-help">Adds what the file holds to what this browser already has; a quiz question'
        " answered correctly stays correct.</p></div>\n"
        '<div class="ek-control"><button type="button" class="ek-clear">Clear my progress in this browser</button>\n'
        '<p class="ek-control-help">Asks before it deletes anything. Save to a file first if you may want it'
        " back.</p></div>\n"
        '<p class="ek-control-status" role="status" aria-live="polite"></p>\n'
        "</div>\n"
        '<noscript><p class="ek-nojs">Saving and loading progress needs JavaScript.</p></noscript>\n'
    )
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


# -------------------------------------------------------------------------------------------- directives


class ProgressDashboard(SphinxDirective):
    def run(self):
        return [progress_dashboard()]


class ProgressControls(SphinxDirective):
    def run(self):
        return [progress_controls()]


# ------------------------------------------------------------------------------------------- catalogue


def _quiz_ids(app: Sphinx) -> dict[str, list[str]]:
    """Lesson ID -> its in-page quiz item IDs (``use`` contains ``quiz``; items with errors are skipped)."""
    from embargo_kit.sphinx.quiz import bank_dir

    by_lesson: dict[str, list[str]] = {}
    try:
        items = quizbank.load_bank(bank_dir(app.config, app.confdir), errors=[])
    except Exception:  # the quiz directive reports bank problems; progress just shows no quiz
        return by_lesson
    for item in items:
        if "quiz" in item.use and not quizbank.item_errors(item):
            by_lesson.setdefault(item.lesson, []).append(item.id)
    return by_lesson


def catalogue(app: Sphinx) -> dict[str, Any]:
    """Tracks (in course order) with their lessons (in file order, as the track table lists them).

    Lessons are the documents of this build matching ``book/<track>/<track>-NN-*``; a lesson file that is
    not in the table of contents is not built, so it is not listed either.
    """
    env = app.env
    cached = getattr(app, "_ek_progress_catalogue", None)
    if cached is not None:
        return cached
    quiz = _quiz_ids(app)
    docs = set(env.found_docs)
    tracks = []
    for track in TRACKS:
        index = f"book/{track}/index"
        if index not in docs:
            continue
        lessons = []
        for doc in sorted(d for d in docs if (m := LESSON_DOC.match(d)) and m["track"] == track):
            try:
                meta = read_front_matter(env.doc2path(doc))
            except (FrontMatterError, OSError) as exc:
                logger.warning(f"progress: {exc}", location=doc)
                meta = {}
            lesson_id = str(meta.get("id") or "-".join(doc.rsplit("/", 1)[1].split("-")[:2]))
            title = meta.get("title") or (env.titles[doc].astext() if doc in env.titles else lesson_id)
            try:
                minutes = int(meta.get("teaching", 0) or 0) + int(meta.get("exercises", 0) or 0)
            except (TypeError, ValueError):
                minutes = 0
            lessons.append({"id": lesson_id, "title": str(title), "doc": doc, "minutes": minutes,
                            "quiz": quiz.get(lesson_id, [])})
        title = env.titles[index].astext() if index in env.titles else track.capitalize()
        tracks.append({"id": track, "title": title, "doc": index, "lessons": lessons})
    result = {"tracks": tracks}
    app._ek_progress_catalogue = result  # type: ignore[attr-defined]
    return result


def _progress_doc(app: Sphinx) -> str | None:
    doc = app.config.embargo_kit_progress_page
    return doc if doc in app.env.found_docs else None


def _with_uris(track: dict[str, Any], builder: Any, docname: str) -> dict[str, Any]:
    """A copy of ``track`` for the page ``docname``: relative URIs, no docnames."""
    uri = builder.get_relative_uri
    return {
        "id": track["id"], "title": track["title"], "uri": uri(docname, track["doc"]),
        "lessons": [{"id": lesson["id"], "title": lesson["title"], "minutes": lesson["minutes"],
                     "quiz": lesson["quiz"], "uri": uri(docname, lesson["doc"])}
                    for lesson in track["lessons"]],
    }


# ---------------------------------------------------------------------------------------------- events


def _forget_catalogue(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """A lesson added, changed or removed changes its neighbours, its track page and the progress page."""
    app._ek_progress_catalogue = None  # type: ignore[attr-defined]
    app._ek_track_steps = None  # type: ignore[attr-defined]
    touched = {d for d in (*added, *changed, *removed) if LESSON_DOC.match(d)}
    if not touched:
        return []
    again = {d for d in env.found_docs if LESSON_DOC.match(d) or TRACK_DOC.match(d)}
    progress_page = app.config.embargo_kit_progress_page
    if progress_page in env.found_docs:
        again.add(progress_page)
    return sorted(again - set(added) - set(changed) - set(removed))


def _is_html(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name in HTML_BUILDERS


def _track_steps(app: Sphinx, data: dict[str, Any]) -> dict[str, tuple[dict[str, Any], int, list[tuple[str, str, str]]]]:
    """Docname -> (its track, its position, the track's sequence of (kind, doc, title)).

    A track is walked as the table of contents lists it: each lesson, then the notebooks under it
    (its sections in _toc.yml), then the next lesson.
    """
    cached = getattr(app, "_ek_track_steps", None)
    if cached is not None:
        return cached
    env = app.env
    out: dict[str, tuple[dict[str, Any], int, list[tuple[str, str, str]]]] = {}
    for track in data["tracks"]:
        sequence: list[tuple[str, str, str]] = []
        for lesson in track["lessons"]:
            sequence.append(("lesson", lesson["doc"], f"{lesson['id']}: {lesson['title']}"))
            for doc in env.toctree_includes.get(lesson["doc"], []):
                if doc.startswith("exercises/") and doc in env.found_docs:
                    title = env.titles[doc].astext() if doc in env.titles else doc.rsplit("/", 1)[-1]
                    sequence.append(("notebook", doc, title))
        for i, (_, doc, _) in enumerate(sequence):
            out.setdefault(doc, (track, i, sequence))
    app._ek_track_steps = out  # type: ignore[attr-defined]
    return out


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not _is_html(app):
        for node in list(doctree.findall(lambda n: isinstance(n, (progress_dashboard, progress_controls)))):
            node.parent.remove(node)
        return
    builder = app.builder
    progress_doc = _progress_doc(app)
    progress_uri = builder.get_relative_uri(docname, progress_doc) if progress_doc else ""
    data = catalogue(app)

    for node in list(doctree.findall(progress_dashboard)):
        node["tracks"] = [_with_uris(track, builder, docname) for track in data["tracks"]]
    lesson_match, track_match = LESSON_DOC.match(docname), TRACK_DOC.match(docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return

    steps = _track_steps(app, data)
    if docname in steps:
        track, position, sequence = steps[docname]
        overview = {"kind": "track", "uri": builder.get_relative_uri(docname, track["doc"]),
                    "title": track["title"]}

        def neighbour(i: int) -> dict[str, str]:
            if 0 <= i < len(sequence):
                kind, doc, title = sequence[i]
                return {"kind": kind, "uri": builder.get_relative_uri(docname, doc), "title": title}
            return overview

        here = sequence[position]
        common = {"track": {"id": track["id"], "title": track["title"]},
                  "prev": neighbour(position - 1), "next": neighbour(position + 1)}
        if here[0] == "lesson":
            lesson = next(ls for ls in track["lessons"] if ls["doc"] == docname)
            section += lesson_progress(lesson=lesson, quiz=lesson["quiz"], progress_uri=progress_uri, **common)
        else:
            section += track_nav(**common)
    elif track_match:
        track = next((t for t in data["tracks"] if t["id"] == track_match["track"]), None)
        if track is None or not track["lessons"]:
            return
        node = track_progress(track=_with_uris(track, builder, docname), progress_uri=progress_uri)
        # After the title and the first paragraph (who the track is for), before the lesson table.
        title = next(iter(section.findall(nodes.title)), None)
        children = list(section.children)
        at = children.index(title) + 1 if title in children else 0
        if at < len(children) and isinstance(children[at], nodes.paragraph):
            at += 1
        section.insert(at, node)


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is None:
        return
    # progress.js runs on every page: done ticks in the navigation, "continue where you left off" on the
    # landing page, decision exercises and the wide-table cue (deferred and small: it does not delay paint).
    app.add_js_file(JS_FILE, loading_method="defer")
    app.add_css_file(CSS_FILE)
    ours = next(iter(doctree.findall(
        lambda n: isinstance(n, (lesson_progress, track_progress, progress_dashboard, progress_controls)))), None)
    if ours is None and pagename != app.config.root_doc:
        return
    # quiz.js owns the quiz results store (window.embargoKitProgress); the quiz extension adds it on pages
    # with a quiz, this adds it where progress is shown without one. Duplicates are removed by compat.py.
    from embargo_kit.sphinx.quiz import quiz_item

    if next(iter(doctree.findall(quiz_item)), None) is None:
        app.add_js_file(QUIZ_JS, loading_method="defer")


# ------------------------------------------------------------------------------------ theme fixes
# Two defects of the theme that the browser tests of this module catch on every page; they live here until
# they find a home in compat.py.


def _name_sidebar_toggles(soup: Any) -> Any:
    """pydata-sphinx-theme opens sub-lists of the sidebar with an empty ``<summary>`` (a chevron only):
    axe's serious ``summary-name``. Name each one after the page whose sub-pages it shows."""
    for summary in soup.find_all("summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item.find("a", recursive=False) if item else None
        title = link.get_text(" ", strip=True) if link else ""
        summary["aria-label"] = f"Show or hide the pages under {title}" if title else "Show or hide sub-pages"
    return soup


def _theme_fixes(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    generate = context.get("generate_toctree_html")
    if callable(generate) and not getattr(generate, "_ek_named", False):
        def named(*args: Any, **kwargs: Any) -> Any:
            # Arguments passed on exactly as given: the theme caches the (costly) tree per page by its
            # arguments, and the template's own empty check already called it with these keywords.
            result = generate(*args, **kwargs)  # a BeautifulSoup tree (pydata-sphinx-theme 0.17)
            return _name_sidebar_toggles(result) if hasattr(result, "find_all") else result

        named._ek_named = True  # type: ignore[attr-defined]
        context["generate_toctree_html"] = named
    # No favicon configured: browsers ask for /favicon.ico anyway and log a 404 on every page. An empty icon
    # stops the request (a real one in html_favicon takes over).
    if not context.get("favicon_url") and not getattr(app.config, "html_favicon", None):
        context["metatags"] = context.get("metatags", "") + '\n<link rel="icon" href="data:," />'


FONTAWESOME_JS = ("_static", "scripts", "fontawesome.js")
FONTAWESOME_STUB = ("/* Font Awesome's SVG-icon script (1.4 MB) is not shipped: the theme's icons are drawn by its icon font,\n"
                    " * declared in pydata-sphinx-theme.css. pydata-sphinx-theme loads this script only so that sites can\n"
                    " * add custom icons, which this book does not. Replaced by embargo_kit/sphinx/progress.py. */\n")


def _drop_icon_script(app: Sphinx, exception: Exception | None) -> None:
    """Page weight: every page of the theme loads scripts/fontawesome.js (1.4 MB, 58 % of a lesson's bytes)
    although the icons it could draw come from the icon font already. Replace it with a comment."""
    if exception is not None or not _is_html(app):
        return
    script = Path(app.outdir).joinpath(*FONTAWESOME_JS)
    if script.exists() and script.stat().st_size > len(FONTAWESOME_STUB):
        script.write_text(FONTAWESOME_STUB, encoding="utf-8")
        script.with_name(script.name + ".map").unlink(missing_ok=True)


INLINE_SEARCH = re.compile(
    r'[ \t]*<script src="[./]*_static/searchtools\.js"></script>\s*'
    r'<script src="[./]*_static/language_data\.js"></script>\s*'
    r'<script src="[./]*searchindex\.js"></script>\n?')


def _drop_inline_search_index(app: Sphinx, exception: Exception | None) -> None:
    """Page weight: pydata-sphinx-theme puts the whole search index (searchindex.js, which grows with every
    lesson) on every page, for a search-as-you-type mode this book leaves off. The search box sends the
    reader to search.html, which loads the index itself; drop it from the other pages."""
    if exception is not None or not _is_html(app) or app.builder.name != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        if page.name == "search.html" and page.parent == Path(app.outdir):
            continue
        text = page.read_text(encoding="utf-8")
        if "searchindex.js" in text:
            slimmer = INLINE_SEARCH.sub("", text, count=1)
            if slimmer != text:
                page.write_text(slimmer, encoding="utf-8")


def _add_static_path(app: Sphinx, config: Any) -> None:
    static = str(STATIC_DIR)
    paths = list(getattr(config, "html_static_path", []) or [])
    if static not in paths:
        config.html_static_path = [*paths, static]


def setup(app: Sphinx) -> dict[str, Any]:
    metadata = {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
    if getattr(app, "_embargo_kit_progress_ready", False):
        return metadata
    app._embargo_kit_progress_ready = True  # type: ignore[attr-defined]
    app.add_config_value("embargo_kit_progress_page", "book/start/progress", "html", types=[str])
    for node, visit in ((lesson_progress, visit_lesson_progress_html), (track_progress, visit_track_progress_html),
                        (track_nav, visit_track_nav_html),
                        (progress_dashboard, visit_progress_dashboard_html),
                        (progress_controls, visit_progress_controls_html)):
        handlers = {name: (visit, None) for name in HTML_BUILDERS}
        handlers.update({name: (_skip, None) for name in ("latex", "text", "man", "texinfo", "epub")})
        app.add_node(node, override=True, **handlers)
    app.add_directive("progress-dashboard", ProgressDashboard, override=True)
    app.add_directive("progress-controls", ProgressControls, override=True)
    app.connect("config-inited", _add_static_path)
    app.connect("env-get-outdated", _forget_catalogue)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _add_assets)
    app.connect("html-page-context", _theme_fixes, priority=900)
    app.connect("build-finished", _drop_icon_script)
    app.connect("build-finished", _drop_inline_search_index)
    return metadata
