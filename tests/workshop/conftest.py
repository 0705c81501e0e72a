"""Fixtures of the trainer-tool tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.workshop.bookfixture import make_book


@pytest.fixture
def book(tmp_path) -> Path:
    return make_book(tmp_path / "repo")


@pytest.fixture(scope="session")
def offline_wheelhouse(tmp_path_factory) -> Path:
    """The learner wheel and every wheel a trainee needs (jupyterlab included), filled once per test session.

    pip reaches the configured index or local mirror here, in the test setup, never in a test's own steps.
    """
    import os

    from embargo_kit import bundle

    base = tmp_path_factory.mktemp("wheelhouse")
    try:
        wheel = bundle.build_learner_wheel(base / "wheel")
        return bundle.build_wheelhouse(base / "wheelhouse", wheel)
    except bundle.BundleError as exc:
        message = f"the offline wheelhouse could not be filled (needs a package index or mirror at setup): {exc}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
