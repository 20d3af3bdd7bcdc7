"""Security headers on every response, and a guard against NUL bytes in any request.

A small hook rather than Flask-Talisman (no release since 2023, see TOOLING.md). Advice and
questionnaire URLs are the keys to their data: they must not leak through the Referer header to
the external intervention sites, nor stay in a shared browser's or proxy's cache."""

from flask import Flask, Response, abort, request

# every script and stylesheet is a file under /static; htmx's own indicator <style> is switched
# off in base.html (includeIndicatorStyles), the utrecht checkboxes draw data: SVG images
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])
# whole sections whose pages show keys or a person's work: /trajecten (its list and forms prefilled
# from a questionnaire link) and /uitnodiging (also when the token is unknown)
NO_STORE_BLUEPRINTS = frozenset({"trajectory", "invitation"})
HSTS = "max-age=63072000; includeSubDomains"
# the URL arguments that are the key to stored data (wizard session, advice)
TOKEN_ARGS = frozenset({"sid", "advice_id"})


def register(app: Flask) -> None:
    production = app.config.get("PRODUCTION", False)

    @app.before_request
    def refuse_nul_bytes():
        """:raise 404: for a NUL in the path (no page has one); 400: for one in a submitted form.
        PostgreSQL refuses NUL in text, so without this a lookup by such a token answers 500.
        Query strings are left to their views: the catalogue search splits words on a NUL."""
        if "\x00" in request.path:
            abort(404)
        if any("\x00" in key or "\x00" in value for key, value in request.form.items(multi=True)):
            abort(400)

    @app.after_request
    def security_headers(response: Response) -> Response:
        headers = response.headers
        if response.mimetype != "application/pdf":
            # browsers show a PDF in a built-in viewer that object-src 'none' would block
            headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"  # frame-ancestors for browsers that predate CSP 2
        headers["Referrer-Policy"] = "same-origin"
        if production:
            headers["Strict-Transport-Security"] = HSTS
        if (request.view_args and TOKEN_ARGS & request.view_args.keys()) or request.blueprint in NO_STORE_BLUEPRINTS:
            headers["Cache-Control"] = "no-store"
        return response
