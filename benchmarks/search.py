"""`make bench`, part two: latency of the catalogue search (p50, p95) for typical queries.

Imported by benchmarks/run.py and called inside an app context with the real knowledge base
loaded. 'zoeken' is what /interventies computes (parse, full-text search, filters, counts for
every option, sort); 'pagina' adds rendering, through the test client as an htmx request."""

import statistics
import time

from werkzeug.datastructures import MultiDict

from wizard.catalogue import facets
from wizard.catalogue.search import search_interventions
from wizard.extensions import db
from wizard.kb.access import knowledge_base

RUNS = 200
QUERIES = [
    {"q": "mediawijsheid"},
    {"q": "ouders"},
    {"q": "school"},
    {"q": "discriminatie"},
    {"q": "weerbaar jongeren"},
    {"q": "ouders", "doelgroep": "ouders-opvoeders", "min_trede": "2"},
    {"q": "school", "setting": "school", "aangeboden": "ja", "sort": "trede"},
    {"doelgroep": ["jongeren", "jongvolwassenen"], "online": "ja", "bouwsteen": "4"},
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _args(params: dict) -> MultiDict:
    return MultiDict([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])])


def _search_once(kb, args):
    query = facets.parse_query(args, kb)
    hits = search_interventions(db.session, query.text) if query.text else None
    return facets.run_query(kb, query, hits)


def _timed(action, runs=RUNS):
    action()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def _label(params: dict) -> str:
    return " ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in params.items())


def measure_search(app):
    kb = knowledge_base()
    print(f"zoeken  database: {db.engine.dialect.name}")
    for params in QUERIES:
        args = _args(params)
        found = len(_search_once(kb, args).interventions)
        p50, p95 = _timed(lambda: _search_once(kb, args))
        print(f"zoeken  {_label(params):<62} {found:>4} gevonden  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ({RUNS} runs)")
    client = app.test_client()
    for params in (QUERIES[1], QUERIES[6]):
        url = "/interventies?" + "&".join(f"{k}={v}" for k, v in _args(params).items(multi=True))
        p50, p95 = _timed(lambda: client.get(url, headers={"HX-Request": "true"}))
        print(f"pagina  {url:<62}           p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ({RUNS} runs)")
