"""Retention: opening a page stamps opened_at; `bouwstenenwijzer opruimen` removes what was not
opened (nor changed) within BEWAARTERMIJN_MAANDEN, and `--droog` only counts.

On the shared test database: every other test's rows are fresh, so only the rows aged here are
ever old enough to be removed."""

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import make_app
from tests.helpers import detached, sql_sent
from tests.wizard.test_advice import make_advice
from tests.wizard.test_questionnaire import new_session
from wizard.extensions import db
from wizard.models import Advice, WizardSession
from wizard.retention import months_before, remove_unopened

UTC = timezone.utc


@pytest.mark.parametrize("moment, months, expected", [
    (datetime(2026, 12, 1, 9, 30, tzinfo=UTC), 18, datetime(2025, 6, 1, 9, 30, tzinfo=UTC)),
    (datetime(2026, 3, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
    (datetime(2024, 8, 31, tzinfo=UTC), 6, datetime(2024, 2, 29, tzinfo=UTC)),
    (datetime(2026, 1, 15, tzinfo=UTC), 1, datetime(2025, 12, 15, tzinfo=UTC)),
    (datetime(2026, 1, 15, tzinfo=UTC), 12, datetime(2025, 1, 15, tzinfo=UTC)),
])
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def age(app, model, key, days, opened=True):
    """Pretend the row was last changed (and opened) `days` ago."""
    moment = datetime.now(UTC) - timedelta(days=days)
    with app.app_context():
        values = {"updated_at": moment, "created_at": moment, "opened_at": moment if opened else None}
        db.session.execute(sa.update(model).where(model.id == key).values(**values))
        db.session.commit()


def opened_at(app, model, key) -> datetime:
    """opened_at as an aware datetime (SQLite gives it back without its time zone)."""
    value = detached(app, model, key).opened_at
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def exists(app, model, key) -> bool:
    with app.app_context():
        return db.session.get(model, key) is not None


def test_opening_a_page_renews_opened_at_at_most_daily(app):
    client = app.test_client()
    sid = new_session(client)
    age(app, WizardSession, sid, 400)
    client.get(f"/wizard/{sid}/stap/1")
    first = opened_at(app, WizardSession, sid)
    assert datetime.now(UTC) - first < timedelta(minutes=1)
    client.get(f"/wizard/{sid}/overzicht")
    assert opened_at(app, WizardSession, sid) == first  # within a day: no write


def test_a_page_opened_again_within_the_day_sends_no_write(app):
    """The stamp is judged from the row the page read already: only reads, no UPDATE."""
    client = app.test_client()
    sid = new_session(client)
    client.get(f"/wizard/{sid}/stap/2")
    response, sent = sql_sent(app, lambda: client.get(f"/wizard/{sid}/stap/2"))
    assert response.status_code == 200
    assert sent and all(statement.upper().startswith("SELECT") for statement in sent), sent


def test_opening_an_advice_stamps_it_but_a_failed_request_does_not(app):
    client = app.test_client()
    advice_id = make_advice(client)
    age(app, Advice, advice_id, 400)
    client.post(f"/advies/{advice_id}/notitie", data={"notitie": "\u202e"})  # refused: 422
    assert opened_at(app, Advice, advice_id) < datetime.now(UTC) - timedelta(days=399)
    client.get(f"/advies/{advice_id}")
    assert opened_at(app, Advice, advice_id) > datetime.now(UTC) - timedelta(minutes=1)


def test_opening_is_not_a_change(app):
    # "laatst gewijzigd" on the advice and on /trajecten must not move when someone only looks
    client = app.test_client()
    advice_id = make_advice(client)
    age(app, Advice, advice_id, 400)
    client.get(f"/advies/{advice_id}")
    updated = detached(app, Advice, advice_id).updated_at
    assert (updated if updated.tzinfo else updated.replace(tzinfo=UTC)) < datetime.now(UTC) - timedelta(days=399)


def test_opruimen_removes_only_what_was_not_opened_within_the_period(app):
    client = app.test_client()
    old_sid, recent_sid, never_opened_sid = new_session(client), new_session(client), new_session(client)
    old_advice, recent_advice = make_advice(client), make_advice(client)
    age(app, WizardSession, old_sid, 600)
    age(app, WizardSession, recent_sid, 500)       # ~16 months: within 18
    age(app, WizardSession, never_opened_sid, 600, opened=False)
    age(app, Advice, old_advice, 600)
    age(app, Advice, recent_advice, 30)
    old_advice_session = detached(app, Advice, old_advice).wizard_session_id
    recent_advice_session = detached(app, Advice, recent_advice).wizard_session_id
    age(app, WizardSession, old_advice_session, 600)
    age(app, WizardSession, recent_advice_session, 600)  # kept: its advice is still in use

    runner = app.test_cli_runner()
    dry = runner.invoke(args=["opruimen", "--droog"])
    assert dry.exit_code == 0 and "Zou verwijderen:" in dry.output and "bewaartermijn 18 maanden" in dry.output
    assert all(exists(app, WizardSession, s) for s in (old_sid, never_opened_sid, old_advice_session))
    assert exists(app, Advice, old_advice)

    result = runner.invoke(args=["opruimen"])
    assert result.exit_code == 0 and result.output.startswith("Verwijderd:"), result.output
    assert not exists(app, WizardSession, old_sid) and not exists(app, WizardSession, never_opened_sid)
    assert not exists(app, Advice, old_advice) and not exists(app, WizardSession, old_advice_session)
    assert exists(app, WizardSession, recent_sid) and exists(app, Advice, recent_advice)
    assert exists(app, WizardSession, recent_advice_session)


def test_the_dry_run_counts_exactly_what_the_real_run_removes(app):
    client = app.test_client()
    sids = [new_session(client) for _ in range(3)]
    for sid in sids:
        age(app, WizardSession, sid, 800)
    with app.app_context():
        counted = remove_unopened(18, dry_run=True)
        assert counted.sessions >= 3
        removed = remove_unopened(18)
        assert (removed.sessions, removed.advices) == (counted.sessions, counted.advices)
        assert remove_unopened(18, dry_run=True).sessions == 0


def test_the_period_is_configurable(tmp_path, app):
    client = app.test_client()
    sid = new_session(client)
    age(app, WizardSession, sid, 100)
    short = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], BEWAARTERMIJN_MAANDEN="3")
    result = short.test_cli_runner().invoke(args=["opruimen"])
    assert "bewaartermijn 3 maanden" in result.output
    assert not exists(app, WizardSession, sid)


def test_every_token_page_is_stamped(app):
    """The token URL arguments of wizard/security.py (no-store) and of the opened_at stamp agree,
    and every one names a view argument of some route."""
    from wizard.retention import TOKEN_MODELS
    from wizard.security import TOKEN_ARGS
    assert set(TOKEN_MODELS) == TOKEN_ARGS
    used = {arg for rule in app.url_map.iter_rules() for arg in rule.arguments}
    assert TOKEN_ARGS <= used
