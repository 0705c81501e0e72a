"""The handbook (mkdocs-material, handbook/mkdocs.yml), built once per test session with --strict."""
from __future__ import annotations

from pathlib import Path

import pytest

from handbook_build import HANDBOOK, mkdocs_build


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory) -> Path:
    pytest.importorskip("mkdocs", reason="needs mkdocs-material: pip install -e '.[handbook]'")
    site = tmp_path_factory.mktemp("handbook") / "site"
    proc = mkdocs_build(HANDBOOK / "mkdocs.yml", site)
    if proc.returncode != 0:
        pytest.fail("the handbook does not build with --strict (every warning is an error):\n"
                    + (proc.stdout + proc.stderr)[-6000:])
    return site
