"""Error pages: every error a visitor can meet is a Dutch page in the site's layout.

Each page carries its message in `#foutmelding`, which app.js also reads from an htmx error
response to show it in the page (htmx does not swap 4xx/5xx responses)."""

from dataclasses import dataclass

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from wizard.kb.domain import KnowledgeBaseNotLoaded


@dataclass(frozen=True)
class ErrorText:
    title: str
    message: str


ERRORS = {
    400: ErrorText("Het verzoek kon niet worden verwerkt",
                   "De gegevens van het verzoek zijn onvolledig of onjuist. Er is niets gewijzigd."),
    403: ErrorText("Geen toegang", "U hebt geen toegang tot deze pagina. Beheerpagina's zijn alleen voor accounts met de rol beheerder."),
    404: ErrorText("Pagina niet gevonden", "Deze pagina bestaat niet (meer). Controleer de link."),
    405: ErrorText("Dit kan zo niet",
                   "Deze pagina kan niet op deze manier worden opgevraagd of verstuurd. Er is niets gewijzigd."),
    413: ErrorText("Te veel gegevens",
                   "Wat u verstuurde is te groot (hoogstens {max_mb} MB). Er is niets gewijzigd; maak de tekst of het bestand kleiner."),
    429: ErrorText("Te veel verzoeken",
                   "U heeft in korte tijd te veel verzoeken gedaan. Wacht even en probeer het dan opnieuw."),
    500: ErrorText("Er is een fout opgetreden",
                   "Er ging aan onze kant iets mis. Uw eerder bewaarde antwoorden zijn niet verloren; probeer het over enkele ogenblikken opnieuw."),
}
CSRF_ERROR = ErrorText("Het formulier kon niet worden verwerkt",
                       "De beveiligingscode van het formulier ontbreekt of is verlopen. Er is niets gewijzigd. "
                       "Laad de pagina opnieuw en verstuur het formulier nog eens.")


def error_page(code: int, text: ErrorText):
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    message = text.message.format(max_mb=f"{limit / 1024 / 1024:g}") if "{max_mb}" in text.message else text.message
    return render_template("errors/error.html", code=code, title=text.title, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(exc):
        return error_page(400, CSRF_ERROR)

    @app.errorhandler(KnowledgeBaseNotLoaded)
    def kb_missing(exc):
        return error_page(503, ErrorText("De kennisbank is nog niet geladen", str(exc)))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        text = ERRORS.get(exc.code)
        if text is None:  # redirects and codes we have no Dutch page for pass unchanged
            return exc
        response, code = error_page(exc.code, text)
        headers = dict(exc.get_response().headers)  # keeps e.g. Allow on a 405
        headers.pop("Content-Type", None)
        headers.pop("Content-Length", None)
        return response, code, headers

    @app.errorhandler(InternalServerError)
    def server_error(exc):
        return error_page(500, ERRORS[500])
