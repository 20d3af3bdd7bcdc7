"""Small helpers shared by tests (fixtures live in conftest.py)."""

from wizard.extensions import db


def detached(app, model, key):
    """The row `key` of `model` as it is in the database now, usable outside the app context."""
    with app.app_context():
        row = db.session.get(model, key)
        db.session.expunge(row)
        return row
