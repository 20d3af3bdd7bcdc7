"""`make bench`: figures, not pass/fail.

For the real knowledge base and a synthetic one ten times larger it prints:
- the time per advice (p50/p95/p99, wall clock and CPU of the thread; goal p95 <= 25 ms real,
  <= 10x that for the 10x one);
- the same advice with every rule evaluation done by the plain-Python reference instead of
  durable-rules (rules/reference.py), measured interleaved with the first, and the ratio
  engine/reference per advice (goal <= 1.5); also the rule evaluations alone, both ways;
- that durable-rules and the reference fire exactly the same on 20 random profiles;
then the RSS before and after 5,000 advices in a row, and the catalogue search latencies.

Wall-clock figures depend on the load of the machine (printed at start and end); the CPU time of
the benchmark thread and the ratios depend on it much less. The two knowledge bases are measured
in one loop (a 10x advice after every fifth real one), so that load falls on both alike.

    python benchmarks/run.py [--runs 300] [--memory 5000] [--gc-unfreeze]

Both knowledge bases are published as versions and loaded through wizard/kb/domain.py, as a
worker loads them; that moves them out of reach of the cyclic garbage collector (gc.freeze).
--gc-unfreeze undoes that, to show what it saves: without it, full collections over the
knowledge base's objects make up much of the p95 of the 10x advice."""

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from benchmarks.profiles import random_profile, recorded_evaluations, substituted_evaluate  # noqa: E402
from rules import engine, reference  # noqa: E402
from rules.advise import advise  # noqa: E402
from rules.profile import parse_profile  # noqa: E402
from wizard import create_app  # noqa: E402
from wizard.config import PROJECT_ROOT, Config  # noqa: E402
from wizard.extensions import db  # noqa: E402
from wizard.kb.access import knowledge_base  # noqa: E402
from wizard.kb.domain import load_knowledge_base  # noqa: E402
from wizard.kb.files import read_knowledge_base  # noqa: E402
from wizard.kb.loader import replace_knowledge_base  # noqa: E402
from wizard.kb.schema import KnowledgeBaseContent  # noqa: E402
from wizard.kb.versions import publish  # noqa: E402

PROFILE = {
    "gemeente": "Benchstad",
    "context": {"fase": "start", "verschijningsvormen": ["verticale-polarisatie", "horizontale-polarisatie"],
                "online": True},
    "doelgroepen": ["jongeren", "ouders-opvoeders"], "settings": ["school", "online"],
    "factoren": [{"id": "mediawijsheid", "prioriteit": "hoog"}, {"id": "positieve-opvoedstijl"},
                 {"id": "positief-contact-tussen-diverse-groepen"}, {"id": "ideologische-weerbaarheid"}],
    "voorkeuren": {"max_interventies": 8},
}
EQUALITY_PROFILES = 20


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def spread(values) -> str:
    return "  ".join(f"p{int(q * 100)} {percentile(values, q):7.2f}" for q in (0.5, 0.95, 0.99))


def timed(work) -> tuple[float, float]:
    """(wall ms, CPU ms of this thread) of one call."""
    wall, cpu = time.perf_counter(), time.thread_time()
    work()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


def with_reference(name, facts):
    return _references[name](facts)


_references: dict[str, object] = {}


def reference_for(name):
    if name not in _references:
        _references[name] = reference.compile_reference(engine.rules_of(name))
    return _references[name]


class Measurement:
    """The advice of one knowledge base with durable-rules and with the reference, interleaved run
    by run; then the rule evaluations alone over the facts the advice produced."""

    def __init__(self, kb, label, warm_up):
        self.kb, self.label = kb, label
        self.profile = parse_profile(PROFILE, kb)
        self.calls = recorded_evaluations(lambda: advise(self.profile, kb))
        for name, _, _ in self.calls:
            reference_for(name)
        for _ in range(warm_up):
            advise(self.profile, kb)
            with substituted_evaluate(with_reference):
                advise(self.profile, kb)
        self.wall, self.cpu, self.ref_wall, self.ref_cpu, self.rules_engine, self.rules_reference = [], [], [], [], [], []

    def run(self):
        kb, profile, calls = self.kb, self.profile, self.calls
        w, c = timed(lambda: advise(profile, kb))
        self.wall.append(w)
        self.cpu.append(c)
        with substituted_evaluate(with_reference):
            w, c = timed(lambda: advise(profile, kb))
        self.ref_wall.append(w)
        self.ref_cpu.append(c)
        self.rules_engine.append(timed(lambda: [engine.evaluate(name, facts) for name, facts, _ in calls])[1])
        self.rules_reference.append(timed(lambda: [_references[name](facts) for name, facts, _ in calls])[1])

    def report(self):
        calls = self.calls
        fired = sum(len(firings) for _, _, firings in calls)
        facts = sum(len(facts) for _, facts, _ in calls)
        print(f"\nadvies  {self.label}: {len(self.kb.interventions)} interventies, {len(calls)} evaluaties, {facts} feiten, "
              f"{fired} keer een regel, {len(self.wall)} runs")
        print(f"  durable-rules    wand ms {spread(self.wall)}   cpu ms {spread(self.cpu)}")
        print(f"  referentie       wand ms {spread(self.ref_wall)}   cpu ms {spread(self.ref_cpu)}")
        ratio = percentile(self.cpu, 0.5) / percentile(self.ref_cpu, 0.5)
        print(f"  verhouding advies durable/referentie (cpu p50): {ratio:.2f}   (doel <= 1,5)")
        print(f"  alleen de regels: durable cpu ms {spread(self.rules_engine)}   referentie cpu ms "
              f"{spread(self.rules_reference)}   verhouding p50 "
              f"{percentile(self.rules_engine, 0.5) / percentile(self.rules_reference, 0.5):.1f}")


def measure(kb, large, runs) -> None:
    """Both knowledge bases measured in one loop, a 10x run after every fifth real one, so that
    the load of the (shared) machine falls on both alike and their ratio compares like with like."""
    real = Measurement(kb, "echte kennisbank", max(3, runs // 20))
    ten = Measurement(large, "synthetisch, 10x zo groot", 3)
    for n in range(runs):
        real.run()
        if n % 5 == 0:
            ten.run()
    real.report()
    ten.report()
    ratios = {q: [percentile(x, q) / percentile(r, q) for x, r in ((ten.wall, real.wall), (ten.cpu, real.cpu))]
              for q in (0.5, 0.95)}
    print(f"\nverhouding 10x / echt: p95 wand {ratios[0.95][0]:.1f}, cpu {ratios[0.95][1]:.1f}   (doel <= 10)"
          f"   p50 wand {ratios[0.5][0]:.1f}, cpu {ratios[0.5][1]:.1f}")


def check_equal(kb, count) -> None:
    """durable-rules and the reference fire the same on `count` random profiles (or raise)."""
    rng = random.Random(15)
    evaluations = fired = 0
    for n in range(count):
        profile = parse_profile(random_profile(kb, rng), kb)
        for name, facts, firings in recorded_evaluations(lambda: advise(profile, kb)):
            if firings != reference_for(name)(facts):
                raise SystemExit(f"VERSCHIL tussen durable-rules en de referentie: profiel {n}, {name}")
            evaluations += 1
            fired += len(firings)
    print(f"gelijk   durable-rules == referentie op {count} willekeurige profielen ({evaluations} evaluaties, "
          f"{fired} keer een regel)")


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def memory(kb, count) -> None:
    rng = random.Random(5)
    profiles = [parse_profile(random_profile(kb, rng), kb) for _ in range(20)]
    for p in profiles:
        advise(p, kb)
    gc.collect()
    before, start = rss_mib(), time.perf_counter()
    for n in range(count):
        advise(profiles[n % len(profiles)], kb)
    gc.collect()
    after = rss_mib()
    print(f"geheugen {count} adviezen achter elkaar (20 profielen): RSS {before:.1f} -> {after:.1f} MiB "
          f"({after - before:+.1f} MiB) in {time.perf_counter() - start:.0f} s")


def ten_times_larger(content: KnowledgeBaseContent) -> KnowledgeBaseContent:
    """The real knowledge base's records with nine copies of every intervention (new ids and
    names, the same links): a version that is published and loaded the way production loads one."""
    copies = range(1, 10)
    interventions = list(content.interventies) + [
        i.model_copy(update={"id": f"{i.id}-{n}", "name": f"{i.name} ({n})"}) for n in copies for i in content.interventies]

    def factor(f):
        return f.model_copy(update={"intervention_ids": f.intervention_ids + tuple(
            f"{iid}-{n}" for n in copies for iid in f.intervention_ids)})

    bouwstenen = [b.model_copy(update={"themas": [t.model_copy(update={"factoren": [factor(f) for f in t.factoren]})
                                                   for t in b.themas]}) for b in content.bouwstenen]
    return content.model_copy(update={"interventies": interventions, "bouwstenen": bouwstenen})


def loaded(session, content: KnowledgeBaseContent, source: str):
    """`content` published as a version and read back through wizard/kb/domain.py, as a worker
    reads the knowledge base of a request (with what that does after building it: gc.freeze)."""
    version, _ = publish(session, content, source)
    session.commit()
    return load_knowledge_base(session, version.id)


def load() -> str:
    return "belasting (1/5/15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" op {os.cpu_count()} cores"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="advices per measurement (10x: a fifth)")
    parser.add_argument("--memory", type=int, default=5000, help="advices in a row for the memory check")
    parser.add_argument("--gc-unfreeze", action="store_true",
                        help="gc.unfreeze() after loading the knowledge bases (undo what production does)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite", SECRET_KEY="bench")
        with app.app_context():
            upgrade()
            files = read_knowledge_base(PROJECT_ROOT / "data")
            replace_knowledge_base(db.session, files)
            kb = knowledge_base()
            # in a database of its own: the catalogue search below reads the newest version of this one
            large_app = create_app(Config, DATABASE_URL=f"sqlite:///{tmp}/bench-x10.sqlite", SECRET_KEY="bench")
            with large_app.app_context():
                upgrade()
                large = loaded(db.session, ten_times_larger(files.content()), "make bench (10x)")
            if args.gc_unfreeze:
                gc.unfreeze()
            print(load() + ("   (gc.unfreeze na het laden)" if args.gc_unfreeze else ""))
            check_equal(kb, EQUALITY_PROFILES)
            measure(kb, large, args.runs)
            if args.memory:
                memory(kb, args.memory)
            print(load())
            try:
                from benchmarks.search import measure_search
            except ImportError:
                return
            measure_search(app)


if __name__ == "__main__":
    main()
