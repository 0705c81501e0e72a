"""The translation route of the handbook ("Translate the kit"), end to end on a tiny book: extract the gettext
catalogs with Jupyter Book, start a French catalog with pybabel, translate one page's title and a paragraph,
compile, build in French with a national profile, and read the French page."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from embargo_kit import profile as national

BIN = Path(sys.executable).parent
CONFIG = """title: Tiny translated book
only_build_toc_files: true
execute:
  execute_notebooks: "off"
parse:
  myst_enable_extensions: [substitution, colon_fence]
sphinx:
  extra_extensions: [embargo_kit.sphinx.profile]
"""
LESSON = """# Why the embargo exists

Report a seizure through {{ focal_point }}.

The embargo covers arms and related materiel of all types.
"""


def _run(*cmd, cwd: Path, **env) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", **env})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


@pytest.mark.slow
def test_one_page_translated_to_french_through_gettext_catalogs(tmp_path):
    book = tmp_path / "book-root"
    (book / "book" / "awareness").mkdir(parents=True)
    (book / "_config.yml").write_text(CONFIG)
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n- file: book/awareness/lesson\n")
    (book / "index.md").write_text("# Home\n\nThe home page stays in English.\n")
    (book / "book" / "awareness" / "lesson.md").write_text(LESSON)
    env = {national.ENV_VAR: "", "EMBARGO_KIT_LANGUAGE": ""}

    # 1. extract: one .pot per page, in its own build folder (the gettext doctrees differ from the HTML ones)
    _run(BIN / "jupyter-book", "build", ".", "--builder", "custom", "--custom-builder", "gettext",
         "--path-output", "_build/i18n", cwd=book, **env)
    pot = book / "_build/i18n/_build/gettext/book/awareness/lesson.pot"
    assert pot.exists() and "{{ focal_point }}" in pot.read_text(), "substitutions stay names in the catalog"

    # 2. start the French catalog, as `pybabel init` does for a translator
    po = book / "locale/fr/LC_MESSAGES/book/awareness/lesson.po"
    po.parent.mkdir(parents=True)
    _run(BIN / "pybabel", "init", "-i", pot, "-o", po, "-l", "fr", cwd=book)

    # 3. the translator's work: the title and one paragraph; the other paragraph is left untranslated
    with po.open("rb") as f:
        catalog = read_po(f)
    catalog["Why the embargo exists"].string = "Pourquoi l'embargo existe"
    catalog["Report a seizure through {{ focal_point }}."].string = "Signalez une saisie par {{ focal_point }}."
    with po.open("wb") as f:
        write_po(f, catalog)

    # 4. compile and build in French, for the example national profile
    _run(BIN / "pybabel", "compile", "-i", po, "-o", po.with_suffix(".mo"), "-l", "fr", cwd=book)
    _run(BIN / "jupyter-book", "build", ".", cwd=book,
         **{national.ENV_VAR: str(national.EXAMPLE), "EMBARGO_KIT_LANGUAGE": "fr"})
    page = (book / "_build/html/book/awareness/lesson.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "<h1>Pourquoi l’embargo existe" in page  # Sphinx's smart quotes turn ' into ’
    assert ("Signalez une saisie par the Sanctions Coordination Unit (SCU) of the Ministry of Foreign Affairs."
            in page), "the translated paragraph still takes the profile's names"
    assert "The embargo covers arms and related materiel of all types." in page
    assert "<h1>Why the embargo exists" not in page
    assert "The home page stays in English." in (book / "_build/html/index.html").read_text(encoding="utf-8")
