"""The offline kits: the learner kit carries no answers, the trainer kit carries them, both work from disk."""
from __future__ import annotations

import zipfile

import pytest

from embargo_kit.workshop.kit import KitError, build_kits, scan_for_answers


def _fake_site(folder, marker):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<html><body>{marker}<a href='book/x.html'>x</a></body></html>")
    return folder


@pytest.fixture
def kits(book, tmp_path):
    (book / "exercises" / "awareness").mkdir(parents=True)
    (book / "exercises" / "solutions" / "awareness").mkdir(parents=True)
    (book / "exercises" / "awareness" / "awareness-02-demo.ipynb").write_text('{"cells": [], "nbformat": 4}')
    (book / "exercises" / "solutions" / "awareness" / "awareness-02-demo.ipynb").write_text(
        '{"cells": [{"source": "# BEGIN SOLUTION"}], "nbformat": 4}')
    learner = _fake_site(tmp_path / "learner-site", "LEARNER SITE")
    instructor = _fake_site(tmp_path / "instructor-site", "INSTRUCTOR SITE")
    return build_kits(book, ["awareness"], tmp_path / "out", learner_site=learner, instructor_site=instructor,
                      wheel=False, pdf=False)


def test_learner_kit_has_the_room_material_and_no_answers(kits):
    kit = kits["learner"].folder
    assert (kit / "site" / "index.html").read_text().count("LEARNER SITE") == 1
    assert (kit / "notebooks" / "awareness" / "awareness-02-demo.ipynb").exists()
    assert (kit / "agenda" / "agenda.html").exists() and (kit / "handouts" / "awareness-handout.html").exists()
    assert len(list((kit / "slides").glob("*-slides.html"))) == 3
    assert (kit / "evaluation" / "evaluation.html").exists()
    assert not (kit / "tests").exists() and scan_for_answers(kit) == []
    readme = (kit / "README.txt").read_text()
    assert "site/index.html" in readme and "awareness-03" in readme and "fictional" in readme


def test_trainer_kit_has_answers(kits):
    kit = kits["trainer"].folder
    assert "INSTRUCTOR SITE" in (kit / "site-instructor" / "index.html").read_text()
    assert "BEGIN SOLUTION" in (kit / "notebooks" / "awareness" / "awareness-02-demo.ipynb").read_text()
    assert {p.name for p in (kit / "tests").iterdir()} >= {"workshop-pre-test.html", "workshop-post-test.html",
                                                          "workshop-answer-key.html", "workshop-answers.csv"}
    assert "SECRET-NOTE" in (kit / "slides" / "awareness-01-slides.html").read_text()
    assert "HOLDS ANSWERS" in (kit / "README.txt").read_text()


def test_archives_hold_the_whole_folder_and_sizes_are_reported(kits):
    for result in kits.values():
        assert result.bytes > 10_000 and result.files > 10
        with zipfile.ZipFile(result.archive) as zf:
            names = zf.namelist()
        assert len(names) == result.files and all(n.startswith(result.folder.name + "/") for n in names)


def test_a_learner_kit_that_would_leak_is_refused(book, tmp_path):
    site = _fake_site(tmp_path / "site", '<div class="admonition answer-key">B</div>')
    with pytest.raises(KitError, match="would carry answers"):
        build_kits(book, ["awareness"], tmp_path / "out", learner_site=site, instructor_site=site, wheel=False, pdf=False)


def test_missing_site_is_said_in_the_readme(book, tmp_path):
    result = build_kits(book, ["port"], tmp_path / "out", learner_site=tmp_path / "none",
                        instructor_site=tmp_path / "none", wheel=False, pdf=False)
    assert "NOT INCLUDED" in (result["learner"].folder / "README.txt").read_text()
    assert any("make build" in note for note in result["learner"].notes)


def test_kit_without_a_plan_takes_the_fewest_days(book, tmp_path):
    from typer.testing import CliRunner

    from embargo_kit.cli.workshop import workshop_app

    result = CliRunner().invoke(workshop_app, ["kit", "--tracks", "awareness,port", "--end", "13:00", "--out",
                                               str(tmp_path / "kits"), "--no-pdf", "--root", str(book)])
    assert result.exit_code == 0, result.output
    agenda = (tmp_path / "kits" / "trainer-kit-awareness-port" / "agenda" / "agenda.md").read_text()
    assert "## Day 2" in agenda and "## Day 3" not in agenda
    nothing = CliRunner().invoke(workshop_app, ["kit", "--out", str(tmp_path / "k2"), "--root", str(book)])
    assert nothing.exit_code == 2 and "--plan" in nothing.output
