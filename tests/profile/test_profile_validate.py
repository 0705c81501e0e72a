"""National profiles: the example validates, and a broken profile is explained by file, line and fix."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from embargo_kit import profile as national

ROOT = Path(__file__).resolve().parents[2]


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = national.EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "country.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(national.ProfileError) as info:
        national.load_profile(path)
    return info.value.problems


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_the_example_profile_validates_and_names_lumerias_agencies():
    prof = national.load_profile(national.EXAMPLE)
    subs = national.substitutions(prof)
    assert prof.label == "Republic of Lumeria (fictional)"
    assert "Sanctions Coordination Unit" in subs["focal_point"]
    assert subs["fiu"] == "the Financial Intelligence Unit of Lumeria (FIU-L)"
    assert "United Nations Measures (DPRK) Regulations 2007" in subs["implementing_law"]
    assert len(prof.contacts()) >= 3


def test_the_example_uses_the_same_names_as_lumerias_country_file():
    """One consistent story: the profile's agencies and laws are those of data/national/lumeria.yaml."""
    country = yaml.safe_load((ROOT / "src/embargo_kit/data/national/lumeria.yaml").read_text(encoding="utf-8"))
    prof = national.load_profile(national.EXAMPLE).data
    agencies = country["agencies"]
    assert prof["country"] == country["name"]
    assert prof["focal_point"]["name"] == agencies["national_focal_point"]["name"]
    assert prof["authorities"]["customs"]["name"] == agencies["customs"]["name"]
    assert prof["authorities"]["ports"]["name"] == agencies["maritime_authority"]["name"]
    assert prof["authorities"]["fiu"]["name"] == agencies["fiu"]["name"]
    assert prof["authorities"]["finance"]["name"] == agencies["central_bank"]["name"]
    laws = {law["name"] for law in country["legal_framework"]}
    assert set(prof["laws"]["implementing"]) | set(prof["laws"]["related"]) <= laws


def test_no_profile_gives_neutral_wording():
    subs = national.substitutions(None)
    assert subs["focal_point"] == "your national focal point"
    assert subs["fiu"] == "your financial intelligence unit"
    assert all(value.startswith(("your ", "no ")) for value in subs.values())


def test_a_misspelt_field_names_its_line_and_the_right_spelling(tmp_path):
    path = _broken(tmp_path, "focal_point:", "focal_piont:")
    problems = _problems(path)
    line = _line_of(path, "focal_piont")
    assert any(f"line {line}" in p and "focal_piont" in p and "did you mean `focal_point`" in p for p in problems)
    assert str(path) in problems[0]


def test_a_misspelt_nested_field_gets_its_full_name(tmp_path):
    path = _broken(tmp_path, "  fiu:\n", "  fui:\n")
    (problem,) = _problems(path)
    assert f"line {_line_of(path, 'fui:')}" in problem and "did you mean `authorities.fiu`" in problem


def test_a_missing_field_says_what_it_is_and_where_to_add_it(tmp_path):
    path = _broken(tmp_path, "  form: the Sanctions Incident Report (form SCU-7)\n", "")
    (problem,) = _problems(path)
    assert "missing field `reporting.form`" in problem and "the form as it reads in a sentence" in problem
    assert f"add it under `reporting` (line {_line_of(path, 'reporting:')})" in problem


def test_wrong_types_and_empty_values_are_explained(tmp_path):
    text = national.EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("profile_version: 1", "profile_version: one")
    text = re.sub(r"  implementing:\n(    - .*\n)+", "  implementing: United Nations Measures Act 1998\n", text)
    text = text.replace("  channel: the SCU's", "  channel:\n  old_channel: the SCU's")
    path = tmp_path / "country.yaml"
    path.write_text(text, encoding="utf-8")
    problems = "\n".join(_problems(path))
    assert "`profile_version` must be a whole number" in problems
    assert "`laws.implementing` must be a list" in problems
    assert "`reporting.channel` is empty" in problems


def test_broken_yaml_gives_the_line_not_a_traceback(tmp_path):
    path = tmp_path / "country.yaml"
    path.write_text("profile_version: 1\ncountry: Testland\nfocal_point:\n  name: [unclosed\n", encoding="utf-8")
    (problem,) = _problems(path)
    assert "not valid YAML" in problem and re.search(r"line [45]", problem)


def test_a_missing_file_is_a_sentence(tmp_path):
    (problem,) = _problems(tmp_path / "nowhere.yaml")
    assert "no such file" in problem


def test_apply_replaces_known_names_and_leaves_others():
    subs = national.substitutions(national.load_profile(national.EXAMPLE))
    text = national.apply("Tell {{ fiu }} and {{fiu}}; keep {{ unknown }}.", subs)
    assert text == ("Tell the Financial Intelligence Unit of Lumeria (FIU-L) and the Financial Intelligence Unit of "
                    "Lumeria (FIU-L); keep {{ unknown }}.")


def test_every_substitution_in_the_book_is_a_known_name():
    """An unknown name would stop the book build; say which page has it."""
    unknown = {}
    for page in (ROOT / "book").rglob("*.md"):
        names = national.used_names(page.read_text(encoding="utf-8")) - set(national.NEUTRAL)
        if names:
            unknown[page.relative_to(ROOT).as_posix()] = sorted(names)
    assert unknown == {}


def test_the_awareness_lessons_are_tailored():
    used = set()
    for page in (ROOT / "book" / "awareness").glob("awareness-*.md"):
        used |= national.used_names(page.read_text(encoding="utf-8"))
    assert {"focal_point", "fiu", "implementing_law", "customs_authority", "port_authority",
            "reporting_channel"} <= used


def test_contacts_sheet_names_roles_and_says_fictional():
    html = national.contacts_html(national.load_profile(national.EXAMPLE))
    assert "Republic of Lumeria" in html and "Sanctions desk officer" in html and "invented" in html
    blank = national.contacts_html(None)
    assert "fill in" in blank and "Lumeria" not in blank


def test_without_a_profile_the_awareness_sentences_read_as_before():
    """The neutral wording keeps the lessons' original sentences (what a learner reads with no profile)."""
    neutral = national.substitutions(None)
    text = " ".join(national.apply(page.read_text(encoding="utf-8"), neutral).replace("\n", " ")
                    for page in sorted((ROOT / "book" / "awareness").glob("awareness-*.md")))
    text = re.sub(r"\s+", " ", text)
    for sentence in ("Report the inspection and seizure through your national focal point to the 1718 Committee",
                     "Tell your financial intelligence unit too",
                     "how would your national focal point find out?",
                     "could a bank in your country lawfully freeze the account under your national implementing law"):
        assert sentence in text
    assert "{{" not in text
