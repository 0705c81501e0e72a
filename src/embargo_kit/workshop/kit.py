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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from embargo_kit.workshop import planner
from embargo_kit.workshop.lessons import TRACK_NAMES, Lesson, discover

if TYPE_CHECKING:
    from embargo_kit.workshop.planfile import PlanInputs

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
    form_notes: list[str] = field(default_factory=list)  # what the pre/post forms measure and leave out


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
    """Files of a learner kit that carry something only trainers may see; every archive (wheels, zips) opened."""
    from embargo_kit.bundle import scan_archive

    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if "solutions" in path.parts or "answer-key" in path.name:
            found.append(f"{rel}: a solutions or answer-key file")
            continue
        if path.is_file() and path.suffix in (".whl", ".zip"):
            found += scan_archive(path, rel)
            continue
        if path.is_file() and path.suffix in (".html", ".ipynb", ".md", ".txt", ".js", ".json", ".csv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in LEAK_MARKERS:
                if marker in text:
                    found.append(f"{rel}: contains {marker!r}")
                    break
    return found


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
            has_notebooks: bool = True, profile_label: str = "", house_pythons: list[str] | None = None) -> str:
    from embargo_kit import bundle
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
        lines.append(f"wheel/{wheel}   the embargo_kit package with the practice data"
                     + (" (answers included)" if kind == "trainer" else " (no answers)"))
    if kind == "learner" and wheel:
        lines.append("embargo-kit-learner-bundle.zip   the wheel, notebooks and install commands, to hand round")
    if wheelhouse:
        lines.append("wheelhouse/          every package the notebooks need, for machines without internet")
    whl = f"wheel/{wheel or 'embargo_kit-*.whl'}"
    names = bundle.names_requirements()
    house_py = " and ".join(house_pythons or ["3.11"])
    offline = "--no-index --find-links wheelhouse " if wheelhouse else ""
    lines += ["", "Setting up a trainee machine (Python 3.11 or 3.12), in this folder", "-" * 66,
              "Linux" + (f" (no internet needed: wheelhouse/ is for Linux x86_64, CPython {house_py})" if wheelhouse
                         else " (needs internet once)"),
              "  python3 -m venv ekvenv",
              f"  ekvenv/bin/pip install {offline}{whl} jupyterlab",
              "  ekvenv/bin/jupyter lab notebooks/",
              "macOS (needs internet once, or a wheelhouse built on a Mac: see below)",
              "  python3 -m venv ekvenv",
              f"  ekvenv/bin/pip install {whl} jupyterlab",
              "  ekvenv/bin/jupyter lab notebooks/",
              "Windows (needs internet once, or a wheelhouse built on Windows: see below)",
              "  py -3.12 -m venv ekvenv",
              f"  ekvenv\\Scripts\\pip install {whl.replace('/', chr(92))} jupyterlab",
              "  ekvenv\\Scripts\\jupyter lab notebooks\\",
              "A wheelhouse for macOS or Windows: on a connected machine of that system and Python run",
              f"  pip wheel -w wheelhouse {whl} jupyterlab",
              f"and install in the room with: pip install --no-index --find-links wheelhouse {whl} jupyterlab",
              "Name matching is optional: customs-02 and finance-02 use followthemoney, rigour and fingerprints,",
              "which need PyICU (no ready-made wheel on PyPI), so neither the wheelhouse nor the commands above",
              "install them. Without them those two notebooks still run: the setup cell says what to install and",
              "the name questions print CAN'T CHECK. To add them (internet needed), in the same ekvenv:",
              "  Linux (Debian/Ubuntu): sudo apt install libicu-dev pkg-config g++ python3-dev, then",
              f"    ekvenv/bin/pip install {names}",
              "  macOS: conda-forge builds pyicu for macOS; use a conda environment instead of ekvenv:",
              "    conda create -n ek -c conda-forge python=3.12 pyicu jupyterlab; conda activate ek;",
              f"    pip install {whl} {names}",
              "  Windows: install a PyICU wheel for your Python from https://github.com/cgohlke/pyicu-build/releases",
              f"    (e.g. pyicu-<version>-cp312-cp312-win_amd64.whl), then: ekvenv\\Scripts\\pip install {names}",
              "The learner bundle's README.txt says the same for trainees.",
              "Run one notebook on every machine before the trainees arrive: an untouched notebook prints NOT YET.",
              "", "Lessons in this kit", "-------------------"]
    lines += [f"  {lesson.id:<14} {lesson.title} ({lesson.teaching} + {lesson.exercises} min)" for lesson in lessons]
    lines += ["", "Practice data are fictional (the Republic of Lumeria, its companies, vessels and banks);",
              "real designated entities appear only as on the public 1718 List.", ""]
    return "\n".join(lines)


def build_kits(root: str | Path, plan: "PlanInputs | list[str]", out: str | Path, *, days: int | None = None,
               start: str | None = None, learner_site: Path | None = None, instructor_site: Path | None = None,
               wheel: bool = True, wheelhouse: bool | Path | None = None, pdf: bool = True, archive: bool = True,
               profile: Path | None = None, wheelhouse_pythons: list[str] | None = None) -> dict[str, KitResult]:
    """Build both kits of one plan (:class:`~embargo_kit.workshop.planfile.PlanInputs`, or a list of tracks).

    ``wheelhouse``: True builds the offline wheelhouse now (pip must reach an index or mirror); a folder adds
    one made beforehand; ``wheelhouse_pythons``: the interpreters that fill it (one run each, into one folder;
    default: this one). The trainer kit gets the full wheel, the learner kit the ``+learner`` wheel and the
    learner bundle zip.
    """
    from embargo_kit import bundle
    from embargo_kit.workshop.evaluation import write_evaluation
    from embargo_kit.workshop.handouts import write_handout
    from embargo_kit.workshop.pdf import paper_size, write_html_and_pdf
    from embargo_kit.workshop.planfile import PlanInputs, make_agenda, make_forms, tracks_of, write_plan
    from embargo_kit.workshop.prepost import write_tests
    from embargo_kit.workshop.slides import write_deck

    from embargo_kit import profile as national

    inputs = plan if isinstance(plan, PlanInputs) else PlanInputs(tracks=list(plan), days=days or 0, start=start)
    root, out = Path(root), Path(out)
    prof = None
    if profile is not None:
        try:
            prof = national.load_profile(profile)
        except national.ProfileError as exc:
            raise KitError(str(exc)) from None
    subs = national.substitutions(prof)
    known = discover(root)
    if inputs.days:
        agenda = make_agenda(root, inputs, known)
    else:  # the fewest days that hold the tracks
        agenda = planner.plan_fewest_days(root, inputs.tracks, only=inputs.lessons, drop=inputs.drop, add=inputs.add,
                                          settings=inputs.settings(), lessons=known)
    lessons = agenda.lessons
    tracks = tracks_of(inputs, lessons)
    form_plan, form_note = None, ""
    if agenda.settings.pre_test or agenda.settings.post_test:
        try:
            form_plan = make_forms(agenda)
        except ValueError as exc:
            form_note = str(exc)
    # Slides and handouts read the lesson source: give them the profile's names (or the neutral wording).
    worded = [dataclasses.replace(lesson, body=national.apply(lesson.body, subs)) for lesson in lessons]
    learner_site = learner_site or root / "_build" / "learner" / "_build" / "html"
    instructor_site = instructor_site or root / "_build" / "instructor" / "_build" / "html"
    objectives = {oid: text for lesson in known.values() for oid, text in lesson.objectives}
    tag = "-".join(tracks)
    results: dict[str, KitResult] = {}
    staging = out / f".wheels-{tag}"
    with paper_size(inputs.paper):
        wheels: dict[str, Path] = {}
        house: Path | None = None
        if wheel:
            if staging.exists():
                shutil.rmtree(staging)
            try:
                wheels["learner"] = bundle.build_learner_wheel(staging / "learner", root)
                wheels["trainer"] = bundle.build_full_wheel(staging / "trainer", root)
                if wheelhouse is True:
                    for python in wheelhouse_pythons or [None]:
                        house = bundle.build_wheelhouse(staging / "wheelhouse", wheels["learner"], python=python)
                elif wheelhouse:
                    house = Path(wheelhouse)
            except bundle.BundleError as exc:
                raise KitError(str(exc)) from None
        elif wheelhouse and wheelhouse is not True:
            house = Path(wheelhouse)
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
                in_track = [l for l in worded if track in l.tracks or l.part == track]
                if in_track:
                    write_handout(track, in_track, folder / "handouts", pdf)
            for lesson in worded:
                write_deck(lesson, folder / "slides", notes=(kind == "trainer"))
            if "capstone" in tracks or agenda.settings.capstone:  # role cards: data and options, never answers
                from embargo_kit.capstone.cards import write_role_cards

                write_role_cards(folder / "capstone", pdf)
            (folder / "national").mkdir()
            write_html_and_pdf(national.contacts_html(prof), folder / "national" / "contacts.html", pdf)
            if prof is not None:
                shutil.copy2(prof.path, folder / "national" / "profile.yaml")
            write_evaluation(folder / "evaluation", pdf)
            if kind == "trainer":
                write_plan(folder / "agenda", inputs, agenda, form_plan)
                if form_plan is not None:
                    write_tests("workshop", folder / "tests", objectives=objectives, pdf=pdf, forms=form_plan.forms)
                elif form_note:
                    notes.append(form_note)
            wheel_name = ""
            if wheels:
                (folder / "wheel").mkdir()
                wheel_name = shutil.copy2(wheels[kind], folder / "wheel" / wheels[kind].name).name
            if kind == "learner" and wheels:
                _bundle_zip(root, wheels["learner"], lessons, house, agenda.title, folder)
            if house is not None:
                shutil.copytree(house, folder / "wheelhouse", dirs_exist_ok=True)
                if wheels:  # the wheelhouse carries the wheel of its kit, never the other one
                    for other in (folder / "wheelhouse").glob("embargo_kit-*.whl"):
                        other.unlink()
                    shutil.copy2(wheels[kind], folder / "wheelhouse" / wheels[kind].name)
            (folder / "README.txt").write_text(
                _readme(kind, tracks, lessons, site_ok, wheel_name, house is not None,
                        (folder / "notebooks").is_dir(), prof.label if prof else "",
                        bundle.wheelhouse_pythons(house) if house is not None else None), encoding="utf-8")
            if kind == "learner":
                leaks = scan_for_answers(folder)
                if leaks:
                    raise KitError("the learner kit would carry answers, so it was not finished:\n  " + "\n  ".join(leaks[:20]))
            files, size = _size(folder)
            results[kind] = KitResult(folder, _zip(folder) if archive else None, files, size, notes,
                                      form_plan.notes if (form_plan and kind == "trainer") else [])
    if staging.exists():
        shutil.rmtree(staging)
    return results


def _bundle_zip(root: Path, wheel: Path, lessons: list[Lesson], house: Path | None, title: str, folder: Path) -> Path:
    """The learner bundle zip (wheel, notebooks of the planned lessons, README with commands) in the learner kit."""
    from embargo_kit import bundle

    target = folder / bundle.BUNDLE_NAME
    ids = [lesson.id for lesson in lessons]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", bundle.bundle_readme(wheel.name, house is not None, title.replace("Workshop agenda: ", ""),
                                                       bundle.wheelhouse_pythons(house) if house is not None else None))
        zf.write(wheel, wheel.name)
        for nb in bundle.learner_notebooks(root, ids):
            zf.write(nb, f"notebooks/{nb.parent.name}/{nb.name}")
    return target
