"""The link checker against a real HTTP server on 127.0.0.1: nothing leaves the machine."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wizard.links.checker import BROKEN, MOVED, OK, UNREACHABLE, check_links


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


def test_each_answer_gets_its_status(site):
    server, base = site
    links = [("a", f"{base}/ok"), ("a", f"{base}/oud"), ("b", f"{base}/weg"), ("b", f"{base}/fout"),
             ("c", f"{base}/stil")]
    results = {r.url.removeprefix(base): r for r in check_links(links, timeout=1.0)}
    assert (results["/ok"].status, results["/ok"].http_status) == (OK, 200)
    assert (results["/oud"].status, results["/oud"].final_url) == (MOVED, f"{base}/nieuw")
    assert results["/oud"].redirects == ((301, "/nieuw"),)
    assert (results["/weg"].status, results["/weg"].http_status) == (BROKEN, 404)
    assert (results["/fout"].status, results["/fout"].http_status) == (BROKEN, 500)
    assert results["/stil"].status == UNREACHABLE
    assert results["/stil"].error == "geen antwoord binnen de tijdslimiet"
    assert [r.intervention_id for r in check_links(links[:1])] == ["a"]


def test_head_is_tried_first_and_get_when_head_is_refused(site):
    server, base = site
    [result] = check_links([("a", f"{base}/alleen-get")], timeout=2.0)
    assert result.status == OK
    assert [m for m in server.methods if m[1] == "/alleen-get"] == [("HEAD", "/alleen-get"), ("GET", "/alleen-get")]
    check_links([("a", f"{base}/ok")], timeout=2.0)
    assert [m for m in server.methods if m[1] == "/ok"] == [("HEAD", "/ok")]


def test_no_more_than_per_host_requests_run_at_once_against_one_host(site):
    server, base = site
    links = [("a", f"{base}/traag/{n}") for n in range(8)]
    results = check_links(links, timeout=5.0, per_host=2)
    assert all(r.status == OK for r in results)
    assert server.most_active == 2


def test_a_closed_port_and_a_bad_address_are_reported(site):
    server, base = site
    closed = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = closed.server_port
    closed.server_close()
    results = check_links([("a", f"http://127.0.0.1:{port}/"), ("a", "ftp://voorbeeld.example/x")], timeout=1.0)
    assert results[0].status == UNREACHABLE and "verbinding mislukt" in results[0].error
    assert results[1].status == BROKEN and results[1].error == "geen geldig http(s)-adres"
