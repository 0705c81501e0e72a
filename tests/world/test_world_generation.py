"""The world is deterministic and `embargo-kit data regenerate --check` guards the shipped copy."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from embargo_kit.cli.data import data_app
from embargo_kit.world import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_generations(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return a, generate.write(a), b, generate.write(b)


def test_two_generations_are_byte_identical(two_generations):
    a, files_a, b, files_b = two_generations
    assert sorted(files_a) == sorted(files_b) == generate.GENERATED
    for name in files_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), f"{name} differs between two generations"


def test_shipped_data_equals_a_fresh_generation(two_generations):
    a, files_a, _, _ = two_generations
    shipped = generate.default_dir()
    for name, data in files_a.items():
        assert (shipped / name).read_bytes() == data, (
            f"shipped {name} is not what the generator makes: run `embargo-kit data regenerate`")


def test_check_passes_on_shipped_data_and_fails_on_a_changed_copy(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(data_app, ["regenerate", "--check"])
    assert ok.exit_code == 0, ok.output
    assert "match a fresh generation" in ok.output

    copy = tmp_path / "world"
    shutil.copytree(generate.default_dir(), copy)
    notices = copy / "arrival_notices.csv"
    notices.write_bytes(notices.read_bytes().replace(b"Port Anselm", b"Port Anselme", 1))
    (copy / "banks.csv").unlink()
    bad = runner.invoke(data_app, ["regenerate", "--check", "--out", str(copy)])
    assert bad.exit_code == 1
    assert "arrival_notices.csv: differs" in bad.output
    assert "banks.csv: missing" in bad.output


def test_regenerate_writes_into_out_and_leaves_the_datasheet_alone(tmp_path):
    import re

    result = CliRunner().invoke(data_app, ["regenerate", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    seconds = float(re.search(r"([\d.]+) s\)", result.output).group(1))
    assert seconds < 60, f"generation took {seconds} s"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == generate.GENERATED
    assert (tmp_path / "capstone" / "scenario.json").is_file(), "the capstone thread is built with the world"
    assert (generate.default_dir() / "DATASHEET.md").is_file()
