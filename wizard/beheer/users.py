"""/beheer/gebruikers: list, create, change role, (de)activate. The rules (no self lock-out,
audit log) live in wizard.accounts.services; these views translate."""

from flask import abort, flash, redirect, render_template, url_for
from flask_security import current_user

from wizard.accounts import services
from wizard.accounts.models import ADVISOR, User
from wizard.beheer import bp
from wizard.beheer.forms import ROLE_CHOICES, ActiveForm, ConfirmForm, NewUserForm, RoleForm
from wizard.extensions import db


def _page(new_form=None, status=200, link=None):
    # a new account starts with the least powerful role; after a created account the form is empty again
    new_form = new_form or NewUserForm(formdata=None, role=ADVISOR)
    return render_template("beheer/users.html", users=services.all_users(), new_form=new_form,
                           role_choices=ROLE_CHOICES, link=link), status


@bp.get("/gebruikers")
def users():
    return _page()


@bp.post("/gebruikers")
def create_user():
    form = NewUserForm()
    if not form.validate():
        return _page(form, 422)
    try:
        user = services.create_user(form.email.data, form.role.data)
    except services.AccountError as exc:
        form.email.errors.append(str(exc))
        return _page(form, 422)
    flash(f"Account aangemaakt voor {user.email}. Geef de persoon de link hieronder om een wachtwoord "
          "in te stellen.", "success")
    return _page(link=(user.email, services.reset_link(user)))


def _user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.post("/gebruikers/<int:user_id>/rol")
def change_role(user_id):
    user, form = _user(user_id), RoleForm()
    try:
        if not form.validate():
            raise services.AccountError("Kies een geldige rol.")
        services.set_role(user, form.role.data, current_user)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("beheer.users"))
    flash(f"De rol van {user.email} is nu {form.role.data}.", "success")
    return redirect(url_for("beheer.users"))


@bp.post("/gebruikers/<int:user_id>/actief")
def change_active(user_id):
    user, form = _user(user_id), ActiveForm()
    try:
        if not form.validate() or form.active.data not in ("ja", "nee"):
            raise services.AccountError("Ongeldige keuze voor actief.")
        services.set_active(user, form.active.data == "ja", current_user)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("beheer.users"))
    flash(f"Het account van {user.email} is {'geactiveerd' if user.active else 'gedeactiveerd'}.", "success")
    return redirect(url_for("beheer.users"))


@bp.post("/gebruikers/<int:user_id>/tweestapsverificatie")
def reset_two_factor(user_id):
    user = _user(user_id)
    try:
        if not ConfirmForm().validate():
            raise services.AccountError("Het formulier is verlopen; probeer het opnieuw.")
        services.reset_two_factor(user, current_user)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("beheer.users"))
    flash(f"De tweestapsverificatie van {user.email} is uitgezet; bij de volgende login stelt de persoon haar "
          "opnieuw in.", "success")
    return redirect(url_for("beheer.users"))


@bp.post("/gebruikers/<int:user_id>/herstellink")
def user_reset_link(user_id):
    user = _user(user_id)
    if not ConfirmForm().validate():
        abort(400)
    return _page(link=(user.email, services.reset_link(user)))
