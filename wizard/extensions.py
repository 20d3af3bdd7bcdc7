"""Extensions, created unbound and bound to the app in create_app()."""

import orjson
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from htmx_flask import Htmx
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def _json_text(value) -> str:
    """JSON columns are written with orjson: an advice is two ~50 kB documents, and the json
    module took ~1.5 ms of CPU to write them per compose. Like json.dumps it writes non-string
    keys as strings; it writes no spaces, which JSON and every reader ignore."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


# the config's SQLALCHEMY_ENGINE_OPTIONS add to these (Flask-SQLAlchemy merges them)
db = SQLAlchemy(model_class=Base, engine_options={"json_serializer": _json_text})
migrate = Migrate()
csrf = CSRFProtect()
htmx = Htmx()
