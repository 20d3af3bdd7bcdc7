"""Check weblinks over HTTP, concurrently. Free of Flask and the database: links in, one
`LinkResult` per link out.

Per link: HEAD first (cheap); when the server refuses HEAD or answers it with an error, GET
(many servers implement HEAD badly). Redirects are followed and recorded. A whole link, all
redirects included, gets `timeout` seconds. At most `per_host` requests run against one host
at a time, so that a site with many links is not hammered."""

import asyncio
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx2

OK = "ok"
MOVED = "verplaatst"
BROKEN = "kapot"
UNREACHABLE = "onbereikbaar"
STATUS_LABELS = {OK: "in orde", MOVED: "verplaatst", BROKEN: "kapot", UNREACHABLE: "onbereikbaar"}

USER_AGENT = "Bouwstenenwijzer-linkcontrole/1.0"


@dataclass(frozen=True)
class LinkResult:
    intervention_id: str
    url: str
    status: str
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[tuple[int, str], ...] = field(default=())
    error: str | None = None


def _classify(intervention_id: str, url: str, response: httpx2.Response) -> LinkResult:
    redirects = tuple((r.status_code, str(r.headers.get("location", ""))) for r in response.history)
    final = str(response.url)
    if response.status_code >= 400:
        return LinkResult(intervention_id, url, BROKEN, response.status_code, final, redirects)
    if response.history and final != url:
        return LinkResult(intervention_id, url, MOVED, response.status_code, final, redirects)
    return LinkResult(intervention_id, url, OK, response.status_code, final, redirects)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, (httpx2.TimeoutException, TimeoutError)):
        return "geen antwoord binnen de tijdslimiet"
    if isinstance(exc, httpx2.ConnectError):
        return "verbinding mislukt (server of domein niet bereikbaar)"
    if isinstance(exc, httpx2.TooManyRedirects):
        return "te veel doorverwijzingen"
    return f"fout bij het ophalen ({type(exc).__name__})"


async def _fetch(client: httpx2.AsyncClient, url: str) -> httpx2.Response:
    response = await client.head(url)
    if response.status_code >= 400:
        # e.g. 405 Method Not Allowed, or servers that only implement GET properly
        async with client.stream("GET", url) as streamed:
            return streamed  # the body is not needed: status, url and history are set
    return response


async def _check_one(client, semaphores, intervention_id, url, timeout) -> LinkResult:
    host = urlsplit(url).hostname or ""
    if urlsplit(url).scheme not in ("http", "https") or not host:
        return LinkResult(intervention_id, url, BROKEN, error="geen geldig http(s)-adres")
    async with semaphores[host]:
        try:
            async with asyncio.timeout(timeout):
                response = await _fetch(client, url)
        except (httpx2.HTTPError, TimeoutError, OSError) as exc:
            return LinkResult(intervention_id, url, UNREACHABLE, error=_error_text(exc))
    return _classify(intervention_id, url, response)


async def check_links_async(links: list[tuple[str, str]], *, timeout: float = 10.0, per_host: int = 2,
                            concurrency: int = 20) -> list[LinkResult]:
    """Check (intervention_id, url) pairs; results come back in the order of `links`."""
    semaphores: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(follow_redirects=True, timeout=timeout, limits=limits,
                                  headers={"User-Agent": USER_AGENT}) as client:
        return list(await asyncio.gather(*(_check_one(client, semaphores, iid, url, timeout)
                                            for iid, url in links)))


def check_links(links: list[tuple[str, str]], **options) -> list[LinkResult]:
    """The synchronous entry point. The event loop gets a thread of its own, so that this also
    works when the caller's thread already runs one (asyncio.run refuses that)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(check_links_async(links, **options))).result()
