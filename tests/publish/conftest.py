"""The published learner edition, and Debian's nginx serving it under a sub-path with the shipped snippet.

nginx runs as a child of the test session on 127.0.0.1 and a free port, with its pid, logs and temp folders in
a temporary prefix (`nginx -p PREFIX -c CONF`, `daemon off;`), and is stopped in teardown.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest


def _root_conftest():
    """tests/conftest.py under its own name (a plain `import conftest` would find this file)."""
    import importlib.util
    import sys

    name = "_embargo_kit_tests_root_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


ROOT = _root_conftest().ROOT
require_tool = _root_conftest().require_tool

PREFIX = "/training/dprk-embargo/"


@pytest.fixture(scope="session")
def published(learner_html, tmp_path_factory) -> Path:
    from embargo_kit.publish import publish

    out = tmp_path_factory.mktemp("published") / "site"
    report = publish(out, base_url=PREFIX, source=learner_html, repo_root=ROOT)
    assert report.pages > 0
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NGINX_CONF = """\
{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        # Something else at the host's root, as on a real server: the course lives under its sub-path only.
        location / {{ return 404 "not the course\\n"; }}
        include {snippet};
    }}
}}
"""


@dataclass
class Nginx:
    origin: str       # http://127.0.0.1:PORT
    base: str         # origin + PREFIX
    prefix: Path      # nginx's -p folder (logs)

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


@pytest.fixture(scope="session")
def nginx(published, tmp_path_factory):
    from embargo_kit.publish import nginx_snippet_path, render_nginx_snippet

    binary = require_tool("nginx", "nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    snippet = prefix / "embargo-kit.conf"
    snippet.write_text(render_nginx_snippet(nginx_snippet_path(ROOT).read_text(encoding="utf-8"),
                                            PREFIX, published), encoding="utf-8")
    port = _free_port()
    conf = prefix / "nginx.conf"
        # As root, nginx's workers would switch to `nobody`, who cannot read pytest's private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, prefix=prefix, port=port, snippet=snippet), encoding="utf-8")
    # -e: the error log before the configuration is read (the default under /var/log needs root)
    args = ["-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)]
    test = subprocess.run([binary, "-t", *args], capture_output=True, text=True)
    assert test.returncode == 0, f"nginx rejects the shipped snippet:\n{test.stderr}"
    proc = subprocess.Popen([binary, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(origin + PREFIX, timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                _stop(proc)
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                pytest.fail(f"nginx did not start on {origin}: {err[-2000:]}")
            time.sleep(0.1)
    try:
        yield Nginx(origin=origin, base=origin + PREFIX, prefix=prefix)
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """Stop the nginx we started: its master (SIGQUIT, a graceful stop) and, failing that, its own process
    group (it was started in a new session, so the group holds only this master and its worker)."""
    try:
        os.kill(proc.pid, signal.SIGQUIT)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (never `playwright install`).

    Module-scoped: Playwright's sync API allows one running instance per thread, and other test folders
    start their own."""
    path = require_tool("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs python playwright: pip install -e '.[test]'")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"])
        try:
            yield browser
        finally:
            browser.close()
