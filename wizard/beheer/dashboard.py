"""/beheer: the dashboard, built from a list of panels.

A panel is a title, a template under templates/beheer/panels/ and a function that loads its
data. Extension point for the knowledge-base work: append panels for 'concepten die wachten op
publicatie' and 'interventies die herzien moeten worden (herzien_op ouder dan 12 maanden)' to
PANELS (order is display order); nothing else here needs to change."""

from dataclasses import dataclass
from typing import Callable

from flask import render_template

from wizard.beheer import bp
from wizard.feedback import service as feedback
from wizard.kb.access import knowledge_base
from wizard.links import store as link_store


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    template: str
    load: Callable[[], dict]


def _feedback() -> dict:
    return {"new": feedback.count_new(), "latest": feedback.inbox("nieuw")[:5]}


def _links() -> dict:
    return {"problems": link_store.count_problems(), "last_checked": link_store.last_checked()}


def _availability_unknown() -> dict:
    unknown = [i for i in knowledge_base().interventions.values() if i.offered == "onbekend"]
    return {"interventions": sorted(unknown, key=lambda i: i.name.lower())}


PANELS: list[Panel] = [
    Panel("meldingen", "Nieuwe meldingen", "beheer/panels/_feedback.html", _feedback),
    Panel("weblinks", "Weblinks met een probleem", "beheer/panels/_links.html", _links),
    Panel("aanbod-onbekend", "Onbekend of de interventie nog wordt aangeboden",
          "beheer/panels/_availability.html", _availability_unknown),
]


@bp.get("")
def dashboard():
    panels = [(panel, panel.load()) for panel in PANELS]
    return render_template("beheer/dashboard.html", panels=panels)
