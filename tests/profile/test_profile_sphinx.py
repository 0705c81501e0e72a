"""The book build with and without a national profile, on a tiny book (the real book is built by the lead)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from embargo_kit import profile as national

PAGE = """# Reporting a seizure

Report the seizure through {{ focal_point }} and tell {{ fiu }}; the law is {{ implementing_law }}.

```{note}
Inside a box: call {{ customs_authority }}.
```
"""


def _build(tmp_path: Path, monkeypatch, *, profile: Path | None, edition: str = "") -> str:
    src = tmp_path / "src"
    src.mkdir()
    extensions = ["myst_parser", "embargo_kit.sphinx.profile"]
    if edition:
        extensions.insert(1, "embargo_kit.sphinx.editions")
        monkeypatch.setenv("EMBARGO_KIT_EDITION", edition)
    (src / "conf.py").write_text(f'project = "t"\nextensions = {extensions!r}\nhtml_theme = "sphinx_book_theme"\n'
                                 'myst_enable_extensions = ["substitution"]\nexclude_patterns = ["_build"]\n')
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    if profile:
        monkeypatch.setenv(national.ENV_VAR, str(profile))
    else:
        monkeypatch.delenv(national.ENV_VAR, raising=False)
    out = tmp_path / "html"
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees"), "html", status=io.StringIO(),
                 warning=warnings, freshenv=True)
    app.build()
    # Several Sphinx apps in one process re-register docutils nodes; any other warning is a failure.
    real = [w for w in warnings.getvalue().splitlines() if w.strip() and "is already registered" not in w]
    assert real == []
    return (out / "index.html").read_text(encoding="utf-8")


def test_without_a_profile_the_page_speaks_neutrally_and_says_so(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, profile=None)
    assert "Report the seizure through your national focal point and tell your financial intelligence unit" in html
    assert "Inside a box: call your customs authority." in html
    assert "No national profile: neutral wording" in html
    assert '<meta name="embargo-kit-profile" content="none">' in html
    assert "{{" not in html


def test_with_a_profile_the_page_names_the_countrys_bodies_and_shows_the_profile(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, profile=national.EXAMPLE)
    assert ("Report the seizure through the Sanctions Coordination Unit (SCU) of the Ministry of Foreign Affairs and "
            "tell the Financial Intelligence Unit of Lumeria (FIU-L)") in html
    assert "United Nations Measures (DPRK) Regulations 2007" in html
    assert "Inside a box: call the Lumeria Revenue and Customs Authority (LRCA)." in html
    assert "Built for the national profile: Republic of Lumeria (fictional)." in html
    assert '<meta name="embargo-kit-profile" content="Republic of Lumeria (fictional)">' in html


def test_the_instructor_warning_is_kept_beside_the_profile(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, profile=national.EXAMPLE, edition="instructor")
    banner = html[html.index("bd-header-announcement__content"):][:400]
    assert "Instructor edition: contains trainer notes" in banner
    assert "Built for the national profile: Republic of Lumeria (fictional)" in banner


def test_a_broken_profile_stops_the_build_with_the_validator_message(tmp_path, monkeypatch):
    bad = tmp_path / "bad.yaml"
    bad.write_text(national.EXAMPLE.read_text(encoding="utf-8").replace("focal_point:", "focal_piont:"))
    with pytest.raises(ConfigError) as info:
        _build(tmp_path, monkeypatch, profile=bad)
    assert "did you mean `focal_point`" in str(info.value) and str(bad) in str(info.value)
