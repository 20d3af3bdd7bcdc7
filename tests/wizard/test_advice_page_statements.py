"""What opening an advice asks of the database: the trajectory guard's query loads the advice,
and the view and the opened_at stamp (wizard/retention.py) reuse that row, so a page read within
a day of the last one reads the advice once and writes nothing."""

import pytest
import sqlalchemy as sa

from tests.wizard.test_advice import make_advice
from wizard.extensions import db


def statements(app, send) -> list[str]:
    sent = []
    with app.app_context():
        listener = lambda conn, cursor, statement, *rest: sent.append(" ".join(statement.split()))  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = send()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return sent


@pytest.mark.parametrize("suffix", ["", "/b-en-w"])
def test_an_advice_page_reads_the_advice_once_and_writes_nothing_when_opened_today(app, client, suffix):
    aid = make_advice(client)
    client.get(f"/advies/{aid}")  # stamps opened_at, if composing did not
    sent = statements(app, lambda: client.get(f"/advies/{aid}{suffix}"))
    reads = [s for s in sent if s.startswith("SELECT") and " FROM advice" in s and "advice.current" in s]
    assert len(reads) == 1, sent
    assert not [s for s in sent if s.split()[0] in ("UPDATE", "INSERT", "DELETE")], sent
