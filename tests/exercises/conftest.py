"""Shared fixtures for the exercise-engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CHECKS = FIXTURES / "checks"
DEMO_SOLUTION = FIXTURES / "demo-01-dark-vessels.ipynb"


@pytest.fixture
def extra_checks(monkeypatch):
    """Make the fixture check modules (demo-01, demo-02) visible to the runtime and to kernels."""
    monkeypatch.setenv("EMBARGO_KIT_EXTRA_CHECKS", str(FIXTURE_CHECKS))
    monkeypatch.delenv("EMBARGO_KIT_STRICT", raising=False)
    from embargo_kit.exercises.runtime import check

    check.reset()
    yield FIXTURE_CHECKS
    check.reset()
