"""`make bench-pages`: throughput of the app's main pages as a share of a bare Flask 'hello' app
under the same gunicorn (2 workers x 4 threads) in the same run, against a PostgreSQL started
here with the real knowledge base. Figures, not pass/fail: the goal (issue 15) is a wizard step
and /interventies at 30 % or more of bare Flask.

The load generator (wrk) shares the machine with the server, so only ratios within one run
compare; the machine's load is printed alongside."""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def measure(wrk: str, script: str, url: str, seconds: int, connections: int, base: str) -> dict:
    app_cpu, db_cpu = servers.cpu_seconds(base), servers.postgres_cpu_seconds()
    out = subprocess.run([wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
                         check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, count, errors = line.split()[1:]
    app_cpu, db_cpu = servers.cpu_seconds(base) - app_cpu, servers.postgres_cpu_seconds() - db_cpu
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "requests": int(count), "errors": int(errors),
            "cpu_ms": 1000 * app_cpu / max(1, int(count)), "db_cpu_ms": 1000 * db_cpu / max(1, int(count))}


def sample_urls(base: str) -> dict[str, str]:
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
        "advies": advice_url,
        "/interventies": base + "/interventies",
        "zoeken (q=ouders)": base + "/interventies?q=ouders",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="duur per pagina (standaard 10)")
    parser.add_argument("--connections", type=int, default=8, help="gelijktijdige verbindingen (standaard 8)")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("BENCH_PG_PORT", 55506)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 58000)),
                        help="de app op deze poort, kaal Flask op de volgende")
    args = parser.parse_args()
    wrk = ensure_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        run(wrk, script.name, args)
    finally:
        os.unlink(script.name)


def run(wrk: str, script: str, args) -> None:
    print(f"pagina's  gunicorn {servers.WORKERS} workers x {servers.THREADS} threads, wrk 1 thread x "
          f"{args.connections} verbindingen, {args.seconds} s per pagina")
    print(f"pagina's  vooraf: {servers.machine_load()}")
    with servers.postgres(args.pg_port) as database_url:
        servers.prepare_database(database_url)
        env = servers.app_env(database_url)
        with servers.gunicorn("benchmarks.hello:app", args.port + 1, env) as hello_base, \
                servers.gunicorn("wizard:create_app()", args.port, env, "/gezond") as base:
            urls = sample_urls(base)
            for url in urls.values():  # warm the caches of both workers
                measure(wrk, script, url, 1, args.connections, base)
            bare = [measure(wrk, script, hello_base + "/", args.seconds, args.connections, hello_base)]
            results = {name: measure(wrk, script, url, args.seconds, args.connections, base)
                       for name, url in urls.items()}
            bare.append(measure(wrk, script, hello_base + "/", args.seconds, args.connections, hello_base))
    reference = sum(b["rps"] for b in bare) / len(bare)
    bare_cpu = sum(b["cpu_ms"] for b in bare) / len(bare)
    print("pagina's  doorvoer als deel van kaal Flask; 'cpu' is de CPU van gunicorn per verzoek (+ die van "
          "PostgreSQL), en 'cpu-verhouding' kaal Flask / pagina: minder gevoelig voor andere last op de machine")
    print(f"pagina's  {'kaal Flask (hello)':<22} {reference:7.0f} req/s  (voor {bare[0]['rps']:.0f}, "
          f"na {bare[1]['rps']:.0f})  p50 {bare[0]['p50']:6.1f} ms  cpu {bare_cpu:5.2f} ms")
    for name, r in results.items():
        ratio = r["rps"] / reference
        goal = f"  doel >= {GOAL:.0%}: {'gehaald' if ratio >= GOAL else 'niet gehaald'}" \
            if name.startswith("vragenlijst") or name == "/interventies" else ""
        errors = f"  {r['errors']} fouten" if r["errors"] else ""
        print(f"pagina's  {name:<22} {r['rps']:7.0f} req/s {ratio:6.1%} van kaal Flask  "
              f"p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  cpu {r['cpu_ms']:5.2f} (+{r['db_cpu_ms']:4.2f}) ms  "
              f"cpu-verhouding {bare_cpu / (r['cpu_ms'] + r['db_cpu_ms']):6.1%}{errors}{goal}")
    print(f"pagina's  achteraf: {servers.machine_load()}")


if __name__ == "__main__":
    main()
