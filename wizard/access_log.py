"""gunicorn's access log without the keys in URLs.

A questionnaire, advice or invitation link is the key to what it names (so are Flask-Security's
reset and confirmation links): whoever reads the access log must not be able to open them. Every
URL in a log line (request line, path, query, Referer) has such segments replaced by '***'.
Used by gunicorn.conf.py (`logger_class`) and by the app's own logger (`KeylessFilter`)."""

import logging
import re

from gunicorn.glogging import Logger

# new_token() and invitation tokens are 32-43 url-safe characters; Flask-Security's tokens are
# longer and dotted. A slug of the knowledge base (lower case, hyphens, no digits) is left alone.
_KEY = re.compile(r"(?<=[/=])(?=[A-Za-z0-9_.~-]*[A-Z0-9])[A-Za-z0-9_.~-]{20,}")
_MASKED = "***"
_URL_ATOMS = ("r", "U", "q", "f", "{referer}i", "{raw_uri}e", "{path_info}e", "{query_string}e")


def without_keys(text: str | None) -> str | None:
    """`text` with every path segment or query value that looks like a key replaced by ***."""
    return _KEY.sub(_MASKED, text) if text else text


class KeylessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in _URL_ATOMS:
            if isinstance(atoms.get(name), str):
                atoms[name] = without_keys(atoms[name])
        return atoms


class KeylessFilter(logging.Filter):
    """For the app's own log: Flask logs an uncaught error as 'Exception on <path> [GET]'."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = without_keys(record.msg)
        return True


def mask_keys_in(logger: logging.Logger) -> None:
    """Add a KeylessFilter to `logger` once (every app of one name shares its logger)."""
    if not any(isinstance(f, KeylessFilter) for f in logger.filters):
        logger.addFilter(KeylessFilter())
