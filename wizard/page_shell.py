"""The parts of base.html that are the same on every page under one mount point: the style sheets
and scripts, the main menu and the footer link. Rendered once per mount point (the menu once per
page that can be the current one) and reused.

base.html is around every page; building these with a dozen url_for calls and menu checks on
each request cost ~0.3 ms of CPU, as much as Flask's own handling of the request. The menu item
of the questionnaire stays with base.html when it names the questionnaire this browser last
worked on ('Ga verder met …'), which differs per visitor."""

from dataclasses import dataclass, field

from flask import Flask, get_template_attribute, has_request_context, request, url_for
from markupsafe import Markup

MACROS = "shell/_macros.html"
QUESTIONNAIRE = "questionnaire.start"  # the menu item base.html may replace by 'Ga verder met …'
FEEDBACK = "feedback.report"

# (endpoint, label) of the main menu; blueprints that do not exist in an app are left out
NAV_ITEMS = [
    ("main.home", "Home"),
    ("questionnaire.start", "Vragenlijst"),
    ("catalogue.interventions", "Interventies"),
    ("catalogue.bouwstenen", "Bouwstenen"),
    ("catalogue.gaps", "Lacunes"),
    ("main.how_advice_works", "Hoe komt het advies tot stand?"),
]
NAV_ENDPOINTS = frozenset(endpoint for endpoint, _ in NAV_ITEMS)


@dataclass(frozen=True)
class Menu:
    """The menu as it reads on one page: the items before the questionnaire's, that item (None
    when the app has no questionnaire), the items after it."""
    before: Markup
    questionnaire: Markup | None
    after: Markup


@dataclass(frozen=True)
class Shell:
    head: Markup    # the <link> and <script> elements of every page
    home_url: str
    footer: Markup  # the footer's link to 'Meld een fout of aanvulling', if the app has one
    menus: dict[str | None, Menu] = field(default_factory=dict)  # by current menu item (None: none), filled as pages are seen


def register(app: Flask) -> None:
    shells: dict[str, Shell] = {}  # by mount point (request.script_root)

    def menu(current_endpoint: str | None) -> Menu:
        item = get_template_attribute(MACROS, "nav_item")
        items = [(endpoint, Markup(item(endpoint, label, endpoint == current_endpoint)))
                 for endpoint, label in NAV_ITEMS if endpoint in app.view_functions]
        endpoints = [endpoint for endpoint, _ in items]
        at = endpoints.index(QUESTIONNAIRE) if QUESTIONNAIRE in endpoints else len(items)
        return Menu(Markup("").join(html for _, html in items[:at]), items[at][1] if at < len(items) else None,
                    Markup("").join(html for _, html in items[at + 1:]))

    def shell() -> Shell:
        found = shells.get(request.script_root)
        if found is None:
            found = shells[request.script_root] = Shell(
                head=Markup(get_template_attribute(MACROS, "head")()),
                home_url=url_for("main.home"),
                footer=Markup(get_template_attribute(MACROS, "footer")(FEEDBACK in app.view_functions)))
        return found

    def current_menu() -> Menu:
        menus = shell().menus
        current = request.endpoint if request.endpoint in NAV_ENDPOINTS else None  # other pages mark no item
        found = menus.get(current)
        if found is None:  # one per menu item and one for none: this fills up once
            found = menus[current] = menu(current)
        return found

    @app.context_processor
    def page_shell() -> dict:
        # outside a request (the PDF from the command line) no page has a frame
        return {"shell": shell(), "current_menu": current_menu} if has_request_context() else {}
