"""Fixtures of the trainer-tool tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.workshop.bookfixture import make_book


@pytest.fixture
def book(tmp_path) -> Path:
    return make_book(tmp_path / "repo")
