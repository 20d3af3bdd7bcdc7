"""Two more yardsticks of `benchmarks/pages.py`, between bare Flask and the floor of a step
(benchmarks/step_floor.py): bare Flask that reads one questionnaire row per request and renders
nothing, once through the app's own SQLAlchemy model and engine settings and once through the
database driver alone. They show what one read of the database costs on this machine before
the app does anything of its own: no request hooks, no session cookie, no CSRF, no headers.

Serve with gunicorn as `benchmarks.read_floor:orm_app` or `benchmarks.read_floor:driver_app`,
with DATABASE_URL set; both answer GET /vloer/<id> with the questionnaire's revision."""

import os
import threading

import psycopg
from flask import Flask, abort

from wizard.config import Config, database_uri
from wizard.extensions import db
from wizard.models import WizardSession

DATABASE_URL = os.environ.get("DATABASE_URL", "")

orm_app = Flask("orm_floor")
orm_app.config.update(SQLALCHEMY_DATABASE_URI=database_uri({"DATABASE_URL": DATABASE_URL}, orm_app.instance_path),
                      SQLALCHEMY_ENGINE_OPTIONS=Config.SQLALCHEMY_ENGINE_OPTIONS)
db.init_app(orm_app)
orm_app.get("/")(lambda: "klaar")  # gunicorn is up once this answers


@orm_app.get("/vloer/<sid>")
def orm_row(sid):
    return str(db.get_or_404(WizardSession, sid).revision)


driver_app = Flask("driver_floor")
driver_app.get("/")(lambda: "klaar")
# one connection per worker thread, kept open, as a pool would hand out
_connections = threading.local()


def _connection() -> psycopg.Connection:
    if getattr(_connections, "connection", None) is None:
        _connections.connection = psycopg.connect(DATABASE_URL.replace("postgresql+psycopg://", "postgresql://"))
    return _connections.connection


@driver_app.get("/vloer/<sid>")
def driver_row(sid):
    connection = _connection()
    with connection.cursor() as cursor:
        row = cursor.execute("SELECT revision, answers FROM wizard_session WHERE id = %s", (sid,)).fetchone()
    connection.rollback()  # end the transaction the SELECT opened, as the app's requests do
    if row is None:
        abort(404)
    return str(row[0])
