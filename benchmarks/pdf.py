"""`make bench-pdf`: figures for the B&W PDF, not pass/fail.

- an ordinary advice (8 interventions), rendered warm in the renderer process: p50/p95
  (goal p95 <= 1.5 s), and a cache hit (`pdf_for` for a version already rendered);
- an advice with every intervention of the knowledge base: time and the renderer's peak RSS;
- the renderer's RSS over many ordinary PDFs in a row (default 1,000; `--count N`), sampled
  every 100, with the web process's RSS beside it: both should stay flat.

Runs on a throw-away SQLite database with the real knowledge base. The imports sit inside
`main()` because the renderer is started with 'spawn', which re-imports this script there.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

ORDINARY = {
    "gemeente": "Benchstad",
    "context": {"fase": "start", "verschijningsvormen": ["verticale-polarisatie", "horizontale-polarisatie"],
                "online": True, "aanleiding": "Zorgen over online polarisatie onder jongeren."},
    "doelgroepen": ["jongeren", "ouders-opvoeders"], "settings": ["school", "online"],
    "factoren": [{"id": "mediawijsheid", "prioriteit": "hoog"}, {"id": "positieve-opvoedstijl"},
                 {"id": "positief-contact-tussen-diverse-groepen"}, {"id": "ideologische-weerbaarheid"},
                 {"id": "sociaal-vertrouwen"}, {"id": "weerbaarheid-tegen-groepsdruk"}],
    "voorkeuren": {"max_interventies": 8},
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    """Resident memory (VmRSS) or its peak (VmHWM) of a process, from /proc, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def page_count(document: bytes) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=document, capture_output=True, check=True).stdout.decode()
    return next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far: on a busy machine a fairer figure than the
    wall-clock time, which includes waiting for a core."""
    import os
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def renderer_pid() -> int:
    """The renderer process: the child of this process started by multiprocessing's spawn."""
    import os
    for _ in range(100):  # just after a renewal the new renderer may still be starting
        for pid in _children_spawned(os.getpid()):
            return pid
        time.sleep(0.05)
    raise LookupError("geen renderproces gevonden")


def _children_spawned(parent: int):
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = next(line.split()[1] for line in text.splitlines() if line.startswith("PPid:"))
        if int(ppid) == parent and b"spawn_main" in cmdline:
            yield int(status.parent.name)


def restart_renderer(pdf):
    pdf._state.pool.stop()
    pdf._state.pool.join()
    pdf.render("<p>warm</p>")


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from flask_migrate import upgrade

    from rules.advise import advise, review
    from rules.profile import parse_profile
    from wizard import create_app
    from wizard.advice import pdf
    from wizard.advice.view import AdviceDocument
    from wizard.config import PROJECT_ROOT, Config
    from wizard.extensions import db
    from wizard.kb.access import knowledge_base
    from wizard.kb.files import read_knowledge_base
    from wizard.kb.loader import replace_knowledge_base

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="gewone PDF's achter elkaar (standaard 1000)")
    parser.add_argument("--runs", type=int, default=30, help="metingen voor p50/p95 (standaard 30)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite", SECRET_KEY="bench",
                         PDF_TIMEOUT=120)
        with app.app_context():
            upgrade()
            replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))
            kb = knowledge_base()
            profile = parse_profile(ORDINARY, kb)
            result = advise(profile, kb).to_json()
            ordinary = AdviceDocument(id="bench", profile=profile.model_dump(mode="json"), kb_version=kb.version,
                                      kb_version_id=None, result=result, current=result, edits=[], notes={},
                                      created_at=datetime.now(timezone.utc))
            everything = sorted(i for i, x in kb.interventions.items() if not x.withdrawn)
            full = review(profile, kb, everything, set(everything)).to_json()
            full_document = replace(ordinary, current=full)

            html = pdf.document_html(ordinary, kb)
            started = time.perf_counter()
            pdf.render(html)
            cold = time.perf_counter() - started
            times, cpu = [], []
            for _ in range(args.runs):
                pid = renderer_pid()
                started, used = time.perf_counter(), cpu_seconds(pid)
                pdf.render(html)
                times.append(time.perf_counter() - started)
                cpu.append(cpu_seconds(pid) - used)
            print(f"pdf  gewoon advies ({len(result['pakket'])} interventies), warm: p50 {statistics.median(times):.2f} s"
                  f"  p95 {percentile(times, 0.95):.2f} s  (CPU van het renderproces p50 {statistics.median(cpu):.2f} s"
                  f"  p95 {percentile(cpu, 0.95):.2f} s; {args.runs} runs; eerste in een nieuw renderproces {cold:.2f} s)")

            pdf.pdf_for(ordinary, kb)
            hits = []
            for _ in range(50):
                started = time.perf_counter()
                pdf.pdf_for(ordinary, kb)
                hits.append((time.perf_counter() - started) * 1000)
            print(f"pdf  uit de cache (zelfde versie, incl. HTML en hash): p50 {statistics.median(hits):.1f} ms"
                  f"  p95 {percentile(hits, 0.95):.1f} ms")

            restart_renderer(pdf)  # so that its peak RSS is this render's
            pid = renderer_pid()
            before = rss_mb(pid)
            full_html = pdf.document_html(full_document, kb)
            started, used = time.perf_counter(), cpu_seconds(pid)
            pages = page_count(pdf.render(full_html))
            took = time.perf_counter() - started
            print(f"pdf  advies met alle {len(full['pakket'])} interventies ({pages} pagina's): {took:.1f} s"
                  f" (CPU {cpu_seconds(pid) - used:.1f} s), renderproces {before:.0f} MB -> piek"
                  f" {rss_mb(pid, 'VmHWM'):.0f} MB")

            restart_renderer(pdf)  # the loop starts in a renderer that did not make the big one
            print(f"pdf  {args.count} gewone PDF's achter elkaar (renderproces vernieuwd na elke"
                  f" {app.config['PDF_RENDERS_PER_PROCESS']}); RSS in MB:")
            started = time.perf_counter()
            for n in range(1, args.count + 1):
                pdf.render(html)
                if n % 100 == 99 or n == args.count:  # the renderer's last PDF before its renewal
                    print(f"     na {n}: renderproces {rss_mb(renderer_pid()):.0f}, webproces {rss_mb():.0f}", flush=True)
            if args.count:
                print(f"     {(time.perf_counter() - started) / args.count:.2f} s per PDF")


if __name__ == "__main__":
    main()
