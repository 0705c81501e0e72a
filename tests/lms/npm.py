"""Helpers for the LMS tests: test-only npm packages from the committed lockfile (design.md)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


def require_node_module(name: str) -> Path:
    """The folder of an npm package from the lockfile; skip loudly without it, fail under CI=true."""
    folder = NODE_MODULES / name
    if folder.is_dir() and shutil.which("node"):
        return folder
    message = (f"needs the npm package `{name}` and `node`: run `npm ci --ignore-scripts` at the repository root "
               "(Debian: nodejs npm)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but this test " + message)
    pytest.skip(message)
