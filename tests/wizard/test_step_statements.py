"""What saving a step asks of the database: the row the request read is the first attempt of the
compare-and-set (wizard/revisions.py apply), so a save is one read and one write."""

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from tests.helpers import sql_sent
from tests.wizard.test_questionnaire import STEP1, STEP2, new_session, stored
from wizard.extensions import db
from wizard.models import WizardSession


def statements(app, send) -> list[str]:
    """The kind (SELECT, UPDATE, ...) of each statement `send()` sent."""
    return [statement.split()[0].upper() for statement in sql_sent(app, send)[1]]


def test_saving_a_step_reads_the_session_once_and_writes_it_once(app, client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    sent = statements(app, lambda: client.post(f"/wizard/{sid}/stap/2", data=STEP2))
    assert sent.count("UPDATE") == 1 and sent.count("SELECT") <= 2, sent  # + the newest version, if asked
    assert stored(app, sid).answers["doelgroepen"] == STEP2["doelgroepen"]
    assert stored(app, sid).completed_steps == [1, 2]


def test_a_saved_step_raises_the_revision_and_stamps_updated_at(app, client):
    sid = new_session(client)
    with app.app_context():  # as if the questionnaire was last saved a year ago
        db.session.execute(sa.update(WizardSession).where(WizardSession.id == sid)
                           .values(updated_at=datetime(2025, 1, 1, tzinfo=timezone.utc)))
        db.session.commit()
    before = stored(app, sid)
    assert client.post(f"/wizard/{sid}/stap/1", data=STEP1).status_code == 303
    after = stored(app, sid)
    assert after.revision == before.revision + 1 and after.answers["gemeente"] == STEP1["gemeente"]
    assert after.updated_at.replace(tzinfo=timezone.utc) > datetime.now(timezone.utc) - timedelta(minutes=5)
