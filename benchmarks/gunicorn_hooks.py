"""gunicorn settings file for `make load` (-c): the production settings of gunicorn.conf.py, plus
per request the CPU time of the thread that served it and the time from start to end inside the
worker, one line per request appended to $BENCH_REQUEST_LOG. Comparing them with what the users
waited shows where the time goes: in the app's own work, in waiting inside the worker (GIL,
locks, database), or before the worker took the request at all."""

import os
import runpy
import threading
import time
from pathlib import Path

# gunicorn takes one settings file: this one starts from the production file, so that the load
# test measures the server as it runs in production (command-line flags still go first)
globals().update({name: value for name, value in
                  runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py")).items()
                  if not name.startswith("__")})

_local = threading.local()
_log = os.environ.get("BENCH_REQUEST_LOG")


def pre_request(worker, req):
    _local.started = (time.thread_time(), time.perf_counter())


def post_request(worker, req, environ, resp):
    started = getattr(_local, "started", None)
    if not _log or started is None:
        return
    cpu, wall = time.thread_time() - started[0], time.perf_counter() - started[1]
    line = f"{req.method} {req.path} {resp.status_code} {cpu * 1000:.2f} {wall * 1000:.2f}\n"
    # one write per line on an O_APPEND file: lines of several workers and threads do not mix
    fd = os.open(_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)
