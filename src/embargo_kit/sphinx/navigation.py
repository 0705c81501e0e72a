"""Navigation that works by tap and keyboard on a phone and a desktop.

The book theme draws its menu (☰) and contents buttons in the article header; pydata-sphinx-theme draws
hidden copies in its site header first, and both themes' scripts bind to the first match
(``querySelector(".primary-toggle")``), so the visible buttons did nothing. ``templates/`` overrides the
site header (empty) and the two buttons (named for screen readers), and the search field button (named
by its visible words: axe's ``label-content-name-mismatch``). The theme's own previous/next footer is off
(``show_prev_next: false`` in _config.yml): progress.py draws one pair per page that follows the track.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _add_templates(app: Any, config: Any) -> None:
    paths = list(getattr(config, "templates_path", []) or [])
    if str(TEMPLATES) not in paths:
        config.templates_path = [str(TEMPLATES), *paths]  # first: ours override the theme's


def favicon_ico(size: int = 16, rgb: tuple[int, int, int] = (26, 95, 180)) -> bytes:
    """A plain square icon (the course's blue) as an .ico holding one PNG: made here, nothing downloaded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 24, len(png), 6 + 16)
    return header + entry + png


def _write_favicon(app: Any, exception: Exception | None) -> None:
    """Browsers ask for /favicon.ico whatever the page says; serve one at the root instead of a 404."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "favicon.ico"
    if not target.exists():
        target.write_bytes(favicon_ico())


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_templates)
    app.connect("build-finished", _write_favicon)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
