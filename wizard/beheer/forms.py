"""Forms of /beheer/gebruikers."""

from wtforms import EmailField, HiddenField, SelectChoice, SelectField, SubmitField
from wtforms.validators import Email, InputRequired, Length

from wizard.accounts.models import ROLES
from wizard.feedback.forms import DutchForm

ROLE_CHOICES = [SelectChoice(name, name.capitalize()) for name in ROLES]


class NewUserForm(DutchForm):
    email = EmailField("E-mailadres", validators=[
        InputRequired("Vul het e-mailadres in."), Email("Vul een geldig e-mailadres in."),
        Length(max=255, message="Het e-mailadres is te lang.")])
    role = SelectField("Rol", choices=ROLE_CHOICES, validators=[InputRequired("Kies een rol.")])
    submit = SubmitField("Account aanmaken")


class RoleForm(DutchForm):
    role = SelectField("Rol", choices=ROLE_CHOICES, validators=[InputRequired("Kies een rol.")])
    submit = SubmitField("Rol opslaan")


class ActiveForm(DutchForm):
    active = HiddenField(validators=[InputRequired()])
    submit = SubmitField("Opslaan")


class ConfirmForm(DutchForm):
    """A button that only carries the CSRF token."""
    submit = SubmitField("Nieuwe herstellink maken")
