"""The PDF renderer's own process: HTML in, PDF bytes out, with WeasyPrint.

This module runs in a separate process (see `wizard.advice.pdf`), where it is loaded as the
top-level module `pdf_worker`, so that the process imports only the standard library and
WeasyPrint, not the app (Flask, SQLAlchemy, durable-rules: ~55 MB and seconds per start).
Keep it that way: no imports from `wizard` or `rules` here.
"""

import resource
from pathlib import Path
from urllib.parse import urlsplit


def render(html: str, static_dir: str, max_memory: int | None = None) -> bytes:
    """The PDF of `html`. Stylesheets and images are read from `static_dir` only; any other URL
    fails the render, so nothing a user typed can make the renderer fetch anything.
    `max_memory` (bytes) caps this process's address space: a render that needs more raises
    MemoryError (or ends the process) instead of taking the machine's memory."""
    if max_memory:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    # imported here, not at the top: the web process loads this module without WeasyPrint
    from weasyprint import HTML
    static = Path(static_dir)
    return HTML(string=html, base_url=static.as_uri() + "/", url_fetcher=_static_fetcher(static)).write_pdf()


def _static_fetcher(static: Path):
    from weasyprint.urls import URLFetcher

    root = static.resolve()

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if "/static/" in path:
                local = (root / path.split("/static/", 1)[1]).resolve()
                if root in local.parents and local.is_file():
                    return super().fetch(local.as_uri(), headers)
            raise ValueError(f"De PDF haalt geen externe bronnen op: {url}")

    return StaticOnly(allowed_protocols={"file"}, fail_on_errors=True)
