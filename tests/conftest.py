"""Shared fixtures: the repository root and the two built editions (built once per test session)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _edition(edition: str) -> Path:
    from embargo_kit.book import build, html_dir

    code, seconds = build(edition, ROOT, quiet=True)
    if code != 0:
        pytest.fail(f"the {edition} edition did not build (warnings are errors); run `make build` to see why")
    print(f"\n[{edition} edition built in {seconds:.1f} s]")
    return html_dir(edition, ROOT)


@pytest.fixture(scope="session")
def learner_html() -> Path:
    return _edition("learner")


@pytest.fixture(scope="session")
def instructor_html() -> Path:
    return _edition("instructor")


def require_tool(name: str, package: str) -> str:
    """Path of a system tool; skip loudly without it, and fail under CI=true."""
    path = shutil.which(name)
    if path:
        return path
    message = f"needs `{name}` (Debian package `{package}`): apt-get install {package}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but " + message)
    pytest.skip(message)
