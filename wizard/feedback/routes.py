"""The public feedback form."""

from flask import render_template, request

from wizard.feedback import bp, service
from wizard.feedback.forms import FeedbackForm
from wizard.kb.access import knowledge_base

TOO_MANY = "U hebt kort na elkaar veel meldingen verstuurd. Probeer het over tien minuten opnieuw."


def _intervention(iid: str | None):
    return knowledge_base().interventions.get(iid) if iid else None


@bp.route("/feedback", methods=["GET", "POST"])
def report():
    form = FeedbackForm()
    if request.method == "GET":
        form.intervention_id.data = request.args.get("interventie", "")
        if form.intervention_id.data and not form.kind.data:
            form.kind.data = "verouderde-informatie"
    intervention = _intervention(form.intervention_id.data)
    if request.method == "POST":
        if service.rate_limited():
            return render_template("feedback/form.html", form=form, intervention=intervention,
                                   refusal=TOO_MANY), 429
        if form.validate():
            service.submit(form.kind.data, form.message.data, form.email.data,
                           intervention.id if intervention else None)
            return render_template("feedback/thanks.html", intervention=intervention)
        return render_template("feedback/form.html", form=form, intervention=intervention), 422
    return render_template("feedback/form.html", form=form, intervention=intervention)
