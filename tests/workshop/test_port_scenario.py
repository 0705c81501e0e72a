"""The trainer's scenario end to end: "a 2-day workshop for port-authority staff, 09:00-16:30 with a one-hour
lunch: agenda, handouts, pre-test, post-test and an offline bundle; then grade the notebooks".

plan -> kit --plan -> offline install of the learner kit into a fresh venv (``pip --no-index``) -> a learner
notebook runs to NOT YET; the learner wheel carries no key; the forms share no item; the grading summary
separates PASS, NOT YET, NOT ATTEMPTED and CAN'T CHECK and keeps a broken file off the room's page.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml
from typer.testing import CliRunner

from embargo_kit import bundle
from embargo_kit.cli.workshop import workshop_app
from embargo_kit.workshop.kit import scan_for_answers
from tests.workshop.conftest import WHEELHOUSE_PYTHONS

LESSONS = ",".join([f"awareness-0{n}" for n in range(1, 6)] + [f"port-0{n}" for n in range(1, 6)])
NOTEBOOK = "port-04-who-is-this-vessel.ipynb"
NAMES_NOTEBOOK = "customs-02-manifest-screening.ipynb"
RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
runner = CliRunner()


def _offline_env() -> dict[str, str]:
    """pip with no index, no find-links and no config but what the command line gives."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _offline_venv(python: str | Path, house: Path, wheel: Path, where: Path) -> Path:
    """A fresh venv of ``python`` with the learner wheel and jupyterlab installed from ``house`` alone."""
    venv = where / "ekvenv"
    subprocess.run([str(python), "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-index", "--find-links",
                          str(house), str(wheel), "jupyterlab"],
                         capture_output=True, text=True, env=_offline_env(), timeout=900)
    assert pip.returncode == 0, pip.stdout[-1500:] + pip.stderr[-1500:]
    assert (venv / "bin" / "jupyter-lab").exists()
    return venv


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _runs_to_not_yet(venv: Path, notebook: Path, where: Path) -> None:
    outputs = _outputs(_run_notebook(venv / "bin" / "python", notebook, where))
    assert not [o for o in outputs if o.get("output_type") == "error"], "a traceback on the trainee's laptop"
    assert sum("NOT YET" in json.dumps(o) for o in outputs) >= 3


def _names_say_cant_check(venv: Path, learner_notebooks: Path, where: Path) -> None:
    """customs-02 with question 2 answered, on a laptop without the optional name matching: CAN'T CHECK that
    names the install line, never a traceback (design.md: an optional extra says which notebook needs it)."""
    nb = nbformat.read(learner_notebooks / "customs" / NAMES_NOTEBOOK, as_version=4)
    (cell,) = [c for c in nb.cells if c.get("id") == "customs-02-16"]
    cell.source = 'listed_bls = ["BL-0001"]  # an answer, so that the check runs'
    tried = where / NAMES_NOTEBOOK
    nbformat.write(nb, tried)
    code = "import fingerprints"
    assert subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True).returncode != 0, \
        "the wheelhouse should not carry the optional name matching"
    outputs = _outputs(_run_notebook(venv / "bin" / "python", tried, where))
    assert not [o for o in outputs if o.get("output_type") == "error"], "a traceback without name matching"
    text = json.dumps(outputs)
    q2 = [json.dumps(o) for o in outputs if "customs-02 q2" in json.dumps(o)]
    assert q2 and all("CAN'T CHECK" in t and "pip install" in t and "fingerprints" in t for t in q2), q2
    assert text.count("NOTE: ") == 1, "the setup cell says once what to install"


def _run_notebook(python: Path, notebook: Path, cwd: Path) -> nbformat.NotebookNode:
    code = ("import sys, nbformat, nbclient\n"
            "nb = nbformat.read(sys.argv[1], as_version=4)\n"
            "nbclient.NotebookClient(nb, timeout=300, kernel_name='python3').execute()\n"
            "nbformat.write(nb, sys.argv[2])\n")
    out = cwd / ("ran-" + notebook.name)
    proc = subprocess.run([str(python), "-c", code, str(notebook), str(out)], cwd=cwd, capture_output=True, text=True,
                          env=_offline_env(), timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return nbformat.read(out, as_version=4)


@pytest.mark.slow
def test_two_day_port_workshop_end_to_end(root, tmp_path, offline_wheelhouse):
    t0 = time.perf_counter()
    # 1. one plan
    plan_dir = tmp_path / "plan"
    result = runner.invoke(workshop_app, ["plan", "--lessons", LESSONS, "--days", "2", "--start", "09:00", "--end",
                                          "16:30", "--lunch", "60", "--out", str(plan_dir), "--no-pdf",
                                          "--root", str(root)])
    assert result.exit_code == 0, result.output
    plan = json.loads((plan_dir / "plan.json").read_text())
    assert plan["schema"] == 1 and plan["inputs"]["end"] == "16:30" and plan["inputs"]["lunch"] == 60
    days = plan["agenda"]["days"]
    assert len(days) == 2 and all(d["start"] == "09:00" and d["end"] <= "16:30" for d in days)
    assert all(sum(s["minutes"] for s in d["slots"] if s["kind"] == "lunch") == 60 for d in days)

    # 2. the kits of that plan (the wheelhouse was filled once for the session)
    kits = tmp_path / "kits"
    result = runner.invoke(workshop_app, ["kit", "--plan", str(plan_dir / "plan.json"), "--out", str(kits), "--no-pdf",
                                          "--wheelhouse-from", str(offline_wheelhouse.path), "--root", str(root)])
    assert result.exit_code == 0, result.output
    learner, trainer = kits / "learner-kit-awareness-port", kits / "trainer-kit-awareness-port"
    assert {p.name for p in (learner / "handouts").glob("*.html")} == {"awareness-handout.html", "port-handout.html"}
    assert (learner / "agenda" / "agenda.html").exists() and not (learner / "tests").exists()
    assert len(list((learner / "slides").glob("*-slides.html"))) == 10, "slides of the planned lessons only"
    assert {p.name for p in (learner / "notebooks" / "port").glob("*.ipynb")} >= {NOTEBOOK}
    assert not (learner / "notebooks" / "awareness" / "awareness-06-self-assessment.ipynb").exists()
    tests = trainer / "tests"
    for name in ("workshop-pre-test.html", "workshop-post-test.html", "workshop-answer-key.html"):
        assert (tests / name).exists(), name
    forms = json.loads((tests / "workshop-forms.json").read_text())
    assert forms["pre"] and not set(forms["pre"]) & set(forms["post"]), "the forms share no item"
    assert forms == {"pre": plan["forms"]["pre"], "post": plan["forms"]["post"]}, "kit and gain read one plan"
    readme = (learner / "README.txt").read_text()
    assert "--no-index --find-links wheelhouse" in readme and "ekvenv\\Scripts\\pip" in readme and "macOS" in readme
    bundle_zip = learner / "embargo-kit-learner-bundle.zip"
    with zipfile.ZipFile(bundle_zip) as zf:
        names = zf.namelist()
    assert "README.txt" in names and any(n.startswith("notebooks/port/port-04") for n in names)

    # 3. no answers on a trainee laptop: the learner wheel has no key, the trainer's wheel has them
    (learner_wheel,) = (learner / "wheel").glob("embargo_kit-*+learner-*.whl")
    with zipfile.ZipFile(learner_wheel) as zf:
        bank = [item for n in zf.namelist() if "/quizbank/" in n and n.endswith(".yaml")
                for item in yaml.safe_load(zf.read(n)) or []]
        assert "embargo_kit/data/registry/resolutions.yaml" in zf.namelist(), "the law ships: it is not an answer"
    assert bank and not any("pre-post" in i["use"] for i in bank)
    assert not any(k in i for i in bank for k in ("accept", "explanation"))
    assert not any("correct" in o or "feedback" in o for i in bank for o in i.get("options", []))
    assert scan_for_answers(learner) == [], "the learner kit (archives opened) carries answers"
    (trainer_wheel,) = (trainer / "wheel").glob("embargo_kit-*.whl")
    assert "+learner" not in trainer_wheel.name

    # 4. offline install into a fresh venv of this Python, then a learner notebook runs to NOT YET; without the
    #    optional name matching, customs-02 says CAN'T CHECK with the install line (other Pythons: test below)
    venv = _offline_venv(sys.executable, learner / "wheelhouse", learner_wheel, tmp_path)
    _runs_to_not_yet(venv, learner / "notebooks" / "port" / NOTEBOOK, tmp_path)
    _names_say_cant_check(venv, root / "exercises", tmp_path)

    # 5. grade the room: PASS, NOT YET, NOT ATTEMPTED, CAN'T CHECK apart; a broken file off the room's page
    subs = tmp_path / "submissions"
    subs.mkdir()
    tried = nbformat.read(root / "exercises" / "port" / NOTEBOOK, as_version=4)
    for cell in tried.cells:
        if cell.get("id") == "p04-10":
            cell.source = "false_imo = 1234567"  # tried, wrong
        if cell.get("id") == "p04-14":
            cell.source = "zombie_imo = None"  # cannot be checked
    nbformat.write(tried, subs / "amal.ipynb")
    nbformat.write(nbformat.read(root / "exercises" / "solutions" / "port" / NOTEBOOK, as_version=4), subs / "bao.ipynb")
    (subs / "chidi.ipynb").write_text('{"cells": [', encoding="utf-8")
    from embargo_kit.exercises.grade import grade_folder

    out = tmp_path / "graded"
    grade_folder(subs, out, timeout=300, workers=2, progress=False)
    with (out / "summary.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["lesson"] == "port-04" for r in rows), "a plain table"
    totals = {k: sum(int(r[k]) for r in rows) for k in ("passed", "not_yet", "not_attempted", "cant_check")}
    assert all(totals.values()), totals
    assert all(r["notebooks"] == "2" for r in rows), "the broken file is out of the pass rates"
    assert all(r["wording"] for r in rows)
    room = (out / "summary.html").read_text()
    assert "chidi" not in room and "1 file(s) could not be opened" in room
    assert "chidi" in (out / "trainer-note.html").read_text()
    print(f"\n[port workshop end to end: {time.perf_counter() - t0:.0f} s; learner kit "
          f"{sum(p.stat().st_size for p in learner.rglob('*') if p.is_file()) / 2**20:.0f} MB with its wheelhouse]")


def test_the_wheelhouse_is_ready_made_wheels_for_each_python(offline_wheelhouse):
    """One folder for CPython 3.11 and 3.12, no wheel compiled on this machine, no name matching (optional)."""
    house = offline_wheelhouse.path
    wheels = sorted(p.name for p in house.glob("*.whl"))
    assert bundle.wheelhouse_pythons(house) == sorted(offline_wheelhouse.pythons), "compiled wheels of each Python"
    assert offline_wheelhouse.learner_wheel.name in wheels
    assert not [w for w in wheels if w.endswith("-linux_x86_64.whl")], "a wheel built here would not install elsewhere"
    assert not [w for w in wheels if w.split("-")[0].lower() in {"pyicu", "normality", "fingerprints",
                                                                 "followthemoney", "rigour"}]
    assert not list(house.glob("*.tar.gz")) and not list(house.glob("*.zip")), "wheels only"
    size = sum(p.stat().st_size for p in house.glob("*.whl"))
    print(f"\n[wheelhouse: {len(wheels)} wheels, {size / 2**20:.0f} MB, "
          f"CPython {', '.join(offline_wheelhouse.pythons)}; filled in {offline_wheelhouse.seconds:.0f} s]")
    if offline_wheelhouse.missing:
        pytest.skip("; ".join(offline_wheelhouse.missing.values()))


@pytest.mark.slow
@pytest.mark.parametrize("version", [v for v in WHEELHOUSE_PYTHONS if v != RUNNING])
def test_the_wheelhouse_installs_offline_on_the_other_python(version, root, tmp_path, offline_wheelhouse):
    """The same wheelhouse on the other tested CPython (this one is covered end to end above)."""
    if version not in offline_wheelhouse.pythons:
        pytest.skip(offline_wheelhouse.missing[version])
    t0 = time.perf_counter()
    venv = _offline_venv(offline_wheelhouse.pythons[version], offline_wheelhouse.path,
                         offline_wheelhouse.learner_wheel, tmp_path)
    version_line = subprocess.run([str(venv / "bin" / "python"), "-V"], capture_output=True, text=True).stdout
    assert version_line.startswith(f"Python {version}.")
    _runs_to_not_yet(venv, root / "exercises" / "port" / NOTEBOOK, tmp_path)
    _names_say_cant_check(venv, root / "exercises", tmp_path)
    print(f"\n[offline install and two notebooks on CPython {version}: {time.perf_counter() - t0:.0f} s]")
