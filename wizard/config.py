"""Settings, each mapped explicitly from the environment."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.pool import NullPool

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_SECRET_KEY_BYTES = 32


def is_production(env_name: str | None) -> bool:
    """BOUWSTENENWIJZER_ENV names production in any case ("production", "Production", " PRODUCTION")."""
    return (env_name or "").strip().lower() == "production"


def _number(kind):
    def parse(name: str, value: str):
        try:
            return kind(value)
        except ValueError:
            raise RuntimeError(f"{name} moet een getal zijn, niet {value!r}.") from None
    return parse


def _text(name: str, value: str) -> str:
    return value


# Every setting the environment may give, and how to read it. Read by create_app (through
# `from_environment`), never when a module is imported, so that tests and tools decide.
ENVIRONMENT = {
    "DATABASE_URL": ("DATABASE_URL", _text),           # None: SQLite file in the instance folder
    "SECRET_KEY": ("SECRET_KEY", _text),
    "KB_DATA_DIR": ("KB_DATA_DIR", lambda name, value: Path(value)),
    "BOUWSTENENWIJZER_ENV": ("PRODUCTION", lambda name, value: is_production(value)),
    "BASE_URL": ("BASE_URL", _text),                   # scheme and host of absolute links; required in production
    "BEWAARTERMIJN_MAANDEN": ("BEWAARTERMIJN_MAANDEN", _text),  # see wizard/retention.py
    "KB_VERSION_CHECK_SECONDS": ("KB_VERSION_CHECK_SECONDS", _number(float)),
    "PDF_TIMEOUT": ("PDF_TIMEOUT", _number(float)),
    "PDF_RENDERS_PER_PROCESS": ("PDF_RENDERS_PER_PROCESS", _number(int)),
    "PDF_CACHE_MAX_MB": ("PDF_CACHE_MAX_MB", _number(int)),
    "PDF_MAX_MEMORY_MB": ("PDF_MAX_MEMORY_MB", _number(int)),
    "PROXY_HOPS": ("PROXY_HOPS", _number(int)),        # reverse proxies in front whose X-Forwarded-* to trust
}


def from_environment(environ) -> dict:
    """The settings that `environ` gives (see ENVIRONMENT), as config keys.

    :raise RuntimeError: (Dutch) naming a variable whose value cannot be read."""
    return {key: parse(name, environ[name]) for name, (key, parse) in ENVIRONMENT.items() if name in environ}


class Config:
    """Development defaults: SQLite in the instance folder, a secret key kept there too. The
    environment overrides them (READ_ENVIRONMENT), in create_app."""
    READ_ENVIRONMENT = True
    DATABASE_URL = None
    SECRET_KEY = None
    KB_DATA_DIR = PROJECT_ROOT / "data"
    PRODUCTION = False
    BASE_URL = None
    BEWAARTERMIJN_MAANDEN = "18"
    SESSION_COOKIE_SAMESITE = "Lax"
    # how long a process trusts the knowledge-base version it last read (0: ask on every request)
    KB_VERSION_CHECK_SECONDS = 2.0
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None  # a wizard step may stay open during a long adviesgesprek
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # WTForms' own Dutch messages (forms set Meta.locales); Flask-WTF's i18n would need Flask-Babel
    WTF_I18N_ENABLED = False
    # the B&W PDF (wizard/advice/pdf.py): a request waits at most this long for a render, well
    # within gunicorn's worker timeout (30 s); the renderer process is renewed after this many
    # PDFs (its native memory only grows); the shared cache of rendered PDFs keeps this much
    PDF_TIMEOUT = 20.0
    PDF_RENDERS_PER_PROCESS = 100
    PDF_CACHE_MAX_MB = 200
    PDF_MAX_MEMORY_MB = 1024  # the renderer's address space
    # behind a reverse proxy the client's address and scheme come from its X-Forwarded-* headers;
    # trusted only for this many proxies, since a client can send those headers itself
    PROXY_HOPS = 0


class TestConfig(Config):
    TESTING = True
    # tests pass every setting themselves (tests/conftest.py takes DATABASE_URL from the
    # environment, which is how CI runs the suite on PostgreSQL)
    READ_ENVIRONMENT = False
    # tests create many apps; without a pool no connection outlives its request
    SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": NullPool}
    PRODUCTION = False
    SECRET_KEY = "test-secret-long-enough-for-production-checks"  # >= 32 bytes, as production demands
    KB_VERSION_CHECK_SECONDS = 0  # tests load knowledge bases and expect to see them at once
    WTF_CSRF_ENABLED = False
    # argon2 at its cheapest: the tests log in often; production keeps the library's defaults
    SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS = {"argon2__rounds": 1, "argon2__memory_cost": 1024}


def database_uri(config: dict, instance_path: str) -> str:
    url = config.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'bouwstenenwijzer.sqlite'}"
    # accept the common postgres:// and postgresql:// forms and use psycopg 3 for both
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(config: dict, instance_path: str) -> str:
    """SECRET_KEY from the environment; in development one generated once and kept in the
    instance folder, so sessions survive a restart and several local processes agree."""
    if config.get("SECRET_KEY"):
        if config.get("PRODUCTION") and len(config["SECRET_KEY"].encode()) < MIN_SECRET_KEY_BYTES:
            raise RuntimeError(f"SECRET_KEY is te kort: in productie minstens {MIN_SECRET_KEY_BYTES} bytes, "
                               "bijvoorbeeld de uitvoer van: python3 -c 'import secrets; print(secrets.token_hex(32))'.")
        return config["SECRET_KEY"]
    if config.get("PRODUCTION"):
        raise RuntimeError("SECRET_KEY is verplicht in productie (BOUWSTENENWIJZER_ENV=production).")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def base_url(config: dict) -> str | None:
    """BASE_URL as 'https://host[:port]' (no trailing slash), or None in development without one.

    :raise RuntimeError: (Dutch) if it is malformed, or missing or not https in production."""
    value = (config.get("BASE_URL") or "").strip()
    if not value:
        if config.get("PRODUCTION"):
            raise RuntimeError("BASE_URL is verplicht in productie, bijvoorbeeld https://bouwstenenwijzer.example.nl; "
                               "links in e-mails en op het scherm worden daarmee gemaakt, niet met de Host-header.")
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        raise RuntimeError(f"BASE_URL moet de vorm https://host of https://host:poort hebben, zonder pad; niet {value!r}.")
    if config.get("PRODUCTION") and parts.scheme != "https":
        raise RuntimeError("BASE_URL moet in productie met https:// beginnen.")
    return f"{parts.scheme}://{parts.netloc}"


def retention_months(config: dict) -> int:
    """:raise RuntimeError: (Dutch) unless BEWAARTERMIJN_MAANDEN is a whole number of at least 1."""
    value = str(config.get("BEWAARTERMIJN_MAANDEN", "18")).strip()
    if not value.isdigit() or int(value) < 1:
        raise RuntimeError(f"BEWAARTERMIJN_MAANDEN moet een geheel aantal maanden zijn (minstens 1), niet {value!r}.")
    return int(value)


def proxy_hops(config: dict) -> int:
    """:raise RuntimeError: (Dutch) unless PROXY_HOPS is a whole number from 0 to 5."""
    hops = config.get("PROXY_HOPS", 0)
    if not isinstance(hops, int) or not 0 <= hops <= 5:
        raise RuntimeError(f"PROXY_HOPS moet het aantal reverse proxy's voor de app zijn (0 tot en met 5), niet {hops!r}.")
    return hops
