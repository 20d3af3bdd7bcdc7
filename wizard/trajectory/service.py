"""What can happen to a trajectory: start or adopt a questionnaire, replace a token, add and tick
off next steps, change the status. Every write goes through compare-and-set
(wizard/revisions.py) and is logged (wizard/audit.py) under the target 'traject:<id>'."""

import secrets
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import g
from sqlalchemy.exc import IntegrityError

from wizard import audit, revisions
from wizard.extensions import db
from wizard.kb.access import newest_id
from wizard.models import Advice, WizardSession, could_be_token
from wizard.questionnaire import sessions
from wizard.trajectory.models import EDIT, FINISHED, READ, STATUSES, Trajectory, new_invitation_token

KIND_NAMES = {EDIT: "bewerklink", READ: "leeslink"}


class TrajectoryRefused(ValueError):
    """The change cannot be made; the message is Dutch and says why. Nothing was written."""


def target(trajectory: Trajectory) -> str:
    return f"traject:{trajectory.id}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def of_session(sid: str | None) -> Trajectory | None:
    if not sid:
        return None
    return db.session.scalar(sa.select(Trajectory).where(Trajectory.wizard_session_id == sid))


def of_advice(advice_id: str) -> Trajectory | None:
    sid = db.session.scalar(sa.select(Advice.wizard_session_id).where(Advice.id == advice_id))
    return of_session(sid)


def loading_trajectory_of(model: type[WizardSession] | type[Advice], key: str) -> Trajectory | None:
    """The trajectory of questionnaire or advice `key`, in the one query that also loads the
    questionnaire or advice itself: the guard runs before every such page, and the view then
    finds its row in the session (db.session.get asks the database no more)."""
    row = db.session.execute(_WITH_TRAJECTORY[model], {"key": key}).first()
    if row is None:
        return None
    # the session's identity map holds rows weakly: keep this one referenced for the request, or
    # it is gone before the view asks (sessions.get_or_404 keeps its own row the same way)
    if model is WizardSession:
        g.wizard_session = row[0]
    else:
        g.advice = row[0]
    return row[1]


# built once: on a step page constructing the statement cost a third of running it
_WITH_TRAJECTORY = {
    model: sa.select(model, Trajectory).outerjoin(Trajectory, Trajectory.wizard_session_id == link)
    .where(model.id == sa.bindparam("key"))
    for model, link in ((WizardSession, WizardSession.id), (Advice, Advice.wizard_session_id))}


def by_token(token: str) -> tuple[Trajectory, str] | None:
    """The trajectory whose current edit or read token is `token`, and which kind it is."""
    if not token:
        return None
    trajectory = db.session.scalar(sa.select(Trajectory).where(
        sa.or_(Trajectory.edit_token == token, Trajectory.read_token == token)))
    if trajectory is None:
        return None
    return trajectory, (EDIT if secrets.compare_digest(trajectory.edit_token, token) else READ)


def owned_by(user_id: int) -> list[Trajectory]:
    return list(db.session.scalars(sa.select(Trajectory).where(Trajectory.owner_id == user_id)
                                   .order_by(Trajectory.status.desc(), Trajectory.updated_at.desc())))


def advice_of(trajectory: Trajectory) -> Advice | None:
    """The advice composed from the trajectory's questionnaire (the newest, should there be more)."""
    if not trajectory.wizard_session_id:
        return None
    return db.session.scalar(sa.select(Advice).where(Advice.wizard_session_id == trajectory.wizard_session_id)
                             .order_by(Advice.created_at.desc(), Advice.id).limit(1))


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def last_change(trajectory: Trajectory) -> datetime:
    """The newest change of the trajectory, its questionnaire or its advice."""
    questionnaire = db.session.get(WizardSession, trajectory.wizard_session_id) if trajectory.wizard_session_id else None
    advice = advice_of(trajectory)
    moments = [trajectory.updated_at, questionnaire and questionnaire.updated_at, advice and advice.updated_at]
    return max(_aware(m) for m in moments if m is not None)


def session_id_from(reference: str) -> str:
    """The questionnaire id in what an adviseur pasted: the id itself, or a link to any of its
    pages (https://.../wizard/<id>/stap/2)."""
    reference = reference.strip()
    try:
        parts = [p for p in urlsplit(reference).path.split("/") if p]
    except ValueError:  # not a URL after all (e.g. 'http://[::1'): no questionnaire is named
        return ""
    if "wizard" in parts and parts.index("wizard") + 1 < len(parts):
        return parts[parts.index("wizard") + 1]
    return parts[-1] if parts else ""


def start(owner, municipality: str, questionnaire: str | None = None) -> Trajectory:
    """A new trajectory of `owner` for `municipality`, with a new questionnaire (its first
    answer, the municipality, filled in) or, when `questionnaire` names one, that one.

    :raise TrajectoryRefused: if the named questionnaire does not exist or is already in a trajectory."""
    municipality = municipality.strip()
    if questionnaire:
        sid = session_id_from(questionnaire)
        if not could_be_token(sid) or db.session.get(WizardSession, sid) is None:
            raise TrajectoryRefused("Er is geen vragenlijst met deze link of code. Controleer wat u plakte.")
        if of_session(sid) is not None:
            raise TrajectoryRefused("Deze vragenlijst hoort al bij een adviestraject.")
    else:
        sid = sessions.create({"gemeente": municipality}, kb_version_id=newest_id())
    trajectory = Trajectory(municipality=municipality, owner_id=owner.id, wizard_session_id=sid, next_steps=[])
    db.session.add(trajectory)
    try:
        db.session.flush()
    except IntegrityError:  # another adviseur adopted the same questionnaire a moment earlier
        db.session.rollback()
        raise TrajectoryRefused("Deze vragenlijst hoort al bij een adviestraject.") from None
    audit.record("adviestraject gestart", target=target(trajectory),
                 changes={"gemeente": (None, municipality), "vragenlijst": (None, "overgenomen" if questionnaire else "nieuw")})
    if questionnaire:
        audit.record("vragenlijst overgenomen in adviestraject", target=target(trajectory))
    db.session.commit()
    return trajectory


def _write(trajectory: Trajectory, change, log=None) -> Trajectory:
    """Write `change` with compare-and-set; `log(before, values)` adds the audit line of a write
    that happened, in its transaction (a change that was already so, or a lost race, logs nothing)."""
    def also(before: Trajectory, values: dict) -> None:
        event, details = log(before, values)
        audit.record(event, target=target(before), **details)
    try:
        return revisions.apply(Trajectory, trajectory.id, change, also=also if log else None)
    except revisions.WriteContended:
        raise TrajectoryRefused("Het traject werd op hetzelfde moment ook door anderen gewijzigd; uw wijziging "
                                "is niet opgeslagen. Probeer het nog eens.") from None


def replace_token(trajectory: Trajectory, kind: str) -> Trajectory:
    """Revoke the `kind` link (bewerken or lezen) and make a new one: the old one stops working at
    the next request of whoever holds it, on every app server (wizard/trajectory/access.py)."""
    column = "edit_token" if kind == EDIT else "read_token"
    return _write(trajectory, lambda fresh: {column: new_invitation_token()},
                  lambda before, values: ("uitnodigingslink ingetrokken en vervangen",
                                          {"changes": {"link": (KIND_NAMES[kind], KIND_NAMES[kind])},
                                           "reason": f"De oude {KIND_NAMES[kind]} werkt niet meer."}))


def set_status(trajectory: Trajectory, status: str) -> Trajectory:
    if status not in STATUSES:
        raise TrajectoryRefused("Onbekende status; er is niets gewijzigd.")
    return _write(trajectory, lambda fresh: None if fresh.status == status else {"status": status},
                  lambda before, values: ("status adviestraject gewijzigd",
                                          {"changes": {"status": (before.status, status)}}))


def add_step(trajectory: Trajectory, text: str, due: date, author: str) -> Trajectory:
    """Append a next step; computed from the stored list, so a step someone else added meanwhile stays."""
    step = {"id": secrets.token_hex(6), "tekst": text.strip(), "datum": due.isoformat(), "klaar": False,
            "door": author, "op": _stamp(_now())}
    return _write(trajectory, lambda fresh: {"next_steps": [*fresh.next_steps, step]},
                  lambda before, values: ("vervolgafspraak toegevoegd",
                                          {"changes": {"vervolgafspraak": (None, f"{step['datum']}: {step['tekst']}")}}))


def mark_step(trajectory: Trajectory, step_id: str, done: bool, author: str) -> Trajectory:
    """Mark a next step done (or open again).

    :raise TrajectoryRefused: if the trajectory has no such step."""
    def change(fresh: Trajectory) -> dict | None:
        steps = [dict(s) for s in fresh.next_steps]
        step = next((s for s in steps if s["id"] == step_id), None)
        if step is None:
            raise TrajectoryRefused("Deze vervolgafspraak bestaat niet (meer); er is niets gewijzigd.")
        if step["klaar"] == done:
            return None
        step.update(klaar=done, afgerond_door=author if done else None, afgerond_op=_stamp(_now()) if done else None)
        return {"next_steps": steps}

    def log(before: Trajectory, values: dict) -> tuple[str, dict]:
        text = next(s["tekst"] for s in before.next_steps if s["id"] == step_id)
        return ("vervolgafspraak afgerond" if done else "vervolgafspraak heropend",
                {"changes": {"vervolgafspraak": (text, "afgerond" if done else "open")}})
    return _write(trajectory, change, log)


def is_finished(trajectory: Trajectory) -> bool:
    return trajectory.status == FINISHED

