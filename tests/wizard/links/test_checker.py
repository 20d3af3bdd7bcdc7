"""The link checker against a real HTTP server on 127.0.0.1: nothing leaves the machine."""

import socket

from wizard.links.checker import BROKEN, MOVED, OK, UNREACHABLE, check_links


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


def test_a_closed_port_and_a_bad_address_are_reported():
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    results = check_links([("a", f"http://127.0.0.1:{port}/"), ("a", "ftp://voorbeeld.example/x")], timeout=1.0)
    assert results[0].status == UNREACHABLE and "verbinding mislukt" in results[0].error
    assert results[1].status == BROKEN and results[1].error == "geen geldig http(s)-adres"
