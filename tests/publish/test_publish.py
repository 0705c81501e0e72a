"""`embargo-kit publish`: what someone uploading the folder, or auditing it, would notice."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from embargo_kit.publish import (CSP, PublishError, check_manifest, instructor_markers, publish,
                                 normalise_base_url, render_nginx_snippet, verify_learner_site)

pytestmark = pytest.mark.book

PREFIX = "/training/dprk-embargo/"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


# ------------------------------------------------------------------------------------ the real edition
def test_manifest_lists_every_file_with_its_hash(published):
    data = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    assert data["edition"] == "learner" and data["base_url"] == PREFIX and data["noindex"] is False
    files = sorted(p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file())
    files.remove("manifest.json")
    files.remove("MANIFEST.sha256")
    assert [e["path"] for e in data["entries"]] == files
    assert check_manifest(published) == []
    sums = (published / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    assert len(sums) == len(files)
    digest, name = sums[0].split("  ", 1)
    assert hashlib.sha256((published / name).read_bytes()).hexdigest() == digest
    if shutil.which("sha256sum"):  # what an operator runs after uploading
        proc = subprocess.run(["sha256sum", "--quiet", "-c", "MANIFEST.sha256"], cwd=published,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    # a file changed after publishing is caught
    page = published / "book" / "index.html"
    original = page.read_bytes()
    try:
        page.write_bytes(original + b"<!-- edited -->")
        assert check_manifest(published) == ["changed: book/index.html"]
    finally:
        page.write_bytes(original)


def test_only_the_learner_edition_is_published(published, instructor_html):
    assert verify_learner_site(published) == []
    assert not (published / "_sources").exists()
    assert not list(published.rglob(".buildinfo"))
    assert not [p for p in published.rglob("*") if "solutions" in p.parts]
    for page in _pages(published):
        assert instructor_markers(page.read_text(encoding="utf-8")) == [], page
    # the markers looked for are the ones the instructor edition really has
    lesson = (instructor_html / "book/awareness/awareness-01-why-the-embargo.html").read_text(encoding="utf-8")
    assert {'class "trainer-note"', 'class "answer-key"'} <= set(instructor_markers(lesson))


def test_pages_run_no_inline_script_or_style_so_a_strict_csp_holds(published):
    """Inline scripts move to files under _static/ek-inline/, style attributes to classes, in the same order."""
    for page in _pages(published):
        text = page.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S):
            kind = re.search(r'type="([^"]*)"', attrs)
            if "src=" not in attrs and body.strip():
                assert kind and kind.group(1) not in ("text/javascript", "module"), f"{page}: inline script"
        assert not re.search(r"<[a-z][^<>]*\sstyle=\"", text), f"{page}: style attribute"
        assert "<style" not in text, f"{page}: style element"
        assert not re.search(r"\son[a-z]+=\"", text), f"{page}: inline event handler"
    lesson = (published / "book/awareness/awareness-01-why-the-embargo.html").read_text(encoding="utf-8")
    srcs = re.findall(r'<script[^>]*src="([^"]+)"', lesson)
    moved = [s for s in srcs if "ek-inline/" in s]
    assert moved, "the theme's inline scripts should have been moved to files"
    for src in moved:
        body = (published / "book/awareness" / src).resolve().read_text(encoding="utf-8")
        assert body.strip()
    # the page-specific one still says which page this is, and comes after the options it extends
    bodies = [(published / "book/awareness" / s).resolve().read_text(encoding="utf-8") for s in srcs
              if "ek-inline/" in s]
    assert any("DOCUMENTATION_OPTIONS.pagename = 'book/awareness/awareness-01-why-the-embargo'" in b for b in bodies)
    assert srcs.index(next(s for s in srcs if "documentation_options.js" in s)) < \
        srcs.index(next(s for s, b in zip(moved, bodies) if "pagename" in b))


def test_custom_404_leads_back_to_the_track_picker(published):
    page = (published / "404.html").read_text(encoding="utf-8")
    assert f'<base href="{PREFIX}" />' in page
    hrefs = re.findall(r'<(?:a|link)\s[^>]*href="([^"]+)"', page)
    assert "book/index.html#pick-your-track" in hrefs
    for href in hrefs:
        assert not href.startswith(("http:", "https:", "//", "/")), href
        assert (published / href.split("#")[0]).exists(), href
    assert 'id="pick-your-track"' in (published / "book/index.html").read_text(encoding="utf-8")


def test_search_engines_allowed_by_default(published):
    robots = (published / "robots.txt").read_text(encoding="utf-8")
    assert "Allow: /" in robots and "Disallow" not in robots
    assert 'name="robots"' not in (published / "book/index.html").read_text(encoding="utf-8")


def test_noindex_for_intranets_and_archive(learner_html, root, tmp_path):
    report = publish(tmp_path / "intranet", base_url="training/dprk-embargo", noindex=True, archive=True,
                     source=learner_html, repo_root=root)
    site = report.out
    assert report.base_url == PREFIX
    assert "Disallow: /" in (site / "robots.txt").read_text(encoding="utf-8")
    for page in [*_pages(site), site / "404.html"]:
        assert '<meta name="robots" content="noindex, nofollow" />' in page.read_text(encoding="utf-8"), page
    assert json.loads((site / "manifest.json").read_text())["noindex"] is True
    assert report.archive == tmp_path / "intranet.zip"
    with zipfile.ZipFile(report.archive) as zf:
        names = sorted(n.split("/", 1)[1] for n in zf.namelist())
        assert zf.read("intranet/robots.txt") == (site / "robots.txt").read_bytes()
    assert names == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_publishing_is_reproducible_and_replaces_an_earlier_publication(published, learner_html, root, tmp_path):
    again = publish(tmp_path / "site", base_url=PREFIX, source=learner_html, repo_root=root)
    assert (again.out / "MANIFEST.sha256").read_bytes() == (published / "MANIFEST.sha256").read_bytes()
    (again.out / "stale.html").write_text("left over", encoding="utf-8")
    publish(tmp_path / "site", base_url=PREFIX, source=learner_html, repo_root=root)
    assert not (again.out / "stale.html").exists()


def test_refuses_to_overwrite_a_folder_it_did_not_write(learner_html, root, tmp_path):
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(PublishError, match="other files"):
        publish(mine, source=learner_html, repo_root=root)
    assert (mine / "letter.txt").read_text(encoding="utf-8") == "keep me"


# ------------------------------------------------------------------------------------ refusals
def _fake_site(folder: Path, body: str = "<p>Lesson</p>") -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<html><head><title>t</title></head><body>{body}</body></html>",
                                       encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, make, reason", [
    ("trainer note", lambda s: (s / "lesson.html").write_text(
        '<div class="admonition trainer-note"><p>Skip this if short of time.</p></div>'), "trainer-note"),
    ("answer key", lambda s: (s / "quiz.html").write_text('<div class="answer-key admonition">B</div>'),
     "answer-key"),
    ("instructor banner", lambda s: (s / "page.html").write_text(
        "<div>Instructor edition: contains trainer notes, answer keys and solutions.</div>"), "Instructor edition"),
    ("page sources", lambda s: (s / "_sources").mkdir(), "_sources"),
    ("solution page", lambda s: (s / "solutions").mkdir() or (s / "solutions" / "x.html").write_text("x"),
     "solution pages"),
    ("solved notebook", lambda s: (s / "nb.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": "# Q1\nanswer = df['year'].min()"}]})),
     "still holds its solution code"),
    ("solution block", lambda s: (s / "nb.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "code", "metadata": {}, "source": "# BEGIN SOLUTION\nx = 2\n# END SOLUTION"}]})),
     "BEGIN SOLUTION"),
])
def test_refuses_anything_instructor_only_and_writes_nothing(tmp_path, name, make, reason):
    site = _fake_site(tmp_path / "html")
    make(site)
    with pytest.raises(PublishError, match=re.escape(reason)):
        publish(tmp_path / "out", source=site)
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.glob("*.publishing"))


def test_a_stub_notebook_is_accepted(tmp_path):
    site = _fake_site(tmp_path / "html")
    (site / "nb.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "code", "metadata": {"tags": ["solution"]},
         "source": "# Q1: the earliest year\nimport pandas as pd\nfirst = ...\ndef pick(df):\n    \"\"\"Doc.\"\"\"\n    ..."}]}))
    report = publish(tmp_path / "out", source=site)
    assert (report.out / "nb.ipynb").exists()


# ------------------------------------------------------------------------------------ nginx snippet, CLI
@pytest.mark.parametrize("given, expected", [
    ("/", "/"), ("", "/"), ("training/dprk-embargo", PREFIX), ("/training/dprk-embargo/", PREFIX),
    ("https://example.org/training/dprk-embargo", "https://example.org/training/dprk-embargo/"),
])
def test_base_url_is_normalised(given, expected):
    assert normalise_base_url(given) == expected


@pytest.mark.parametrize("bad", ["/training/../etc/", '/a"onload="x/', "/a b/", "/q?x=1"])
def test_base_url_that_is_not_a_path_is_refused(bad):
    with pytest.raises(PublishError, match="--base-url"):
        normalise_base_url(bad)



def test_nginx_snippet_takes_the_base_url_and_folder(root):
    template = (root / "deploy/nginx/embargo-kit.conf").read_text(encoding="utf-8")
    text = render_nginx_snippet(template, "/courses/dprk-embargo-2027/", "/var/www/dprk")
    assert "/training/dprk-embargo" not in text and "/srv/embargo-kit/site" not in text
    assert "location ^~ /courses/dprk-embargo-2027/ {" in text
    assert "location = /courses/dprk-embargo-2027 {" in text
    assert "alias /var/www/dprk/;" in text
    assert "error_page 404 /courses/dprk-embargo-2027/404.html;" in text
    with pytest.raises(PublishError):
        render_nginx_snippet(template, "/", "/var/www/dprk")
    # the header sends the policy the pages are made to pass (and --csp-meta writes), plus frame-ancestors
    header = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', template).group(1)
    assert header == CSP + "; frame-ancestors 'none'"


def test_cli_publishes_and_explains_a_refusal(learner_html, tmp_path, monkeypatch, root):
    typer_testing = pytest.importorskip("typer.testing")
    import typer

    from embargo_kit.cli.publish import publish as command

    app = typer.Typer()
    app.command()(command)
    monkeypatch.chdir(root)
    runner = typer_testing.CliRunner()
    result = runner.invoke(app, ["--out", str(tmp_path / "site"), "--base-url", PREFIX, "--source", str(learner_html),
                                 "--nginx-conf", str(tmp_path / "nginx" / "course.conf")])
    assert result.exit_code == 0, result.output
    assert "published the learner edition" in result.output
    assert f"alias {tmp_path / 'site'}/;" in (tmp_path / "nginx" / "course.conf").read_text(encoding="utf-8")
    bad = _fake_site(tmp_path / "bad", '<div class="admonition trainer-note">x</div>')
    result = runner.invoke(app, ["--out", str(tmp_path / "out2"), "--source", str(bad)])
    assert result.exit_code == 1
    assert "refusing to publish" in result.output and "Traceback" not in result.output


def test_pages_workflow_builds_publishes_and_uploads_the_same_folder(root):
    yaml = pytest.importorskip("yaml")
    flow = yaml.safe_load((root / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any(r.strip() == "make build" for r in runs)
    publish_cmd = next(r for r in runs if "embargo-kit publish" in r)
    out = re.search(r"--out\s+(\S+)", publish_cmd).group(1)
    assert "--base-url" in publish_cmd and "--csp-meta" in publish_cmd
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == out
    assert "instructor" not in out
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
