"""The B&W advice as PDF: the print page's HTML, rendered by WeasyPrint once per version of the
advice, in a separate process that is renewed regularly.

Why a separate process: WeasyPrint's native libraries (Pango, HarfBuzz, fontconfig) keep memory
that Python never gets back (measured +0.3 MB per PDF in a web worker, no plateau), and a large
render must not take a web worker's time or memory. The web process renders only the Jinja
template; the renderer process (`pdf_worker`) gets the HTML string and imports only WeasyPrint.
"""

import atexit
import hashlib
import importlib.util
import multiprocessing
import os
import re
import site
import sys
import threading
import unicodedata
from concurrent.futures import CancelledError, Future
from importlib.metadata import version
from pathlib import Path

import pebble
from flask import current_app, render_template

from rules.model import KnowledgeBase
from wizard.advice import pdf_cache
from wizard.advice.moments import local_day
from wizard.advice.view import AdviceDocument, advice_view
from wizard.config import PROJECT_ROOT

STATIC = PROJECT_ROOT / "wizard" / "static"
WORKER_FILE = Path(__file__).with_name("pdf_worker.py")
TEMPLATE = "advice/council.html"


class PdfUnavailable(RuntimeError):
    """No PDF within the time limit (or the renderer died): the message is for the user."""


def pdf_for(document: AdviceDocument, kb: KnowledgeBase) -> bytes:
    """The PDF of this version of the advice: from the shared cache, or rendered once.
    :raise PdfUnavailable: if the renderer does not deliver within PDF_TIMEOUT seconds."""
    html = document_html(document, kb)
    digest = cache_key(html)
    cached = pdf_cache.get(digest)
    if cached is not None:
        return cached
    content = render(html, digest)
    pdf_cache.put(digest, content, current_app.config["PDF_CACHE_MAX_MB"] * 1024 * 1024)
    return content


def document_html(document: AdviceDocument, kb: KnowledgeBase) -> str:
    """The HTML the PDF is made from. Needs an app context, no request (the CLI has none)."""
    return render_template(TEMPLATE, **advice_view(document, kb), for_pdf=True, url_for=_path_for)


def render_here(html: str) -> bytes:
    """Render in this process, for a one-off command (the CLI) where a renderer process would only
    add its start-up time."""
    return _worker().render(html, str(STATIC))


def cache_key(html: str) -> str:
    """SHA-256 of the HTML and of everything else that shapes the PDF: the stylesheet, the
    renderer module and WeasyPrint's version. A changed stylesheet gives every PDF a new key."""
    digest = hashlib.sha256(version("weasyprint").encode())
    for path in (STATIC / "print.css", WORKER_FILE):
        digest.update(path.read_bytes())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def filename(document: AdviceDocument) -> str:
    """`advies-<gemeente>-<datum>.pdf`: the municipality as an ASCII slug (accents dropped,
    anything else a hyphen), so that any name is a safe file name; the date of the advice."""
    ascii_name = unicodedata.normalize("NFKD", document.current.get("gemeente") or "").encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-")[:60].strip("-") or "gemeente"
    day = local_day(document.created_at).isoformat()
    return f"advies-{slug}-{day}.pdf"


def renders() -> int:
    """How many renders this process has handed to its renderer (cache misses), for benchmarks
    and tests."""
    return _state.renders


def _path_for(endpoint: str, **values) -> str:
    """`url_for` for the PDF's HTML, built without a request: a path, the same for every host, so
    the HTML (and its cache key) does not depend on who asked first."""
    adapter = current_app.url_map.bind("localhost", script_name=current_app.config["APPLICATION_ROOT"])
    return adapter.build(endpoint, values)


class _State:
    """Per process: the renderer pool (made on first use, again after a fork) and the renders in
    flight, so that two requests for the same uncached PDF in one process render it once."""
    def __init__(self):
        self.lock = threading.RLock()  # a done callback may run at once, in the thread that holds it
        self.pool: pebble.ProcessPool | None = None
        self.pid: int | None = None
        self.in_flight: dict[str, Future] = {}
        self.renders = 0


_state = _State()


def render(html: str, digest: str | None = None) -> bytes:
    """The PDF of `html`, rendered in the renderer process (no cache). Two requests for the same
    HTML at once in this process share one render.
    :raise PdfUnavailable: if it is not done within PDF_TIMEOUT seconds, waiting included."""
    digest = digest or cache_key(html)
    with _state.lock:
        future = _state.in_flight.get(digest)
        if future is None:
            max_memory = current_app.config["PDF_MAX_MEMORY_MB"] * 1024 * 1024
            future = _pool().schedule(_worker().render, args=(html, str(STATIC), max_memory),
                                      timeout=current_app.config["PDF_TIMEOUT"])
            _state.in_flight[digest] = future
            _state.renders += 1
            future.add_done_callback(lambda done: _forget(digest, done))
    try:
        return future.result(timeout=current_app.config["PDF_TIMEOUT"])
    except (TimeoutError, CancelledError):  # cancelled: another request for it gave up waiting
        future.cancel()  # a running render: pebble stops the renderer process, a new one starts
        raise PdfUnavailable("Het maken van de PDF duurde te lang.") from None
    except MemoryError:
        raise PdfUnavailable("De PDF werd te groot om te maken.") from None
    except pebble.ProcessExpired:
        raise PdfUnavailable("Het programma dat de PDF maakt, is onverwacht gestopt.") from None


def _forget(digest: str, done: Future) -> None:
    with _state.lock:
        if _state.in_flight.get(digest) is done:
            del _state.in_flight[digest]


def _pool() -> pebble.ProcessPool:
    """One renderer process per app process. 'spawn', not fork: forking a threaded web process
    (gunicorn threads, pebble's own) can deadlock. Renewed after PDF_RENDERS_PER_PROCESS PDFs."""
    if _state.pool is None or _state.pid != os.getpid() or not _state.pool.active:
        _state.pool = pebble.ProcessPool(
            max_workers=1, max_tasks=current_app.config["PDF_RENDERS_PER_PROCESS"],
            # the renderer imports `pdf_worker` by this folder, not through the `wizard` package
            initializer=site.addsitedir, initargs=(str(WORKER_FILE.parent),),
            context=multiprocessing.get_context("spawn"))
        _state.pid = os.getpid()
        atexit.register(_state.pool.stop)
    return _state.pool


def _worker():
    """`pdf_worker` loaded as a top-level module, as the renderer process imports it (a function
    is sent to another process by module name, and `wizard.advice.pdf_worker` would import the
    whole app there)."""
    module = sys.modules.get("pdf_worker")
    if module is None:
        spec = importlib.util.spec_from_file_location("pdf_worker", WORKER_FILE)
        module = importlib.util.module_from_spec(spec)
        sys.modules["pdf_worker"] = module
        spec.loader.exec_module(module)
    return module
