"""``embargo-kit publish --out DIR``: the learner edition as a ready-to-upload folder.

Registered in cli/__init__.py with ``app.command("publish")(publish)``. Heavy work lives in ``embargo_kit.publish``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def publish(
    out: Path = typer.Option(..., "--out", help="Folder to write the learner site into (new, empty, or an earlier "
                                               "publication, which is replaced)."),
    base_url: str = typer.Option("/", "--base-url", help="Public path (or URL) the site is served under, e.g. "
                                                        "/training/dprk-embargo/. Used by the 404 page."),
    noindex: bool = typer.Option(False, "--noindex/--index", help="Ask search engines not to index the site "
                                                                  "(intranets): robots.txt and a meta tag per page."),
    archive: bool = typer.Option(False, "--archive", help="Also write DIR.zip beside the folder."),
    csp_meta: bool = typer.Option(False, "--csp-meta", help="Write the Content Security Policy into every page as a "
                                  "meta tag, for hosts that cannot send headers (static-pages services)."),
    nginx_conf: Optional[Path] = typer.Option(None, "--nginx-conf", help="Also write the shipped nginx snippet, "
                                              "filled in with --base-url and the folder, to this file.",
                                              dir_okay=False),
    nginx_root: Optional[Path] = typer.Option(None, "--nginx-root", help="Where the folder will live on the server, "
                                              "for --nginx-conf (default: the --out folder itself)."),
    source: Optional[Path] = typer.Option(None, "--source", help="A built learner edition to publish instead of "
                                          "_build/learner/_build/html (built first if missing).",
                                          exists=True, file_okay=False),
) -> None:
    """Publish the learner edition (never the instructor edition) with a manifest, robots.txt and a 404 page."""
    from ..publish import PublishError, nginx_snippet_path, publish as do_publish, render_nginx_snippet

    try:
        repo_root = None
        if source is None or nginx_conf is not None:
            from ..book import project_root

            repo_root = project_root()
        report = do_publish(out, base_url=base_url, noindex=noindex, archive=archive, csp_meta=csp_meta, source=source,
                            repo_root=repo_root)
        if nginx_conf is not None:
            snippet = render_nginx_snippet(nginx_snippet_path(repo_root).read_text(encoding="utf-8"),
                                           report.base_url, nginx_root or report.out)
            nginx_conf.parent.mkdir(parents=True, exist_ok=True)
            nginx_conf.write_text(snippet, encoding="utf-8")
    except PublishError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"published the learner edition: {report.pages} pages, {report.files} files, "
               f"{report.bytes / 1e6:.1f} MB in {report.out}")
    typer.echo(f"base URL {report.base_url}; search engines: {'asked not to index (noindex)' if noindex else 'allowed'}")
    typer.echo(f"manifest: {report.out / 'MANIFEST.sha256'} (check with `sha256sum -c MANIFEST.sha256` in the folder)")
    if report.archive:
        typer.echo(f"archive:  {report.archive} ({report.archive_bytes / 1e6:.1f} MB)")
    if nginx_conf is not None:
        typer.echo(f"nginx:    {nginx_conf} (include it inside a server block; then nginx -t && reload)")
