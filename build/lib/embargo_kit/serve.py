"""Serve the built learner edition (and the instructor edition beside it) on 127.0.0.1 only."""
from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from embargo_kit.book import html_dir


class QuietHandler(SimpleHTTPRequestHandler):
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
