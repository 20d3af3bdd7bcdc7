"""`make bench`: figures, not pass/fail. Prints the time per advice (p50, p95) for the real
knowledge base and for a synthetic one ten times larger, and their ratio."""

import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from rules.advise import advise  # noqa: E402
from rules.profile import parse_profile  # noqa: E402
from wizard import create_app  # noqa: E402
from wizard.config import PROJECT_ROOT, Config  # noqa: E402
from wizard.extensions import db  # noqa: E402
from wizard.kb.access import knowledge_base  # noqa: E402
from wizard.kb.files import read_knowledge_base  # noqa: E402
from wizard.kb.loader import replace_knowledge_base  # noqa: E402

RUNS = 200
PROFILE = {
    "gemeente": "Benchstad",
    "context": {"fase": "start", "verschijningsvormen": ["verticale-polarisatie", "horizontale-polarisatie"],
                "online": True},
    "doelgroepen": ["jongeren", "ouders-opvoeders"], "settings": ["school", "online"],
    "factoren": [{"id": "mediawijsheid", "prioriteit": "hoog"}, {"id": "positieve-opvoedstijl"},
                 {"id": "positief-contact-tussen-diverse-groepen"}, {"id": "ideologische-weerbaarheid"}],
    "voorkeuren": {"max_interventies": 8},
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(kb, label):
    profile = parse_profile(PROFILE, kb)
    advise(profile, kb)  # warm up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        advise(profile, kb)
        times.append((time.perf_counter() - start) * 1000)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(f"advies  {label:<28} {len(kb.interventions):>5} interventies  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({RUNS} runs)")
    return p50


def ten_times_larger(kb):
    interventions, factors = {}, {f: list(x.intervention_ids) for f, x in kb.factors.items()}
    for n in range(10):
        for i in kb.interventions.values():
            copy = dataclasses.replace(i, id=f"{i.id}-{n}", name=f"{i.name} ({n})")
            interventions[copy.id] = copy
            for f in i.factor_ids:
                if n:
                    factors[f].append(copy.id)
    new_factors = {f: dataclasses.replace(x, intervention_ids=tuple(factors[f])) for f, x in kb.factors.items()}
    return dataclasses.replace(kb, interventions=interventions, factors=new_factors, version="synthetic-x10")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite", SECRET_KEY="bench")
        with app.app_context():
            upgrade()
            replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))
            kb = knowledge_base()
            real = measure(kb, "echte kennisbank")
            large = measure(ten_times_larger(kb), "synthetisch, 10x zo groot")
            print(f"verhouding 10x / echt (p50): {large / real:.1f}")
            try:
                from benchmarks.search import measure_search
            except ImportError:
                return
            measure_search(app)


if __name__ == "__main__":
    main()
