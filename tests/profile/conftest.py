"""Fixtures of the national-profile tests: the trainer tools' small fictional book."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.workshop.bookfixture import make_book


@pytest.fixture
def book(tmp_path) -> Path:
    return make_book(tmp_path / "repo")
