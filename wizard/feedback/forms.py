"""The public feedback form and the beheerder's handling form."""

from flask_wtf import FlaskForm
from wtforms import (EmailField, HiddenField, RadioField, SelectChoice, SelectField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import Email, InputRequired, Length, Optional

from wizard.feedback.models import KINDS, STATUSES


def choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class DutchForm(FlaskForm):
    class Meta:
        locales = ["nl_NL", "nl"]


class FeedbackForm(DutchForm):
    kind = RadioField("Wat wilt u melden?", choices=choices(KINDS),
                      validators=[InputRequired("Kies wat u wilt melden.")])
    intervention_id = HiddenField()
    message = TextAreaField("Uw melding", validators=[
        InputRequired("Schrijf wat er ontbreekt of niet klopt."),
        Length(max=2000, message="Uw melding is te lang: gebruik hoogstens 2000 tekens.")])
    email = EmailField("E-mailadres (niet verplicht)", validators=[
        Optional(), Email("Vul een geldig e-mailadres in, of laat het veld leeg."),
        Length(max=255, message="Het e-mailadres is te lang.")],
        description="Alleen als u een antwoord wilt. We vragen verder geen gegevens.")
    submit = SubmitField("Melding versturen")


class HandleForm(DutchForm):
    status = SelectField("Status", choices=choices(STATUSES),
                         validators=[InputRequired("Kies een status.")])
    note = TextAreaField("Notitie of antwoord", validators=[
        Optional(), Length(max=5000, message="De notitie is te lang: gebruik hoogstens 5000 tekens.")])
    draft_ref = StringField("Concept dat de melding oplost", validators=[
        Optional(), Length(max=200, message="De verwijzing naar het concept is te lang (hoogstens 200 tekens).")],
        description="Een verwijzing naar de conceptwijziging, bijvoorbeeld het nummer van het concept.")
    submit = SubmitField("Opslaan")
