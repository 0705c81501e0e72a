"""No expected answer reaches a learner: learner notebooks and the built learner site are scanned for the
strings each check module's ``leak_probes()`` returns. Failures name the file and the lesson/question, never
the answer itself (this test's output is read by people who must not see it either).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from embargo_kit import checks

ROOT = Path(__file__).resolve().parents[2]
LEARNER_SITE = ROOT / "_build" / "learner" / "_build" / "html"
FIXTURE_CHECKS = Path(__file__).parent / "fixtures" / "checks"
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def probes_of(module: ModuleType, lesson: str) -> list[tuple[str, str]]:
    """(label, probe) pairs. ``leak_probes()`` may return a list of strings or a dict {question: [strings]}."""
    raw = module.leak_probes() if hasattr(module, "leak_probes") else []
    pairs: list[tuple[str, str]] = []
    if isinstance(raw, dict):
        for qid, values in raw.items():
            for value in [values] if isinstance(values, (str, int, float)) else values:
                pairs.append((f"{lesson} {qid}", str(value)))
    else:
        pairs = [(f"{lesson} (probe {i + 1})", str(value)) for i, value in enumerate(raw)]
    return pairs


def matcher(probe: str):
    """A function text -> bool, or None for probes too short to scan (non-numbers under 4 characters)."""
    probe = " ".join(probe.split())
    if _NUMBER.match(probe):
        rx = re.compile(r"(?<![\w.])" + re.escape(probe) + r"(?![\w]|\.\d)")
        return lambda text: rx.search(text) is not None
    if len(probe) < 4:
        return None
    needle = probe.casefold()
    return lambda text: needle in " ".join(text.casefold().split())


def notebook_text(path: Path) -> str:
    """The visible text of a notebook: cell sources and any outputs (not its metadata)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        parts.append(src if isinstance(src, str) else "".join(src))
        for out in cell.get("outputs", []) or []:
            parts.append(json.dumps(out, ensure_ascii=False))
    return "\n".join(parts)


def scan(files: list[Path], probes: list[tuple[str, str]], root: Path) -> list[str]:
    compiled = [(label, m) for label, p in probes if (m := matcher(p)) is not None]
    leaks = []
    for path in files:
        text = notebook_text(path) if path.suffix == ".ipynb" else html.unescape(page_content(path))
        for label, match in compiled:
            if match(text):
                leaks.append(f"{path.relative_to(root)} contains an expected answer of {label}")
    return leaks


def page_content(path: Path) -> str:
    """The page's own content: the article, without the site navigation that lists every lesson's title
    (a title such as "Working with the 1718 Committee" is not an answer given away by the exercise page)."""
    text = path.read_text("utf-8", "replace")
    start, end = text.find("<article"), text.rfind("</article>")
    return text[start:end] if 0 <= start < end else text


def learner_files(root: Path) -> list[Path]:
    files = sorted(p for p in (root / "exercises").glob("*/*.ipynb") if p.parent.name != "solutions")
    site = root / "_build" / "learner" / "_build" / "html"
    if site.is_dir():
        # The exercise pages and the downloadable notebooks: lesson pages teach the facts the answers rest on.
        files += sorted(p for p in (site / "exercises").rglob("*.html"))
        files += sorted((site / "_downloads").rglob("*.ipynb"))
    return files


def own_files(files: list[Path], lesson: str) -> list[Path]:
    """A lesson's answers are looked for in that lesson's own exercise files (notebook, page, download):
    other lessons may well state the same facts (a resolution number) as part of their teaching."""
    return [p for p in files if p.name.startswith(lesson)]


def test_no_answer_reaches_a_learner():
    lessons = checks.available(include_extra=False)
    if not lessons:
        pytest.skip("no check modules in embargo_kit.checks yet: nothing to scan for")
    files = learner_files(ROOT)
    if not files:
        pytest.skip("no learner notebooks under exercises/<part>/ and no learner site built yet")
    leaks = []
    for lesson in lessons:
        leaks += scan(own_files(files, lesson), probes_of(checks.load(lesson), lesson), ROOT)
    assert not leaks, "answers reach learners:\n" + "\n".join(leaks)


def test_every_check_module_declares_leak_probes():
    missing = [lesson for lesson in checks.available(include_extra=False)
               if not callable(getattr(checks.load(lesson), "leak_probes", None))]
    assert not missing, f"check modules without leak_probes(): {missing}"


def test_the_scan_finds_a_leak_and_does_not_print_it(tmp_path, monkeypatch):
    """The scanner itself: a learner notebook carrying an answer is caught, a clean one is not."""
    monkeypatch.setenv(checks.ENV_EXTRA, str(FIXTURE_CHECKS))
    probes = probes_of(checks.load("demo-01"), "demo-01")
    assert ("demo-01 q2", "Alpha Star") in probes
    part = tmp_path / "exercises" / "demo"
    part.mkdir(parents=True)
    clean = '{"cells": [{"cell_type": "code", "source": "resolution = ...\\nx = 17180", "outputs": []}]}'
    leaky = '{"cells": [{"cell_type": "markdown", "source": ["The answer is\\n", "ALPHA   star."]}]}'
    (part / "demo-01-clean.ipynb").write_text(clean)
    (part / "demo-01-leaky.ipynb").write_text(leaky)
    site = tmp_path / "_build" / "learner" / "_build" / "html"
    (site / "exercises" / "demo").mkdir(parents=True)
    (site / "exercises" / "demo" / "page.html").write_text("<p>Resolution&nbsp;1718 (2006)</p>")
    (site / "exercises" / "demo" / "ok.html").write_text("<p>var v = 1718.5; var w = 'x1718';</p>")
    (site / "lesson.html").write_text("<p>Lesson pages teach the facts: 1718 (2006)</p>")
    leaks = scan(learner_files(tmp_path), probes, tmp_path)
    assert leaks == [
        "exercises/demo/demo-01-leaky.ipynb contains an expected answer of demo-01 q2",
        "_build/learner/_build/html/exercises/demo/page.html contains an expected answer of demo-01 q1",
    ]
    assert not any("Alpha" in leak or "1718" in leak for leak in leaks)
