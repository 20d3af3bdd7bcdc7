"""Persistence of questionnaire sessions: every step is saved as it is submitted.

A step is saved with compare-and-set against the session as it is stored now
(wizard/revisions.py): two tabs saving different steps both keep their answers. Each step form
names the revision its page showed (`seen`); saving a step that another tab saved after that
revision is refused with StepConflict. For that `answers[STEP_REVISIONS]` keeps, per step, the
revision of its last save (the profile keys are never named so; see steps.PROFILE_KEYS)."""

import sqlalchemy as sa
from flask import g

from wizard import audit, revisions
from wizard.extensions import db
from wizard.models import WizardSession

STEP_REVISIONS = "_revisies"  # reserved key in WizardSession.answers: step number (str) -> revision


class StepConflict(RuntimeError):
    """The step was saved elsewhere after the revision the user saw; nothing was written."""


def create(answers: dict | None = None, completed: list[int] | None = None,
           kb_version_id: int | None = None) -> str:
    """A new questionnaire, answered against knowledge-base version `kb_version_id`; returns its
    id, not a row: nothing reads it in this request. The INSERT is a statement built once rather
    than an object the ORM flushes (a third of the CPU of starting a questionnaire); the
    columns' defaults (revision, timestamps) still apply."""
    sid = db.session.execute(_INSERT, {"answers": answers or {}, "completed_steps": completed or [],
                                       "kb_version_id": kb_version_id}).inserted_primary_key[0]  # models.new_token
    db.session.commit()
    return sid


_INSERT = sa.insert(WizardSession.__table__)


def get_or_404(sid: str) -> WizardSession:
    """:raise 404: if no session has this id (ids are unguessable tokens, not numbers).

    The row stays referenced for the rest of the request (SQLAlchemy keeps loaded rows only
    weakly), so that the menu's 'Ga verder met' and the opened_at stamp (wizard/retention.py)
    find it loaded instead of asking the database again."""
    g.wizard_session = db.get_or_404(WizardSession, sid)
    return g.wizard_session


def save_step(session: WizardSession, number: int, part: dict, seen: int | None = None) -> None:
    """Store `part` (the answer keys of step `number` only) over the stored answers and mark the
    step done. `seen`: the revision the user's page showed (None: unknown, no conflict check).

    :raise StepConflict: if another tab saved this step with other answers after `seen`.
        Afterwards `session` holds what is stored, also when refused."""
    def change(fresh: WizardSession) -> dict | None:
        answers = fresh.answers
        if all(answers.get(k) == v for k, v in part.items()) and number in fresh.completed_steps:
            return None  # saved twice with the same answers: nothing to change, nothing to refuse
        stamps = answers.get(STEP_REVISIONS, {})
        if seen is not None and stamps.get(str(number), 0) > seen:
            raise StepConflict("Deze stap is intussen in een ander venster opgeslagen, met andere antwoorden. "
                               "Wat u hier invulde, staat nog in het formulier. Sla opnieuw op als u de "
                               "antwoorden uit het andere venster hierdoor wilt vervangen.")
        return {"answers": {**answers, **part, STEP_REVISIONS: {**stamps, str(number): fresh.revision + 1}},
                "completed_steps": sorted(set(fresh.completed_steps) | {number})}
    def log(before: WizardSession, values: dict) -> None:
        changed = {key: (before.answers.get(key), value) for key, value in part.items() if before.answers.get(key) != value}
        audit.record_now(f"antwoorden stap {number} opgeslagen", target=audit_target(session.id),
                         changes=changed or None, actor=g.get("actor"))
    try:
        revisions.apply(WizardSession, session.id, change, also=log, loaded=session)
    except revisions.WriteContended:
        raise StepConflict("Deze vragenlijst werd op hetzelfde moment ook elders opgeslagen; uw antwoorden "
                           "zijn nog niet bewaard. Sla opnieuw op.") from None


def next_open_step(session: WizardSession, count: int) -> int:
    """Where a resumed session continues: the first step not yet completed, else the overview."""
    return next((n for n in range(1, count + 1) if n not in session.completed_steps), count + 1)


def move_to_version(session: WizardSession, version_id: int) -> None:
    """Answer on against a newer knowledge base; answers it no longer knows stay stored (the
    overview names them) but no longer count."""
    audit.record("vragenlijst naar nieuwere kennisbank", target=audit_target(session.id),
                 changes={"kennisbankversie": (session.kb_version_id, version_id)}, actor=g.get("actor"))
    session.previous_kb_version_id, session.kb_version_id = session.kb_version_id, version_id
    db.session.commit()


def audit_target(sid: str) -> str:
    """How the audit log names a questionnaire: not by its id, which is the key to it."""
    return audit.secret_target("vragenlijst", sid)
