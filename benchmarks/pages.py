"""`make bench-pages`: throughput of the app's main pages as a share of a bare Flask 'hello' app
under the same gunicorn (2 workers x 4 threads) in the same run, against a PostgreSQL started
here with the real knowledge base. Figures, not pass/fail: the goal (issue 15) is a wizard step
and /interventies at 30 % or more of bare Flask. Beside bare Flask it measures three floors
of a step (FLOORS below): one read of a questionnaire's row, rendering nothing, through the
database driver alone, through the app's SQLAlchemy model, and through the app itself.

The load generator (wrk) shares the machine with the server, so only ratios within one run
compare; the machine's load is printed alongside."""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urljoin

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import flow, servers  # noqa: E402

GOAL = 0.30
# wrk's done() hook: requests/s and latency percentiles on one line, easy to parse
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk ontbreekt: installeren met apt-get ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        return shutil.which("wrk")
    sys.exit("wrk ontbreekt: installeer het met 'apt-get install wrk'.")


# a POST of a step: wrk sends the saved requests in turn (posts.lua below fills them in)
POST_SCRIPT = """
posts = {%s}
counter = 0
request = function()
  counter = counter + 1
  local p = posts[(counter %% #posts) + 1]
  return wrk.format("POST", p.path, {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = p.cookie}, p.body)
end
"""


def _lua(text: str) -> str:
    return "[[" + text + "]]" if "]]" not in text else repr(text)


def measure(wrk: str, script: str, url: str | list, seconds: int, connections: int, base: str) -> dict:
    """wrk against `url`, or with `url` a list of (path, cookie, body) POSTs sent in turn."""
    posts = None
    if isinstance(url, list):
        posts = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        with posts:
            posts.write(POST_SCRIPT % ", ".join(f"{{path = {_lua(p)}, cookie = {_lua(c)}, body = {_lua(b)}}}"
                                                 for p, c, b in url) + Path(script).read_text())
        script, url = posts.name, base + "/"
    app_cpu, db_cpu = servers.cpu_seconds(base), servers.postgres_cpu_seconds()
    try:
        out = subprocess.run([wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
                             check=True, capture_output=True, text=True).stdout
    finally:
        if posts:
            os.unlink(posts.name)
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, count, errors = line.split()[1:]
    app_cpu, db_cpu = servers.cpu_seconds(base) - app_cpu, servers.postgres_cpu_seconds() - db_cpu
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "requests": int(count), "errors": int(errors),
            "cpu_ms": 1000 * app_cpu / max(1, int(count)), "db_cpu_ms": 1000 * db_cpu / max(1, int(count))}


def sample_urls(base: str, connections: int) -> dict[str, str | list]:
    """The pages to measure; a wizard session and an advice are made by walking the flow once."""
    session = requests.Session()
    seen = []

    def request(method, url, name, **kwargs):
        seen.append(url)
        return session.request(method, url, allow_redirects=False, **kwargs)

    advice_url = flow.walk(request, base)
    step = next(u for u in seen if u.endswith("/stap/1")).rsplit("/", 1)[0]
    return {
        "home": base + "/",
        **{f"vragenlijst stap {n}": f"{step}/{n}" for n in (1, 2, 3, 4)},
        **{f"stap {n} opslaan": step_posts(base, n, connections) for n in POSTED_STEPS},
        "advies": advice_url,
        "/interventies": base + "/interventies",
        "zoeken (q=ouders)": base + "/interventies?q=ouders",
    }


POSTED_STEPS = (1, 3)  # the largest forms: 120 interventions to check, the factor tree
# per posted step, a field and two values: every POST changes the answers, so each is a real save
ALTERNATE = {1: ("gemeente", ["Laststad", "Paginastad"]), 3: ("prioriteit", [None, "mediawijsheid"])}


def step_posts(base: str, number: int, connections: int) -> list[tuple[str, str, str]]:
    """(path, cookie, form body) of valid POSTs of step `number`, with CSRF token: two per
    questionnaire, with different answers, over twice as many questionnaires as connections, so
    that two connections seldom save the same questionnaire at once (the compare-and-set would
    then make one try again, which is not what this measures). The revision seen is left out."""
    posts = []
    for _ in range(2 * connections):
        session = requests.Session()
        start = session.get(base + "/wizard/")
        form = flow.form_posting_to(start.text, r"/wizard/nieuw$")
        created = session.post(urljoin(base + "/", form.action), data=flow.fill(form), allow_redirects=False)
        path = created.headers["Location"].replace(base, "").rsplit("/", 1)[0] + f"/{number}"
        form = flow.form_posting_to(session.get(base + path).text, r"/stap/\d+$")
        fields = [(k, v) for k, v in flow.fill(form) if k != "revisie"]
        cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
        name, values = ALTERNATE[number]
        for value in values:
            body = [(k, v) for k, v in fields if k != name] + ([(name, value)] if value else [])
            posts.append((path, cookie, urlencode(body)))
    # wrk takes them in turn: a questionnaire's two versions lie 2 x connections requests apart
    return posts[0::2] + posts[1::2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="duur per pagina (standaard 10)")
    parser.add_argument("--connections", type=int, default=8, help="gelijktijdige verbindingen (standaard 8)")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("BENCH_PG_PORT", 55506)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 58000)),
                        help="de app op deze poort, kaal Flask op de volgende, de vloeren (FLOORS) daarna")
    args = parser.parse_args()
    wrk = ensure_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        run(wrk, script.name, args)
    finally:
        os.unlink(script.name)


# Yardsticks between bare Flask and a step, cheapest first: (name, gunicorn app, ready path, what
# it shows). Each reads the row of the questionnaire a step shows and renders nothing, so a
# step's share of bare Flask cannot exceed theirs on this machine and database.
FLOORS = [
    ("lezen via driver", "benchmarks.read_floor:driver_app", "/",
     "kaal Flask + de rij via psycopg, zonder ORM: benchmarks/read_floor.py"),
    ("lezen via ORM", "benchmarks.read_floor:orm_app", "/",
     "kaal Flask + de rij via het SQLAlchemy-model van de app: benchmarks/read_floor.py"),
    ("vloer van een stap", "benchmarks.step_floor:app", "/gezond",
     "de app zelf leest de rij en toont niets: benchmarks/step_floor.py"),
]


def run(wrk: str, script: str, args) -> None:
    print(f"pagina's  gunicorn {servers.WORKERS} workers x {servers.THREADS} threads, wrk 1 thread x "
          f"{args.connections} verbindingen, {args.seconds} s per pagina")
    print(f"pagina's  vooraf: {servers.machine_load()}")
    with servers.postgres(args.pg_port) as database_url, contextlib.ExitStack() as stack:
        servers.prepare_database(database_url)
        env = servers.app_env(database_url)
        hello_base = stack.enter_context(servers.gunicorn("benchmarks.hello:app", args.port + 1, env))
        floor_bases = [stack.enter_context(servers.gunicorn(spec, args.port + 2 + n, env, ready))
                       for n, (_, spec, ready, _) in enumerate(FLOORS)]
        base = stack.enter_context(servers.gunicorn("wizard:create_app()", args.port, env, "/gezond"))
        urls = sample_urls(base, args.connections)
        sid = urls["vragenlijst stap 1"].rsplit("/stap/", 1)[0].rsplit("/", 1)[1]
        for url in urls.values():  # warm the caches of both workers
            measure(wrk, script, url, 1, args.connections, base)
        for floor_base in floor_bases:
            measure(wrk, script, floor_base + "/vloer/" + sid, 1, args.connections, floor_base)
        bare = [measure(wrk, script, hello_base + "/", args.seconds, args.connections, hello_base)]
        floors = [measure(wrk, script, floor_base + "/vloer/" + sid, args.seconds, args.connections, floor_base)
                  for floor_base in floor_bases]
        results = {name: measure(wrk, script, url, args.seconds, args.connections, base)
                   for name, url in urls.items()}
        bare.append(measure(wrk, script, hello_base + "/", args.seconds, args.connections, hello_base))
    reference = sum(b["rps"] for b in bare) / len(bare)
    bare_cpu = sum(b["cpu_ms"] for b in bare) / len(bare)
    print("pagina's  doorvoer als deel van kaal Flask; 'cpu' is de CPU van gunicorn per verzoek (+ die van "
          "PostgreSQL), en 'cpu-verhouding' kaal Flask / pagina: minder gevoelig voor andere last op de machine")
    print(f"pagina's  {'kaal Flask (hello)':<22} {reference:7.0f} req/s  (voor {bare[0]['rps']:.0f}, "
          f"na {bare[1]['rps']:.0f})  p50 {bare[0]['p50']:6.1f} ms  cpu {bare_cpu:5.2f} ms")
    for (name, _, _, what), r in zip(FLOORS, floors):
        print(f"pagina's  {line(name, r, reference, bare_cpu)}  ({what})")
    for name, r in results.items():
        goal = f"  doel >= {GOAL:.0%}: {'gehaald' if r['rps'] / reference >= GOAL else 'niet gehaald'}" \
            if name.startswith(("vragenlijst", "stap")) or name == "/interventies" else ""
        errors = f"  {r['errors']} fouten" if r["errors"] else ""
        print(f"pagina's  {line(name, r, reference, bare_cpu)}{errors}{goal}")
    print(f"pagina's  achteraf: {servers.machine_load()}")


def line(name: str, r: dict, reference: float, bare_cpu: float) -> str:
    return (f"{name:<22} {r['rps']:7.0f} req/s {r['rps'] / reference:6.1%} van kaal Flask  "
            f"p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  cpu {r['cpu_ms']:5.2f} (+{r['db_cpu_ms']:4.2f}) ms  "
            f"cpu-verhouding {bare_cpu / (r['cpu_ms'] + r['db_cpu_ms']):6.1%}")


if __name__ == "__main__":
    main()
