"""The published folder behind Debian's nginx with the shipped snippet, under /training/dprk-embargo/."""
from __future__ import annotations

import gzip
import http.client
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from embargo_kit.publish import instructor_markers

pytestmark = pytest.mark.book

PREFIX = "/training/dprk-embargo/"


class Response:
    def __init__(self, status: int, headers: dict[str, str], raw: bytes):
        self.status, self.headers, self.raw = status, headers, raw

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def body(self) -> bytes:
        return gzip.decompress(self.raw) if self.header("content-encoding") == "gzip" else self.raw


def get(nginx, path: str, gzip_ok: bool = True) -> Response:
    """GET a path (absolute, or relative to the course's base) without following redirects."""
    if not path.startswith("/"):
        path = PREFIX + path
    host, port = urlsplit(nginx.origin).hostname, urlsplit(nginx.origin).port
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        r = conn.getresponse()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in ("next", "prev", "index", "search"):
            self.fetched.append(a["href"])
        if tag in ("a", "link") and a.get("href"):
            self.links.append(a["href"])


def _refs(text: str) -> _Refs:
    parser = _Refs()
    parser.feed(text)
    return parser


# ------------------------------------------------------------------------------------ serving and links
def test_course_is_served_under_its_sub_path_only(nginx):
    landing = get(nginx, PREFIX)
    assert landing.status == 200 and "book/index.html" in landing.body.decode()
    assert get(nginx, "book/index.html").status == 200
    bare = get(nginx, PREFIX.rstrip("/"))
    assert bare.status == 301 and bare.header("location") == PREFIX
    assert get(nginx, "/book/index.html").status == 404, "the course must not answer at the host's root"
    for sneaky in ("../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd", "book/../../../etc/hostname"):
        r = get(nginx, PREFIX + sneaky)
        assert r.status in (400, 404), f"{sneaky}: {r.status}"
        assert b"root:" not in r.body


def test_every_page_link_asset_and_download_resolves_under_the_sub_path(nginx):
    """Crawl the site through nginx: every same-host URL stays under the sub-path and answers 200;
    no crawled page carries an instructor-only marker; every notebook download is served."""
    start = nginx.base + "book/index.html"
    seen_pages, seen_assets, broken, escaped, markers = {start}, set(), [], [], []
    queue = deque([start])
    while queue:
        url = queue.popleft()
        r = get(nginx, urlsplit(url).path)
        if r.status != 200:
            broken.append(f"{url} -> {r.status}")
            continue
        text = r.body.decode("utf-8", errors="replace")
        markers += [f"{url}: {m}" for m in instructor_markers(text)]
        refs = _refs(text)
        for ref, is_asset in [(u, True) for u in refs.fetched] + [(u, False) for u in refs.links]:
            target = urljoin(url, ref)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != nginx.origin:
                if is_asset:
                    escaped.append(f"{url} fetches {target}")
                continue  # a link to an outside source (un.org ...) is a citation, not a request
            if not parts.path.startswith(PREFIX):
                escaped.append(f"{url} -> {parts.path}")
                continue
            clean = f"{nginx.origin}{parts.path}" + (f"?{parts.query}" if parts.query else "")
            if parts.path.endswith(".html") or parts.path.endswith("/"):
                if clean.split("?")[0] not in seen_pages:
                    seen_pages.add(clean.split("?")[0])
                    queue.append(clean.split("?")[0])
            else:
                seen_assets.add(clean)
    for asset in sorted(seen_assets):
        parts = urlsplit(asset)
        r = get(nginx, parts.path + (f"?{parts.query}" if parts.query else ""))
        if r.status != 200:
            broken.append(f"{asset} -> {r.status}")
        elif parts.path.endswith(".css"):
            for ref in re.findall(r"url\(\s*['\"]?([^)'\"]+)", r.body.decode("utf-8", errors="replace")):
                if ref.startswith(("data:", "#")):
                    continue
                target = urlsplit(urljoin(asset, ref))
                if not target.path.startswith(PREFIX):
                    escaped.append(f"{asset} -> {ref}")
                elif get(nginx, target.path).status != 200:
                    broken.append(f"{asset} -> {ref}")
    assert len(seen_pages) >= 20, f"the crawl reached only {len(seen_pages)} pages"
    assert not broken, "broken through nginx under the sub-path:\n" + "\n".join(broken[:30])
    assert not escaped, "URLs that leave the sub-path:\n" + "\n".join(escaped[:30])
    assert not markers, "instructor-only content is reachable:\n" + "\n".join(markers[:30])
    notebooks = [a for a in seen_assets if a.endswith(".ipynb")]
    assert notebooks, "exercise pages should offer their notebook for download"


# ------------------------------------------------------------------------------------ headers
def _lesson_assets(nginx) -> list[str]:
    text = get(nginx, "book/awareness/awareness-01-why-the-embargo.html").body.decode()
    base = nginx.base + "book/awareness/awareness-01-why-the-embargo.html"
    return [urlsplit(urljoin(base, u)) for u in _refs(text).fetched]


def test_text_is_compressed_and_images_are_not(nginx, published):
    assets = _lesson_assets(nginx)

    def big(a) -> bool:  # gzip_min_length: tiny files are not worth compressing
        return (published / unquote(a.path[len(PREFIX):])).stat().st_size > 4096

    css = next(a for a in assets if a.path.endswith(".css") and a.query and big(a))
    js = next(a for a in assets if a.path.endswith(".js") and a.query and big(a))
    notebook = next(p for p in published.rglob("*.ipynb"))
    paths = ["book/awareness/awareness-01-why-the-embargo.html", f"{css.path}?{css.query}", f"{js.path}?{js.query}",
             "searchindex.js", notebook.relative_to(published).as_posix()]
    for path in paths:
        r = get(nginx, path)
        assert r.status == 200, path
        assert r.header("content-encoding") == "gzip", f"{path} is not compressed"
        assert "accept-encoding" in r.header("vary").lower(), f"{path}: no Vary: Accept-Encoding"
        assert len(r.raw) < 0.6 * len(r.body), f"{path}: {len(r.raw)} of {len(r.body)} bytes"
        file = published / unquote(urlsplit(path if path.startswith("/") else PREFIX + path).path[len(PREFIX):])
        assert r.body == file.read_bytes(), f"{path}: served bytes differ from the published file"
        plain = get(nginx, path, gzip_ok=False)
        assert plain.header("content-encoding") == "" and plain.raw == file.read_bytes()
    png = next(published.glob("_images/*.png"), None)
    if png is not None:
        assert get(nginx, f"_images/{png.name}").header("content-encoding") == ""


def test_mime_types_for_notebooks_archives_and_pdfs(nginx, published):
    probe = published / "_downloads" / "zz-mime-probe"
    probe.mkdir()
    try:
        (probe / "handout.pdf").write_bytes(b"%PDF-1.4\n%probe\n")
        (probe / "kit.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
        expected = {
            "_downloads/zz-mime-probe/handout.pdf": "application/pdf",
            "_downloads/zz-mime-probe/kit.zip": "application/zip",
            next(published.rglob("*.ipynb")).relative_to(published).as_posix(): "application/x-ipynb+json",
            "book/index.html": "text/html",
            "searchindex.js": "application/javascript",
            "robots.txt": "text/plain",
            "manifest.json": "application/json",
        }
        woff2 = next(published.rglob("*.woff2"), None)
        if woff2:
            expected[woff2.relative_to(published).as_posix()] = "font/woff2"
        for path, mime in expected.items():
            r = get(nginx, path)
            assert r.status == 200, path
            assert r.header("content-type").split(";")[0] == mime, f"{path}: {r.header('content-type')}"
            assert r.header("x-content-type-options") == "nosniff"
        assert "charset=utf-8" in get(nginx, "book/index.html").header("content-type")
    finally:
        for f in probe.iterdir():
            f.unlink()
        probe.rmdir()


def _max_age(r: Response) -> int:
    m = re.search(r"max-age=(\d+)", r.header("cache-control"))
    assert m, f"no max-age in {r.header('cache-control')!r}"
    return int(m.group(1))


def test_long_cache_for_versioned_assets_short_for_pages(nginx, published):
    assets = _lesson_assets(nginx)
    versioned = [a for a in assets if "/_static/" in a.path and re.match(r"^(v|digest)=[0-9a-f]+$", a.query)]
    assert versioned, "Sphinx should link styles and scripts with ?v=<hash>"
    for a in versioned:
        assert _max_age(get(nginx, f"{a.path}?{a.query}")) >= 180 * 86400, a.path
    moved = [a for a in assets if "/_static/ek-inline/" in a.path]
    assert moved and all(_max_age(get(nginx, a.path)) >= 180 * 86400 for a in moved)
    # the same file without its version query may change in place: short enough to pick up a release
    a = versioned[0]
    assert _max_age(get(nginx, a.path)) <= 86400
    for path in ("", "book/index.html", "book/awareness/awareness-01-why-the-embargo.html", "searchindex.js",
                 next(published.rglob("*.ipynb")).relative_to(published).as_posix()):
        assert _max_age(get(nginx, path)) <= 600, f"{path or PREFIX} would be cached too long"
    image = next(published.glob("_images/*"), None)
    if image is not None:
        assert 3600 <= _max_age(get(nginx, f"_images/{image.name}")) <= 7 * 86400


@pytest.mark.parametrize("path, status", [
    ("book/index.html", 200),
    ("_static/quiz.js", 200),
    ("book/awareness/no-such-lesson.html", 404),
])
def test_security_headers_on_pages_assets_and_errors(nginx, path, status):
    r = get(nginx, path)
    assert r.status == status
    csp = {d.split()[0]: d.split()[1:] for d in r.header("content-security-policy").split(";") if d.strip()}
    assert csp.get("default-src") == ["'self'"]
    assert csp.get("script-src") == ["'self'"], "scripts: the site's own files only, no inline code"
    assert csp.get("style-src") == ["'self'"]
    assert csp.get("frame-ancestors") == ["'none'"] and r.header("x-frame-options") == "DENY"
    assert csp.get("object-src") == ["'none'"]
    assert r.header("referrer-policy") == "no-referrer"
    assert r.header("x-content-type-options") == "nosniff"
    assert not re.search(r"nginx/\d", r.header("server")), "the server should not announce its version"


def test_missing_page_returns_the_custom_404(nginx):
    for path in ("book/awareness/no-such-lesson.html", "no/such/folder/", "404.html"):
        r = get(nginx, path)
        assert r.status == 404, path
        text = r.body.decode()
        assert "Pick your track" in text and f'<base href="{PREFIX}" />' in text, path
    # its stylesheet and links resolve from any depth through the base
    assert get(nginx, "_static/ek-inline/page404.css").status == 200
    assert get(nginx, "book/index.html").status == 200
