"""Extensions, created unbound and bound to the app in create_app()."""

import json

import orjson
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from htmx_flask import Htmx
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def json_text(value) -> str:
    """JSON columns are written with orjson: an advice is two ~50 kB documents, and the json
    module took ~1.5 ms of CPU to write them per compose. Like json.dumps it writes non-string
    keys as strings; it writes no spaces, which JSON and every reader ignore."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def json_value(text: str | bytes):
    """JSON columns are read with orjson too: an advice page or the B&W page parses the advice's
    two documents, ~0.45 ms of CPU with the json module. Rows the json module wrote may hold what
    orjson refuses (NaN, Infinity, integers beyond 64 bits): those are read as before."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


# the config's SQLALCHEMY_ENGINE_OPTIONS add to these (Flask-SQLAlchemy merges them)
db = SQLAlchemy(model_class=Base, engine_options={"json_serializer": json_text, "json_deserializer": json_value})
migrate = Migrate()
csrf = CSRFProtect()
htmx = Htmx()
