"""One route for every PDF (design.md, "PDF"): an HTML file printed by Debian's chromium, offline.

Korean names render because the HTML asks for "Noto Sans CJK KR" (Debian package fonts-noto-cjk) before any
other font that lacks Hangul. No network: chromium is started with background networking, component updates
and sync turned off, and the page is opened from ``file://``.

Paper size is one setting for every PDF (A4 unless the trainer asks for US Letter): ``with paper_size("Letter"):``
around any code that prints, or ``EMBARGO_KIT_PAPER=Letter``. The printer adds an ``@page{size:...}`` rule last,
so it wins over a size a page's own CSS may name; chromium's own default (Letter) is never used by accident.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--no-pdf-header-footer")


PAPERS = {"a4": "A4", "letter": "letter"}
_PAPER: contextvars.ContextVar[str | None] = contextvars.ContextVar("embargo_kit_paper", default=None)


def check_paper(name: str) -> str:
    """``"a4"``/``"A4"`` -> ``"A4"``; ``"Letter"`` -> ``"letter"`` (the CSS keyword); ValueError otherwise."""
    key = str(name).strip().lower().replace("us-", "").replace("us ", "")
    if key not in PAPERS:
        raise ValueError(f"paper size {name!r} is not known: use A4 or Letter")
    return PAPERS[key]


def current_paper() -> str:
    """The paper size every PDF uses now: the innermost :func:`paper_size`, else $EMBARGO_KIT_PAPER, else A4."""
    return _PAPER.get() or check_paper(os.environ.get("EMBARGO_KIT_PAPER", "A4"))


@contextlib.contextmanager
def paper_size(name: str | None):
    """Print every PDF inside the block on ``name`` paper (None: leave the current setting)."""
    token = _PAPER.set(check_paper(name)) if name else None
    try:
        yield
    finally:
        if token is not None:
            _PAPER.reset(token)


def with_paper(html_text: str, paper: str | None = None) -> str:
    """``html_text`` with an ``@page`` size rule added last in its head (so it wins over earlier sizes)."""
    rule = f"<style>@page{{size:{paper or current_paper()}}}</style>"
    head_end = re.search(r"</head\s*>", html_text, re.I)
    if head_end:
        return html_text[:head_end.start()] + rule + html_text[head_end.start():]
    return rule + html_text


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
    # A sized copy beside the original, so relative images and styles still resolve.
    sized = html_path.with_name(f".{html_path.stem}.print.html")
    sized.write_text(with_paper(html_path.read_text(encoding="utf-8", errors="replace")), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="ek-chromium-") as profile:
            cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}", sized.as_uri()]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise PdfUnavailable(f"chromium did not finish printing {html_path.name} within {timeout:.0f} s") from None
    finally:
        sized.unlink(missing_ok=True)
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
