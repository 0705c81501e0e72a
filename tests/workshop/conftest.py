"""Fixtures of the trainer-tool tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.workshop.bookfixture import make_book


@pytest.fixture
def book(tmp_path) -> Path:
    return make_book(tmp_path / "repo")


#: the CPython versions design.md says the offline wheelhouse is tested on (Linux x86_64)
WHEELHOUSE_PYTHONS = ("3.11", "3.12")


def find_python(version: str) -> str | None:
    """An interpreter of CPython ``version`` that runs: this one, ``pythonX.Y`` on PATH, or a pyenv build (a pyenv
    shim on PATH may exist and still refuse to run a version that is not selected, so each candidate is tried)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [shutil.which(f"python{version}")] + [str(p) for p in
                                                        sorted(pyenv.glob(f"{version}.*/bin/python{version}"))[::-1]]
    for cand in filter(None, candidates):
        try:
            proc = subprocess.run([cand, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if proc.returncode == 0 and proc.stdout.strip() == version:
            return cand
    return None


@dataclass
class Wheelhouse:
    path: Path  # one folder: the learner wheel and the wheels of every Python below
    learner_wheel: Path
    pythons: dict[str, str]  # "3.12" -> interpreter that filled it
    missing: dict[str, str]  # "3.12" -> why it is not in the wheelhouse
    seconds: float  # time to fill it


@pytest.fixture(scope="session")
def offline_wheelhouse(tmp_path_factory) -> Wheelhouse:
    """The learner wheel and every wheel a trainee needs (jupyterlab included), for each CPython of
    :data:`WHEELHOUSE_PYTHONS` found on this machine, filled once per test session into one folder.

    pip reaches the configured index or local mirror here, in the test setup, never in a test's own steps.
    """
    from embargo_kit import bundle

    base = tmp_path_factory.mktemp("wheelhouse")
    pythons = {v: p for v in WHEELHOUSE_PYTHONS if (p := find_python(v))}
    missing = {v: f"CPython {v} is not on this machine (no python{v} on PATH or in pyenv)"
               for v in WHEELHOUSE_PYTHONS if v not in pythons}
    t0 = time.perf_counter()
    try:
        wheel = bundle.build_learner_wheel(base / "wheel")
        for python in pythons.values():
            house = bundle.build_wheelhouse(base / "wheelhouse", wheel, python=python)
    except bundle.BundleError as exc:
        message = f"the offline wheelhouse could not be filled (needs a package index or mirror at setup): {exc}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    seconds = time.perf_counter() - t0
    print(f"\n[offline wheelhouse for CPython {', '.join(pythons)}: filled in {seconds:.0f} s]")
    return Wheelhouse(house, wheel, pythons, missing, seconds)
