"""One user's whole way through the app, as a browser without JavaScript walks it: home, the
questionnaire (new session, every step read and submitted with its CSRF token), the overview,
composing the advice, the advice page and the B&W page.

Forms are read from the HTML the server sends, not hard-coded: every field keeps what the page
fills in or ticks, the answers below replace what they name (where the page offers that value),
and a choice the page leaves open gets its first option. So the walk survives new fields and
changed steps, and fails loudly (FlowError) when a step refuses what it is sent."""

import re
from collections.abc import Callable
from urllib.parse import urljoin

import lxml.html

# values per field name; a value the page does not offer is skipped
ANSWERS: dict[str, list[str]] = {
    "gemeente": ["Laststad"],
    "fase": ["start"],
    "verschijningsvormen": ["verticale-polarisatie", "horizontale-polarisatie"],
    "online": ["ja"],
    "doelgroepen": ["jongeren", "ouders-opvoeders"],
    "settings": ["school", "online"],
    "factoren": ["mediawijsheid", "positieve-opvoedstijl", "positief-contact-tussen-diverse-groepen",
                 "ideologische-weerbaarheid"],
    "prioriteit": ["mediawijsheid"],
    "max_interventies": ["8"],
}
TEXT_FALLBACK = "Laststad"

# request(method, url, name, data=None) -> response with status_code, headers, text
Request = Callable[..., object]


class FlowError(RuntimeError):
    pass


class _Form:
    def __init__(self, action: str, method: str):
        self.action, self.method = action, method
        self.fields: list[tuple[str, str]] = []          # what the browser would send as is
        self.options: dict[str, list[str]] = {}          # every value a checkbox/radio/select offers
        self.kinds: dict[str, str] = {}
        self.required: set[str] = set()


def forms_of(html: str) -> list[_Form]:
    """The forms of a page as a browser would submit them. Parsed with lxml (C): the pure-Python
    html.parser took ~28 ms of the load generator's CPU per walk (step 1 and 3 are 67 and 100 kB),
    CPU the server under test then lacked on a machine it shares with the generator."""
    forms = []
    for element in lxml.html.fromstring(html).iter("form"):
        form = _Form(element.get("action", ""), element.get("method", "get").lower())
        for control in element.iter("input", "select", "textarea"):
            name = control.get("name")
            if not name:
                continue
            if control.tag == "input":
                kind = control.get("type", "text").lower()
                if kind in ("submit", "button", "file", "reset", "image"):
                    continue
                form.kinds[name] = kind
                if control.get("required") is not None:
                    form.required.add(name)
                if kind in ("checkbox", "radio"):
                    form.options.setdefault(name, []).append(control.get("value", "on"))
                    if control.get("checked") is not None:
                        form.fields.append((name, control.get("value", "on")))
                else:
                    form.fields.append((name, control.get("value", "")))
            elif control.tag == "select":
                form.kinds[name] = "select"
                options = control.iter("option")
                offered, selected = [], []
                for option in options:
                    value = option.get("value", option.text_content())
                    offered.append(value)
                    if option.get("selected") is not None:
                        selected.append(value)
                form.options[name] = offered
                form.fields += [(name, v) for v in (selected or offered[:1])]
            else:
                form.kinds[name] = "textarea"
                form.fields.append((name, control.text or ""))
        forms.append(form)
    return forms


def fill(form: _Form, answers: dict[str, list[str]] = ANSWERS) -> list[tuple[str, str]]:
    """What a user with `answers` submits: the page's own values, replaced where an answer
    names the field, and the first option of every choice still open."""
    fields = list(form.fields)
    for name, values in answers.items():
        if name not in form.kinds:
            continue
        offered = form.options.get(name)
        usable = [v for v in values if offered is None or v in offered]
        if usable:
            fields = [(n, v) for n, v in fields if n != name]
            fields += [(name, v) for v in (usable if form.kinds[name] != "text" else usable[:1])]
    given = {n for n, v in fields if v != ""}
    for name, kind in form.kinds.items():
        if name in given:
            continue
        if kind == "radio" and form.options.get(name):
            fields.append((name, form.options[name][0]))
        elif name in form.required and kind in ("text", "search", "textarea"):
            fields = [(n, v) for n, v in fields if n != name] + [(name, TEXT_FALLBACK)]
    return fields


def form_posting_to(html: str, pattern: str) -> _Form:
    for form in forms_of(html):
        if form.method == "post" and re.search(pattern, form.action):
            return form
    raise FlowError(f"geen formulier dat post naar {pattern}")


def _expect(response, status: int, what: str):
    if response.status_code != status:
        raise FlowError(f"{what}: {_status(response)} in plaats van HTTP {status}")
    return response


def _status(response) -> str:
    # status 0: no answer at all (the load generator keeps the cause in `error`)
    return f"HTTP {response.status_code}" if response.status_code else f"geen antwoord ({getattr(response, 'error', '')})"


def _follow(request: Request, base: str, response, name: str):
    """GET the 303's Location under its own name, so each step is timed on its own."""
    location = response.headers.get("Location") or response.headers.get("location")
    if not location:
        raise FlowError(f"{name}: geen Location na HTTP {response.status_code}")
    url = urljoin(base + "/", location)
    return url, _expect(request("GET", url, name), 200, name)


def walk(request: Request, base: str) -> str:
    """Walk the whole flow once; returns the advice's URL. `request` must not follow redirects."""
    _expect(request("GET", base + "/", "home"), 200, "home")
    start = _expect(request("GET", base + "/wizard/", "start vragenlijst"), 200, "start vragenlijst")
    form = form_posting_to(start.text, r"/wizard/nieuw$")
    response = _expect(request("POST", urljoin(base + "/", form.action), "nieuwe sessie", data=fill(form)),
                       303, "nieuwe sessie")
    number = 1
    url, page = _follow(request, base, response, f"stap {number} tonen")
    while "/stap/" in url:
        form = form_posting_to(page.text, r"/stap/\d+$")
        response = request("POST", urljoin(url, form.action or url), f"stap {number} opslaan", data=fill(form))
        if response.status_code != 303:
            raise FlowError(f"stap {number} opslaan: {_status(response)} in plaats van HTTP 303")
        number += 1
        next_name = f"stap {number} tonen" if "/stap/" in (response.headers.get("Location") or "") else "overzicht"
        url, page = _follow(request, base, response, next_name)
    form = form_posting_to(page.text, r"/advies/nieuw/")
    response = _expect(request("POST", urljoin(url, form.action), "advies samenstellen", data=fill(form)),
                       303, "advies samenstellen")
    advice_url, _ = _follow(request, base, response, "advies tonen")
    _expect(request("GET", advice_url + "/b-en-w", "B&W-pagina"), 200, "B&W-pagina")
    return advice_url
