"""Serve the built learner edition (and the instructor edition beside it) on 127.0.0.1 only."""
from __future__ import annotations

import argparse
import functools
import gzip
import io
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from embargo_kit.book import html_dir


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".ipynb", ".xml", ".map")


class CompressingHandler(SimpleHTTPRequestHandler):
    """A static file server that gzips text, as a real web server (nginx, a pages host) would."""

    def send_head(self):
        path = self.translate_path(self.path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wants_gzip or os.path.isdir(path) or not path.endswith(COMPRESSIBLE) or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as fh:
            body = gzip.compress(fh.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class QuietHandler(CompressingHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the stdlib
        pass


def serve(port: int = 8000) -> None:
    servers = []
    for offset, edition in enumerate(("learner", "instructor")):
        folder = html_dir(edition)
        if not (folder / "index.html").exists():
            raise SystemExit(f"No complete {edition} edition in {folder}: run `make build` (or `make book`) first.")
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", port + offset), handler)
        servers.append((edition, server))
    for edition, server in servers:
        host, p = server.server_address[:2]
        print(f"  {edition:<10} edition: http://{host}:{p}/   (also opens from file://{html_dir(edition)}/index.html)")
    print("The instructor edition contains answers: do not publish it. Press Ctrl+C to stop.", flush=True)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for _, s in servers]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        print("\nStopped.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m embargo_kit.serve")
    parser.add_argument("--port", type=int, default=8000)
    serve(parser.parse_args().port)
