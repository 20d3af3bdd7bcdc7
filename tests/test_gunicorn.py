"""The production server as the README starts it: gunicorn with gunicorn.conf.py."""

import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wizard.config import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def readme_gunicorn_command() -> list[str]:
    line = next(line for line in README.splitlines() if "gunicorn" in line and "create_app" in line)
    return shlex.split(line.strip())


def test_the_readme_starts_gunicorn_with_the_config_file():
    command = readme_gunicorn_command()
    assert command[command.index("-c") + 1] == "gunicorn.conf.py"


def test_the_config_keeps_requests_bounded():
    settings: dict = {}
    exec(compile((PROJECT_ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), settings)
    assert 10 <= settings["timeout"] <= 60 and settings["worker_class"] == "gthread"
    assert settings["max_requests"] > 0 and settings["bind"].startswith("127.0.0.1:")


def test_each_worker_listens_itself_so_the_kernel_spreads_connections():
    """Without reuse_port the worker that wakes first accepts every kept-alive connection: under
    `make bench-pages` one worker served all and the other idled."""
    settings: dict = {}
    exec(compile((PROJECT_ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), settings)
    assert settings["reuse_port"] is True


def free_port() -> int:
    """A port nobody listens on now. gunicorn cannot be given port 0: with reuse_port each worker
    binds its own socket, and each would get a different free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(app):
    """gunicorn started with the README's command (one worker, a free port) in production mode."""
    port = free_port()
    command = readme_gunicorn_command()
    command[0] = str(Path(sys.executable).with_name("gunicorn"))
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"]
    env = {**os.environ, "BOUWSTENENWIJZER_ENV": "production", "SECRET_KEY": "g" * 40,
           "BASE_URL": "https://bouwstenenwijzer.example.nl", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"]}
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, "gunicorn stopped"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_gunicorn_sends_no_server_banner_and_the_security_headers(gunicorn):
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=30)
    connection.request("GET", "/advies/%00")
    response = connection.getresponse()
    response.read()
    assert response.status == 404
    assert response.getheader("Server") is None
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=")
    assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")
    connection.close()
