"""/beheer/concept: the open draft with every change, publishing it as a new knowledge-base
version (which the catalogue and new advices read at once) or discarding it; and the dashboard
panels about the draft and the interventions due for review."""

from datetime import date, datetime, timedelta

from flask import flash, redirect, render_template, url_for
from flask_security import current_user

from wizard import audit
from wizard.beheer import bp
from wizard.beheer.dashboard import PANELS, Panel
from wizard.beheer.kb_forms import DiscardForm, PublishForm
from wizard.extensions import db
from wizard.kb import drafts
from wizard.kb.access import knowledge_base

REVIEW_AFTER = timedelta(days=365)


@bp.app_template_filter("iso_moment")
def moment_of(iso: str) -> datetime:
    """A moment stored as ISO text (a draft's change log), for the `datum` filter."""
    return datetime.fromisoformat(iso)


def _page(publish=None, discard=None, status=200):
    return render_template("beheer/draft.html", draft=drafts.open_draft(db.session), publish=publish or PublishForm(),
                           discard=discard or DiscardForm()), status


@bp.get("/concept")
def draft():
    return _page()


@bp.post("/concept/publiceren")
def publish_draft():
    form, draft = PublishForm(), drafts.open_draft(db.session)
    if draft is None:
        flash("Er is geen open concept.", "info")
        return redirect(url_for("beheer.draft"))
    if not form.validate():
        return _page(publish=form, status=422)
    note = (form.notitie.data or "").strip() or None
    try:
        version = drafts.publish_draft(db.session, draft, current_user.email, note)
    except drafts.DraftRefused as refused:
        db.session.rollback()
        form.notitie.errors = [message for _, message in refused.errors]
        return _page(publish=form, status=422)
    audit.record("kennisbank gepubliceerd", target=f"kennisbankversie:{version.id}",
                 changes={"concept": (None, draft.id), "wijzigingen": (None, len(draft.changes))}, reason=note)
    for record in dict.fromkeys(c["record"] for c in draft.changes if c["record"].startswith("interventie:")):
        audit.record("interventie gepubliceerd", target=record, changes={"versie": (draft.base_version_id, version.id)},
                     reason=note)
    db.session.commit()
    flash(f"Het concept is gepubliceerd als versie {version.id}; de catalogus en nieuwe adviezen gebruiken die nu.",
          "success")
    return redirect(url_for("beheer.draft"))


@bp.post("/concept/verwerpen")
def discard_draft():
    form, draft = DiscardForm(), drafts.open_draft(db.session)
    if draft is None:
        flash("Er is geen open concept.", "info")
        return redirect(url_for("beheer.draft"))
    if not form.validate():
        return _page(discard=form, status=422)
    drafts.discard(draft)
    audit.record("concept verworpen", target=f"concept:{draft.id}", changes={"wijzigingen": (len(draft.changes), 0)},
                 reason=form.reden.data.strip())
    db.session.commit()
    flash("Het concept is verworpen; de gepubliceerde versie is ongewijzigd.", "success")
    return redirect(url_for("beheer.draft"))


def _waiting_draft() -> dict:
    draft = drafts.open_draft(db.session)
    return {"draft": draft, "changes": len(draft.changes) if draft else 0}


def due_for_review(today: date | None = None) -> list:
    """Interventions in use whose herzien_op is empty or more than 12 months ago, oldest first
    (never reviewed before all others)."""
    limit = (today or date.today()) - REVIEW_AFTER
    due = [i for i in knowledge_base().interventions.values()
           if not i.withdrawn and (i.reviewed_on is None or i.reviewed_on < limit)]
    return sorted(due, key=lambda i: (i.reviewed_on is not None, i.reviewed_on or date.min, i.name.lower()))


def _review() -> dict:
    return {"interventions": due_for_review()}


PANELS += [
    Panel("concept", "Concept wacht op publicatie", "beheer/panels/_draft.html", _waiting_draft),
    Panel("herzien", "Te herzien", "beheer/panels/_review.html", _review),
]
