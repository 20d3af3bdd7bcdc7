"""/beheer/feedback: the inbox of reports and their handling."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_security import current_user

from wizard.beheer import bp
from wizard.extensions import db
from wizard.feedback import service
from wizard.feedback.forms import HandleForm
from wizard.feedback.models import STATUSES, FeedbackReport
from wizard.kb import drafts
from wizard.kb.access import knowledge_base


@bp.get("/feedback")
def feedback_inbox():
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        status = None
    return render_template("beheer/feedback_inbox.html", reports=service.inbox(status), status=status,
                           statuses=STATUSES, kb=knowledge_base())


def _page(report, form, status=200):
    draft = drafts.open_draft(db.session)
    return render_template("beheer/feedback_report.html", report=report, form=form, kb=knowledge_base(),
                           open_draft=f"concept {draft.id}" if draft else None), status


@bp.route("/feedback/<int:report_id>", methods=["GET", "POST"])
def feedback_report(report_id):
    report = db.session.get(FeedbackReport, report_id) or abort(404)
    form = HandleForm(obj=report)
    if request.method == "POST":
        if not form.validate():
            return _page(report, form, 422)
        if service.handle(report, form.status.data, form.note.data, form.draft_ref.data, current_user.email):
            flash("De melding is bijgewerkt.", "success")
        else:
            flash("Er was niets gewijzigd.", "info")
        return redirect(url_for("beheer.feedback_report", report_id=report.id))
    return _page(report, form)
