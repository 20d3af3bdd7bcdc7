"""Forms of the knowledge-base pages under /beheer other than the intervention form: retiring,
publishing or discarding the draft, and the spreadsheet import."""

from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from wizard.feedback.forms import DutchForm
from wizard.validators import StorableText

MAX_SHEET_BYTES = 1_000_000


def strip(value):
    """A reason of only spaces is no reason."""
    return value.strip() if isinstance(value, str) else value


def _reason(label="Reden", message="Geef een reden."):
    return TextAreaField(label, filters=[strip], validators=[DataRequired(message), StorableText(),
                                            Length(max=2000, message="De reden is te lang: gebruik hoogstens 2000 tekens.")])


class RetireForm(DutchForm):
    reden = _reason("Reden van het terugtrekken", "Geef een reden waarom de interventie wordt teruggetrokken.")
    submit = SubmitField("Interventie terugtrekken")


class PublishForm(DutchForm):
    notitie = TextAreaField("Notitie bij de nieuwe versie (niet verplicht)", validators=[
        Optional(), StorableText(), Length(max=2000, message="De notitie is te lang: gebruik hoogstens 2000 tekens.")])
    submit = SubmitField("Publiceren")


class DiscardForm(DutchForm):
    reden = _reason("Reden van het verwerpen", "Geef een reden waarom het concept wordt verworpen.")
    submit = SubmitField("Concept verwerpen")


class ImportForm(DutchForm):
    """Step one shows a preview of the sheet; step two sends the same file again with a reason
    (`voorbeeld` holds the checksum of the previewed file, so what is applied is what was seen)."""
    bestand = FileField("Spreadsheet (.xlsx)", validators=[
        FileRequired("Kies een spreadsheet om in te lezen."),
        FileAllowed(["xlsx"], "Alleen een Excel-werkmap (.xlsx) kan worden ingelezen."),
        FileSize(max_size=MAX_SHEET_BYTES, message="Het bestand is te groot (hoogstens 1 MB).")])
    voorbeeld = HiddenField()
    reden = TextAreaField("Reden van de wijzigingen", validators=[
        Optional(), StorableText(), Length(max=2000, message="De reden is te lang: gebruik hoogstens 2000 tekens.")],
        description="Verplicht bij het toepassen; komt in het audit log en bij het concept.")
    preview = SubmitField("Voorbeeld tonen")
    apply = SubmitField("Wijzigingen toepassen op het concept")
