"""Absolute links (to resume a questionnaire, to an advice, in an invitation) from BASE_URL.

Built from configuration, never from the request's Host header: a forged Host would otherwise
put a stranger's domain in front of a token that is the key to someone's data."""

from flask import Flask, current_app, url_for


def absolute_url(endpoint: str, **values) -> str:
    """BASE_URL followed by the path of `endpoint`. Without BASE_URL (allowed in development
    only, see wizard.config.base_url) the host of the current request is used."""
    base = current_app.config.get("BASE_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base + url_for(endpoint, **values)


def register(app: Flask) -> None:
    app.add_template_global(absolute_url)
