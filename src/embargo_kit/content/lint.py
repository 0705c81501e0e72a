"""Content lint: the lesson contract, citations, alt text, cell tags and TOC order.

Every problem is one line `path:line: message` so an author can jump to it. `python -m
embargo_kit.content.lint` prints them and exits 1 if there are any; the test suite runs the same checks.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tomllib
from pathlib import Path

import yaml

from embargo_kit.content.force import Problem, validate_registry  # noqa: F401 (Problem re-exported)
from embargo_kit.content.frontmatter import FrontMatterError, split_front_matter
from embargo_kit.content.registry import ROLE_IN_TEXT, CitationError, parse_citation

PARTS = ("awareness", "port", "customs", "finance", "capstone", "national")
LEVELS = ("basic", "practitioner", "advanced")
REQUIRED = ("id", "title", "tracks", "audience_level", "teaching", "exercises", "prerequisites",
            "objectives", "sources", "as_of")
CELL_TAGS = {"solution", "setup", "check", "instructor", "hide-input", "hide-output", "remove-input",
             "remove-output", "remove-cell", "raises-exception"}
LESSON_FILE = re.compile(r"^(?P<id>(?P<part>[a-z]+)-\d{2})-[a-z0-9-]+\.md$")
NOTEBOOK_FILE = re.compile(r"^(?P<id>(?P<part>[a-z]+)-\d{2})[ab]?-[a-z0-9-]+\.ipynb$")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]+)\)")
FIGURE = re.compile(r"^(`{3,}|:{3,})\{(figure|image)\}")


def project_settings(root: Path) -> dict:
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return data.get("tool", {}).get("embargo_kit", {})


def lesson_files(root: Path) -> list[Path]:
    return sorted(p for part in PARTS for p in (root / "book" / part).glob(f"{part}-*.md"))


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def check_front_matter(path: Path, meta: dict, text: str, known_ids: set[str]) -> list[Problem]:
    problems: list[Problem] = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(path, _line_of(text, f"\n{field}:") if f"\n{field}:" in text else 2,
                                f"front matter field `{field}`: {message}"))

    for field in REQUIRED:
        if field not in meta:
            bad(field, "missing (required: " + ", ".join(REQUIRED) + ")")
    match = LESSON_FILE.match(path.name)
    if not match:
        problems.append(Problem(path, 1, "file name must be <part>-NN-<slug>.md in lower case"))
        return problems
    if "id" in meta and meta["id"] != match["id"]:
        bad("id", f"is {meta['id']!r} but the file name says {match['id']!r}")
    if match["part"] != path.parent.name:
        problems.append(Problem(path, 1, f"a {match['part']} lesson must live in book/{match['part']}/"))
    tracks = meta.get("tracks")
    if "tracks" in meta and (not isinstance(tracks, list) or not tracks or not set(tracks) <= set(PARTS)):
        bad("tracks", f"must be a non-empty list drawn from {', '.join(PARTS)}")
    if "audience_level" in meta and meta["audience_level"] not in LEVELS:
        bad("audience_level", f"must be one of {', '.join(LEVELS)}")
    for field in ("teaching", "exercises"):
        value = meta.get(field)
        if field in meta and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 480):
            bad(field, "must be a whole number of minutes between 0 and 480")
    prereqs = meta.get("prerequisites")
    if "prerequisites" in meta:
        if not isinstance(prereqs, list):
            bad("prerequisites", "must be a list of lesson IDs (use [] for none)")
        else:
            for prereq in prereqs:
                if prereq not in known_ids:
                    bad("prerequisites", f"refers to {prereq!r}, which is not a lesson")
    objectives = meta.get("objectives")
    if "objectives" in meta:
        if not isinstance(objectives, list) or not objectives:
            bad("objectives", "must be a non-empty list of {id, text}")
        else:
            seen = set()
            for obj in objectives:
                oid = obj.get("id") if isinstance(obj, dict) else None
                if not isinstance(obj, dict) or not obj.get("text") or not re.fullmatch(
                        rf"{re.escape(str(meta.get('id')))}\.o\d+", str(oid)):
                    bad("objectives", f"each item needs `id: {meta.get('id')}.oN` and `text` (got {obj!r:.60})")
                elif oid in seen:
                    bad("objectives", f"objective ID {oid} is used twice")
                seen.add(oid)
    if "sources" in meta and (not isinstance(meta["sources"], list) or not meta["sources"]):
        bad("sources", "must be a non-empty list")
    if "as_of" in meta and as_of_date(meta) is None:
        bad("as_of", 'must be a quoted date, as_of: "YYYY-MM-DD" (an unquoted date breaks notebook pages)')
    if "title" in meta and f"# {meta['title']}" not in text:
        bad("title", "must match the page's first heading (`# <title>`)")
    if "id" in meta and f"({meta['id']})=" not in text:
        problems.append(Problem(path, 1, f"the page needs the label `({meta.get('id')})=` above its title"))
    return problems


def as_of_date(meta: dict) -> dt.date | None:
    """The as_of date of a front matter, which must be a quoted ISO date string."""
    value = meta.get("as_of")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check_as_of(path: Path, meta: dict, release: dt.date, horizon_days: int) -> list[Problem]:
    as_of = as_of_date(meta)
    if as_of is None:
        return []
    if as_of > release:
        return [Problem(path, 2, f"as_of {as_of} is later than the release date {release} in pyproject.toml")]
    if (release - as_of).days > horizon_days:
        return [Problem(path, 2, f"as_of {as_of} is more than {horizon_days} days before the release {release}: "
                                 "re-check the facts and update as_of")]
    return []


def check_markdown_text(path: Path, text: str, first_line: int = 1) -> list[Problem]:
    """Citations, image alt text: applies to pages and to notebook markdown cells."""
    problems = []
    for match in ROLE_IN_TEXT.finditer(text):
        try:
            parse_citation(match[1])
        except CitationError as exc:
            problems.append(Problem(path, first_line + text.count("\n", 0, match.start()), f"citation: {exc}"))
    for match in MD_IMAGE.finditer(text):
        if not match["alt"].strip():
            problems.append(Problem(path, first_line + text.count("\n", 0, match.start()),
                                    f"image {match['src']} has no alt text: write ![what it shows]({match['src']})"))
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if FIGURE.match(line.strip()):
            block = []
            for following in lines[number + 1:]:
                if following.strip().startswith(("```", ":::")):
                    break
                block.append(following)
            if not any(b.strip().startswith(":alt:") for b in block):
                problems.append(Problem(path, first_line + number, "figure/image directive without an :alt: option"))
        if line.strip().startswith("```{code-cell}"):
            block = []
            for following in lines[number + 1:]:
                if following.strip().startswith("```"):
                    break
                block.append(following)
            code = "\n".join(block)
            if re.search(r"\bplt\.|\.plot\(|\bax\.", code) and "alt:" not in code:
                problems.append(Problem(path, first_line + number,
                                        "code cell draws a figure but sets no alt text (:mystnb: image: alt:)"))
    return problems


def check_notebook(path: Path) -> list[Problem]:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [Problem(path, 1, f"not a readable notebook ({exc})")]
    problems = []
    for index, cell in enumerate(notebook.get("cells", [])):
        tags = set(cell.get("metadata", {}).get("tags", []))
        unknown = tags - CELL_TAGS
        if unknown:
            problems.append(Problem(path, 1, f"cell {index}: unknown tag(s) {sorted(unknown)}; "
                                             f"allowed: {sorted(CELL_TAGS)}"))
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", ""))
            for problem in check_markdown_text(path, source):
                problem.message = f"cell {index}: {problem.message}"
                problem.line = 1
                problems.append(problem)
    return problems


def toc_files(root: Path) -> list[str]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(str(entry["file"]))
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return files


def check_toc(root: Path, lessons: list[Path]) -> list[Problem]:
    problems = []
    listed = toc_files(root)
    toc = root / "_toc.yml"
    for path in lessons:
        rel = str(path.relative_to(root).with_suffix(""))
        if rel not in listed:
            problems.append(Problem(path, 1, "lesson is not in _toc.yml, so it is not built"))
    for part in PARTS:
        order = [Path(f).name for f in listed if f.startswith(f"book/{part}/{part}-")]
        if order != sorted(order):
            problems.append(Problem(toc, 1, f"{part} lessons are not in ID order in the TOC: {order}"))
    for entry in listed:
        if not any((root / f"{entry}{suffix}").exists() for suffix in (".md", ".ipynb")):
            problems.append(Problem(toc, _line_of(toc.read_text(), entry), f"{entry} does not exist"))
    return problems


def lint(root: Path) -> list[Problem]:
    root = Path(root)
    settings = project_settings(root)
    release = dt.date.fromisoformat(str(settings.get("release", "2026-11-25")))
    horizon = int(settings.get("as_of_horizon_days", 540))
    problems: list[Problem] = []
    lessons = lesson_files(root)
    known_ids = {LESSON_FILE.match(p.name)["id"] for p in lessons if LESSON_FILE.match(p.name)}
    for path in lessons:
        text = path.read_text(encoding="utf-8")
        try:
            meta, _ = split_front_matter(text, path)
        except FrontMatterError as exc:
            problems.append(Problem(path, 1, str(exc).split(": ", 1)[-1]))
            continue
        if not meta:
            problems.append(Problem(path, 1, "a lesson needs front matter between --- lines (see CONTRIBUTING.md)"))
            continue
        problems += check_front_matter(path, meta, text, known_ids)
        problems += check_as_of(path, meta, release, horizon)
    for path in sorted((root / "book").rglob("*.md")):
        problems += check_markdown_text(path, path.read_text(encoding="utf-8"))
    for path in sorted((root / "exercises").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        if not NOTEBOOK_FILE.match(path.name):
            problems.append(Problem(path, 1, "notebook name must be <part>-NN[a|b]-<slug>.ipynb"))
        elif NOTEBOOK_FILE.match(path.name)["id"] not in known_ids:
            problems.append(Problem(path, 1, "notebook ID matches no lesson page"))
        problems += check_notebook(path)
    problems += check_toc(root, lessons)
    problems += [Problem(p.path, p.line, f"registry: {p.message}") for p in validate_registry()]
    return problems


def main() -> int:
    from embargo_kit.book import project_root

    problems = lint(project_root())
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found." if problems else "Content lint: no problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
