"""Retention: wizard sessions and advices that nobody opened for BEWAARTERMIJN_MAANDEN are removed
by `bouwstenenwijzer opruimen` (run it daily from cron); `--droog` only counts.

"Opened" is a successful GET of one of its pages, recorded here in `opened_at` by an after-request
hook, so no view has to remember it. The stamp is renewed at most once a day: an 18-month period
needs no finer clock, and most page views then cost no write."""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import click
import sqlalchemy as sa
from flask import Flask, Response, current_app, request
from flask.cli import with_appcontext

from wizard.extensions import db
from wizard.models import Advice, AdviceVersion, WizardSession

# the URL argument that names each kind of stored item
TOKEN_MODELS = {"sid": WizardSession, "advice_id": Advice}
STAMP_GRANULARITY = timedelta(days=1)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` calendar months earlier (the 31st becomes the month's last day)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    next_month = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=moment.tzinfo)
    last_day = (next_month - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def mark_opened(model, key: str, now: datetime | None = None) -> None:
    """Record that the item `key` of `model` was opened (a no-op if stamped within a day)."""
    now = now or _now()
    if _stamped_since(model, key, now - STAMP_GRANULARITY):
        return  # the view read the row in this request: no statement (and no commit) at all
    db.session.execute(sa.update(model)
                       .where(model.id == key)
                       .where(sa.or_(model.opened_at.is_(None), model.opened_at < now - STAMP_GRANULARITY))
                       # updated_at names the last change: opening a page changes nothing
                       .values(opened_at=now, updated_at=model.updated_at)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def _stamped_since(model, key: str, since: datetime) -> bool:
    """Whether the copy of the row this request already loaded says it was opened after `since`.
    Only a loaded, unexpired copy counts: asking would cost the query this saves."""
    row = db.session.identity_map.get(db.session.identity_key(model, key))
    stamp = sa.inspect(row).dict.get("opened_at") if row is not None else None
    if stamp is None:
        return False
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)) >= since  # SQLite drops the zone


@dataclass(frozen=True)
class Removal:
    cutoff: datetime
    sessions: int
    advices: int


def remove_unopened(months: int, dry_run: bool = False, now: datetime | None = None) -> Removal:
    """Remove (or with dry_run only count) the advices and wizard sessions neither opened nor
    changed since `months` months before `now`. A session is kept while an advice made from it is
    kept, so that the advice's link back to its answers keeps working."""
    cutoff = months_before(now or _now(), months)

    def stale(model):
        return sa.and_(sa.or_(model.opened_at.is_(None), model.opened_at < cutoff), model.updated_at < cutoff)

    old_advices = sa.select(Advice.id).where(stale(Advice))
    kept_advice_sessions = (sa.select(Advice.wizard_session_id)
                            .where(Advice.wizard_session_id.is_not(None)).where(sa.not_(stale(Advice))))
    old_sessions = sa.select(WizardSession.id).where(stale(WizardSession)) \
        .where(WizardSession.id.not_in(kept_advice_sessions))
    removal = Removal(cutoff, _count(old_sessions), _count(old_advices))
    if not dry_run:
        session_ids = list(db.session.scalars(old_sessions))
        # the foreign key cascades on PostgreSQL; SQLite runs without foreign keys, so say it here
        db.session.execute(sa.delete(AdviceVersion).where(AdviceVersion.advice_id.in_(old_advices)))
        db.session.execute(sa.delete(Advice).where(Advice.id.in_(old_advices)))
        for start in range(0, len(session_ids), 500):
            db.session.execute(sa.delete(WizardSession).where(WizardSession.id.in_(session_ids[start:start + 500])))
        db.session.commit()
    return removal


def _count(query) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))


@click.command("opruimen")
@with_appcontext
@click.option("--droog", is_flag=True, help="Tel alleen wat verwijderd zou worden; verwijder niets.")
def opruimen(droog):
    """Verwijder vragenlijsten en adviezen die langer dan BEWAARTERMIJN_MAANDEN niet zijn geopend."""
    months = current_app.config["BEWAARTERMIJN_MAANDEN"]
    removal = remove_unopened(months, dry_run=droog)
    verb = "Zou verwijderen" if droog else "Verwijderd"
    click.echo(f"{verb}: {removal.sessions} vragenlijst(en) en {removal.advices} advies/adviezen, "
               f"niet geopend sinds {removal.cutoff:%Y-%m-%d} (bewaartermijn {months} maanden).")


def register(app: Flask) -> None:
    app.cli.add_command(opruimen)

    @app.after_request
    def stamp_opened(response: Response) -> Response:
        if request.method == "GET" and response.status_code == 200 and request.view_args:
            for arg, model in TOKEN_MODELS.items():
                if arg in request.view_args:
                    mark_opened(model, request.view_args[arg])
        return response
