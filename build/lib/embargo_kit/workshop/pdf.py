"""One route for every PDF (design.md, "PDF"): an HTML file printed by Debian's chromium, offline.

Korean names render because the HTML asks for "Noto Sans CJK KR" (Debian package fonts-noto-cjk) before any
other font that lacks Hangul. No network: chromium is started with background networking, component updates
and sync turned off, and the page is opened from ``file://``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--no-pdf-header-footer")


class PdfUnavailable(RuntimeError):
    """No chromium on this machine: the HTML is there, the PDF is not."""


def find_chromium() -> str | None:
    env = os.environ.get("EMBARGO_KIT_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html_path: str | Path, pdf_path: str | Path, timeout: float = 60) -> Path:
    """Print ``html_path`` to ``pdf_path`` with headless chromium; raise :class:`PdfUnavailable` without it."""
    exe = find_chromium()
    if exe is None:
        raise PdfUnavailable("no chromium found (Debian package `chromium`): the HTML was written, the PDF was not")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ek-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}", html_path.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"chromium did not finish printing {html_path.name} within {timeout:.0f} s") from None
    if proc.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or [""]
        raise PdfUnavailable(f"chromium could not print {html_path.name} (exit {proc.returncode}): {tail[0]}")
    return pdf_path


def write_html_and_pdf(html_text: str, out_html: Path, pdf: bool = True) -> tuple[Path, Path | None, str]:
    """Write the HTML; print it to a PDF beside it when chromium exists. Returns (html, pdf or None, note)."""
    out_html.parent.mkdir(parents=True, exist_ok=True)
    out_html.write_text(html_text, encoding="utf-8")
    if not pdf:
        return out_html, None, ""
    try:
        return out_html, html_to_pdf(out_html, out_html.with_suffix(".pdf")), ""
    except PdfUnavailable as exc:
        return out_html, None, str(exc)
