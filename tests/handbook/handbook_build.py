"""Helpers shared by the handbook tests: where the handbook is and how it is built."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANDBOOK = ROOT / "handbook"
DOCS = HANDBOOK / "docs"


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of ``config`` into ``site``, without the mkdocs 2.0 banner."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=config.parent, timeout=300,
    )


def require_tool(name: str, package: str) -> str:
    """Path of a system tool; skip loudly without it, and fail under CI=true (as tests/conftest.py does)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"needs `{name}` (Debian package `{package}`): apt-get install {package}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but " + message)
    pytest.skip(message)
