"""The offline kits for a workshop room: a learner kit with no answers and a trainer kit with them.

``build_kits(root, ["port"], out)`` writes, in ``out``:

* ``learner-kit-<tracks>/`` and ``learner-kit-<tracks>.zip``: the learner edition of the site (opens from
  ``file://``), the learner notebooks of the chosen tracks, the ``embargo_kit`` wheel (the practice data
  ship inside it), optionally a wheelhouse of its dependencies, the agenda, handouts, slide decks without
  speaker notes, the evaluation questionnaire and a README for the room. No answers: the kit is scanned for
  answer keys, trainer notes and solution notebooks, and the build fails if it finds any.
* ``trainer-kit-<tracks>/`` and its zip: the instructor edition, the solution notebooks, pre- and post-tests
  with their answer key, slide decks with speaker notes, the agenda, handouts and the evaluation.

With ``profile=FILE`` (a national profile, see :mod:`embargo_kit.profile`) the slides and handouts name that
country's authorities, laws and reporting channel, both kits get ``national/`` (a contacts sheet and the
profile itself), and a site built for another profile is noted. Without it, the neutral wording is used.

The sites are copied from an existing build (``make build`` writes ``_build/<edition>/_build/html``); the kit
does not build the book itself. Sizes are returned so the command can report them.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from embargo_kit.workshop import planner
from embargo_kit.workshop.lessons import TRACK_NAMES, Lesson, discover

LEAK_MARKERS = ("answer-key", "trainer-note", "Instructor edition: contains", '<aside class="notes">', "Answer key", "# BEGIN SOLUTION",
                "pre/post test item")


class KitError(RuntimeError):
    pass


@dataclass
class KitResult:
    folder: Path
    archive: Path | None
    files: int
    bytes: int
    notes: list[str] = field(default_factory=list)


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def human(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _zip(folder: Path) -> Path:
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, Path(folder.name) / path.relative_to(folder))
    return archive


def scan_for_answers(folder: Path) -> list[str]:
    """Files of a learner kit that carry something only trainers may see."""
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if "solutions" in path.parts or "answer-key" in path.name:
            found.append(f"{rel}: a solutions or answer-key file")
            continue
        if path.is_file() and path.suffix in (".html", ".ipynb", ".md", ".txt", ".js", ".json", ".csv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in LEAK_MARKERS:
                if marker in text:
                    found.append(f"{rel}: contains {marker!r}")
                    break
    return found


def build_wheel(root: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                           "-w", str(out), str(root)], capture_output=True, text=True)
    wheels = sorted(out.glob("embargo_kit-*.whl"))
    if proc.returncode != 0 or not wheels:
        raise KitError("could not build the embargo_kit wheel: " + (proc.stderr.strip().splitlines() or ["?"])[-1])
    return wheels[-1]


_PROFILE_META = re.compile(r'<meta name="embargo-kit-profile" content="([^"]*)"')


def site_profile(site: Path) -> str | None:
    """The profile a built site says it was built for ("none" for the neutral wording; None if it does not say)."""
    from html import unescape

    index = site / "index.html"
    if not index.exists():
        return None
    match = _PROFILE_META.search(index.read_text(encoding="utf-8", errors="replace"))
    return unescape(match.group(1)) if match else None


def _readme(kind: str, tracks: list[str], lessons: list[Lesson], site_ok: bool, wheel: str, wheelhouse: bool,
            has_notebooks: bool = True, profile_label: str = "") -> str:
    names = ", ".join(TRACK_NAMES.get(t, t) for t in tracks)
    lines = [f"{'Learner' if kind == 'learner' else 'Trainer'} kit: {names}", "=" * 60, "",
             "Everything here works without internet.", ""]
    if kind == "trainer":
        lines += ["THIS KIT HOLDS ANSWERS (instructor edition, solutions, answer keys, pre/post tests).",
                  "Keep it on the trainer's laptop. Give the room the learner kit.", ""]
    lines += ["What is where", "-------------"]
    site = "site-instructor" if kind == "trainer" else "site"
    lines.append(f"{site}/index.html   the course; open it in any browser (double-click)"
                 if site_ok else f"{site}/   NOT INCLUDED: the book was not built when this kit was made")
    lines += [
        ("notebooks/           the exercise notebooks" + (" in solution form" if kind == "trainer" else "")
         if has_notebooks else "notebooks/           (none: these lessons have no notebook yet)"),
        "agenda/              the workshop agenda (HTML, Markdown, PDF)",
        "handouts/            one printable handout per track (HTML and PDF)",
        "slides/              one slide deck per lesson: open, press the arrow keys"
        + ("; N shows your notes" if kind == "trainer" else ""),
        "evaluation/          the end-of-workshop questionnaire (print it, or fill it in the browser)",
        "national/            who to call: " + (f"the national contacts sheet for {profile_label}"
                                                 if profile_label else "a blank national contacts sheet to fill in"),
    ]
    if kind == "trainer":
        lines.append("tests/               pre- and post-tests, answer key, blank answers CSV for `workshop gain`")
    if wheel:
        lines.append(f"wheel/{wheel}   the embargo_kit package with the practice data")
    if wheelhouse:
        lines.append("wheelhouse/          every package the notebooks need, for machines without internet")
    lines += ["", "Setting up a trainee machine (Python 3.11 or newer)", "---------------------------------------------------",
              "  python3 -m venv ekvenv",
              "  ekvenv/bin/pip install " + ("--no-index --find-links wheelhouse " if wheelhouse else "")
              + f"wheel/{wheel or 'embargo_kit-*.whl'} jupyterlab",
              "  ekvenv/bin/jupyter lab notebooks/",
              "(On Windows: ekvenv\\Scripts\\pip and ekvenv\\Scripts\\jupyter.)",
              "Run one notebook on every machine before the trainees arrive; each check should print a line.",
              "", "Lessons in this kit", "-------------------"]
    lines += [f"  {lesson.id:<14} {lesson.title} ({lesson.teaching} + {lesson.exercises} min)" for lesson in lessons]
    lines += ["", "Practice data are fictional (the Republic of Lumeria, its companies, vessels and banks);",
              "real designated entities appear only as on the public 1718 List.", ""]
    return "\n".join(lines)


def build_kits(root: str | Path, tracks: list[str], out: str | Path, *, days: int | None = None, start: str | None = None,
               learner_site: Path | None = None, instructor_site: Path | None = None, wheel: bool = True,
               wheelhouse: Path | None = None, pdf: bool = True, archive: bool = True,
               profile: Path | None = None) -> dict[str, KitResult]:
    from embargo_kit.workshop.evaluation import write_evaluation
    from embargo_kit.workshop.handouts import write_handout
    from embargo_kit.workshop.prepost import write_tests
    from embargo_kit.workshop.slides import write_deck
    from embargo_kit.workshop.pdf import write_html_and_pdf

    from embargo_kit import profile as national

    root, out = Path(root), Path(out)
    prof = None
    if profile is not None:
        try:
            prof = national.load_profile(profile)
        except national.ProfileError as exc:
            raise KitError(str(exc)) from None
    subs = national.substitutions(prof)
    known = discover(root)
    if days:
        agenda = planner.plan(root, tracks, days=days, start=start, lessons=known)
    else:  # the fewest days that hold the tracks
        agenda = planner.plan_fewest_days(root, tracks, start=start, lessons=known)
    lessons = agenda.lessons
    # Slides and handouts read the lesson source: give them the profile's names (or the neutral wording).
    worded = [dataclasses.replace(lesson, body=national.apply(lesson.body, subs)) for lesson in lessons]
    learner_site = learner_site or root / "_build" / "learner" / "_build" / "html"
    instructor_site = instructor_site or root / "_build" / "instructor" / "_build" / "html"
    objectives = {oid: text for lesson in known.values() for oid, text in lesson.objectives}
    tag = "-".join(tracks)
    results: dict[str, KitResult] = {}
    wheel_name = ""
    for kind in ("learner", "trainer"):
        folder = out / f"{kind}-kit-{tag}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        notes: list[str] = []
        site_src = learner_site if kind == "learner" else instructor_site
        site_dst = folder / ("site" if kind == "learner" else "site-instructor")
        site_ok = (site_src / "index.html").exists()
        if site_ok:
            shutil.copytree(site_src, site_dst, ignore=shutil.ignore_patterns(".buildinfo", "*.doctree"))
            built_for = site_profile(site_src)
            wanted = prof.label if prof else "none"
            if built_for is not None and built_for != wanted:
                fix = (f"`embargo-kit profile build {profile}`" if prof else "`make build` (no profile)")
                notes.append(f"the {kind} kit's site was built for the national profile {built_for!r}, not "
                             f"{wanted!r}; rebuild it with {fix} and pack the kit again")
        else:
            notes.append(f"no {'learner' if kind == 'learner' else 'instructor'} site at {site_src}: run `make build` first")
        nb_base = root / "exercises" / ("solutions" if kind == "trainer" else "")
        for lesson in lessons:
            for nb in sorted((nb_base / lesson.part).glob(f"{lesson.id}*.ipynb")):
                dst = folder / "notebooks" / lesson.part / nb.name
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(nb, dst)
        (folder / "agenda").mkdir()
        (folder / "agenda" / "agenda.md").write_text(planner.to_markdown(agenda), encoding="utf-8")
        write_html_and_pdf(planner.to_html(agenda), folder / "agenda" / "agenda.html", pdf)
        for track in tracks:
            write_handout(track, [l for l in worded if track in l.tracks], folder / "handouts", pdf)
        for lesson in worded:
            write_deck(lesson, folder / "slides", notes=(kind == "trainer"))
        if "capstone" in tracks:  # role cards carry the data and options, never the answers
            from embargo_kit.capstone.cards import write_role_cards

            write_role_cards(folder / "capstone", pdf)
        (folder / "national").mkdir()
        write_html_and_pdf(national.contacts_html(prof), folder / "national" / "contacts.html", pdf)
        if prof is not None:
            shutil.copy2(prof.path, folder / "national" / "profile.yaml")
        write_evaluation(folder / "evaluation", pdf)
        if kind == "trainer":
            for track in tracks:
                try:
                    write_tests(track, folder / "tests", objectives=objectives, pdf=pdf)
                except ValueError as exc:
                    notes.append(str(exc))
        if kind == "learner" and wheel:
            wheel_name = build_wheel(root, folder / "wheel").name
        elif kind == "trainer" and wheel_name:
            (folder / "wheel").mkdir()
            shutil.copy2(out / f"learner-kit-{tag}" / "wheel" / wheel_name, folder / "wheel" / wheel_name)
        if wheelhouse:
            shutil.copytree(wheelhouse, folder / "wheelhouse")
        (folder / "README.txt").write_text(
            _readme(kind, tracks, lessons, site_ok, wheel_name, bool(wheelhouse),
                    (folder / "notebooks").is_dir(), prof.label if prof else ""), encoding="utf-8")
        if kind == "learner":
            leaks = scan_for_answers(folder)
            if leaks:
                raise KitError("the learner kit would carry answers, so it was not finished:\n  " + "\n  ".join(leaks[:20]))
        files, size = _size(folder)
        results[kind] = KitResult(folder, _zip(folder) if archive else None, files, size, notes)
    return results
