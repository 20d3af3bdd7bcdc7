"""Persistence of questionnaire sessions: every step is saved as it is submitted."""

from wizard.extensions import db
from wizard.models import WizardSession


def create(answers: dict | None = None, completed: list[int] | None = None,
           kb_version_id: int | None = None) -> WizardSession:
    """A new questionnaire, answered against knowledge-base version `kb_version_id`."""
    session = WizardSession(answers=answers or {}, completed_steps=completed or [], kb_version_id=kb_version_id)
    db.session.add(session)
    db.session.commit()
    return session


def get_or_404(sid: str) -> WizardSession:
    """:raise 404: if no session has this id (ids are unguessable tokens, not numbers)."""
    return db.get_or_404(WizardSession, sid)


def save_step(session: WizardSession, number: int, answers: dict) -> None:
    session.answers = answers
    session.completed_steps = sorted(set(session.completed_steps) | {number})
    db.session.commit()


def next_open_step(session: WizardSession, count: int) -> int:
    """Where a resumed session continues: the first step not yet completed, else the overview."""
    return next((n for n in range(1, count + 1) if n not in session.completed_steps), count + 1)


def move_to_version(session: WizardSession, version_id: int) -> None:
    """Answer on against a newer knowledge base; answers it no longer knows stay stored (the
    overview names them) but no longer count."""
    session.previous_kb_version_id, session.kb_version_id = session.kb_version_id, version_id
    db.session.commit()
