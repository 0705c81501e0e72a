"""A broken cross-reference or an unknown citation fails the build, naming the file and line,
and the half-built HTML is not left behind to be served."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest

pytestmark = [pytest.mark.book, pytest.mark.slow]


def test_unknown_citation_and_broken_reference_fail_with_file_and_line(tmp_path, root):
    shutil.copy(root / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: page\n")
    (tmp_path / "index.md").write_text("# Home\n\nSee {doc}`page`.\n")
    (tmp_path / "page.md").write_text(textwrap.dedent("""\
        # A page

        A good citation {res}`1718`.

        An unknown one {res}`1999/3`.

        A broken link {doc}`no-such-page`.
        """))
    result = subprocess.run(
        [sys.executable, "-m", "embargo_kit.book", "build", "--edition", "learner"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "page.md:5" in output and "resolution 1999 is not in the registry" in output, output[-3000:]
    assert "page.md:7" in output and "no-such-page" in output, output[-3000:]
    assert not (tmp_path / "_build" / "learner" / "_build" / "html").exists(), "a failed build must not leave HTML"
    assert "did NOT build" in output
