"""Forms of the trajectory pages; every message is Dutch and names its field."""

from datetime import date

from wtforms import DateField, HiddenField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from wizard.questionnaire.forms import DutchForm
from wizard.trajectory.models import STATUSES, TOKEN_KINDS
from wizard.validators import StorableText

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


class NewTrajectoryForm(DutchForm):
    municipality = StringField("Naam van de gemeente", filters=[lambda value: value.strip() if value else value],
                               validators=[DataRequired("Vul de naam van de gemeente in."),
        Length(max=120, message="Gebruik hoogstens 120 tekens."), StorableText()])
    questionnaire = StringField("Bestaande vragenlijst (niet verplicht)", validators=[
        Optional(), Length(max=500, message="Gebruik hoogstens 500 tekens."), StorableText()],
        description="Plak de link of de code van een vragenlijst die de gemeente al invulde om die in het "
                    "traject op te nemen. Leeg: het traject krijgt een nieuwe vragenlijst. Let op: daarna "
                    "werkt de oude link van die vragenlijst alleen nog met een uitnodigingslink.")


class NextStepForm(DutchForm):
    text = StringField("Afspraak", validators=[
        InputRequired("Beschrijf de afspraak."),
        Length(max=500, message="Gebruik hoogstens 500 tekens."), StorableText()])
    due = DateField("Datum", format=["%Y-%m-%d", "%d-%m-%Y"], validators=[InputRequired("Vul een datum in.")],
                    invalid_value_message="Vul een geldige datum in, bijvoorbeeld 15-01-2027.",
                    description="Bijvoorbeeld 15-01-2027 of 2027-01-15.")

    def validate_due(self, field) -> None:
        if field.data is not None and not EARLIEST <= field.data <= LATEST:
            raise ValidationError("Vul een datum tussen 2000 en 2100 in.")


class StepDoneForm(DutchForm):
    step = HiddenField(validators=[InputRequired()])
    done = HiddenField(validators=[InputRequired()])


class TokenForm(DutchForm):
    kind = HiddenField(validators=[InputRequired()])

    def validate_kind(self, field) -> None:
        if field.data not in TOKEN_KINDS:
            raise ValidationError("Onbekende soort link.")


class StatusForm(DutchForm):
    status = HiddenField(validators=[InputRequired()])

    def validate_status(self, field) -> None:
        if field.data not in STATUSES:
            raise ValidationError("Onbekende status.")
