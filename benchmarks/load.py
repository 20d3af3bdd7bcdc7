"""`make load`: simulated users walk the whole flow (benchmarks/flow.py: home, a new
questionnaire, every step read and submitted with its CSRF token, the overview, composing the
advice, the advice page and the B&W page) for a bounded time against gunicorn (2 workers x 4
threads) and a PostgreSQL started here, all on 127.0.0.1. Prints requests/s, p50/p95/p99 per
step and the errors, with the machine's load. Figures, not pass/fail: the goal (issue 15) is
50 users, p95 <= 250 ms for every step, 0 errors.

By default a user goes on as soon as a page is in (no think time, as the issue measured): that
is the most load 50 users can make. --think 1-3 waits a random 1 to 3 s between pages, closer
to people filling in a form."""

from gevent import monkey  # before anything opens a socket: locust runs its users as greenlets

monkey.patch_all()

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import gevent  # noqa: E402
from locust import FastHttpUser, task  # noqa: E402
from locust.env import Environment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import flow, servers  # noqa: E402

GOAL_P95_MS = 250
RAMP_SECONDS = 5
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
THINK = [0.0, 0.0]  # seconds between pages, low and high; set from --think


class FlowUser(FastHttpUser):
    """One person walking the flow again and again, each time with a new questionnaire."""
    # each user keeps its own cookies (the CSRF token lives in the Flask session cookie)
    connection_timeout = 30.0
    network_timeout = 60.0

    def wait_time(self):
        return 0

    def request(self, method, url, name, data=None):
        if THINK[1]:
            gevent.sleep(random.uniform(*THINK))
        if data is not None:
            return self.client.request(method, url, name=name, data=urlencode(data), headers=FORM,
                                       allow_redirects=False)
        return self.client.request(method, url, name=name, allow_redirects=False)

    @task
    def whole_flow(self):
        flow.walk(self.request, self.host)


def percentile(entry, fraction: float) -> float:
    return entry.get_response_time_percentile(fraction) if entry.num_requests else 0.0


def report(env, seconds: float, users: int, server: str, inside: dict[str, list[tuple[float, float]]]) -> None:
    stats, exceptions = env.stats, env.runner.exceptions
    total = stats.total
    print(f"last  {users} gebruikers, {seconds:.0f} s gemeten (na {RAMP_SECONDS} s opbouw), "
          f"{server}, denktijd "
          f"{'geen' if not THINK[1] else f'{THINK[0]:g}-{THINK[1]:g} s'}")
    print("last  wachttijd van de gebruiker; daarnaast in de worker: CPU van de eigen thread (p50) en de tijd "
          "van begin tot eind (p50, p95)")
    print(f"last  {'stap':<22} {'verzoeken':>9} {'fouten':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}"
          f"  | {'cpu p50':>7} {'in p50':>7} {'in p95':>7}")
    order = {name: n for n, name in enumerate(STEP_ORDER)}
    entries = sorted(stats.entries.values(), key=lambda e: (order.get(e.name.split(" (")[0], 99), e.name))
    for e in entries:
        flag = "" if percentile(e, 0.95) <= GOAL_P95_MS else "  > doel"
        times = inside.get(e.name, [])
        cpu, wall = sorted(t[0] for t in times), sorted(t[1] for t in times)
        worker = f"{_pct(cpu, 0.5):>7.1f} {_pct(wall, 0.5):>7.0f} {_pct(wall, 0.95):>7.0f}" if times else ""
        print(f"last  {e.name:<22} {e.num_requests:>9} {e.num_failures:>6} {percentile(e, 0.5):>7.0f} "
              f"{percentile(e, 0.95):>7.0f} {percentile(e, 0.99):>7.0f} {e.max_response_time:>7.0f}  | {worker}{flag}")
    flows = stats.entries.get(("B&W-pagina", "GET"))
    errors = total.num_failures + sum(x["count"] for x in exceptions.values())
    print(f"last  totaal: {total.num_requests / seconds:.1f} verzoeken/s, {total.num_requests} verzoeken, "
          f"{flows.num_requests if flows else 0} keer de hele route, p50 {percentile(total, 0.5):.0f} ms, "
          f"p95 {percentile(total, 0.95):.0f} ms, p99 {percentile(total, 0.99):.0f} ms, {errors} fouten")
    for error in stats.errors.values():
        print(f"last  fout: {error.method} {error.name}: {error.error} ({error.occurrences}x)")
    for x in exceptions.values():
        print(f"last  fout in de route: {x['msg']} ({x['count']}x)")
    slow = [e.name for e in entries if percentile(e, 0.95) > GOAL_P95_MS]
    print(f"last  doel p95 <= {GOAL_P95_MS} ms per stap en 0 fouten: "
          f"{'gehaald' if not slow and not errors else 'niet gehaald'}")


STEP_ORDER = ["home", "start vragenlijst", "nieuwe sessie", "stap 1 tonen", "stap 1 opslaan", "stap 2 tonen",
              "stap 2 opslaan", "stap 3 tonen", "stap 3 opslaan", "stap 4 tonen", "stap 4 opslaan", "overzicht",
              "advies samenstellen", "advies tonen", "B&W-pagina"]


def run(base: str, users: int, seconds: float, server: str) -> None:
    logging.getLogger("locust").setLevel(logging.CRITICAL)  # errors are counted and summed up below
    env = Environment(user_classes=[FlowUser], host=base)
    env.create_local_runner()
    env.runner.start(users, spawn_rate=max(1.0, users / RAMP_SECONDS))
    gevent.sleep(RAMP_SECONDS)
    env.stats.reset_all()
    env.runner.exceptions.clear()
    cpu, log_start = _cpu(base), REQUEST_LOG.stat().st_size
    started = time.monotonic()
    gevent.sleep(seconds)
    measured = time.monotonic() - started
    used = [after - before for before, after in zip(cpu, _cpu(base))]
    log_end = REQUEST_LOG.stat().st_size
    env.runner.quit()
    report(env, measured, users, server, server_times(log_start, log_end))
    count = max(1, env.stats.total.num_requests)
    print(f"last  CPU per verzoek: gunicorn {1000 * used[0] / count:.1f} ms, PostgreSQL {1000 * used[1] / count:.1f} ms, "
          f"lastgenerator {1000 * used[2] / count:.1f} ms; CPU-gebruik in de meting: gunicorn {used[0] / measured:.2f}, "
          f"PostgreSQL {used[1] / measured:.2f}, lastgenerator {used[2] / measured:.2f} kern(en) van {os.cpu_count()}")
    # With every core busy, the machine cannot serve more than its cores over the CPU of one
    # request; users who do not think then wait users / throughput on average (Little's law),
    # however the requests are scheduled: a floor under the mean wait, and so under the p95.
    ceiling = os.cpu_count() * count / sum(used)
    if not THINK[1]:
        print(f"last  bovengrens op deze machine bij deze CPU per verzoek: {os.cpu_count()} kernen / "
              f"{1000 * sum(used) / count:.1f} ms = {ceiling:.0f} verzoeken/s; {users} gebruikers zonder denktijd "
              f"wachten dan gemiddeld minstens {users / ceiling * 1000:.0f} ms per verzoek")


REQUEST_LOG = Path(tempfile.gettempdir()) / f"bsw-load-requests.{os.getpid()}.log"
# path in the request log -> step name, as flow.walk names them
STEP_OF_PATH = [
    ("GET", re.compile(r"/$"), "home"),
    ("GET", re.compile(r"/wizard/$"), "start vragenlijst"),
    ("POST", re.compile(r"/wizard/nieuw$"), "nieuwe sessie"),
    ("GET", re.compile(r"/wizard/[^/]+/stap/(\d)$"), "stap {} tonen"),
    ("POST", re.compile(r"/wizard/[^/]+/stap/(\d)$"), "stap {} opslaan"),
    ("GET", re.compile(r"/wizard/[^/]+/overzicht$"), "overzicht"),
    ("POST", re.compile(r"/advies/nieuw/[^/]+$"), "advies samenstellen"),
    ("GET", re.compile(r"/advies/[^/.]+$"), "advies tonen"),
    ("GET", re.compile(r"/advies/[^/]+/b-en-w$"), "B&W-pagina"),
]


def server_times(start: int, end: int) -> dict[str, list[tuple[float, float]]]:
    """step name -> (CPU ms, ms inside the worker) of each request logged between the offsets."""
    with REQUEST_LOG.open("rb") as f:
        f.seek(start)
        lines = f.read(end - start).decode().splitlines()
    found: dict[str, list[tuple[float, float]]] = {}
    for line in lines:
        method, path, _, cpu, wall = line.split()
        for m, pattern, name in STEP_OF_PATH:
            match = pattern.match(path) if m == method else None
            if match:
                found.setdefault(name.format(*match.groups()), []).append((float(cpu), float(wall)))
                break
    return found


def _pct(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


def _cpu(base: str) -> tuple[float, float, float]:
    """CPU seconds so far of gunicorn, of PostgreSQL and of this load generator."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return servers.cpu_seconds(base), servers.postgres_cpu_seconds(), own.ru_utime + own.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60, help="gemeten duur, na de opbouw (standaard 60)")
    parser.add_argument("--think", default="0", help="denktijd tussen pagina's in seconden, bijv. 1-3 (standaard 0)")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("BENCH_PG_PORT", 55506)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 58000)))
    parser.add_argument("--workers", type=int, default=servers.WORKERS, help="gunicorn-workers (standaard 2)")
    parser.add_argument("--threads", type=int, default=servers.THREADS, help="threads per worker (standaard 4)")
    args = parser.parse_args()
    low, _, high = args.think.partition("-")
    THINK[:] = [float(low), float(high or low)]
    print(f"last  vooraf: {servers.machine_load()}", flush=True)
    with servers.postgres(args.pg_port) as database_url:
        servers.prepare_database(database_url)
        env = {**servers.app_env(database_url), "BENCH_REQUEST_LOG": str(REQUEST_LOG)}
        REQUEST_LOG.touch()
        try:
            with servers.gunicorn("wizard:create_app()", args.port, env, "/gezond", args.workers, args.threads,
                                  settings=str(Path(__file__).with_name("gunicorn_hooks.py"))) as base:
                run(base, args.users, args.seconds, f"gunicorn {args.workers} workers x {args.threads} threads")
        finally:
            REQUEST_LOG.unlink(missing_ok=True)
            print(f"last  direct na de meting: {servers.machine_load()}")


if __name__ == "__main__":
    main()
