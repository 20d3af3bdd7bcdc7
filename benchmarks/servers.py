"""Servers for the page and load benchmarks, started and stopped by the script itself: a
throw-away PostgreSQL cluster with the knowledge base loaded, and gunicorn in front of the app
(or of a bare Flask 'hello' app, the yardstick). Everything listens on 127.0.0.1 only."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# the settings the issue measured with; both benchmarks use them so their figures compare
WORKERS, THREADS = 2, 4


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("PostgreSQL is niet geïnstalleerd (apt-get install postgresql).")
    return found[-1]


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; the cluster then belongs to the postgres user
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextlib.contextmanager
def postgres(port: int):
    """A fresh cluster on 127.0.0.1:`port` with an empty database `bouwstenenwijzer`; yields
    its DATABASE_URL and removes the cluster afterwards."""
    pgbin = pg_bin()
    data = Path(tempfile.mkdtemp(prefix="bsw-bench-pg."))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    run = lambda *args: subprocess.run(_as_postgres([str(a) for a in args]), check=True,  # noqa: E731
                                       stdout=subprocess.DEVNULL)
    try:
        run(pgbin / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        # max_connections: 2 workers x pool; fsync off because the data is thrown away anyway
        # the port lies in the kernel's range for outgoing connections, so a client elsewhere on
        # the machine may hold it for a moment: try again before giving up
        for attempt in range(5):
            try:
                run(pgbin / "pg_ctl", "-D", data, "-l", data / "server.log", "-w", "-o",
                    f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off -c max_connections=100", "start")
                break
            except subprocess.CalledProcessError:
                if attempt == 4:
                    sys.exit(f"PostgreSQL start niet op poort {port}:\n{(data / 'server.log').read_text()}")
                time.sleep(2)
        run(pgbin / "createdb", "-h", "127.0.0.1", "-p", port, "bouwstenenwijzer")
        _postmasters.append(int((data / "postmaster.pid").read_text().split()[0]))
        yield f"postgresql://postgres@127.0.0.1:{port}/bouwstenenwijzer"
    finally:
        _postmasters.clear()
        subprocess.run(_as_postgres([str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(data, ignore_errors=True)


def app_env(database_url: str) -> dict[str, str]:
    # not production mode: that may mark the session cookie Secure, which a client on plain
    # http://127.0.0.1 then never sends back, and every CSRF check would fail
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench-" + "x" * 32, "PYTHONPATH": str(ROOT)}
    env.pop("BOUWSTENENWIJZER_ENV", None)
    return env


def prepare_database(database_url: str) -> None:
    """Migrations and the real knowledge base, through the app's own CLI."""
    env = app_env(database_url)
    for command in (["db", "upgrade"], ["kb", "load"]):
        subprocess.run([str(BIN / "bouwstenenwijzer"), *command], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@contextlib.contextmanager
def gunicorn(app_spec: str, port: int, env: dict[str, str], ready_path: str = "/",
             workers: int = WORKERS, threads: int = THREADS, settings: str | None = None):
    """gunicorn with `workers` x `threads` (default WORKERS x THREADS) serving `app_spec` on 127.0.0.1:`port`; yields the base URL
    once `ready_path` answers. `cpu_seconds(base)` then tells the CPU its processes used so far.
    `settings`: a gunicorn settings file (-c), by default the production one (gunicorn.conf.py:
    access log, worker restarts, no Server banner); a file with request hooks should start from it."""
    _refuse_taken(port)
    log = tempfile.NamedTemporaryFile(prefix="bsw-bench-gunicorn.", suffix=".log", delete=False)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", str(workers), "--threads", str(threads),
         # keep idle connections longer than a simulated user thinks (gunicorn's default is 2 s):
         # a POST on a connection the server just closed fails where a browser would retry
         "--keep-alive", "10", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "-c", settings or str(ROOT / "gunicorn.conf.py"), app_spec],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + ready_path, process, log.name)
        _masters[base] = process.pid
        yield base
    finally:
        _masters.pop(base, None)
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        os.unlink(log.name)


def _refuse_taken(port: int) -> None:
    """Stop when something listens on `port` already. gunicorn.conf.py sets reuse_port, with which
    a second gunicorn on a taken port starts without an error and the two share the requests: a
    left-over server from an earlier run would then take part in the measurement unseen."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # connections in TIME_WAIT do not count
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            sys.exit(f"poort {port} is al in gebruik (draait er nog een gunicorn van een eerdere meting?)")


def _wait_until_up(url: str, process: subprocess.Popen, log: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn is gestopt:\n{Path(log).read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.2)
    sys.exit(f"gunicorn antwoordt niet op {url}:\n{Path(log).read_text()}")


_masters: dict[str, int] = {}
_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process and its children that have ended (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / _TICKS  # utime, stime, cutime, cstime


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def process_tree_cpu(pid: int) -> float:
    return _cpu_of(pid) + sum(process_tree_cpu(child) for child in _children(pid))


def cpu_seconds(base: str) -> float:
    """CPU used so far by the gunicorn serving `base` (master and workers): unlike throughput,
    hardly affected by what else runs on the machine."""
    return process_tree_cpu(_masters[base])


def postgres_cpu_seconds() -> float:
    """CPU used so far by the PostgreSQL cluster started here (postmaster and backends)."""
    return sum(process_tree_cpu(pid) for pid in _postmasters)


_postmasters: list[int] = []


def machine_load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} cores)"
