"""Name matching is an optional extra (design.md, "Learner bundle and offline wheelhouse"): followthemoney, rigour and
fingerprints need PyICU, which has no wheels on PyPI. Without them, what needs them says what to install and
nothing shows a traceback: the checks of customs-02 and finance-02 say CAN'T CHECK with the install line, the
learner notebooks run to the end, ``datasets.entities()`` raises a clear ImportError, ``data regenerate`` refuses.

The libraries are hidden here the way a trainee's laptop lacks them: ``sys.modules[name] = None`` in process,
and, for a kernel, a folder first on PYTHONPATH whose modules of those names raise ImportError.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from embargo_kit.exercises import optional
from embargo_kit.exercises.checking import CANT_CHECK, PASS
from embargo_kit.exercises.runtime import Checker

ROOT = Path(__file__).resolve().parents[2]
HIDDEN = ("fingerprints", "followthemoney", "rigour", "normality", "icu")


@pytest.fixture()
def no_names(monkeypatch):
    """The name-matching libraries cannot be imported (and nothing cached from them is reused)."""
    from embargo_kit.checks import finance_02

    for name in [m for m in sys.modules if m.split(".")[0] in HIDDEN]:
        monkeypatch.delitem(sys.modules, name)
    for name in HIDDEN:
        monkeypatch.setitem(sys.modules, name, None)
    for cached in (finance_02.reference_scores, finance_02.best):
        cached.cache_clear()
    yield
    for cached in (finance_02.reference_scores, finance_02.best):
        cached.cache_clear()


def _says_what_to_install(text: str) -> bool:
    return all(f'"{r}"' in text for r in optional.requirements()) and "pip install" in text


# ------------------------------------------------------------------------------------------ packaging
def test_the_three_libraries_are_the_names_extra_and_rapidfuzz_stays_in_the_core():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    assert "rapidfuzz" in core
    assert not re.search(r"followthemoney|rigour|fingerprints|normality|pyicu", core, re.I)
    assert tuple(project["optional-dependencies"]["names"]) == optional.FALLBACK_REQUIREMENTS
    # the dev install and CI (make test) include the extra
    assert re.search(r'pip install .*-e "\.\[[a-z,]*names[a-z,]*\]"', (ROOT / "Makefile").read_text())


def test_the_install_line_names_each_library_with_its_bounds():
    assert {re.split(r"[<>=]", r)[0] for r in optional.requirements()} == {"followthemoney", "rigour", "fingerprints"}
    assert optional.install_line(notebook=True).startswith("%pip install ")
    assert _says_what_to_install(optional.install_line())


# ------------------------------------------------------------------------------------------ checks
def test_customs_02_says_cant_check_with_the_install_line_and_still_checks_question_1(no_names):
    from embargo_kit.checks import customs_02

    check = Checker()
    r = check.evaluate("customs-02", "q2", ["BL-0001"])
    assert r.state == CANT_CHECK, r.line()
    assert "name-matching libraries" in r.message and len(r.message.split(". ")) == 1, r.message
    assert _says_what_to_install(r.hint) and "Traceback" not in r.line()
    r4 = check.evaluate("customs-02", "q4", ["BL-0001"])
    assert r4.state == CANT_CHECK and _says_what_to_install(r4.hint)
    # question 1 (HS codes) needs no name matching
    assert check.evaluate("customs-02", "q1", sorted(customs_02.concern_bls())).state == PASS


def test_finance_02_says_cant_check_with_the_install_line(no_names):
    check = Checker()
    learner_fingerprints = optional.load("fingerprints")  # what the notebook's setup cell gives without the extra
    assert not learner_fingerprints

    def normalise(name):
        return learner_fingerprints.generate(str(name)) or ""

    r = check.evaluate("finance-02", "q2", normalise)
    assert r.state == CANT_CHECK and _says_what_to_install(r.hint), r.line()
    r = check.evaluate("finance-02", "q4", {"threshold": 85, "precision": 0.9, "recall": 0.96, "why": "recall floor"})
    assert r.state == CANT_CHECK and _says_what_to_install(r.hint), r.line()


def test_a_notebook_setup_prints_what_to_install_once(no_names, capsys, monkeypatch):
    monkeypatch.setattr(optional, "_told", set())
    stand_in = optional.load("fingerprints")
    optional.load("fingerprints")
    out = capsys.readouterr().out
    assert out.count("NOTE:") == 1 and _says_what_to_install(out) and "%pip install" in out
    with pytest.raises(optional.MissingExtra, match="pip install"):
        stand_in.generate("Green Pine")


# ------------------------------------------------------------------------------------------ data
def test_the_entities_loader_raises_a_clear_import_error(no_names):
    from embargo_kit import datasets

    with pytest.raises(ImportError) as info:
        datasets.entities("Company")
    assert "datasets.entities()" in str(info.value) and _says_what_to_install(str(info.value))


def test_data_regenerate_says_it_needs_the_extra(no_names, tmp_path):
    from embargo_kit.cli.data import data_app

    result = CliRunner().invoke(data_app, ["regenerate", "--out", str(tmp_path / "world")])
    assert result.exit_code == 2
    assert "maintainers" in result.output and _says_what_to_install(result.output)
    assert not (tmp_path / "world").exists(), "nothing written"


# ------------------------------------------------------------------------------------------ notebooks
def _hide_in(folder: Path) -> Path:
    folder.mkdir()
    for name in HIDDEN:
        (folder / f"{name}.py").write_text(f'raise ImportError("{name} is hidden by the test")\n', encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("notebook", ["customs/customs-02-manifest-screening.ipynb",
                                      "finance/finance-02-name-screening.ipynb"])
def test_the_learner_notebook_runs_to_the_end_without_the_extra(notebook, tmp_path, monkeypatch):
    import nbclient

    hidden = _hide_in(tmp_path / "hidden")
    monkeypatch.setenv("PYTHONPATH", str(hidden))
    monkeypatch.delenv("EMBARGO_KIT_STRICT", raising=False)
    nb = nbformat.read(ROOT / "exercises" / notebook, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
                            ).execute()
    outputs = [(c.get("id"), o) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for _, o in outputs if o.get("output_type") == "error"], "a traceback without the extra"
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", "")) for _, o in outputs)
    assert text.count("NOTE:") == 1 and "%pip install" in text, "the setup cell says what to install"
    assert "needs the name-matching libraries" in text, "a name-matching cell says why it skipped"
    assert "NOT YET" in text and "Traceback" not in text
