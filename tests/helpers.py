"""Small helpers shared by tests (fixtures live in conftest.py)."""

import sqlalchemy as sa

from wizard.extensions import db


def detached(app, model, key):
    """The row `key` of `model` as it is in the database now, usable outside the app context."""
    with app.app_context():
        row = db.session.get(model, key)
        db.session.expunge(row)
        return row


def sql_sent(app, send) -> tuple[object, list[str]]:
    """(the response of `send()`, each SQL statement it sent to the database, on one line)."""
    sent = []
    with app.app_context():
        listener = lambda conn, cursor, statement, *rest: sent.append(" ".join(statement.split()))  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = send()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
    return response, sent
