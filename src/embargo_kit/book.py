"""Build the two editions of the book (learner, instructor) from one source.

`python -m embargo_kit.book build --edition both` is what `make build` runs. Each edition is a normal
Jupyter Book 1 build with EMBARGO_KIT_EDITION set; the package's Sphinx extension reads it. A failed build
removes that edition's HTML so that nothing half-built is ever served as if it were complete.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

EDITIONS = ("learner", "instructor")


def project_root() -> Path:
    """The folder holding _config.yml (the repository root in a checkout)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").exists() and (folder / "_toc.yml").exists():
            return folder
    raise SystemExit("No _config.yml and _toc.yml found here or above: run this from the repository.")


def html_dir(edition: str, root: Path | None = None) -> Path:
    root = root or project_root()
    return root / "_build" / edition / "_build" / "html"


def build(edition: str, root: Path | None = None, *, fresh: bool = False, quiet: bool = False,
          profile: Path | None = None) -> tuple[int, float]:
    """Build one edition; return (exit code, seconds).

    ``profile``: a national profile YAML (see embargo_kit.profile); its names replace the neutral wording.
    Without it, EMBARGO_KIT_PROFILE from the environment is used if set, else the neutral wording.
    """
    if edition not in EDITIONS:
        raise SystemExit(f"Unknown edition {edition!r}: choose one of {', '.join(EDITIONS)}.")
    root = root or project_root()
    out = root / "_build" / edition
    if fresh and out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, EMBARGO_KIT_EDITION=edition, PYDEVD_DISABLE_FILE_VALIDATION="1")
    if profile is not None:
        env["EMBARGO_KIT_PROFILE"] = str(Path(profile).resolve())
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(root), "--path-output", str(out), "-W", "-n", "--keep-going"]
    if not quiet:
        print(f"Building the {edition} edition ...", flush=True)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=root, capture_output=quiet, text=True)
    seconds = time.perf_counter() - start
    target = html_dir(edition, root)
    if proc.returncode != 0:
        # Nothing half-built may be served: drop the HTML but keep the caches for the next try.
        if target.exists():
            shutil.rmtree(target)
        if quiet:
            sys.stderr.write(proc.stdout[-20000:] + proc.stderr[-20000:])
        print(f"The {edition} edition did NOT build (see the warnings above); its HTML was removed.",
              file=sys.stderr)
    elif not quiet:
        print(f"The {edition} edition built in {seconds:.1f} s: {target}")
    return proc.returncode, seconds


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
    editions = EDITIONS if args.edition == "both" else (args.edition,)
    worst = 0
    for edition in editions:
        code, _ = build(edition, fresh=args.fresh, profile=args.profile)
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
