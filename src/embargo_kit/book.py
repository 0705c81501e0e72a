"""Build the two editions of the book (learner, instructor) from one source.

`python -m embargo_kit.book build --edition both` is what `make build` runs. Each edition is a normal
Jupyter Book 1 build with EMBARGO_KIT_EDITION set; the package's Sphinx extension reads it. A failed build
removes that edition's HTML so that nothing half-built is ever served as if it were complete.

The instructor edition shows every solution notebook executed. They are executed here, once, a few at a
time (:func:`execute_solutions`, into ``_build/executed/``, kept until the notebook or the package changes),
and the Sphinx extension shows those outputs instead of executing inside Sphinx one page after another.
``--edition both`` builds the learner edition while the solutions run, then the instructor edition.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

EDITIONS = ("learner", "instructor")
#: Where the instructor edition's Sphinx extension finds the executed solution notebooks.
EXECUTED_ENV = "EMBARGO_KIT_EXECUTED"
#: Set for an instructor build that runs while the solutions execute: wait for each executed copy.
WAIT_ENV = "EMBARGO_KIT_EXECUTED_WAIT"
FINISHED = ".finished"  # written in the executed folder when the executions of a build are over
SOLUTION_TIMEOUT = 600.0  # seconds for one whole solution notebook


def project_root() -> Path:
    """The folder holding _config.yml (the repository root in a checkout)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").exists() and (folder / "_toc.yml").exists():
            return folder
    raise SystemExit("No _config.yml and _toc.yml found here or above: run this from the repository.")


def html_dir(edition: str, root: Path | None = None, out_root: Path | None = None) -> Path:
    root = root or project_root()
    return (out_root or root / "_build") / edition / "_build" / "html"


def build(edition: str, root: Path | None = None, *, fresh: bool = False, quiet: bool = False,
          profile: Path | None = None, out_root: Path | None = None) -> tuple[int, float]:
    """Build one edition; return (exit code, seconds). The instructor edition first executes the solutions.

    ``profile``: a national profile YAML (see embargo_kit.profile); its names replace the neutral wording.
    Without it, EMBARGO_KIT_PROFILE from the environment is used if set, else the neutral wording.
    ``out_root``: the folder for the editions (default ``_build`` in the repository).
    """
    root = root or project_root()
    start = time.perf_counter()
    if edition == "instructor":
        if fresh:
            shutil.rmtree(executed_dir(root, out_root), ignore_errors=True)
        execute_solutions(root, out_root=out_root, quiet=quiet)
    cmd, env, out = _command(edition, root, fresh=fresh, profile=profile, out_root=out_root)
    if not quiet:
        print(f"Building the {edition} edition ...", flush=True)
    proc = subprocess.run(cmd, env=env, cwd=root, capture_output=quiet, text=True)
    captured = [getattr(proc, name, None) or "" for name in ("stdout", "stderr")] if quiet else ["", ""]
    return _finish(edition, root, out, proc.returncode, *captured, time.perf_counter() - start, quiet)


def build_both(root: Path | None = None, *, fresh: bool = False, quiet: bool = False, profile: Path | None = None,
               out_root: Path | None = None, workers: int = 2) -> tuple[int, float]:
    """Both editions at once, while the solution notebooks execute.

    The two Sphinx builds start together; the instructor edition reads the exercise pages last (in name
    order), and waits for each solution's executed copy if it is not there yet (EMBARGO_KIT_EXECUTED_WAIT).
    Returns (the worse exit code, seconds). Each build's messages are collected and shown when it ends, so
    they do not interleave.
    """
    import tempfile

    root = root or project_root()
    start = time.perf_counter()
    done = executed_dir(root, out_root) / FINISHED
    if fresh:
        shutil.rmtree(executed_dir(root, out_root), ignore_errors=True)
    done.unlink(missing_ok=True)
    if not quiet:
        print("Building the learner and instructor editions while the solution notebooks run ...", flush=True)
    builds = {}
    with tempfile.TemporaryDirectory(prefix="embargo-kit-build-") as logs:
        for edition in EDITIONS:
            cmd, env, out = _command(edition, root, fresh=fresh, profile=profile, out_root=out_root)
            if edition == "instructor":
                env[WAIT_ENV] = "1"
            log = open(Path(logs) / f"{edition}.log", "w+", encoding="utf-8")
            builds[edition] = (subprocess.Popen(cmd, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                                                text=True), log, out)
        try:
            execute_solutions(root, out_root=out_root, quiet=quiet, workers=workers)
        finally:
            done.parent.mkdir(parents=True, exist_ok=True)
            done.write_text("the solution notebooks of this build are executed\n", encoding="utf-8")
        worst = 0
        for edition, (proc, log, out) in builds.items():
            code = proc.wait()
            log.seek(0)
            text = log.read()
            log.close()
            if not quiet:
                sys.stdout.write(text[-20000:])
            code, _ = _finish(edition, root, out, code, text if quiet else "", "", time.perf_counter() - start, quiet)
            worst = max(worst, code)
    return worst, time.perf_counter() - start


def _command(edition: str, root: Path, *, fresh: bool, profile: Path | None,
             out_root: Path | None) -> tuple[list[str], dict[str, str], Path]:
    if edition not in EDITIONS:
        raise SystemExit(f"Unknown edition {edition!r}: choose one of {', '.join(EDITIONS)}.")
    out = (out_root or root / "_build") / edition
    if fresh and out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, EMBARGO_KIT_EDITION=edition, PYDEVD_DISABLE_FILE_VALIDATION="1")
    if edition == "instructor":
        env[EXECUTED_ENV] = str(executed_dir(root, out_root))
    if profile is not None:
        env["EMBARGO_KIT_PROFILE"] = str(Path(profile).resolve())
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(root), "--path-output", str(out), "-W", "-n", "--keep-going"]
    return cmd, env, out


def _finish(edition: str, root: Path, out: Path, code: int, stdout: str, stderr: str, seconds: float,
            quiet: bool) -> tuple[int, float]:
    target = out / "_build" / "html"
    if code != 0:
        # Nothing half-built may be served: drop the HTML but keep the caches for the next try.
        if target.exists():
            shutil.rmtree(target)
        if quiet:
            sys.stderr.write(stdout[-20000:] + stderr[-20000:])
        print(f"The {edition} edition did NOT build (see the warnings above); its HTML was removed.",
              file=sys.stderr)
    elif not quiet:
        print(f"The {edition} edition built in {seconds:.1f} s: {target}")
    return code, seconds


# ------------------------------------------------------------------------------- executed solutions
def executed_dir(root: Path, out_root: Path | None = None) -> Path:
    return (out_root or root / "_build") / "executed"


def _package_digest() -> str:
    """A digest of the installed package (code and data): executed outputs depend on both."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def solution_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _failures(nb) -> list[str]:
    """Errors of cells not tagged ``raises-exception`` (those may raise, as in myst-nb)."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {index} raised {out.get('ename', 'an error')}: {out.get('evalue', '')}"[:300])
    return found


def execute_solutions(root: Path, *, out_root: Path | None = None, workers: int = 2, quiet: bool = False,
                      timeout: float = SOLUTION_TIMEOUT) -> float:
    """Execute every solution notebook (``workers`` at a time, each in its own kernel, in the folder of its
    learner notebook) into ``executed_dir``; return the seconds taken. A notebook whose source and package
    are unchanged since its last execution is not run again. Failures are recorded in the executed notebook's
    metadata; the instructor build turns them into warnings (so ``-W`` fails it)."""
    import nbformat
    from concurrent.futures import ThreadPoolExecutor

    from embargo_kit.exercises.runner import run_notebook

    start = time.perf_counter()
    target = executed_dir(root, out_root)
    package = _package_digest()
    jobs = []
    for solution in sorted((root / "exercises" / "solutions").glob("*/*.ipynb")):
        dest = target / solution.parent.name / solution.name
        digest = solution_digest(solution)
        key = hashlib.sha256((digest + package).encode()).hexdigest()
        try:
            done = json.loads(dest.read_text(encoding="utf-8"))["metadata"]["embargo_kit_executed"]["key"] == key
        except (OSError, ValueError, KeyError, TypeError):
            done = False
        if not done:
            jobs.append((solution, dest, digest, key))

    def run(job) -> None:
        solution, dest, digest, key = job
        nb = nbformat.read(solution, as_version=4)
        t0 = time.perf_counter()
        outcome = run_notebook(nb, timeout=timeout, cwd=root / "exercises" / solution.parent.name,
                               env=dict(os.environ))
        problems = ([outcome.note] if outcome.status != "graded" else []) + _failures(outcome.nb)
        outcome.nb.metadata["embargo_kit_executed"] = {"key": key, "solution_sha256": digest, "problems": problems,
                                                       "seconds": round(time.perf_counter() - t0, 1)}
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(".ipynb.part")
        nbformat.write(outcome.nb, tmp)
        tmp.replace(dest)  # a half-written notebook is never taken for a finished one
        if not quiet:
            print(f"  executed {solution.relative_to(root)} in {time.perf_counter() - t0:.1f} s"
                  + (f" ({len(problems)} problem(s))" if problems else ""), flush=True)

    if jobs:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(run, jobs))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embargo_kit.book")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the learner and/or instructor edition")
    b.add_argument("--edition", choices=[*EDITIONS, "both"], default="both")
    b.add_argument("--fresh", action="store_true", help="delete the previous build and caches first")
    b.add_argument("--profile", type=Path, default=None,
                   help="national profile YAML: the pages name its authorities, laws and reporting channel")
    args = parser.parse_args(argv)
    if args.profile is not None:
        from embargo_kit.profile import ProfileError, load_profile
        try:
            load_profile(args.profile)
        except ProfileError as exc:
            print(exc, file=sys.stderr)
            return 2
    if args.edition == "both":
        code, seconds = build_both(fresh=args.fresh, profile=args.profile)
        print(f"Both editions {'built' if code == 0 else 'did NOT build'} in {seconds:.1f} s.")
        return code
    code, _ = build(args.edition, fresh=args.fresh, profile=args.profile)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
