"""A local HTTP server on 127.0.0.1 (port 0) for the link checker: /ok answers 200, /oud 301 to
/nieuw, /weg 404, /fout 500, /stil never answers, /alleen-get refuses HEAD, /traag/* takes
0.2 s. It records the methods it saw and the most requests it served at once."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Site(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.release = threading.Event()
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()
        self.methods: list[tuple[str, str]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, method):
        site = self.server
        site.methods.append((method, self.path))
        with site.lock:
            site.active += 1
            site.most_active = max(site.most_active, site.active)
        try:
            if self.path == "/stil":
                site.release.wait(10)  # never answers within the test's timeout
                return
            if self.path.startswith("/traag"):
                time.sleep(0.2)
            if self.path == "/alleen-get" and method == "HEAD":
                return self._send(405)
            status, location = {"/oud": (301, "/nieuw"), "/weg": (404, None), "/fout": (500, None)}.get(
                self.path, (200, None))
            self._send(status, location)
        finally:
            with site.lock:
                site.active -= 1

    def _send(self, status, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


@pytest.fixture
def site():
    server = Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_port}"
    server.release.set()
    server.shutdown()
    server.server_close()
