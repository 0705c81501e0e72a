"""`embargo-kit profile check|build`, `workshop kit --profile` and `python -m embargo_kit.book build --profile`."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from embargo_kit import book as book_module
from embargo_kit import profile as national
from embargo_kit.cli.profile import profile_app
from embargo_kit.cli.workshop import workshop_app
from embargo_kit.workshop.kit import build_kits

runner = CliRunner()


def _misspelt(tmp_path: Path) -> Path:
    bad = tmp_path / "country.yaml"
    bad.write_text(national.EXAMPLE.read_text(encoding="utf-8").replace("  fiu:\n", "  fui:\n"), encoding="utf-8")
    return bad


def _tailor(book: Path) -> None:
    """Give one fixture lesson a key point and a trainer note that use the substitutions."""
    page = next((book / "book" / "awareness").glob("awareness-01-*.md"))
    text = page.read_text(encoding="utf-8")
    text = text.replace("- Key point one of awareness-01.", "- Report every seizure through {{ focal_point }}.")
    text = text.replace("Ask the room: who would know first?", "Ask the room: would {{ fiu }} know first?")
    page.write_text(text, encoding="utf-8")


def _site(folder: Path, label: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f'<html><head><meta name="embargo-kit-profile" content="{label}"></head>'
                                       "<body>site</body></html>")
    return folder


def test_check_accepts_the_example_and_shows_the_wording():
    result = runner.invoke(profile_app, ["check", str(national.EXAMPLE)])
    assert result.exit_code == 0
    assert "valid national profile for Republic of Lumeria (fictional)" in result.output
    assert "{{ fiu }} -> the Financial Intelligence Unit of Lumeria (FIU-L)" in result.output


def test_check_refuses_a_misspelt_profile_with_a_sentence(tmp_path):
    result = runner.invoke(profile_app, ["check", str(_misspelt(tmp_path))])
    assert result.exit_code == 1
    assert "did you mean `authorities.fiu`" in result.output and "Traceback" not in result.output


def test_build_refuses_a_bad_profile_before_building(tmp_path, monkeypatch):
    called = []
    monkeypatch.setattr(book_module, "build", lambda *a, **k: called.append(k) or (0, 0.0))
    result = runner.invoke(profile_app, ["build", str(_misspelt(tmp_path))])
    assert result.exit_code == 1 and called == []
    assert book_module.main(["build", "--profile", str(_misspelt(tmp_path))]) == 2 and called == []


def test_build_passes_the_profile_to_each_edition(tmp_path, monkeypatch):
    called = []
    monkeypatch.setattr(book_module, "build", lambda edition, root, **k: called.append((edition, k)) or (0, 0.0))
    result = runner.invoke(profile_app, ["build", str(national.EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert [e for e, _ in called] == ["learner", "instructor"]
    assert all(k["profile"] == national.EXAMPLE for _, k in called)


def test_the_book_build_hands_the_profile_to_sphinx(tmp_path, monkeypatch):
    seen = {}

    class Done:
        returncode = 0

    def fake_run(cmd, env, **kwargs):
        seen.update(env)
        return Done()

    monkeypatch.setattr(book_module.subprocess, "run", fake_run)
    (tmp_path / "_config.yml").write_text("")
    (tmp_path / "_toc.yml").write_text("")
    code, _ = book_module.build("learner", tmp_path, quiet=True, profile=national.EXAMPLE)
    assert code == 0 and seen["EMBARGO_KIT_PROFILE"] == str(national.EXAMPLE.resolve())


def test_kit_with_a_profile_names_the_countrys_bodies(book, tmp_path):
    _tailor(book)
    learner = _site(tmp_path / "learner-site", "Republic of Lumeria (fictional)")
    instructor = _site(tmp_path / "instructor-site", "Republic of Lumeria (fictional)")
    kits = build_kits(book, ["awareness"], tmp_path / "out", learner_site=learner, instructor_site=instructor,
                      wheel=False, pdf=False, archive=False, profile=national.EXAMPLE)
    learner_kit, trainer_kit = kits["learner"].folder, kits["trainer"].folder
    handout = (learner_kit / "handouts" / "awareness-handout.html").read_text()
    assert "Report every seizure through the Sanctions Coordination Unit (SCU)" in handout
    assert "{{" not in handout
    notes = (trainer_kit / "slides" / "awareness-01-slides.html").read_text()
    assert "would the Financial Intelligence Unit of Lumeria (FIU-L) know first?" in notes
    for kit in (learner_kit, trainer_kit):
        assert "Sanctions desk officer" in (kit / "national" / "contacts.html").read_text()
        assert (kit / "national" / "profile.yaml").read_text() == national.EXAMPLE.read_text()
        assert "national contacts sheet for Republic of Lumeria (fictional)" in (kit / "README.txt").read_text()
    assert kits["learner"].notes == [] and kits["trainer"].notes == []


def test_kit_without_a_profile_uses_neutral_wording_and_notes_a_site_built_for_another(book, tmp_path):
    _tailor(book)
    learner = _site(tmp_path / "learner-site", "Republic of Lumeria (fictional)")
    instructor = _site(tmp_path / "instructor-site", "none")
    kits = build_kits(book, ["awareness"], tmp_path / "out", learner_site=learner, instructor_site=instructor,
                      wheel=False, pdf=False, archive=False)
    handout = (kits["learner"].folder / "handouts" / "awareness-handout.html").read_text()
    assert "Report every seizure through your national focal point." in handout
    assert "fill in" in (kits["learner"].folder / "national" / "contacts.html").read_text()
    assert not (kits["learner"].folder / "national" / "profile.yaml").exists()
    (note,) = kits["learner"].notes
    assert "built for the national profile 'Republic of Lumeria (fictional)'" in note
    assert kits["trainer"].notes == []


def test_workshop_kit_refuses_a_bad_profile(book, tmp_path):
    result = runner.invoke(workshop_app, ["kit", "--tracks", "awareness", "--out", str(tmp_path / "out"),
                                          "--no-pdf", "--root", str(book), "--profile", str(_misspelt(tmp_path))])
    assert result.exit_code == 1
    assert "did you mean `authorities.fiu`" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
