"""Settings, each mapped explicitly from the environment."""

import os
import secrets
from pathlib import Path

from sqlalchemy.pool import NullPool

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Config:
    """Development defaults: SQLite in the instance folder, a secret key kept there too."""
    DATABASE_URL = os.environ.get("DATABASE_URL")  # None: SQLite file in the instance folder
    SECRET_KEY = os.environ.get("SECRET_KEY")
    KB_DATA_DIR = Path(os.environ.get("KB_DATA_DIR", PROJECT_ROOT / "data"))
    PRODUCTION = os.environ.get("BOUWSTENENWIJZER_ENV") == "production"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None  # a wizard step may stay open during a long adviesgesprek
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # WTForms' own Dutch messages (forms set Meta.locales); Flask-WTF's i18n would need Flask-Babel
    WTF_I18N_ENABLED = False
    # the B&W PDF (wizard/advice/pdf.py): a request waits at most this long for a render, well
    # within gunicorn's worker timeout (30 s); the renderer process is renewed after this many
    # PDFs (its native memory only grows); the shared cache of rendered PDFs keeps this much
    PDF_TIMEOUT = float(os.environ.get("PDF_TIMEOUT", 20))
    PDF_RENDERS_PER_PROCESS = int(os.environ.get("PDF_RENDERS_PER_PROCESS", 100))
    PDF_CACHE_MAX_MB = int(os.environ.get("PDF_CACHE_MAX_MB", 200))
    PDF_MAX_MEMORY_MB = int(os.environ.get("PDF_MAX_MEMORY_MB", 1024))  # the renderer's address space


class TestConfig(Config):
    TESTING = True
    # tests create many apps; without a pool no connection outlives its request
    SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": NullPool}
    PRODUCTION = False
    SECRET_KEY = "test-secret"
    WTF_CSRF_ENABLED = False


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
        return config["SECRET_KEY"]
    if config.get("PRODUCTION"):
        raise RuntimeError("SECRET_KEY is verplicht in productie (BOUWSTENENWIJZER_ENV=production).")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
